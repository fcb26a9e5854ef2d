import { describe, expect, it } from "vitest";
import type { Membership } from "../../src/core/command.ts";
import { isUserError, type UserError } from "../../src/core/errors.ts";
import {
  answerButtonId,
  answerRefusal,
  ContentDraftError,
  captionTokens,
  contentPingKey,
  declineReasonOf,
  dueDateProblem,
  formatHours,
  hashtagsIn,
  jaccard,
  type MatchItem,
  matchShare,
  median,
  normalizeLink,
  parseAnswer,
  parseAnswerButtonId,
  parseAssets,
  parseHashtags,
  parseTargets,
  resolveTargets,
  validateContentDraft,
} from "../../src/domain/content.ts";
import { summarizeLedger } from "../../src/domain/content-ledger.ts";
import { answerLine, contentPingReply } from "../../src/domain/content-messages.ts";

const MISSIONS = [
  {
    id: 1,
    code: "washington",
    name: "Embassy in Washington",
    city: "Washington",
    country: "United States",
    region: "Americas",
    kind: "embassy",
  },
  {
    id: 2,
    code: "new-york",
    name: "Consulate General in New York",
    city: "New York",
    country: "United States",
    region: "Americas",
    kind: "consulate",
  },
  {
    id: 3,
    code: "paris",
    name: "Embassy in Paris",
    city: "Paris",
    country: "France",
    region: "Europe",
    kind: "embassy",
  },
  {
    id: 4,
    code: "lyon",
    name: "Consulate in Lyon",
    city: "Lyon",
    country: "France",
    region: "Europe",
    kind: "consulate",
  },
  {
    id: 5,
    code: "riyadh",
    name: "Embassy in Riyadh",
    city: "Riyadh",
    country: "Saudi Arabia",
    region: "Middle East",
    kind: "embassy",
  },
  { id: 6, code: "hq", name: "Ministry", city: "Capital", country: "Arcadia", region: "HQ", kind: "hq" },
];

function thrown(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    if (isUserError(err)) return err;
    throw err;
  }
  throw new Error("expected a UserError");
}

describe("content fields", () => {
  it("reads asset links separated by commas, spaces or lines, and refuses anything else", () => {
    expect(parseAssets("https://a.example/x.png, https://b.example/y.mp4\nhttps://a.example/x.png")).toEqual({
      links: ["https://a.example/x.png", "https://b.example/y.mp4"],
    });
    expect(parseAssets(undefined)).toEqual({ links: [] });
    expect(parseAssets("ftp://a.example/x")).toEqual({
      problem:
        'assets must be links starting with https://, separated by commas; "ftp://a.example/x" is not one.',
    });
  });

  it("reads hashtags with or without #, keeping the first spelling of duplicates", () => {
    expect(parseHashtags("#NationalDay,#Culture nationalday #Fête_2026")).toEqual({
      tags: ["NationalDay", "Culture", "Fête_2026"],
    });
    expect(parseHashtags("#good,#not-good")).toHaveProperty("problem");
  });

  it("reads targets: all, prefixed clauses, bare mission lists", () => {
    expect(parseTargets("all")).toEqual({ targets: { all: true, regions: [], kinds: [], missions: [] } });
    expect(parseTargets("region:Middle East,Europe;kind:consulate|missions:washington, riyadh")).toEqual({
      targets: {
        all: false,
        regions: ["Middle East", "Europe"],
        kinds: ["consulate"],
        missions: ["washington", "riyadh"],
      },
    });
    expect(parseTargets("washington,paris")).toEqual({
      targets: { all: false, regions: [], kinds: [], missions: ["washington", "paris"] },
    });
    expect(parseTargets("")).toHaveProperty("problem");
    expect(parseTargets("country:France")).toHaveProperty("problem");
    expect(parseTargets("all;region:Europe")).toHaveProperty("problem");
  });

  it("resolves targets: all but HQ; region and kind together narrow; listed missions are added", () => {
    const codes = (text: string) => {
      const parsed = parseTargets(text);
      if (!("targets" in parsed)) throw new Error(parsed.problem);
      const r = resolveTargets(parsed.targets, MISSIONS);
      return { codes: r.missions.map((m) => m.code), problems: r.problems, stored: r.stored };
    };
    expect(codes("all").codes).toEqual(["lyon", "new-york", "paris", "riyadh", "washington"]);
    expect(codes("region:europe").codes).toEqual(["lyon", "paris"]);
    expect(codes("kind:consulates").codes).toEqual(["lyon", "new-york"]);
    expect(codes("region:Europe;kind:consulate").codes).toEqual(["lyon"]);
    const mixed = codes("region:Europe;kind:consulate;missions:riyadh,Washington");
    expect(mixed.codes).toEqual(["lyon", "riyadh", "washington"]);
    expect(mixed.stored).toEqual({
      all: false,
      regions: ["Europe"],
      kinds: ["consulate"],
      missions: ["riyadh", "washington"],
    });
    expect(codes("kind:high commission").problems).toEqual([
      "These targets match no mission (high commission). Check the region and kind, or name missions.",
    ]);
    expect(codes("region:Atlantis").problems).toEqual([
      'There is no region called "Atlantis". Regions: Americas, Europe, HQ, Middle East.',
    ]);
    expect(codes("kind:palace").problems[0]).toContain('"palace" is not a kind of mission');
    expect(codes("missions:united states").problems[0]).toContain('"united states" matches 2 missions');
  });

  it("checks due dates against today", () => {
    expect(dueDateProblem("2026-11-27", "2026-11-27")).toBeNull();
    expect(dueDateProblem("2026-11-26", "2026-11-27")).toBe(
      "due=2026-11-26 is in the past (today is 2026-11-27). Give today or a later day.",
    );
    expect(dueDateProblem("2026-02-30", "2026-01-27")).toContain("is not one");
    expect(dueDateProblem("2027-12-01", "2026-11-27")).toContain("more than a year ahead");
  });

  it("collects every problem of a draft, each with its field, and saves nothing", () => {
    const err = thrown(() =>
      validateContentDraft(
        {
          title: "",
          kind: "poster",
          captions: {},
          assets: "nope",
          hashtags: "#ok",
          targets: "region:Atlantis",
          due: "2026-11-01",
        },
        { today: "2026-11-27", missions: MISSIONS },
      ),
    );
    expect(err).toBeInstanceOf(ContentDraftError);
    expect((err as ContentDraftError).problems.map((p) => p.field)).toEqual([
      "title",
      "kind",
      "assets",
      "targets",
      "due",
    ]);
    expect(
      err.message.startsWith("Nothing was saved. Please fix these 5 things:\n• Give the content a title"),
    ).toBe(true);
  });

  it("returns a clean draft with stored targets and the missions", () => {
    const draft = validateContentDraft(
      {
        title: " National Day ",
        captions: { en: "Happy National Day", fr: "  " },
        hashtags: "#NationalDay",
        targets: "kind:consulate",
        due: "2026-12-05",
      },
      { today: "2026-11-27", missions: MISSIONS },
    );
    expect(draft).toMatchObject({
      title: "National Day",
      kind: "other",
      theme: null,
      captions: { en: "Happy National Day" },
      hashtags: ["NationalDay"],
      targets: { all: false, regions: [], kinds: ["consulate"], missions: [] },
      dueDate: "2026-12-05",
    });
    expect(draft.missions.map((m) => m.id)).toEqual([4, 2]);
  });
});

describe("answers", () => {
  const ex = "/content answer 3 paris";

  it("reads shared, will and na answers", () => {
    expect(
      parseAnswer("shared", "https://x.com/a/status/1 https://x.com/a/status/2", "2026-11-27", ex),
    ).toEqual({
      kind: "shared",
      links: ["https://x.com/a/status/1", "https://x.com/a/status/2"],
    });
    expect(parseAnswer("will", "2026-12-01", "2026-11-27", ex)).toEqual({ kind: "will", date: "2026-12-01" });
    expect(parseAnswer("na", "host-country too close to the elections", "2026-11-27", ex)).toEqual({
      kind: "na",
      reason: "host_country",
      text: "too close to the elections",
    });
    expect(parseAnswer("na", "covered", "2026-11-27", ex)).toEqual({
      kind: "na",
      reason: "already_covered",
      text: null,
    });
  });

  it("refuses answers without what they need, saying how to write them", () => {
    expect(thrown(() => parseAnswer("shared", undefined, "2026-11-27", ex)).message).toBe(
      "Give the link of the post you published: /content answer 3 paris shared https://x.com/YourHandle/status/123…",
    );
    expect(thrown(() => parseAnswer("shared", "my post", "2026-11-27", ex)).code).toBe("bad_links");
    expect(thrown(() => parseAnswer("will", "2026-11-20", "2026-11-27", ex)).message).toBe(
      "2026-11-20 is in the past (today is 2026-11-27). Give today or a later day.",
    );
    expect(thrown(() => parseAnswer("will", "soon", "2026-11-27", ex)).code).toBe("bad_date");
    expect(thrown(() => parseAnswer("na", "busy", "2026-11-27", ex)).code).toBe("bad_reason");
    expect(thrown(() => parseAnswer("na", "other", "2026-11-27", ex)).message).toContain('after "other"');
    expect(declineReasonOf("Already_Covered")).toBe("already_covered");
  });

  it("lets only the mission's officers and admins answer", () => {
    const officer = (missionId: number, code: string): Membership => ({
      role: "mission_officer",
      missionId,
      missionCode: code,
    });
    const paris = { id: 3, code: "paris" };
    expect(answerRefusal(officer(3, "paris"), paris)).toBeNull();
    expect(answerRefusal({ role: "admin", missionId: null, missionCode: null }, paris)).toBeNull();
    expect(answerRefusal({ role: "scd", missionId: null, missionCode: null }, paris)).toBe(
      "Only paris's officers (or an admin) can answer for paris: ask them to press the buttons on the message in their channel.",
    );
    expect(answerRefusal(officer(4, "lyon"), paris)).toBe(
      "Only paris's officers can answer for paris; you answer for lyon.",
    );
    expect(answerRefusal({ role: "viewer", missionId: null, missionCode: null }, paris)).toContain(
      "mission officers",
    );
  });

  it("names buttons and outbox keys so adapters can read them back", () => {
    expect(contentPingKey(12, "sao-paulo", "slack")).toBe("content:12:sao-paulo:slack");
    const id = answerButtonId("will", 12, "sao-paulo");
    expect(id).toBe("content-answer:will:12:sao-paulo");
    expect(parseAnswerButtonId(`dmd:${id}#2`)).toEqual({
      answer: "will",
      contentId: 12,
      missionCode: "sao-paulo",
    });
    expect(parseAnswerButtonId("dmd:leaderboard:next")).toBeNull();
  });
});

describe("share matching", () => {
  const item: MatchItem = {
    assets: ["https://mfa.example/media/national-day.mp4"],
    captions: {
      en: "Happy National Day to all our friends in Washington",
      fr: "Bonne fête nationale à tous nos amis https://mfa.example/fete",
    },
    hashtags: ["NationalDay", "Arcadia", "Culture"],
    description: null,
    claimedLinks: ["https://twitter.com/ArcadiaInUSA/status/1860000000000000001?s=20"],
  };

  it("normalizes links: scheme, www, twitter.com, query, trailing slash, X status ids", () => {
    expect(normalizeLink("https://www.Twitter.com/ArcadiaInUSA/status/186?s=20")).toBe("x.com/status/186");
    expect(normalizeLink("https://x.com/i/web/status/186")).toBe("x.com/status/186");
    expect(normalizeLink("http://mfa.example/media/a.mp4/?utm=1#t")).toBe("mfa.example/media/a.mp4");
    expect(normalizeLink("https://youtu.be/abc123")).toBe("youtube.com/watch?v=abc123");
    expect(normalizeLink("https://m.youtube.com/watch?v=abc123&t=4")).toBe("youtube.com/watch?v=abc123");
  });

  it("matches the claimed link, in any form", () => {
    expect(
      matchShare(item, { url: "https://x.com/ArcadiaInUSA/status/1860000000000000001", caption: null }),
    ).toBe("claimed_link");
  });

  it("matches a post carrying the asset link or a link from a caption", () => {
    expect(
      matchShare(item, { url: null, caption: "Watch: http://www.mfa.example/media/national-day.mp4." }),
    ).toBe("link");
    expect(matchShare(item, { url: null, caption: "Voir https://mfa.example/fete/" })).toBe("link");
  });

  it("matches hashtags: all of them by default, or a share of them rounded up", () => {
    const post = { url: null, caption: "A great evening #nationalday #ARCADIA" };
    expect(hashtagsIn(post.caption)).toEqual(["nationalday", "arcadia"]);
    expect(matchShare(item, post)).toBeNull();
    // 3 tags x 0.5 = 1.5, rounded up: 2 needed, 2 carried.
    expect(matchShare(item, post, { hashtagShare: 0.5 })).toBe("hashtags");
    expect(matchShare(item, { url: null, caption: "#Culture #Arcadia #NationalDay" })).toBe("hashtags");
  });

  it("matches a caption whose words are close to a suggested caption (Jaccard >= 0.6)", () => {
    const close = "Happy National Day to all our friends! 🎉 #Arcadia";
    // 9 suggested words, 8 posted words, 7 shared: 7 / (9 + 8 - 7) = 0.7.
    expect(jaccard(captionTokens(close), captionTokens(item.captions.en ?? ""))).toBeCloseTo(0.7, 10);
    expect(matchShare(item, { url: null, caption: close })).toBe("caption");
    // 3 shared of 4 + 9 - 3 = 10 distinct words: 0.3.
    const far = "Happy National Day everyone";
    expect(jaccard(captionTokens(far), captionTokens(item.captions.en ?? ""))).toBeCloseTo(0.3, 10);
    expect(matchShare(item, { url: null, caption: far })).toBeNull();
    expect(matchShare(item, { url: null, caption: far }, { captionSimilarity: 0.3 })).toBe("caption");
    expect(captionTokens("Fête nationale, FÊTE!")).toEqual(new Set(["fete", "nationale"]));
  });

  it("matches nothing for an unrelated post", () => {
    expect(
      matchShare(item, { url: "https://x.com/ArcadiaInUSA/status/5", caption: "Consular hours on Monday" }),
    ).toBeNull();
  });
});

describe("ledger figures", () => {
  it("takes the median of an odd and an even count, null for none", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([])).toBeNull();
  });

  it("formats durations", () => {
    expect(formatHours(null)).toBe("n/a");
    expect(formatHours(0.5)).toBe("under 1 h");
    expect(formatHours(18.4)).toBe("18 h");
    expect(formatHours(60)).toBe("2.5 days");
    expect(formatHours(72)).toBe("3 days");
  });

  it("summarizes a ledger: counts, flagged claims, median time to share, interactions, regions", () => {
    const createdAt = "2026-11-20T10:00:00Z";
    const summary = summarizeLedger([
      {
        region: "Europe",
        state: "verified",
        createdAt,
        publishedAt: "2026-11-20T16:00:00Z",
        interactions: 10,
        flaggedAt: null,
      },
      {
        region: "Europe",
        state: "verified",
        createdAt,
        publishedAt: "2026-11-22T10:00:00Z",
        interactions: null,
        flaggedAt: null,
      },
      {
        region: "Americas",
        state: "verified",
        createdAt,
        publishedAt: null,
        interactions: 5,
        flaggedAt: null,
      },
      {
        region: "Americas",
        state: "claimed",
        createdAt,
        publishedAt: null,
        interactions: null,
        flaggedAt: "2026-11-28T07:00:00Z",
      },
      {
        region: "Americas",
        state: "declined",
        createdAt,
        publishedAt: null,
        interactions: null,
        flaggedAt: null,
      },
      {
        region: "Europe",
        state: "pending",
        createdAt,
        publishedAt: null,
        interactions: null,
        flaggedAt: null,
      },
      {
        region: "Europe",
        state: "will_share",
        createdAt,
        publishedAt: null,
        interactions: null,
        flaggedAt: null,
      },
    ]);
    expect(summary).toEqual({
      targeted: 7,
      verified: 3,
      claimed: 1,
      willShare: 1,
      declined: 1,
      pending: 1,
      flagged: 1,
      // 6 h and 48 h: the third share has only a date.
      medianHoursToShare: 27,
      timedShares: 2,
      interactions: 15,
      byRegion: [
        {
          region: "Americas",
          targeted: 3,
          verified: 1,
          claimed: 1,
          willShare: 0,
          declined: 1,
          pending: 0,
          flagged: 1,
        },
        {
          region: "Europe",
          targeted: 4,
          verified: 2,
          claimed: 0,
          willShare: 1,
          declined: 0,
          pending: 1,
          flagged: 0,
        },
      ],
    });
    expect(summarizeLedger([]).interactions).toBeNull();
  });

  it("builds the ping with the mission's caption first, buttons until verified, and the answer once given", () => {
    const item = {
      id: 7,
      title: "National Day",
      kind: "infographic",
      theme: null,
      description: "Our national day",
      assets: ["https://mfa.example/nd.png"],
      captions: { en: "Happy National Day", fr: "Bonne fête" },
      hashtags: ["NationalDay"],
      targets: { all: true, regions: [], kinds: [], missions: [] },
      dueDate: "2026-12-05",
      status: "open",
      createdAt: "2026-11-27T12:00:00Z",
    };
    const mission = { code: "paris", name: "Embassy in Paris", language: "fr" };
    const ping = contentPingReply(item, mission);
    const texts = ping.elements.flatMap((e) => (e.type === "text" ? [e.text] : []));
    expect(texts.indexOf("Suggested caption (French):\nBonne fête")).toBeLessThan(
      texts.indexOf("Suggested caption (English):\nHappy National Day"),
    );
    const buttons = ping.elements.find((e) => e.type === "buttons");
    expect(buttons?.type === "buttons" && buttons.buttons.map((b) => [b.id, b.command])).toEqual([
      ["content-answer:shared:7:paris", "/content answer 7 paris shared"],
      ["content-answer:will:7:paris", "/content answer 7 paris will"],
      ["content-answer:na:7:paris", "/content answer 7 paris na"],
    ]);
    const delivery = {
      missionCode: "paris",
      missionName: "Embassy in Paris",
      region: "Europe",
      state: "verified" as const,
      plannedDate: null,
      declineReason: null,
      declineText: null,
      claimedLinks: [],
      answeredBy: null,
      answeredAt: null,
      flaggedAt: null,
      post: {
        platform: "x",
        handle: "ArcadiaParis",
        url: "https://x.com/ArcadiaParis/status/9",
        localDate: "2026-11-28",
      },
    };
    const answered = contentPingReply(item, mission, delivery);
    expect(answered.elements.some((e) => e.type === "buttons")).toBe(false);
    expect(answerLine(delivery)).toBe(
      "✅ Shared and verified on x @ArcadiaParis (2026-11-28): https://x.com/ArcadiaParis/status/9.",
    );
  });
});
