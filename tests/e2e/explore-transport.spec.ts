// Explore's transport properties: the checkbox adds the gas transport rows to the station table,
// equal to the same engine run in node on the build's wasm and data to the digits shown; frozen
// chemistry leaves the equilibrium rows blank; CSV and PDF exports carry the figures.
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { buildEngine } from './support/build-engine.ts';
import { findTemplate, STARTER_TEMPLATE_ID } from '../../app/domain/templates.ts';
import { formatSig } from '../../app/domain/number-text.ts';
import type { RocketProblem, RocketResult } from '../../app/domain/problem.ts';

const START = findTemplate(STARTER_TEMPLATE_ID)!.problem;

async function nodeResult(change: Partial<RocketProblem>): Promise<RocketResult> {
  const r = (await buildEngine()).solveRocket({ ...structuredClone(START), pamb: START.pamb ?? 101325, transport: true, ...change });
  if (!r.ok) throw new Error(`node engine failed: ${r.error.message}`);
  return r.value;
}

test('Transport properties: rows in the station table, blank equilibrium rows when frozen, and in the exports', async ({ page }) => {
  test.setTimeout(90_000); // the O/F curve and the lazy-loaded PDF library on a shared machine
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto('./#/explore');
  await expect(page.getByTestId('cstar')).toContainText('m/s');
  const table = page.getByRole('table', { name: 'Station properties' });
  // by the header's text: its accessible name also carries the toggletip's question ("What is viscosity?")
  const row = (label: string) => table.getByRole('row').filter({ has: page.locator('th', { hasText: new RegExp(`^${label.replace(/[()]/g, '\\$&')}$`) }) });
  await expect(row('Viscosity')).toHaveCount(0);

  await page.getByLabel(/Transport properties/).check();
  const want = await nodeResult({});
  await expect(row('Viscosity').getByRole('cell')).toHaveText([
    formatSig(want.chamber.viscosity! * 1e6, 5), formatSig(want.throat.viscosity! * 1e6, 5),
    ...want.exits.map((e) => ('ok' in e ? '' : formatSig(e.viscosity! * 1e6, 5))), 'µPa·s',
  ]);
  await expect(row('Conductivity (equilibrium)').getByRole('cell').first()).toHaveText(formatSig(want.chamber.conductivity!, 5));
  await expect(row('Prandtl (frozen)').getByRole('cell').first()).toHaveText(formatSig(want.chamber.prandtlFrozen!, 5));
  await expect(row('cp frozen (gas)').getByRole('cell').last()).toHaveText('kJ/(kg·K)');

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV', exact: true }).click()]);
  const lines = readFileSync(await csv.path(), 'utf8').trim().split(/\r?\n/);
  const head = lines[0].split(',');
  const k = head.indexOf('viscosity [µPa·s]');
  expect(k).toBeGreaterThan(0);
  expect(Number(lines[1].split(',')[k])).toBeCloseTo(want.chamber.viscosity! * 1e6, 6);

  const [pdf] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }).catch((e) => { throw new Error(`${e}; page errors: ${errors.join(' | ')}`); }), page.getByRole('button', { name: 'PDF report' }).click()]);
  const bytes = readFileSync(await pdf.path()).toString('latin1');
  expect(bytes).toContain('(Viscosity)');
  expect(bytes).toContain(`(${formatSig(want.chamber.conductivity!, 5)})`);

  await page.getByLabel('Chemistry').selectOption('frozen-chamber');
  const frozen = await nodeResult({ chemistry: 'frozen', freezeAt: 'chamber' });
  await expect(row('Conductivity (frozen)').getByRole('cell').first()).toHaveText(formatSig(frozen.chamber.conductivityFrozen!, 5));
  await expect(row('Conductivity (equilibrium)').getByRole('cell').first()).toHaveText('');
  await expect(row('Prandtl (equilibrium)').getByRole('cell').first()).toHaveText('');
});
