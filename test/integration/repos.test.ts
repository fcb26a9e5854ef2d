import { describe, expect, it } from "vitest";
import { isUserError } from "../../src/core/errors.ts";
import type { Db } from "../../src/db/client.ts";
import {
  addHandle,
  deactivateHandle,
  findHandle,
  getHandleById,
  listAllActiveHandles,
  listHandles,
  moveHandle,
  setVerified,
} from "../../src/db/repos/handles-repo.ts";
import {
  countMissions,
  getMissionByCode,
  getMissionById,
  listMissions,
  listRegions,
  type MissionRow,
  resolveMission,
} from "../../src/db/repos/missions-repo.ts";
import {
  deleteSetting,
  getSetting,
  isDemoNetwork,
  namingRules,
  setSetting,
} from "../../src/db/repos/settings-repo.ts";
import { type MissionKind, missions } from "../../src/db/schema.ts";
import { tempDb } from "../helpers/db.ts";

function insertMission(
  db: Db,
  code: string,
  kind: MissionKind,
  city: string,
  country: string,
  region: string,
) {
  return db
    .insert(missions)
    .values({
      code,
      kind,
      city,
      country,
      region,
      name: `${kind === "embassy" ? "Embassy" : "Consulate General"} of Ruritania in ${city}`,
      timezone: "UTC",
      weekend: "sat-sun",
    })
    .returning()
    .get();
}

/** Six missions over three regions. */
function network(db: Db): Record<string, MissionRow> {
  const rows = [
    insertMission(db, "washington", "embassy", "Washington", "USA", "Americas"),
    insertMission(db, "new-york", "consulate", "New York", "USA", "Americas"),
    insertMission(db, "chicago", "consulate", "Chicago", "USA", "Americas"),
    insertMission(db, "paris", "embassy", "Paris", "France", "Europe"),
    insertMission(db, "lyon", "consulate", "Lyon", "France", "Europe"),
    insertMission(db, "tokyo", "embassy", "Tokyo", "Japan", "Asia-Pacific"),
  ];
  return Object.fromEntries(rows.map((r) => [r.code, r]));
}

function thrown(run: () => unknown): { code: string; message: string; hints: string[] } {
  try {
    run();
  } catch (err) {
    if (isUserError(err)) return { code: err.code, message: err.message, hints: err.hints };
    throw err;
  }
  throw new Error("expected a UserError");
}

describe("missions repo", () => {
  it("lists missions by code, filtered by region (any case) and kind", () => {
    const db = tempDb();
    network(db);
    expect(listMissions(db).map((m) => m.code)).toEqual([
      "chicago",
      "lyon",
      "new-york",
      "paris",
      "tokyo",
      "washington",
    ]);
    expect(listMissions(db, { region: "americas" }).map((m) => m.code)).toEqual([
      "chicago",
      "new-york",
      "washington",
    ]);
    expect(listMissions(db, { kind: "embassy" }).map((m) => m.code)).toEqual([
      "paris",
      "tokyo",
      "washington",
    ]);
    expect(listMissions(db, { region: "Europe", kind: "consulate" }).map((m) => m.code)).toEqual(["lyon"]);
    expect(listMissions(db, { region: "Antarctica" })).toEqual([]);
  });

  it("gets a mission by code (any case) or id, and null when there is none", () => {
    const db = tempDb();
    const all = network(db);
    expect(getMissionByCode(db, " Paris ")?.id).toBe(all.paris?.id);
    expect(getMissionByCode(db, "rome")).toBeNull();
    expect(getMissionById(db, all.tokyo?.id ?? -1)?.code).toBe("tokyo");
    expect(getMissionById(db, 9999)).toBeNull();
  });

  it("counts missions and lists the distinct regions", () => {
    const db = tempDb();
    expect(countMissions(db)).toBe(0);
    expect(listRegions(db)).toEqual([]);
    network(db);
    expect(countMissions(db)).toBe(6);
    expect(listRegions(db)).toEqual(["Americas", "Asia-Pacific", "Europe"]);
  });

  describe("resolveMission", () => {
    it("explains how to load missions when there are none", () => {
      const db = tempDb();
      expect(thrown(() => resolveMission(db, "paris"))).toEqual({
        code: "no_missions",
        message:
          "There are no missions yet: run `dmd missions import <file.csv>` or `dmd demo` to load the demo network.",
        hints: [],
      });
    });

    it("returns the mission for a code, a city or a unique prefix", () => {
      const db = tempDb();
      network(db);
      expect(resolveMission(db, "washington").code).toBe("washington");
      expect(resolveMission(db, "New York").code).toBe("new-york");
      expect(resolveMission(db, "tok").code).toBe("tokyo");
    });

    it("lists the embassy first when a country has several missions", () => {
      const db = tempDb();
      network(db);
      const err = thrown(() => resolveMission(db, "usa", "/digest"));
      expect(err.code).toBe("ambiguous_mission");
      expect(err.message).toBe(
        '"usa" matches 3 missions: washington, chicago, new-york. Say which one, e.g. /digest washington.',
      );
    });

    it("suggests close missions for a typo", () => {
      const db = tempDb();
      network(db);
      expect(thrown(() => resolveMission(db, "pariss"))).toEqual({
        code: "unknown_mission",
        message:
          'No mission matches "pariss": did you mean paris (Embassy of Ruritania in Paris)? Type /missions to see them all.',
        hints: [],
      });
    });
  });
});

describe("handles repo", () => {
  it("adds a handle without its @ and finds it whatever the case", () => {
    const db = tempDb();
    const { washington } = network(db);
    if (!washington) throw new Error("washington missing");
    const added = addHandle(db, {
      missionId: washington.id,
      platform: "x",
      handle: " @RuritaniaUSA ",
      url: null,
    });
    expect(added.status).toBe("created");
    expect(added.handle).toMatchObject({ handle: "RuritaniaUSA", active: true, verified: false, url: null });
    expect(findHandle(db, "x", "ruritaniausa")?.id).toBe(added.handle.id);
    expect(findHandle(db, "X", "@RURITANIAUSA")?.id).toBe(added.handle.id);
    expect(findHandle(db, "instagram", "RuritaniaUSA")).toBeNull();
    expect(addHandle(db, { missionId: washington.id, platform: "x", handle: "ruritaniausa" })).toEqual({
      handle: added.handle,
      status: "already_active",
    });
  });

  it("deactivates, lists with and without removed handles, and re-activates the same row", () => {
    const db = tempDb();
    const { washington } = network(db);
    if (!washington) throw new Error("washington missing");
    const x = addHandle(db, { missionId: washington.id, platform: "x", handle: "RuritaniaUSA" }).handle;
    const fb = addHandle(db, {
      missionId: washington.id,
      platform: "facebook",
      handle: "RuritaniaInUSA",
    }).handle;
    expect(listHandles(db, washington.id).map((h) => h.platform)).toEqual(["x", "facebook"]);

    expect(deactivateHandle(db, x.id)).toBe(true);
    expect(deactivateHandle(db, x.id)).toBe(false);
    expect(listHandles(db, washington.id).map((h) => h.id)).toEqual([fb.id]);
    expect(listHandles(db, washington.id, { includeInactive: true }).map((h) => h.id)).toEqual([x.id, fb.id]);

    const again = addHandle(db, {
      missionId: washington.id,
      platform: "x",
      handle: "@ruritaniausa",
      url: "https://x.com/RuritaniaUSA",
    });
    expect(again.status).toBe("reactivated");
    expect(again.handle).toMatchObject({ id: x.id, active: true, url: "https://x.com/RuritaniaUSA" });
  });

  it("refuses a handle owned by another mission, even a removed one, and moves it only explicitly", () => {
    const db = tempDb();
    const { washington, paris } = network(db);
    if (!washington || !paris) throw new Error("missions missing");
    const x = addHandle(db, { missionId: washington.id, platform: "x", handle: "RuritaniaUSA" }).handle;
    const taken = thrown(() => addHandle(db, { missionId: paris.id, platform: "x", handle: "ruritaniausa" }));
    expect(taken.code).toBe("handle_taken");
    expect(taken.message).toBe(
      "x @RuritaniaUSA already belongs to mission washington. A handle belongs to one mission: move it explicitly " +
        "if it changed hands.",
    );
    deactivateHandle(db, x.id);
    expect(
      thrown(() => addHandle(db, { missionId: paris.id, platform: "x", handle: "RuritaniaUSA" })).message,
    ).toContain("already belongs to mission washington (removed)");

    expect(moveHandle(db, x.id, paris.id)).toBe(true);
    expect(moveHandle(db, x.id, paris.id)).toBe(false);
    expect(getHandleById(db, x.id)?.missionId).toBe(paris.id);
  });

  it("refuses an empty handle", () => {
    const db = tempDb();
    const { paris } = network(db);
    expect(
      thrown(() => addHandle(db, { missionId: paris?.id ?? 0, platform: "x", handle: " @ " })).code,
    ).toBe("bad_handle");
  });

  it("sets verified and reports whether it changed", () => {
    const db = tempDb();
    const { paris } = network(db);
    const h = addHandle(db, {
      missionId: paris?.id ?? 0,
      platform: "instagram",
      handle: "ruritania_fr",
    }).handle;
    expect(setVerified(db, h.id, true)).toBe(true);
    expect(setVerified(db, h.id, true)).toBe(false);
    expect(getHandleById(db, h.id)?.verified).toBe(true);
    expect(setVerified(db, h.id, false)).toBe(true);
    expect(getHandleById(db, h.id)?.verified).toBe(false);
    expect(setVerified(db, 9999, true)).toBe(false);
  });

  it("lists every active handle with its mission's code and time zone", () => {
    const db = tempDb();
    const { washington, paris } = network(db);
    if (!washington || !paris) throw new Error("missions missing");
    addHandle(db, { missionId: washington.id, platform: "x", handle: "RuritaniaUSA" });
    const removed = addHandle(db, { missionId: washington.id, platform: "facebook", handle: "Old" }).handle;
    addHandle(db, { missionId: paris.id, platform: "instagram", handle: "ruritania_fr" });
    addHandle(db, { missionId: paris.id, platform: "facebook", handle: "RuritanieFR" });
    deactivateHandle(db, removed.id);
    expect(
      listAllActiveHandles(db).map((h) => [h.missionCode, h.missionTimezone, h.platform, h.handle, h.active]),
    ).toEqual([
      ["paris", "UTC", "facebook", "RuritanieFR", true],
      ["paris", "UTC", "instagram", "ruritania_fr", true],
      ["washington", "UTC", "x", "RuritaniaUSA", true],
    ]);
  });
});

describe("settings repo", () => {
  it("gets, sets, replaces and deletes settings", () => {
    const db = tempDb();
    expect(getSetting(db, "network")).toBeNull();
    expect(isDemoNetwork(db)).toBe(false);
    setSetting(db, "network", "demo");
    expect(getSetting(db, "network")).toBe("demo");
    expect(isDemoNetwork(db)).toBe(true);
    setSetting(db, "network", "live");
    expect(isDemoNetwork(db)).toBe(false);
    expect(deleteSetting(db, "network")).toBe(true);
    expect(deleteSetting(db, "network")).toBe(false);
    expect(getSetting(db, "network")).toBeNull();
  });

  it("reads naming rules as case-insensitive patterns, skips broken ones and lets the environment win", () => {
    const db = tempDb();
    setSetting(db, "naming.x", "^Ruritania");
    setSetting(db, "naming.instagram", "^ruritania_");
    setSetting(db, "naming.facebook", "([unclosed");
    setSetting(db, "network", "demo");
    const rules = namingRules(db, { instagram: /^mofa_/i, tiktok: /^mofa/i });
    expect(Object.keys(rules).sort()).toEqual(["instagram", "tiktok", "x"]);
    expect(rules.x?.test("RURITANIAUSA")).toBe(true);
    expect(rules.x?.test("EmbassyUSA")).toBe(false);
    expect(rules.instagram?.source).toBe("^mofa_");
    expect(rules.tiktok?.source).toBe("^mofa");
    expect(namingRules(tempDb(), {})).toEqual({});
  });
});
