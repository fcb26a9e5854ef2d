import { afterEach, describe, expect, it } from "vitest";
import { type DiscordAdapter, startDiscord } from "../../src/adapters/discord/client.ts";
import { nonceFor, refFor } from "../../src/adapters/discord/sender.ts";
import { silentLogger } from "../../src/core/logger.ts";
import { type Reply, reply } from "../../src/core/reply.ts";
import { claimForSend, getOutboxByKey } from "../../src/db/repos/outbox-repo.ts";
import { isDeliveryError } from "../../src/delivery/errors.ts";
import { enqueue } from "../../src/delivery/outbox.ts";
import { deliverDue } from "../../src/delivery/worker.ts";
import { type FakeDiscord, startFakeDiscord } from "../fakes/fake-discord.ts";
import { testDispatcher } from "../helpers/app.ts";
import { tempDb } from "../helpers/db.ts";
import { seedFixtureNetwork } from "../helpers/fixture-network.ts";

// biome-ignore lint/suspicious/noExplicitAny: payloads are JSON as Discord received them
type Json = any;

const CHANNEL = "700000000000000002";
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
const MINUTES = 60_000;

let fake: FakeDiscord | undefined;
const adapters: DiscordAdapter[] = [];

afterEach(async () => {
  if (fake) {
    expect(fake.refused).toEqual([]);
    for (const call of fake.calls.filter((c) => c.method === "POST" && /^\/channels\//.test(c.path))) {
      expect(call.body.allowed_mentions).toEqual({ parse: [] });
    }
  }
  for (const a of adapters.splice(0)) await a.stop();
  await fake?.close();
  fake = undefined;
});

function setup() {
  const db = tempDb();
  seedFixtureNetwork(db);
  return { db, t: testDispatcher(db) };
}

async function connect(t: ReturnType<typeof testDispatcher>): Promise<DiscordAdapter> {
  fake ??= await startFakeDiscord();
  const adapter = await startDiscord({
    token: fake.options.token,
    applicationId: fake.options.applicationId,
    apiUrl: fake.apiUrl,
    dispatcher: t.dispatcher,
    deps: t.deps,
    logger: silentLogger(),
  });
  adapters.push(adapter);
  return adapter;
}

function digest(title = "Weekly digest — Washington"): Reply {
  return reply(
    [
      { type: "header", text: title },
      {
        type: "text",
        text: "Followers 1,600 (+100). Ping test: @everyone <@123> <#456> <@&789> [bank](http://evil)",
      },
      { type: "fields", fields: [{ label: "Posts", value: "3" }] },
      { type: "chart", png: PNG, altText: "Followers rose from 1,500 to 1,600.", title: "Followers" },
    ],
    { ephemeral: false },
  );
}

function posts(f: FakeDiscord) {
  return f.calls.filter((c) => c.method === "POST" && c.path === `/channels/${CHANNEL}/messages`);
}

describe("the Discord sender", () => {
  it("posts a reply with its chart attached, mentions off, hostile text inert, marked with its key", async () => {
    const { t } = setup();
    const { sender } = await connect(t);
    const f = fake as FakeDiscord;
    const key = "digest:washington:2026-W48:discord";
    const { messageId } = await sender.send(CHANNEL, digest(), { key });
    const [message] = f.messages(CHANNEL);
    expect(message?.id).toBe(messageId);
    const [call] = posts(f);
    expect(call?.body).toMatchObject({
      nonce: nonceFor(key),
      enforce_nonce: true,
      allowed_mentions: { parse: [] },
      attachments: [{ id: 0, filename: "chart-1.png", description: "Followers rose from 1,500 to 1,600." }],
    });
    expect(call?.files.map((x) => [x.field, x.name, x.contentType])).toEqual([
      ["files[0]", "chart-1.png", "image/png"],
    ]);
    expect(call?.body.embeds.map((e: Json) => e.image?.url ?? null)).toEqual([
      null,
      "attachment://chart-1.png",
    ]);
    expect(call?.body.embeds.at(-1).footer.text).toBe(refFor(key));
    const text = JSON.stringify(call?.body.embeds);
    expect(text).not.toContain("@everyone");
    expect(text).not.toMatch(/(?<!\\)<[@#]/);
    expect(text).not.toMatch(/(?<!\\)\[bank\]/);
    expect(nonceFor(key)).toHaveLength(25);
  });

  it("posts once when the same key is sent twice: Discord's enforce_nonce returns the first message", async () => {
    const { t } = setup();
    const { sender } = await connect(t);
    const f = fake as FakeDiscord;
    const first = await sender.send(CHANNEL, digest(), { key: "k1" });
    const second = await sender.send(CHANNEL, digest(), { key: "k1" });
    expect(second.messageId).toBe(first.messageId);
    expect(f.messages(CHANNEL)).toHaveLength(1);
    await sender.send(CHANNEL, digest(), { key: "k2" });
    expect(f.messages(CHANNEL)).toHaveLength(2);
  });

  it("does not post twice when Discord fails after storing the message and the REST client retries", async () => {
    const { t } = setup();
    const { sender } = await connect(t);
    const f = fake as FakeDiscord;
    f.failAfterStoringOnce(502);
    const { messageId } = await sender.send(CHANNEL, digest(), { key: "k-5xx" });
    expect(posts(f).map((c) => c.status)).toEqual([502, 200]);
    expect(f.messages(CHANNEL).map((m) => m.id)).toEqual([messageId]);
  });

  it("waits out a 429 with retry_after on its route, then posts once", async () => {
    const { t } = setup();
    const { sender } = await connect(t);
    const f = fake as FakeDiscord;
    f.rateLimitOnce({ method: "POST", path: /^\/channels\/\d+\/messages$/, retryAfter: 1 });
    await sender.send(CHANNEL, digest(), { key: "k-429" });
    const [limited, retried] = posts(f);
    expect([limited?.status, retried?.status]).toEqual([429, 200]);
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(f.messages(CHANNEL)).toHaveLength(1);
  });

  it("honours a global 429 for every route", async () => {
    const { t } = setup();
    const { sender } = await connect(t);
    const f = fake as FakeDiscord;
    f.rateLimitOnce({ method: "POST", path: /^\/channels\/\d+\/messages$/, retryAfter: 1, global: true });
    await sender.send(CHANNEL, digest(), { key: "k-global" });
    const [limited, retried] = posts(f);
    expect([limited?.status, retried?.status]).toEqual([429, 200]);
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1000);
  });

  it("gives a long rate limit back to the outbox instead of waiting minutes", async () => {
    const { t } = setup();
    const { sender } = await connect(t);
    const f = fake as FakeDiscord;
    f.rateLimitOnce({ method: "POST", path: /^\/channels\/\d+\/messages$/, retryAfter: 120 });
    const err = await sender.send(CHANNEL, digest(), { key: "k-long" }).catch((e: unknown) => e);
    expect(isDeliveryError(err)).toBe(true);
    expect(err).toMatchObject({ kind: "rate_limited" });
    expect((err as { retryAfterMs: number }).retryAfterMs).toBeGreaterThanOrEqual(120_000);
    expect(f.messages(CHANNEL)).toHaveLength(0);
  });

  it("resolves channel names the bot can see, and explains channels it cannot use", async () => {
    const { t } = setup();
    const { sender } = await connect(t);
    const f = fake as FakeDiscord;
    await sender.send("#dmd-washington", digest(), { key: "k-name" });
    expect(f.messages(CHANNEL)).toHaveLength(1);
    const missing = await sender.send("#no-such-channel", digest()).catch((e: unknown) => e);
    expect(missing).toMatchObject({ kind: "permanent", code: "channel_not_found" });
    const unknown = await sender.send("700000000000000999", digest()).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ kind: "permanent", code: "discord_10003" });
    expect((unknown as { fix: string }).fix).toContain("discord_channel");
  });

  it("finds a message by its key after the nonce window, and nothing for a key never sent", async () => {
    const { t } = setup();
    const { sender } = await connect(t);
    const f = fake as FakeDiscord;
    const since = new Date(f.now());
    const { messageId } = await sender.send(CHANNEL, digest(), { key: "k-find" });
    f.advance(30 * MINUTES);
    // Past the window Discord no longer deduplicates: this is what find() is for.
    const again = await sender.send(CHANNEL, digest(), { key: "k-find" });
    expect(again.messageId).not.toBe(messageId);
    expect(await sender.find(CHANNEL, "k-find", since)).toEqual({ messageId });
    expect(await sender.find(CHANNEL, "k-never", since)).toBeNull();
    // GET never shows nonces, as on Discord.
    const list = f.calls.find((c) => c.method === "GET" && c.path === `/channels/${CHANNEL}/messages`);
    expect(list?.query).toMatchObject({ limit: "100" });
  });
});

describe("a digest in a Discord channel across a restart", () => {
  it("reaches the channel exactly once when the bot died between posting and recording it", async () => {
    const { db, t } = setup();
    const first = await connect(t);
    const f = fake as FakeDiscord;
    const key = "digest:washington:2026-W48:discord";
    const queued = new Date(f.now());
    const { id } = enqueue(
      db,
      { key, platform: "discord", channelId: CHANNEL, kind: "digest", missionId: 1, reply: digest() },
      queued,
    );
    // The worker claims the row and posts, then the process dies before recording the id.
    expect(
      claimForSend(db, id, queued.toISOString(), new Date(queued.getTime() + 2 * MINUTES).toISOString()),
    ).toBe(true);
    const posted = await first.sender.send(CHANNEL, digest(), { key });
    await first.stop();
    adapters.splice(adapters.indexOf(first), 1);

    // Back up twenty minutes later: past the lease, and past Discord's nonce window.
    f.advance(20 * MINUTES);
    const second = await connect(t);
    const now = () => new Date(f.now());
    const pass = await deliverDue(db, {
      senders: [second.sender],
      now,
      logger: silentLogger(),
      sleep: async () => {},
    });
    expect(pass.sent).toBe(1);
    expect(f.messages(CHANNEL).map((m) => m.id)).toEqual([posted.messageId]);
    const row = getOutboxByKey(db, key);
    expect(row?.status).toBe("sent");
    expect(row?.messageId).toBe(posted.messageId);

    // A later pass has nothing to do.
    const again = await deliverDue(db, {
      senders: [second.sender],
      now,
      logger: silentLogger(),
      sleep: async () => {},
    });
    expect(again.sent).toBe(0);
    expect(f.messages(CHANNEL)).toHaveLength(1);
    expect(f.identifies).toHaveLength(2);
  });

  it("delivers a fresh digest once through the outbox", async () => {
    const { db, t } = setup();
    const { sender } = await connect(t);
    const f = fake as FakeDiscord;
    const now = () => new Date(f.now());
    enqueue(
      db,
      {
        key: "digest:riyadh:2026-W48:discord",
        platform: "discord",
        channelId: CHANNEL,
        kind: "digest",
        reply: digest("Riyadh"),
      },
      now(),
    );
    const pass = await deliverDue(db, {
      senders: [sender],
      now,
      logger: silentLogger(),
      sleep: async () => {},
    });
    expect(pass.sent).toBe(1);
    expect(f.messages(CHANNEL).map((m) => m.embeds[0].title)).toEqual(["Riyadh"]);
  });
});
