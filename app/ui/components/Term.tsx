// A term with its toggletip: a small "i" button beside a label ("What is c*?") that shows the
// glossary's explanation, formula and units. Hover or keyboard focus shows it for a look; a click,
// a tap or Enter keeps it open until Escape, a second press, or a press elsewhere. The popover sits
// after the button in the DOM (Tab reaches its "More in glossary" link) but is fixed-positioned and
// kept inside the viewport, so a scrolling table does not clip it and a 360 px phone does not overflow.
import { Show, createEffect, createSignal, createUniqueId, onCleanup, type JSX } from 'solid-js';
import { glossaryHref, glossaryTerm, shownUnit, termQuestion, type GlossaryTerm, type TermId } from '../../domain/glossary.ts';

/** `<Term id="cstar">c*</Term>`: the label with its toggletip; without children, the toggletip alone
 * (beside a form label, whose accessible name must stay the field's). No id: the children alone. */
export function Term(props: { id: TermId | undefined; children?: JSX.Element }) {
  return (
    <Show when={props.id && glossaryTerm(props.id)} keyed fallback={props.children}>
      {(t) => (props.children === undefined ? <Toggletip term={t} /> : <span class="term">{props.children}<Toggletip term={t} /></span>)}
    </Show>
  );
}

type State = 'closed' | 'peek' | 'pinned';

function Toggletip(props: { term: GlossaryTerm }) {
  const popId = `tip-${createUniqueId()}`;
  const [state, setState] = createSignal<State>('closed');
  const isOpen = () => state() !== 'closed';
  let wrap!: HTMLSpanElement;
  let btn!: HTMLButtonElement;
  let pop: HTMLSpanElement | undefined;
  let closeTimer: ReturnType<typeof setTimeout> | undefined;
  /** Focus given back to the button on Escape: not a reason to show the tip again. */
  let returning = false;

  const cancelClose = () => { clearTimeout(closeTimer); closeTimer = undefined; };
  const close = () => { cancelClose(); setState('closed'); };
  const peek = () => { cancelClose(); if (state() === 'closed') setState('peek'); };
  // a look by hover ends a moment after the pointer leaves (time to move onto the popover)
  const leave = () => { if (state() === 'peek') { cancelClose(); closeTimer = setTimeout(close, 250); } };

  /** Below the button (above it when there is no room), centred on it, within the viewport. */
  const place = () => {
    if (!pop) return;
    const r = btn.getBoundingClientRect();
    const vw = document.documentElement.clientWidth;
    const vh = window.innerHeight;
    const [w, h] = [pop.offsetWidth, pop.offsetHeight];
    const left = Math.max(8, Math.min(r.left + r.width / 2 - w / 2, vw - w - 8));
    const below = r.bottom - 6;
    const top = below + h > vh - 8 && r.top + 6 - h >= 8 ? r.top + 6 - h : below;
    pop.style.left = `${Math.round(left)}px`;
    pop.style.top = `${Math.round(top)}px`;
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    const inside = pop?.contains(document.activeElement) ?? false;
    close();
    if (inside) { returning = true; btn.focus(); returning = false; }
    // Escape closes the innermost thing open: the toggletip, not a dialog around it
    e.stopPropagation();
  };
  const onPress = (e: PointerEvent) => { if (!wrap.contains(e.target as Node)) close(); };
  const listen = (on: boolean) => {
    const f = on ? 'addEventListener' : 'removeEventListener';
    document[f]('keydown', onKey as EventListener, true);
    document[f]('pointerdown', onPress as EventListener, true);
    window[f]('scroll', place, true);
    window[f]('resize', place);
  };
  createEffect(() => {
    if (isOpen()) { place(); listen(true); } else listen(false);
  });
  onCleanup(() => { cancelClose(); listen(false); });

  const t = () => props.term;
  return (
    <span class="tip" ref={wrap}
      onPointerEnter={(e) => { if (e.pointerType === 'mouse') peek(); }}
      onPointerLeave={(e) => { if (e.pointerType === 'mouse') leave(); }}
      onFocusOut={(e) => { if (!wrap.contains(e.relatedTarget as Node | null)) close(); }}>
      <button type="button" class="tip-btn" ref={btn} aria-label={termQuestion(t())} aria-expanded={isOpen()}
        aria-describedby={isOpen() ? popId : undefined} data-term={t().id}
        onFocus={() => { if (!returning && btn.matches(':focus-visible')) peek(); }}
        onClick={() => { cancelClose(); setState(state() === 'pinned' ? 'closed' : 'pinned'); }}>
        <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16"><circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" stroke-width="1.5" /><circle cx="8" cy="4.6" r="1.1" fill="currentColor" /><path d="M8 7v5" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" /></svg>
      </button>
      <Show when={isOpen()}>
        <span class="tip-pop" role="tooltip" id={popId} ref={pop} data-testid={`tip-${t().id}`}>
          <strong class="tip-name">{t().name}{t().symbol.toLowerCase() === t().name.toLowerCase() ? '' : ` (${t().symbol})`}</strong>
          <span class="tip-text">{t().short}</span>
          <Show when={t().formula}>{(f) => <span class="tip-formula">{f()}</span>}</Show>
          <Show when={t().si !== null}><span class="tip-units">SI: {shownUnit(t().si!)} · US: {shownUnit(t().us!)}</span></Show>
          <a class="tip-more" href={glossaryHref(t().id)} onClick={close}>More in glossary</a>
        </span>
      </Show>
    </span>
  );
}
