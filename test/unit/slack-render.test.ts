import type { types } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { escapeSlackText, renderBlocks } from "../../src/adapters/slack/render.ts";
import { type Reply, type ReplyElement, reply } from "../../src/core/reply.ts";
import { blockProblem } from "../fakes/fake-slack.ts";

type Block = types.KnownBlock;

const HOSTILE = "Hi <!channel> and <!here|here>, ask <@U0ADMIN> at <http://evil.example|your bank> & co";

/** Every mrkdwn string in the blocks (section text, fields, context elements). */
function mrkdwnTexts(blocks: Block[]): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.type === "section") {
      if (b.text?.type === "mrkdwn") out.push(b.text.text);
      for (const f of b.fields ?? []) if (f.type === "mrkdwn") out.push(f.text);
    }
    if (b.type === "context") for (const e of b.elements) if (e.type === "mrkdwn") out.push(e.text);
  }
  return out;
}

function sectionText(b: Block | undefined): string {
  if (b?.type !== "section" || b.text?.type !== "mrkdwn")
    throw new Error(`not a mrkdwn section: ${JSON.stringify(b)}`);
  return b.text.text;
}

function contextText(b: Block | undefined): string {
  if (b?.type !== "context") throw new Error(`not a context: ${JSON.stringify(b)}`);
  const e = b.elements[0];
  if (e?.type !== "mrkdwn") throw new Error("context without mrkdwn");
  return e.text;
}

function valid(r: Reply, forView = false) {
  const rendered = renderBlocks(r, { forView });
  expect(blockProblem(rendered.blocks, forView ? 100 : 50)).toBeNull();
  return rendered;
}

function table(n: number, more?: number): ReplyElement {
  return {
    type: "table",
    columns: ["Rank", "Mission", "Region", "Followers"],
    align: ["right", "left", "left", "right"],
    rows: Array.from({ length: n }, (_, i) => [
      String(i + 1),
      `Embassy of Arcadia number ${i + 1}`,
      "Europe",
      `${(i + 1) * 1000}`,
    ]),
    ...(more === undefined ? {} : { more }),
  };
}

describe("escapeSlackText", () => {
  it("escapes exactly &, < and >", () => {
    expect(escapeSlackText("a & b < c > d \"e\" 'f' *g*")).toBe("a &amp; b &lt; c &gt; d \"e\" 'f' *g*");
    expect(escapeSlackText("&lt;!channel&gt;")).toBe("&amp;lt;!channel&amp;gt;");
  });
});

describe("renderBlocks: hostile text", () => {
  it("cannot mention anyone or hide a link anywhere in the reply", () => {
    const r = reply(
      [
        { type: "header", text: HOSTILE },
        { type: "text", text: HOSTILE },
        { type: "text", text: HOSTILE, tone: "muted" },
        { type: "fields", fields: [{ label: HOSTILE, value: HOSTILE }] },
        { type: "table", columns: ["Caption"], rows: [[HOSTILE]] },
        { type: "context", text: HOSTILE },
        {
          type: "chart",
          png: new Uint8Array([1]),
          title: HOSTILE,
          altText: HOSTILE,
          sparkline: "▁▂`<!here>`",
        },
      ],
      { fallback: HOSTILE },
    );
    const { blocks, text } = valid(r);
    const texts = [...mrkdwnTexts(blocks), text];
    // text, muted text, one field, table, context, chart as text, and the fallback.
    expect(texts).toHaveLength(7);
    for (const t of texts) {
      expect(t).not.toMatch(/[<>]/);
      expect(t).not.toMatch(/&(?!amp;|lt;|gt;)/);
    }
    expect(sectionText(blocks[1])).toBe(
      "Hi &lt;!channel&gt; and &lt;!here|here&gt;, ask &lt;@U0ADMIN&gt; at &lt;http://evil.example|your bank&gt; &amp; co",
    );
    // A header is plain text: Slack never turns plain text into mentions or links.
    expect(blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: HOSTILE, emoji: true } });
  });
});

describe("renderBlocks: limits", () => {
  it("splits a 150-row table into sections under 3,000 characters, each with the column titles", () => {
    const { blocks } = valid(reply([table(150)]));
    expect(blocks.length).toBeGreaterThan(1);
    let rows = 0;
    for (const b of blocks) {
      const t = sectionText(b);
      expect(t.length).toBeLessThanOrEqual(3000);
      const lines = t.split("\n");
      expect(lines[0]).toBe("```");
      // "Embassy of Arcadia number 150" is the widest mission: 29 characters.
      expect(lines[1]).toBe(`Rank  ${"Mission".padEnd(29)}  Region  Followers`);
      expect(lines[2]).toMatch(/^─+ {2}─+ {2}─+ {2}─+$/);
      expect(lines.at(-1)).toBe("```");
      rows += lines.length - 4;
    }
    expect(rows).toBe(150);
    const first = sectionText(blocks[0]).split("\n");
    expect(first[3]).toBe(`   1  ${"Embassy of Arcadia number 1".padEnd(29)}  Europe       1000`);
    expect(sectionText(blocks.at(-1)).split("\n").at(-2)).toBe(
      " 150  Embassy of Arcadia number 150  Europe     150000",
    );
  });

  it("cuts a table too long for one message and says how many rows are missing", () => {
    const { blocks } = valid(reply([{ type: "header", text: "All posts" }, table(5000, 20)]));
    // The header and 48 sections; the 50th block stays free, as the table says itself what is missing.
    expect(blocks).toHaveLength(49);
    const rowLine = /^ *\d+ {2}Embassy/;
    const shown = blocks.slice(1).reduce(
      (n, b) =>
        n +
        sectionText(b)
          .split("\n")
          .filter((l) => rowLine.test(l)).length,
      0,
    );
    const last = sectionText(blocks.at(-1));
    // The note sits after the closing fence of the last section.
    expect(last.endsWith(`\`\`\`\n… and ${5000 - shown + 20} more`)).toBe(true);
    expect(shown).toBeGreaterThan(1000);
  });

  it("shows the rows a table says exist beyond those it carries", () => {
    const { blocks } = valid(reply([table(25, 95)]));
    expect(blocks).toHaveLength(1);
    expect(sectionText(blocks[0]).endsWith("```\n… and 95 more")).toBe(true);
  });

  it("splits 3,000+ character text into sections, at line breaks, losing nothing", () => {
    const line = "The embassy posted a documentary about the harbour restoration.";
    const text = Array.from({ length: 120 }, (_, i) => `${i + 1}. ${line}`).join("\n");
    expect(text.length).toBeGreaterThan(7000);
    const { blocks } = valid(reply([{ type: "text", text }]));
    expect(blocks).toHaveLength(3);
    const pieces = blocks.map(sectionText);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(3000);
    expect(pieces.join("\n")).toBe(text);
  });

  it("never cuts an escaped entity in half", () => {
    const { blocks } = valid(reply([{ type: "text", text: "&".repeat(4000) }]));
    for (const t of mrkdwnTexts(blocks)) expect(t).toMatch(/^(?:&amp;)+$/);
    expect(mrkdwnTexts(blocks).join("").length).toBe(4000 * 5);
  });

  it("keeps 60 elements within 50 blocks and says how many were left out", () => {
    const elements: ReplyElement[] = Array.from({ length: 60 }, (_, i) => ({
      type: "text",
      text: `Item ${i + 1}`,
    }));
    const { blocks } = valid(reply(elements));
    expect(blocks).toHaveLength(50);
    expect(sectionText(blocks[48])).toBe("Item 49");
    expect(contextText(blocks[49])).toBe("… and 11 more not shown: Slack allows 50 blocks in one message.");
  });

  it("keeps the buttons when content is cut", () => {
    const elements: ReplyElement[] = Array.from({ length: 60 }, () => ({ type: "divider" as const }));
    elements.splice(10, 0, {
      type: "buttons",
      buttons: [{ id: "period:7d", label: "7 days", command: "/mission-stats x 7d" }],
    });
    const { blocks } = valid(reply(elements));
    expect(blocks).toHaveLength(50);
    expect(contextText(blocks[48])).toBe("… and 12 more not shown: Slack allows 50 blocks in one message.");
    expect(blocks[49]?.type).toBe("actions");
  });

  it("allows 100 blocks in a view and leaves buttons out of it", () => {
    const elements: ReplyElement[] = Array.from({ length: 120 }, (_, i) => ({
      type: "text",
      text: `Row ${i + 1}`,
    }));
    elements.push({ type: "buttons", buttons: [{ id: "b", label: "B", command: "/help" }] });
    const { blocks } = valid(reply(elements), true);
    expect(blocks).toHaveLength(100);
    expect(blocks.some((b) => b.type === "actions")).toBe(false);
    expect(contextText(blocks[99])).toBe("… and 21 more not shown: Slack allows 100 blocks in this view.");
  });

  it("cuts a long header to 150 characters and a button label to 75", () => {
    const { blocks } = valid(
      reply([
        { type: "header", text: "H".repeat(400) },
        { type: "buttons", buttons: [{ id: "x", label: "L".repeat(200), command: "/help" }] },
      ]),
    );
    expect(blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: `${"H".repeat(149)}…`, emoji: true },
    });
    const actions = blocks[1];
    if (actions?.type !== "actions") throw new Error("expected actions");
    expect(actions.elements[0]).toEqual({
      type: "button",
      action_id: "dmd:x",
      text: { type: "plain_text", text: `${"L".repeat(74)}…`, emoji: true },
      value: "/help",
    });
  });

  it("puts at most 10 fields in a section and 25 buttons in a row, with unique action ids", () => {
    const fields = Array.from({ length: 23 }, (_, i) => ({ label: `F${i}`, value: String(i) }));
    const buttons = Array.from({ length: 30 }, (_, i) => ({
      id: i % 2 ? "same" : `b${i}`,
      label: `B${i}`,
      command: "/help",
    }));
    const { blocks } = valid(
      reply([
        { type: "fields", fields },
        { type: "buttons", buttons },
      ]),
    );
    expect(
      blocks.map((b) =>
        b.type === "section"
          ? `section:${b.fields?.length}`
          : `${b.type}:${b.type === "actions" ? b.elements.length : 0}`,
      ),
    ).toEqual(["section:10", "section:10", "section:3", "actions:25", "actions:5"]);
    const first = blocks[0];
    if (first?.type !== "section") throw new Error("expected section");
    expect(first.fields?.[0]).toEqual({ type: "mrkdwn", text: "*F0*\n0" });
  });

  it("shows a chart as an image of its uploaded file, or as text when there is none", () => {
    const chart: ReplyElement = {
      type: "chart",
      png: new Uint8Array([137, 80]),
      title: "Followers",
      altText: "Followers rose from 1,000 to 1,100.",
      sparkline: "▁▃▅█",
    };
    const withFile = renderBlocks(reply([chart]), { chartFileIds: ["F123"] });
    expect(withFile.blocks).toEqual([
      {
        type: "image",
        slack_file: { id: "F123" },
        alt_text: "Followers rose from 1,000 to 1,100.",
        title: { type: "plain_text", text: "Followers" },
      },
    ]);
    const asText = renderBlocks(reply([chart]));
    expect(sectionText(asText.blocks[0])).toBe("*Followers*\n`▁▃▅█`\nFollowers rose from 1,000 to 1,100.");
  });

  it("keeps the fallback text escaped and within 2,000 characters", () => {
    const { text } = renderBlocks(
      reply([{ type: "text", text: "x" }], { fallback: `<!channel> ${"y".repeat(3000)}` }),
    );
    expect(text.length).toBe(2000);
    expect(text.startsWith("&lt;!channel&gt; y")).toBe(true);
    expect(text.endsWith("…")).toBe(true);
  });

  it("skips empty texts instead of sending blocks Slack would reject", () => {
    const { blocks } = valid(
      reply([
        { type: "text", text: "  " },
        { type: "header", text: "" },
        { type: "context", text: "" },
        { type: "fields", fields: [] },
      ]),
    );
    expect(blocks).toEqual([]);
  });
});
