import { DateTime } from "luxon";
import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { UserError } from "../src/core/errors.ts";
import { type ReplyElement, reply } from "../src/core/reply.ts";
import { createContentItem } from "../src/db/repos/content-repo.ts";
import { listMissions } from "../src/db/repos/missions-repo.ts";
import { CONTENT_KINDS, describeTargets, TARGETS_HELP, validateContentDraft } from "../src/domain/content.ts";

const caption = (language: string) => z.string().optional().describe(`Suggested caption in ${language}`);

/**
 * `/content new title="…" kind=… theme=… description=… assets=https://…,https://…
 * captions.en="…" captions.fr="…" hashtags=#A,#B targets=… due=YYYY-MM-DD`: the SCD registers
 * a piece of content; each targeted mission's channel then receives it (content jobs).
 * Caption keys may be written `captions.fr`, `caption.fr`, `captions_fr` or `captionsFr`.
 */
export default defineCommand({
  name: "content new",
  summary:
    "Send new SCD content to missions, with captions, hashtags, targets and a due date (SCD and admins).",
  examples: [
    'content new title="National Day 2026" kind=infographic theme=culture assets=https://mfa.example/nd.png captions.en="Happy National Day!" captions.fr="Bonne fête nationale !" hashtags=#NationalDay targets=all due=2026-12-05',
    'content new title="Water diplomacy" kind=documentary targets="region:Middle East;kind:embassy" due=2026-12-10',
    "content new title=Harvest kind=photo targets=missions:washington,riyadh due=2026-12-01",
  ],
  args: z.object({
    title: z.string().describe("The content's title"),
    kind: z.enum(CONTENT_KINDS).optional().describe("What it is (default other)"),
    theme: z.string().optional().describe("Its theme, e.g. culture, economy"),
    description: z.string().optional().describe("What it is about, for the missions"),
    assets: z.string().optional().describe("Links to the files, separated by commas"),
    captionsEn: caption("English"),
    captionsFr: caption("French"),
    captionsEs: caption("Spanish"),
    captionsAr: caption("Arabic"),
    captionsPt: caption("Portuguese"),
    captionsRu: caption("Russian"),
    captionsZh: caption("Chinese"),
    captionsUr: caption("Urdu"),
    hashtags: z.string().optional().describe("Hashtags, e.g. #NationalDay,#Culture"),
    targets: z.string().describe(`Who it is for: ${TARGETS_HELP}`),
    due: z.string().describe("The day by which missions should publish it, YYYY-MM-DD"),
  }),
  // `caption.fr=…` (singular) is as natural to type as `captions.fr=…`.
  optionAliases: {
    captionEn: "captionsEn",
    captionFr: "captionsFr",
    captionEs: "captionsEs",
    captionAr: "captionsAr",
    captionPt: "captionsPt",
    captionRu: "captionsRu",
    captionZh: "captionsZh",
    captionUr: "captionsUr",
  },
  minRole: "scd",
  mutates: true,
  execute(args, ctx) {
    const { db, clock, config } = ctx.deps;
    const missions = listMissions(db);
    if (missions.length === 0) {
      throw new UserError(
        "no_missions",
        "There are no missions yet to send content to: run `dmd missions import <file.csv>` (or `dmd demo`) first.",
      );
    }
    const today = DateTime.fromJSDate(clock.now()).setZone(config.hqTimezone).toISODate() ?? "";
    const draft = validateContentDraft(
      {
        title: args.title,
        kind: args.kind,
        theme: args.theme,
        description: args.description,
        assets: args.assets,
        captions: {
          en: args.captionsEn,
          fr: args.captionsFr,
          es: args.captionsEs,
          ar: args.captionsAr,
          pt: args.captionsPt,
          ru: args.captionsRu,
          zh: args.captionsZh,
          ur: args.captionsUr,
        },
        hashtags: args.hashtags,
        targets: args.targets,
        due: args.due,
      },
      { today, missions },
    );
    const item = createContentItem(db, {
      title: draft.title,
      kind: draft.kind,
      theme: draft.theme,
      description: draft.description,
      assets: draft.assets,
      captions: draft.captions as Record<string, string>,
      hashtags: draft.hashtags,
      targets: draft.targets,
      dueDate: draft.dueDate,
      missionIds: draft.missions.map((m) => m.id),
      createdBy: `${ctx.caller.platform}:${ctx.caller.userId}`,
      createdAt: clock.now().toISOString(),
    });
    const codes = draft.missions.map((m) => m.code);
    const unreachable = draft.missions
      .filter((m) => !m.slackChannel?.trim() && !m.discordChannel?.trim())
      .map((m) => m.code);
    ctx.audit("content.new", {
      contentId: item.id,
      title: item.title,
      targets: describeTargets(item.targets),
      missions: codes.length,
      dueDate: item.dueDate,
    });
    const n = codes.length;
    const elements: ReplyElement[] = [
      { type: "header", text: `Content #${item.id} saved: ${item.title}` },
      {
        type: "text",
        text: `It goes to ${n} mission${n === 1 ? "" : "s"} (${describeTargets(item.targets)}), due ${item.dueDate}. Each mission's channel receives it within a few minutes, with the buttons Shared, Will share on … and Not applicable; missions that have not answered get a reminder the day before it is due.`,
      },
    ];
    if (draft.assets.length + draft.hashtags.length + Object.keys(draft.captions).length === 0) {
      elements.push({
        type: "text",
        tone: "warning",
        text: "It has no asset link, caption or hashtag, so shares can only be verified from the post links missions give.",
      });
    }
    if (unreachable.length > 0) {
      elements.push({
        type: "text",
        tone: "warning",
        text: `${unreachable.length} of them have no Slack or Discord channel and will not get the message: ${unreachable.slice(0, 30).join(", ")}${unreachable.length > 30 ? ` and ${unreachable.length - 30} more` : ""}. Set their channel in the missions registry (slack_channel, discord_channel).`,
      });
    }
    elements.push({ type: "context", text: `Follow it with /content status ${item.id}` });
    return {
      reply: reply(elements, { fallback: `Content #${item.id} saved: ${item.title}, for ${n} missions` }),
      data: {
        id: item.id,
        title: item.title,
        kind: item.kind,
        dueDate: item.dueDate,
        targets: item.targets,
        missions: codes,
        withoutChannel: unreachable,
      },
    };
  },
});
