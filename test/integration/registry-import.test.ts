import { describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.ts";
import { addHandle, deactivateHandle, findHandle } from "../../src/db/repos/handles-repo.ts";
import { getMissionByCode } from "../../src/db/repos/missions-repo.ts";
import { parseWeekend } from "../../src/domain/weekend.ts";
import { importHandlesCsv } from "../../src/registry/handles-csv.ts";
import { importMissionsCsv, RegistryImportError } from "../../src/registry/missions-csv.ts";
import { tempDb } from "../helpers/db.ts";

const MISSION_HEADER = "code,name,kind,country,city,region,timezone,weekend,slack_channel,discord_channel";
const WASHINGTON =
  "washington,Embassy of Ruritania in Washington,embassy,USA,Washington,Americas,America/New_York,sat-sun,C0WASH,";
const RIYADH =
  "riyadh,Embassy of Ruritania in Riyadh,embassy,Saudi Arabia,Riyadh,Middle East,Asia/Riyadh,fri-sat,,";
const GENEVA =
  'geneva,"Permanent Mission of Ruritania to the UN, Geneva",permanent_mission,Switzerland,Geneva,Europe,' +
  "Europe/Zurich,sat-sun,,123456789";
const MISSIONS_CSV = [MISSION_HEADER, WASHINGTON, RIYADH, GENEVA, ""].join("\n");

const HANDLE_HEADER = "mission,platform,handle,url,external_id,verified";
const HANDLES_CSV = [
  HANDLE_HEADER,
  "washington,x,@RuritaniaUSA,https://x.com/RuritaniaUSA,12345,yes",
  "washington,facebook,RuritaniaInUSA,,,",
  "riyadh,instagram,ruritania_ksa,https://instagram.com/ruritania_ksa,,1",
  "",
].join("\n");

const KIND_EXPECTED = "expected embassy, high_commission, consulate, permanent_mission or hq";

/** Every row of the registry tables, to prove a refused file changed nothing. */
function dump(db: Db): unknown {
  const all = (table: string) => db.$client.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
  const seq = db.$client.prepare("SELECT name, seq FROM sqlite_sequence ORDER BY name").all();
  return { missions: all("missions"), handles: all("handles"), seq };
}

/** Runs an import that must be refused; checks nothing changed and returns the error. */
function rejected(db: Db, run: () => unknown): RegistryImportError {
  const before = dump(db);
  let caught: unknown;
  try {
    run();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(RegistryImportError);
  expect(dump(db)).toEqual(before);
  if (!(caught instanceof RegistryImportError)) throw new Error("unreachable");
  expect(caught.code).toBe("bad_registry_file");
  return caught;
}

function seeded(): Db {
  const db = tempDb();
  importMissionsCsv(db, MISSIONS_CSV, "missions.csv");
  return db;
}

describe("parseWeekend", () => {
  it.each([
    ["sat-sun", [6, 7]],
    ["fri-sat", [5, 6]],
    ["fri", [5]],
    ["sun", [7]],
    ["fri-sun", [5, 6, 7]],
    ["thu-fri", [4, 5]],
    ["sun-mon", [7, 1]],
    [" Sat-Sun ", [6, 7]],
  ])("%s is the days %j", (spec, days) => {
    expect(parseWeekend(spec)).toEqual(days);
  });

  it.each([
    "",
    "weekend",
    "friday",
    "sat-thu",
    "sun-sat",
    "sat-sat",
    "mon-thu",
    "sat–sun",
    "sat-sun-mon",
    "sat-",
  ])("%j is refused", (spec) => {
    expect(parseWeekend(spec)).toBeNull();
  });
});

describe("importMissionsCsv", () => {
  it("creates every mission of a good file with its values", () => {
    const db = tempDb();
    expect(importMissionsCsv(db, MISSIONS_CSV, "missions.csv")).toEqual({
      created: 3,
      updated: 0,
      unchanged: 0,
    });
    expect(getMissionByCode(db, "washington")).toMatchObject({
      code: "washington",
      name: "Embassy of Ruritania in Washington",
      kind: "embassy",
      country: "USA",
      city: "Washington",
      region: "Americas",
      timezone: "America/New_York",
      weekend: "sat-sun",
      slackChannel: "C0WASH",
      discordChannel: null,
      updatedAt: null,
    });
    expect(getMissionByCode(db, "geneva")).toMatchObject({
      name: "Permanent Mission of Ruritania to the UN, Geneva",
      kind: "permanent_mission",
      slackChannel: null,
      discordChannel: "123456789",
    });
  });

  it("finds everything unchanged when the same file is imported again", () => {
    const db = seeded();
    const before = dump(db);
    expect(importMissionsCsv(db, MISSIONS_CSV, "missions.csv")).toEqual({
      created: 0,
      updated: 0,
      unchanged: 3,
    });
    expect(dump(db)).toEqual(before);
  });

  it("updates changed missions, adds new ones and leaves missions absent from the file alone", () => {
    const db = seeded();
    const csv = [
      MISSION_HEADER,
      WASHINGTON.replace("C0WASH", "C0NEW"),
      RIYADH,
      "london,High Commission of Ruritania in London,high_commission,United Kingdom,London,Europe,Europe/London,sat-sun,,",
    ].join("\n");
    expect(importMissionsCsv(db, csv, "missions.csv")).toEqual({ created: 1, updated: 1, unchanged: 1 });
    const washington = getMissionByCode(db, "washington");
    expect(washington?.slackChannel).toBe("C0NEW");
    expect(washington?.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(getMissionByCode(db, "geneva")?.name).toBe("Permanent Mission of Ruritania to the UN, Geneva");
    expect(getMissionByCode(db, "london")?.kind).toBe("high_commission");
  });

  it("keeps stored channels when the file has no channel columns, and clears them on an empty cell", () => {
    const db = seeded();
    const noChannels = `code,name,kind,country,city,region,timezone,weekend\n${WASHINGTON.split(",").slice(0, 8).join(",")}`;
    expect(importMissionsCsv(db, noChannels, "m.csv")).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(getMissionByCode(db, "washington")?.slackChannel).toBe("C0WASH");
    const emptied = `${MISSION_HEADER}\n${WASHINGTON.replace("C0WASH", "")}`;
    expect(importMissionsCsv(db, emptied, "m.csv")).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(getMissionByCode(db, "washington")?.slackChannel).toBeNull();
  });

  it("reads a file with a BOM, CRLF, header names in any case and order, and tidies values", () => {
    const db = tempDb();
    const csv =
      "\uFEFF Weekend ,CODE,Name,Kind,Country,City,Region,TimeZone,Slack Channel,discord-channel\r\n" +
      "Fri-Sat,Riyadh,Embassy of Ruritania in Riyadh, Embassy ,Saudi Arabia,Riyadh,Middle East,asia/riyadh,,\r\n" +
      "sat-sun,london,High Commission in London,High Commission,United Kingdom,London,Europe,Europe/London,C1,\r\n";
    expect(importMissionsCsv(db, csv, "excel.csv")).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(getMissionByCode(db, "riyadh")).toMatchObject({
      code: "riyadh",
      kind: "embassy",
      timezone: "Asia/Riyadh",
      weekend: "fri-sat",
    });
    expect(getMissionByCode(db, "london")).toMatchObject({ kind: "high_commission", slackChannel: "C1" });
  });

  it("reads a semicolon-separated file (Excel in some languages)", () => {
    const db = tempDb();
    const csv = `${MISSION_HEADER.replaceAll(",", ";")}\n${RIYADH.replaceAll(",", ";")}\n`;
    expect(importMissionsCsv(db, csv, "m.csv")).toEqual({ created: 1, updated: 0, unchanged: 0 });
  });

  it("skips blank lines and counts physical lines, including lines inside quoted values", () => {
    const db = tempDb();
    const csv = [
      MISSION_HEADER,
      'washington,"Embassy of Ruritania',
      'in Washington",embassy,USA,Washington,Americas,America/New_York,sat-sun,,',
      "",
      ",,,,,,,,,",
      RIYADH.replace("embassy", "embasy"),
    ].join("\r\n");
    const err = rejected(db, () => importMissionsCsv(db, csv, "m.csv"));
    expect(err.problems).toEqual([
      { line: 6, column: "kind", message: `"embasy" is not a mission kind (${KIND_EXPECTED})` },
    ]);
    const good = csv.split("\r\n").slice(0, 5).join("\r\n");
    expect(importMissionsCsv(db, good, "m.csv")).toEqual({ created: 1, updated: 0, unchanged: 0 });
    // A line break inside a quoted name is kept on one line.
    expect(getMissionByCode(db, "washington")?.name).toBe("Embassy of Ruritania in Washington");
  });

  it("accepts quotes inside an unquoted value", () => {
    const db = tempDb();
    const csv = [
      MISSION_HEADER,
      RIYADH.replace("Embassy of Ruritania in Riyadh", 'Embassy "Al Safarat" Riyadh'),
    ].join("\n");
    expect(importMissionsCsv(db, csv, "m.csv")).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(getMissionByCode(db, "riyadh")?.name).toBe('Embassy "Al Safarat" Riyadh');
  });

  it("refuses a channel with spaces in it", () => {
    const db = tempDb();
    const csv = [MISSION_HEADER, WASHINGTON.replace("C0WASH", "washington team")].join("\n");
    expect(rejected(db, () => importMissionsCsv(db, csv, "m.csv")).problems).toEqual([
      {
        line: 2,
        column: "slack_channel",
        message:
          '"washington team" is not a channel (use the channel\'s ID, e.g. C0123ABCD, or leave the cell empty)',
      },
    ]);
  });

  it("refuses a bad kind, naming the line, the column and the accepted kinds", () => {
    const db = seeded();
    const csv = [MISSION_HEADER, WASHINGTON, RIYADH.replace("embassy", "embasy")].join("\n");
    const err = rejected(db, () => importMissionsCsv(db, csv, "missions.csv"));
    expect(err.message).toBe(
      "missions.csv was not imported (nothing was changed): 1 problem.\n" +
        `line 3: column \`kind\`: "embasy" is not a mission kind (${KIND_EXPECTED})`,
    );
    expect(err.hints).toEqual([
      "Fix the file and import it again: nothing is imported until every row is valid.",
    ]);
  });

  it("refuses a bad time zone", () => {
    const db = seeded();
    const csv = [MISSION_HEADER, WASHINGTON.replace("America/New_York", "America/New_Yrok"), RIYADH].join(
      "\n",
    );
    expect(rejected(db, () => importMissionsCsv(db, csv, "m.csv")).problems).toEqual([
      {
        line: 2,
        column: "timezone",
        message:
          '"America/New_Yrok" is not a time zone (use an IANA name such as Europe/London or America/New_York)',
      },
    ]);
    const offset = [MISSION_HEADER, RIYADH.replace("Asia/Riyadh", "+03:00")].join("\n");
    expect(rejected(db, () => importMissionsCsv(db, offset, "m.csv")).problems[0]).toMatchObject({
      line: 2,
      column: "timezone",
    });
  });

  it("refuses a bad weekend", () => {
    const db = seeded();
    const csv = [MISSION_HEADER, WASHINGTON, RIYADH.replace("fri-sat", "friday-saturday")].join("\n");
    expect(rejected(db, () => importMissionsCsv(db, csv, "m.csv")).problems).toEqual([
      {
        line: 3,
        column: "weekend",
        message:
          '"friday-saturday" is not a weekend (use one day or two or three consecutive days, ' +
          "e.g. sat-sun, fri-sat, fri, sun or fri-sun)",
      },
    ]);
  });

  it("refuses a bad code and empty required values, one problem per cell", () => {
    const db = tempDb();
    const csv = [MISSION_HEADER, "Washington DC,,embassy,USA,,Americas,America/New_York,sat-sun,,"].join(
      "\n",
    );
    expect(rejected(db, () => importMissionsCsv(db, csv, "m.csv")).problems).toEqual([
      {
        line: 2,
        column: "code",
        message:
          '"Washington DC" is not a valid code (use 2 to 41 lower-case letters, digits or hyphens, starting with ' +
          "a letter or digit, e.g. washington or new-york)",
      },
      {
        line: 2,
        column: "name",
        message: "is empty: every row needs a name, e.g. Embassy of Ruritania in Washington",
      },
      { line: 2, column: "city", message: "is empty: every row needs a city" },
    ]);
  });

  it("refuses a code that appears twice, even in another case", () => {
    const db = seeded();
    const csv = [MISSION_HEADER, WASHINGTON, RIYADH, WASHINGTON.replace("washington,", "WASHINGTON,")].join(
      "\n",
    );
    expect(rejected(db, () => importMissionsCsv(db, csv, "m.csv")).problems).toEqual([
      { line: 4, column: "code", message: '"washington" is already on line 2: each mission appears once' },
    ]);
  });

  it("refuses a file whose header misses a required column, naming it", () => {
    const db = seeded();
    const csv =
      "code,name,kind,country,city,region,weekend\nwashington,E,embassy,USA,Washington,Americas,sat-sun\n";
    const err = rejected(db, () => importMissionsCsv(db, csv, "m.csv"));
    expect(err.problems).toEqual([
      {
        line: 1,
        column: "timezone",
        message:
          "is missing from the header (expected columns: code, name, kind, country, city, region, timezone, " +
          "weekend; optional: slack_channel, discord_channel, language)",
      },
    ]);
    expect(err.message).toContain("line 1: column `timezone`: is missing from the header");
  });

  it("refuses an unknown or repeated column", () => {
    const db = tempDb();
    const csv = `${MISSION_HEADER.replace("slack_channel", "slack_chanel")},code\n${RIYADH},riyadh\n`;
    const problems = rejected(db, () => importMissionsCsv(db, csv, "m.csv")).problems;
    expect(problems.map((p) => [p.line, p.column])).toEqual([
      [1, "slack_chanel"],
      [1, "code"],
    ]);
    expect(problems[0]?.message).toMatch(/^is not a known column \(expected columns: code, name/);
    expect(problems[1]?.message).toBe("appears twice in the header");
  });

  it.each([
    ["an empty file", ""],
    ["a file with only a BOM and blank lines", "\uFEFF\r\n\r\n"],
  ])("refuses %s", (_label, csv) => {
    const db = seeded();
    expect(rejected(db, () => importMissionsCsv(db, csv, "m.csv")).problems).toEqual([
      {
        line: 1,
        message: `the file is empty: its first line should be the header ${MISSION_HEADER},language`,
      },
    ]);
  });

  it("refuses a header with no rows", () => {
    const db = tempDb();
    expect(rejected(db, () => importMissionsCsv(db, `${MISSION_HEADER}\r\n`, "m.csv")).problems).toEqual([
      { line: 2, message: "the file has a header but no rows: add one line per entry below the header" },
    ]);
  });

  it("refuses a row with more values than the header (an unquoted comma)", () => {
    const db = tempDb();
    const csv = [
      MISSION_HEADER,
      GENEVA.replace('"Permanent Mission of Ruritania to the UN, Geneva"', "PM, Geneva"),
    ].join("\n");
    const problems = rejected(db, () => importMissionsCsv(db, csv, "m.csv")).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 2 });
    expect(problems[0]?.message).toMatch(/^has 11 values but the header names 10 columns/);
  });

  it("ignores empty unnamed columns (trailing commas) but not a value under one", () => {
    const db = tempDb();
    const csv = [`${MISSION_HEADER},,`, `${RIYADH},,`, `${WASHINGTON},,oops`].join("\n");
    expect(rejected(db, () => importMissionsCsv(db, csv, "m.csv")).problems).toEqual([
      {
        line: 3,
        message:
          "has 12 values but the header names 10 columns " +
          '(put double quotes around a value that contains a comma, e.g. "Embassy of X, Geneva")',
      },
    ]);
    const trimmed = [`${MISSION_HEADER},,`, `${RIYADH},,`, `${WASHINGTON},,`].join("\n");
    expect(importMissionsCsv(db, trimmed, "m.csv")).toEqual({ created: 2, updated: 0, unchanged: 0 });
  });

  it("refuses a quote that is never closed", () => {
    const db = tempDb();
    const csv = [MISSION_HEADER, RIYADH, 'geneva,"Permanent Mission,permanent_mission', "x,y", "z"].join(
      "\r\n",
    );
    expect(rejected(db, () => importMissionsCsv(db, csv, "m.csv")).problems).toEqual([
      {
        line: 3,
        message: 'a double quote (") opens a value here but is never closed: close it, or remove it',
      },
    ]);
  });

  it("refuses a file that is not UTF-8", () => {
    const db = tempDb();
    const csv = [MISSION_HEADER, RIYADH, "sao-paulo,Consulado em S\uFFFDo Paulo,consulate"].join("\n");
    const problems = rejected(db, () => importMissionsCsv(db, csv, "m.csv")).problems;
    expect(problems).toEqual([{ line: 3, message: expect.stringMatching(/^the file is not UTF-8 text/) }]);
  });

  it("writes nothing when one row of many is bad", () => {
    const db = tempDb();
    const csv = [MISSION_HEADER, WASHINGTON, RIYADH, GENEVA.replace("Europe/Zurich", "Europe/Zurch")].join(
      "\n",
    );
    rejected(db, () => importMissionsCsv(db, csv, "m.csv"));
    expect(db.$client.prepare("SELECT count(*) AS n FROM missions").get()).toEqual({ n: 0 });
  });

  it("lists twenty problems then says how many more", () => {
    const db = tempDb();
    const rows = Array.from({ length: 25 }, (_, i) =>
      RIYADH.replace("riyadh", `m${i}`).replace("embassy", "x"),
    );
    const err = rejected(db, () => importMissionsCsv(db, [MISSION_HEADER, ...rows].join("\n"), "big.csv"));
    expect(err.problems).toHaveLength(25);
    const lines = err.message.split("\n");
    expect(lines[0]).toBe("big.csv was not imported (nothing was changed): 25 problems.");
    expect(lines).toHaveLength(22);
    expect(lines[20]).toBe(`line 21: column \`kind\`: "x" is not a mission kind (${KIND_EXPECTED})`);
    expect(lines[21]).toBe("… and 5 more");
  });
});

describe("importHandlesCsv", () => {
  it("creates handles without their @, reading verified and empty values", () => {
    const db = seeded();
    expect(importHandlesCsv(db, HANDLES_CSV, "handles.csv")).toEqual({
      created: 3,
      updated: 0,
      unchanged: 0,
    });
    const washingtonId = getMissionByCode(db, "washington")?.id;
    expect(findHandle(db, "x", "ruritaniausa")).toMatchObject({
      missionId: washingtonId,
      handle: "RuritaniaUSA",
      url: "https://x.com/RuritaniaUSA",
      externalId: "12345",
      verified: true,
      active: true,
    });
    expect(findHandle(db, "facebook", "RuritaniaInUSA")).toMatchObject({
      url: null,
      externalId: null,
      verified: false,
    });
    expect(findHandle(db, "instagram", "ruritania_ksa")?.verified).toBe(true);
  });

  it("finds everything unchanged on a second import", () => {
    const db = seeded();
    importHandlesCsv(db, HANDLES_CSV, "handles.csv");
    const before = dump(db);
    expect(importHandlesCsv(db, HANDLES_CSV, "handles.csv")).toEqual({
      created: 0,
      updated: 0,
      unchanged: 3,
    });
    expect(dump(db)).toEqual(before);
  });

  it("updates by platform and handle whatever the case, and re-activates a removed handle", () => {
    const db = seeded();
    importHandlesCsv(db, HANDLES_CSV, "handles.csv");
    const fb = findHandle(db, "facebook", "RuritaniaInUSA");
    if (!fb) throw new Error("facebook handle missing");
    deactivateHandle(db, fb.id);
    const csv = [
      "Verified,PLATFORM, Mission ,handle",
      "no,x,washington,@ruritaniausa",
      ",facebook,washington,RuritaniaInUSA",
      "true,instagram,riyadh,ruritania_ksa",
      "yes,twitter,geneva,RuritaniaUN",
    ].join("\r\n");
    expect(importHandlesCsv(db, csv, "handles.csv")).toEqual({ created: 1, updated: 2, unchanged: 1 });
    expect(findHandle(db, "x", "RuritaniaUSA")).toMatchObject({
      handle: "ruritaniausa",
      verified: false,
      url: "https://x.com/RuritaniaUSA",
      externalId: "12345",
    });
    expect(findHandle(db, "facebook", "RuritaniaInUSA")).toMatchObject({ id: fb.id, active: true });
    expect(findHandle(db, "x", "RuritaniaUN")?.missionId).toBe(getMissionByCode(db, "geneva")?.id);
  });

  it("refuses a mission that does not exist, suggesting the nearest code", () => {
    const db = seeded();
    const csv = [HANDLE_HEADER, "washingtn,x,RuritaniaUSA,,,", "paris,x,RuritaniaFR,,,"].join("\n");
    expect(rejected(db, () => importHandlesCsv(db, csv, "h.csv")).problems).toEqual([
      {
        line: 2,
        column: "mission",
        message:
          'no mission has the code "washingtn" (did you mean washington?): import the missions file first, or fix the code',
      },
      {
        line: 3,
        column: "mission",
        message: 'no mission has the code "paris": import the missions file first, or fix the code',
      },
    ]);
  });

  it("refuses a platform it does not know", () => {
    const db = seeded();
    const csv = [HANDLE_HEADER, "washington,twiter,RuritaniaUSA,,,"].join("\n");
    expect(rejected(db, () => importHandlesCsv(db, csv, "h.csv")).problems).toEqual([
      {
        line: 2,
        column: "platform",
        message:
          '"twiter" is not a platform (expected x, facebook, instagram, youtube, tiktok, linkedin, threads or telegram)',
      },
    ]);
  });

  it("refuses a handle listed twice on the same platform, whatever the case or @", () => {
    const db = seeded();
    const csv = [HANDLE_HEADER, "washington,x,RuritaniaUSA,,,", "riyadh,x,@ruritaniausa,,,"].join("\n");
    expect(rejected(db, () => importHandlesCsv(db, csv, "h.csv")).problems).toEqual([
      {
        line: 3,
        column: "handle",
        message: "x @ruritaniausa is already on line 2: each handle appears once",
      },
    ]);
  });

  it("refuses to move a handle that belongs to another mission", () => {
    const db = seeded();
    const riyadh = getMissionByCode(db, "riyadh");
    if (!riyadh) throw new Error("riyadh missing");
    addHandle(db, { missionId: riyadh.id, platform: "x", handle: "RuritaniaUSA" });
    const err = rejected(db, () => importHandlesCsv(db, HANDLES_CSV, "h.csv"));
    expect(err.problems).toEqual([
      {
        line: 2,
        column: "handle",
        message:
          "x @RuritaniaUSA belongs to mission riyadh, not washington. Moving a handle between missions is done " +
          "explicitly, not by import: remove this row or move the handle first",
      },
    ]);
  });

  it("refuses bad urls, verified values and handles", () => {
    const db = seeded();
    const csv = [
      HANDLE_HEADER,
      "washington,x,RuritaniaUSA,www.x.com/RuritaniaUSA,,maybe",
      "washington,youtube,https://youtube.com/@ruritania,,,",
      "washington,tiktok,@,ftp://example.org,,",
    ].join("\n");
    expect(rejected(db, () => importHandlesCsv(db, csv, "h.csv")).problems).toEqual([
      {
        line: 2,
        column: "url",
        message: '"www.x.com/RuritaniaUSA" is not a web address (it must start with https:// or http://)',
      },
      {
        line: 2,
        column: "verified",
        message: '"maybe" is not true or false (use true, false, yes, no, 1, 0, or leave it empty)',
      },
      {
        line: 3,
        column: "handle",
        message:
          '"https://youtube.com/@ruritania" is not an account name (write it without spaces or slashes, ' +
          "e.g. MOFA_Washington; put a link in the url column)",
      },
      {
        line: 4,
        column: "handle",
        message: "is empty: every row needs the account name, e.g. MOFA_Washington",
      },
      {
        line: 4,
        column: "url",
        message: '"ftp://example.org" is not a web address (it must start with https:// or http://)',
      },
    ]);
  });

  it("refuses a header without the platform column, and an empty file", () => {
    const db = seeded();
    expect(
      rejected(db, () => importHandlesCsv(db, "mission,handle\nwashington,x\n", "h.csv")).problems,
    ).toEqual([
      {
        line: 1,
        column: "platform",
        message:
          "is missing from the header (expected columns: mission, platform, handle; optional: url, external_id, verified)",
      },
    ]);
    expect(rejected(db, () => importHandlesCsv(db, "", "h.csv")).problems).toEqual([
      { line: 1, message: `the file is empty: its first line should be the header ${HANDLE_HEADER}` },
    ]);
  });

  it("leaves earlier good rows unwritten when a later row is bad", () => {
    const db = seeded();
    const csv = HANDLES_CSV.replace("riyadh,instagram", "riyadh,instagramm");
    const err = rejected(db, () => importHandlesCsv(db, csv, "h.csv"));
    expect(err.problems.map((p) => [p.line, p.column])).toEqual([[4, "platform"]]);
    expect(findHandle(db, "x", "RuritaniaUSA")).toBeNull();
  });
});
