import seedrandom from "seedrandom";

/** A seeded source of randomness with the few distributions the demo needs. */
export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  uniform(min: number, max: number): number;
  /** Integer uniform in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** Standard normal (mean 0, deviation 1). */
  normal(): number;
  /** Log-normal with median `median` and log-deviation `sigma`. */
  logNormal(median: number, sigma: number): number;
  /** Log-uniform in [min, max): as many values between 1K and 10K as between 10K and 100K. */
  logUniform(min: number, max: number): number;
  /** Pareto with scale 1 and shape `alpha`: heavy-tailed, at least 1. */
  pareto(alpha: number): number;
  /** Poisson count with mean `lambda` (small lambdas only). */
  poisson(lambda: number): number;
  /** `x` rounded down or up at random so that the expectation stays `x`. */
  roundStochastic(x: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** One element drawn by weight from `[item, weight]` pairs. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** A new array with the items in random order. */
  shuffle<T>(items: readonly T[]): T[];
  /** `length` characters drawn from `alphabet`. */
  chars(alphabet: string, length: number): string;
}

/**
 * A {@link Random} seeded by `seed`: the same seed always gives the same sequence. Uses
 * seedrandom's Alea generator, which is fast enough for millions of draws.
 */
export function createRandom(seed: string): Random {
  const prng = seedrandom.alea(seed);
  const next = (): number => prng();
  let spare: number | null = null;

  const normal = (): number => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    // Box-Muller: u is kept away from 0 so that the logarithm stays finite.
    const u = 1 - next();
    const v = next();
    const radius = Math.sqrt(-2 * Math.log(u));
    spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };

  const random: Random = {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    normal,
    logNormal: (median, sigma) => median * Math.exp(sigma * normal()),
    logUniform: (min, max) => Math.exp(Math.log(min) + (Math.log(max) - Math.log(min)) * next()),
    pareto: (alpha) => (1 - next()) ** (-1 / alpha),
    poisson: (lambda) => {
      if (lambda <= 0) return 0;
      const limit = Math.exp(-lambda);
      let count = 0;
      let product = next();
      while (product > limit) {
        count++;
        product *= next();
      }
      return count;
    },
    roundStochastic: (x) => {
      const floor = Math.floor(x);
      return next() < x - floor ? floor + 1 : floor;
    },
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error("pick from an empty list");
      return item;
    },
    weighted: (items) => {
      let total = 0;
      for (const [, weight] of items) total += weight;
      let target = next() * total;
      for (const [item, weight] of items) {
        target -= weight;
        if (target < 0) return item;
      }
      const last = items[items.length - 1];
      if (last === undefined) throw new Error("weighted pick from an empty list");
      return last[0];
    },
    shuffle: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const a = out[i] as (typeof out)[number];
        out[i] = out[j] as (typeof out)[number];
        out[j] = a;
      }
      return out;
    },
    chars: (alphabet, length) => {
      let out = "";
      for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
      return out;
    },
  };
  return random;
}
