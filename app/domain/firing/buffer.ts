// Sample store of a firing: columns of Float64 values in fixed-size chunks, so that appending at
// 10 kHz never copies what is already stored and full chunks can be persisted as they close.

export const CHUNK_SAMPLES = 1024;

export class FiringBuffer {
  /** Closed chunks, each `channels` columns of CHUNK_SAMPLES values. */
  readonly chunks: Float64Array[][] = [];
  private open: Float64Array[];
  private fill = 0;
  private cache: Float64Array[] | null = null;

  constructor(readonly channels: number, readonly chunkSamples = CHUNK_SAMPLES) {
    this.open = this.newChunk();
  }

  private newChunk(): Float64Array[] {
    return Array.from({ length: this.channels }, () => new Float64Array(this.chunkSamples));
  }

  get length(): number {
    return this.chunks.length * this.chunkSamples + this.fill;
  }

  /** Appends one sample (one value per channel). */
  append(row: ArrayLike<number>): void {
    for (let c = 0; c < this.channels; c++) this.open[c][this.fill] = row[c];
    this.fill++;
    this.cache = null;
    if (this.fill === this.chunkSamples) {
      this.chunks.push(this.open);
      this.open = this.newChunk();
      this.fill = 0;
    }
  }

  /** Appends whole columns (a stored chunk read back). */
  appendColumns(cols: ArrayLike<number>[]): void {
    const n = cols[0]?.length ?? 0;
    const row = new Float64Array(this.channels);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < this.channels; c++) row[c] = cols[c][i];
      this.append(row);
    }
  }

  /** The samples not yet in a closed chunk (copies). */
  openColumns(): Float64Array[] {
    return this.open.map((col) => col.slice(0, this.fill));
  }

  /** Every value of each channel, as one array per channel (cached until the next append). */
  columns(): Float64Array[] {
    if (this.cache) return this.cache;
    const n = this.length;
    const out = Array.from({ length: this.channels }, () => new Float64Array(n));
    for (let c = 0; c < this.channels; c++) {
      let k = 0;
      for (const ch of this.chunks) {
        out[c].set(ch[c], k);
        k += this.chunkSamples;
      }
      out[c].set(this.open[c].subarray(0, this.fill), k);
    }
    this.cache = out;
    return out;
  }
}
