/**
 * A small deterministic generator of numbers in [0, 1): the same seed gives
 * the same sequence on every machine, so a failing fault schedule can be
 * replayed exactly. Not for anything that needs real randomness.
 */
export function seededRandom(seed: number): () => number {
  // Scramble the seed first: xorshift gives poor early output for small seeds like 1 or 2.
  let state = Math.imul((seed | 0) ^ 0x5bd1e995, 0x27d4eb2d) ^ 0x165667b1;
  if (state === 0) state = 0x6d2b79f5; // xorshift never leaves the all-zero state
  const next = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
  for (let i = 0; i < 8; i++) next();
  return next;
}
