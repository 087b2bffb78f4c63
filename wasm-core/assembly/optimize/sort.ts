// In-place heap sort of an index list by a parallel key list (ascending). No allocation, O(n log n),
// and deterministic: the optimisers' results must not depend on the engine's sort.

// @ts-ignore: decorator
@inline
function swap(keys: StaticArray<f64>, idx: StaticArray<i32>, i: i32, j: i32): void {
  const k = unchecked(keys[i]);
  unchecked(keys[i] = keys[j]);
  unchecked(keys[j] = k);
  const t = unchecked(idx[i]);
  unchecked(idx[i] = idx[j]);
  unchecked(idx[j] = t);
}

function siftDown(keys: StaticArray<f64>, idx: StaticArray<i32>, start: i32, root: i32, end: i32): void {
  // Heap over positions start..end-1, node r's children at start + 2(r − start) + 1 and + 2.
  let r = root;
  while (true) {
    let child = start + 2 * (r - start) + 1;
    if (child >= end) return;
    if (child + 1 < end && unchecked(keys[child + 1]) > unchecked(keys[child])) child++;
    if (unchecked(keys[child]) > unchecked(keys[r])) {
      swap(keys, idx, r, child);
      r = child;
    } else return;
  }
}

/** Sorts keys[start..start+n) ascending, applying the same moves to idx. */
export function heapSortByKey(keys: StaticArray<f64>, idx: StaticArray<i32>, start: i32, n: i32): void {
  const end = start + n;
  for (let r = start + (n >> 1) - 1; r >= start; r--) siftDown(keys, idx, start, r, end);
  for (let last = end - 1; last > start; last--) {
    swap(keys, idx, start, last);
    siftDown(keys, idx, start, start, last);
  }
}
