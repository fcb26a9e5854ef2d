/**
 * SCD content distribution, the pure part: reading the fields of `/content new` (assets,
 * hashtags, targets, due date), the rules that turn targets into missions, the answers missions
 * give, and the share matching that proves a post is a share of an item.
 */
import type { Membership } from "../core/command.ts";
import { UserError } from "../core/errors.ts";
import { addDays, diffDays, isIsoDate } from "./dates.ts";
import { type LookupMission, lookupMission, missionNotFoundError, normalizeName } from "./mission-lookup.ts";

/** What the SCD produces. */
export const CONTENT_KINDS = ["documentary", "infographic", "photo", "story", "other"] as const;
/** One of {@link CONTENT_KINDS}. */
export type ContentKind = (typeof CONTENT_KINDS)[number];

/** Why a mission does not publish an item. */
export const DECLINE_REASONS = ["host_country", "language", "already_covered", "other"] as const;
/** One of {@link DECLINE_REASONS}. */
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** How each decline reason reads to people. */
export const DECLINE_REASON_LABELS: Record<DeclineReason, string> = {
  host_country: "host-country sensitivity",
  language: "language",
  already_covered: "already covered",
  other: "other",
};

/** An item's state at one mission (the share ledger). */
export const DELIVERY_STATES = ["pending", "will_share", "claimed", "verified", "declined"] as const;
/** One of {@link DELIVERY_STATES}. */
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** Languages a suggested caption can be given in (`captions.fr=…`), with their names. */
export const CAPTION_LANGUAGES = {
  en: "English",
  fr: "French",
  es: "Spanish",
  ar: "Arabic",
  pt: "Portuguese",
  ru: "Russian",
  zh: "Chinese",
  ur: "Urdu",
} as const;
/** A key of {@link CAPTION_LANGUAGES}. */
export type CaptionLanguage = keyof typeof CAPTION_LANGUAGES;

/** The missions an item is for: every mission, or regions and/or kinds, plus listed missions. */
export interface ContentTargets {
  all: boolean;
  regions: string[];
  kinds: string[];
  missions: string[];
}

/** The longest title, in characters. */
export const MAX_TITLE = 150;
/** How far ahead a due date may be, in days. */
export const MAX_DUE_DAYS = 366;
/** How many links an answer or an item may carry. */
export const MAX_LINKS = 10;

/** One problem with one field of a draft, in words for the person who typed it. */
export interface FieldProblem {
  /** The `/content new` key (title, kind, assets, captions, hashtags, targets, due, …). */
  field: string;
  message: string;
}

/**
 * Bad `/content new` input: every problem found, each tied to its field, so a form can show
 * each one under its own input. The message lists them all.
 */
export class ContentDraftError extends UserError {
  readonly problems: FieldProblem[];

  constructor(problems: FieldProblem[]) {
    const lines = problems.map((p) => `• ${p.message}`);
    super(
      "bad_content",
      `Nothing was saved. ${problems.length === 1 ? "Please fix this" : `Please fix these ${problems.length} things`}:\n${lines.join("\n")}`,
    );
    this.problems = problems;
  }
}

/** A link as typed: `http(s)://…` with a host. */
export function isWebLink(text: string): boolean {
  if (!/^https?:\/\/\S+$/i.test(text)) return false;
  try {
    const url = new URL(text);
    return url.hostname.includes(".") || url.hostname === "localhost";
  } catch {
    return false;
  }
}

/** Splits a list typed with commas, semicolons, spaces or line breaks. */
export function splitList(text: string | undefined): string[] {
  return (text ?? "")
    .split(/[\s,;]+/u)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** The asset links of an item: `https://…` separated by commas, spaces or line breaks. */
export function parseAssets(text: string | undefined): { links: string[] } | { problem: string } {
  const items = splitList(text);
  const bad = items.filter((i) => !isWebLink(i));
  if (bad.length > 0) {
    return {
      problem: `assets must be links starting with https://, separated by commas; "${shorten(bad[0] ?? "")}" is not one.`,
    };
  }
  if (items.length > MAX_LINKS)
    return { problem: `assets: give at most ${MAX_LINKS} links (${items.length} given).` };
  return { links: [...new Set(items)] };
}

const HASHTAG = /^#?([\p{L}\p{N}_]+)$/u;

/** Hashtags typed as `#A,#B` (the `#` optional), stored without `#`, duplicates (any case) dropped. */
export function parseHashtags(text: string | undefined): { tags: string[] } | { problem: string } {
  const tags: string[] = [];
  for (const item of splitList(text)) {
    const m = HASHTAG.exec(item);
    if (!m?.[1]) {
      return {
        problem: `hashtags are words of letters, digits and _, e.g. hashtags=#NationalDay,#Culture; "${shorten(item)}" is not one.`,
      };
    }
    if (!tags.some((t) => t.toLowerCase() === m[1]?.toLowerCase())) tags.push(m[1]);
  }
  if (tags.length > 30) return { problem: `hashtags: give at most 30 (${tags.length} given).` };
  return { tags };
}

const CLAUSE_KEYS: Record<string, "regions" | "kinds" | "missions"> = {
  region: "regions",
  regions: "regions",
  kind: "kinds",
  kinds: "kinds",
  mission: "missions",
  missions: "missions",
};

/** How targets are written, for messages. */
export const TARGETS_HELP =
  'targets=all, or region:Europe, kind:consulate, missions:washington,riyadh — combine them with ";" (a region and a kind together mean both; listed missions are added), e.g. targets="region:Middle East;kind:embassy;missions:karachi".';

/**
 * Reads `targets`: `all`; or clauses separated by `;` or `|`, each `region:A,B`, `kind:x,y` or
 * `missions:a,b` (a clause without a prefix lists missions).
 */
export function parseTargets(text: string | undefined): { targets: ContentTargets } | { problem: string } {
  const input = (text ?? "").trim();
  if (input === "") return { problem: `Say who the content is for: ${TARGETS_HELP}` };
  if (/^all$/i.test(input)) return { targets: { all: true, regions: [], kinds: [], missions: [] } };
  const targets: ContentTargets = { all: false, regions: [], kinds: [], missions: [] };
  for (const clause of input.split(/[;|]/)) {
    const trimmed = clause.trim();
    if (trimmed === "") continue;
    const m = /^([A-Za-z]+)\s*:(.*)$/s.exec(trimmed);
    const key = m?.[1] ? CLAUSE_KEYS[m[1].toLowerCase()] : undefined;
    if (m && !key) {
      return { problem: `"${shorten(m[1] ?? "")}:" is not a kind of target. ${TARGETS_HELP}` };
    }
    if (/^all$/i.test(trimmed)) {
      return {
        problem: `"all" cannot be combined with other targets: write targets=all alone. ${TARGETS_HELP}`,
      };
    }
    const values = (key ? (m?.[2] ?? "") : trimmed)
      .split(",")
      .map((v) => v.trim())
      .filter((v) => v !== "");
    if (values.length === 0) return { problem: `"${shorten(trimmed)}" names nothing. ${TARGETS_HELP}` };
    targets[key ?? "missions"].push(...values);
  }
  if (targets.regions.length + targets.kinds.length + targets.missions.length === 0) {
    return { problem: `Say who the content is for: ${TARGETS_HELP}` };
  }
  return { targets };
}

/** The mission fields target resolution reads. */
export interface TargetMission extends LookupMission {
  region: string;
  kind: string;
}

const MISSION_KIND_WORDS = ["embassy", "high_commission", "consulate", "permanent_mission", "hq"] as const;

function missionKindOf(word: string): string | null {
  const w = normalizeName(word).replace(/ /g, "_");
  const singular = w.replace(/ies$/, "y").replace(/s$/, "");
  for (const kind of MISSION_KIND_WORDS) {
    if (kind === w || kind === singular || kind.replace(/_/g, "") === singular.replace(/_/g, "")) return kind;
  }
  if (singular === "consulate_general") return "consulate";
  return null;
}

/**
 * The missions `targets` designate, by these rules: `all` is every mission but HQ; regions and
 * kinds select the missions that match them (both, when both are given; HQ only when the kind
 * `hq` is named); listed missions are added. Returns the missions' ids in code order, the
 * targets as stored (regions and kinds spelled as the registry spells them, missions as codes),
 * and a problem for each name that matches nothing.
 */
export function resolveTargets<M extends TargetMission>(
  targets: ContentTargets,
  missions: M[],
): { missions: M[]; stored: ContentTargets; problems: string[] } {
  const problems: string[] = [];
  const regions = [...new Set(missions.map((m) => m.region))].sort((a, b) => a.localeCompare(b));
  const stored: ContentTargets = { all: targets.all, regions: [], kinds: [], missions: [] };
  for (const wanted of targets.regions) {
    const found = regions.find((r) => normalizeName(r) === normalizeName(wanted));
    if (found) stored.regions.push(found);
    else
      problems.push(
        `There is no region called "${shorten(wanted)}". Regions: ${regions.join(", ") || "none yet"}.`,
      );
  }
  for (const wanted of targets.kinds) {
    const kind = missionKindOf(wanted);
    if (kind) stored.kinds.push(kind);
    else
      problems.push(
        `"${shorten(wanted)}" is not a kind of mission. Kinds: ${MISSION_KIND_WORDS.filter((k) => k !== "hq").join(", ")}.`,
      );
  }
  const listed: M[] = [];
  for (const wanted of targets.missions) {
    const result = lookupMission(wanted, missions);
    if (result.kind === "found") listed.push(result.mission);
    else problems.push(missionNotFoundError(wanted, result, "targets=missions:").message);
  }
  stored.regions = [...new Set(stored.regions)];
  stored.kinds = [...new Set(stored.kinds)];
  stored.missions = [...new Set(listed.map((m) => m.code))];

  const chosen = new Set<M>(listed);
  const filtering = stored.regions.length > 0 || stored.kinds.length > 0;
  if (targets.all || filtering) {
    for (const m of missions) {
      if (m.kind === "hq" && !stored.kinds.includes("hq")) continue;
      if (stored.regions.length > 0 && !stored.regions.includes(m.region)) continue;
      if (stored.kinds.length > 0 && !stored.kinds.includes(m.kind)) continue;
      chosen.add(m);
    }
  }
  const selected = [...chosen].sort((a, b) => a.code.localeCompare(b.code));
  if (problems.length === 0 && selected.length === 0) {
    problems.push(
      `These targets match no mission (${describeTargets(stored)}). ${filtering ? "Check the region and kind, or name missions." : TARGETS_HELP}`,
    );
  }
  return { missions: selected, stored, problems };
}

/** Targets in words: "all missions", "Europe · consulates · washington, riyadh". */
export function describeTargets(t: ContentTargets): string {
  if (t.all) return "all missions";
  const parts: string[] = [];
  if (t.regions.length > 0) parts.push(t.regions.join(", "));
  if (t.kinds.length > 0) parts.push(t.kinds.map((k) => k.replace(/_/g, " ")).join(", "));
  const scope = parts.join(" · ");
  if (t.missions.length === 0) return scope || "no missions";
  return scope ? `${scope} + ${t.missions.join(", ")}` : t.missions.join(", ");
}

/**
 * Checks a due date: a real `YYYY-MM-DD`, not before `today`, at most {@link MAX_DUE_DAYS}
 * ahead. Returns a problem in words, or null.
 */
export function dueDateProblem(due: string, today: string): string | null {
  if (!isIsoDate(due)) return `due must be a date like ${addDays(today, 7)}; "${shorten(due)}" is not one.`;
  if (due < today) return `due=${due} is in the past (today is ${today}). Give today or a later day.`;
  if (diffDays(due, today) > MAX_DUE_DAYS) {
    return `due=${due} is more than a year ahead. Give a day before ${addDays(today, MAX_DUE_DAYS + 1)}.`;
  }
  return null;
}

/** The fields of `/content new` as typed (all text). */
export interface ContentDraftInput {
  title?: string;
  kind?: string;
  theme?: string;
  description?: string;
  assets?: string;
  captions: Partial<Record<CaptionLanguage, string>>;
  hashtags?: string;
  targets?: string;
  due?: string;
}

/** A checked item, ready to be saved, with the missions it goes to. */
export interface ContentDraft<M> {
  title: string;
  kind: ContentKind;
  theme: string | null;
  description: string | null;
  assets: string[];
  captions: Partial<Record<CaptionLanguage, string>>;
  hashtags: string[];
  targets: ContentTargets;
  dueDate: string;
  missions: M[];
}

/** The longest description, in characters. */
export const MAX_DESCRIPTION = 2000;
/** The longest suggested caption, in characters. */
export const MAX_CAPTION = 2200;

/**
 * Checks every field of a new item against the rules (title 1–150 characters; a known kind,
 * `other` when none is given; links; hashtags; targets that name existing regions, kinds and
 * missions and match at least one; a due date from `today` on) and returns the draft.
 *
 * @throws ContentDraftError listing every problem, each with its field.
 */
export function validateContentDraft<M extends TargetMission>(
  input: ContentDraftInput,
  context: { today: string; missions: M[] },
): ContentDraft<M> {
  const problems: FieldProblem[] = [];
  const title = (input.title ?? "").trim();
  if (title === "")
    problems.push({ field: "title", message: 'Give the content a title, e.g. title="National Day 2026".' });
  else if (title.length > MAX_TITLE)
    problems.push({
      field: "title",
      message: `The title is ${title.length} characters long; keep it to ${MAX_TITLE}.`,
    });

  const kindText = (input.kind ?? "").trim().toLowerCase();
  const kind = kindText === "" ? "other" : CONTENT_KINDS.find((k) => k === kindText);
  if (!kind) {
    problems.push({
      field: "kind",
      message: `"${shorten(input.kind ?? "")}" is not a kind of content. Kinds: ${CONTENT_KINDS.join(", ")}.`,
    });
  }

  const theme = (input.theme ?? "").trim();
  if (theme.length > MAX_TITLE)
    problems.push({ field: "theme", message: `Keep the theme to ${MAX_TITLE} characters.` });
  const description = (input.description ?? "").trim();
  if (description.length > MAX_DESCRIPTION)
    problems.push({
      field: "description",
      message: `Keep the description to ${MAX_DESCRIPTION} characters.`,
    });

  const assets = parseAssets(input.assets);
  if ("problem" in assets) problems.push({ field: "assets", message: assets.problem });

  const captions: Partial<Record<CaptionLanguage, string>> = {};
  for (const [lang, text] of Object.entries(input.captions) as [CaptionLanguage, string | undefined][]) {
    const caption = (text ?? "").trim();
    if (caption === "") continue;
    if (caption.length > MAX_CAPTION) {
      problems.push({
        field: `captions.${lang}`,
        message: `The ${CAPTION_LANGUAGES[lang]} caption is ${caption.length} characters long; keep it to ${MAX_CAPTION}.`,
      });
    }
    captions[lang] = caption;
  }

  const hashtags = parseHashtags(input.hashtags);
  if ("problem" in hashtags) problems.push({ field: "hashtags", message: hashtags.problem });

  let missions: M[] = [];
  let stored: ContentTargets = { all: false, regions: [], kinds: [], missions: [] };
  const targets = parseTargets(input.targets);
  if ("problem" in targets) problems.push({ field: "targets", message: targets.problem });
  else {
    const resolved = resolveTargets(targets.targets, context.missions);
    for (const message of resolved.problems) problems.push({ field: "targets", message });
    missions = resolved.missions;
    stored = resolved.stored;
  }

  const due = (input.due ?? "").trim();
  const dueProblem =
    due === ""
      ? `Give a due date, the day by which missions should publish it, e.g. due=${addDays(context.today, 7)}.`
      : dueDateProblem(due, context.today);
  if (dueProblem) problems.push({ field: "due", message: dueProblem });

  if (problems.length > 0 || !kind || "problem" in assets || "problem" in hashtags) {
    throw new ContentDraftError(problems);
  }
  return {
    title,
    kind,
    theme: theme === "" ? null : theme,
    description: description === "" ? null : description,
    assets: assets.links,
    captions,
    hashtags: hashtags.tags,
    targets: stored,
    dueDate: due,
    missions,
  };
}

/** What a mission answered about an item. */
export type ContentAnswer =
  | { kind: "shared"; links: string[] }
  | { kind: "will"; date: string }
  | { kind: "na"; reason: DeclineReason; text: string | null };

const REASON_WORDS: Record<string, DeclineReason> = {
  hostcountry: "host_country",
  host: "host_country",
  sensitivity: "host_country",
  sensitive: "host_country",
  hostcountrysensitivity: "host_country",
  language: "language",
  lang: "language",
  alreadycovered: "already_covered",
  covered: "already_covered",
  already: "already_covered",
  other: "other",
};

/** The decline reason a word means (`host-country`, `language`, `already-covered`, `other`), or null. */
export function declineReasonOf(word: string): DeclineReason | null {
  return REASON_WORDS[word.toLowerCase().replace(/[^a-z]/g, "")] ?? null;
}

/**
 * Reads an answer: `shared <links…>`, `will <YYYY-MM-DD>` (not before `today`), or
 * `na <reason> [text]`. Throws a {@link UserError} saying what is missing and how to write it.
 */
export function parseAnswer(
  answer: "shared" | "will" | "na",
  details: string | undefined,
  today: string,
  example: string,
): ContentAnswer {
  const words = (details ?? "").trim();
  if (answer === "shared") {
    const items = splitList(words);
    const bad = items.find((i) => !isWebLink(i));
    if (items.length === 0 || bad !== undefined) {
      throw new UserError(
        "bad_links",
        `${bad === undefined ? "Give the link of the post you published" : `"${shorten(bad)}" is not a link`}: ${example} shared https://x.com/YourHandle/status/123…`,
        ["Several links can be given, separated by spaces."],
      );
    }
    if (items.length > MAX_LINKS) {
      throw new UserError("bad_links", `Give at most ${MAX_LINKS} links (${items.length} given).`);
    }
    return { kind: "shared", links: [...new Set(items)] };
  }
  if (answer === "will") {
    const date = words.split(/\s+/)[0] ?? "";
    if (!isIsoDate(date)) {
      throw new UserError(
        "bad_date",
        `Say on which day you will share it, as YYYY-MM-DD: ${example} will ${addDays(today, 1)}.`,
      );
    }
    if (date < today)
      throw new UserError(
        "bad_date",
        `${date} is in the past (today is ${today}). Give today or a later day.`,
      );
    if (diffDays(date, today) > MAX_DUE_DAYS)
      throw new UserError("bad_date", `${date} is more than a year ahead.`);
    return { kind: "will", date };
  }
  const [first = "", ...rest] = words.split(/\s+/);
  const reason = declineReasonOf(first);
  if (!reason) {
    throw new UserError(
      "bad_reason",
      `Say why it does not apply: host-country, language, already-covered or other (with a few words), e.g. ${example} na host-country.`,
    );
  }
  const text = rest.join(" ").trim();
  if (reason === "other" && text === "") {
    throw new UserError(
      "bad_reason",
      `Say in a few words why, after "other": ${example} na other Not relevant to our audience.`,
    );
  }
  if (text.length > 500)
    throw new UserError("bad_reason", `Keep the reason under 500 characters (${text.length} given).`);
  return { kind: "na", reason, text: text === "" ? null : text };
}

/**
 * Whether `member` may answer for a mission: only its own officers, or an admin. (The SCD sends
 * content and follows it; what a mission did is for the mission to say.) Returns the refusal in
 * words, or null when allowed.
 */
export function answerRefusal(member: Membership, mission: { id: number; code: string }): string | null {
  if (member.role === "admin") return null;
  if (member.role === "mission_officer" && member.missionId === mission.id) return null;
  if (member.role === "mission_officer") {
    return `Only ${mission.code}'s officers can answer for ${mission.code}; you answer for ${member.missionCode ?? "another mission"}.`;
  }
  if (member.role === "scd") {
    return `Only ${mission.code}'s officers (or an admin) can answer for ${mission.code}: ask them to press the buttons on the message in their channel.`;
  }
  return `Only ${mission.code}'s mission officers (or an admin) can answer for ${mission.code}. Ask an admin to grant you access: /access grant …`;
}

// ---------------------------------------------------------------------------------------------
// Share matching

/** A post as matching reads it. */
export interface MatchPost {
  url: string | null;
  caption: string | null;
}

/** An item as matching reads it, with the links a mission claimed for it. */
export interface MatchItem {
  assets: string[];
  captions: Record<string, string>;
  hashtags: string[];
  description: string | null;
  claimedLinks: string[];
}

/** Tuning of {@link matchShare}. */
export interface MatchOptions {
  /** Share of the item's hashtags a post must carry: 1 = all (default), 0.5 = half, rounded up. */
  hashtagShare?: number;
  /** Least token Jaccard similarity of a caption to a suggested one (default 0.6). */
  captionSimilarity?: number;
}

/** Why a post was taken as a share. */
export type MatchReason = "claimed_link" | "link" | "hashtags" | "caption";

/** How each match reason reads to people. */
export const MATCH_REASON_LABELS: Record<MatchReason, string> = {
  claimed_link: "the link the mission gave",
  link: "the content's link in the post",
  hashtags: "the content's hashtags",
  caption: "a caption close to the suggested one",
};

const URL_IN_TEXT = /https?:\/\/[^\s<>"'«»]+/giu;

/** The links written in a text, without trailing punctuation. */
export function linksIn(text: string | null): string[] {
  if (!text) return [];
  return [...text.matchAll(URL_IN_TEXT)].map((m) => m[0].replace(/[.,;:!?)\]}]+$/u, ""));
}

/**
 * A link reduced for comparison: no scheme, `www.`/`m.`/`mobile.` dropped, twitter.com as
 * x.com, lower-case host, no query or fragment (except YouTube's `v`), no trailing slash.
 * An X status link becomes `x.com/status/<id>` so that any handle or `i/web` form matches.
 */
export function normalizeLink(link: string): string {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return link.trim().toLowerCase();
  }
  let host = url.hostname.toLowerCase().replace(/^(?:www|m|mobile)\./, "");
  if (host === "twitter.com") host = "x.com";
  if (host === "youtu.be") return `youtube.com/watch?v=${url.pathname.slice(1)}`;
  const status = host === "x.com" ? /\/status(?:es)?\/(\d+)/.exec(url.pathname) : null;
  if (status?.[1]) return `x.com/status/${status[1]}`;
  const path = url.pathname.replace(/\/+$/, "");
  const v = host === "youtube.com" ? url.searchParams.get("v") : null;
  return `${host}${path}${v ? `?v=${v}` : ""}`;
}

/** The hashtags in a text, lower case, without `#`. */
export function hashtagsIn(text: string | null): string[] {
  if (!text) return [];
  return [...text.matchAll(/#([\p{L}\p{N}_]+)/gu)].map((m) => (m[1] ?? "").toLowerCase());
}

/** A caption as a set of comparable words: links dropped, accents and case folded, `#`/`@` dropped. */
export function captionTokens(text: string): Set<string> {
  const words = text
    .replace(URL_IN_TEXT, " ")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== "");
  return new Set(words);
}

/** Jaccard similarity of two word sets (0 when both are empty). */
export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

/** The links an item can be recognised by: its assets and the links in its captions and description. */
export function itemLinks(item: Pick<MatchItem, "assets" | "captions" | "description">): string[] {
  const all = [
    ...item.assets,
    ...Object.values(item.captions).flatMap(linksIn),
    ...linksIn(item.description),
  ];
  return [...new Set(all.map(normalizeLink))];
}

/** A post read once for matching against many items. */
export interface PreparedPost {
  /** The post's own link, normalized. */
  link: string | null;
  /** The links in its caption, normalized. */
  links: string[];
  /** Its hashtags, lower case. */
  hashtags: Set<string>;
  /** Its caption's words; null without a caption. */
  tokens: Set<string> | null;
}

/** Reads a post once for {@link shareMatcher}. */
export function preparePost(post: MatchPost): PreparedPost {
  return {
    link: post.url ? normalizeLink(post.url) : null,
    links: linksIn(post.caption).map(normalizeLink),
    hashtags: new Set(hashtagsIn(post.caption)),
    tokens: post.caption ? captionTokens(post.caption) : null,
  };
}

/**
 * The test of whether a post is a share of `item`, and why, checking in this order: the post is
 * a link the mission claimed; the post carries one of the item's links; it carries the item's
 * hashtags (all of them, or `hashtagShare` of them rounded up); its caption is close to a
 * suggested caption (token Jaccard at least `captionSimilarity`). Null when none holds. The
 * item is read once, so one matcher can test many posts.
 */
export function shareMatcher(
  item: MatchItem,
  options: MatchOptions = {},
): (post: PreparedPost) => MatchReason | null {
  const claimed = new Set(item.claimedLinks.map(normalizeLink));
  const links = new Set(itemLinks(item));
  const tags = [...new Set(item.hashtags.map((t) => t.toLowerCase()))];
  const share = Math.min(1, Math.max(0, options.hashtagShare ?? 1));
  const needed = Math.max(1, Math.ceil(tags.length * share));
  const threshold = options.captionSimilarity ?? 0.6;
  const suggested = Object.values(item.captions)
    .map(captionTokens)
    .filter((t) => t.size > 0);
  return (post) => {
    if (post.link !== null && claimed.has(post.link)) return "claimed_link";
    if (
      links.size > 0 &&
      (post.links.some((l) => links.has(l)) || (post.link !== null && links.has(post.link)))
    ) {
      return "link";
    }
    if (tags.length > 0 && tags.filter((t) => post.hashtags.has(t)).length >= needed) return "hashtags";
    const tokens = post.tokens;
    if (tokens !== null && suggested.some((s) => jaccard(tokens, s) >= threshold)) return "caption";
    return null;
  };
}

/** Whether one post is a share of `item`, and why (see {@link shareMatcher}). */
export function matchShare(item: MatchItem, post: MatchPost, options: MatchOptions = {}): MatchReason | null {
  return shareMatcher(item, options)(preparePost(post));
}

// ---------------------------------------------------------------------------------------------
// Figures

/** The median of `values`; null for none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

/** Hours from `from` to `to` (ISO instants); null when either is missing or unreadable. */
export function hoursBetween(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  const a = Date.parse(from);
  const b = Date.parse(to);
  if (Number.isNaN(a) || Number.isNaN(b)) return null;
  return (b - a) / 3_600_000;
}

/** A duration for people: "under 1 h", "18 h", "2.5 days"; null reads "n/a". */
export function formatHours(hours: number | null): string {
  if (hours === null || !Number.isFinite(hours)) return "n/a";
  if (hours < 1) return "under 1 h";
  if (hours < 48) return `${Math.round(hours)} h`;
  const days = Math.round((hours / 24) * 10) / 10;
  return `${days.toFixed(1).replace(/\.0$/, "")} days`;
}

function shorten(text: string, max = 40): string {
  const flat = text
    .replace(/[\p{Cc}\p{Cf}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

// ---------------------------------------------------------------------------------------------
// Outbox keys and button ids (adapters read these)

/** The chat platforms content is delivered on. */
export type ContentPlatform = "slack" | "discord";

/** Outbox key of an item's ping to one mission on one platform. */
export function contentPingKey(contentId: number, missionCode: string, platform: ContentPlatform): string {
  return `content:${contentId}:${missionCode}:${platform}`;
}

/** Outbox key of the reminder to one mission on one platform. */
export function contentReminderKey(
  contentId: number,
  missionCode: string,
  platform: ContentPlatform,
): string {
  return `content-reminder:${contentId}:${missionCode}:${platform}`;
}

/** The three answer buttons of a ping. */
export const ANSWER_BUTTONS = ["shared", "will", "na"] as const;
/** One of {@link ANSWER_BUTTONS}. */
export type AnswerButton = (typeof ANSWER_BUTTONS)[number];

/** Prefix of the answer buttons' ids: `content-answer:<shared|will|na>:<contentId>:<mission>`. */
export const ANSWER_BUTTON_PREFIX = "content-answer:";

/** The id of an answer button, e.g. `content-answer:shared:12:washington`. */
export function answerButtonId(answer: AnswerButton, contentId: number, missionCode: string): string {
  return `${ANSWER_BUTTON_PREFIX}${answer}:${contentId}:${missionCode}`;
}

/**
 * Reads an answer button's id (with or without an adapter's prefix before it, and a `#2`
 * de-duplication suffix after it); null for any other id.
 */
export function parseAnswerButtonId(
  id: string,
): { answer: AnswerButton; contentId: number; missionCode: string } | null {
  const at = id.indexOf(ANSWER_BUTTON_PREFIX);
  if (at < 0) return null;
  const m = /^(shared|will|na):(\d+):([a-z0-9_-]+)(?:#\d+)?$/i.exec(
    id.slice(at + ANSWER_BUTTON_PREFIX.length),
  );
  if (!m?.[1] || !m[2] || !m[3]) return null;
  return { answer: m[1] as AnswerButton, contentId: Number(m[2]), missionCode: m[3].toLowerCase() };
}
