import { describe, expect, it } from "vitest";
import { testDispatcher } from "../helpers/app.ts";
import { tempDb } from "../helpers/db.ts";
import { seedFixtureNetwork } from "../helpers/fixture-network.ts";

interface BoardData {
  metric: string;
  rows: { rank: number | null; mission: string; value: number | null }[];
}

function setup() {
  const db = tempDb();
  seedFixtureNetwork(db);
  return testDispatcher(db);
}

describe("/leaderboard", () => {
  it("ranks posts with shared ranks and skips the next (1, 2, 2, 4), HQ excluded", async () => {
    const app = setup();
    const data = await app.data<BoardData>("/leaderboard posts 7d", undefined, "2026-11-26");
    expect(data.metric).toBe("posts");
    expect(data.rows).toEqual([
      { rank: 1, mission: "washington", value: 3 },
      { rank: 2, mission: "karachi", value: 1 },
      { rank: 2, mission: "riyadh", value: 1 },
      { rank: 4, mission: "sao-paulo", value: 0 },
    ]);
  });

  it("lists missions without data last, unranked", async () => {
    const app = setup();
    const data = await app.data<BoardData>("/leaderboard engagement 7d", undefined, "2026-11-26");
    expect(data.rows.map((r) => [r.rank, r.mission])).toEqual([
      [1, "karachi"],
      [2, "washington"],
      [null, "riyadh"],
      [null, "sao-paulo"],
    ]);
  });

  it("filters by region and kind", async () => {
    const app = setup();
    const americas = await app.data<BoardData>(
      '/leaderboard followers 7d region="americas"',
      undefined,
      "2026-11-26",
    );
    expect(americas.rows).toEqual([
      { rank: 1, mission: "washington", value: 1600 },
      { rank: null, mission: "sao-paulo", value: null },
    ]);
    const consulates = await app.data<BoardData>(
      "/leaderboard followers 7d kind=consulate",
      undefined,
      "2026-11-26",
    );
    expect(consulates.rows.map((r) => r.mission)).toEqual(["karachi", "sao-paulo"]);
  });

  it("refuses an unknown metric, region or kind with the valid choices", async () => {
    const app = setup();
    for (const [text, expected] of [
      ["/leaderboard likes", "followers"],
      ["/leaderboard followers region=Atlantis", "Americas"],
      ["/leaderboard followers kind=palace", "consulate"],
    ] as const) {
      const outcome = await app.run(text);
      expect(outcome.status, text).toBe("user_error");
      if (outcome.status === "user_error") expect(outcome.error.message).toContain(expected);
    }
  });

  it("pages long lists and says how many more there are", async () => {
    const db = tempDb();
    const insert = db.$client.prepare(
      "INSERT INTO missions (code, name, kind, country, city, region, timezone, weekend) VALUES (?, ?, 'embassy', 'X', ?, 'Europe', 'Europe/Paris', 'sat-sun')",
    );
    for (let i = 1; i <= 60; i++) insert.run(`m${String(i).padStart(2, "0")}`, `Mission ${i}`, `City ${i}`);
    const app = testDispatcher(db);
    const outcome = await app.run("/leaderboard followers 7d");
    expect(outcome.status).toBe("ok");
    if (outcome.status !== "ok") return;
    const table = outcome.result.reply.elements.find((e) => e.type === "table");
    expect(table?.type === "table" && [table.rows.length, table.more]).toEqual([25, 35]);
    const page3 = await app.run("/leaderboard followers 7d page=3");
    if (page3.status !== "ok") throw new Error("page 3 failed");
    const t3 = page3.result.reply.elements.find((e) => e.type === "table");
    expect(t3?.type === "table" && [t3.rows.length, t3.more]).toEqual([10, 0]);
    expect((page3.result.data as BoardData).rows).toHaveLength(60);
  });
});
