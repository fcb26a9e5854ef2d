import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { type SlackAdapter, startSlack } from "../../src/adapters/slack/app.ts";
import type { Dispatcher } from "../../src/core/dispatch.ts";
import { silentLogger } from "../../src/core/logger.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/fake-slack.ts";
import { testDispatcher } from "../helpers/app.ts";
import { tempDb } from "../helpers/db.ts";
import { seedFixtureNetwork } from "../helpers/fixture-network.ts";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

let fake: FakeSlack | undefined;
let adapter: SlackAdapter | undefined;

afterEach(async () => {
  await adapter?.stop();
  await fake?.close();
  adapter = undefined;
  fake = undefined;
});

async function start() {
  const db = tempDb();
  seedFixtureNetwork(db);
  const t = testDispatcher(db);
  const lines: string[] = [];
  // The real dispatcher, watched: a rejected request must never reach it.
  const dispatcher: Dispatcher = {
    registry: t.dispatcher.registry,
    run: (request) => {
      lines.push(request.text);
      return t.dispatcher.run(request);
    },
  };
  fake = await startFakeSlack();
  adapter = await startSlack({
    botToken: fake.options.botToken,
    signingSecret: SECRET,
    port: 0,
    apiUrl: fake.apiUrl,
    dispatcher,
    deps: t.deps,
    logger: silentLogger(),
  });
  return { fake, adapter, lines, url: `http://127.0.0.1:${adapter.port}/slack/events` };
}

function sign(body: string, timestamp: number, secret = SECRET): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

async function post(
  url: string,
  body: string,
  headers: { timestamp: number; signature: string; json?: boolean },
) {
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": headers.json ? "application/json" : "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(headers.timestamp),
      "x-slack-signature": headers.signature,
    },
    body,
  });
}

function slashBody(fake: FakeSlack, text: string) {
  const { responseUrl, payload } = fake.slashPayload({ command: "/mission-stats", text });
  return { responseUrl, body: new URLSearchParams(payload).toString() };
}

const now = () => Math.floor(Date.now() / 1000);

describe("Slack over HTTP (real Bolt HTTPReceiver, signed requests)", () => {
  it("accepts a correctly signed slash command and answers through respond", async () => {
    const { fake, url, lines } = await start();
    const { responseUrl, body } = slashBody(fake, "washington 7d");
    const ts = now();
    const res = await post(url, body, { timestamp: ts, signature: sign(body, ts) });
    expect(res.status).toBe(200);
    const { payload } = await fake.nextResponse(responseUrl);
    expect(lines).toEqual(["mission-stats washington 7d"]);
    expect((payload.blocks as { text: { text: string } }[])[0]?.text.text).toBe(
      "Embassy of Arcadia in Washington — last 7 days",
    );
  });

  it("accepts a signed button press and replaces the message", async () => {
    const { fake, url } = await start();
    const { responseUrl, payload } = fake.blockActionPayload({
      actionId: "dmd:period:90d",
      value: "/mission-stats washington 90d",
      isEphemeral: true,
    });
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const ts = now();
    const res = await post(url, body, { timestamp: ts, signature: sign(body, ts) });
    expect(res.status).toBe(200);
    const answer = await fake.nextResponse(responseUrl);
    expect(answer.payload.replace_original).toBe(true);
  });

  it("answers Slack's URL verification challenge", async () => {
    const { url } = await start();
    const body = JSON.stringify({
      type: "url_verification",
      challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
      token: "x",
    });
    const ts = now();
    const res = await post(url, body, { timestamp: ts, signature: sign(body, ts), json: true });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
  });

  it("rejects a forged signature with 401 and runs nothing", async () => {
    const { fake, url, lines } = await start();
    const { body } = slashBody(fake, "washington 7d");
    const ts = now();
    const res = await post(url, body, { timestamp: ts, signature: sign(body, ts, "not-the-secret") });
    expect(res.status).toBe(401);
    const tampered = await post(url, body.replace("washington", "karachi"), {
      timestamp: ts,
      signature: sign(body, ts),
    });
    expect(tampered.status).toBe(401);
    expect(lines).toEqual([]);
    expect(fake.responses).toEqual([]);
  });

  it("rejects a correctly signed request older than 5 minutes (a replay) with 401", async () => {
    const { fake, url, lines } = await start();
    const { body } = slashBody(fake, "washington 7d");
    const old = now() - 6 * 60;
    const res = await post(url, body, { timestamp: old, signature: sign(body, old) });
    expect(res.status).toBe(401);
    expect(lines).toEqual([]);
    expect(fake.responses).toEqual([]);
  });
});
