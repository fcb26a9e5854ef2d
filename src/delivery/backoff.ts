/** How retries back off: exponential from `baseMs`, capped at `capMs`, with jitter. */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

/** The outbox's default: 5 s, 10 s, 20 s … up to 30 minutes between attempts. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, capMs: 30 * 60_000 };

/**
 * The wait before the next attempt after `attempts` failed ones (1 = the first failed):
 * `min(cap, base × 2^(attempts−1))`, scaled by a random factor in [0.5, 1) ("equal jitter"), so
 * many messages failing together do not come back together, yet each waits at least half the
 * exponential delay. `random` is injectable for tests.
 */
export function backoffDelay(
  attempts: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 30));
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}
