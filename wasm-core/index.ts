// Typed loader for the AssemblyScript kernels. Works in workers (bytes from fetch) and in node
// (bytes from the file system, see loader-node.ts): it only needs the module bytes.
// Each kernel family has its own typed wrapper beside this file (ideal.ts, …) taking a Core.

/** Status codes shared with wasm-core/assembly/common.ts. */
export const KernelStatus = { OK: 0, BAD_INPUT: 1, NO_CONVERGENCE: 2 } as const;

/** Raw exports of core.wasm; each family's wrapper narrows the functions it uses. */
export interface CoreExports {
  memory: WebAssembly.Memory;
  [name: string]: unknown;
}

export interface Core {
  exports: CoreExports;
  /** A Float64Array view on wasm memory (make a new one after any call that may grow memory). */
  f64View(ptr: number, length: number): Float64Array;
  /** An Int32Array view on wasm memory. */
  i32View(ptr: number, length: number): Int32Array;
  /** Reads an AssemblyScript string (UTF-16 with a byte-length header) at ptr. */
  readString(ptr: number): string;
}

/** Instantiates core.wasm from its bytes or a compiled module. */
export async function instantiateCore(source: BufferSource | WebAssembly.Module): Promise<Core> {
  let core: Core | null = null;
  const imports = {
    env: {
      abort(msg: number, file: number, line: number, col: number): never {
        throw new Error(`wasm-core abort: ${core?.readString(msg)} at ${core?.readString(file)}:${line}:${col}`);
      },
      seed: () => 0x5eed, // kernels take explicit seeds; this only satisfies Math.random's import
    },
  };
  const instance = source instanceof WebAssembly.Module
    ? await WebAssembly.instantiate(source, imports)
    : (await WebAssembly.instantiate(source, imports)).instance;
  const exports = instance.exports as unknown as CoreExports;
  core = {
    exports,
    f64View: (ptr, length) => new Float64Array(exports.memory.buffer, ptr, length),
    i32View: (ptr, length) => new Int32Array(exports.memory.buffer, ptr, length),
    readString(ptr) {
      if (!ptr) return '';
      const buf = exports.memory.buffer;
      const len = new Uint32Array(buf, ptr - 4, 1)[0] >>> 1;
      let s = '';
      const u16 = new Uint16Array(buf, ptr, len);
      for (let i = 0; i < len; i += 4096) s += String.fromCharCode(...u16.subarray(i, i + 4096));
      return s;
    },
  };
  return core;
}
