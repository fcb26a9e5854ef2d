import { GatewayIntentBits } from "discord.js";
import { afterEach, describe, expect, it } from "vitest";
import { type DiscordAdapter, startDiscord } from "../../src/adapters/discord/client.ts";
import { buildApplicationCommands } from "../../src/adapters/discord/commands.ts";
import { createLogger, silentLogger } from "../../src/core/logger.ts";
import { listAudit } from "../../src/db/repos/audit-repo.ts";
import { getContentItem, getDelivery } from "../../src/db/repos/content-repo.ts";
import { contentPingReply } from "../../src/domain/content-messages.ts";
import { formatCount, formatDecimal, formatPct, formatSigned } from "../../src/domain/format.ts";
import { importFile } from "../../src/ingest/import-file.ts";
import { type FakeDiscord, type FakeInteractionState, startFakeDiscord } from "../fakes/fake-discord.ts";
import { testDispatcher } from "../helpers/app.ts";
import { tempDb } from "../helpers/db.ts";
import { seedFixtureNetwork } from "../helpers/fixture-network.ts";

// biome-ignore lint/suspicious/noExplicitAny: payloads are JSON as Discord received them
type Json = any;

const ADMIN = "100000000000000001";
const OFFICER = "100000000000000002";
const VIEWER = "100000000000000003";
const EPHEMERAL = 64;

let fake: FakeDiscord | undefined;
let adapter: DiscordAdapter | undefined;

afterEach(async () => {
  if (fake) expectNoMentionsAnywhere(fake);
  await adapter?.stop();
  await fake?.close();
  adapter = undefined;
  fake = undefined;
});

/** Every payload that carries a message switches mentions off, and Discord refused nothing. */
function expectNoMentionsAnywhere(f: FakeDiscord): void {
  expect(f.refused).toEqual([]);
  for (const call of f.calls) {
    const message =
      /\/callback$/.test(call.path) && [4, 7].includes(call.body?.type)
        ? call.body.data
        : /^\/(webhooks|channels)\//.test(call.path) && ["POST", "PATCH"].includes(call.method)
          ? call.body
          : undefined;
    if (message) expect(message.allowed_mentions, `${call.method} ${call.path}`).toEqual({ parse: [] });
  }
}

async function start(options: { deferAfterMs?: number } = {}) {
  const db = tempDb();
  seedFixtureNetwork(db);
  const member = db.$client.prepare(
    "INSERT INTO members (platform, user_id, role, mission_id) VALUES ('discord', ?, ?, (SELECT id FROM missions WHERE code = ?))",
  );
  member.run(ADMIN, "admin", null);
  member.run(OFFICER, "mission_officer", "washington");
  const t = testDispatcher(db);
  fake = await startFakeDiscord({ heartbeatIntervalMs: 100 });
  adapter = await startDiscord({
    token: fake.options.token,
    applicationId: fake.options.applicationId,
    guildId: fake.options.guildId,
    apiUrl: fake.apiUrl,
    dispatcher: t.dispatcher,
    deps: t.deps,
    importFile,
    logger: process.env.DMD_TEST_LOG ? createLogger("debug") : silentLogger(),
    ...(options.deferAfterMs === undefined ? {} : { deferAfterMs: options.deferAfterMs }),
  });
  return { db, t, fake, adapter };
}

/** Waits for the interaction's answer: the original message once it is no longer "thinking…". */
function answered(f: FakeDiscord, i: FakeInteractionState) {
  return f.waitFor(() =>
    i.original && !(i.original.flags & 128) && !i.original.deleted ? i.original : null,
  );
}

/** The embeds' text with Discord's markdown escapes undone, as a person reads it. */
function shown(embeds: Json[]): string {
  const parts: string[] = [];
  for (const e of embeds) {
    parts.push(e.title ?? "", e.description ?? "");
    for (const f of e.fields ?? []) parts.push(`${f.name}: ${f.value}`);
    parts.push(e.footer?.text ?? "");
  }
  return parts.join("\n").replace(/\\(.)/g, "$1");
}

function field(embeds: Json[], name: string): string | undefined {
  for (const e of embeds) {
    const f = (e.fields ?? []).find((x: Json) => x.name === name);
    if (f) return String(f.value).replace(/\\(.)/g, "$1");
  }
  return undefined;
}

function buttons(message: { components: Json[] }): Json[] {
  return message.components.flatMap((row: Json) => row.components);
}

describe("Discord gateway and start-up", () => {
  it("connects with v=10 JSON, identifies with the Guilds intent only, heartbeats, and registers the commands", async () => {
    const { t } = await start();
    const f = fake as FakeDiscord;
    expect(f.gatewayUrls[0]).toBe("/gateway?v=10&encoding=json");
    expect(f.identifies).toHaveLength(1);
    expect(f.identifies[0].intents).toBe(GatewayIntentBits.Guilds);
    expect(f.calls.find((c) => c.path === "/gateway/bot")?.auth).toBe(`Bot ${f.options.token}`);
    const expected = buildApplicationCommands(t.dispatcher.registry);
    const registered = f.commands.guild.get(f.options.guildId) ?? [];
    expect(registered.map((c: Json) => c.name)).toEqual(expected.map((c) => c.name));
    await f.waitFor(() => f.heartbeats >= 2);
    expect(adapter?.client.ws.ping).toBeGreaterThanOrEqual(0);
  });
});

describe("Discord gateway problems", () => {
  it("resumes its session after the gateway drops the connection, and answers again", async () => {
    await start();
    const f = fake as FakeDiscord;
    f.dropConnections(4000);
    await f.waitFor(() => f.resumes >= 1);
    expect(f.identifies).toHaveLength(1);
    const message = await answered(f, await f.slash({ name: "whoami", userId: ADMIN }));
    // The Discord user is the member the database says: here an admin.
    expect(shown(message.embeds)).toContain(`User: discord:${ADMIN}`);
    expect(shown(message.embeds)).toContain("Role: admin");
  });

  it("refuses a wrong token with a clear error", async () => {
    const db = tempDb();
    const t = testDispatcher(db);
    fake = await startFakeDiscord();
    const failure = await startDiscord({
      token: "not-the-token",
      apiUrl: fake.apiUrl,
      dispatcher: t.dispatcher,
      deps: t.deps,
      logger: silentLogger(),
    }).catch((e: unknown) => e);
    expect(String(failure)).toContain("Could not connect to Discord: An invalid token was provided.");
  });
});

describe("/mission-stats in Discord", () => {
  it("answers with embeds whose figures are the dispatcher's data, after a deferral, with the chart attached", async () => {
    const { t } = await start({ deferAfterMs: 0 });
    const f = fake as FakeDiscord;
    const data = await t.data<Json>("/mission-stats washington 7d");
    const i = await f.slash({
      name: "mission-stats",
      options: { mission: "washington", period: "7d" },
      userId: VIEWER,
    });
    const message = await answered(f, i);

    // Deferred privately first ("thinking…"), then filled in through the webhook.
    expect(i.callbacks.map((c) => c.type)).toEqual([5]);
    expect(i.callbacks[0]?.data.flags).toBe(EPHEMERAL);
    expect(message.flags & EPHEMERAL).toBe(EPHEMERAL);
    const edit = f.calls.find(
      (c) => c.method === "PATCH" && c.path.endsWith(`/${i.token}/messages/@original`),
    );
    expect(edit?.files.map((x) => x.name)).toEqual(["chart-1.png"]);
    expect(edit?.files[0]?.bytes.subarray(1, 4).toString()).toBe("PNG");
    expect(edit?.body.attachments).toEqual([
      expect.objectContaining({ id: "0", description: expect.stringContaining("Followers") }),
    ]);
    expect(edit?.body.embeds.some((e: Json) => e.image?.url === "attachment://chart-1.png")).toBe(true);

    // The figures, as METRICS.md and `dmd ask --json` give them (hand-checked in commands-mission-stats.test.ts).
    const { totals } = data;
    expect(totals.followers).toBe(1600);
    expect(field(message.embeds, "Followers")).toBe(formatCount(totals.followers));
    expect(field(message.embeds, "Followers")).toBe("1,600");
    expect(field(message.embeds, "Growth")).toBe(
      `${formatSigned(totals.followerGrowth)} (${formatPct(totals.followerGrowthPct, true)})`,
    );
    expect(field(message.embeds, "Posts")).toBe(
      `${formatCount(totals.posts)} (${formatDecimal(totals.postsPerWeek)} a week)`,
    );
    expect(field(message.embeds, "Interactions")).toBe(
      `${formatCount(totals.interactions)} (${formatDecimal(totals.interactionsPerPost)} per post)`,
    );
    expect(field(message.embeds, "Engagement rate")).toBe(formatPct(totals.engagementRate));
    expect(field(message.embeds, `Rank among ${data.rank.of} missions`)).toContain(
      `followers #${data.rank.followers}`,
    );
    const text = shown(message.embeds);
    expect(text).toContain("Embassy of Arcadia in Washington — last 7 days");
    for (const h of data.handles) expect(text).toContain(`@${h.handle}`);
    expect(text).toMatch(/X @ArcadiaInUSA\s+yes\s+1,100\s+\+100\s+\+10\.0%\s+2026-11-26/);
    expect(text).toMatch(/Facebook @ArcadiaEmbassyUSA\s+no\s+500\s+n\/a\s+n\/a\s+2026-11-22 \(stale\)/);

    // Period switches, "Other period…" and "Post in channel".
    const ids = buttons(message).map((b) => b.custom_id);
    expect(ids).toEqual([
      "dmd:r:mission-stats washington 7d",
      "dmd:r:mission-stats washington 30d",
      "dmd:r:mission-stats washington 90d",
      "dmd:a:mission-stats washington",
      "dmd:p:mission-stats mission=washington period=7d",
    ]);
  });

  it("answers at once, privately, when the answer is ready within the deferral window", async () => {
    await start({ deferAfterMs: 10_000 });
    const f = fake as FakeDiscord;
    const i = await f.slash({ name: "mission-stats", options: { mission: "São Paulo" } });
    const message = await answered(f, i);
    expect(i.callbacks.map((c) => c.type)).toEqual([4]);
    expect(i.callbacks[0]?.data.flags).toBe(EPHEMERAL);
    expect(message.embeds[0].title).toBe("Consulate General of Arcadia in São Paulo — last 30 days");
    expect(buttons(message).at(-1).custom_id).toBe('dmd:p:mission-stats mission="São Paulo"');
  });

  it("switches the period in place when a period button is pressed", async () => {
    await start();
    const f = fake as FakeDiscord;
    const first = await f.slash({ name: "mission-stats", options: { mission: "washington", period: "7d" } });
    const message = await answered(f, first);
    const press = await f.press({ message, customId: "dmd:r:mission-stats washington 30d" });
    await f.waitFor(() => (message.embeds[0]?.title?.includes("30 days") ? message : null));
    expect(press.callbacks.map((c) => c.type)).toEqual([6]);
    expect(press.original?.id).toBe(message.id);
    expect(message.embeds[0].title).toBe("Embassy of Arcadia in Washington — last 30 days");
    const primary = buttons(message).filter((b) => b.style === 1);
    expect(primary.map((b) => b.custom_id)).toEqual(["dmd:r:mission-stats washington 30d"]);
    // The new chart replaced the old one: one attachment, no leftovers.
    expect(message.attachments.map((a: Json) => a.filename)).toEqual(["chart-1.png"]);
    expect(f.messages(message.channel_id).filter((m) => !m.deleted)).toHaveLength(1);
  });

  it("asks for any other period in a form and shows it in place", async () => {
    await start();
    const f = fake as FakeDiscord;
    const message = await answered(
      f,
      await f.slash({ name: "mission-stats", options: { mission: "washington" } }),
    );
    const press = await f.press({ message, customId: "dmd:a:mission-stats washington" });
    const modal = await f.waitFor(() => press.modal);
    expect(modal.custom_id).toBe("dmd:f:mission-stats washington");
    const submit = await f.submitModal({
      customId: modal.custom_id,
      values: { period: "2026-W47" },
      message,
    });
    await f.waitFor(() => (message.embeds[0]?.title?.includes("2026-W47") ? message : null));
    expect(submit.callbacks.map((c) => c.type)).toEqual([6]);
  });

  it("posts the answer for everyone with Post in channel, and removes the private copy", async () => {
    const { t } = await start();
    const f = fake as FakeDiscord;
    const first = await f.slash({
      name: "mission-stats",
      options: { mission: "washington", period: "7d" },
      userId: VIEWER,
    });
    const message = await answered(f, first);
    const publicId = buttons(message).find((b) => b.custom_id.startsWith("dmd:p:"))?.custom_id;
    const press = await f.press({ message, customId: publicId, userId: VIEWER });
    const posted = await f.waitFor(() => press.followups[0]);
    await f.waitFor(() => message.deleted);
    expect(posted.flags & EPHEMERAL).toBe(0);
    expect(posted.embeds[0].title).toBe("Embassy of Arcadia in Washington — last 7 days");
    expect(buttons(posted).some((b) => b.custom_id.startsWith("dmd:p:"))).toBe(false);
    const data = await t.data<Json>("/mission-stats washington 7d");
    expect(field(posted.embeds, "Followers")).toBe(formatCount(data.totals.followers));
  });

  it("answers a period button on a public message privately, leaving the public one as it was", async () => {
    await start();
    const f = fake as FakeDiscord;
    const first = await f.slash({ name: "mission-stats", options: { mission: "washington", period: "7d" } });
    const message = await answered(f, first);
    const press = await f.press({ message, customId: buttons(message).at(-1).custom_id });
    const posted = await f.waitFor(() => press.followups[0]);
    const again = await f.press({
      message: posted,
      customId: "dmd:r:mission-stats washington 90d",
      userId: VIEWER,
    });
    const own = await answered(f, again);
    expect(again.callbacks.map((c) => c.type)).toEqual([5]);
    expect(own.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(own.embeds[0].title).toBe("Embassy of Arcadia in Washington — last 90 days");
    expect(posted.embeds[0].title).toBe("Embassy of Arcadia in Washington — last 7 days");
  });
});

describe("Discord problems and safety", () => {
  it("shows a user error only to the caller, escaped so nothing in it can ping or link", async () => {
    await start();
    const f = fake as FakeDiscord;
    const hostile = "@everyone <@123> [bank](http://evil)";
    const i = await f.slash({ name: "mission-stats", options: { mission: hostile } });
    const message = await answered(f, i);
    expect(i.callbacks.map((c) => c.type)).toEqual([5]);
    expect(message.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(message.embeds[0].color).toBe(0xd97706);
    const raw = JSON.stringify(message.embeds);
    expect(raw).not.toContain("@everyone");
    expect(raw).not.toMatch(/(?<!\\)<@123>/);
    expect(raw).not.toMatch(/(?<!\\)\[bank\]\(/);
    expect(shown(message.embeds)).toContain("@\u200Beveryone <@123> [bank](http://evil)");
  });

  it("refuses a button whose custom id is not a registry command, and runs nothing", async () => {
    const { db } = await start();
    const f = fake as FakeDiscord;
    const message = await answered(f, await f.slash({ name: "whoami" }));
    const before = listAudit(db, { limit: 1000 }).length;
    const press = await f.press({ message, customId: "dmd:r:rm -rf /" });
    const answer = await f.waitFor(() => press.original);
    expect(press.callbacks[0]?.type).toBe(4);
    expect(answer.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(shown(answer.embeds)).toContain("no longer works");
    expect(listAudit(db, { limit: 1000 }).length).toBe(before);
  });

  it("runs subcommands with typed options: a viewer is refused, a mission officer adds a handle", async () => {
    const { db } = await start();
    const f = fake as FakeDiscord;
    const refused = await answered(
      f,
      await f.slash({
        name: "handle",
        subcommand: "add",
        options: { mission: "washington", platform: "instagram", handle: "arcadia_usa" },
        userId: VIEWER,
      }),
    );
    expect(shown(refused.embeds)).toContain("/handle add is for mission officers");
    const ok = await answered(
      f,
      await f.slash({
        name: "handle",
        subcommand: "add",
        options: {
          mission: "Embassy of Arcadia in Washington",
          platform: "instagram",
          handle: "arcadia_usa",
        },
        userId: OFFICER,
      }),
    );
    expect(shown(ok.embeds)).toContain("arcadia_usa");
    const row = db.$client.prepare("SELECT platform FROM handles WHERE handle = 'arcadia_usa'").get() as Json;
    expect(row.platform).toBe("instagram");
    const audit = listAudit(db, { limit: 1000 }).find(
      (a) => a.command === "handle add" && a.outcome === "ok",
    );
    expect(audit?.actor).toBe(`discord:${OFFICER}`);
  });

  it("autocompletes missions from the database", async () => {
    await start();
    const f = fake as FakeDiscord;
    const a = await f.autocomplete({ name: "mission-stats", focused: "mission", value: "sao" });
    const choices = await f.waitFor(() => a.choices);
    expect(a.callbacks.map((c) => c.type)).toEqual([8]);
    expect(choices[0]).toEqual({
      name: "Consulate General of Arcadia in São Paulo (sao-paulo)",
      value: "sao-paulo",
    });
    const w = await f.autocomplete({ name: "handle", subcommand: "add", focused: "mission", value: "wash" });
    expect((await f.waitFor(() => w.choices)).map((c: Json) => c.value)).toEqual(["washington"]);
    const all = await f.autocomplete({ name: "handles", focused: "mission", value: "" });
    expect((await f.waitFor(() => all.choices)).length).toBe(5);
  });
});

describe("/import in Discord", () => {
  const NAME = "daily_tweet_activity_metrics_ArcadiaInUSA_20261120_20261121_en.csv";
  const CSV = [
    '"Date","Tweets published","impressions","engagements","engagement rate","retweets","replies","likes"',
    '"2026-11-20","1","1000","50","0.05","3","2","10"',
    '"2026-11-21","0","800","20","0.025","1","0","4"',
    "",
  ].join("\n");

  it("imports an attached export for a mission officer and answers with the report", async () => {
    const { db } = await start();
    const f = fake as FakeDiscord;
    const file = f.addAttachment(NAME, Buffer.from(CSV));
    const i = await f.slash({ name: "import", attachments: { file }, userId: OFFICER });
    const message = await answered(f, i);
    expect(i.callbacks.map((c) => c.type)).toEqual([5]);
    expect(shown(message.embeds)).toContain(`Import: ${NAME}`);
    const rows = db.$client
      .prepare(
        "SELECT date, impressions FROM daily_metrics WHERE handle_id = 1 AND impressions IS NOT NULL ORDER BY date",
      )
      .all();
    expect(rows).toEqual([
      { date: "2026-11-20", impressions: 1000 },
      { date: "2026-11-21", impressions: 800 },
    ]);
    expect(listAudit(db, { limit: 1000 }).find((a) => a.command === "import")?.actor).toBe(
      `discord:${OFFICER}`,
    );
  });

  it("refuses a viewer before downloading anything", async () => {
    await start();
    const f = fake as FakeDiscord;
    const file = f.addAttachment(NAME, Buffer.from(CSV));
    const message = await answered(
      f,
      await f.slash({ name: "import", attachments: { file }, userId: VIEWER }),
    );
    expect(shown(message.embeds)).toContain("Only mission officers, SCD staff and admins can import files");
  });
});

describe("content answers in Discord", () => {
  async function ping() {
    const env = await start();
    const { db, t } = env;
    const f = fake as FakeDiscord;
    const created = await t.data<Json>(
      '/content new title="Arcadia at 100" targets=missions:washington due=2026-12-10',
    );
    const item = getContentItem(db, created.id);
    if (!item) throw new Error("no content item");
    const reply = contentPingReply(
      item,
      { code: "washington", name: "Embassy of Arcadia in Washington", language: null },
      getDelivery(db, item.id, 1),
    );
    await adapter?.sender.send("700000000000000002", reply, { key: `content:${item.id}:washington:discord` });
    const message = f.messages("700000000000000002")[0];
    if (!message) throw new Error("ping not posted");
    return { ...env, f, message, id: created.id as number };
  }

  it("opens a form for Shared, records the answer and updates the ping in place", async () => {
    const { f, message, id, db } = await ping();
    const shared = buttons(message).find((b) => b.label === "Shared");
    expect(shared.custom_id).toBe(`dmd:c:content answer ${id} washington shared`);
    const press = await f.press({ message, customId: shared.custom_id, userId: OFFICER });
    const modal = await f.waitFor(() => press.modal);
    expect(modal.components[0].components[0]).toMatchObject({ custom_id: "links", style: 2, required: true });
    const submit = await f.submitModal({
      customId: modal.custom_id,
      values: { links: "https://x.com/ArcadiaInUSA/status/1860000000000000000" },
      message,
      userId: OFFICER,
    });
    const thanks = await f.waitFor(() => submit.followups[0]);
    expect(submit.callbacks.map((c) => c.type)).toEqual([6]);
    expect(thanks.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(shown(thanks.embeds)).toContain("Thank you");
    await f.waitFor(() => (shown(message.embeds).includes("Shared, said on") ? message : null));
    expect(message.flags & EPHEMERAL).toBe(0);
    expect(getDelivery(db, id, 1)?.state).toBe("claimed");
  });

  it("autocompletes content items by number or title", async () => {
    const { f, id } = await ping();
    const a = await f.autocomplete({
      name: "content",
      subcommand: "answer",
      focused: "id",
      value: "arcadia",
    });
    expect(await f.waitFor(() => a.choices)).toEqual([
      { name: `#${id} Arcadia at 100 (due 2026-12-10)`, value: String(id) },
    ]);
  });

  it("refuses an answer from someone who does not answer for the mission, and leaves the ping alone", async () => {
    const { f, message, id, db } = await ping();
    const before = JSON.stringify(message.embeds);
    const modalId = `dmd:d:content answer ${id} washington will`;
    const submit = await f.submitModal({
      customId: modalId,
      values: { date: "2026-12-05" },
      message,
      userId: VIEWER,
    });
    const refusal = await f.waitFor(() => submit.followups[0]);
    expect(refusal.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(shown(refusal.embeds)).toContain("mission officers");
    expect(JSON.stringify(message.embeds)).toBe(before);
    expect(getDelivery(db, id, 1)?.state).toBe("pending");
  });
});
