// A design whose exit sits on the Al2O3 two-phase plateau (liquid and solid at 2327 K), opened from
// a share link in the built app: the results table shows NASA CEA2's figures for that exit (γs just
// under 1, the cp → ∞ limit), not the 1.03–1.07 the engine gave before. Reference: the public CEA
// coexistence case ap_htpb_al_coex-eq-ap72_al16_htpb12-pc40 (tests/fixtures/cea-reference-coexistence.json).
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { EXPERIMENT_TYPE, EXPERIMENT_VERSION } from '../../app/domain/experiment.ts';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/cea-reference-coexistence.json', import.meta.url), 'utf8'));
const CASE = fixture.rocket.find((c: { id: string }) => c.id === 'ap_htpb_al_coex-eq-ap72_al16_htpb12-pc40');

/** The share-link fragment of an experiment holding `problem` (deflate-raw, base64url), made in the page. */
async function linkCode(page: Page, name: string, problem: unknown): Promise<string> {
  return page.evaluate(async (json) => {
    const s = new Blob([json]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const b = new Uint8Array(await new Response(s).arrayBuffer());
    return btoa(String.fromCharCode(...b)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }, JSON.stringify({ type: EXPERIMENT_TYPE, version: EXPERIMENT_VERSION, name, inputs: { problem } }));
}

/** The number in a result cell, and half a unit of its last digit. */
async function cell(page: Page, testId: string): Promise<{ value: number; half: number }> {
  const text = (await page.getByTestId(testId).innerText()).trim();
  const m = /-?\d+(\.(\d+))?/.exec(text);
  if (!m) throw new Error(`no number in ${testId}: "${text}"`);
  return { value: Number(m[0]), half: 0.5 * 10 ** -(m[2]?.length ?? 0) };
}

test('an exit on the Al2O3 plateau shows CEA’s γs and Mach number', async ({ page }) => {
  await page.goto('./#/experiments');
  const code = await linkCode(page, 'AP/HTPB/Al on the Al2O3 plateau', CASE.problem);
  await page.goto(`./#x=1.${code}`);
  await expect(page.getByTestId('share-name')).toHaveText('AP/HTPB/Al on the Al2O3 plateau');
  const gamma = page.getByTestId('res-gammaS-exit1');
  await expect(gamma).toHaveText(/^\d/, { timeout: 30_000 });
  const exit = CASE.exits[0];
  for (const [id, ref] of [['res-gammaS-exit1', exit.gamma_s], ['res-mach-exit1', exit.mach], ['res-T-exit1', exit.T_K]] as [string, number][]) {
    const shown = await cell(page, id);
    // CEA prints 4–5 significant figures: its half unit or the shown one, whichever is coarser
    const printed = 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(ref))) - 4);
    expect(Math.abs(shown.value - ref), `${id}: shows ${shown.value}, CEA ${ref}`).toBeLessThanOrEqual(Math.max(shown.half, printed, 5e-4 * Math.abs(ref)) * 1.001);
  }
  expect((await cell(page, 'res-gammaS-exit1')).value).toBeLessThan(1);
  await expect(page.locator('main')).not.toContainText(/NaN|undefined|Infinity/);
});
