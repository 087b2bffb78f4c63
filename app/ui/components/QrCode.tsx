// A QR code of a text (a share link) as inline SVG, large enough to scan from a classroom screen.
import { Show, createMemo } from 'solid-js';
import { encodeQr, qrSvgPath } from '../../domain/qr.ts';

export function QrCode(props: { text: string; label: string; px?: number }) {
  const code = createMemo(() => encodeQr(props.text, 'M'));
  return (
    <Show when={code().ok ? code() : null} fallback={<p class="muted">This link is too long for a QR code.</p>}>
      {(c) => {
        const q = () => (c() as Extract<ReturnType<typeof encodeQr>, { ok: true }>).value;
        const side = () => q().size + 8;
        return (
          <figure class="qr">
            <svg viewBox={`0 0 ${side()} ${side()}`} width={props.px ?? 280} height={props.px ?? 280} role="img" aria-label={props.label} shape-rendering="crispEdges">
              <rect width={side()} height={side()} fill="#fff" />
              <path d={qrSvgPath(q())} fill="#000" />
            </svg>
            <figcaption class="muted">QR version {q().version}, {q().size}×{q().size} modules, error correction M</figcaption>
          </figure>
        );
      }}
    </Show>
  );
}
