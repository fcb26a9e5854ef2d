import type { RESTOptions } from "discord.js";

/** The longest rate-limit wait the bot sits out; a longer one fails the request (the outbox retries later). */
export const MAX_RATE_LIMIT_WAIT_MS = 60_000;

/**
 * discord.js REST settings, chosen on purpose rather than left to defaults: requests queue per
 * route bucket and wait out `retry_after` on a 429 (the library's own handling of Discord's
 * per-route buckets, `X-RateLimit-*` headers and the global limit of 50 requests a second);
 * a wait longer than a minute is refused instead, so a send fails and the outbox tries again
 * later rather than holding everything up; 5xx answers and network errors are retried twice;
 * a request gives up after 15 seconds. `apiUrl` (`DISCORD_API_URL`) points it at a proxy or a
 * test server.
 */
export function restOptions(apiUrl: string | undefined): Partial<RESTOptions> {
  return {
    ...(apiUrl ? { api: apiUrl.replace(/\/+$/, "") } : {}),
    version: "10",
    globalRequestsPerSecond: 50,
    offset: 100,
    retries: 2,
    timeout: 15_000,
    rejectOnRateLimit: (limit) =>
      limit.retryAfter > MAX_RATE_LIMIT_WAIT_MS || limit.timeToReset > MAX_RATE_LIMIT_WAIT_MS,
  };
}
