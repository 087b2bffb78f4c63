// Multi-fidelity learning: the engine gives the ideal value, tests give the measured one; the
// network learns only their ratio (the efficiency, a smooth number near 1), so a handful of tests
// corrects the physics instead of replacing it. Delivered = ideal × efficiency.
import { predictEnsemble, trainEnsemble, type EnsembleModel, type EnsembleOptions, type MemberProgress, type Prediction } from './ensemble.ts';

/** Efficiency column name for a measured quantity. */
export const efficiencyName = (quantity: string) => `${quantity} measured/ideal`;

/**
 * Trains on measured/ideal ratios. `measured` and `ideal` are n × k (one column per quantity,
 * same order as o.outputs, which name the quantities); ideal values must be > 0.
 */
export function trainEfficiency(
  x: number[][],
  measured: number[][],
  ideal: number[][],
  o: EnsembleOptions,
  onProgress?: (p: MemberProgress) => boolean | void,
): Promise<EnsembleModel> {
  const ratio = measured.map((row, i) =>
    row.map((v, k) => {
      const id = ideal[i][k];
      if (!(id > 0)) throw new RangeError(`ideal ${o.outputs[k].name} must be > 0 for row ${i + 1} (got ${id})`);
      return v / id;
    }),
  );
  return trainEnsemble(x, ratio, { ...o, outputs: o.outputs.map((c) => ({ name: efficiencyName(c.name) })) }, onProgress);
}

/** Delivered prediction = ideal × efficiency, interval scaled the same way (ideal has no error). */
export async function predictDelivered(model: EnsembleModel, x: number[][], ideal: number[][]): Promise<{ efficiency: Prediction; delivered: Prediction }> {
  const efficiency = await predictEnsemble(model, x);
  const scale = (arrs: Float64Array[]) => arrs.map((a, k) => a.map((v, i) => v * ideal[i][k]));
  return {
    efficiency,
    delivered: {
      mean: scale(efficiency.mean),
      std: scale(efficiency.std),
      spread: scale(efficiency.spread),
      lo: scale(efficiency.lo),
      hi: scale(efficiency.hi),
    },
  };
}
