import { describe, expect, it } from "vitest";
import { alertSentence } from "../../src/digest/alert-reply.ts";

describe("alertSentence", () => {
  it("shows figures missing from an alert's details as n/a, never 0", () => {
    const text = alertSentence({
      kind: "follower_drop",
      severity: "serious",
      details: { date: "2026-11-20", change: -900 },
      handle: { platform: "x", handle: "ArcadiaInUSA" },
      mission: { code: "washington", name: "Embassy of Arcadia in Washington" },
    });
    expect(text).toContain("X @ArcadiaInUSA lost 900 followers on");
    expect(text).toContain("(usually n/a ± n/a a day over the previous n/a days)");
    expect(text).not.toMatch(/usually \+?0 /);
  });
});
