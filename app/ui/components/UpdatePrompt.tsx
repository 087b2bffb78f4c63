// Offers a new version instead of reloading under the user; says when the app is ready offline.
// Rendered in the top bar: the update offer is a fixed toast (a question the user answers), the
// offline notice a line of the top bar itself (news), so it never lies over a control.
import { Show, createEffect, createSignal, onCleanup } from 'solid-js';
import { useRegisterSW } from 'virtual:pwa-register/solid';

/** How often an open tab asks for a new version: installed apps stay open for days. */
const UPDATE_CHECK_MS = 60 * 60 * 1000;
/** After "Later", how long before the waiting version is offered again in this tab. */
const LATER_MS = 24 * 60 * 60 * 1000;
/** How long "Ready to work offline" stays up (OK dismisses it sooner). */
export const OFFLINE_NOTICE_MS = 6_000;
/** After Reload, how long to wait for the new version to take over before reloading regardless. */
const RELOAD_FALLBACK_MS = 10_000;

/**
 * Reload onto the waiting version. workbox-window reloads on its own "controlling" event, but only
 * when its registration object already knows the waiting worker; this asks the worker directly too
 * (the message the generated sw.js listens for) and reloads on the page's own controllerchange, so a
 * click right after a page load is never lost. With no waiting worker (another tab activated it),
 * a plain reload shows the new version.
 */
async function reloadOntoWaiting(update: (reloadPage?: boolean) => Promise<void>): Promise<void> {
  const sw = navigator.serviceWorker;
  const waiting = sw ? (await sw.getRegistration().catch(() => undefined))?.waiting : null;
  if (!sw || !waiting) {
    location.reload();
    return;
  }
  let reloaded = false;
  const reload = () => {
    if (reloaded) return;
    reloaded = true;
    location.reload();
  };
  sw.addEventListener('controllerchange', reload, { once: true });
  // The worker's own state too: a controllerchange can be missed when the page was between clients.
  waiting.addEventListener('statechange', () => {
    if (waiting.state === 'activated') reload();
  });
  // Chromium activates only once the old worker has finished what it was doing; should that take
  // long, reload anyway: the new worker, told to skip waiting, takes over as soon as it can, and
  // the reloaded page offers the update again if it is still waiting then.
  setTimeout(reload, RELOAD_FALLBACK_MS);
  waiting.postMessage({ type: 'SKIP_WAITING' });
  await update(true);
}

export function UpdatePrompt() {
  let timer: ReturnType<typeof setInterval> | undefined;
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW({
    immediate: true,
    onRegisteredSW(_url, registration) {
      if (!registration) return;
      // A found update only installs and waits; the prompt below lets the user choose when to reload.
      timer = setInterval(() => {
        if (navigator.onLine) void registration.update().catch(() => undefined);
      }, UPDATE_CHECK_MS);
    },
  });
  onCleanup(() => clearInterval(timer));
  // "Ready offline" is news, not a question: it goes away by itself and never blocks a tap.
  let hide: ReturnType<typeof setTimeout> | undefined;
  createEffect(() => {
    clearTimeout(hide);
    if (offlineReady()) hide = setTimeout(() => setOfflineReady(false), OFFLINE_NOTICE_MS);
  });
  onCleanup(() => clearTimeout(hide));

  // "Later" holds for a day in this tab: workbox may report the same waiting worker more than once
  // (an update check, a re-fired "waiting"), and the prompt must not come straight back.
  const [laterUntil, setLaterUntil] = createSignal(0);
  const offerUpdate = () => needRefresh() && Date.now() >= laterUntil();

  return (
    <Show
      when={offerUpdate()}
      fallback={
        <Show when={offlineReady()}>
          <div class="offline-note" role="status" aria-live="polite">
            <span>Ready to work offline.</span>
            <button type="button" class="secondary" onClick={() => setOfflineReady(false)}>OK</button>
          </div>
        </Show>
      }
    >
      <div class="toast" role="status" aria-live="polite">
        <span>Update available.</span>
        <button type="button" onClick={() => void reloadOntoWaiting(updateServiceWorker)}>Reload</button>
        <button type="button" class="secondary" onClick={() => { setLaterUntil(Date.now() + LATER_MS); setNeedRefresh(false); }}>Later</button>
      </div>
    </Show>
  );
}
