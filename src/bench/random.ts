import { mulberry32 } from '../synth/damage.ts';

/** mulberry32 (shared with the damage model): the bench must generate the same corpus for the same seed. */
export const rng: (seed: number) => () => number = mulberry32;

export type Rand = () => number;

export function pick<T>(r: Rand, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

export function int(r: Rand, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}
