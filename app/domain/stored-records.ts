// What is stored beside an experiment document: its studies' results and its trained models (the
// results and models object stores). Storage, backup files, datasets and studies all share them.
import type { JsonValue } from './json-clean.ts';

export type NumericArray = Float64Array | Float32Array | Int32Array | Uint32Array | Uint8Array;

/** Results of one study, stored apart from the document (results object store). */
export interface StoredResult {
  id: string;
  experimentId: string;
  studyId: string;
  createdAt: string;
  /** Named numeric columns, SI (names carry units). */
  columns: Record<string, NumericArray>;
  /** Small JSON results (a design point's stations, warnings…). */
  meta: Record<string, JsonValue>;
}

/** A trained model kept with an experiment (models object store). */
export interface StoredModel {
  id: string;
  experimentId: string;
  name: string;
  createdAt: string;
  /** Model topology and training metadata (JSON): for the Learn section's models, the whole
   *  versioned ModelDoc, weights included, so storage and files share one restore path. */
  meta: Record<string, JsonValue>;
  /** Packed weights, for models that keep them outside `meta` (empty for ModelDoc models). */
  weights: ArrayBuffer;
}
