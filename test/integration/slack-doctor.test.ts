import { afterEach, describe, expect, it } from "vitest";
import { slackDoctor } from "../../src/adapters/slack/doctor.ts";
import { BOT_SCOPES } from "../../src/adapters/slack/manifest.ts";
import { type FakeSlack, type FakeSlackOptions, startFakeSlack } from "../fakes/fake-slack.ts";
import { tempDb } from "../helpers/db.ts";
import { seedFixtureNetwork } from "../helpers/fixture-network.ts";

let fake: FakeSlack | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(options: FakeSlackOptions = {}) {
  const db = tempDb();
  seedFixtureNetwork(db);
  // washington uses the name dmd-washington (from the fixture); karachi and riyadh use ids.
  db.$client.prepare("UPDATE missions SET slack_channel = ? WHERE code = ?").run("C0KARACHI", "karachi");
  db.$client.prepare("UPDATE missions SET slack_channel = ? WHERE code = ?").run("C0GONE00", "riyadh");
  fake = await startFakeSlack({
    channels: [
      { id: "C0WASH", name: "dmd-washington", isMember: true },
      { id: "C0KARACHI", name: "dmd-karachi", isMember: false },
    ],
    ...options,
  });
  return { db, fake };
}

describe("slackDoctor against the fake Slack", () => {
  it("reports each problem with its fix: a missing scope, a channel without the bot, a channel that is gone", async () => {
    const { db, fake } = await setup({ scopes: BOT_SCOPES.filter((s) => s !== "files:write") });
    const checks = await slackDoctor({
      botToken: fake.options.botToken,
      appToken: fake.options.appToken,
      apiUrl: fake.apiUrl,
      db,
    });
    expect(checks.map((c) => [c.check, c.ok])).toEqual([
      ["Slack bot token", true],
      ["Slack scopes", false],
      ["Slack app token (Socket Mode)", true],
      ["Slack channel of karachi (C0KARACHI)", false],
      ["Slack channel of riyadh (C0GONE00)", false],
      ["Slack channel of washington (dmd-washington)", true],
    ]);
    expect(checks[1]?.problem).toBe("The bot token lacks the scope: files:write.");
    expect(checks[1]?.fix).toMatch(/^Run `dmd slack manifest`/);
    expect(checks[3]?.problem).toBe("The bot is not a member of #dmd-karachi, karachi's channel.");
    expect(checks[3]?.fix).toMatch(/\/invite @dmd/);
    expect(checks[4]?.problem).toBe(
      `Mission riyadh's Slack channel "C0GONE00" does not exist (or is private and the bot is not in it).`,
    );
    expect(fake.callsTo("auth.test")[0]?.token).toBe(fake.options.botToken);
    expect(fake.callsTo("conversations.info").map((c) => c.params.channel)).toEqual([
      "C0KARACHI",
      "C0GONE00",
    ]);
    expect(fake.callsTo("conversations.list")).toHaveLength(1);
  });

  it("stops at a rejected bot token and says how to get a good one", async () => {
    const { db, fake } = await setup();
    const checks = await slackDoctor({
      botToken: "xoxb-revoked",
      apiUrl: fake.apiUrl,
      signingSecret: "s",
      db,
    });
    expect(checks).toEqual([
      {
        check: "Slack bot token",
        ok: false,
        problem: "Slack rejected SLACK_BOT_TOKEN (invalid_auth).",
        fix: "Reinstall the app to the workspace and copy the new Bot User OAuth Token into SLACK_BOT_TOKEN.",
      },
    ]);
  });

  it("flags a user token used as the bot token, and a missing connection mode", async () => {
    const { db, fake } = await setup();
    const wrong = await slackDoctor({ botToken: "xoxp-user-token", apiUrl: fake.apiUrl, db });
    expect(wrong[0]?.problem).toBe("SLACK_BOT_TOKEN does not start with xoxb-: it is not a bot token.");
    const noMode = await slackDoctor({ botToken: fake.options.botToken, apiUrl: fake.apiUrl, db });
    expect(noMode.find((c) => c.check === "Slack connection mode")?.ok).toBe(false);
    const appToken = await slackDoctor({
      botToken: fake.options.botToken,
      appToken: "xapp-wrong",
      apiUrl: fake.apiUrl,
      db,
    });
    expect(appToken.find((c) => c.check === "Slack app token (Socket Mode)")?.problem).toBe(
      "Slack refused to open a Socket Mode connection with SLACK_APP_TOKEN (invalid_auth).",
    );
  });
});
