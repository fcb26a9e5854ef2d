/**
 * The content jobs: delivering new SCD content to the targeted missions' channels, reminding
 * the missions that have not answered the day before the due date, and, after it, the SCD's
 * summary (with a daily sweep that verifies shares and flags claims no post proved in 7 days).
 * Every message goes through the outbox under a key that makes it happen once.
 */
import type { Deps } from "../core/command.ts";
import type { Db } from "../db/client.ts";
import { verifyShares } from "../db/repos/content-ledger-repo.ts";
import {
  type ContentItem,
  closeContentItem,
  flagUnverifiedClaims,
  getContentItem,
  getDelivery,
  listDeliveries,
  openItemsDueBefore,
  unansweredDue,
  unsentPings,
} from "../db/repos/content-repo.ts";
import { getMissionById, listMissions } from "../db/repos/missions-repo.ts";
import { channelTargets, scdChannels } from "../digest/scd-channels.ts";
import { contentPingKey, contentReminderKey } from "../domain/content.ts";
import { summarizeDeliveries } from "../domain/content-ledger.ts";
import {
  contentPingReply,
  contentReminderReply,
  contentSummaryReply,
  flaggedClaimsReply,
} from "../domain/content-messages.ts";
import { addDays, localDateOf } from "../domain/dates.ts";
import type { JobContext, JobDefinition, JobScope } from "./job.ts";

/** The scope key of the network-wide content jobs. */
const FLEET = "fleet";

/** Minutes between two delivery runs. */
export const DELIVERY_EVERY_MINUTES = 5;

/** The local hour reminders and the SCD's follow-up go out. */
export const CONTENT_HOUR = 9;

/** Days after which a claim no post has verified is flagged. */
export const FLAG_AFTER_DAYS = 7;

function fleetScope(deps: Deps): JobScope[] {
  return [{ key: FLEET, timezone: deps.config.hqTimezone, missionId: null }];
}

/** The slot a delivery run belongs to: its instant floored to {@link DELIVERY_EVERY_MINUTES}, e.g. `2026-11-27T12:05Z`. */
export function deliverySlot(instant: Date): string {
  const step = DELIVERY_EVERY_MINUTES * 60_000;
  return `${new Date(Math.floor(instant.getTime() / step) * step).toISOString().slice(0, 16)}Z`;
}

/**
 * Queues the ping of every delivery not yet in the outbox (`content:<id>:<mission>:<platform>`),
 * showing the mission's answer when it answered before the ping went out. Returns how many it queued.
 */
export function enqueueContentPings(db: Db, enqueue: JobContext["enqueue"]): number {
  const items = new Map<number, ContentItem | null>();
  let queued = 0;
  for (const ping of unsentPings(db)) {
    if (!items.has(ping.contentId)) items.set(ping.contentId, getContentItem(db, ping.contentId));
    const item = items.get(ping.contentId);
    const delivery = getDelivery(db, ping.contentId, ping.missionId);
    if (!item || !delivery) continue;
    enqueue({
      key: contentPingKey(item.id, ping.missionCode, ping.platform),
      platform: ping.platform,
      channelId: ping.channelId,
      kind: "content",
      missionId: ping.missionId,
      reply: contentPingReply(
        item,
        { code: delivery.missionCode, name: delivery.missionName, language: delivery.language },
        delivery,
      ),
    });
    queued++;
  }
  return queued;
}

/**
 * Delivery: every 5 minutes, each targeted mission's channels receive the new items (one ping
 * per mission and platform, ever).
 */
export const contentDeliveryJob: JobDefinition = {
  name: "content-delivery",
  description: "New SCD content to each targeted mission's channels (every 5 minutes)",
  scopes: fleetScope,
  cron: () => `*/${DELIVERY_EVERY_MINUTES} * * * *`,
  periodKey: (_scope, instant) => deliverySlot(instant),
  run(ctx) {
    const queued = enqueueContentPings(ctx.deps.db, ctx.enqueue);
    ctx.note?.(`${queued} content ping${queued === 1 ? "" : "s"} queued`);
  },
};

/**
 * Reminders: daily at 09:00 in each mission's zone, the missions that have not answered an open
 * item due tomorrow (or today, when yesterday's reminder could not go) get one reminder
 * (`content-reminder:<id>:<mission>:<platform>`).
 */
export const contentReminderJob: JobDefinition = {
  name: "content-reminders",
  description: "Reminds missions that have not answered, the day before the content is due (09:00 local)",
  scopes(deps) {
    return listMissions(deps.db)
      .filter((m) => m.kind !== "hq" && (m.slackChannel?.trim() || m.discordChannel?.trim()))
      .map((m) => ({ key: m.code, timezone: m.timezone, missionId: m.id }));
  },
  cron: () => `0 ${CONTENT_HOUR} * * *`,
  periodKey: (scope, instant) => localDateOf(instant.toISOString(), scope.timezone),
  run(ctx) {
    const { db } = ctx.deps;
    if (ctx.scope.missionId === null) return;
    const mission = getMissionById(db, ctx.scope.missionId);
    if (!mission) return;
    const targets = channelTargets({ slack: mission.slackChannel, discord: mission.discordChannel });
    const today = localDateOf(ctx.now.toISOString(), mission.timezone);
    const due = unansweredDue(db, mission.id, today, addDays(today, 1), ctx.now.toISOString());
    ctx.note?.(`${due.length} reminder${due.length === 1 ? "" : "s"}`);
    for (const delivery of due) {
      const item = getContentItem(db, delivery.contentId);
      if (!item) continue;
      const message = contentReminderReply(
        item,
        { code: mission.code, name: mission.name, language: mission.language },
        today,
      );
      for (const target of targets) {
        ctx.enqueue({
          key: contentReminderKey(item.id, mission.code, target.platform),
          platform: target.platform,
          channelId: target.channelId,
          kind: "reminder",
          missionId: mission.id,
          reply: message,
        });
      }
    }
  },
};

/**
 * The SCD's follow-up: daily at 09:00 HQ time, shares are verified against every post stored
 * (whatever path brought them in); claims that no post proved in 7 days are flagged and listed
 * to the SCD (`content-flagged:<day>:<platform>`); and each open item whose due date has passed
 * is summed up for the SCD (`content-summary:<id>:<platform>`) and closed.
 */
export const contentFollowUpJob: JobDefinition = {
  name: "content-follow-up",
  description: "Content summaries to the SCD after the due date, and claims flagged after 7 days (09:00 HQ)",
  scopes: fleetScope,
  cron: () => `0 ${CONTENT_HOUR} * * *`,
  periodKey: (scope, instant) => localDateOf(instant.toISOString(), scope.timezone),
  run(ctx) {
    const { db, logger } = ctx.deps;
    const now = ctx.now;
    const today = localDateOf(now.toISOString(), ctx.scope.timezone);
    const verified = verifyShares(db, {}, now);
    const targets = channelTargets(scdChannels(db));
    if (targets.length === 0) {
      logger.warn(
        "content: no SCD channel for summaries; run dmd settings set scd.slack_channel <channel> (or scd.discord_channel), or give the hq mission a channel in the registry",
      );
    }
    const hqId = listMissions(db, { kind: "hq" })[0]?.id ?? null;

    const flagged = flagUnverifiedClaims(
      db,
      new Date(now.getTime() - FLAG_AFTER_DAYS * 86_400_000).toISOString(),
      now.toISOString(),
    );
    if (flagged.length > 0) {
      const rows = flagged.map((delivery) => ({
        contentId: delivery.contentId,
        title: getContentItem(db, delivery.contentId)?.title ?? "",
        delivery,
      }));
      for (const target of targets) {
        ctx.enqueue({
          key: `content-flagged:${today}:${target.platform}`,
          platform: target.platform,
          channelId: target.channelId,
          kind: "content_flagged",
          missionId: hqId,
          reply: flaggedClaimsReply(rows),
        });
      }
    }

    const pastDue = openItemsDueBefore(db, today);
    ctx.note?.(
      `${verified.length} share(s) verified, ${flagged.length} claim(s) flagged, ${pastDue.length} item(s) summed up and closed`,
    );
    for (const item of pastDue) {
      const deliveries = listDeliveries(db, item.id);
      const summary = summarizeDeliveries(item, deliveries);
      for (const target of targets) {
        ctx.enqueue({
          key: `content-summary:${item.id}:${target.platform}`,
          platform: target.platform,
          channelId: target.channelId,
          kind: "content_summary",
          missionId: hqId,
          reply: contentSummaryReply(item, summary, deliveries),
        });
      }
      closeContentItem(db, item.id);
    }
  },
};

/** The content jobs, for the scheduler's registry. */
export const contentJobs: JobDefinition[] = [contentDeliveryJob, contentReminderJob, contentFollowUpJob];
