// Seeded pseudo-random numbers for the optimisers: xoshiro256** (Blackman & Vigna 2018), its state
// filled from the seed by splitmix64 as its authors recommend. Integer arithmetic only, so the same
// seed gives the same stream in node and in every browser.

let s0: u64 = 0;
let s1: u64 = 0;
let s2: u64 = 0;
let s3: u64 = 0;
let splitState: u64 = 0;

function splitmix64(): u64 {
  splitState += 0x9e3779b97f4a7c15;
  let z = splitState;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

/** Seeds the generator (seed: a non-negative integer below 2^53, passed as f64 to stay JS-safe). */
export function rngSeed(seed: f64): void {
  splitState = <u64>seed;
  s0 = splitmix64();
  s1 = splitmix64();
  s2 = splitmix64();
  s3 = splitmix64();
}

/** Next 64 random bits. */
// @ts-ignore: decorator
@inline
export function rngNextU64(): u64 {
  const result = rotl(s1 * 5, 7) * 9;
  const t = s1 << 17;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl(s3, 45);
  return result;
}

/** Uniform in [0, 1) with 53 random bits. */
export function rngUniform(): f64 {
  return <f64>(rngNextU64() >> 11) * 1.1102230246251565e-16; // 2^-53
}

/** Uniform integer in [0, n) for n ≥ 1 (Lemire's multiply-shift; bias below 2^-32 for n < 2^32 is irrelevant here). */
export function rngInt(n: i32): i32 {
  return <i32>(((rngNextU64() >> 32) * <u64>n) >> 32);
}
