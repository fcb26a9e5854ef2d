/**
 * The messages of content distribution as neutral Replies: the ping a mission receives (with
 * its answer buttons, and later its answer), the reminder, the SCD's summary after the due
 * date, the flagged claims, and the status of an item.
 */
import type { Button, Reply, ReplyElement } from "../core/reply.ts";
import {
  answerButtonId,
  CAPTION_LANGUAGES,
  type CaptionLanguage,
  type ContentTargets,
  DECLINE_REASON_LABELS,
  type DeclineReason,
  type DeliveryState,
  describeTargets,
  formatHours,
} from "./content.ts";
import type { LedgerSummary } from "./content-ledger.ts";
import { formatCount } from "./format.ts";

/** The item fields messages show. */
export interface ItemView {
  id: number;
  title: string;
  kind: string;
  theme: string | null;
  description: string | null;
  assets: string[];
  captions: Record<string, string>;
  hashtags: string[];
  targets: ContentTargets;
  dueDate: string | null;
  status: string;
  createdAt: string;
}

/** A delivery's fields messages show. */
export interface DeliveryView {
  missionCode: string;
  missionName: string;
  region: string;
  state: DeliveryState;
  plannedDate: string | null;
  declineReason: string | null;
  declineText: string | null;
  claimedLinks: string[];
  answeredBy: string | null;
  answeredAt: string | null;
  flaggedAt: string | null;
  post: { platform: string; handle: string; url: string | null; localDate: string } | null;
}

/** The mission a ping is for. */
export interface PingMission {
  code: string;
  name: string;
  /** Its working language; its caption is shown first. */
  language: string | null;
}

const MAX_LISTED = 15;

function captionOrder(captions: Record<string, string>, language: string | null): [string, string][] {
  const entries = Object.entries(captions).filter(([, text]) => text.trim() !== "");
  const rank = (lang: string) => (lang === language ? 0 : lang === "en" ? 1 : 2);
  return entries.sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]));
}

function languageName(code: string): string {
  return CAPTION_LANGUAGES[code as CaptionLanguage] ?? code;
}

function who(actor: string | null): string {
  if (!actor) return "";
  const colon = actor.indexOf(":");
  return ` by ${colon >= 0 ? actor.slice(colon + 1) : actor}`;
}

function day(iso: string | null): string {
  return iso ? iso.slice(0, 10) : "n/a";
}

/** The typed form of the three answers, e.g. for the console or a client without buttons. */
export function typedAnswerHint(contentId: number, missionCode: string): string {
  const base = `/content answer ${contentId} ${missionCode}`;
  return `Or type: ${base} shared <post link> · ${base} will <YYYY-MM-DD> · ${base} na <host-country|language|already-covered|other> [why]`;
}

/** The three answer buttons of an item at a mission; each runs the typed answer it stands for. */
export function answerButtons(contentId: number, missionCode: string): Button[] {
  const base = `/content answer ${contentId} ${missionCode}`;
  return [
    {
      id: answerButtonId("shared", contentId, missionCode),
      label: "Shared",
      command: `${base} shared`,
      style: "primary",
    },
    { id: answerButtonId("will", contentId, missionCode), label: "Will share on …", command: `${base} will` },
    { id: answerButtonId("na", contentId, missionCode), label: "Not applicable", command: `${base} na` },
  ];
}

/** A mission's answer in one line, or null while it has not answered. */
export function answerLine(
  d: Pick<
    DeliveryView,
    | "state"
    | "plannedDate"
    | "declineReason"
    | "declineText"
    | "claimedLinks"
    | "answeredBy"
    | "answeredAt"
    | "flaggedAt"
    | "post"
  >,
): string | null {
  switch (d.state) {
    case "verified": {
      const where = d.post
        ? ` on ${d.post.platform} @${d.post.handle} (${d.post.localDate})${d.post.url ? `: ${d.post.url}` : ""}`
        : "";
      return `✅ Shared and verified${where}.`;
    }
    case "claimed": {
      const flagged = d.flaggedAt
        ? " Flagged: no matching post found 7 days after the claim."
        : " Waiting for the post to show in the figures.";
      return `Shared, said on ${day(d.answeredAt)}${who(d.answeredBy)}: ${d.claimedLinks.join(" ")}.${flagged}`;
    }
    case "will_share":
      return `Will share on ${d.plannedDate ?? "n/a"} (answer${who(d.answeredBy)} on ${day(d.answeredAt)}).`;
    case "declined": {
      const reason =
        DECLINE_REASON_LABELS[d.declineReason as DeclineReason] ?? d.declineReason ?? "no reason";
      return `Not applicable: ${reason}${d.declineText ? ` — ${d.declineText}` : ""} (answer${who(d.answeredBy)} on ${day(d.answeredAt)}).`;
    }
    default:
      return null;
  }
}

function itemElements(item: ItemView, language: string | null): ReplyElement[] {
  const elements: ReplyElement[] = [];
  if (item.description) elements.push({ type: "text", text: item.description });
  const fields = [
    { label: "Kind", value: item.kind },
    ...(item.theme ? [{ label: "Theme", value: item.theme }] : []),
    { label: "Due", value: item.dueDate ?? "no due date" },
    { label: "Item", value: `#${item.id}` },
  ];
  elements.push({ type: "fields", fields });
  if (item.assets.length > 0) elements.push({ type: "text", text: `Assets:\n${item.assets.join("\n")}` });
  for (const [lang, caption] of captionOrder(item.captions, language)) {
    elements.push({ type: "text", text: `Suggested caption (${languageName(lang)}):\n${caption}` });
  }
  if (item.hashtags.length > 0) {
    elements.push({ type: "text", text: `Hashtags: ${item.hashtags.map((t) => `#${t}`).join(" ")}` });
  }
  return elements;
}

/**
 * The ping a mission's channel receives for an item: the content, its captions (the mission's
 * language first), and the answer buttons; once the mission answered, its answer too (and no
 * buttons once the share is verified).
 */
export function contentPingReply(
  item: ItemView,
  mission: PingMission,
  delivery?: DeliveryView | null,
): Reply {
  const title = `New content from the SCD: ${item.title}`;
  const elements: ReplyElement[] = [{ type: "header", text: title }, ...itemElements(item, mission.language)];
  const answered = delivery ? answerLine(delivery) : null;
  elements.push({
    type: "text",
    text:
      answered ??
      `Please publish it on ${mission.name}'s official handles by ${item.dueDate ?? "the date you choose"}, then press Shared and give the post's link.`,
    tone: answered ? "normal" : "muted",
  });
  if (delivery?.state !== "verified") {
    elements.push({ type: "buttons", buttons: answerButtons(item.id, mission.code) });
    elements.push({ type: "context", text: typedAnswerHint(item.id, mission.code) });
  }
  return {
    elements,
    ephemeral: false,
    fallback: `New content for ${mission.name}: ${item.title}${item.dueDate ? ` (due ${item.dueDate})` : ""}`,
  };
}

/** The reminder to a mission that has not answered, the day before the due date (or on it). */
export function contentReminderReply(item: ItemView, mission: PingMission, today: string): Reply {
  const when = item.dueDate === today ? "today" : `on ${item.dueDate ?? "n/a"}`;
  const title = `Reminder: “${item.title}” is due ${when}`;
  return {
    elements: [
      { type: "header", text: title },
      {
        type: "text",
        text: `${mission.name} has not answered yet. Please publish it and press Shared, say when you will, or tell the SCD why it does not apply.`,
      },
      ...itemElements(item, mission.language),
      { type: "buttons", buttons: answerButtons(item.id, mission.code) },
      { type: "context", text: typedAnswerHint(item.id, mission.code) },
    ],
    ephemeral: false,
    fallback: title,
  };
}

/** The figures of an item's ledger as reply elements: counts, timing, interactions, regions, answers. */
export function ledgerElements(summary: LedgerSummary, deliveries: DeliveryView[]): ReplyElement[] {
  const pct = (n: number) =>
    summary.targeted === 0 ? "" : ` (${Math.round((n / summary.targeted) * 100)}%)`;
  const elements: ReplyElement[] = [
    {
      type: "fields",
      fields: [
        { label: "Targeted", value: formatCount(summary.targeted) },
        { label: "Verified", value: `${formatCount(summary.verified)}${pct(summary.verified)}` },
        {
          label: "Claimed, not yet verified",
          value: `${formatCount(summary.claimed)}${summary.flagged > 0 ? ` (${summary.flagged} flagged)` : ""}`,
        },
        { label: "Will share", value: formatCount(summary.willShare) },
        { label: "Declined", value: formatCount(summary.declined) },
        { label: "No answer", value: formatCount(summary.pending) },
        {
          label: "Median time to share",
          value: `${formatHours(summary.medianHoursToShare)}${summary.timedShares > 0 ? ` (${summary.timedShares} timed share${summary.timedShares === 1 ? "" : "s"})` : ""}`,
        },
        { label: "Interactions on the shares", value: formatCount(summary.interactions) },
      ],
    },
  ];
  if (summary.byRegion.length > 0) {
    elements.push({
      type: "table",
      columns: ["Region", "Targeted", "Verified", "Claimed", "Will share", "Declined", "No answer"],
      align: ["left", "right", "right", "right", "right", "right", "right"],
      rows: summary.byRegion.map((r) => [
        r.region,
        String(r.targeted),
        String(r.verified),
        String(r.claimed),
        String(r.willShare),
        String(r.declined),
        String(r.pending),
      ]),
    });
  }
  const declined = deliveries.filter((d) => d.state === "declined");
  if (declined.length > 0) {
    elements.push({
      type: "text",
      text: `Declined:\n${declined
        .slice(0, MAX_LISTED)
        .map((d) => {
          const reason =
            DECLINE_REASON_LABELS[d.declineReason as DeclineReason] ?? d.declineReason ?? "no reason";
          return `• ${d.missionCode}: ${reason}${d.declineText ? ` — ${d.declineText}` : ""}`;
        })
        .join("\n")}${declined.length > MAX_LISTED ? `\n… and ${declined.length - MAX_LISTED} more` : ""}`,
    });
  }
  const flagged = deliveries.filter((d) => d.state === "claimed" && d.flaggedAt !== null);
  if (flagged.length > 0) {
    elements.push({
      type: "text",
      tone: "warning",
      text: `Claimed 7+ days ago, no matching post found: ${flagged.map((d) => `${d.missionCode} (${d.claimedLinks.join(" ")})`).join("; ")}`,
    });
  }
  const silent = deliveries.filter((d) => d.state === "pending").map((d) => d.missionCode);
  if (silent.length > 0) {
    const shown = silent.slice(0, MAX_LISTED * 2).join(", ");
    elements.push({
      type: "context",
      text: `No answer yet: ${shown}${silent.length > MAX_LISTED * 2 ? ` and ${silent.length - MAX_LISTED * 2} more` : ""}`,
    });
  }
  return elements;
}

/** The heading lines of an item's status: title, kind, targets, due date and state. */
export function itemHeadElements(item: ItemView): ReplyElement[] {
  return [
    { type: "header", text: `#${item.id} ${item.title}` },
    {
      type: "context",
      text: `${item.kind}${item.theme ? ` · ${item.theme}` : ""} · for ${describeTargets(item.targets)} · due ${item.dueDate ?? "n/a"} · ${item.status} · created ${day(item.createdAt)}`,
    },
  ];
}

/** The SCD's summary of an item once its due date has passed. */
export function contentSummaryReply(
  item: ItemView,
  summary: LedgerSummary,
  deliveries: DeliveryView[],
): Reply {
  const title = `Content summary: “${item.title}” (due ${item.dueDate ?? "n/a"})`;
  return {
    elements: [
      { type: "header", text: title },
      {
        type: "text",
        text: `${summary.verified} of ${summary.targeted} targeted missions shared it (verified in their posts). Details: /content status ${item.id}`,
      },
      ...ledgerElements(summary, deliveries),
    ],
    ephemeral: false,
    fallback: `${title}: ${summary.verified} of ${summary.targeted} missions shared it`,
  };
}

/** The SCD's note listing claims that no post has verified 7 days on. */
export function flaggedClaimsReply(
  rows: { contentId: number; title: string; delivery: DeliveryView }[],
): Reply {
  const title = `Shares claimed but not found after 7 days: ${rows.length}`;
  return {
    elements: [
      { type: "header", text: title },
      {
        type: "text",
        text: "These missions said they shared an item, but no post of theirs matching it has arrived in the figures. Check the link they gave, or that their handle's figures are imported.",
      },
      {
        type: "table",
        columns: ["Item", "Mission", "Claimed on", "Links"],
        rows: rows.map((r) => [
          `#${r.contentId} ${r.title}`,
          r.delivery.missionCode,
          day(r.delivery.answeredAt),
          r.delivery.claimedLinks.join(" "),
        ]),
      },
    ],
    ephemeral: false,
    fallback: title,
  };
}
