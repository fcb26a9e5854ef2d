import { afterEach, describe, expect, it } from "vitest";
import { withPublicButton } from "../../src/adapters/shared/public-button.ts";
import { type SlackAdapter, startSlack } from "../../src/adapters/slack/app.ts";
import { renderBlocks } from "../../src/adapters/slack/render.ts";
import type { Caller } from "../../src/core/command.ts";
import type { Dispatcher } from "../../src/core/dispatch.ts";
import { createLogger, silentLogger } from "../../src/core/logger.ts";
import { reply } from "../../src/core/reply.ts";
import { listAudit } from "../../src/db/repos/audit-repo.ts";
import { getMembership } from "../../src/db/repos/members-repo.ts";
import { importFile } from "../../src/ingest/import-file.ts";
import { type FakeSlack, type FakeSlackOptions, startFakeSlack } from "../fakes/fake-slack.ts";
import { testDispatcher } from "../helpers/app.ts";
import { tempDb } from "../helpers/db.ts";
import { seedFixtureNetwork } from "../helpers/fixture-network.ts";

// biome-ignore lint/suspicious/noExplicitAny: payloads are JSON as Slack received them
type Json = any;

let fake: FakeSlack | undefined;
let adapter: SlackAdapter | undefined;

afterEach(async () => {
  await adapter?.stop();
  await fake?.close();
  adapter = undefined;
  fake = undefined;
});

function addMember(db: ReturnType<typeof tempDb>, userId: string, role: string, mission?: string) {
  db.$client
    .prepare(
      "INSERT INTO members (platform, user_id, role, mission_id) VALUES ('slack', ?, ?, (SELECT id FROM missions WHERE code = ?))",
    )
    .run(userId, role, mission ?? null);
}

async function start(options: { fake?: FakeSlackOptions } = {}) {
  const db = tempDb();
  seedFixtureNetwork(db);
  addMember(db, "U0ADMIN", "admin");
  addMember(db, "U0SCD", "scd");
  addMember(db, "U0OFF", "mission_officer", "washington");
  addMember(db, "U0KOFF", "mission_officer", "karachi");
  const t = testDispatcher(db);
  fake = await startFakeSlack(options.fake);
  adapter = await startSlack({
    botToken: fake.options.botToken,
    appToken: fake.options.appToken,
    apiUrl: fake.apiUrl,
    dispatcher: t.dispatcher,
    deps: t.deps,
    logger: silentLogger(),
    importFile,
  });
  return { db, t, fake, adapter };
}

const X_DAILY_NAME = "daily_tweet_activity_metrics_ArcadiaInUSA_20261120_20261121_en.csv";
const X_DAILY_CSV = [
  '"Date","Tweets published","impressions","engagements","engagement rate","retweets","replies","likes"',
  '"2026-11-20","1","1000","50","0.05","3","2","10"',
  '"2026-11-21","0","800","20","0.025","1","0","4"',
  "",
].join("\n");

/** A `message.im` event for a file a user shared with the bot. */
function fileShare(user: string, channel: string, file: ReturnType<FakeSlack["addFile"]>) {
  return {
    type: "message",
    subtype: "file_share",
    channel,
    channel_type: "im",
    user,
    text: "",
    ts: "1700000000.3",
    files: [
      {
        id: file.id,
        name: file.name,
        size: file.size,
        url_private: file.url_private,
        url_private_download: file.url_private_download,
      },
    ],
  };
}

function fieldTexts(block: Json): string[] {
  return block.fields.map((f: Json) => f.text);
}

describe("Slack over Socket Mode (real Bolt against the fake Slack)", () => {
  it("opens the connection through apps.connections.open on SLACK_API_URL with the app token", async () => {
    const { fake } = await start();
    const open = fake.callsTo("apps.connections.open");
    expect(open).toHaveLength(1);
    expect(open[0]?.token).toBe("xapp-fake-app-token");
  });

  it("answers /mission-stats: acked, then the reply through respond, block by block", async () => {
    const { fake, t } = await start();
    const caller: Caller = { platform: "slack", userId: "U0USER" };
    const { responseUrl, ack } = await fake.slashCommand({
      command: "/mission-stats",
      text: "washington 7d",
      userId: "U0USER",
    });
    expect(ack).toEqual({});
    const p: Json = (await fake.nextResponse(responseUrl)).payload;
    const json = await t.data<Json>("/mission-stats washington 7d", caller);
    expect(json.totals.followers).toBe(1600);

    expect(p.response_type).toBe("ephemeral");
    expect(p.text).toBe(
      "Embassy of Arcadia in Washington, last 7 days: 1,600 followers, 3 posts, engagement 0.4%",
    );
    const blocks: Json[] = p.blocks;
    expect(blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "Embassy of Arcadia in Washington — last 7 days", emoji: true },
    });
    expect(blocks[1]).toEqual({
      type: "context",
      elements: [{ type: "mrkdwn", text: "2026-11-20 to 2026-11-26 (America/New_York) · code washington" }],
    });
    // The figures are those of `dmd ask --json`: 1,600 followers, +100 (+10%), 3 posts, 20 interactions.
    expect(fieldTexts(blocks[2])).toEqual(
      expect.arrayContaining([
        "*Followers*\n1,600",
        "*Growth*\n+100 (+10.0%)",
        "*Posts*\n3 (3.0 a week)",
        "*Interactions*\n20 (6.7 per post)",
        "*Engagement rate*\n0.4%",
      ]),
    );
    // The rest is the command's own reply (what `dmd ask --json` prints), rendered: block by block.
    const own = await t.run("/mission-stats washington 7d", caller);
    if (own.status !== "ok") throw new Error("the command failed");
    const image = blocks.find((b) => b.type === "image");
    const expected = renderBlocks(withPublicButton(own.result.reply, "mission-stats washington 7d"), {
      chartFileIds: [image?.slack_file.id],
    });
    expect(blocks).toHaveLength(expected.blocks.length);
    for (const [i, block] of blocks.entries()) expect(block, `block ${i}`).toEqual(expected.blocks[i]);
    const washingtonRow = blocks
      .filter((b) => b.type === "section" && b.text?.text.startsWith("```"))
      .flatMap((b) => b.text.text.split("\n"))
      .find((l: string) => l.includes("@ArcadiaInUSA"));
    expect(washingtonRow).toMatch(/^X +@ArcadiaInUSA +yes +1,100 +\+100 +\+10\.0% /);

    // The chart went up through the external upload flow and is referenced by its file id.
    expect(fake.callsTo("files.getUploadURLExternal")).toHaveLength(1);
    expect(fake.callsTo("files.completeUploadExternal")).toHaveLength(1);
    expect(fake.callsTo("files.completeUploadExternal")[0]?.params.channel_id).toBeUndefined();
    const fileId = image.slack_file.id;
    expect([...(fake.files.get(fileId)?.bytes.subarray(0, 4) ?? [])]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(fake.files.get(fileId)?.completed).toBe(true);
    expect(image.alt_text.length).toBeGreaterThan(10);

    const actions = blocks.at(-1);
    expect(actions.type).toBe("actions");
    expect(actions.elements.map((e: Json) => [e.action_id, e.text.text, e.value, e.style])).toEqual([
      ["dmd:period:7d", "last 7 days", "/mission-stats washington 7d", "primary"],
      ["dmd:period:30d", "last 30 days", "/mission-stats washington 30d", undefined],
      ["dmd:period:90d", "last 90 days", "/mission-stats washington 90d", undefined],
      ["dmd:post-public", "Post in channel", "/mission-stats washington 7d", undefined],
    ]);
    expect(fake.responsesTo(responseUrl).every((r) => r.accepted)).toBe(true);
  });

  it("switches the period in place when a button is pressed", async () => {
    const { fake } = await start();
    const { responseUrl, ack } = await fake.blockAction({
      actionId: "dmd:period:30d",
      value: "/mission-stats washington 30d",
      isEphemeral: true,
    });
    expect(ack).toEqual({});
    const payload: Json = (await fake.nextResponse(responseUrl)).payload;
    expect(payload.replace_original).toBe(true);
    expect(payload.response_type).toBe("ephemeral");
    expect(payload.blocks[0].text.text).toBe("Embassy of Arcadia in Washington — last 30 days");
    expect(payload.blocks[1].elements[0].text).toBe(
      "2026-10-28 to 2026-11-26 (America/New_York) · code washington",
    );
    const last = payload.blocks.at(-1);
    expect(last.elements.map((e: Json) => e.action_id)).toEqual([
      "dmd:period:7d",
      "dmd:period:30d",
      "dmd:period:90d",
      "dmd:post-public",
    ]);
    expect(last.elements[3].value).toBe("/mission-stats washington 30d");
  });

  it("posts the answer for the channel with 'Post in channel' and removes the private copy", async () => {
    const { fake } = await start();
    const { responseUrl } = await fake.blockAction({
      actionId: "dmd:post-public",
      value: "/mission-stats washington 7d",
      isEphemeral: true,
    });
    await fake.nextResponse(responseUrl, 1);
    const [posted, removed] = fake.responsesTo(responseUrl).map((r) => r.payload as Json);
    expect(posted.response_type).toBe("in_channel");
    expect(posted.replace_original).toBe(false);
    expect(posted.blocks[0].text.text).toBe("Embassy of Arcadia in Washington — last 7 days");
    expect(posted.blocks.at(-1).elements.map((e: Json) => e.action_id)).toEqual([
      "dmd:period:7d",
      "dmd:period:30d",
      "dmd:period:90d",
    ]);
    expect(removed).toEqual({ delete_original: true });
  });

  it("answers a mistake only to its author, clearly, with no public button", async () => {
    const { fake } = await start();
    const { responseUrl } = await fake.slashCommand({ command: "/mission-stats", text: "atlantis" });
    const payload: Json = (await fake.nextResponse(responseUrl)).payload;
    expect(payload.response_type).toBe("ephemeral");
    expect(payload.blocks).toHaveLength(1);
    expect(payload.blocks[0].text.text).toMatch(/^:warning: .*atlantis/i);
  });

  it("turns Slack's escaped mention into slack:U… for /access grant", async () => {
    const { fake, db } = await start();
    const { responseUrl } = await fake.slashCommand({
      command: "/access",
      text: "grant <@U0BOB|bob> scd",
      userId: "U0ADMIN",
    });
    const payload: Json = (await fake.nextResponse(responseUrl)).payload;
    expect(payload.response_type).toBe("ephemeral");
    expect(getMembership(db, { platform: "slack", userId: "U0BOB" }).role).toBe("scd");
  });

  it("explains /import: files come by direct message", async () => {
    const { fake } = await start();
    const { responseUrl } = await fake.slashCommand({ command: "/import" });
    const payload: Json = (await fake.nextResponse(responseUrl)).payload;
    expect(payload.blocks[0].text.text).toBe("Importing an export file");
    expect(payload.blocks[1].text.text).toMatch(/^Send the file to me in a direct message/);
  });

  it("publishes a mission officer's App Home with their mission", async () => {
    const { fake } = await start();
    await fake.event({
      type: "app_home_opened",
      user: "U0OFF",
      channel: "D0OFF",
      tab: "home",
      event_ts: "1700000000.1",
    });
    const call = await fake.waitForCall("views.publish");
    expect(call.params.user_id).toBe("U0OFF");
    const view = call.params.view as Json;
    expect(view.type).toBe("home");
    expect(view.blocks[0].text.text).toBe("Digital Media Dashboard");
    expect(view.blocks[1].elements[0].text).toMatch(
      /^Your mission, washington · updated 27 Nov 2026, 14:00 /,
    );
    expect(
      view.blocks.some(
        (b: Json) => b.type === "header" && b.text.text === "Embassy of Arcadia in Washington — last 30 days",
      ),
    ).toBe(true);
    expect(view.blocks.some((b: Json) => b.type === "actions")).toBe(false);
  });

  it("publishes the fleet view for SCD: leaderboard and handles needing attention", async () => {
    const { fake } = await start();
    await fake.event({
      type: "app_home_opened",
      user: "U0SCD",
      channel: "D0SCD",
      tab: "home",
      event_ts: "1700000000.2",
    });
    const call = await fake.waitForCall("views.publish");
    const blocks = (call.params.view as Json).blocks as Json[];
    const headers = blocks.filter((b) => b.type === "header").map((b) => b.text.text);
    expect(headers[0]).toBe("Digital Media Dashboard");
    expect(headers[1]).toMatch(/^Followers leaderboard — /);
    // As of 2026-11-26 (yesterday at HQ), 30 days: stale = followers older than 2026-11-24.
    expect(headers[2]).toBe("Handles needing attention: 3 of 6");
    const attention =
      blocks[blocks.findIndex((b) => b.type === "header" && b.text.text.startsWith("Handles needing")) + 2];
    const lines: string[] = attention.text.text.split("\n");
    expect(lines.slice(3, -1).map((l) => l.split(/ {2,}/))).toEqual([
      ["riyadh", "instagram", "@arcadia_in_ksa", "no follower figures yet"],
      ["riyadh", "x", "@ArcadiaInKSA", "no posts recorded"],
      ["washington", "facebook", "@ArcadiaEmbassyUSA", "no follower figures since 2026-11-22; not verified"],
    ]);
  });

  it("imports an export file sent by direct message and answers with the import report", async () => {
    const { fake, db } = await start();
    const file = fake.addFile(X_DAILY_NAME, X_DAILY_CSV);
    await fake.event(fileShare("U0OFF", "D0OFF", file));
    const call = await fake.waitForCall("chat.postMessage");
    expect(call.params.channel).toBe("D0OFF");
    const blocks = call.params.blocks as Json[];
    expect(blocks[0].text.text).toBe(`Import: ${X_DAILY_NAME}`);
    const fields = fieldTexts(blocks[1]);
    expect(fields.slice(1)).toEqual([
      "*Handle*\nx:ArcadiaInUSA (washington)",
      "*Dates*\n2026-11-20 to 2026-11-21",
      "*Rows read*\n2 (0 skipped)",
      "*Days*\n2 added, 0 updated, 0 unchanged",
    ]);
    const rows = db.$client
      .prepare(
        "SELECT date, impressions, likes FROM daily_metrics WHERE handle_id = 1 AND date BETWEEN '2026-11-20' AND '2026-11-21' ORDER BY date",
      )
      .all();
    expect(rows).toEqual([
      { date: "2026-11-20", impressions: 1000, likes: 10 },
      { date: "2026-11-21", impressions: 800, likes: 4 },
    ]);
    expect(listAudit(db, { limit: 5, command: "import" }).map((a) => [a.actor, a.outcome])).toEqual([
      ["slack:U0OFF", "ok"],
    ]);
  });

  it("refuses a mission officer's file for another mission, importing nothing", async () => {
    const { fake, db } = await start();
    const file = fake.addFile(X_DAILY_NAME, X_DAILY_CSV);
    await fake.event(fileShare("U0KOFF", "D0KOFF", file));
    const call = await fake.waitForCall("chat.postMessage");
    expect((call.params.blocks as Json[])[0].text.text).toBe(
      `:warning: ${X_DAILY_NAME} is for x:ArcadiaInUSA of washington, and you answer for karachi. Nothing was imported. Send files of your own mission's handles, or ask the SCD to import this one.`,
    );
    const count = db.$client.prepare("SELECT count(*) AS n FROM daily_metrics WHERE handle_id = 1").get() as {
      n: number;
    };
    expect(count.n).toBe(2);
  });

  it("refuses an import from a viewer", async () => {
    const { fake, db } = await start();
    const file = fake.addFile(X_DAILY_NAME, X_DAILY_CSV);
    await fake.event(fileShare("U0VIEWER", "D0VIEW", file));
    const call = await fake.waitForCall("chat.postMessage");
    expect((call.params.blocks as Json[])[0].text.text).toMatch(
      /^:warning: Only mission officers, SCD staff and admins can import files/,
    );
    const count = db.$client.prepare("SELECT count(*) AS n FROM imports").get() as { n: number };
    expect(count.n).toBe(0);
  });

  it("logs a failure once with an error id, no token, and tells the user that id", async () => {
    const db = tempDb();
    const t = testDispatcher(db);
    const chunks: string[] = [];
    const logger = createLogger("debug", { write: (line: string) => chunks.push(line) });
    const broken: Dispatcher = {
      registry: t.dispatcher.registry,
      run: async () => {
        throw new Error("exploded while holding xoxb-fake-bot-token");
      },
    };
    fake = await startFakeSlack();
    adapter = await startSlack({
      botToken: fake.options.botToken,
      appToken: fake.options.appToken,
      apiUrl: fake.apiUrl,
      dispatcher: broken,
      deps: t.deps,
      logger,
    });
    const { responseUrl } = await fake.slashCommand({ command: "/whoami" });
    const payload: Json = (await fake.nextResponse(responseUrl)).payload;
    const said: string = payload.blocks[0].text.text;
    const errorId = /error id ([0-9a-f]{8})/.exec(said)?.[1];
    expect(said).toBe(
      `:warning: Sorry, something went wrong on our side (error id ${errorId}). Please try again; if it keeps happening, give this id to your administrator.`,
    );
    const log = chunks.join("");
    const failures = chunks.map((c) => JSON.parse(c)).filter((r) => r.msg === "slack handler failed");
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ errorId, where: "slash_command", command: "/whoami", part: "slack" });
    expect(failures[0].err.message).toBe("exploded while holding [redacted]");
    expect(log).not.toContain("xoxb-fake-bot-token");
    expect(log).not.toContain("xapp-fake-app-token");
  });

  it("hands a 429 back to the outbox with its Retry-After (the outbox waits, not the client); the next post succeeds", async () => {
    const { fake, adapter } = await start();
    fake.rateLimitOnce("chat.postMessage", 1);
    const digest = reply([{ type: "text", text: "Weekly digest" }]);
    await expect(adapter.sender.send("C0WASH", digest)).rejects.toMatchObject({
      name: "DeliveryError",
      kind: "rate_limited",
      retryAfterMs: 1000,
    });
    const sent = await adapter.sender.send("C0WASH", digest);
    const calls = fake.callsTo("chat.postMessage");
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(sent.messageId).toBe(fake.messages[0]?.ts);
    expect(fake.messages[0]?.channel).toBe("C0WASH");
  });

  it("sends the chart as text when Slack refuses the image block", async () => {
    const { fake, adapter } = await start({ fake: { rejectSlackFileImages: true } });
    const chart = {
      type: "chart" as const,
      png: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
      title: "Followers",
      altText: "Rising.",
      sparkline: "▁▅█",
    };
    await adapter.sender.send("C0WASH", reply([{ type: "header", text: "Digest" }, chart]));
    const calls = fake.callsTo("chat.postMessage");
    expect(calls).toHaveLength(2);
    expect(fake.messages).toHaveLength(1);
    const posted: Json = fake.messages[0]?.params.blocks;
    expect(posted[1]).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: "*Followers*\n`▁▅█`\nRising." },
    });
  });
});
