import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { decodeAction, encodeAction } from "../../src/adapters/discord/custom-id.ts";
import { cutText, escapeDiscordText, splitText } from "../../src/adapters/discord/escape.ts";
import { DISCORD_LIMITS as L } from "../../src/adapters/discord/limits.ts";
import {
  EMBED_COLOR,
  embedCharacters,
  type RenderedMessage,
  renderMessage,
} from "../../src/adapters/discord/render.ts";
import { withPublicButton } from "../../src/adapters/shared/public-button.ts";
import { type Reply, type ReplyElement, reply } from "../../src/core/reply.ts";
import { messageProblem } from "../fakes/discord-checks.ts";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);

function render(elements: ReplyElement[], options = {}): RenderedMessage {
  const out = renderMessage(reply(elements), options);
  // The fake Discord's checks are Discord's: whatever the renderer makes must pass them.
  const problem = messageProblem(
    {
      ...out,
      allowed_mentions: out.allowedMentions,
      attachments: out.files.map((f, id) => ({ id, filename: f.name })),
    },
    out.files.map((f) => f.name),
  );
  expect(problem).toBeNull();
  return out;
}

function text(out: RenderedMessage): string {
  return out.embeds
    .flatMap((e) => [
      e.title ?? "",
      e.description ?? "",
      ...(e.fields ?? []).map((f) => `${f.name}\n${f.value}`),
      e.footer?.text ?? "",
    ])
    .join("\n");
}

/** Table rows shown in code blocks (lines that are neither a column title nor its rule). */
function shownRows(out: RenderedMessage, firstColumn: string): string[] {
  return out.embeds
    .flatMap((e) => (e.description ?? "").split("\n"))
    .filter((l) => l.startsWith("row "))
    .filter((l) => !l.startsWith(firstColumn));
}

describe("renderMessage at Discord's limits", () => {
  it("keeps a normal reply whole: title, description, inline fields, a table as a code block, a chart as an attachment", () => {
    const out = render([
      { type: "header", text: "Embassy — last 7 days" },
      { type: "context", text: "2026-11-20 to 2026-11-26" },
      {
        type: "fields",
        fields: [
          { label: "Followers", value: "1,600" },
          { label: "Engagement rate", value: "0.4%" },
        ],
      },
      { type: "table", columns: ["Platform", "Followers"], rows: [["X", "1,100"]], align: ["left", "right"] },
      { type: "chart", png: PNG, altText: "Followers over the week", title: "Followers" },
    ]);
    expect(out.embeds[0]).toMatchObject({
      title: "Embassy — last 7 days",
      description: "*2026-11-20 to 2026-11-26*",
      fields: [
        { name: "Followers", value: "1,600", inline: true },
        { name: "Engagement rate", value: "0.4%", inline: true },
      ],
    });
    expect(out.embeds[1]?.description).toBe(
      "```\nPlatform  Followers\n────────  ─────────\nX             1,100\n```",
    );
    expect(out.embeds[2]).toMatchObject({ title: "Followers", image: { url: "attachment://chart-1.png" } });
    expect(out.files).toEqual([
      { name: "chart-1.png", data: Buffer.from(PNG), description: "Followers over the week" },
    ]);
    expect(out.allowedMentions).toEqual({ parse: [] });
    expect(out.content).toBeUndefined();
  });

  it("cuts a title at 256 characters", () => {
    const out = render([{ type: "header", text: "T".repeat(300) }]);
    expect(out.embeds[0]?.title).toHaveLength(L.embedTitle);
    expect(out.embeds[0]?.title?.endsWith("…")).toBe(true);
  });

  it("puts 25 fields in an embed and carries on in the next; cuts names at 256 and values at 1,024", () => {
    const fields = Array.from({ length: 30 }, (_, i) => ({ label: `F${i}`, value: String(i) }));
    const out = render([{ type: "fields", fields }]);
    expect(out.embeds.map((e) => e.fields?.length)).toEqual([25, 5]);
    const long = render([{ type: "fields", fields: [{ label: "N".repeat(300), value: "V".repeat(2000) }] }]);
    expect(long.embeds[0]?.fields?.[0]?.name).toHaveLength(L.fieldName);
    expect(long.embeds[0]?.fields?.[0]?.value).toHaveLength(L.fieldValue);
  });

  it("says how many fields it left out when 6,000 characters are reached", () => {
    const fields = Array.from({ length: 100 }, (_, i) => ({ label: `Field ${i}`, value: "v".repeat(100) }));
    const out = render([{ type: "fields", fields }]);
    const shown = out.embeds.reduce((n, e) => n + (e.fields?.length ?? 0), 0);
    expect(shown).toBeLessThan(100);
    expect(text(out)).toContain(`… and ${100 - shown} more fields`);
    expect(embedCharacters(out.embeds)).toBeLessThanOrEqual(L.embedTotal);
  });

  it("splits a long table into code blocks with the column titles repeated, and counts the rows left out exactly", () => {
    const rows = Array.from({ length: 500 }, (_, i) => [`row ${i}`, String(i * 7)]);
    const out = render([{ type: "table", columns: ["Name", "Value"], rows, more: 20 }]);
    const shown = shownRows(out, "Name");
    expect(shown.length).toBeGreaterThan(50);
    expect(shown[0]).toBe("row 0    0");
    expect(text(out)).toContain(`… and ${500 - shown.length + 20} more`);
    for (const e of out.embeds) {
      const blocks = (e.description ?? "").split("```\nName").length - 1;
      expect((e.description ?? "").match(/```/g)?.length).toBe(blocks * 2);
    }
    expect(embedCharacters(out.embeds)).toBeLessThanOrEqual(L.embedTotal);
  });

  it("keeps the last rows' note when a table fits whole but has more rows elsewhere", () => {
    const out = render([{ type: "table", columns: ["A"], rows: [["row 1"]], more: 3 }]);
    expect(out.embeds[0]?.description).toBe("```\nA\n─────\nrow 1\n```\n… and 3 more");
  });

  it("cuts text past 6,000 characters and says how much is missing", () => {
    const words = Array.from({ length: 3000 }, (_, i) => `word${i}`).join(" ");
    const out = render([
      { type: "header", text: "Long" },
      { type: "text", text: words },
    ]);
    expect(embedCharacters(out.embeds)).toBeLessThanOrEqual(L.embedTotal);
    expect(out.embeds.every((e) => (e.description?.length ?? 0) <= L.embedDescription)).toBe(true);
    expect(text(out)).toMatch(/… and [\d,]+ more characters/);
  });

  it("uses at most 10 embeds and 10 files, and says what did not fit", () => {
    const charts: ReplyElement[] = Array.from({ length: 12 }, (_, i) => ({
      type: "chart" as const,
      png: PNG,
      altText: `Chart ${i}`,
      title: `Chart ${i}`,
    }));
    const out = render(charts);
    expect(out.embeds).toHaveLength(L.embeds);
    expect(out.files).toHaveLength(10);
    expect(out.embeds.at(-1)?.footer?.text).toContain("… and 2 more parts not shown");
  });

  it("starts a new embed after a divider and after an image", () => {
    const out = render([
      { type: "text", text: "one" },
      { type: "divider" },
      { type: "text", text: "two" },
      { type: "chart", png: PNG, altText: "a", title: "c" },
      { type: "text", text: "three" },
    ]);
    expect(out.embeds.map((e) => e.description ?? e.title)).toEqual(["one", "two", "c", "three"]);
  });

  it("stays within every limit for random replies", () => {
    const random = seedrandom("discord");
    const pick = (n: number) => Math.floor(random() * n);
    const word = () =>
      ["@everyone", "<@1>", "`", "**", "[x](http://e)", "é", "a", "—", "\n", "12,345"][pick(10)] ?? "";
    const str = (max: number) => Array.from({ length: pick(max) }, word).join(pick(2) ? " " : "");
    for (let n = 0; n < 60; n++) {
      const elements: ReplyElement[] = Array.from({ length: 1 + pick(25) }, (): ReplyElement => {
        switch (pick(8)) {
          case 0:
            return { type: "header", text: str(120) };
          case 1:
            return {
              type: "text",
              text: str(2000),
              tone: (["normal", "warning", "muted"] as const)[pick(3)],
            };
          case 2:
            return {
              type: "fields",
              fields: Array.from({ length: pick(40) }, () => ({ label: str(80), value: str(400) })),
            };
          case 3:
            return {
              type: "table",
              columns: ["A", "B", "C"],
              rows: Array.from({ length: pick(200) }, () => [str(10), str(30), str(5)]),
              more: pick(3) === 0 ? pick(50) : undefined,
            };
          case 4:
            return { type: "chart", png: PNG, altText: str(600), title: str(300) };
          case 5:
            return { type: "context", text: str(300) };
          case 6:
            return {
              type: "buttons",
              buttons: Array.from({ length: pick(14) }, (_, i) => ({
                id: `b${i}`,
                label: str(60),
                command: `/mission-stats ${str(pick(2) ? 10 : 80)}`,
              })),
            };
          default:
            return { type: "divider" };
        }
      });
      const out = render(elements, { footer: "ref 0123456789ab", periodForm: true });
      expect(embedCharacters(out.embeds)).toBeLessThanOrEqual(L.embedTotal);
      if (out.embeds.length > 0) expect(out.embeds.at(-1)?.footer?.text).toContain("ref 0123456789ab");
    }
  });
});

describe("buttons", () => {
  const button = (i: number, command = `/mission-stats washington ${i}d`) => ({
    id: `b${i}`,
    label: `Button ${i}`,
    command,
  });

  it("makes rows of 5 buttons, at most 5 rows, keeping Post in channel", () => {
    const many = reply([{ type: "buttons", buttons: Array.from({ length: 30 }, (_, i) => button(i)) }]);
    const out = renderMessage(withPublicButton(many, "/mission-stats washington"));
    expect(out.components).toHaveLength(L.rows);
    expect(out.components.every((r) => r.components.length <= L.rowButtons)).toBe(true);
    expect(out.components.at(-1)?.components.at(-1)?.custom_id).toBe("dmd:p:mission-stats washington");
  });

  it("cuts labels at 80 characters, keeps custom ids unique, and leaves out commands too long for one", () => {
    const out = renderMessage(
      reply([
        {
          type: "buttons",
          buttons: [
            { id: "a", label: "L".repeat(100), command: "/whoami" },
            { id: "b", label: "Again", command: "/whoami" },
            { id: "c", label: "Too long", command: `/mission-stats ${"x".repeat(100)}` },
          ],
        },
      ]),
    );
    const buttons = out.components.flatMap((r) => r.components);
    expect(buttons.map((b) => b.custom_id)).toEqual(["dmd:r:whoami", "dmd:r2:whoami"]);
    expect(buttons[0]?.label).toHaveLength(L.buttonLabel);
  });

  it("adds Other period… next to period switches, and a form button for content answers", () => {
    const out = renderMessage(
      reply([
        {
          type: "buttons",
          buttons: [
            {
              id: "period:7d",
              label: "last 7 days",
              command: "/mission-stats washington 7d",
              style: "primary",
            },
            { id: "period:30d", label: "last 30 days", command: "/mission-stats washington 30d" },
          ],
        },
        {
          type: "buttons",
          buttons: [
            {
              id: "content-answer:shared:12:washington",
              label: "Shared",
              command: "/content answer 12 washington shared",
            },
          ],
        },
      ]),
      { periodForm: true },
    );
    expect(out.components.map((r) => r.components.map((b) => [b.custom_id, b.style]))).toEqual([
      [
        ["dmd:r:mission-stats washington 7d", 1],
        ["dmd:r:mission-stats washington 30d", 2],
        ["dmd:a:mission-stats washington", 2],
      ],
      [["dmd:c:content answer 12 washington shared", 2]],
    ]);
  });
});

describe("custom ids", () => {
  it("round-trips and refuses what Discord would", () => {
    expect(decodeAction(encodeAction("run", "/mission-stats washington 7d") ?? "")).toEqual({
      kind: "run",
      line: "mission-stats washington 7d",
    });
    expect(decodeAction("dmd:p3:whoami")).toEqual({ kind: "public", line: "whoami" });
    expect(encodeAction("run", "x".repeat(95))).toBeNull();
    expect(decodeAction("something:else")).toBeNull();
    expect(decodeAction("dmd:z:whoami")).toBeNull();
  });
});

describe("escaping", () => {
  it("makes mentions, masked links and markdown inert", () => {
    expect(escapeDiscordText("@everyone and @here")).toBe("@\u200Beveryone and @\u200Bhere");
    expect(escapeDiscordText("<@123> <@!5> <@&6> <#7> </help:8> <t:9>")).toBe(
      "\\<@123\\> \\<@!5\\> \\<@&6\\> \\<#7\\> \\</help:8\\> \\<t:9\\>",
    );
    expect(escapeDiscordText("[bank](http://evil)")).toBe("\\[bank\\](http://evil)");
    expect(escapeDiscordText("**bold** _it_ `code` ||spoiler|| ~~s~~")).toBe(
      "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\|\\|spoiler\\|\\| \\~\\~s\\~\\~",
    );
    expect(escapeDiscordText("# title\n> quote\n- item\n1. first\n0.4%")).toBe(
      "\\# title\n\\> quote\n\\- item\n1\\. first\n0.4%",
    );
    expect(escapeDiscordText("a\\b")).toBe("a\\\\b");
    // Web addresses stay clickable: nothing inside them is escaped.
    expect(escapeDiscordText("see https://x.com/a_b*c and _this_")).toBe(
      "see https://x.com/a_b*c and \\_this\\_",
    );
    // Linear: a long text is escaped at once.
    expect(escapeDiscordText("a_b ".repeat(50_000))).toHaveLength(250_000);
  });

  it("cuts without leaving half an escape or half a surrogate pair", () => {
    expect(cutText("ab\\*cd", 4)).toBe("ab…");
    expect(cutText("ab😀cd", 4)).toBe("ab…");
    expect(splitText("aaa bbb ccc", 7)).toEqual(["aaa bbb", "ccc"]);
  });

  it("never lets hostile text reach a rendered message raw", () => {
    const hostile = "@everyone <@123> [bank](http://evil)";
    const out = renderMessage(
      reply([
        { type: "header", text: hostile },
        { type: "text", text: hostile },
        { type: "fields", fields: [{ label: hostile, value: hostile }] },
        { type: "context", text: hostile },
      ]),
    );
    const raw = JSON.stringify(out.embeds);
    expect(raw).not.toContain("@everyone");
    expect(raw).not.toMatch(/(?<!\\\\)<@/);
    expect(raw).not.toMatch(/(?<!\\\\)\[bank/);
    expect(out.allowedMentions).toEqual({ parse: [] });
  });
});

describe("colours", () => {
  it("paints a reply that opens with a warning amber, and a note further down leaves it blue", () => {
    const problem: Reply = reply([{ type: "text", text: "No such mission.", tone: "warning" }]);
    expect(renderMessage(problem).embeds[0]?.color).toBe(EMBED_COLOR.warning);
    const note = reply([
      { type: "header", text: "Figures" },
      { type: "text", text: "Stale data.", tone: "warning" },
    ]);
    expect(renderMessage(note).embeds[0]?.color).toBe(EMBED_COLOR.normal);
  });
});
