// Typed loader for the AssemblyScript kernels. Works in workers (bytes from fetch) and in node
// (bytes from the file system, see loader-node.ts): it only needs the module bytes.
import type { IdealRocketResult as IdealRocketOutputs } from '../app/domain/ideal-rocket.ts';

/** Raw exports of core.wasm, as compiled from wasm-core/assembly. */
export interface CoreExports {
  memory: WebAssembly.Memory;
  idealRocket(gamma: number, molarMass_kg_kmol: number, Tc_K: number, pc_Pa: number, areaRatio: number, pcOverPe: number, pamb_Pa: number): number;
  idealOutPtr(): number;
  areaRatioAtMach(gamma: number, mach: number): number;
  supersonicMachFromAreaRatio(gamma: number, eps: number): number;
}

/** Status codes shared with wasm-core/assembly/common.ts. */
export const KernelStatus = { OK: 0, BAD_INPUT: 1, NO_CONVERGENCE: 2 } as const;

const IDEAL_FIELDS: (keyof IdealRocketOutputs)[] = [
  'exitMach', 'pe_Pa', 'Te_K', 'cstar_m_s', 'cfVac', 'cfAmb', 'ispVac_m_s', 'ispAmb_m_s',
  'ispVac_s', 'ispAmb_s', 'areaRatio', 'pcOverPe', 'exitVelocity_m_s', 'cfVacLimit',
];

export interface Core {
  exports: CoreExports;
  /** Ideal rocket (constant γ); nozzle by areaRatio or pcOverPe (pass 0 for the other). */
  idealRocket(gamma: number, molarMass_kg_kmol: number, Tc_K: number, pc_Pa: number, areaRatio: number, pcOverPe: number, pamb_Pa: number): { status: number; out: IdealRocketOutputs | null };
  /** A Float64Array view on wasm memory (re-made after memory growth). */
  f64View(ptr: number, length: number): Float64Array;
}

function abortImport(memory: () => WebAssembly.Memory) {
  // AssemblyScript's abort(message, file, line, column): strings are UTF-16 with a length header.
  const readString = (ptr: number): string => {
    if (!ptr) return '';
    const mem = memory().buffer;
    const len = new Uint32Array(mem, ptr - 4, 1)[0] >>> 1;
    return String.fromCharCode(...new Uint16Array(mem, ptr, len));
  };
  return (msg: number, file: number, line: number, col: number): never => {
    throw new Error(`wasm-core abort: ${readString(msg)} at ${readString(file)}:${line}:${col}`);
  };
}

/** Instantiates core.wasm from its bytes or a compiled module. */
export async function instantiateCore(source: BufferSource | WebAssembly.Module): Promise<Core> {
  let memoryRef: WebAssembly.Memory | null = null;
  const imports = {
    env: {
      abort: abortImport(() => memoryRef!),
      seed: () => 0x5eed, // deterministic: kernels take explicit seeds
    },
  };
  const instance = source instanceof WebAssembly.Module
    ? await WebAssembly.instantiate(source, imports)
    : (await WebAssembly.instantiate(source, imports)).instance;
  const exports = instance.exports as unknown as CoreExports;
  memoryRef = exports.memory;
  return makeCore(exports);
}

function makeCore(exports: CoreExports): Core {
  const f64View = (ptr: number, length: number) => new Float64Array(exports.memory.buffer, ptr, length);
  return {
    exports,
    f64View,
    idealRocket(gamma, M, Tc, pc, eps, pcpe, pamb) {
      const status = exports.idealRocket(gamma, M, Tc, pc, eps, pcpe, pamb);
      if (status !== KernelStatus.OK) return { status, out: null };
      const v = f64View(exports.idealOutPtr(), IDEAL_FIELDS.length);
      const out = {} as IdealRocketOutputs;
      IDEAL_FIELDS.forEach((k, i) => { out[k] = v[i]; });
      return { status, out };
    },
  };
}
