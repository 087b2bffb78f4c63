// Shared links arrive as `#x=1.…`, which is not a route: take the payload out of the hash before
// the router reads it, and send the router to the read-only preview instead.
import { createSignal } from 'solid-js';
import { isShareHash } from '../domain/share-link.ts';

const [pendingShare, setPendingShare] = createSignal<string | null>(null);
export { pendingShare };

export const SHARE_ROUTE = '#/share';

function capture(): boolean {
  if (!isShareHash(location.hash)) return false;
  setPendingShare(location.hash);
  // replace, so Back does not return to the raw link
  history.replaceState(history.state, '', `${location.pathname}${location.search}${SHARE_ROUTE}`);
  return true;
}

let listening = false;

/** Call once before the router starts; also handles links pasted into an open tab. */
export function captureShareHash(): void {
  capture();
  if (listening) return;
  listening = true;
  // Registered before the HashRouter's own hashchange listener, so the router then reads "#/share".
  window.addEventListener('hashchange', () => void capture());
}

export function clearPendingShare(): void {
  setPendingShare(null);
}
