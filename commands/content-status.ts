import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { UserError } from "../src/core/errors.ts";
import { reply } from "../src/core/reply.ts";
import { getContentItem, listContentItems, listDeliveries } from "../src/db/repos/content-repo.ts";
import { summarizeDeliveries } from "../src/domain/content-ledger.ts";
import { itemHeadElements, ledgerElements } from "../src/domain/content-messages.ts";

const RECENT = 15;

/**
 * `/content status [id]`: one item's share ledger (targeted, verified, claimed, will share,
 * declined with reasons, no answer; median time to share; the shares' interactions; by
 * region), or without an id the latest items at a glance.
 */
export default defineCommand({
  name: "content status",
  summary: "Who shared SCD content: verified, claimed, declined (with reasons), no answer, by region.",
  examples: ["content status 12", "content status"],
  args: z.object({
    id: z.coerce.number().int().min(1).max(1_000_000_000).optional().describe("The content item's number"),
  }),
  positional: ["id"],
  minRole: "mission_officer",
  execute(args, ctx) {
    const { db } = ctx.deps;
    if (args.id === undefined) {
      const items = listContentItems(db, { limit: RECENT });
      if (items.length === 0) {
        const text = "No content has been sent yet. The SCD sends some with /content new.";
        return { reply: reply([{ type: "text", text }]), data: { items: [] } };
      }
      return {
        reply: reply(
          [
            { type: "header", text: "SCD content: the latest items" },
            {
              type: "table",
              columns: ["#", "Title", "Due", "Targeted", "Verified", "Claimed", "Declined", "No answer"],
              align: ["right", "left", "left", "right", "right", "right", "right", "right"],
              rows: items.map((i) => [
                String(i.id),
                i.title,
                i.dueDate ?? "n/a",
                String(i.counts.targeted),
                String(i.counts.verified),
                String(i.counts.claimed),
                String(i.counts.declined),
                String(i.counts.pending),
              ]),
            },
            { type: "context", text: "Details of one item: /content status <#>" },
          ],
          { fallback: `SCD content: the latest ${items.length} items` },
        ),
        data: {
          items: items.map((i) => ({
            id: i.id,
            title: i.title,
            dueDate: i.dueDate,
            status: i.status,
            counts: i.counts,
          })),
        },
      };
    }
    const item = getContentItem(db, args.id);
    if (!item) {
      throw new UserError(
        "unknown_content",
        `There is no content item #${args.id}. Type /content list to see them.`,
      );
    }
    const deliveries = listDeliveries(db, item.id);
    const summary = summarizeDeliveries(item, deliveries);
    return {
      reply: reply([...itemHeadElements(item), ...ledgerElements(summary, deliveries)], {
        fallback: `#${item.id} ${item.title}: ${summary.verified} of ${summary.targeted} missions shared it`,
      }),
      data: {
        content: {
          id: item.id,
          title: item.title,
          kind: item.kind,
          theme: item.theme,
          dueDate: item.dueDate,
          status: item.status,
          targets: item.targets,
          createdAt: item.createdAt,
        },
        ...summary,
        missions: deliveries.map((d) => ({
          mission: d.missionCode,
          region: d.region,
          state: d.state,
          plannedDate: d.plannedDate,
          declineReason: d.declineReason,
          declineText: d.declineText,
          claimedLinks: d.claimedLinks,
          answeredAt: d.answeredAt,
          verifiedAt: d.verifiedAt,
          flagged: d.flaggedAt !== null,
          post: d.post,
        })),
      },
    };
  },
});
