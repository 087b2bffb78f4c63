// Fixed-size arrays in memory the garbage collector does not track, for the equilibrium kernels'
// module state. A StaticArray held in a module global is a managed reference: the incremental
// runtime spills it to the shadow stack at every read of the global, one extra store per element
// access in the hot loops (~30 % of a rocket point). These buffers are plain pointers; they are
// allocated when a product system is loaded and freed when the next one replaces them.

/** Fixed-size array of T (f64, i32, bool) at a raw address; `length` sits in a 16-byte header. */
@final @unmanaged
export class Buf<T> {
  get length(): i32 {
    return load<i32>(changetype<usize>(this) - 16);
  }

  @inline @operator('[]') private get(i: i32): T {
    if (<u32>i >= <u32>this.length) throw new RangeError('Buf index out of range');
    return load<T>(changetype<usize>(this) + (<usize>i << alignof<T>()));
  }

  @inline @operator('[]=') private set(i: i32, v: T): void {
    if (<u32>i >= <u32>this.length) throw new RangeError('Buf index out of range');
    store<T>(changetype<usize>(this) + (<usize>i << alignof<T>()), v);
  }

  @inline @operator('{}') private uget(i: i32): T {
    return load<T>(changetype<usize>(this) + (<usize>i << alignof<T>()));
  }

  @inline @operator('{}=') private uset(i: i32, v: T): void {
    store<T>(changetype<usize>(this) + (<usize>i << alignof<T>()), v);
  }
}

/** A zeroed Buf of n elements. */
export function newBuf<T>(n: i32): Buf<T> {
  const bytes = <usize>n << alignof<T>();
  const base = heap.alloc(16 + bytes);
  store<i32>(base, n);
  memory.fill(base + 16, 0, bytes);
  return changetype<Buf<T>>(base + 16);
}

/** Frees `old` and returns a zeroed Buf of n elements. */
export function renewBuf<T>(old: Buf<T>, n: i32): Buf<T> {
  heap.free(changetype<usize>(old) - 16);
  return newBuf<T>(n);
}
