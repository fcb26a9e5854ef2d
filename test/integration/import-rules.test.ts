import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { isUserError, type UserError } from "../../src/core/errors.ts";
import type { Db } from "../../src/db/client.ts";
import { type ImportRequest, importFile } from "../../src/ingest/import-file.ts";
import { tempDb } from "../helpers/db.ts";
import { dumpAll, fixture, importFixture, makeZip, NOW, seedRegistry } from "./import-helpers.ts";

async function failure(
  db: Db,
  request: Partial<ImportRequest> & { fileName: string; bytes: Uint8Array },
): Promise<UserError> {
  try {
    await importFile(db, { actor: "console:local", now: NOW, ...request });
  } catch (err) {
    if (isUserError(err)) return err;
    throw err;
  }
  throw new Error("the import did not fail");
}

/** A fixture with its text changed (in its own encoding). */
function edited(
  name: string,
  from: string,
  to: string,
  encoding: "utf8" | "utf16le" | "cp1252" = "utf8",
): Buffer {
  const bytes = fixture(name);
  const text = iconv.decode(bytes, encoding, { stripBOM: false });
  if (!text.includes(from)) throw new Error(`${name} has no ${from}`);
  return iconv.encode(text.replace(from, to), encoding);
}

const A_TABLE =
  'Content,Video title,Video publish time,Duration,Views,Likes\nTotal,,,,100,10\nabc,One,"Sep 27, 2024",10,60,6\ndef,Two,"Oct 3, 2024",10,1.5K,4\n';

const BROKEN: {
  kind: string;
  fileName: string;
  bytes: () => Buffer;
  handle?: string;
  message: string;
}[] = [
  {
    kind: "X classic tweets: text in a count",
    fileName: "tweet_activity_metrics_Embassy_Fr_20250301_20250331_en.csv",
    bytes: () => edited("tweet_activity_metrics_Embassy_Fr_20250301_20250331_en.csv", '"880.0"', '"lots"'),
    message:
      'tweet_activity_metrics_Embassy_Fr_20250301_20250331_en.csv, line 5, column "impressions": expected a whole number, found "lots".',
  },
  {
    kind: "X classic daily: a month 13",
    fileName: "daily_tweet_activity_metrics_Embassy_Fr_20250301_20250303_en.csv",
    bytes: () =>
      edited("daily_tweet_activity_metrics_Embassy_Fr_20250301_20250303_en.csv", "2025-03-03", "2025-13-03"),
    message:
      'daily_tweet_activity_metrics_Embassy_Fr_20250301_20250303_en.csv, line 4, column "Date": expected a date, found "2025-13-03".',
  },
  {
    kind: "X Premium content: letters in Impressions",
    fileName: "account_analytics_content_2025-03-01_2025-03-20.csv",
    bytes: () => edited("account_analytics_content_2025-03-01_2025-03-20.csv", ",900,", ",9OO,"),
    message:
      'account_analytics_content_2025-03-01_2025-03-20.csv, line 5, column "Impressions": expected a whole number, found "9OO".',
  },
  {
    kind: "X Premium overview: 32 March",
    fileName: "account_overview_analytics.csv",
    bytes: () => edited("account_overview_analytics.csv", "Sat, Mar 22, 2025", "Sat, Mar 32, 2025"),
    handle: "x:Embassy_Fr",
    message:
      'account_overview_analytics.csv, line 4, column "Date": expected a date, found "Sat, Mar 32, 2025".',
  },
  {
    kind: "Facebook content: a word in Reactions",
    fileName: "facebook-content-mar-2025.csv",
    bytes: () => edited("facebook-content-mar-2025.csv", "45,40,5,N/A", "45,forty,5,N/A"),
    message:
      'facebook-content-mar-2025.csv, line 3, column "Reactions": expected a whole number, found "forty".',
  },
  {
    kind: "Instagram content: a bad publish time",
    fileName: "instagram-content-apr-2025.csv",
    bytes: () => edited("instagram-content-apr-2025.csv", "04/02/2025 23:30", "tomorrow"),
    message:
      'instagram-content-apr-2025.csv, line 3, column "Publish time": expected a date and time, found "tomorrow".',
  },
  {
    kind: "Meta page file (UTF-16): text in Primary",
    fileName: "Views.csv",
    bytes: () => edited("Views.csv", '"2025-08-03T00:00:00",""', '"2025-08-03T00:00:00","n.a."', "utf16le"),
    handle: "facebook:FreedoniaInUSA",
    message: 'Views.csv, line 6, column "Primary": expected a whole number, found "n.a.".',
  },
  {
    kind: "legacy Page file (Windows-1252): a bad date",
    fileName: "facebook_page_insights_2014.csv",
    bytes: () => edited("facebook_page_insights_2014.csv", "8/26/2014", "8/26/20x4", "cp1252"),
    handle: "facebook:FreedoniaInUSA",
    message: 'facebook_page_insights_2014.csv, line 5, column "Date": expected a date, found "8/26/20x4".',
  },
  {
    kind: "legacy post file: a bad Posted time",
    fileName: "legacy-posts.csv",
    bytes: () =>
      edited(
        "Facebook Insights Data Export (Post) - Embassy of Freedonia - 2016-02-20.csv",
        "02/15/2016 04:05:00 PM",
        "someday",
      ),
    message: 'legacy-posts.csv, line 4, column "Posted": expected a date and time, found "someday".',
  },
  {
    kind: "YouTube zip: 1.5K in Table data",
    fileName: "yt.zip",
    bytes: () => makeZip({ "Table data.csv": A_TABLE }),
    handle: "youtube:FreedoniaEmbassyUS",
    message: 'yt.zip › Table data.csv, line 4, column "Views": expected a whole number, found "1.5K".',
  },
  {
    kind: "TikTok overview: an unknown month",
    fileName: "Overview.csv",
    bytes: () => edited("Overview.csv", '"January 2"', '"Janvember 2"'),
    handle: "tiktok:freedonia_usa",
    message: 'Overview.csv, line 5, column "Date": expected a date, found "Janvember 2".',
  },
  {
    kind: "TikTok follower history: a fraction",
    fileName: "FollowerHistory.csv",
    bytes: () => edited("FollowerHistory.csv", '"5006"', '"5006.5"'),
    handle: "tiktok:freedonia_usa",
    message: 'FollowerHistory.csv, line 3, column "Followers": expected a whole number, found "5006.5".',
  },
  {
    kind: "TikTok content: no video link",
    fileName: "Content.csv",
    bytes: () =>
      edited("Content.csv", "https://www.tiktok.com/@freedonia_usa/video/7492232863443522054", "see profile"),
    message:
      'Content.csv, line 3, column "Video link": expected a TikTok video link (…/video/<id>), found "see profile".',
  },
  {
    kind: "a quote never closed",
    fileName: "daily_tweet_activity_metrics_Embassy_Fr_20250301_20250303_en.csv",
    bytes: () =>
      Buffer.concat([
        fixture("daily_tweet_activity_metrics_Embassy_Fr_20250301_20250303_en.csv"),
        Buffer.from('"2025-03-04","1\n'),
      ]),
    message:
      'daily_tweet_activity_metrics_Embassy_Fr_20250301_20250303_en.csv, line 5: a quoted field is never closed (a missing ").',
  },
  {
    kind: "a row cut short",
    fileName: "daily_tweet_activity_metrics_Embassy_Fr_20250301_20250303_en.csv",
    bytes: () =>
      Buffer.concat([
        fixture("daily_tweet_activity_metrics_Embassy_Fr_20250301_20250303_en.csv"),
        Buffer.from('"2025-03-04"\n'),
      ]),
    message:
      'daily_tweet_activity_metrics_Embassy_Fr_20250301_20250303_en.csv, line 5, column "Tweets published": expected a value (the row has 1 cells, the header 38), found an empty cell.',
  },
];

describe("a broken file changes nothing and says where", () => {
  for (const broken of BROKEN) {
    it(broken.kind, async () => {
      const db = tempDb();
      seedRegistry(db);
      // Some data already there, so that a partial write would show.
      await importFixture(db, "instagram-content-apr-2025.csv", { fileName: "earlier.csv" });
      const before = dumpAll(db);
      const err = await failure(db, {
        fileName: broken.fileName,
        bytes: broken.bytes(),
        handle: broken.handle,
      });
      expect(err.code).toBe("bad_import_file");
      expect(err.message).toBe(broken.message);
      expect(err.hints[0]).toMatch(/^Nothing was imported\./);
      expect(dumpAll(db)).toBe(before);
    });
  }

  it("a file that is not CSV, an empty file and a broken zip", async () => {
    const db = tempDb();
    seedRegistry(db);
    const before = dumpAll(db);
    const empty = await failure(db, { fileName: "empty.csv", bytes: new Uint8Array() });
    expect(empty).toMatchObject({ code: "bad_import_file", message: "empty.csv is empty." });
    const zip = await failure(db, {
      fileName: "broken.zip",
      bytes: Buffer.from("PK\u0003\u0004 this is not really a zip"),
    });
    expect(zip.code).toBe("bad_import_file");
    expect(zip.message).toMatch(/^broken\.zip cannot be read as a zip file: /);
    const binary = await failure(db, {
      fileName: "photo.jpg",
      bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70]),
    });
    expect(binary.code).toBe("unknown_format");
    const xlsx = await failure(db, {
      fileName: "followers.xlsx",
      bytes: makeZip({ "[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>" }),
    });
    expect(xlsx).toMatchObject({
      code: "bad_import_file",
      message: "followers.xlsx is an Excel workbook, not a CSV export.",
    });
    expect(dumpAll(db)).toBe(before);
  });
});

const ALL_FIXTURES: [string, string?][] = [
  ["tweet_activity_metrics_Embassy_Fr_20250301_20250331_en.csv"],
  ["daily_tweet_activity_metrics_Embassy_Fr_20250301_20250303_en.csv"],
  ["account_analytics_content_2025-03-01_2025-03-20.csv"],
  ["account_analytics_content_2026-08-01_2026-08-31.csv"],
  ["account_overview_analytics.csv", "x:Embassy_Fr"],
  ["facebook-content-mar-2025.csv"],
  ["facebook-content-old.csv"],
  ["instagram-content-apr-2025.csv"],
  ["Views.csv", "facebook:FreedoniaInUSA"],
  ["Follows.csv", "facebook:FreedoniaInUSA"],
  ["facebook_page_insights_2014.csv", "facebook:FreedoniaInUSA"],
  ["Facebook Insights Data Export (Post) - Embassy of Freedonia - 2016-02-20.csv"],
  ["Content 2024-10-01_2024-10-03 FreedoniaEmbassyUS.zip"],
  ["Totals-views-resaved.csv", "youtube:FreedoniaEmbassyUS"],
  ["Overview.csv", "tiktok:freedonia_usa"],
  ["Overview_es_2025-03-10.csv", "tiktok:freedonia_usa"],
  ["FollowerHistory.csv", "tiktok:freedonia_usa"],
  ["Content.csv"],
  ["tiktok_studio_2025-01-02.zip", "tiktok:freedonia_usa"],
];

describe("importing the same file again changes nothing", () => {
  it("for every fixture, and says when and by whom it was imported", async () => {
    for (const [name, handle] of ALL_FIXTURES) {
      const db = tempDb();
      seedRegistry(db);
      const first = await importFixture(db, name, { handle, actor: "slack:U1" });
      expect(first.every((r) => r.alreadyImported === undefined)).toBe(true);
      const before = dumpAll(db);
      const again = await importFixture(db, name, { handle, actor: "discord:42" });
      expect(dumpAll(db)).toBe(before);
      for (const [i, report] of again.entries()) {
        const earlier = first.find((r) => r.fileName === report.fileName);
        if (earlier?.warnings.some((w) => w.startsWith("nothing imported"))) continue;
        expect(report.alreadyImported, `${name} #${i}`).toEqual({ at: NOW.toISOString(), actor: "slack:U1" });
        expect(report).toMatchObject({ postsNew: 0, postsUpdated: 0, daysAdded: 0, daysUpdated: 0 });
      }
    }
  });

  it("the same rows in a different file (renamed, CRLF) are reported unchanged", async () => {
    const db = tempDb();
    seedRegistry(db);
    const name = "daily_tweet_activity_metrics_Embassy_Fr_20250301_20250303_en.csv";
    await importFixture(db, name);
    const before = dumpAll(db).replace(/^imports: .*$/m, "");
    const crlf = Buffer.from(fixture(name).toString("utf8").replace(/\n/g, "\r\n"));
    const [report] = await importFile(db, { fileName: name, bytes: crlf, actor: "console:local", now: NOW });
    expect(report).toMatchObject({ daysAdded: 0, daysUpdated: 0, daysUnchanged: 3 });
    expect(report?.alreadyImported).toBeUndefined();
    expect(dumpAll(db).replace(/^imports: .*$/m, "")).toBe(before);
  });
});

describe("dry run", () => {
  it("reports what would change and changes nothing", async () => {
    const db = tempDb();
    seedRegistry(db);
    const before = dumpAll(db);
    const [report] = await importFixture(db, "facebook-content-mar-2025.csv", { dryRun: true });
    expect(report).toMatchObject({ dryRun: true, postsNew: 2, rowsRead: 2 });
    expect(dumpAll(db)).toBe(before);
    const [real] = await importFixture(db, "facebook-content-mar-2025.csv");
    expect(real).toMatchObject({ dryRun: false, postsNew: 2 });
  });
});

describe("handles", () => {
  it("an unknown --handle lists close matches and changes nothing", async () => {
    const db = tempDb();
    seedRegistry(db);
    const before = dumpAll(db);
    const err = await failure(db, {
      fileName: "account_overview_analytics.csv",
      bytes: fixture("account_overview_analytics.csv"),
      handle: "x:@EmbassyFr",
    });
    expect(err.code).toBe("unknown_handle");
    expect(err.message).toBe("x:EmbassyFr is not a registered x handle.");
    expect(err.hints[0]).toBe("Did you mean x:Embassy_Fr (washington)?");
    expect(dumpAll(db)).toBe(before);
  });

  it("a handle in the file name that is not registered lists close matches", async () => {
    const db = tempDb();
    seedRegistry(db);
    const err = await failure(db, {
      fileName: "tweet_activity_metrics_Embassy_FR1_20250301_20250331_en.csv",
      bytes: fixture("tweet_activity_metrics_Embassy_Fr_20250301_20250331_en.csv"),
    });
    expect(err.code).toBe("unknown_handle");
    expect(err.message).toBe(
      'tweet_activity_metrics_Embassy_FR1_20250301_20250331_en.csv says it is from "Embassy_FR1" (the file name), which is not a registered x handle.',
    );
    expect(err.hints[0]).toBe("Did you mean x:Embassy_Fr (washington)?");
  });

  it("a file that names no account asks for --handle and lists the platform's handles", async () => {
    const db = tempDb();
    seedRegistry(db);
    const err = await failure(db, { fileName: "Overview.csv", bytes: fixture("Overview.csv") });
    expect(err.code).toBe("handle_required");
    expect(err.message).toBe(
      "Overview.csv is a TikTok Studio overview export, which does not say which account it is from: name it with --handle tiktok:<handle>.",
    );
    expect(err.hints).toEqual(["Registered tiktok handles: tiktok:freedonia_usa (washington)."]);
  });

  it("a --handle of another platform is refused", async () => {
    const db = tempDb();
    seedRegistry(db);
    const err = await failure(db, {
      fileName: "account_overview_analytics.csv",
      bytes: fixture("account_overview_analytics.csv"),
      handle: "tiktok:freedonia_usa",
    });
    expect(err.code).toBe("handle_platform_mismatch");
  });

  it("--handle wins over what the file says", async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    const [report] = await importFixture(db, "tweet_activity_metrics_Embassy_Fr_20250301_20250331_en.csv", {
      handle: "x:freedoniajp",
    });
    expect(report?.handle).toEqual({ platform: "x", handle: "FreedoniaJP", mission: "tokyo" });
    expect(db.$client.prepare("SELECT COUNT(*) AS n FROM posts WHERE handle_id = ?").get(ids.xTokyo)).toEqual(
      { n: 3 },
    );
  });
});

describe("formats", () => {
  it("a file of no known format lists the formats and --format", async () => {
    const db = tempDb();
    seedRegistry(db);
    const err = await failure(db, { fileName: "notes.csv", bytes: Buffer.from("name,colour\nAnn,blue\n") });
    expect(err.code).toBe("unknown_format");
    expect(err.message).toBe(
      "notes.csv is not an export format the importer knows (its header matched none of them).",
    );
    expect(err.hints[0]).toContain("x_tweet_activity (X tweet activity (classic export))");
    expect(err.hints[0]).toContain("tiktok_content");
    expect(err.hints[1]).toBe("If you know which one it is, name it with --format <name>.");
  });

  it("an unknown --format name is refused", async () => {
    const db = tempDb();
    const err = await failure(db, { fileName: "a.csv", bytes: Buffer.from("a,b\n"), format: "x_weekly" });
    expect(err.code).toBe("unknown_format");
  });

  it("--format reads a translated header by position, and says so", async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    const spanish =
      "Id. del post,Fecha,Texto del post,Enlace del post,Impresiones,Me gusta,Interacciones,Elementos guardados,Veces compartido,Nuevos seguidores,Respuestas,Reposts,Visitas al perfil,Ampliaciones de detalles,Clics en URL,Clics en etiquetas,Clics en enlaces permanentes\n" +
      '2094092780958769728,"Sun, Aug 30, 2026",Recepción,https://x.com/Embassy_Fr/status/2094092780958769728,"15.230",402,610,25,7,12,31,44,80,20,9,0,3\n';
    const notDetected = await failure(db, {
      fileName: "export.csv",
      bytes: Buffer.from(spanish.replace('"15.230"', "15230")),
    });
    expect(notDetected.code).toBe("unknown_format");
    const bad = await failure(db, {
      fileName: "export.csv",
      bytes: Buffer.from(spanish),
      format: "x_premium_content",
    });
    expect(bad.message).toBe(
      'export.csv, line 2, column "Impresiones": expected a whole number, found "15.230".',
    );
    const [report] = await importFile(db, {
      fileName: "export.csv",
      bytes: Buffer.from(spanish.replace('"15.230"', "15230")),
      format: "x_premium_content",
      actor: "console:local",
      now: NOW,
    });
    expect(report).toMatchObject({ format: "x_premium_content", detectedBy: "--format", postsNew: 1 });
    expect(report?.warnings).toEqual([
      "the header is not in a language the importer knows: columns were read by their position",
    ]);
    expect(
      db.$client
        .prepare("SELECT impressions, likes, comments, shares, saves FROM posts WHERE handle_id = ?")
        .get(ids.x),
    ).toEqual({
      impressions: 15230,
      likes: 402,
      comments: 31,
      shares: 44,
      saves: 25,
    });
  });

  it("a --format that does not fit the file names the missing columns", async () => {
    const db = tempDb();
    seedRegistry(db);
    const err = await failure(db, {
      fileName: "Content.csv",
      bytes: fixture("Content.csv"),
      format: "x_daily_activity",
    });
    expect(err.code).toBe("bad_import_file");
    expect(err.message).toBe(
      "Content.csv does not look like X daily activity (classic export): its header lacks Date, Tweets published, impressions.",
    );
  });

  it("reports progress in bytes up to the whole file", async () => {
    const db = tempDb();
    seedRegistry(db);
    const calls: [number, number][] = [];
    const bytes = fixture("Overview.csv");
    await importFixture(db, "Overview.csv", {
      handle: "tiktok:freedonia_usa",
      onProgress: (d, t) => calls.push([d, t]),
    });
    expect(calls.at(-1)).toEqual([bytes.length, bytes.length]);
    expect(calls.every(([d, t]) => d <= t && t === bytes.length)).toBe(true);
  });
});
