// Fuzz settings: a fixed seed and a few runs in `npm test`; `npm run fuzz` sets FUZZ=1 for many runs and a fresh seed.
import type { Parameters as FcParameters } from 'fast-check';

const LONG = process.env.FUZZ === '1';

/**
 * fast-check parameters for one property. FUZZ_RUNS and FUZZ_SEED override the defaults (replay a failure with the
 * seed and path fast-check prints: FUZZ_SEED=… FUZZ_PATH=… npm run fuzz).
 */
export function fuzzParameters<T>(name: string, quickRuns: number, longRuns: number): FcParameters<T> {
  const runs = process.env.FUZZ_RUNS !== undefined ? Number(process.env.FUZZ_RUNS) : LONG ? longRuns : quickRuns;
  const seed =
    process.env.FUZZ_SEED !== undefined
      ? Number(process.env.FUZZ_SEED)
      : LONG
        ? Date.now() ^ (Math.random() * 2 ** 31)
        : 20261124;
  if (LONG) console.log(`# fuzz ${name}: ${runs} runs, seed ${seed}`);
  return {
    numRuns: runs,
    seed,
    ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}),
  };
}
