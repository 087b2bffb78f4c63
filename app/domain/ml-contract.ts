// What the ML worker takes and returns (workers/ml.worker.ts and workers/ml/*): plain data shared
// by the worker, the Learn store and the training job, so none of them imports another's code.
import type { SampleDim } from './lhs.ts';
import type { ModelDoc, ModelHyper } from './ml-model.ts';

/** A TensorFlow.js backend the ML worker can run on. */
export type MlBackend = 'webgpu' | 'webgl' | 'cpu';

/** One input or output column of a model. */
export interface ColumnSpec {
  name: string;
  /** Learn in ln(value) (positive quantities over decades, or ratios). */
  log?: boolean;
}

export interface SearchCandidate {
  hidden: number[];
  lr: number;
}

export interface SearchScore {
  candidate: SearchCandidate;
  /** Validation mean squared error in scaled units (fraction of the output variance). */
  valLoss: number;
}

export interface Suggestion {
  x: number[];
  mean: number;
  spread: number;
  score: number;
  reason: string;
}

export interface TrainProgress {
  phase: 'search' | 'train';
  /** Search candidate or ensemble member being trained. */
  index: number;
  count: number;
  epoch: number;
  loss: number;
  valLoss: number | null;
}

export interface TrainInput {
  name?: string;
  inputs: ColumnSpec[];
  outputs: ColumnSpec[];
  /** Rows of input values (SI). */
  x: number[][];
  /** Rows of output values (SI): the quantity for a surrogate, the measured value for efficiency. */
  y: number[][];
  /** Engine's ideal values for the same rows (efficiency models only). */
  ideal?: number[][];
  members?: number;
  valFraction?: number;
  /** Share of rows held out from training to measure quality (0 for none). */
  testFraction?: number;
  seed?: number;
  hyper?: Partial<ModelHyper>;
  /** Run a small hyperparameter search first (layers × widths × learning rates, short budget). */
  search?: { layers: number[]; widths: number[]; lrs: number[]; epochs: number };
}

export interface TrainOutput {
  model: ModelDoc;
  /** Held-out points: per output, truth and prediction with bounds (what parity/residual plots need). */
  heldOut: { truth: number[][]; mean: number[][]; lo: number[][]; hi: number[][] };
  search?: SearchScore[];
}

export interface PredictInput {
  model: unknown;
  x: number[][];
  /** Ideal values per row (efficiency models): predictions are then delivered = ideal × efficiency. */
  ideal?: number[][];
}

export interface SuggestInput {
  model: unknown;
  bounds: SampleDim[];
  output?: number;
  mode: 'expected-improvement' | 'uncertainty';
  goal?: 'max' | 'min';
  best?: number;
  count?: number;
  candidates?: number;
  seed?: number;
  unit?: string;
  /** 'ensemble' (default): expected improvement or disagreement of the trained ensemble; 'gp': expected improvement of a Gaussian process of `data` (mode 'expected-improvement' only), `count` points as one batch. */
  method?: 'ensemble' | 'gp';
  /** The points the GP learns from: inputs in the model's order, and the output (for efficiency models, measured over ideal Isp). */
  data?: { x: number[][]; y: number[] };
}
