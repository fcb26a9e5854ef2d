import type { Caller, Deps } from "../../src/core/command.ts";
import type { Db } from "../../src/db/client.ts";
import type { JobDefinition } from "../../src/jobs/job.ts";
import { runJobOnce } from "../../src/jobs/run-job.ts";
import { testDispatcher } from "../helpers/app.ts";
import { tempDb } from "../helpers/db.ts";
import { seedFixtureNetwork } from "../helpers/fixture-network.ts";

/** SCD staff, an admin, and the officers of washington and karachi (Slack users). */
export const SCD: Caller = { platform: "slack", userId: "U0SCD" };
export const ADMIN: Caller = { platform: "slack", userId: "U0ADMIN" };
export const WASHINGTON_OFFICER: Caller = { platform: "slack", userId: "U0OFF" };
export const KARACHI_OFFICER: Caller = { platform: "slack", userId: "U0KOFF" };

/** "Now" of the content tests: Friday 2026-11-27, 12:00 UTC. */
export const NOW = "2026-11-27T12:00:00Z";

/**
 * The fixture network with channels (washington `dmd-washington`, riyadh `C0RIYADH`, karachi
 * `C0KARACHI`, the SCD's `C0SCD` on the hq mission; sao-paulo has none) and the members above.
 */
export function contentNetwork(now = NOW) {
  const db = tempDb();
  seedFixtureNetwork(db);
  const sql = db.$client;
  const channel = sql.prepare("UPDATE missions SET slack_channel = ? WHERE code = ?");
  channel.run("C0RIYADH", "riyadh");
  channel.run("C0KARACHI", "karachi");
  channel.run("C0SCD", "hq");
  sql.prepare("UPDATE missions SET language = 'ar' WHERE code = 'riyadh'").run();
  const member = sql.prepare(
    "INSERT INTO members (platform, user_id, role, mission_id) VALUES ('slack', ?, ?, (SELECT id FROM missions WHERE code = ?))",
  );
  member.run("U0ADMIN", "admin", null);
  member.run("U0SCD", "scd", null);
  member.run("U0OFF", "mission_officer", "washington");
  member.run("U0KOFF", "mission_officer", "karachi");
  const t = testDispatcher(db, { now });
  return { db, t };
}

/**
 * Runs one job for one scope at the slot `now` exactly as the scheduler does (`runJobOnce`: the
 * run ledger, one transaction, messages into the real outbox). Returns the run's outcome.
 *
 * @throws Error when the run failed.
 */
export async function runContentJob(job: JobDefinition, deps: Deps, scopeKey: string, now: string) {
  const scope = job.scopes(deps).find((s) => s.key === scopeKey);
  if (!scope) throw new Error(`${job.name} has no scope ${scopeKey}`);
  const slot = new Date(now);
  const outcome = await runJobOnce({
    deps,
    job,
    scope,
    slot,
    late: false,
    enqueueAt: () => slot,
    runLeaseMs: 60_000,
    retryFailed: false,
  });
  if (outcome.status === "failed") throw new Error(`${job.name} failed: ${outcome.detail}`);
  return outcome;
}

/** The outbox's rows: key, channel, kind and status, by key. */
export function outboxRows(db: Db): { key: string; channel: string; kind: string; status: string }[] {
  return db.$client
    .prepare(
      "SELECT idempotency_key AS key, channel_id AS channel, kind, status FROM outbox ORDER BY idempotency_key",
    )
    .all() as { key: string; channel: string; kind: string; status: string }[];
}

/** The publish instant hidden in an X post id. */
export function xPostId(instant: string): string {
  return ((BigInt(Date.parse(instant)) - 1288834974657n) << 22n).toString();
}

/**
 * An X Premium content export (2026 header) for `handle`, one row per post:
 * `[publish instant, date as X writes it, text, likes, replies, reposts]`.
 */
export function xContentCsv(
  handle: string,
  posts: [string, string, string, number, number, number][],
): Buffer {
  const header =
    "Post id,Date,Post text,Post Link,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Replies,Reposts,Profile visits,Detail Expands,URL Clicks,Hashtag Clicks,Permalink Clicks";
  const rows = posts.map(([instant, date, text, likes, replies, reposts]) => {
    const id = xPostId(instant);
    return `${id},"${date}","${text.replace(/"/g, '""')}",https://x.com/${handle}/status/${id},1000,${likes},60,2,3,1,${replies},${reposts},10,2,1,0,0`;
  });
  return Buffer.from(`${[header, ...rows].join("\n")}\n`, "utf8");
}
