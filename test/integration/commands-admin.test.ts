import { describe, expect, it } from "vitest";
import type { Caller } from "../../src/core/command.ts";
import { testDispatcher } from "../helpers/app.ts";
import { tempDb } from "../helpers/db.ts";
import { seedFixtureNetwork } from "../helpers/fixture-network.ts";

const viewer: Caller = { platform: "slack", userId: "UVIEWER" };
const officer: Caller = { platform: "slack", userId: "UOFFICER" };

function setup() {
  const db = tempDb();
  seedFixtureNetwork(db);
  return { db, app: testDispatcher(db) };
}

function handleCount(db: ReturnType<typeof tempDb>): number {
  return (db.$client.prepare("SELECT count(*) AS n FROM handles WHERE active = 1").get() as { n: number }).n;
}

function audit(db: ReturnType<typeof tempDb>) {
  return db.$client.prepare("SELECT actor, command, outcome FROM audit_entries ORDER BY id").all() as {
    actor: string;
    command: string;
    outcome: string;
  }[];
}

describe("handle and access administration", () => {
  it("denies a viewer's /handle add, changes nothing, and audits the attempt", async () => {
    const { db, app } = setup();
    const before = handleCount(db);
    const outcome = await app.run("/handle add washington tiktok arcadiainusa", viewer);
    expect(outcome.status).toBe("user_error");
    if (outcome.status === "user_error") expect(outcome.error.code).toBe("forbidden");
    expect(handleCount(db)).toBe(before);
    expect(audit(db)).toContainEqual({ actor: "slack:UVIEWER", command: "handle add", outcome: "denied" });
  });

  it("lets an officer manage only their own mission's handles", async () => {
    const { db, app } = setup();
    await app.data("/access grant slack:UOFFICER mission_officer washington");
    const own = await app.data<{ status: string }>("/handle add washington tiktok @ArcadiaInUSA_tt", officer);
    expect(own.status).toBe("created");
    const other = await app.run("/handle add riyadh tiktok arcadia_ksa_tt", officer);
    expect(other.status).toBe("user_error");
    if (other.status === "user_error") expect(other.error.code).toBe("forbidden");
    const handles = await app.data<{ handles: { platform: string; handle: string }[] }>(
      "/handles washington",
      officer,
    );
    expect(handles.handles.map((h) => `${h.platform}:${h.handle}`)).toContain("tiktok:ArcadiaInUSA_tt");
    expect(
      audit(db)
        .filter((a) => a.command === "handle add")
        .map((a) => a.outcome),
    ).toEqual(["ok", "denied"]);
  });

  it("removes a handle without losing its history, and brings it back", async () => {
    const { db, app } = setup();
    await app.data("/handle remove washington facebook ArcadiaEmbassyUSA");
    const after = await app.data<{ handles: unknown[] }>(
      "/mission-stats washington 7d",
      undefined,
      "2026-11-26",
    );
    expect(after.handles).toHaveLength(1);
    const kept = db.$client.prepare("SELECT count(*) AS n FROM daily_metrics WHERE handle_id = 2").get() as {
      n: number;
    };
    expect(kept.n).toBe(1);
    const back = await app.data<{ status: string }>("/handle add washington facebook ArcadiaEmbassyUSA");
    expect(back.status).toBe("reactivated");
  });

  it("records and clears the verification badge", async () => {
    const { app } = setup();
    await app.data("/handle verify washington facebook ArcadiaEmbassyUSA");
    let handles = await app.data<{ handles: { platform: string; verified: boolean }[] }>(
      "/handles washington",
    );
    expect(handles.handles.find((h) => h.platform === "facebook")?.verified).toBe(true);
    await app.data("/handle verify washington facebook ArcadiaEmbassyUSA no");
    handles = await app.data("/handles washington");
    expect(handles.handles.find((h) => h.platform === "facebook")?.verified).toBe(false);
  });

  it("grants and revokes roles; only admins may", async () => {
    const { db, app } = setup();
    const denied = await app.run("/access grant slack:UOTHER admin", viewer);
    expect(denied.status).toBe("user_error");
    await app.data("/access grant slack:USCD scd");
    const who = await app.data<{ role: string }>("/whoami", { platform: "slack", userId: "USCD" });
    expect(who.role).toBe("scd");
    const needsMission = await app.run("/access grant slack:UX mission_officer");
    expect(needsMission.status).toBe("user_error");
    await app.data("/access revoke slack:USCD");
    const after = await app.data<{ role: string }>("/whoami", { platform: "slack", userId: "USCD" });
    expect(after.role).toBe("viewer");
    expect(audit(db).map((a) => `${a.command}:${a.outcome}`)).toEqual(
      expect.arrayContaining(["access grant:denied", "access grant:ok", "access revoke:ok"]),
    );
  });

  it("flags handles that break the naming standard, are unverified, inactive or stale", async () => {
    const { app } = setup();
    const data = await app.data<{ handles: { platform: string; warnings: string[] }[] }>(
      "/handles washington",
      undefined,
      "2026-11-26",
    );
    // With no naming rule configured, the facebook handle is flagged for its badge and its stale data only.
    const fb = data.handles.find((h) => h.platform === "facebook");
    expect(fb?.warnings.join(" | ")).toMatch(/not verified/);
    expect(fb?.warnings.join(" | ")).toMatch(/stale data: last reading 2026-11-22/);
    const named = testDispatcher(tempDbWithFixture(), { env: { DMD_HANDLE_NAMING: "facebook=^ArcadiaIn" } });
    const flagged = await named.data<{ handles: { platform: string; warnings: string[] }[] }>(
      "/handles washington",
      undefined,
      "2026-11-26",
    );
    expect(flagged.handles.find((h) => h.platform === "facebook")?.warnings[0]).toContain("naming standard");
    expect(flagged.handles.find((h) => h.platform === "x")?.warnings).toEqual([]);
  });
});

function tempDbWithFixture() {
  const db = tempDb();
  seedFixtureNetwork(db);
  return db;
}
