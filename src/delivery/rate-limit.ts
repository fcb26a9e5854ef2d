/**
 * Per-channel and workspace-wide send limits for the outbox. Kept across delivery passes by the
 * worker, so back-to-back passes never burst past a limit, and paused when the platform answers
 * 429 with `Retry-After`.
 *
 * The platform counts requests when they arrive, and arrival is somewhere between the moment we
 * send and the moment the answer comes back (network and event-loop delays move it about). So
 * both limits are kept on those spans, which makes them hold whatever the jitter:
 *
 * - per channel, the next message goes one interval after the previous one was answered;
 * - across the workspace, at most `globalPerSecond × windowMs / 1000` requests may be in flight
 *   or answered within the last `windowMs`.
 */

/** How fast the outbox may send. */
export interface RateLimits {
  /** Messages per second in one channel (Slack: about 1). */
  perChannelPerSecond: number;
  /** Messages per second across all channels of the workspace, counted over `windowMs`. */
  globalPerSecond: number;
  /** The window the workspace limit is counted over (default 1,000 ms). */
  windowMs?: number;
}

/**
 * Slack's pace for `chat.postMessage`: about one message per second per channel, and a
 * workspace-wide limit of several hundred a minute (10 a second stays well inside it).
 */
export const DEFAULT_RATE_LIMITS: RateLimits = { perChannelPerSecond: 1, globalPerSecond: 10 };

/** The limiter's state; one per running worker and platform. */
export interface RateLimiter {
  /**
   * The earliest instant (epoch ms) a message may go to `channel`; `Infinity` while the
   * workspace budget is held by requests still in flight (the next answer frees it).
   */
  readyAt(channel: string): number;
  /** Records a send to `channel` starting at `at` (epoch ms). */
  take(channel: string, at: number): void;
  /** Records that the send to `channel` was answered at `at` (epoch ms); every `take` gets one. */
  answered(channel: string, at: number): void;
  /** Holds back `channel` (or every channel when null) until `until` (epoch ms): a 429's Retry-After. */
  pause(channel: string | null, until: number): void;
}

/**
 * Creates a limiter.
 *
 * @throws RangeError when a rate or the window is not a positive number.
 */
export function createRateLimiter(limits: RateLimits = DEFAULT_RATE_LIMITS): RateLimiter {
  const windowMs = limits.windowMs ?? 1000;
  for (const [name, value] of Object.entries({ ...limits, windowMs })) {
    if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be a positive number`);
  }
  const channelInterval = 1000 / limits.perChannelPerSecond;
  const capacity = Math.max(1, Math.floor((limits.globalPerSecond * windowMs) / 1000));
  const channelNext = new Map<string, number>();
  const channelPause = new Map<string, number>();
  /** Answer times still possibly inside the window, oldest first. */
  const answers: number[] = [];
  let flying = 0;
  let globalPause = 0;

  function workspaceReadyAt(): number {
    const occupied = flying + answers.length;
    if (occupied < capacity) return 0;
    // The (occupied − capacity + 1)th oldest answer must leave the window first.
    const leaving = answers[occupied - capacity];
    return leaving === undefined ? Number.POSITIVE_INFINITY : leaving + windowMs;
  }

  return {
    readyAt(channel) {
      return Math.max(
        channelNext.get(channel) ?? 0,
        channelPause.get(channel) ?? 0,
        globalPause,
        workspaceReadyAt(),
      );
    },
    take(channel, at) {
      while (answers.length > 0 && (answers[0] ?? 0) <= at - windowMs) answers.shift();
      flying += 1;
      channelNext.set(channel, Math.max(channelNext.get(channel) ?? 0, at + channelInterval));
    },
    answered(channel, at) {
      flying = Math.max(0, flying - 1);
      let i = answers.length;
      while (i > 0 && (answers[i - 1] ?? 0) > at) i -= 1;
      answers.splice(i, 0, at);
      channelNext.set(channel, Math.max(channelNext.get(channel) ?? 0, at + channelInterval));
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
