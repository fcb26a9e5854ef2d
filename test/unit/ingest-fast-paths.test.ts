import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import {
  createLocalDater,
  exactIsoDate,
  exactIsoDateTime,
  isoDate,
  isoInstant,
  parseCalendarDate,
  type WallDateTime,
} from "../../src/ingest/csv/dates.ts";
import { parseCount, plainCount } from "../../src/ingest/csv/numbers.ts";
import { decodeEntities } from "../../src/ingest/csv/read-helpers.ts";

// The import's fast paths (no regex, no Date) must give exactly what the general code gives.

function pick<T>(rng: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length)] as T;
}

/** A string made of pieces that look like dates, times and numbers, often slightly wrong. */
function mutated(rng: () => number, pieces: readonly string[], length: number): string {
  let s = "";
  for (let i = 0; i < length; i++) s += pick(rng, pieces);
  return s;
}

describe("exactIsoDate", () => {
  it("is parseCalendarDate then isoDate whenever it answers, and answers for plain ISO days", () => {
    const rng = seedrandom("iso-date");
    const digits = ["0", "1", "2", "3", "9", "00", "12", "29", "30", "31", "-", " ", "T", "a", "٣"];
    for (let n = 0; n < 50_000; n++) {
      const raw =
        rng() < 0.5
          ? mutated(rng, digits, 3 + Math.floor(rng() * 8))
          : `${String(Math.floor(rng() * 3000)).padStart(4, "0")}-${String(Math.floor(rng() * 14)).padStart(2, "0")}-${String(Math.floor(rng() * 33)).padStart(2, "0")}`;
      const fast = exactIsoDate(raw);
      if (fast === null) continue;
      const d = parseCalendarDate(raw);
      expect(d && d.year !== null ? isoDate(d.year, d.month, d.day) : null).toBe(fast);
    }
    expect(exactIsoDate("2024-02-29")).toBe("2024-02-29");
    expect(exactIsoDate("1500-01-01")).toBe("1500-01-01");
    expect(exactIsoDate("2025-02-29")).toBeNull();
    expect(exactIsoDate("2025-13-01")).toBeNull();
    expect(exactIsoDate(" 2025-01-01")).toBeNull();
  });
});

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** What the regex path of parseWallDateTime gives (null where it would fall through). */
function byRegex(raw: string): WallDateTime | null {
  const m = ISO_DATE_TIME.exec(raw);
  if (!m) return null;
  const d = parseCalendarDate(`${m[1]}-${m[2]}-${m[3]}`);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] ? Number(m[6]) : 0;
  if (!d || hour >= 24 || minute >= 60 || second >= 60) return null;
  let offsetMinutes: number | null = null;
  const o = m[7]?.toLowerCase();
  if (o === "z") offsetMinutes = 0;
  else if (o) {
    const p = /^([+-])(\d{2}):?(\d{2})$/.exec(o);
    const minutes = Number(p?.[2]) * 60 + Number(p?.[3]);
    offsetMinutes = p?.[1] === "-" ? -minutes : minutes;
  }
  return { year: d.year, month: d.month, day: d.day, hour, minute, second, offsetMinutes };
}

describe("exactIsoDateTime", () => {
  it("gives what the regex gives whenever it answers", () => {
    const rng = seedrandom("iso-date-time");
    const pieces = [
      "2025-",
      "03-",
      "13-",
      "05",
      "31",
      " ",
      "T",
      "t",
      "10:",
      "24:",
      "00",
      "59",
      "60",
      ":",
      ".5",
    ];
    const ends = ["", " ", "Z", "z", " +0000", "+05:30", "-0800", " -00:00", "+5", "\t+0100", " UTC"];
    let answered = 0;
    for (let n = 0; n < 50_000; n++) {
      const raw =
        rng() < 0.5
          ? mutated(rng, pieces, 3 + Math.floor(rng() * 6)) + pick(rng, ends)
          : `2025-${pick(rng, ["01", "02", "13"])}-${pick(rng, ["01", "29", "31"])}${pick(rng, [" ", "T"])}${pick(rng, ["00", "23", "24"])}:${pick(rng, ["00", "59", "60"])}${pick(rng, ["", ":07", ":61"])}${pick(rng, ends)}`;
      const fast = exactIsoDateTime(raw);
      if (fast === null) continue;
      answered++;
      expect(fast).toEqual(byRegex(raw));
    }
    expect(answered).toBeGreaterThan(1000);
    expect(exactIsoDateTime("2016-12-23 18:50 +0000")).toEqual(byRegex("2016-12-23 18:50 +0000"));
    expect(exactIsoDateTime("2025-03-05T10:00:00Z")).toEqual(byRegex("2025-03-05T10:00:00Z"));
  });
});

describe("plainCount", () => {
  it("agrees with parseCount on every cell it reads, in place", () => {
    const rng = seedrandom("plain-count");
    const pieces = ["0", "1", "9", "12", ".", ".0", "00", ",", "-", " ", "e", "1234567"];
    for (let n = 0; n < 50_000; n++) {
      const cell = mutated(rng, pieces, 1 + Math.floor(rng() * 5));
      const text = `ab${cell}cd`;
      const fast = plainCount(text, 2, 2 + cell.length);
      if (fast === -1) continue;
      expect(fast).toBe(parseCount(cell));
    }
    expect(plainCount("1938.0", 0, 6)).toBe(1938);
    expect(plainCount("", 0, 0)).toBe(-1);
  });
});

/** The regex decoder the import used before, as the reference. */
function entitiesByRegex(text: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code =
        name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return named[name.toLowerCase()] ?? whole;
  });
}

describe("decodeEntities", () => {
  it("decodes exactly as the regex replace did", () => {
    const rng = seedrandom("entities");
    const pieces = [
      "&",
      ";",
      "amp",
      "AMP",
      "lt",
      "#",
      "x",
      "X",
      "39",
      "1F600",
      "g",
      "0",
      "&amp;",
      " ",
      "é",
      "#x",
    ];
    for (let n = 0; n < 50_000; n++) {
      const text = mutated(rng, pieces, Math.floor(rng() * 10));
      expect(decodeEntities(text)).toBe(entitiesByRegex(text));
    }
    expect(decodeEntities("Post &amp; more &#x1F600; &#39;x&#39; &bogus; &#0; &#99999999;")).toBe(
      entitiesByRegex("Post &amp; more &#x1F600; &#39;x&#39; &bogus; &#0; &#99999999;"),
    );
  });
});

describe("isoInstant and createLocalDater's memo", () => {
  it("writes what Date.toISOString writes", () => {
    const rng = seedrandom("iso-instant");
    for (let n = 0; n < 50_000; n++) {
      const ms = Math.floor(rng() * 253402300800000);
      expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
    }
    for (const ms of [0, 999, 86_399_999, 253402300799999, 253402300800000, -1, 1.5]) {
      expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
    }
  });

  it("gives each instant its own local date when instants go back and forth", () => {
    const dater = createLocalDater("Asia/Tokyo");
    const t = Date.UTC(2025, 0, 1, 14, 59);
    expect([dater(t), dater(t + 60_000), dater(t), dater(t + 86_400_000)]).toEqual([
      "2025-01-01",
      "2025-01-02",
      "2025-01-01",
      "2025-01-02",
    ]);
  });
});
