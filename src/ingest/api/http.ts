import type { Logger } from "../../core/logger.ts";
import { type ApiPlatform, CollectError, PLATFORM_LABEL, type Sleep } from "./types.ts";

/** The longest wait a run sits through for a rate limit; longer ones stop the platform until the next run. */
export const SHORT_WAIT_MS = 60_000;

/** One GET. `label` names the call in logs: URLs are never logged, they can carry tokens. */
export interface HttpRequest {
  platform: ApiPlatform;
  url: URL;
  label: string;
  headers?: Record<string, string>;
}

/** A response with its body parsed as JSON (null when the body is not JSON). */
export interface HttpResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Options of {@link createHttpClient}. */
export interface HttpClientOptions {
  sleep: Sleep;
  logger: Logger;
  /** Per attempt. */
  timeoutMs?: number;
  /** Attempts for one request when the server fails (5xx) or cannot be reached. */
  maxAttempts?: number;
  random?: () => number;
}

/** The shared fetch of every API client. */
export interface HttpClient {
  /**
   * GETs `url`. Network failures, timeouts and 5xx answers are retried with exponential
   * backoff and jitter; after the last attempt the call fails with a {@link CollectError}
   * (`error`). Every other status is returned for the client to read.
   */
  get(request: HttpRequest): Promise<HttpResponse>;
}

/** Exponential backoff with jitter for retry number `attempt` (0-based), capped at 30 s. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  return Math.min(30_000, 1_000 * 2 ** attempt + Math.floor(random() * 1_000));
}

/** Creates the {@link HttpClient}, built on the global `fetch` (undici). */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxAttempts = options.maxAttempts ?? 4;
  const random = options.random ?? Math.random;
  const log = options.logger;

  return {
    async get(request) {
      const name = PLATFORM_LABEL[request.platform];
      let lastProblem = "";
      for (let attempt = 0; attempt < maxAttempts; attempt++) {
        if (attempt > 0) await options.sleep(backoffMs(attempt - 1, random));
        let response: Response;
        try {
          response = await fetch(request.url, {
            headers: { accept: "application/json", ...request.headers },
            signal: AbortSignal.timeout(timeoutMs),
          });
        } catch (err) {
          lastProblem = isTimeout(err)
            ? `no answer within ${Math.round(timeoutMs / 1000)} s`
            : "could not connect";
          log.warn(
            { platform: request.platform, call: request.label, attempt: attempt + 1 },
            `${name} API: ${lastProblem}`,
          );
          continue;
        }
        const body = await readJson(response);
        log.debug({
          platform: request.platform,
          call: request.label,
          status: response.status,
          attempt: attempt + 1,
        });
        if (response.status >= 500) {
          lastProblem = `HTTP ${response.status}`;
          log.warn(
            { platform: request.platform, call: request.label, status: response.status },
            `${name} API failed`,
          );
          continue;
        }
        return { status: response.status, headers: response.headers, body };
      }
      throw new CollectError(
        "error",
        `The ${name} API did not answer properly (${lastProblem}, ${maxAttempts} attempts)`,
        "nothing to do if this is rare, the next collection tries again",
      );
    },
  };
}

function isTimeout(err: unknown): boolean {
  return err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * The server's clock from its `Date` header (rate-limit resets are in the server's time),
 * or `fallback` when the header is missing or unreadable.
 */
export function serverNowMs(headers: Headers, fallback: number): number {
  const date = headers.get("date");
  const ms = date ? Date.parse(date) : Number.NaN;
  return Number.isFinite(ms) ? ms : fallback;
}

/** The highest Graph API usage percentage in the usage headers, and Meta's estimate of when access returns. */
export interface GraphUsage {
  maxPercent: number;
  /** `estimated_time_to_regain_access`, in minutes (0 when not given). */
  regainMinutes: number;
}

const GRAPH_USAGE_HEADERS = [
  "x-app-usage",
  "x-page-usage",
  "x-ad-account-usage",
  "x-business-use-case-usage",
];

/**
 * Reads Meta's usage headers (JSON: `x-app-usage` `{call_count,total_cputime,total_time}`,
 * `x-business-use-case-usage` `{"<id>":[{type,call_count,…,estimated_time_to_regain_access}]}`).
 * Unreadable headers count as no usage.
 */
export function graphUsage(headers: Headers): GraphUsage {
  const usage: GraphUsage = { maxPercent: 0, regainMinutes: 0 };
  for (const name of GRAPH_USAGE_HEADERS) {
    const raw = headers.get(name);
    if (!raw) continue;
    try {
      visitUsage(JSON.parse(raw) as unknown, usage);
    } catch {
      // A malformed header is not a reason to stop collecting.
    }
  }
  return usage;
}

function visitUsage(value: unknown, usage: GraphUsage): void {
  if (Array.isArray(value)) {
    for (const item of value) visitUsage(item, usage);
    return;
  }
  if (value === null || typeof value !== "object") return;
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === "number") {
      if (key === "estimated_time_to_regain_access") usage.regainMinutes = Math.max(usage.regainMinutes, v);
      else if (key === "call_count" || key.startsWith("total_") || key === "acc_id_util_pct") {
        usage.maxPercent = Math.max(usage.maxPercent, v);
      }
    } else {
      visitUsage(v, usage);
    }
  }
}

/** `value` as a plain object, or an empty one. */
export function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** `value` as an array, or an empty one. */
export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A count from a number or a numeric string (YouTube sends strings); null otherwise. */
export function asCount(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^-?\d+$/.test(value.trim())) return Number(value);
  return null;
}

/** A string, or null. */
export function asString(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

/** `base` (which may carry a path prefix such as `/v26.0`) joined with `path`, plus query parameters. */
export function buildUrl(base: string, path: string, params: Record<string, string | undefined> = {}): URL {
  const url = new URL(`${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`);
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(key, value);
  return url;
}
