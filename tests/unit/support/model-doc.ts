// A small efficiency or surrogate model document with seeded weights (3 inputs → 4 tanh → 1
// output, two members), for tests of storage, backups and prediction that need a valid model.
import { MODEL_DOC_TYPE, MODEL_DOC_VERSION, type ModelDoc } from '../../../app/domain/ml-model.ts';
import { createRng } from '../../../app/domain/ml-random.ts';

export function tinyModelDoc(seed: number, kind: ModelDoc['kind'] = 'efficiency', extra: Partial<ModelDoc> = {}): ModelDoc {
  const rng = createRng(seed);
  const w = (n: number) => Array.from({ length: n }, () => Math.fround(rng.next() - 0.5));
  const member = () => ({ nIn: 3, hidden: [4], nOut: 1, activation: 'tanh' as const, layers: [{ W: w(12), b: w(4) }, { W: w(4), b: w(1) }] });
  return {
    type: MODEL_DOC_TYPE, version: MODEL_DOC_VERSION, kind, name: 'efficiency from firings.csv',
    inputs: [{ name: 'O/F' }, { name: 'pc', log: true }, { name: 'eps', log: true }],
    outputs: [{ name: 'Isp' }],
    xScalers: [{ log: false, mean: 2.5, std: 0.6 }, { log: true, mean: 15.4, std: 1.3 }, { log: true, mean: 3.3, std: 0.9 }],
    yScalers: [{ log: false, mean: 0.95, std: 0.015 }],
    members: [member(), member()],
    residualStd: [0.004], residualCount: 6,
    hyper: { hidden: [4], activation: 'tanh', lr: 0.01, epochs: 20, batchSize: 16, patience: 10, l2: 0, evalEvery: 5 },
    seed: 7, nTrain: 24,
    reactants: ['RP-1', 'O2(L)'],
    ...(kind === 'efficiency' ? { idealBasis: 'vacuum' as const } : {}),
    ...extra,
  };
}
