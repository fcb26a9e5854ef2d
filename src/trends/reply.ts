/**
 * A trend report as people read it, in chat and in the outbox: our key figures first (computed
 * by us, never by the model), then each language's report with one line saying honestly who
 * wrote it: the LLM (checked against our figures) or our automatic summary, and why.
 */
import { type Reply, type ReplyElement, reply } from "../core/reply.ts";
import { sectionTitles } from "../domain/auto-summary.ts";
import { DEMO_NOTICE_SHORT } from "../domain/demo-notice.ts";
import { type FactsPack, factsHash, findFact } from "../domain/facts.ts";
import type { ReportItem } from "../domain/grounding.ts";
import { languageName, nativeLanguageName } from "../domain/languages.ts";
import { ENABLE_LLM_HINT, NO_LLM_REASON, type TrendOutcome } from "./generate.ts";

/** The line every reply built on the demo network carries. */

/** How the reply is framed. */
export interface TrendReplyOptions {
  /** The network holds demo data. */
  demo?: boolean;
  /** Sent by a job that ran late. */
  late?: boolean;
  /** Posted in a channel (jobs) rather than shown to the caller only. */
  ephemeral?: boolean;
  /** A line to add, e.g. that the caller's LLM requests are used up for the hour. */
  note?: string | null;
}

function display(pack: FactsPack, id: string): string {
  return findFact(pack, id)?.display ?? "n/a";
}

function keyFigures(pack: FactsPack): ReplyElement {
  const d = (id: string) => display(pack, id);
  const fields = [
    { label: "Followers", value: `${d("followers")} (${d("followers_change_pct")})` },
    {
      label: "Posts",
      value: `${d("posts")} (${d("posts_per_week")} a week; before: ${d("posts_previous")})`,
    },
    { label: "Interactions", value: `${d("interactions")} (${d("interactions_per_post")} per post)` },
  ];
  if (pack.subject.kind === "mission") {
    fields.push({
      label: "Engagement rate",
      value: `${d("engagement_rate")} (region median ${d("region_median_engagement")}; peers ${d("peer_median_engagement")})`,
    });
  } else {
    fields.push(
      {
        label: "Engagement rate",
        value: `${d("engagement_rate")} (median mission ${d("median_engagement")})`,
      },
      { label: "Missions reporting", value: `${d("missions_reporting")} of ${d("missions")}` },
    );
  }
  return { type: "fields", fields };
}

function capitalized(text: string, language: string): string {
  return text.charAt(0).toLocaleUpperCase(language) + text.slice(1);
}

function sourceLine(o: TrendOutcome): string {
  const language =
    o.language === "en"
      ? "English"
      : `${capitalized(nativeLanguageName(o.language), o.language)} (${languageName(o.language)})`;
  if (o.source === "llm") {
    const when = o.cached ? " Written earlier for these same figures." : "";
    return `${language} — written by an LLM (${o.model ?? "model unknown"}) from our figures; every number in it was checked against them.${when}`;
  }
  const notIn =
    o.language !== o.requestedLanguage
      ? ` The automatic summary is not written in ${languageName(o.requestedLanguage)}, so it is in English.`
      : "";
  const rejected =
    o.violations.length > 0 && o.fallbackReason !== NO_LLM_REASON
      ? " Nothing of the LLM's report is shown."
      : "";
  return `${language} — automatic summary built from our figures (${o.fallbackReason ?? "no LLM report"}).${rejected}${notIn}`;
}

function bullets(title: string, items: ReportItem[]): string {
  return [title, ...items.map((i) => `• ${i.text}`)].join("\n");
}

/** The outcomes worth showing: an automatic summary already shown in the same language is not repeated. */
function distinct(outcomes: TrendOutcome[]): TrendOutcome[] {
  const shown: TrendOutcome[] = [];
  for (const o of outcomes) {
    const same = shown.some(
      (s) => s.language === o.language && JSON.stringify(s.report) === JSON.stringify(o.report),
    );
    if (!same) shown.push(o);
  }
  return shown;
}

/** The title of a pack's report. */
export function trendTitle(pack: FactsPack): string {
  return pack.subject.kind === "network"
    ? `Weekly brief — ${pack.subject.name} — ${pack.period.words}`
    : `Trend report — ${pack.subject.name} — ${pack.period.words}`;
}

/** The reply for `pack` and its reports (one per language, in the order to show them). */
export function trendReply(
  pack: FactsPack,
  outcomes: TrendOutcome[],
  options: TrendReplyOptions = {},
): Reply {
  const p = pack.period;
  const q = pack.previous;
  const code = pack.subject.kind === "mission" ? ` · code ${pack.subject.code}` : "";
  const elements: ReplyElement[] = [
    { type: "header", text: trendTitle(pack) },
    { type: "context", text: `${p.start} to ${p.end}, compared with ${q.start} to ${q.end}${code}` },
  ];
  if (options.demo) elements.push({ type: "context", text: DEMO_NOTICE_SHORT });
  if (options.late) {
    elements.push({ type: "context", text: "Sent late: the bot was not running when this report was due." });
  }
  elements.push(keyFigures(pack));
  const shown = distinct(outcomes);
  for (const o of shown) {
    const titles = sectionTitles(o.language);
    elements.push({ type: "divider" }, { type: "context", text: sourceLine(o) });
    elements.push({ type: "text", text: o.report.headline.text });
    if (o.report.highlights.length > 0)
      elements.push({ type: "text", text: bullets(titles.highlights, o.report.highlights) });
    if (o.report.concerns.length > 0)
      elements.push({ type: "text", text: bullets(titles.concerns, o.report.concerns), tone: "warning" });
    if (o.report.recommendations.length > 0)
      elements.push({ type: "text", text: bullets(titles.recommendations, o.report.recommendations) });
  }
  if (outcomes.some((o) => o.fallbackReason === NO_LLM_REASON))
    elements.push({ type: "context", text: ENABLE_LLM_HINT });
  if (options.note) elements.push({ type: "text", text: options.note, tone: "muted" });
  if (pack.subject.kind === "mission") {
    elements.push({
      type: "buttons",
      buttons: [
        {
          id: "trends:stats",
          label: "Mission figures",
          command: `/mission-stats ${pack.subject.code} ${p.start}..${p.end}`,
        },
      ],
    });
  } else {
    elements.push({
      type: "buttons",
      buttons: [
        {
          id: "trends:leaderboard",
          label: "Leaderboard",
          command: `/leaderboard engagement ${p.start}..${p.end}`,
        },
      ],
    });
  }
  const first = shown[0];
  const fallback = `${trendTitle(pack)}: ${first?.report.headline.text ?? ""}`.slice(0, 300);
  return reply(elements, { ephemeral: options.ephemeral ?? true, fallback });
}

/** What `dmd ask "/trends …" --json` prints as data. The top-level report is the English one. */
export function trendData(
  pack: FactsPack,
  outcomes: TrendOutcome[],
  extra: { llmEnabled: boolean; rateLimited: boolean },
) {
  const languages = outcomes.map((o) => ({
    language: o.requestedLanguage,
    writtenIn: o.language,
    source: o.source,
    grounded: o.grounded,
    violations: o.violations,
    model: o.model,
    usage: o.usage,
    cached: o.cached,
    fallbackReason: o.fallbackReason,
    report: o.report,
  }));
  const main = languages.find((l) => l.language === "en") ?? languages[0];
  return {
    subject:
      pack.subject.kind === "mission"
        ? {
            kind: "mission",
            code: pack.subject.code,
            name: pack.subject.name,
            language: pack.subject.language,
          }
        : { kind: "network", code: "scd", name: pack.subject.name, language: pack.subject.language },
    period: { key: pack.period.key, start: pack.period.start, end: pack.period.end, days: pack.period.days },
    previous: { start: pack.previous.start, end: pack.previous.end, days: pack.previous.days },
    factsHash: factsHash(pack),
    ...main,
    languages,
    llm: extra,
    facts: pack.facts.map((f) => ({ id: f.id, value: f.value, display: f.display, label: f.label })),
  };
}
