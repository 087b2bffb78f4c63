// Transport through the `solve` command line, as the held-back reference sets are checked: the CLI
// loads the transport data and answers `transport: true` with CEA2's figures (one rocket and one TP
// case of tests/fixtures/cea-reference-transport-trimmed.json, 0.5 %).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = join(root, 'node_modules/.bin/tsx');
const fixture = JSON.parse(readFileSync(new URL('../fixtures/cea-reference-transport-trimmed.json', import.meta.url), 'utf8'));
const pick = (id: string) => fixture.cases.find((c: { id: string }) => c.id === id);

describe('solve CLI: transport', () => {
  it('adds CEA2 transport figures to rocket stations and TP states', () => {
    const rocket = pick('n2o4_mmh-tr-eq-of1.9-pc15');
    const tp = pick('air-tp-mix0-p1-T3000');
    const r = spawnSync(tsx, ['scripts/solve.ts'], { cwd: root, input: JSON.stringify([rocket.problem, tp.problem]), encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    const [a, b] = JSON.parse(r.stdout);
    const near = (got: number, want: number) => expect(Math.abs(got / want - 1)).toBeLessThan(5e-3);
    for (const [got, ref] of [[a.chamber, rocket.chamber], [a.throat, rocket.throat], [a.exits[2], rocket.exits[2]], [b.state, tp.state]]) {
      near(got.viscosity, ref.viscosity_Pa_s);
      near(got.conductivity, ref.conductivity_eq_W_mK);
      near(got.conductivityFrozen, ref.conductivity_fr_W_mK);
      near(got.prandtl, ref.prandtl_eq);
      near(got.prandtlFrozen, ref.prandtl_fr);
      near(got.cpFrozen, ref.cp_fr_J_kgK);
    }
  });
});
