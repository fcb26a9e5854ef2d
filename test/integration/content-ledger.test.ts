import { describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import {
  adoptionByMission,
  contentDigestLines,
  matchSettings,
  verifyShares,
} from "../../src/db/repos/content-ledger-repo.ts";
import { createContentItem, getDelivery } from "../../src/db/repos/content-repo.ts";
import { getMissionByCode } from "../../src/db/repos/missions-repo.ts";
import { setSetting } from "../../src/db/repos/settings-repo.ts";
import { parsePeriod } from "../../src/domain/period.ts";
import { testDispatcher } from "../helpers/app.ts";
import { tempDb } from "../helpers/db.ts";
import { seedFixtureNetwork } from "../helpers/fixture-network.ts";

function id(db: Db, code: string): number {
  const mission = getMissionByCode(db, code);
  if (!mission) throw new Error(code);
  return mission.id;
}

function item(
  db: Db,
  title: string,
  createdAt: string,
  dueDate: string,
  codes: string[],
  extra: Partial<Parameters<typeof createContentItem>[1]> = {},
) {
  return createContentItem(db, {
    title,
    kind: "photo",
    theme: null,
    description: null,
    assets: [],
    captions: {},
    hashtags: [],
    targets: { all: false, regions: [], kinds: [], missions: codes },
    dueDate,
    missionIds: codes.map((c) => id(db, c)),
    createdBy: "console:tester",
    createdAt,
    ...extra,
  });
}

/**
 * The fixture network (posts: washington status/1 on 11-21 and status/2 on 11-24; karachi
 * status/1 on 11-26 and status/2 on 11-27, local days) with three items:
 * A (11-21) for washington, karachi, riyadh; B (11-10) for washington; C (11-26 23:30Z: the
 * 26th in Washington, the 27th in Karachi) for washington and karachi.
 */
async function setup() {
  const db = tempDb();
  seedFixtureNetwork(db);
  const t = testDispatcher(db);
  item(db, "A", "2026-11-21T12:00:00Z", "2026-12-01", ["washington", "karachi", "riyadh"]);
  item(db, "B", "2026-11-10T12:00:00Z", "2026-11-30", ["washington"]);
  item(db, "C", "2026-11-26T23:30:00Z", "2026-12-02", ["washington", "karachi"]);
  await t.data("/content answer 1 washington shared https://twitter.com/ArcadiaInUSA/status/2");
  await t.data("/content answer 1 karachi shared https://x.com/ArcadiaInKarachi/status/2");
  return { db, t };
}

describe("the share ledger", () => {
  it("verifies claims against posts already stored, from the item's creation day on", async () => {
    const { db } = await setup();
    expect(getDelivery(db, 1, id(db, "washington"))).toMatchObject({
      state: "verified",
      verifiedAt: "2026-11-27T12:00:00.000Z",
      post: { url: "https://x.com/ArcadiaInUSA/status/2", localDate: "2026-11-24", interactions: 5 },
    });
    expect(getDelivery(db, 1, id(db, "karachi"))?.post?.localDate).toBe("2026-11-27");
    // A post from before the item existed proves nothing, even when claimed.
    await testDispatcher(db).data("/content answer 3 washington shared https://x.com/ArcadiaInUSA/status/2");
    expect(getDelivery(db, 3, id(db, "washington"))?.state).toBe("claimed");
  });

  it("finds shares nobody claimed, by hashtag, only in the missions' own posts", () => {
    const db = tempDb();
    seedFixtureNetwork(db);
    item(db, "D", "2026-11-20T08:00:00Z", "2026-12-01", ["washington", "riyadh"], {
      hashtags: ["NationalDay"],
    });
    const sql = db.$client;
    sql
      .prepare(
        `INSERT INTO posts (handle_id, external_id, published_at, local_date, url, caption, source, collected_at)
         VALUES (?, ?, ?, ?, ?, ?, 'test', '2026-11-27T00:00:00Z')`,
      )
      .run(
        5,
        "i2",
        "2026-11-23T09:00:00Z",
        "2026-11-23",
        "https://instagram.com/p/2",
        "Celebrating! #nationalday",
      );
    // Posts of other handles are not looked at when the scope names handles.
    expect(verifyShares(db, { handleIds: [1, 2] }, new Date("2026-11-27T12:00:00Z"))).toEqual([]);
    expect(verifyShares(db, { handleIds: [5] }, new Date("2026-11-27T12:00:00Z"))).toEqual([
      { contentId: 1, missionId: id(db, "riyadh"), missionCode: "riyadh", postId: 8, reason: "hashtags" },
    ]);
    expect(getDelivery(db, 1, id(db, "washington"))?.state).toBe("pending");
  });

  it("takes the hashtag share a post must carry from the settings", () => {
    const db = tempDb();
    seedFixtureNetwork(db);
    item(db, "E", "2026-11-20T08:00:00Z", "2026-12-01", ["riyadh"], {
      hashtags: ["NationalDay", "Arcadia", "Culture"],
    });
    db.$client
      .prepare(
        `INSERT INTO posts (handle_id, external_id, published_at, local_date, url, caption, source, collected_at)
         VALUES (5, 'i2', '2026-11-23T09:00:00Z', '2026-11-23', 'https://instagram.com/p/2', '#NationalDay #Arcadia', 'test', '2026-11-27T00:00:00Z')`,
      )
      .run();
    const now = new Date("2026-11-27T12:00:00Z");
    expect(verifyShares(db, { handleIds: [5] }, now)).toEqual([]);
    setSetting(db, "content.hashtag_share", "0.5");
    expect(matchSettings(db)).toEqual({ hashtagShare: 0.5 });
    expect(verifyShares(db, { handleIds: [5] }, now).map((v) => v.reason)).toEqual(["hashtags"]);
  });

  it("computes adoption per mission: items sent in the period, verified by a post by its end", async () => {
    const { db } = await setup();
    const adoption = adoptionByMission(db, parsePeriod("7d", "2026-11-26"));
    expect(Object.fromEntries([...adoption].map(([missionId, a]) => [missionId, a]))).toEqual({
      // A (verified 11-24) and C (26th in Washington): 1 of 2.
      [id(db, "washington")]: { targeted: 2, verified: 1, adoption: 50 },
      // A only (C is the 27th in Karachi); its post is of the 27th, after the period.
      [id(db, "karachi")]: { targeted: 1, verified: 0, adoption: 0 },
      [id(db, "riyadh")]: { targeted: 1, verified: 0, adoption: 0 },
    });
    expect(adoptionByMission(db, parsePeriod("7d", "2026-11-27")).get(id(db, "karachi"))).toEqual({
      targeted: 2,
      verified: 1,
      adoption: 50,
    });
  });

  it("ranks missions on adoption in /leaderboard, those sent nothing last as n/a", async () => {
    const { t } = await setup();
    const data = await t.data<{
      metric: string;
      rows: { rank: number | null; mission: string; value: number | null }[];
    }>("/leaderboard adoption 7d", undefined, "2026-11-26");
    expect(data.metric).toBe("adoption");
    expect(data.rows).toEqual([
      { rank: 1, mission: "washington", value: 50 },
      { rank: 2, mission: "karachi", value: 0 },
      { rank: 2, mission: "riyadh", value: 0 },
      { rank: null, mission: "sao-paulo", value: null },
    ]);
    const outcome = await t.run("/leaderboard adoption 7d", undefined, "2026-11-26");
    const shown = outcome.status === "ok" ? JSON.stringify(outcome.result.reply.elements) : "";
    expect(shown).toContain('["1","Embassy of Arcadia in Washington","Americas","50.0%"]');
    expect(shown).toContain('["–","Consulate General of Arcadia in São Paulo","Americas","n/a"]');
  });

  it("gives the digest its content lines: shared this week, and what is still waiting", async () => {
    const { db, t } = await setup();
    await t.data("/content answer 3 washington will 2026-12-01");
    expect(contentDigestLines(db, id(db, "washington"), "2026-W48")).toEqual([
      "Content shared this week: 1 — “A”.",
      "Content waiting for you: 2 — “B” (#2, due 2026-11-30); “C” (#3, due 2026-12-02, you plan 2026-12-01). Answer with /content answer.",
    ]);
    expect(contentDigestLines(db, id(db, "washington"), "2026-W47")).toEqual([
      "Content waiting for you: 2 — “B” (#2, due 2026-11-30); “C” (#3, due 2026-12-02, you plan 2026-12-01). Answer with /content answer.",
    ]);
    expect(contentDigestLines(db, id(db, "sao-paulo"), "2026-W48")).toEqual([]);
  });

  it("puts the content lines in the mission's weekly digest, and none in another's", async () => {
    const { t } = await setup();
    const waiting =
      "Content waiting for you: 2 — “B” (#2, due 2026-11-30); “C” (#3, due 2026-12-02). Answer with /content answer.";
    const washington = await t.data<{ content: string[] }>("/digest preview washington 2026-W47");
    expect(washington.content).toEqual([waiting]);
    const outcome = await t.run("/digest preview washington 2026-W47");
    const shown = outcome.status === "ok" ? JSON.stringify(outcome.result.reply.elements) : "";
    expect(shown).toContain(JSON.stringify(`Content from the SCD\n${waiting}`));
    const saoPaulo = await t.data<{ content: string[] }>("/digest preview sao-paulo 2026-W47");
    expect(saoPaulo.content).toEqual([]);
  });
});
