// Every text an element shows, as the page changes it: for tests that no passing state is shown
// (a number from a stale pairing that a single read after the fact would miss).
import type { Page } from '@playwright/test';

/** Starts recording the texts of the element with data-testid `testId` (each change once). */
export async function recordTexts(page: Page, testId: string): Promise<void> {
  await page.evaluate((id) => {
    const all = ((window as unknown as { __recorded?: Record<string, string[]> }).__recorded ??= {});
    const seen: string[] = (all[id] = []);
    new MutationObserver(() => {
      const t = document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '';
      if (t && seen[seen.length - 1] !== t) seen.push(t);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, testId);
}

/** The texts recorded so far for `testId`; `clear` empties the record after reading it. */
export async function recordedTexts(page: Page, testId: string, clear = false): Promise<string[]> {
  return page.evaluate(([id, c]) => {
    const seen = (window as unknown as { __recorded: Record<string, string[]> }).__recorded[id as string];
    const out = [...seen];
    if (c) seen.length = 0;
    return out;
  }, [testId, clear] as const);
}
