/**
 * The grounding check: a report may only state numbers our code computed. Every number in an
 * item's text must equal one of the facts the item cites, as we would write it (12.3K, 4.5%,
 * 1,234, +0.9%), more precisely (12,345), or rounded more coarsely when the text says so
 * ("about 12K"). Besides those, dates, years and ISO weeks inside the period (or the one it is
 * compared with) may be written, and ordinal ranks ("3rd", "#3") that a cited fact states.
 * Citing a fact the pack does not have fails; so do numbers spelled out in words ("a million").
 *
 * Reports in other languages are read with their usual notation too: decimal commas (4,5 %),
 * spaces between thousands, Arabic-Indic digits.
 */
import { addDays } from "./dates.ts";
import type { Fact, FactsPack } from "./facts.ts";

/** One statement of a report and the ids of the facts it rests on. */
export interface ReportItem {
  text: string;
  facts: string[];
}

/** A trend report, as the LLM writes it and as the automatic summary builds it. */
export interface TrendReport {
  headline: ReportItem;
  highlights: ReportItem[];
  concerns: ReportItem[];
  recommendations: ReportItem[];
}

/** What is wrong with a report. */
export type ViolationKind =
  | "unknown_fact"
  | "ungrounded_number"
  | "number_in_words"
  | "date_outside_period"
  | "unreadable_number";

/** One problem found in one item. */
export interface Violation {
  /** `headline`, `highlights[0]`, `concerns[1]`, … */
  where: string;
  kind: ViolationKind;
  /** The offending text (a number, a word, a fact id). */
  text: string;
  /** In words, for people and for the model's second try. */
  message: string;
}

/** The outcome of {@link checkGrounding}. */
export interface GroundingResult {
  grounded: boolean;
  violations: Violation[];
}

/** The items of a report with where each is, in reading order. */
export function reportItems(report: TrendReport): { where: string; item: ReportItem }[] {
  return [
    { where: "headline", item: report.headline },
    ...report.highlights.map((item, i) => ({ where: `highlights[${i}]`, item })),
    ...report.concerns.map((item, i) => ({ where: `concerns[${i}]`, item })),
    ...report.recommendations.map((item, i) => ({ where: `recommendations[${i}]`, item })),
  ];
}

/** Checks every item of `report` against `pack`. */
export function checkGrounding(report: TrendReport, pack: FactsPack): GroundingResult {
  const byId = new Map(pack.facts.map((f) => [f.id, f]));
  const context = groundingContext(pack);
  const violations: Violation[] = [];
  for (const { where, item } of reportItems(report)) {
    const cited: Fact[] = [];
    for (const id of item.facts) {
      const f = byId.get(id);
      if (f) cited.push(f);
      else
        violations.push({
          where,
          kind: "unknown_fact",
          text: id,
          message: `${where} cites "${id}", which is not one of the facts.`,
        });
    }
    violations.push(...checkText(item.text, cited, where, context));
  }
  return { grounded: violations.length === 0, violations };
}

/** The violations as lines a person (or the model, on its second try) can act on. */
export function describeViolations(violations: Violation[]): string[] {
  return violations.map((v) => `- ${v.message}`);
}

// ---------------------------------------------------------------------------------------------
// What may be written without a fact: the period's dates, years and weeks.

interface Context {
  start: string;
  end: string;
  years: Set<number>;
  weeks: Set<string>;
  /** Text facts with digits (names, handles): trusted, removed before numbers are read. */
  texts: string[];
}

function groundingContext(pack: FactsPack): Context {
  const [start = pack.period.start] = [pack.previous.start, pack.period.start].sort();
  const [end = pack.period.end] = [pack.previous.end, pack.period.end].sort().reverse();
  const years = new Set<number>();
  const weeks = new Set<string>();
  for (let d = start; d <= end; d = addDays(d, 1)) {
    years.add(Number(d.slice(0, 4)));
    const w = isoWeekOf(d);
    weeks.add(`${w.year}-${w.week}`);
    weeks.add(`*-${w.week}`);
  }
  const texts = pack.facts
    .filter((f) => typeof f.value === "string" && /\d/.test(f.value) && f.format === "text")
    .map((f) => normalizeDigits(String(f.value)))
    .concat(/\d/.test(pack.subject.name) ? [normalizeDigits(pack.subject.name)] : [])
    .sort((a, b) => b.length - a.length);
  return { start, end, years, weeks, texts };
}

function isoWeekOf(date: string): { year: number; week: number } {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return { year: d.getUTCFullYear(), week };
}

// ---------------------------------------------------------------------------------------------
// Reading numbers.

/**
 * Digits of other scripts as ASCII, their separators as `.`/`,`/`%`, the minus sign as `-`, and
 * a space between an Arabic-script letter and a number it is written against.
 */
export function normalizeDigits(text: string): string {
  return (
    text
      .replace(/[\u0660-\u0669]/g, (c) => String(c.charCodeAt(0) - 0x0660))
      .replace(/[\u06f0-\u06f9]/g, (c) => String(c.charCodeAt(0) - 0x06f0))
      .replace(/[\u0966-\u096f]/g, (c) => String(c.charCodeAt(0) - 0x0966))
      .replace(/[\uff10-\uff19]/g, (c) => String(c.charCodeAt(0) - 0xff10))
      .replace(/\u066b/g, ".")
      .replace(/\u066c/g, ",")
      .replace(/[\u066a\u2030]/g, "%")
      .replace(/[\u2212\u2012\u2013\ufe63\uff0d]/g, "-")
      // Arabic writes "and", "with" … as one-letter prefixes: "و4.5%" is "و 4.5%".
      .replace(/([\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff])(?=[+-]?\d)/g, "$1 ")
  );
}

const NOT_LETTER = "(?![\\p{L}])";
const NO_LETTER_BEFORE = "(?<![\\p{L}])";

/** Words that multiply the number before them, in the languages reports are written in. */
const SCALE_WORDS: [string, number][] = [
  ["thousands?", 1e3],
  ["millions?", 1e6],
  ["billions?", 1e9],
  ["lakhs?", 1e5],
  ["crores?", 1e7],
  ["mille", 1e3],
  ["milliers?", 1e3],
  ["milliards?", 1e9],
  ["mil millones", 1e9],
  ["mil", 1e3],
  ["mill[oó]n(?:es)?", 1e6],
  ["milh[aã]o|milh[oõ]es", 1e6],
  ["tausend", 1e3],
  ["millionen", 1e6],
  ["milliarden?", 1e9],
  ["ألف|آلاف", 1e3],
  ["مليون|ملايين", 1e6],
  ["مليار", 1e9],
  ["ہزار", 1e3],
  ["لاکھ", 1e5],
  ["کروڑ", 1e7],
  ["ملین", 1e6],
  ["ارب", 1e9],
];

const SCALE_WORDS_RE = SCALE_WORDS.map(([w]) => `(?:${w})`).join("|");

const SPACE = "[\\u0020\\u00a0\\u202f\\u2009]";
const GROUP = "[,.\\u00a0\\u202f\\u2009]";

const PERCENT_WORDS = "%|percent|per cent|pour cent|por ciento|por cento|prozent|بالمئة|في المائة|فیصد";
const POINT_WORDS =
  "percentage points?|points? de pourcentage|puntos porcentuales|pontos percentuais|points?|pts?|pp|نقطة مئوية|نقاط مئوية";

const NUMBER = new RegExp(
  `(?<![\\p{L}\\p{N}_.,])(?<sign>[+-](?=\\d))?(?<num>\\d{1,3}(?:${GROUP}\\d{3})+(?:[.,]\\d+)?|\\d+(?:[.,]\\d+)?)` +
    `(?:${SPACE}?(?<suffix>[kKmMbB]${NOT_LETTER}|(?:${SCALE_WORDS_RE})${NOT_LETTER}))?` +
    `(?:${SPACE}?(?<pct>(?:${PERCENT_WORDS})${NOT_LETTER})|${SPACE}?(?<pts>(?:${POINT_WORDS})${NOT_LETTER}))?`,
  "giu",
);

/** One way of reading a number as written: its value and the size of its last written digit. */
interface Reading {
  value: number;
  unit: number;
}

interface NumberToken {
  raw: string;
  sign: "+" | "-" | null;
  readings: Reading[];
  percent: boolean;
  points: boolean;
  /** The text states a rounding ("about", "environ", "~"). */
  approximate: boolean;
}

function readNumber(num: string): { value: number; decimals: number }[] {
  const out: { value: number; decimals: number }[] = [];
  const spaced = num.replace(/[\u00a0\u202f\u2009]/g, " ");
  // Point as decimal mark, comma or space between thousands (en).
  if (/^\d{1,3}(?:[, ]\d{3})*(?:\.\d+)?$/.test(spaced) || /^\d+(?:\.\d+)?$/.test(spaced)) {
    const [int = "", frac = ""] = spaced.replace(/[, ]/g, "").split(".");
    out.push({ value: Number(`${int}.${frac || "0"}`), decimals: frac.length });
  }
  // Comma as decimal mark, point or space between thousands (fr, es, pt, de, …).
  if (/^\d{1,3}(?:[. ]\d{3})*(?:,\d+)?$/.test(spaced) || /^\d+(?:,\d+)?$/.test(spaced)) {
    const [int = "", frac = ""] = spaced.replace(/[. ]/g, "").split(",");
    out.push({ value: Number(`${int}.${frac || "0"}`), decimals: frac.length });
  }
  return out;
}

function scaleOf(suffix: string | undefined): number {
  if (!suffix) return 1;
  const s = suffix.toLowerCase();
  if (s === "k") return 1e3;
  if (s === "m") return 1e6;
  if (s === "b") return 1e9;
  for (const [word, scale] of SCALE_WORDS) {
    if (new RegExp(`^(?:${word})$`, "iu").test(s)) return scale;
  }
  return 1;
}

const APPROX_BEFORE =
  /(?:^|[^\p{L}])(?:about|around|roughly|approximately|approx\.?|nearly|almost|close to|some|over|more than|under|less than|just over|just under|upwards of|environ|près de|pres de|presque|plus de|moins de|quelque|autour de|approximativement|quasiment|pratiquement|alrededor de|cerca de|casi|más de|mas de|menos de|aproximadamente|unos|unas|quase|mais de|etwa|rund|fast|über|حوالي|حوالى|تقريبا|تقريباً|نحو|أكثر من|أقل من|قرابة|ما يقارب|تقریباً|تقریبا|لگ بھگ|~|≈)\s*[+-]?$/iu;
const APPROX_AFTER = /^\s*(?:کے قریب|سے زیادہ|سے کم|تقریباً)/u;

function isApproximate(before: string, after: string): boolean {
  return APPROX_BEFORE.test(before.slice(-30)) || APPROX_AFTER.test(after.slice(0, 15));
}

// ---------------------------------------------------------------------------------------------
// Matching a number against the facts an item cites.

const PCT_FORMATS = new Set(["pct", "signed_pct"]);

/** The size of the last digit our own formatting writes for a fact (12.3K: 100; 4.5%: 0.1). */
function normalUnit(f: Fact, v: number): number {
  const a = Math.abs(v);
  switch (f.format) {
    case "count":
    case "signed_count": {
      if (Math.round(a) < 10_000) return 1;
      if (a < 999_950) return 100;
      if (a < 999_950_000) return 100_000;
      return 100_000_000;
    }
    case "rank":
      return 1;
    default:
      return 0.1;
  }
}

function near(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) <= tolerance + 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function tokenMatchesFact(token: NumberToken, f: Fact): boolean {
  if (typeof f.value !== "number") return false;
  const isPct = PCT_FORMATS.has(f.format);
  if (token.percent !== isPct) return false;
  if (token.points && f.format !== "points" && f.format !== "decimal") return false;
  const v = f.value;
  if (token.sign === "+" && !(v > 0)) return false;
  if (token.sign === "-" && !(v < 0)) return false;
  const a = Math.abs(v);
  for (const r of token.readings) {
    const w = Math.abs(r.value);
    if (near(a, w, 0)) return true;
    const within = near(a, w, r.unit / 2);
    if (within && r.unit <= normalUnit(f, v) * (1 + 1e-9)) return true;
    if (within && token.approximate) return true;
    if (token.approximate && w > 0) {
      // "about 12,000": trailing zeros written as a stated rounding.
      for (let u = r.unit * 10; u <= w * (1 + 1e-9); u *= 10) {
        if (near(Math.round(w / u) * u, w, 0) && near(a, w, u / 2)) return true;
      }
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Dates, weeks, ordinals.

const MONTHS: [RegExp, number][] = [
  [/^(?:january|jan|janvier|enero|janeiro|januar|يناير|جنوری)$/iu, 1],
  [/^(?:february|feb|février|fevrier|febrero|fevereiro|februar|فبراير|فروری)$/iu, 2],
  [/^(?:march|mar|mars|marzo|março|marco|märz|maerz|مارس|مارچ)$/iu, 3],
  [/^(?:april|apr|avril|abril|أبريل|ابريل|اپریل)$/iu, 4],
  [/^(?:may|mai|mayo|maio|مايو|مئی)$/iu, 5],
  [/^(?:june|jun|juin|junio|junho|juni|يونيو|جون)$/iu, 6],
  [/^(?:july|jul|juillet|julio|julho|juli|يوليو|جولائی)$/iu, 7],
  [/^(?:august|aug|août|aout|agosto|أغسطس|اغسطس|اگست)$/iu, 8],
  [/^(?:september|sep|sept|septembre|septiembre|setiembre|setembro|سبتمبر|ستمبر)$/iu, 9],
  [/^(?:october|oct|octobre|octubre|outubro|oktober|أكتوبر|اكتوبر|اکتوبر)$/iu, 10],
  [/^(?:november|nov|novembre|noviembre|novembro|نوفمبر|نومبر)$/iu, 11],
  [/^(?:december|dec|décembre|decembre|diciembre|dezembro|dezember|ديسمبر|دسمبر)$/iu, 12],
];
const MONTH_WORD =
  "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec|janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|janeiro|fevereiro|março|marco|maio|junho|julho|setembro|outubro|novembro|dezembro|januar|februar|märz|maerz|juni|juli|oktober|dezember|يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر|جنوری|فروری|مارچ|اپریل|مئی|جون|جولائی|اگست|ستمبر|اکتوبر|نومبر|دسمبر";

function monthNumber(word: string): number | null {
  for (const [re, n] of MONTHS) if (re.test(word)) return n;
  return null;
}

function dayInRange(context: Context, month: number, day: number, year: number | null): boolean {
  const years = year === null ? [...context.years] : [year];
  return years.some((y) => {
    const date = `${y}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    return date >= context.start && date <= context.end && !Number.isNaN(Date.parse(`${date}T00:00:00Z`));
  });
}

const ISO_DATE = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g;
const ISO_WEEK = new RegExp(
  `(?:(?<!\\d)(\\d{4})-?W(\\d{1,2})(?!\\d)|${NO_LETTER_BEFORE}(?:W|week|semaine|semana|woche|الأسبوع)\\s?(\\d{1,2})(?!\\d))`,
  "giu",
);
const DAY_MONTH = new RegExp(
  `(?<![\\p{N}.,])(\\d{1,2})(?:st|nd|rd|th|er|re|º)?(?:\\s+de)?${SPACE}+(${MONTH_WORD})${NOT_LETTER}(?:,?(?:\\s+de)?${SPACE}+(\\d{4})(?!\\d))?`,
  "giu",
);
const MONTH_DAY = new RegExp(
  `${NO_LETTER_BEFORE}(${MONTH_WORD})${SPACE}+(\\d{1,2})(?:st|nd|rd|th)?(?![\\p{N}%]|[.,]\\d)(?:,?${SPACE}+(\\d{4})(?!\\d))?`,
  "giu",
);
const DATE_END = /^[\s\u00a0\u202f]*(?:[,;:!?)\]]|\.(?!\d)|$)/;
const ORDINAL = new RegExp(
  `(?:${NO_LETTER_BEFORE}(?:#|no\\.?\\s?|n°\\s?|nº\\s?|nr\\.?\\s?)(\\d{1,4})(?![\\p{N}.,%])|(?<![\\p{L}\\p{N}.,])(\\d{1,4})(?:st|nd|rd|th|er|re|ère|ème|eme|e|º|ª|°|\\.º|o|a)${NOT_LETTER})`,
  "giu",
);
const YEAR = /(?<![\p{N}.,+-])(19\d{2}|20\d{2})(?![\p{N}%]|[.,]\d)/gu;

const SMALL_NUMBER_WORDS =
  "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|dozens?|twice|doubled|tripled|quadrupled|halved";
const WORDS = new RegExp(
  `${NO_LETTER_BEFORE}(?:${SMALL_NUMBER_WORDS}|${SCALE_WORDS_RE})${NOT_LETTER}`,
  "giu",
);

function blank(text: string, start: number, length: number): string {
  return text.slice(0, start) + " ".repeat(length) + text.slice(start + length);
}

function checkText(raw: string, cited: Fact[], where: string, context: Context): Violation[] {
  const violations: Violation[] = [];
  let text = normalizeDigits(raw);
  for (const trusted of context.texts) {
    const fold = (s: string) => (s.toLowerCase().length === s.length ? s.toLowerCase() : s);
    const needle = fold(trusted);
    let at = fold(text).indexOf(needle);
    while (at >= 0) {
      text = blank(text, at, trusted.length);
      at = fold(text).indexOf(needle, at + trusted.length);
    }
  }
  const period = `${context.start} to ${context.end}`;
  const outside = (what: string) =>
    violations.push({
      where,
      kind: "date_outside_period",
      text: what,
      message: `${where} mentions "${what}", which is outside the period and the one it is compared with (${period}).`,
    });

  text = text.replace(ISO_DATE, (m) => {
    if (!(m >= context.start && m <= context.end)) outside(m);
    return " ".repeat(m.length);
  });
  text = text.replace(
    ISO_WEEK,
    (m, y: string | undefined, w1: string | undefined, w2: string | undefined) => {
      const week = Number(w1 ?? w2);
      const key = y === undefined ? `*-${week}` : `${Number(y)}-${week}`;
      if (!context.weeks.has(key)) outside(m.trim());
      return " ".repeat(m.length);
    },
  );
  const citedDates = new Set(cited.filter((f) => f.format === "date").map((f) => String(f.value)));
  const dayOfMonth = (m: string, month: string, d: string, y: string | undefined) => {
    const n = monthNumber(month);
    if (n === null || Number(d) < 1 || Number(d) > 31) return m;
    if (!dayInRange(context, n, Number(d), y === undefined ? null : Number(y))) outside(m.trim());
    return " ".repeat(m.length);
  };
  text = text.replace(DAY_MONTH, (m, d: string, month: string, y: string | undefined) =>
    dayOfMonth(m, month, d, y),
  );
  // "October 4" is a date when a year or punctuation follows, or when it is a cited date; in
  // "in October 12 posts were published" the 12 is a count, and is checked as one.
  text = text.replace(
    MONTH_DAY,
    (m, month: string, d: string, y: string | undefined, offset: number, whole: string) => {
      const n = monthNumber(month);
      const cites = [...context.years].some((year) =>
        citedDates.has(`${year}-${String(n).padStart(2, "0")}-${d.padStart(2, "0")}`),
      );
      const ends = y !== undefined || DATE_END.test(whole.slice(offset + m.length));
      return ends || cites ? dayOfMonth(m, month, d, y) : m;
    },
  );
  text = text.replace(ORDINAL, (m, a: string | undefined, b: string | undefined) => {
    const k = Number(a ?? b);
    const ok = cited.some(
      (f) => f.position === k || ((f.format === "rank" || f.format === "count") && f.value === k),
    );
    if (!ok) {
      violations.push({
        where,
        kind: "ungrounded_number",
        text: m.trim(),
        message: `${where} says "${m.trim()}", but none of the facts it cites is a rank or list position of ${k}.`,
      });
    }
    return " ".repeat(m.length);
  });
  text = text.replace(YEAR, (m) => (context.years.has(Number(m)) ? " ".repeat(m.length) : m));

  for (const match of text.matchAll(NUMBER)) {
    const g = match.groups ?? {};
    const num = g.num ?? "";
    const scale = scaleOf(g.suffix);
    const readings = readNumber(num).map((r) => ({
      value: r.value * scale,
      unit: scale / 10 ** r.decimals,
    }));
    const at = match.index ?? 0;
    const token: NumberToken = {
      raw: match[0].trim(),
      sign: g.sign === "+" || g.sign === "-" ? g.sign : null,
      readings,
      percent: g.pct !== undefined,
      points: g.pts !== undefined,
      approximate: isApproximate(text.slice(0, at), text.slice(at + match[0].length)),
    };
    if (!cited.some((f) => tokenMatchesFact(token, f))) {
      violations.push({
        where,
        kind: "ungrounded_number",
        text: token.raw,
        message: ungroundedMessage(where, token.raw, cited),
      });
    }
    text = blank(text, at, match[0].length);
  }
  for (const match of text.matchAll(/\d+/g)) {
    violations.push({
      where,
      kind: "unreadable_number",
      text: match[0],
      message: `${where} has "${match[0]}" inside a word or in a form that is not one of the figures; write figures exactly as the facts show them.`,
    });
  }
  for (const match of text.matchAll(WORDS)) {
    violations.push({
      where,
      kind: "number_in_words",
      text: match[0],
      message: `${where} writes a number in words ("${match[0]}"); write figures in digits, exactly as the facts show them.`,
    });
  }
  return violations;
}

function ungroundedMessage(where: string, raw: string, cited: Fact[]): string {
  const numeric = cited.filter((f) => typeof f.value === "number");
  if (numeric.length === 0) {
    return `${where} states "${raw}" but cites no fact with a number; cite the fact it comes from, or leave the number out.`;
  }
  const shown = numeric
    .slice(0, 6)
    .map((f) => `${f.id} = ${f.display}`)
    .join(", ");
  return `${where} states "${raw}", which equals none of the facts it cites (${shown}).`;
}
