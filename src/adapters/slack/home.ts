import type { App, types } from "@slack/bolt";
import { DateTime } from "luxon";
import type { Caller } from "../../core/command.ts";
import { apologyReply } from "../../core/failure.ts";
import { type ReplyElement, reply } from "../../core/reply.ts";
import { hasRole } from "../../core/roles.ts";
import { getMembership } from "../../db/repos/members-repo.ts";
import { logFailure } from "./failure.ts";
import { handlesNeedingAttention } from "./home-attention.ts";
import { renderBlocks } from "./render.ts";
import type { SlackContext } from "./run-command.ts";

/** The App Home view as `views.publish` takes it. */
export interface HomeView {
  type: "home";
  blocks: types.KnownBlock[];
}

async function commandElements(ctx: SlackContext, line: string, caller: Caller): Promise<ReplyElement[]> {
  const outcome = await ctx.dispatcher.run({ text: line, caller });
  return outcome.status === "ok" ? outcome.result.reply.elements : outcome.reply.elements;
}

/**
 * Builds a user's App Home from the same commands they could type: a mission officer sees their
 * mission (`/mission-stats <code>`); SCD staff and admins see the fleet (`/leaderboard`, then the
 * handles needing attention); everyone else gets a short guide (`/help`).
 */
export async function buildHomeView(ctx: SlackContext, userId: string): Promise<HomeView> {
  const { db, clock, config } = ctx.deps;
  const caller: Caller = { platform: "slack", userId };
  const member = getMembership(db, caller);
  const updated = DateTime.fromJSDate(clock.now())
    .setZone(config.hqTimezone)
    .toFormat("d LLL yyyy, HH:mm ZZZZ");
  const elements: ReplyElement[] = [{ type: "header", text: "Digital Media Dashboard" }];

  if (hasRole(member.role, "scd")) {
    elements.push({
      type: "context",
      text: `Fleet view for ${member.role === "admin" ? "an admin" : "SCD staff"} · updated ${updated}`,
    });
    elements.push({ type: "divider" }, ...(await commandElements(ctx, "leaderboard", caller)));
    elements.push({ type: "divider" }, ...handlesNeedingAttention(db, clock.now(), config.hqTimezone));
  } else if (member.role === "mission_officer" && member.missionCode) {
    elements.push({ type: "context", text: `Your mission, ${member.missionCode} · updated ${updated}` });
    elements.push(
      { type: "divider" },
      ...(await commandElements(ctx, `mission-stats ${member.missionCode}`, caller)),
    );
  } else {
    elements.push({
      type: "text",
      text: "Type /mission-stats followed by a mission (a code, city or country) to see its figures, or /leaderboard to see every mission ranked.",
    });
    elements.push({ type: "divider" }, ...(await commandElements(ctx, "help", caller)));
  }
  elements.push({ type: "context", text: "This page refreshes each time you open it." });
  return { type: "home", blocks: renderBlocks(reply(elements), { forView: true }).blocks };
}

/** Publishes the App Home each time a user opens it, so it is always fresh. */
export function registerHome(app: App, ctx: SlackContext): void {
  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== "home") return;
    try {
      await client.views.publish({ user_id: event.user, view: await buildHomeView(ctx, event.user) });
    } catch (err) {
      const errorId = logFailure(ctx.logger, err, "app_home_opened");
      const blocks = renderBlocks(apologyReply(errorId), { forView: true }).blocks;
      await client.views.publish({ user_id: event.user, view: { type: "home", blocks } }).catch(() => {});
    }
  });
}
