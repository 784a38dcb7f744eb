/**
 * A seeded pseudo-random generator (mulberry32, Tommy Ettinger 2017): uniform numbers in [0, 1) that repeat
 * exactly for the same seed, for reproducible demo data, benchmarks and permutation tests. Fast and
 * statistically adequate for those; not for cryptography.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}
