/**
 * Per-channel and workspace-wide send limits for the outbox, as reservations on a timeline
 * (a token bucket holding one token, refilled every `1000 / rate` ms). Kept across delivery
 * passes by the worker, so that back-to-back passes never burst past a limit, and paused when
 * the platform answers 429 with `Retry-After`.
 */

/** How fast the outbox may send. */
export interface RateLimits {
  /** Messages per second in one channel (Slack: about 1). */
  perChannelPerSecond: number;
  /** Messages per second across all channels of the workspace. */
  globalPerSecond: number;
}

/** Slack's documented pace for `chat.postMessage`: about one message per second per channel. */
export const DEFAULT_RATE_LIMITS: RateLimits = { perChannelPerSecond: 1, globalPerSecond: 10 };

/** The limiter's state; one per running worker (and per platform workspace). */
export interface RateLimiter {
  /** The earliest instant (epoch ms) a message may go to `channel`. */
  readyAt(channel: string): number;
  /** Records a send to `channel` at `at` (epoch ms): the next one waits its turn. */
  take(channel: string, at: number): void;
  /** Holds back `channel` (or every channel when null) until `until` (epoch ms): a 429's Retry-After. */
  pause(channel: string | null, until: number): void;
}

/**
 * Creates a limiter. A channel is ready when its own interval since its last send has passed,
 * the workspace interval since any send has passed, and no pause holds it.
 *
 * @throws RangeError when a rate is not a positive number.
 */
export function createRateLimiter(limits: RateLimits = DEFAULT_RATE_LIMITS): RateLimiter {
  for (const [name, value] of Object.entries(limits)) {
    if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be a positive number`);
  }
  const channelInterval = 1000 / limits.perChannelPerSecond;
  const globalInterval = 1000 / limits.globalPerSecond;
  const channelNext = new Map<string, number>();
  const channelPause = new Map<string, number>();
  let globalNext = 0;
  let globalPause = 0;
  return {
    readyAt(channel) {
      return Math.max(channelNext.get(channel) ?? 0, channelPause.get(channel) ?? 0, globalNext, globalPause);
    },
    take(channel, at) {
      channelNext.set(channel, at + channelInterval);
      globalNext = Math.max(globalNext, at + globalInterval);
    },
    pause(channel, until) {
      if (channel === null) globalPause = Math.max(globalPause, until);
      else channelPause.set(channel, Math.max(channelPause.get(channel) ?? 0, until));
    },
  };
}

/** One {@link RateLimiter} per platform: Slack's and Discord's limits are separate budgets. */
export interface RateLimiterSet {
  for(platform: string): RateLimiter;
}

/** Creates a limiter per platform on first use, each with `limits`. */
export function createRateLimiterSet(limits: RateLimits = DEFAULT_RATE_LIMITS): RateLimiterSet {
  createRateLimiter(limits); // checks the limits now rather than at the first send
  const byPlatform = new Map<string, RateLimiter>();
  return {
    for(platform) {
      let limiter = byPlatform.get(platform);
      if (!limiter) {
        limiter = createRateLimiter(limits);
        byPlatform.set(platform, limiter);
      }
      return limiter;
    },
  };
}
