import { afterEach, describe, expect, it } from "vitest";
import { type SlackAdapter, startSlack } from "../../src/adapters/slack/app.ts";
import type { SlackImporter } from "../../src/adapters/slack/file-import.ts";
import type { Caller } from "../../src/core/command.ts";
import { silentLogger } from "../../src/core/logger.ts";
import { reply } from "../../src/core/reply.ts";
import { getMembership } from "../../src/db/repos/members-repo.ts";
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

async function start(options: { fake?: FakeSlackOptions; importer?: SlackImporter<string> } = {}) {
  const db = tempDb();
  seedFixtureNetwork(db);
  addMember(db, "U0ADMIN", "admin");
  addMember(db, "U0SCD", "scd");
  addMember(db, "U0OFF", "mission_officer", "washington");
  const t = testDispatcher(db);
  fake = await startFakeSlack(options.fake);
  adapter = await startSlack({
    botToken: fake.options.botToken,
    appToken: fake.options.appToken,
    apiUrl: fake.apiUrl,
    dispatcher: t.dispatcher,
    deps: t.deps,
    logger: silentLogger(),
    ...(options.importer ? { importer: options.importer } : {}),
  });
  return { db, t, fake, adapter };
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
    expect(fieldTexts(blocks[2])).toEqual([
      "*Followers*\n1,600",
      "*Growth*\n+100 (+10.0%)",
      "*Posts*\n3 (3.0 a week)",
      "*Interactions*\n20 (6.7 per post)",
      "*Engagement rate*\n0.4%",
      `*Rank among ${json.rank.of} missions*\nfollowers #${json.rank.followers} · growth #${json.rank.followerGrowthPct} · engagement #${json.rank.engagementRate} · posts #${json.rank.posts}`,
    ]);
    const table = blocks[3].text.text.split("\n");
    expect(table[0]).toBe("```");
    expect(table[1]).toMatch(/^Platform +Handle +Verified +Followers +Growth +Growth % +Posts/);
    expect(table[3]).toMatch(/^X +@ArcadiaInUSA +yes +1,100 +\+100 +\+10\.0% +2 /);
    expect(table[4]).toMatch(/^Facebook +@ArcadiaEmbassyUSA +no +500 +n\/a +n\/a +1 /);
    expect(blocks[4]).toMatchObject({ type: "section", text: { type: "mrkdwn" } });
    expect(blocks[4].text.text).toMatch(/^:warning: /);

    // The chart went up through the external upload flow and is referenced by its file id.
    const image = blocks.find((b) => b.type === "image");
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

  it("imports a file sent by direct message and answers with the report", async () => {
    const seen: { fileName: string; text: string; handle?: string; actor: string }[] = [];
    const importer: SlackImporter<string> = {
      async importFile(_db, input) {
        seen.push({
          fileName: input.fileName,
          text: Buffer.from(input.bytes).toString("utf8"),
          handle: input.handle,
          actor: input.actor,
        });
        return [`${input.fileName}: 2 days added`];
      },
      formatReport: (r) => [r, "Nothing skipped."],
    };
    const { fake } = await start({ importer });
    const file = fake.addFile(
      "daily_tweet_activity_metrics_ArcadiaInUSA.csv",
      '"Date","Tweets published"\n2026-11-25,1\n',
    );
    await fake.event({
      type: "message",
      subtype: "file_share",
      channel: "D0OFF",
      channel_type: "im",
      user: "U0OFF",
      text: "x:ArcadiaInUSA",
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
    });
    const call = await fake.waitForCall("chat.postMessage");
    expect(seen).toEqual([
      {
        fileName: "daily_tweet_activity_metrics_ArcadiaInUSA.csv",
        text: '"Date","Tweets published"\n2026-11-25,1\n',
        handle: "x:ArcadiaInUSA",
        actor: "slack:U0OFF",
      },
    ]);
    expect(call.params.channel).toBe("D0OFF");
    const blocks = call.params.blocks as Json[];
    expect(blocks[0].text.text).toBe("Import of daily_tweet_activity_metrics_ArcadiaInUSA.csv");
    expect(blocks[1].text.text).toBe(
      "daily_tweet_activity_metrics_ArcadiaInUSA.csv: 2 days added\nNothing skipped.",
    );
  });

  it("refuses an import from a viewer without downloading anything", async () => {
    let called = false;
    const importer: SlackImporter<string> = {
      async importFile() {
        called = true;
        return [];
      },
      formatReport: (r) => [r],
    };
    const { fake } = await start({ importer });
    const file = fake.addFile("export.csv", "a,b\n");
    await fake.event({
      type: "message",
      subtype: "file_share",
      channel: "D0VIEW",
      channel_type: "im",
      user: "U0VIEWER",
      text: "",
      ts: "1700000000.4",
      files: [
        { id: file.id, name: file.name, size: file.size, url_private_download: file.url_private_download },
      ],
    });
    const call = await fake.waitForCall("chat.postMessage");
    expect((call.params.blocks as Json[])[0].text.text).toMatch(
      /^:warning: Only mission officers, SCD staff and admins can import files/,
    );
    expect(called).toBe(false);
  });

  it("honours 429 Retry-After: the outbox sender's post succeeds on the second attempt", async () => {
    const { fake, adapter } = await start();
    fake.rateLimitOnce("chat.postMessage", 1);
    const sent = await adapter.sender.send("C0WASH", reply([{ type: "text", text: "Weekly digest" }]));
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
