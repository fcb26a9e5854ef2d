import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { reply } from "../src/core/reply.ts";
import { countContentItems, listContentItems } from "../src/db/repos/content-repo.ts";
import { describeTargets } from "../src/domain/content.ts";

const PAGE_SIZE = 25;

/** `/content list [open|all] [page=N]`: SCD content items, newest first. */
export default defineCommand({
  name: "content list",
  summary: "SCD content items sent to missions, newest first: the open ones, or all.",
  examples: ["content list", "content list all"],
  args: z.object({
    which: z.enum(["open", "all"]).default("open").describe("open items (not yet past due) or all"),
    page: z.coerce.number().int().min(1).max(1000).default(1).describe("Page of 25 items"),
  }),
  positional: ["which"],
  minRole: "viewer",
  execute(args, ctx) {
    const { db } = ctx.deps;
    const openOnly = args.which === "open";
    const total = countContentItems(db, { openOnly });
    if (total === 0) {
      const text = openOnly
        ? "No open content: nothing is waiting to be shared. /content list all shows past items."
        : "No content has been sent yet. The SCD sends some with /content new.";
      return { reply: reply([{ type: "text", text }]), data: { which: args.which, items: [] } };
    }
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const page = Math.min(args.page, pages);
    const items = listContentItems(db, { openOnly, limit: page * PAGE_SIZE }).slice((page - 1) * PAGE_SIZE);
    const title = openOnly ? "Open SCD content" : "All SCD content";
    return {
      reply: reply(
        [
          { type: "header", text: title },
          {
            type: "table",
            columns: ["#", "Title", "Kind", "For", "Due", "Verified", "No answer"],
            align: ["right", "left", "left", "left", "left", "right", "right"],
            rows: items.map((i) => [
              String(i.id),
              i.title,
              i.kind,
              describeTargets(i.targets),
              `${i.dueDate ?? "n/a"}${i.status === "closed" ? " (closed)" : ""}`,
              `${i.counts.verified} of ${i.counts.targeted}`,
              String(i.counts.pending),
            ]),
            more: total - (page - 1) * PAGE_SIZE - items.length,
          },
          { type: "context", text: `Page ${page} of ${pages} · details: /content status <#>` },
          ...(page < pages
            ? [
                {
                  type: "buttons" as const,
                  buttons: [
                    {
                      id: "content-list:next",
                      label: `Next ${PAGE_SIZE}`,
                      command: `/content list ${args.which} page=${page + 1}`,
                    },
                  ],
                },
              ]
            : []),
        ],
        { fallback: `${title}: ${total} items` },
      ),
      data: {
        which: args.which,
        total,
        items: items.map((i) => ({
          id: i.id,
          title: i.title,
          kind: i.kind,
          dueDate: i.dueDate,
          status: i.status,
          targets: i.targets,
          counts: i.counts,
        })),
      },
    };
  },
});
