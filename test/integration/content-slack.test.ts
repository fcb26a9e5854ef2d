import { afterEach, describe, expect, it } from "vitest";
import { type SlackAdapter, startSlack } from "../../src/adapters/slack/app.ts";
import { silentLogger } from "../../src/core/logger.ts";
import { listAudit } from "../../src/db/repos/audit-repo.ts";
import { getDelivery } from "../../src/db/repos/content-repo.ts";
import { deliverDue } from "../../src/delivery/worker.ts";
import { importFile } from "../../src/ingest/import-file.ts";
import { contentDeliveryJob } from "../../src/jobs/content-jobs.ts";
import { type FakeSlack, startFakeSlack } from "../fakes/fake-slack.ts";
import { contentNetwork, outboxRows, runContentJob, SCD, xContentCsv, xPostId } from "./content-helpers.ts";

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

async function start() {
  const { db, t } = contentNetwork();
  fake = await startFakeSlack({
    channels: [
      { id: "C0WASH", name: "dmd-washington", isMember: true },
      { id: "C0RIYADH", name: "dmd-riyadh", isMember: true },
      { id: "C0KARACHI", name: "dmd-karachi", isMember: true },
      { id: "C0SCD", name: "scd", isMember: true },
    ],
  });
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

/** One worker pass, as a freshly started worker would do it. */
function deliver(db: Parameters<typeof deliverDue>[0], sender: SlackAdapter["sender"], at: string) {
  // A manual clock that the worker's waits (rate limits) move forward.
  let clock = Date.parse(at);
  return deliverDue(db, {
    senders: [sender],
    now: () => new Date(clock),
    sleep: async (ms) => {
      clock += ms;
    },
    logger: silentLogger(),
  });
}

const text = (value: string) => ({ value: { type: "plain_text_input", value } });

/** The form as an SCD member fills it in: Americas, plus riyadh by name. */
const FORM = {
  title: text("National Day"),
  kind: { value: { type: "static_select", selected_option: { value: "infographic" } } },
  theme: text(""),
  description: text('Our "national day", in one picture'),
  assets: text("https://mfa.example/nd.png\nhttps://mfa.example/nd-square.png"),
  "captions.en": text("Happy National Day to all our friends"),
  "captions.ar": text("يوم وطني سعيد"),
  hashtags: text("#NationalDay #Arcadia"),
  targets: { value: { type: "multi_static_select", selected_options: [{ value: "region:Americas" }] } },
  "targets.missions": text("riyadh"),
  due: { value: { type: "datepicker", selected_date: "2026-12-05" } },
};

function blockTexts(blocks: Json[]): string {
  return JSON.stringify(blocks);
}

describe("content in Slack (real Bolt against the fake Slack)", () => {
  it("modal → one ping per targeted channel → only the mission's officer answers → Shared → import → verified", async () => {
    const { db, t, fake, adapter } = await start();

    // The SCD opens the form with /content new.
    const { ack: slashAck } = await fake.slashCommand({
      command: "/content",
      text: "new",
      userId: "U0SCD",
      channelId: "C0SCD",
    });
    expect(slashAck).toEqual({});
    await fake.waitForCall("views.open");
    const form: Json = fake.views[0]?.view;
    expect(form.callback_id).toBe("dmd-content-new");
    expect(form.blocks.map((b: Json) => b.block_id)).toEqual([
      "title",
      "kind",
      "theme",
      "description",
      "assets",
      "captions.en",
      "captions.fr",
      "captions.es",
      "captions.ar",
      "captions.pt",
      "captions.ru",
      "captions.zh",
      "captions.ur",
      "hashtags",
      "targets",
      "targets.missions",
      "due",
    ]);
    const targetChoices = form.blocks[14].element.options.map((o: Json) => o.value);
    expect(targetChoices).toEqual([
      "all",
      "region:Americas",
      "region:Asia-Pacific",
      "region:Middle East",
      "kind:consulate",
      "kind:embassy",
    ]);

    // Submitted: saved through /content new, the modal shows the outcome.
    const saved: Json = await fake.viewSubmission({
      callbackId: "dmd-content-new",
      userId: "U0SCD",
      values: FORM,
    });
    expect(saved.response_action).toBe("update");
    expect(blockTexts(saved.view.blocks)).toContain("Content #1 saved: National Day");
    expect(blockTexts(saved.view.blocks)).toContain("1 of them have no Slack or Discord channel");

    // Delivery: one ping in each targeted channel, none for karachi, none twice after a restart.
    await runContentJob(contentDeliveryJob, t.deps, "fleet", "2026-11-27T12:05:00Z");
    await deliver(db, adapter.sender, "2026-11-27T12:05:01Z");
    await runContentJob(contentDeliveryJob, t.deps, "fleet", "2026-11-27T12:10:00Z");
    await deliver(db, adapter.sender, "2026-11-27T12:10:01Z");
    expect(fake.messagesIn("C0WASH")).toHaveLength(1);
    expect(fake.messagesIn("C0RIYADH")).toHaveLength(1);
    expect(fake.messagesIn("C0KARACHI")).toHaveLength(0);
    expect(outboxRows(db).map((r) => [r.key, r.status])).toEqual([
      ["content:1:riyadh:slack", "sent"],
      ["content:1:washington:slack", "sent"],
    ]);
    const ping = fake.messagesIn("C0WASH")[0];
    const pingBlocks: Json[] = ping?.params.blocks as Json[];
    const buttons = pingBlocks.find((b) => b.type === "actions").elements;
    expect(buttons.map((b: Json) => [b.action_id, b.text.text])).toEqual([
      ["dmd:content-answer:shared:1:washington", "Shared"],
      ["dmd:content-answer:will:1:washington", "Will share on …"],
      ["dmd:content-answer:na:1:washington", "Not applicable"],
    ]);
    // Riyadh works in Arabic: its caption comes first.
    const riyadhText = blockTexts(fake.messagesIn("C0RIYADH")[0]?.params.blocks as Json[]);
    expect(riyadhText.indexOf("Suggested caption (Arabic)")).toBeLessThan(
      riyadhText.indexOf("Suggested caption (English)"),
    );

    // An officer of another mission presses Shared: refused privately, audited, no form.
    const press = (userId: string) =>
      fake.blockAction({
        actionId: "dmd:content-answer:shared:1:washington",
        value: "/content answer 1 washington shared",
        userId,
        channelId: "C0WASH",
        isEphemeral: false,
        messageTs: ping?.ts,
      });
    const refused = await press("U0KOFF");
    const refusal: Json = (await fake.nextResponse(refused.responseUrl)).payload;
    expect(refusal.response_type).toBe("ephemeral");
    expect(refusal.replace_original).toBe(false);
    expect(refusal.text).toBe(
      "Only washington's officers can answer for washington; you answer for karachi.",
    );
    expect(fake.views).toHaveLength(1);
    expect(listAudit(db, { limit: 1, actor: "slack:U0KOFF" })[0]).toMatchObject({
      command: "content answer",
      outcome: "denied",
      details: { contentId: 1, mission: "washington", answer: "shared", via: "button" },
    });

    // Washington's officer presses Shared: the form asks for the post links.
    await press("U0OFF");
    await fake.waitFor(() => fake.views.length === 2, "the Shared form");
    const sharedForm: Json = fake.views[1]?.view;
    expect(sharedForm.callback_id).toBe("dmd-content-answer-shared");
    expect(JSON.parse(sharedForm.private_metadata)).toEqual({
      contentId: 1,
      mission: "washington",
      channel: "C0WASH",
      ts: ping?.ts,
    });

    // A form without a link is refused under its field; nothing is recorded.
    const empty: Json = await fake.viewSubmission({
      callbackId: "dmd-content-answer-shared",
      userId: "U0OFF",
      values: { links: text("my post") },
      privateMetadata: sharedForm.private_metadata,
    });
    expect(empty).toEqual({
      response_action: "errors",
      errors: {
        links: '"my" is not a link: /content answer 1 washington shared https://x.com/YourHandle/status/123…',
      },
    });

    const link = `https://x.com/ArcadiaInUSA/status/${xPostId("2026-11-28T15:00:00Z")}`;
    await fake.viewSubmission({
      callbackId: "dmd-content-answer-shared",
      userId: "U0OFF",
      values: { links: text(link) },
      privateMetadata: sharedForm.private_metadata,
    });
    // The ping is updated in place to show the answer.
    const update = await fake.waitForCall("chat.update");
    expect(update.params.channel).toBe("C0WASH");
    expect(update.params.ts).toBe(ping?.ts);
    expect(blockTexts(update.params.blocks as Json[])).toContain("Shared, said on 2026-11-27 by U0OFF");
    expect(getDelivery(db, 1, 1)?.state).toBe("claimed");

    // The post arrives with the next X export: verified.
    await importFile(db, {
      fileName: "account_analytics_content_2026-11-01_2026-11-30.csv",
      bytes: xContentCsv("ArcadiaInUSA", [
        ["2026-11-28T15:00:00Z", "Sat, Nov 28, 2026", "Happy National Day!", 40, 5, 7],
      ]),
      handle: "x:ArcadiaInUSA",
      actor: "slack:U0OFF",
      now: new Date("2026-11-29T12:00:00Z"),
    });
    expect(getDelivery(db, 1, 1)).toMatchObject({ state: "verified", post: { url: link, interactions: 52 } });
  });

  it("answers Will share on … with a date picker and Not applicable with a reason, updating the ping", async () => {
    const { db, t, fake, adapter } = await start();
    await t.data("/content new title=Harvest kind=photo targets=missions:riyadh due=2026-12-05", SCD);
    await runContentJob(contentDeliveryJob, t.deps, "fleet", "2026-11-27T12:05:00Z");
    await deliver(db, adapter.sender, "2026-11-27T12:05:01Z");
    const ping = fake.messagesIn("C0RIYADH")[0];
    const press = (answer: string) =>
      fake.blockAction({
        actionId: `dmd:content-answer:${answer}:1:riyadh`,
        value: `/content answer 1 riyadh ${answer}`,
        userId: "U0ADMIN",
        channelId: "C0RIYADH",
        isEphemeral: false,
        messageTs: ping?.ts,
      });

    await press("will");
    await fake.waitFor(() => fake.views.length === 1, "the date form");
    const willForm: Json = fake.views[0]?.view;
    expect(willForm.callback_id).toBe("dmd-content-answer-will");
    expect(willForm.blocks[1].element).toMatchObject({ type: "datepicker", initial_date: "2026-12-05" });
    await fake.viewSubmission({
      callbackId: "dmd-content-answer-will",
      userId: "U0ADMIN",
      values: { date: { value: { type: "datepicker", selected_date: "2026-12-04" } } },
      privateMetadata: willForm.private_metadata,
    });
    const first = await fake.waitForCall("chat.update");
    expect(blockTexts(first.params.blocks as Json[])).toContain("Will share on 2026-12-04");

    await press("na");
    await fake.waitFor(() => fake.views.length === 2, "the reason form");
    const naForm: Json = fake.views[1]?.view;
    expect(naForm.blocks[1].element.options.map((o: Json) => o.value)).toEqual([
      "host_country",
      "language",
      "already_covered",
      "other",
    ]);
    const other = { value: { type: "static_select", selected_option: { value: "other" } } };
    const refused: Json = await fake.viewSubmission({
      callbackId: "dmd-content-answer-na",
      userId: "U0ADMIN",
      values: { reason: other, text: text("") },
      privateMetadata: naForm.private_metadata,
    });
    expect(Object.keys(refused.errors)).toEqual(["text"]);
    await fake.viewSubmission({
      callbackId: "dmd-content-answer-na",
      userId: "U0ADMIN",
      values: { reason: other, text: text('Our "audience" is elsewhere') },
      privateMetadata: naForm.private_metadata,
    });
    const second = await fake.waitForCall("chat.update", 2);
    expect(blockTexts(second.params.blocks as Json[])).toContain(
      'Not applicable: other — Our \\"audience\\" is elsewhere',
    );
    expect(getDelivery(db, 1, 3)).toMatchObject({
      state: "declined",
      declineReason: "other",
      declineText: 'Our "audience" is elsewhere',
    });
  });

  it("shows the problems of a refused form under their fields and saves nothing", async () => {
    const { db, fake } = await start();
    const refused: Json = await fake.viewSubmission({
      callbackId: "dmd-content-new",
      userId: "U0SCD",
      values: {
        ...FORM,
        assets: text("not-a-link"),
        targets: { value: { type: "multi_static_select", selected_options: [] } },
        "targets.missions": text("atlantis"),
        due: { value: { type: "datepicker", selected_date: "2026-11-20" } },
      },
    });
    expect(refused.response_action).toBe("errors");
    expect(Object.keys(refused.errors).sort()).toEqual(["assets", "due", "targets"]);
    expect(refused.errors.due).toBe(
      "due=2026-11-20 is in the past (today is 2026-11-27). Give today or a later day.",
    );
    expect(refused.errors.targets).toContain('No mission matches "atlantis"');

    const noTargets: Json = await fake.viewSubmission({
      callbackId: "dmd-content-new",
      userId: "U0SCD",
      values: {
        ...FORM,
        targets: { value: { type: "multi_static_select", selected_options: [] } },
        "targets.missions": text(""),
      },
    });
    expect(Object.keys(noTargets.errors)).toEqual(["targets"]);
    expect(noTargets.errors.targets).toMatch(/^Missing targets: Who it is for/);
    expect((db.$client.prepare("SELECT COUNT(*) AS n FROM content_items").get() as { n: number }).n).toBe(0);
  });

  it("opens no form for /content new typed by someone who may not send content", async () => {
    const { fake } = await start();
    const { responseUrl } = await fake.slashCommand({ command: "/content", text: "new", userId: "U0OFF" });
    const answer: Json = (await fake.nextResponse(responseUrl)).payload;
    expect(answer.text).toContain("/content new is for SCD staff and admins");
    expect(fake.callsTo("views.open")).toHaveLength(0);
  });
});
