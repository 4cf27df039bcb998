/** A number in [0, 1) from a fixed seed, so a run's choices (writes, sizes, kill moments) repeat. */
export type Random = () => number;

/** mulberry32: small, fast and well spread; not for secrets, only for repeatable dice. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}
