import { it } from "vitest";
import { testDispatcher } from "../helpers/app.ts";
import { tempDb } from "../helpers/db.ts";
import { seedFixtureNetwork } from "../helpers/fixture-network.ts";
import { renderForConsole } from "../../src/adapters/console/render.ts";

it("smoke", async () => {
  const db = tempDb();
  seedFixtureNetwork(db);
  const t = testDispatcher(db);
  const show = async (line: string) => {
    const o = await t.run(line);
    console.log(">>", line, "\n", o.status === "ok" ? renderForConsole(o.result.reply, { chartDir: "/tmp", color: false }).text : o.reply.elements.map((e: any) => e.text).join("\n"));
    return o;
  };
  await show('/content new title="National Day" kind=infographic captions.en="Happy National Day to all our friends" captions_fr="Bonne fête" hashtags=#NationalDay,#Arcadia assets=https://mfa.example/nd.png targets="region:Americas" due=2026-12-05');
  await show('/content new title="X" targets="region:Atlantis;kind:palace;missions:wash" due=2026-11-01 assets=ftp://x');
  await show('/content new title="X" targets=all due=2026-12-01 kind=bad');
  await show('/content answer 1 washington shared https://x.com/ArcadiaInUSA/status/2');
  await show('/content answer 1 sao-paulo na host-country too sensitive');
  await show('/content status 1');
  await show('/content status');
  await show('/content list');
  await show('/help content new');
});
