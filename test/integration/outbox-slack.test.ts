import { afterEach, describe, expect, it } from "vitest";
import { createSlackSender } from "../../src/adapters/slack/sender.ts";
import { silentLogger } from "../../src/core/logger.ts";
import { reply } from "../../src/core/reply.ts";
import type { Db } from "../../src/db/client.ts";
import { claimForSend, getOutboxByKey, getOutboxRow } from "../../src/db/repos/outbox-repo.ts";
import { readStoredError } from "../../src/delivery/errors.ts";
import { deserializeReply, enqueue } from "../../src/delivery/outbox.ts";
import { createRateLimiterSet } from "../../src/delivery/rate-limit.ts";
import {
  type DeliveryOptions,
  deliverDue,
  drainOutbox,
  startOutboxWorker,
} from "../../src/delivery/worker.ts";
import { type FakeSlack, type FakeSlackOptions, startFakeSlack } from "../fakes/fake-slack.ts";
import { createManualClock, type ManualClock } from "../fakes/manual-clock.ts";
import { tempDb } from "../helpers/db.ts";

const START = "2026-11-30T09:00:00.000Z";

const CHANNELS = [
  { id: "C0WASH", name: "dmd-washington", isMember: true },
  { id: "C0KAR", name: "dmd-karachi", isMember: true },
  { id: "C0RIY", name: "dmd-riyadh", isMember: true },
  { id: "C0SAO", name: "dmd-sao-paulo", isMember: true },
  { id: "C0HQ", name: "scd", isMember: true },
  { id: "C0OLD", name: "dmd-old", isMember: true, isArchived: true },
];

let fake: FakeSlack | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

interface Setup {
  db: Db;
  fake: FakeSlack;
  clock: ManualClock;
  options: DeliveryOptions;
}

async function setup(
  fakeOptions: FakeSlackOptions = {},
  delivery: Partial<DeliveryOptions> = {},
): Promise<Setup> {
  const clock = createManualClock(START);
  fake = await startFakeSlack({ clock: clock.now, channels: CHANNELS, ...fakeOptions });
  const db = tempDb();
  const sender = createSlackSender({
    token: fake.options.botToken,
    apiUrl: fake.apiUrl,
    logger: silentLogger(),
    now: () => clock.now().getTime(),
  });
  const options: DeliveryOptions = {
    senders: [sender],
    now: clock.now,
    sleep: clock.sleep,
    logger: silentLogger(),
    random: () => 0.5,
    // One message in flight at a time: the manual clock then never runs ahead of a request.
    concurrency: 1,
    ...delivery,
  };
  return { db, fake, clock, options };
}

function queue(db: Db, clock: ManualClock, key: string, channelId: string, text = `Digest ${key}`) {
  return enqueue(
    db,
    {
      key,
      platform: "slack",
      channelId,
      kind: "digest",
      reply: reply([{ type: "text", text }], { ephemeral: false }),
    },
    clock.now(),
  );
}

const ms = (d: Date) => d.getTime() - Date.parse(START);
const posts = (f: FakeSlack) => f.callsTo("chat.postMessage");

describe("outbox delivery to Slack", () => {
  it("delivers each message once, to channel ids and names, with its key in the message metadata", async () => {
    const { db, fake, clock, options } = await setup();
    const a = queue(db, clock, "digest:washington:2026-W48:slack", "C0WASH");
    queue(db, clock, "digest:karachi:2026-W48:slack", "#dmd-karachi");
    queue(db, clock, "digest:riyadh:2026-W48:slack", "dmd-riyadh");
    const result = await drainOutbox(db, options);
    expect(result).toEqual({ sent: 3, retried: 0, failed: 0, waiting: 0 });
    expect(fake.messages.map((m) => m.channel)).toEqual(["C0WASH", "C0KAR", "C0RIY"]);
    expect(fake.messages[0]?.params.metadata).toEqual({
      event_type: "dmd_outbox",
      event_payload: { key: "digest:washington:2026-W48:slack" },
    });
    expect(getOutboxRow(db, a.id)).toMatchObject({
      status: "sent",
      attempts: 1,
      messageId: fake.messages[0]?.ts,
      sentAt: START,
    });
    // Names are resolved once (conversations.list, cached), not per message.
    expect(fake.callsTo("conversations.list")).toHaveLength(1);
    await drainOutbox(db, options);
    expect(fake.messages).toHaveLength(3);
  });

  it("posts a chart as an uploaded image, and the message still carries its key", async () => {
    const { db, fake, clock, options } = await setup();
    enqueue(
      db,
      {
        key: "digest:washington:2026-W48:slack",
        platform: "slack",
        channelId: "C0WASH",
        kind: "digest",
        reply: reply(
          [
            { type: "header", text: "Weekly digest" },
            {
              type: "chart",
              png: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
              altText: "Rising",
              title: "Followers",
            },
          ],
          { ephemeral: false },
        ),
      },
      clock.now(),
    );
    await drainOutbox(db, options);
    expect([...fake.files.values()].map((f) => [f.name, f.bytes.length, f.completed])).toEqual([
      ["chart-1.png", 4, true],
    ]);
    const blocks = fake.messages[0]?.params.blocks as { type: string }[];
    expect(blocks.map((b) => b.type)).toContain("image");
    expect(fake.messages[0]?.params.metadata).toMatchObject({
      event_payload: { key: "digest:washington:2026-W48:slack" },
    });
  });

  it("429 storm: every message delivered once, each Retry-After honoured, no attempt counted", async () => {
    const { db, fake, clock, options } = await setup();
    fake.failNext("chat.postMessage", { status: 429, retryAfter: 3 }, 6);
    for (const [i, ch] of ["C0WASH", "C0KAR", "C0RIY", "C0SAO", "C0HQ"].entries()) {
      queue(db, clock, `digest:m${i}:2026-W48:slack`, ch);
    }
    const result = await drainOutbox(db, options);
    expect(result.sent).toBe(5);
    expect(result.failed).toBe(0);
    expect(fake.messages.map((m) => m.channel).sort()).toEqual(["C0HQ", "C0KAR", "C0RIY", "C0SAO", "C0WASH"]);
    const calls = posts(fake);
    expect(calls.filter((c) => c.status === 429)).toHaveLength(6);
    for (const [i, call] of calls.entries()) {
      const next = calls[i + 1];
      if (call.status === 429 && next) expect(ms(next.at) - ms(call.at)).toBeGreaterThanOrEqual(3000);
    }
    const rows = db.$client.prepare("SELECT status, attempts FROM outbox").all();
    expect(rows).toEqual(Array(5).fill({ status: "sent", attempts: 1 }));
  });

  it("a long Retry-After is waited out across passes, not inside one", async () => {
    // The limiters live as long as the worker, across its passes.
    const { db, fake, clock, options } = await setup({}, { limiters: createRateLimiterSet() });
    fake.failNext("chat.postMessage", { status: 429, retryAfter: 30 });
    queue(db, clock, "alert:washington:1:slack", "C0WASH");
    queue(db, clock, "alert:washington:2:slack", "C0WASH");
    queue(db, clock, "digest:karachi:2026-W48:slack", "C0KAR");
    // The pass ends at once, with everything still queued.
    expect(await deliverDue(db, options)).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(ms(clock.now())).toBe(0);
    const result = await drainOutbox(db, options);
    expect(result).toMatchObject({ sent: 3, failed: 0, waiting: 0 });
    const delivered = posts(fake).filter((c) => c.status === 200);
    expect(delivered.every((c) => ms(c.at) >= 30_000)).toBe(true);
    expect(fake.messages.map((m) => m.channel).sort()).toEqual(["C0KAR", "C0WASH", "C0WASH"]);
  });

  it("5xx before and after posting: the outcome is looked up before any resend, nothing doubled", async () => {
    const { db, fake, clock, options } = await setup();
    fake.failNext("chat.postMessage", { status: 500 });
    fake.failNext("chat.postMessage", { status: 503, afterPost: true });
    queue(db, clock, "digest:washington:2026-W48:slack", "C0WASH");
    queue(db, clock, "digest:karachi:2026-W48:slack", "C0KAR");
    const result = await drainOutbox(db, options);
    expect(result.sent).toBe(2);
    expect(fake.messagesIn("C0WASH")).toHaveLength(1);
    expect(fake.messagesIn("C0KAR")).toHaveLength(1);
    // Both attempts ended without a clear answer: each was looked up once.
    const lookups = fake.callsTo("conversations.history");
    expect(lookups.map((c) => c.params.channel).sort()).toEqual(["C0KAR", "C0WASH"]);
    expect(lookups[0]?.params.include_all_metadata).toBe("true");
    // The first was not posted: sent again (2 attempts). The second was: found, not resent.
    const wash = getOutboxByKey(db, "digest:washington:2026-W48:slack");
    const kar = getOutboxByKey(db, "digest:karachi:2026-W48:slack");
    expect(wash).toMatchObject({ status: "sent", attempts: 2, messageId: fake.messagesIn("C0WASH")[0]?.ts });
    expect(kar).toMatchObject({ status: "sent", attempts: 1, messageId: fake.messagesIn("C0KAR")[0]?.ts });
    expect(posts(fake)).toHaveLength(3);
  });

  it("a crash after posting: the message is found by its key once the lease runs out, never posted twice", async () => {
    const { db, fake, clock, options } = await setup();
    const { id } = queue(db, clock, "digest:washington:2026-W48:slack", "C0WASH");
    // What a process does before it dies: claim (committed), post, and no time to record the id.
    const row = getOutboxRow(db, id);
    expect(
      claimForSend(
        db,
        id,
        clock.now().toISOString(),
        new Date(clock.now().getTime() + 120_000).toISOString(),
      ),
    ).toBe(true);
    await options.senders[0]?.send("C0WASH", deserializeReply(row?.payload ?? ""), {
      key: row?.idempotencyKey ?? "",
    });
    expect(fake.messages).toHaveLength(1);

    clock.advance(60_000);
    expect(await deliverDue(db, options)).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(fake.callsTo("conversations.history")).toHaveLength(0);

    clock.advance(61_000);
    expect(await deliverDue(db, options)).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(fake.messages).toHaveLength(1);
    expect(getOutboxRow(db, id)).toMatchObject({
      status: "sent",
      attempts: 1,
      messageId: fake.messages[0]?.ts,
    });
    expect(Number(fake.callsTo("conversations.history")[0]?.params.oldest)).toBe(
      Date.parse("2026-11-30T08:55:00Z") / 1000,
    );
  });

  it("a crash before posting: not found, so sent once", async () => {
    const { db, fake, clock, options } = await setup();
    const { id } = queue(db, clock, "digest:washington:2026-W48:slack", "C0WASH");
    claimForSend(db, id, clock.now().toISOString(), new Date(clock.now().getTime() + 120_000).toISOString());
    clock.advance(121_000);
    expect(await deliverDue(db, options)).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(fake.messages).toHaveLength(1);
    expect(fake.callsTo("conversations.history")).toHaveLength(1);
    expect(getOutboxRow(db, id)).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("permanent errors fail at once with a reason and a fix, and are never retried", async () => {
    const { db, fake, clock, options } = await setup({ strictChannels: true });
    const gone = queue(db, clock, "alert:a:2026-11-30:1:slack", "C0GONE");
    const archived = queue(db, clock, "alert:b:2026-11-30:1:slack", "C0OLD");
    const unknownName = queue(db, clock, "alert:c:2026-11-30:1:slack", "#dmd-nowhere");
    fake.setChannelError("C0KAR", "not_in_channel");
    const notIn = queue(db, clock, "alert:d:2026-11-30:1:slack", "C0KAR");
    const result = await drainOutbox(db, options);
    expect(result).toEqual({ sent: 0, retried: 0, failed: 4, waiting: 0 });
    const reason = (id: number) => readStoredError(getOutboxRow(db, id)?.lastError ?? null);
    expect(getOutboxRow(db, gone.id)?.status).toBe("failed");
    expect(reason(gone.id)).toEqual({
      code: "channel_not_found",
      reason:
        "Slack cannot find the channel C0GONE: it does not exist, or it is private and the bot was not invited.",
      fix: "Check the mission's Slack channel in the registry (slack_channel: a name like dmd-washington or an id like C0123ABCD); for a private channel, invite the bot with /invite @the Digital Media Dashboard app.",
    });
    expect(reason(archived.id)?.code).toBe("is_archived");
    expect(reason(archived.id)?.reason).toBe("The channel C0OLD is archived.");
    expect(reason(unknownName.id)?.reason).toBe(
      "There is no Slack channel named #dmd-nowhere that the bot can see (archived channels do not count).",
    );
    expect(reason(notIn.id)).toMatchObject({
      code: "not_in_channel",
      fix: "Invite it: type /invite @the Digital Media Dashboard app in C0KAR.",
    });
    expect(posts(fake)).toHaveLength(3);
    clock.advance(86_400_000);
    await drainOutbox(db, options);
    expect(posts(fake)).toHaveLength(3);
  });

  it("gives up after maxAttempts on errors that keep coming, backing off in between", async () => {
    const { db, fake, clock, options } = await setup({}, { maxAttempts: 3 });
    fake.failNext("chat.postMessage", { error: "team_is_busy" }, 3);
    const { id } = queue(db, clock, "digest:washington:2026-W48:slack", "C0WASH");
    const result = await drainOutbox(db, { ...options, maxWaitMs: 3_600_000 });
    expect(result).toMatchObject({ sent: 0, failed: 1, waiting: 0 });
    // Backoff with random 0.5: ¾ of 5 s, then ¾ of 10 s.
    expect(posts(fake).map((c) => ms(c.at))).toEqual([0, 3750, 11250]);
    expect(readStoredError(getOutboxRow(db, id)?.lastError ?? null)?.reason).toBe(
      'Gave up after 3 attempts. Last error: Slack answered "team_is_busy".',
    );
  });

  it("keeps to one message per second per channel and to the workspace limit: no 429 from Slack", async () => {
    const limits = { perChannel: { count: 1, windowMs: 1000 }, workspace: { count: 4, windowMs: 1000 } };
    const { db, fake, clock, options } = await setup(
      { limits },
      { perChannelPerSecond: 1, globalPerSecond: 4 },
    );
    for (let i = 0; i < 3; i++) queue(db, clock, `alert:washington:${i}:slack`, "C0WASH");
    for (const ch of ["C0KAR", "C0RIY", "C0SAO", "C0HQ"]) queue(db, clock, `digest:${ch}:2026-W48:slack`, ch);
    const result = await drainOutbox(db, options);
    expect(result.sent).toBe(7);
    expect(fake.rateLimitedPosts).toBe(0);
    const times = posts(fake).map((c) => [c.params.channel, ms(c.at)]);
    // Four a second across the workspace; Washington's three a second apart.
    expect(times).toEqual([
      ["C0WASH", 0],
      ["C0KAR", 0],
      ["C0RIY", 0],
      ["C0SAO", 0],
      ["C0WASH", 1000],
      ["C0HQ", 1000],
      ["C0WASH", 2000],
    ]);
  });
});

describe("startOutboxWorker", () => {
  it("delivers what is queued when kicked, and stops cleanly", async () => {
    fake = await startFakeSlack({ channels: CHANNELS });
    const db = tempDb();
    const sender = createSlackSender({
      token: fake.options.botToken,
      apiUrl: fake.apiUrl,
      logger: silentLogger(),
    });
    const worker = startOutboxWorker(db, { senders: [sender], logger: silentLogger(), intervalMs: 60_000 });
    enqueue(
      db,
      {
        key: "digest:washington:2026-W48:slack",
        platform: "slack",
        channelId: "C0WASH",
        kind: "digest",
        reply: reply([{ type: "text", text: "hi" }], { ephemeral: false }),
      },
      new Date(),
    );
    worker.kick();
    await fake.waitFor(() => fake?.messages.length === 1, "the message");
    await worker.stop();
    expect(getOutboxByKey(db, "digest:washington:2026-W48:slack")?.status).toBe("sent");
  });

  it("leaves messages of a platform without a sender in the outbox", async () => {
    const db = tempDb();
    enqueue(
      db,
      {
        key: "digest:washington:2026-W48:discord",
        platform: "discord",
        channelId: "123",
        kind: "digest",
        reply: reply([{ type: "text", text: "hi" }]),
      },
      new Date(START),
    );
    fake = await startFakeSlack();
    const sender = createSlackSender({
      token: fake.options.botToken,
      apiUrl: fake.apiUrl,
      logger: silentLogger(),
    });
    expect(await deliverDue(db, { senders: [sender], logger: silentLogger() })).toEqual({
      sent: 0,
      retried: 0,
      failed: 0,
    });
    expect(getOutboxByKey(db, "digest:washington:2026-W48:discord")?.status).toBe("pending");
  });
});
