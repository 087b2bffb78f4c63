// Offers a new version instead of reloading under the user; says when the app is ready offline.
import { Show } from 'solid-js';
import { useRegisterSW } from 'virtual:pwa-register/solid';

export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW({ immediate: true });

  return (
    <Show when={needRefresh() || offlineReady()}>
      <div class="toast" role="status" aria-live="polite">
        <Show
          when={needRefresh()}
          fallback={
            <>
              <span>Ready to work offline.</span>
              <button type="button" onClick={() => setOfflineReady(false)}>OK</button>
            </>
          }
        >
          <span>Update available.</span>
          <button type="button" onClick={() => void updateServiceWorker(true)}>Reload</button>
          <button type="button" onClick={() => setNeedRefresh(false)}>Later</button>
        </Show>
      </div>
    </Show>
  );
}
