// The command bar's opener: Ctrl+K (⌘K), "/" outside a text field, or the top bar's button. The
// dialog itself (the grammar and what actions do) loads when first opened, so the shell stays small.
import { Show, Suspense, createSignal, lazy, onCleanup, onMount } from 'solid-js';

const CommandDialog = lazy(() => import('./CommandDialog.tsx'));

const typing = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

export function CommandBar() {
  const [open, setOpen] = createSignal(false);
  let opener: HTMLElement | null = null;
  const show = () => {
    opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpen(true);
  };
  const close = () => {
    setOpen(false);
    opener?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
      e.preventDefault();
      if (open()) close();
      else show();
    } else if (e.key === '/' && !open() && !typing(e.target) && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      show();
    } else if (e.key === 'Escape' && open()) {
      e.preventDefault();
      close();
    }
  };
  onMount(() => document.addEventListener('keydown', onKey));
  onCleanup(() => document.removeEventListener('keydown', onKey));
  return (
    <>
      <button type="button" class="command-toggle" aria-label="Command bar" aria-haspopup="dialog" aria-keyshortcuts="Control+K /" title="Command bar (Ctrl+K or /)" onClick={show}>
        <span aria-hidden="true">⌘</span><span class="command-word" aria-hidden="true"> Command</span>
      </button>
      <Show when={open()}>
        <Suspense>
          <CommandDialog onClose={close} />
        </Suspense>
      </Show>
    </>
  );
}
