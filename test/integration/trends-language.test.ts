import { describe, expect, it } from "vitest";
import type { Caller } from "../../src/core/command.ts";
import { getMissionByCode } from "../../src/db/repos/missions-repo.ts";
import { importMissionsCsv, RegistryImportError } from "../../src/registry/missions-csv.ts";
import { tempDb } from "../helpers/db.ts";
import { seedTrendNetwork, trendDeps, trendDispatcher } from "./trends-helpers.ts";

const HEADER = "code,name,kind,country,city,region,timezone,weekend,slack_channel,language";

function row(code: string, language: string): string {
  return `${code},Embassy ${code},embassy,France,Paris,Europe,Europe/Paris,sat-sun,,${language}`;
}

describe("the missions registry's optional language column", () => {
  it("stores the working language (codes folded to lower case); English or empty means English only", () => {
    const db = tempDb();
    importMissionsCsv(
      db,
      [HEADER, row("paris", "FR"), row("london", "en"), row("lima", "es"), row("oslo", "")].join("\n"),
      "m.csv",
    );
    expect(["paris", "london", "lima", "oslo"].map((c) => getMissionByCode(db, c)?.language)).toEqual([
      "fr",
      null,
      "es",
      null,
    ]);
  });

  it("refuses a language that is not a language code, saying how to write one, and changes nothing", () => {
    const db = tempDb();
    let error: unknown;
    try {
      importMissionsCsv(db, [HEADER, row("paris", "French")].join("\n"), "m.csv");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(RegistryImportError);
    expect((error as RegistryImportError).problems).toEqual([
      {
        line: 2,
        column: "language",
        message:
          '"French" is not a language code (use a two-letter ISO 639 code such as fr, ar, es or ur, or leave the cell empty for English only)',
      },
    ]);
    expect(getMissionByCode(db, "paris")).toBeNull();
  });

  it("leaves the stored language alone when a later file has no language column, and clears it on an empty cell", () => {
    const db = tempDb();
    importMissionsCsv(db, [HEADER, row("paris", "fr")].join("\n"), "m.csv");
    const withoutColumn =
      "code,name,kind,country,city,region,timezone,weekend\nparis,Embassy paris,embassy,France,Paris,Europe,Europe/Paris,sat-sun";
    importMissionsCsv(db, withoutColumn, "m2.csv");
    expect(getMissionByCode(db, "paris")?.language).toBe("fr");
    importMissionsCsv(db, [HEADER, row("paris", "")].join("\n"), "m3.csv");
    expect(getMissionByCode(db, "paris")?.language).toBeNull();
  });
});

describe("/mission language", () => {
  const OFFICER: Caller = { platform: "slack", userId: "U-ROME" };

  function setup() {
    const db = tempDb();
    seedTrendNetwork(db);
    db.$client
      .prepare(
        "INSERT INTO members (platform, user_id, role, mission_id) VALUES ('slack', 'U-ROME', 'mission_officer', (SELECT id FROM missions WHERE code = 'rome'))",
      )
      .run();
    return { db, app: trendDispatcher(trendDeps(db)) };
  }

  it("lets an officer set their own mission's language, and the next report comes in it", async () => {
    const { db, app } = setup();
    const outcome = await app.run("/mission language rome IT", OFFICER);
    if (outcome.status !== "ok") throw new Error(outcome.status);
    expect(outcome.result.reply.fallback).toBe(
      "Done: Embassy of Arcadia in Rome's trend reports come in Italian (italiano) and in English.",
    );
    expect(getMissionByCode(db, "rome")?.language).toBe("it");
    const report = await app.data<{ languages: { language: string }[] }>("/trends", OFFICER);
    expect(report.languages.map((l) => l.language)).toEqual(["it", "en"]);
    const audit = db.$client
      .prepare("SELECT details FROM audit_entries WHERE command = 'mission.language'")
      .get();
    expect(audit).toEqual({ details: JSON.stringify({ mission: "rome", from: null, to: "it" }) });
    await app.run("/mission language rome en", OFFICER);
    expect(getMissionByCode(db, "rome")?.language).toBeNull();
  });

  it("refuses another mission's language, and a code that is not a language; nothing changes", async () => {
    const { db, app } = setup();
    const other = await app.run("/mission language paris es", OFFICER);
    expect(other.status === "user_error" && other.error.message).toBe(
      "You can only set the language of your own mission. You answer for rome. Ask the SCD to change paris.",
    );
    const bad = await app.run("/mission language rome italian", OFFICER);
    expect(bad.status === "user_error" && bad.error.code).toBe("bad_language");
    expect([getMissionByCode(db, "paris")?.language, getMissionByCode(db, "rome")?.language]).toEqual([
      "fr",
      null,
    ]);
  });
});
