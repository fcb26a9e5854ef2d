import { test } from "vitest";
import { tempDb } from "../../test/helpers/db.ts";
import { seedRegistry, importFixture, daysOf, postsOf } from "../../test/integration/import-helpers.ts";
import { formatImportReport } from "../../src/ingest/import-report.ts";
import { readdirSync } from "node:fs";
test("smoke", async () => {
  for (const f of readdirSync("/work/main/test/fixtures/exports")) {
    const db = tempDb();
    seedRegistry(db);
    try {
      const reps = await importFixture(db, f, f.startsWith("Views") || f.startsWith("Follows") || f.startsWith("Reach") || f.startsWith("facebook_page") ? { handle: "facebook:FreedoniaInUSA" } : f.startsWith("account_overview") ? { handle: "x:Embassy_Fr" } : f.startsWith("Totals") ? {handle: "youtube:FreedoniaEmbassyUS"} : (f.startsWith("Overview") || f.startsWith("Follower") || f.startsWith("tiktok")) ? {handle: "tiktok:freedonia_usa"} : {});
      for (const r of reps) console.log(formatImportReport(r).join("\n"));
    } catch (e) { console.log(f, "ERROR", e.code, e.message, e.hints); }
  }
});
