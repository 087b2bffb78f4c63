// A QR code of a text (a share link) as inline SVG, large enough to scan from a classroom screen,
// and "Show QR": the same text full screen for a projector, at the error-correction level that
// keeps its modules readable at this screen's size (chooseQrEcl in domain/qr.ts). A share link goes
// in its compact QR form (payload as digits, numeric mode: qrShareText in domain/share-link.ts).
import { Show, createMemo, createSignal, onCleanup } from 'solid-js';
import { chooseQrEcl, encodeQr, qrSvgPath, QR_MIN_MODULE_PX, QR_QUIET_ZONE, type QrCode as Qr } from '../../domain/qr.ts';
import { qrShareText } from '../../domain/share-link.ts';

function QrSvg(props: { code: Qr; label: string; px: number }) {
  const side = () => props.code.size + 2 * QR_QUIET_ZONE;
  return (
    <svg viewBox={`0 0 ${side()} ${side()}`} width={props.px} height={props.px} role="img" aria-label={props.label} shape-rendering="crispEdges">
      <rect width={side()} height={side()} fill="#fff" />
      <path d={qrSvgPath(props.code, QR_QUIET_ZONE)} fill="#000" />
    </svg>
  );
}

/** Height kept for the full-screen view's caption and Close button, in CSS px. */
const BAR_PX = 56;

function FullScreenQr(props: { text: string; label: string; onClose: () => void }) {
  // The layout viewport (no scrollbar), as the dialog's 100 % is.
  const measure = () => ({ w: document.documentElement.clientWidth, h: document.documentElement.clientHeight });
  const [view, setView] = createSignal(measure());
  const onResize = () => setView(measure());
  window.addEventListener('resize', onResize);
  onCleanup(() => window.removeEventListener('resize', onResize));
  // The symbol with its quiet zone fills the screen's smaller side (less the caption bar).
  const side = () => Math.max(1, Math.floor(Math.min(view().w, view().h - BAR_PX)));
  const text = createMemo(() => qrShareText(props.text));
  const choice = createMemo(() => chooseQrEcl(text(), side()));
  const code = createMemo(() => {
    const c = choice();
    return c.ok ? encodeQr(text(), c.value.ecl) : c;
  });
  let dialog: HTMLDialogElement | undefined;
  let close: HTMLButtonElement | undefined;
  const open = (el: HTMLDialogElement) => {
    dialog = el;
    // showModal: the page behind is inert and Escape closes (the dialog's "close" event).
    queueMicrotask(() => {
      if (!el.open) el.showModal();
      close?.focus();
    });
  };
  onCleanup(() => dialog?.open && dialog.close());
  return (
    <dialog ref={open} class="qr-full" aria-label={`${props.label}, full screen`} onClose={() => props.onClose()}>
      <div class="qr-full-bar">
        <Show when={choice().ok && code().ok ? { c: choice(), q: code() } : null} fallback={<p>This link is too long for a QR code.</p>}>
          {(x) => {
            const c = () => (x().c as Extract<ReturnType<typeof chooseQrEcl>, { ok: true }>).value;
            return (
              <p data-testid="qr-full-caption">
                Version {c().version}, {c().size} × {c().size} modules, error correction {c().ecl}, {c().modulePx.toFixed(1)} px per module
                {c().readable ? '' : ` (under ${QR_MIN_MODULE_PX} px: a larger screen reads better)`}
              </p>
            );
          }}
        </Show>
        <button type="button" ref={close} onClick={() => dialog?.close()}>Close</button>
      </div>
      <Show when={code().ok ? (code() as Extract<ReturnType<typeof encodeQr>, { ok: true }>).value : null}>
        {(q) => <QrSvg code={q()} label={`${props.label}, full screen`} px={side()} />}
      </Show>
    </dialog>
  );
}

export function QrCode(props: { text: string; label: string; px?: number }) {
  const code = createMemo(() => encodeQr(qrShareText(props.text), 'M'));
  const [full, setFull] = createSignal(false);
  let show: HTMLButtonElement | undefined;
  return (
    <Show when={code().ok ? (code() as Extract<ReturnType<typeof encodeQr>, { ok: true }>).value : null} fallback={<p class="muted">This link is too long for a QR code.</p>}>
      {(q) => (
        <figure class="qr">
          <QrSvg code={q()} label={props.label} px={props.px ?? 280} />
          <figcaption class="muted">QR version {q().version}, {q().size}×{q().size} modules, error correction M</figcaption>
          <button type="button" class="secondary" ref={show} aria-haspopup="dialog" onClick={() => setFull(true)}>Show QR</button>
          <Show when={full()}>
            <FullScreenQr text={props.text} label={props.label} onClose={() => { setFull(false); show?.focus(); }} />
          </Show>
        </figure>
      )}
    </Show>
  );
}
