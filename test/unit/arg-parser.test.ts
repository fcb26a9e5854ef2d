import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseArgs, scanTokens, tokenize, validateArgs } from "../../src/core/arg-parser.ts";
import { type Command, defineCommand } from "../../src/core/command.ts";
import { UserError } from "../../src/core/errors.ts";
import { textReply } from "../../src/core/reply.ts";
import { argumentSpecs, helpText, usageLine } from "../../src/core/usage.ts";

const ok = () => ({ reply: textReply("ok") });

const stats = defineCommand({
  name: "stats",
  summary: "A mission's figures.",
  examples: ["stats washington 7d"],
  args: z.object({
    mission: z.string().min(1).describe("Mission code or city"),
    period: z.enum(["7d", "30d", "90d"]).default("7d").describe("How far back"),
    region: z.string().optional().describe("Only this region"),
    asOf: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2026-03-01")
      .optional(),
    page: z.coerce.number().int().min(1).default(1).describe("Page of results"),
  }),
  positional: ["mission", "period"],
  minRole: "viewer",
  execute: ok,
});

const note = defineCommand({
  name: "note add",
  summary: "Adds a note to a mission.",
  examples: ["note add washington Great turnout"],
  args: z.object({
    mission: z.string().min(1).describe("Mission code"),
    text: z.string().min(1).max(500).describe("The note"),
  }),
  positional: ["mission", "text"],
  restIsText: true,
  minRole: "viewer",
  execute: ok,
});

const handleAdd = defineCommand({
  name: "handle add",
  summary: "Registers a handle.",
  examples: ["handle add washington x ArcadiaInUSA"],
  args: z.object({
    mission: z.string().min(1).describe("Mission code, city, country or name"),
    platform: z.union([z.literal("x"), z.literal("facebook")]).describe("The platform"),
    handle: z.string().min(1).describe("The handle"),
    url: z.string().describe("Link to the profile").optional(),
  }),
  positional: ["mission", "platform", "handle", "url"],
  minRole: "mission_officer",
  mutates: true,
  execute: ok,
});

function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error("expected a UserError");
}

const parse = (command: Command, line: string) => parseArgs(command, scanTokens(line));

describe("tokenize", () => {
  it("splits on any run of whitespace", () => {
    expect(tokenize("  washington\t 7d \n x ")).toEqual(["washington", "7d", "x"]);
    expect(tokenize("")).toEqual([]);
    expect(tokenize("a\u00A0b")).toEqual(["a", "b"]);
  });

  it("groups words in double, single and smart quotes", () => {
    expect(tokenize('"São Paulo" 7d')).toEqual(["São Paulo", "7d"]);
    expect(tokenize("'Middle East' x")).toEqual(["Middle East", "x"]);
    expect(tokenize("\u201CSão Paulo\u201D 7d")).toEqual(["São Paulo", "7d"]);
    expect(tokenize("\u201DSão Paulo\u201D")).toEqual(["São Paulo"]);
    expect(tokenize("\u2018New York\u2019 x")).toEqual(["New York", "x"]);
    expect(tokenize("\u201EBerlin Mitte\u201C")).toEqual(["Berlin Mitte"]);
  });

  it('lets a quote start mid-word, as in key="value"', () => {
    expect(tokenize('region="Middle East" 7d')).toEqual(["region=Middle East", "7d"]);
    expect(tokenize("region='Middle East'")).toEqual(["region=Middle East"]);
    expect(tokenize("region=\u201DMiddle East\u201D")).toEqual(["region=Middle East"]);
  });

  it("keeps apostrophes inside words", () => {
    expect(tokenize("Côte d'Ivoire")).toEqual(["Côte", "d'Ivoire"]);
    expect(tokenize("don\u2019t stop")).toEqual(["don\u2019t", "stop"]);
    expect(tokenize("'don't stop' now")).toEqual(["don't stop", "now"]);
  });

  it("keeps the other kind of quote inside quotes", () => {
    expect(tokenize('"He said \u201Chi\u201D" x')).toEqual(["He said \u201Chi\u201D", "x"]);
    expect(tokenize('\u201CThe "best" one\u201D')).toEqual(['The "best" one']);
    expect(tokenize('"it\'s"')).toEqual(["it's"]);
  });

  it("applies backslash escapes", () => {
    expect(tokenize('"say \\"hi\\"" x')).toEqual(['say "hi"', "x"]);
    expect(tokenize('"a\\\\b"')).toEqual(["a\\b"]);
    expect(tokenize('"C:\\temp"')).toEqual(["C:\\temp"]);
    expect(tokenize('5\\" screen')).toEqual(['5"', "screen"]);
    expect(tokenize("\\o/")).toEqual(["\\o/"]);
  });

  it("gives an empty word for empty quotes", () => {
    expect(tokenize('"" x')).toEqual(["", "x"]);
    expect(tokenize('key=""')).toEqual(["key="]);
  });

  it("refuses an unterminated quote with a clear message", () => {
    for (const line of ['"São Paulo', "region=\u201CMiddle East", "'abc def", '\u201CSão Paulo"', 'a "b']) {
      const err = userError(() => tokenize(line));
      expect(err.code).toBe("bad_quotes");
      expect(err.message).toMatch(/opening quote mark .* with no closing one/);
      expect(err.hints.join(" ")).toContain("backslash");
    }
  });

  it("records where an unquoted = is", () => {
    const [plain, quoted, inside] = scanTokens('a=b "a=b" key="x=y"');
    expect(plain).toMatchObject({ value: "a=b", eq: 1 });
    expect(quoted).toMatchObject({ value: "a=b", eq: -1 });
    expect(inside).toMatchObject({ value: "key=x=y", eq: 3 });
  });
});

describe("parseArgs", () => {
  it("fills positional keys in order", () => {
    expect(parse(stats, "washington 30d")).toEqual({ mission: "washington", period: "30d" });
    expect(parse(stats, "washington")).toEqual({ mission: "washington" });
    expect(parse(stats, "")).toEqual({});
  });

  it("sets key=value, with keys matched case-insensitively and quoted values", () => {
    expect(parse(stats, 'washington region="Middle East"')).toEqual({
      mission: "washington",
      region: "Middle East",
    });
    expect(parse(stats, "REGION=Europe Period=90d washington")).toEqual({
      mission: "washington",
      region: "Europe",
      period: "90d",
    });
    expect(parse(stats, "as-of=2026-03-01 x")).toEqual({ mission: "x", asOf: "2026-03-01" });
    expect(parse(stats, "as_of=2026-03-01 x")).toEqual({ mission: "x", asOf: "2026-03-01" });
  });

  it("skips keys given by name when filling positionals", () => {
    expect(parse(stats, "period=30d washington")).toEqual({ period: "30d", mission: "washington" });
    expect(parse(handleAdd, "platform=x washington ArcadiaInUSA")).toEqual({
      platform: "x",
      mission: "washington",
      handle: "ArcadiaInUSA",
    });
  });

  it("takes an empty value after key=", () => {
    expect(parse(stats, "x region=")).toEqual({ mission: "x", region: "" });
  });

  it("treats a word whose left side is no name as a plain word", () => {
    expect(parse(handleAdd, "washington x mofa https://x.com/mofa?ref=1")).toEqual({
      mission: "washington",
      platform: "x",
      handle: "mofa",
      url: "https://x.com/mofa?ref=1",
    });
    expect(parse(stats, "== 7d")).toEqual({ mission: "==", period: "7d" });
    expect(parse(stats, '"region=x"')).toEqual({ mission: "region=x" });
  });

  it("refuses an unknown option, listing the options", () => {
    const err = userError(() => parse(stats, "washington foo=bar"));
    expect(err.code).toBe("unknown_option");
    expect(err.message).toBe(
      "`foo` is not an option of /stats. Options: mission, period, region, asOf, page.",
    );
    expect(err.hints).toEqual(["Usage: /stats <mission> [period] [region=…] [asOf=…] [page=…]"]);
  });

  it("refuses a key given twice", () => {
    const err = userError(() => parse(stats, "x period=7d PERIOD=30d"));
    expect(err.code).toBe("duplicate_option");
    expect(err.message).toContain("`period` is given twice");
  });

  it("refuses extra words, suggesting quotes", () => {
    const err = userError(() => parse(stats, "São Paulo 7d"));
    expect(err.code).toBe("unexpected_argument");
    expect(err.message).toBe("/stats takes 2 words (<mission> <period>); `7d` is one too many.");
    expect(err.hints[0]).toBe("Usage: /stats <mission> [period] [region=…] [asOf=…] [page=…]");
    expect(err.hints[1]).toContain("quotes");
  });

  it("gives the rest of the words to a restIsText argument", () => {
    expect(parse(note, "washington Great turnout at the  event")).toEqual({
      mission: "washington",
      text: "Great turnout at the event",
    });
    expect(parse(note, 'washington "Great turnout"')).toEqual({
      mission: "washington",
      text: "Great turnout",
    });
  });

  it("keeps line breaks in free text", () => {
    expect(parse(note, "washington First line\nsecond line\n\nnew paragraph")).toEqual({
      mission: "washington",
      text: "First line\nsecond line\n\nnew paragraph",
    });
  });

  it("treats unknown key= words as text in free text, known keys as options", () => {
    expect(parse(note, "washington ratio=5 is good == ok")).toEqual({
      mission: "washington",
      text: "ratio=5 is good == ok",
    });
    expect(parse(note, "hello world mission=paris")).toEqual({ mission: "paris", text: "hello world" });
  });

  it("strips control characters from values", () => {
    expect(parse(stats, "wash\u0000ing\u0007ton")).toEqual({ mission: "washington" });
    expect(parse(note, "x a\u001b[31mred\u0000 b\tc")).toEqual({ mission: "x", text: "a[31mred b c" });
    expect(parse(note, 'x "a\tb"')).toEqual({ mission: "x", text: "a\tb" });
    expect(parse(stats, '"two\nlines"')).toEqual({ mission: "two lines" });
  });

  it("composes accents so either spelling matches", () => {
    expect(parse(stats, "Bogota\u0301")).toEqual({ mission: "Bogotá" });
  });

  it("accepts plain strings as tokens", () => {
    expect(parseArgs(stats, ["washington", "region=Europe"])).toEqual({
      mission: "washington",
      region: "Europe",
    });
  });
});

describe("validateArgs", () => {
  it("returns typed values with defaults applied", () => {
    expect(validateArgs(stats, { mission: "washington" })).toEqual({
      mission: "washington",
      period: "7d",
      page: 1,
    });
    expect(validateArgs(stats, { mission: "x", page: "3" })).toMatchObject({ page: 3 });
  });

  it("names a missing argument with its description and the usage line", () => {
    const err = userError(() => validateArgs(stats, {}));
    expect(err.code).toBe("bad_argument");
    expect(err.message).toBe(
      "Missing mission: Mission code or city. Usage: /stats <mission> [period] [region=…] [asOf=…] [page=…]",
    );
    expect(err.hints).toEqual(["Example: /stats washington 7d"]);
  });

  it("lists the choices of an enum and shows what was given", () => {
    const err = userError(() => validateArgs(stats, { mission: "x", period: "8d" }));
    expect(err.message).toBe(
      "`8d` is not a valid period: expected one of 7d, 30d, 90d. Usage: /stats <mission> [period] [region=…] [asOf=…] [page=…]",
    );
  });

  it("lists the choices of a union of literals", () => {
    const err = userError(() => validateArgs(handleAdd, { mission: "x", platform: "myspace", handle: "h" }));
    expect(err.message).toContain("`myspace` is not a valid platform: expected one of x, facebook.");
  });

  it("uses the command's own message when it has one", () => {
    const err = userError(() => validateArgs(stats, { mission: "x", asOf: "yesterday" }));
    expect(err.message).toContain("`yesterday` is not a valid asOf: must be a date like 2026-03-01.");
  });

  it("says what kind of value was expected", () => {
    expect(userError(() => validateArgs(stats, { mission: "x", page: "abc" })).message).toContain(
      "`abc` is not a valid page: expected a number.",
    );
    expect(userError(() => validateArgs(stats, { mission: "x", page: "0" })).message).toContain(
      "`0` is not a valid page: expected at least 1.",
    );
    expect(userError(() => validateArgs(stats, { mission: "" })).message).toContain(
      "An empty value is not a valid mission: it cannot be empty.",
    );
    expect(userError(() => validateArgs(note, { mission: "x", text: "a".repeat(501) })).message).toContain(
      "expected at most 500 characters",
    );
  });

  it("reports the first argument in declaration order", () => {
    const err = userError(() => validateArgs(stats, { page: "abc", period: "1y" }));
    expect(err.message).toMatch(/^Missing mission/);
  });

  it("truncates a long value to 40 characters and strips control characters", () => {
    const err = userError(() =>
      validateArgs(stats, { mission: "x", period: `\u0000\u001b${"9".repeat(60)}` }),
    );
    expect(err.message).toContain(`\`${"9".repeat(39)}…\` is not a valid period`);
    expect([...err.message].filter((c) => c < " ")).toEqual([]);
  });

  it("drops bidirectional overrides from the value it repeats", () => {
    const err = userError(() => validateArgs(stats, { mission: "x", period: "\u202Edc8\u202C" }));
    expect(err.message).toMatch(/^`dc8` is not a valid period/);
  });
});

describe("usage", () => {
  it("writes the usage line: required <>, optional [], named-only [key=…], free text …", () => {
    expect(usageLine(handleAdd)).toBe("/handle add <mission> <platform> <handle> [url]");
    expect(usageLine(stats)).toBe("/stats <mission> [period] [region=…] [asOf=…] [page=…]");
    expect(usageLine(note)).toBe("/note add <mission> <text…>");
  });

  it("derives argument specs from the schema", () => {
    expect(argumentSpecs(handleAdd)).toEqual([
      {
        name: "mission",
        description: "Mission code, city, country or name",
        required: true,
        positional: true,
        choices: null,
      },
      {
        name: "platform",
        description: "The platform",
        required: true,
        positional: true,
        choices: ["x", "facebook"],
      },
      { name: "handle", description: "The handle", required: true, positional: true, choices: null },
      { name: "url", description: "Link to the profile", required: false, positional: true, choices: null },
    ]);
    expect(argumentSpecs(stats)[1]).toEqual({
      name: "period",
      description: "How far back",
      required: false,
      positional: true,
      choices: ["7d", "30d", "90d"],
    });
    expect(argumentSpecs(stats)[3]).toMatchObject({
      name: "asOf",
      description: "",
      required: false,
      positional: false,
    });
  });

  it("writes help lines with descriptions, choices, defaults and examples", () => {
    expect(helpText(stats)).toEqual([
      "A mission's figures.",
      "Usage: /stats <mission> [period] [region=…] [asOf=…] [page=…]",
      "Arguments:",
      "• mission (required): Mission code or city",
      "• period (optional, default 7d): How far back. One of: 7d, 30d, 90d",
      "• region=… (optional): Only this region",
      "• asOf=… (optional)",
      "• page=… (optional, default 1): Page of results",
      "Examples:",
      "• /stats washington 7d",
    ]);
  });
});
