import { describe, expect, it } from "vitest";
import {
  type LookupMission,
  lookupMission,
  missionNotFoundError,
  normalizeName,
  sanitizeQuery,
} from "../../src/domain/mission-lookup.ts";

const m = (id: number, code: string, name: string, city: string, country: string): LookupMission => ({
  id,
  code,
  name,
  city,
  country,
});

const MISSIONS: LookupMission[] = [
  m(1, "washington", "Embassy of Ruritania in Washington", "Washington", "USA"),
  m(2, "new-york", "Consulate General of Ruritania in New York", "New York", "USA"),
  m(3, "los-angeles", "Consulate General of Ruritania in Los Angeles", "Los Angeles", "USA"),
  m(4, "sao-paulo", "Consulate General of Ruritania in São Paulo", "São Paulo", "Brazil"),
  m(5, "brasilia", "Embassy of Ruritania in Brasília", "Brasília", "Brazil"),
  m(6, "abidjan", "Embassy of Ruritania in Abidjan", "Abidjan", "Côte d’Ivoire"),
  m(7, "london", "High Commission of Ruritania in London", "London", "United Kingdom"),
  m(8, "wellington", "High Commission of Ruritania in Wellington", "Wellington", "New Zealand"),
  m(9, "copenhagen", "Embassy of Ruritania in Copenhagen", "København", "Denmark"),
  m(10, "new-delhi", "High Commission of Ruritania in New Delhi", "New Delhi", "India"),
];

function codesOf(result: ReturnType<typeof lookupMission<LookupMission>>): string[] {
  if (result.kind === "found") return [result.mission.code];
  return (result.kind === "ambiguous" ? result.candidates : result.suggestions).map((x) => x.code);
}

describe("normalizeName", () => {
  it.each([
    ["São Paulo", "sao paulo"],
    ["Côte d’Ivoire", "cote divoire"],
    ["cote d'ivoire", "cote divoire"],
    ["Cote dIvoire", "cote divoire"],
    ["  Los-Angeles!!  ", "los angeles"],
    ["København", "kobenhavn"],
    ["Łódź", "lodz"],
    ["Straße", "strasse"],
    ["BRASÍLIA", "brasilia"],
    ["new   york", "new york"],
  ])("%s -> %s", (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });
});

describe("lookupMission", () => {
  it("finds an exact code, whatever the case", () => {
    expect(lookupMission("washington", MISSIONS)).toEqual({ kind: "found", mission: MISSIONS[0] });
    expect(codesOf(lookupMission("  WASHINGTON ", MISSIONS))).toEqual(["washington"]);
  });

  it("finds a city with or without accents", () => {
    expect(codesOf(lookupMission("São Paulo", MISSIONS))).toEqual(["sao-paulo"]);
    expect(codesOf(lookupMission("sao paulo", MISSIONS))).toEqual(["sao-paulo"]);
    expect(codesOf(lookupMission("Kobenhavn", MISSIONS))).toEqual(["copenhagen"]);
    expect(codesOf(lookupMission("new york", MISSIONS))).toEqual(["new-york"]);
    expect(codesOf(lookupMission("NewYork", MISSIONS))).toEqual(["new-york"]);
  });

  it("finds a country with one mission, however its apostrophe is typed", () => {
    for (const q of ["Côte d’Ivoire", "cote d'ivoire", "cote divoire", "COTE D IVOIRE"]) {
      expect(codesOf(lookupMission(q, MISSIONS))).toEqual(["abidjan"]);
    }
  });

  it("finds a mission by its full name", () => {
    expect(codesOf(lookupMission("embassy of ruritania in brasilia", MISSIONS))).toEqual(["brasilia"]);
  });

  it("returns every mission of a country as ambiguous, in the order given", () => {
    expect(lookupMission("USA", MISSIONS)).toEqual({
      kind: "ambiguous",
      candidates: [MISSIONS[0], MISSIONS[1], MISSIONS[2]],
    });
    expect(codesOf(lookupMission("brazil", MISSIONS))).toEqual(["sao-paulo", "brasilia"]);
  });

  it("prefers an exact code over a country or city of the same name", () => {
    const withClash = [...MISSIONS, m(11, "usa", "Liaison Office", "Somewhere", "Elsewhere")];
    expect(codesOf(lookupMission("usa", withClash))).toEqual(["usa"]);
  });

  it("accepts a unique prefix of three or more characters of a code, city or name", () => {
    expect(codesOf(lookupMission("los", MISSIONS))).toEqual(["los-angeles"]);
    expect(codesOf(lookupMission("Wel", MISSIONS))).toEqual(["wellington"]);
    expect(codesOf(lookupMission("brasíl", MISSIONS))).toEqual(["brasilia"]);
    expect(codesOf(lookupMission("high commission of ruritania in l", MISSIONS))).toEqual(["london"]);
  });

  it("does not pick a mission from a one- or two-letter prefix", () => {
    expect(lookupMission("lo", MISSIONS)).toEqual({ kind: "none", suggestions: [] });
    expect(lookupMission("a", MISSIONS)).toEqual({ kind: "none", suggestions: [] });
  });

  it("offers the missions a shared prefix matches first, then those containing the text", () => {
    expect(lookupMission("new", MISSIONS)).toEqual({
      kind: "none",
      suggestions: [MISSIONS[1], MISSIONS[9], MISSIONS[7]],
    });
  });

  it("suggests close codes for a typo", () => {
    expect(codesOf(lookupMission("washingtn", MISSIONS))).toEqual(["washington"]);
    expect(codesOf(lookupMission("londn", MISSIONS))).toEqual(["london"]);
    expect(codesOf(lookupMission("wellingtn", MISSIONS))).toEqual(["wellington"]);
  });

  it("suggests missions whose code or city is inside the query", () => {
    expect(codesOf(lookupMission("embassy in washington dc", MISSIONS))).toEqual(["washington"]);
  });

  it("suggests at most five missions for a word many names contain", () => {
    const result = lookupMission("ruritania", MISSIONS);
    expect(result.kind).toBe("none");
    expect(codesOf(result)).toHaveLength(5);
  });

  it("returns none with no suggestions for something unrelated, empty or only punctuation", () => {
    expect(lookupMission("zzzzzz", MISSIONS)).toEqual({ kind: "none", suggestions: [] });
    expect(lookupMission("   ", MISSIONS)).toEqual({ kind: "none", suggestions: [] });
    expect(lookupMission("!!!", MISSIONS)).toEqual({ kind: "none", suggestions: [] });
    expect(lookupMission("washington", [])).toEqual({ kind: "none", suggestions: [] });
  });
});

describe("missionNotFoundError", () => {
  it("suggests the closest mission with its name", () => {
    const err = missionNotFoundError("washingtn", {
      kind: "none",
      suggestions: [MISSIONS[0] as LookupMission],
    });
    expect(err.code).toBe("unknown_mission");
    expect(err.message).toBe(
      'No mission matches "washingtn": did you mean washington (Embassy of Ruritania in Washington)? ' +
        "Type /missions to see them all.",
    );
  });

  it("joins several suggestions with commas and 'or'", () => {
    const suggestions = [MISSIONS[1], MISSIONS[9], MISSIONS[7]] as LookupMission[];
    expect(missionNotFoundError("new", { kind: "none", suggestions }).message).toBe(
      'No mission matches "new": did you mean new-york (Consulate General of Ruritania in New York), ' +
        "new-delhi (High Commission of Ruritania in New Delhi) or wellington (High Commission of Ruritania in " +
        "Wellington)? Type /missions to see them all.",
    );
  });

  it("says so plainly when nothing is close", () => {
    expect(missionNotFoundError("zzz", { kind: "none", suggestions: [] }).message).toBe(
      'No mission matches "zzz". Type /missions to see them all.',
    );
  });

  it("asks which one when several match, quoting the command", () => {
    const result = lookupMission("USA", MISSIONS);
    if (result.kind === "found") throw new Error("expected no single match");
    const err = missionNotFoundError("USA", result);
    expect(err.code).toBe("ambiguous_mission");
    expect(err.message).toBe(
      '"USA" matches 3 missions: washington, new-york, los-angeles. Say which one, e.g. /mission-stats washington.',
    );
    expect(err.hints).toEqual([
      "washington: Embassy of Ruritania in Washington (Washington, USA)",
      "new-york: Consulate General of Ruritania in New York (New York, USA)",
      "los-angeles: Consulate General of Ruritania in Los Angeles (Los Angeles, USA)",
    ]);
    expect(missionNotFoundError("USA", result, "/digest").message).toContain("e.g. /digest washington.");
  });

  it("asks for a mission when the query is empty", () => {
    expect(missionNotFoundError("", { kind: "none", suggestions: [] }).message).toBe(
      "Say which mission, e.g. /mission-stats followed by a mission code or city. Type /missions to see them all.",
    );
  });

  it("strips control characters from the echoed query and cuts it to 40 characters", () => {
    const query = `\u0007ab\u202Ec\n${"x".repeat(60)}`;
    const shown = sanitizeQuery(query);
    expect(shown).toBe(`ab c ${"x".repeat(34)}…`);
    expect(shown).toHaveLength(40);
    expect(missionNotFoundError(query, { kind: "none", suggestions: [] }).message).toBe(
      `No mission matches "${shown}". Type /missions to see them all.`,
    );
  });
});
