import { asRecord, asString, buildUrl, graphUsage, type HttpClient, SHORT_WAIT_MS } from "./http.ts";
import { CollectError, type Sleep } from "./types.ts";

/**
 * The Graph API's default base URL. v26.0 is the newest version (July 2026) in Meta's
 * changelog; each version stays available for about two years.
 */
export const GRAPH_API_URL = "https://graph.facebook.com/v26.0";

/** A Graph API error body: `{ error: { message, type, code, error_subcode, fbtrace_id } }`. */
export class GraphApiError extends Error {
  override name = "GraphApiError";
  readonly code: number;
  readonly subcode: number | null;
  readonly httpStatus: number;

  constructor(message: string, code: number, subcode: number | null, httpStatus: number) {
    super(message);
    this.code = code;
    this.subcode = subcode;
    this.httpStatus = httpStatus;
  }
}

/** Throttling codes: application (4), user (17), page (32), custom/per-call (613), Pages business use case (80001…). */
const APP_THROTTLE_CODES = new Set([4, 17]);
const OBJECT_THROTTLE_CODES = new Set([32, 613, 80001, 80002, 80005, 80006]);
/** Retries of one throttled call (after increasing pauses) before the run gives up on it. */
const THROTTLE_RETRIES = 3;
const THROTTLE_BACKOFF_MS = 30_000;
/** Meta asks apps to slow down when any usage figure reaches this percentage. */
const USAGE_LIMIT_PERCENT = 90;
/** Consecutive slow-downs after which the run stops using the Graph API. */
const MAX_USAGE_PAUSES = 5;

/**
 * Pacing shared by the Facebook and Instagram clients (they spend the same app's Graph
 * budget): after a response whose usage headers reach 90 %, the next call waits; a wait longer
 * than {@link SHORT_WAIT_MS}, or too many in a row, stops Graph collection for this run.
 */
export interface GraphPacer {
  beforeCall(): Promise<void>;
  observe(headers: Headers): void;
}

/** Creates the run's {@link GraphPacer}. */
export function createGraphPacer(sleep: Sleep): GraphPacer {
  let pauseMs = 0;
  let pausesInARow = 0;
  let percent = 0;
  return {
    async beforeCall() {
      if (pauseMs === 0) return;
      if (pauseMs > SHORT_WAIT_MS || pausesInARow > MAX_USAGE_PAUSES) {
        throw new CollectError(
          "rate_limited",
          `Meta's API usage for this app is at ${percent} %${pauseMs > SHORT_WAIT_MS ? ` (access returns in about ${Math.ceil(pauseMs / 60_000)} min)` : ""}`,
          "nothing to do, the next collection picks these handles up",
          "platform",
        );
      }
      const ms = pauseMs;
      pauseMs = 0;
      await sleep(ms);
    },
    observe(headers) {
      const usage = graphUsage(headers);
      if (usage.maxPercent >= USAGE_LIMIT_PERCENT) {
        percent = usage.maxPercent;
        pausesInARow++;
        pauseMs = usage.regainMinutes > 0 ? usage.regainMinutes * 60_000 : SHORT_WAIT_MS;
      } else {
        pausesInARow = 0;
      }
    },
  };
}

/** What {@link createGraphRequester} needs. */
export interface GraphDeps {
  http: HttpClient;
  baseUrl: string;
  sleep: Sleep;
  pacer: GraphPacer;
}

/** One Graph GET; the access token goes in the query string, so the URL is never logged. */
export type GraphGet = (
  path: string,
  params: Record<string, string | undefined>,
  token: string,
  label: string,
) => Promise<Record<string, unknown>>;

/**
 * Creates the Graph GET used by the Facebook and Instagram clients. Throttling codes are
 * retried after growing pauses, then become `rate_limited`; every other Graph error is thrown
 * as a {@link GraphApiError} for the client to interpret (removed metrics) or to hand to
 * {@link graphFailure}.
 */
export function createGraphRequester(deps: GraphDeps, platform: "facebook" | "instagram"): GraphGet {
  return async (path, params, token, label) => {
    const url = buildUrl(deps.baseUrl, path, { ...params, access_token: token });
    for (let attempt = 0; ; attempt++) {
      await deps.pacer.beforeCall();
      const res = await deps.http.get({ platform, url, label });
      deps.pacer.observe(res.headers);
      const body = asRecord(res.body);
      const error = asRecord(body.error);
      if (res.status === 200 && body.error === undefined) return body;
      const code = typeof error.code === "number" ? error.code : -1;
      const subcode = typeof error.error_subcode === "number" ? error.error_subcode : null;
      // Graph echoes a malformed token in some messages ("Malformed access token EAAG…").
      const raw = asString(error.message) ?? `HTTP ${res.status}`;
      const message = token ? raw.split(token).join("[token]") : raw;
      if (APP_THROTTLE_CODES.has(code) || OBJECT_THROTTLE_CODES.has(code)) {
        if (attempt < THROTTLE_RETRIES) {
          await deps.sleep(THROTTLE_BACKOFF_MS * 2 ** attempt);
          continue;
        }
        throw new CollectError(
          "rate_limited",
          `Meta is throttling ${APP_THROTTLE_CODES.has(code) ? "this app" : "calls for this account"} (code ${code})`,
          "nothing to do, the next collection picks it up",
          APP_THROTTLE_CODES.has(code) ? "platform" : "handle",
        );
      }
      throw new GraphApiError(message, code, subcode, res.status);
    }
  };
}

/** How a Graph problem is explained for one platform. */
export interface GraphWording {
  /** "Facebook" or "Instagram". */
  name: string;
  /** e.g. "facebook:mofa_washington" */
  handleRef: string;
  /** The permissions the token needs. */
  permissions: string;
  /** The command that stores a token. */
  storeCommand: string;
}

/** Turns a Graph error that the client did not handle into a {@link CollectError} a person can act on. */
export function graphFailure(err: GraphApiError, w: GraphWording): CollectError {
  const renew = `an admin of the account must create a new Page access token (${w.permissions}) and store it with \`${w.storeCommand}\``;
  if (err.code === 190) {
    const why =
      err.subcode === 463 ? ", it has expired" : err.subcode === 460 ? ", the password was changed" : "";
    return new CollectError("token_expired", `${w.name} rejected the page token (code 190${why})`, renew);
  }
  if (err.code === 10 || (err.code >= 200 && err.code <= 299)) {
    return new CollectError(
      "permission",
      `${w.name} refused access (code ${err.code}: ${err.message})`,
      `the token must carry ${w.permissions}: ${renew}`,
    );
  }
  if ((err.code === 100 && err.subcode === 33) || err.code === 803) {
    return new CollectError(
      "not_found",
      `${w.name} has no account ${w.handleRef} that this token can see (code ${err.code}: ${err.message})`,
      "check the account id (external_id) in the handles registry and that the token belongs to this account",
    );
  }
  return new CollectError(
    "error",
    `${w.name} answered with an error (code ${err.code}: ${err.message})`,
    "the next collection tries again; tell an administrator if this repeats",
  );
}

/** True for Graph's answer to a metric it does not (or no longer) provide: code 100, other than "no such object". */
export function isInvalidMetricError(err: unknown): err is GraphApiError {
  return err instanceof GraphApiError && err.code === 100 && err.subcode !== 33;
}

/**
 * Reads insights for `metrics` in one call; when Graph refuses the call for an invalid metric
 * (its message does not always say which one), asks for each metric alone so that one removed
 * metric costs only itself. `onRejected` hears about each refused metric; the bodies of the
 * calls that worked are returned.
 */
export async function readInsightsTolerant(
  metrics: readonly string[],
  read: (metrics: readonly string[]) => Promise<Record<string, unknown>>,
  onRejected: (metric: string, err: GraphApiError) => void,
): Promise<Record<string, unknown>[]> {
  if (metrics.length === 0) return [];
  try {
    return [await read(metrics)];
  } catch (err) {
    if (!isInvalidMetricError(err)) throw err;
    if (metrics.length === 1) {
      onRejected(metrics[0] as string, err);
      return [];
    }
  }
  const bodies: Record<string, unknown>[] = [];
  for (const metric of metrics) {
    try {
      bodies.push(await read([metric]));
    } catch (err) {
      if (!isInvalidMetricError(err)) throw err;
      onRejected(metric, err);
    }
  }
  return bodies;
}

/** The `after` cursor when Graph says there is a next page (`paging.next`), else undefined. */
export function nextCursor(body: Record<string, unknown>): string | undefined {
  const paging = asRecord(body.paging);
  if (!asString(paging.next)) return undefined;
  return asString(asRecord(paging.cursors).after) ?? undefined;
}
