import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { UserError } from "../src/core/errors.ts";
import { type ReplyElement, reply } from "../src/core/reply.ts";
import { listHandles } from "../src/db/repos/handles-repo.ts";
import { countMissions, listMissions, listRegions } from "../src/db/repos/missions-repo.ts";
import { normalizeName } from "../src/domain/mission-lookup.ts";
import { demoLabel } from "./support/demo-label.ts";
import { noMissionsReply } from "./support/no-missions.ts";

const SHOWN = 60;

/** `/missions [region]`: the missions in the registry. */
export default defineCommand({
  name: "missions",
  summary: "List the missions, optionally in one region.",
  examples: ["missions", 'missions "Middle East"', "missions europe"],
  args: z.object({
    region: z.string().optional().describe("Only missions in this region"),
  }),
  positional: ["region"],
  restIsText: true,
  minRole: "viewer",
  execute(args, ctx) {
    const { db } = ctx.deps;
    if (countMissions(db) === 0) return noMissionsReply();
    const regions = listRegions(db);
    let region: string | undefined;
    if (args.region) {
      region = regions.find((r) => normalizeName(r) === normalizeName(args.region ?? ""));
      if (!region) {
        throw new UserError(
          "unknown_region",
          `There is no region called "${args.region.slice(0, 40)}". Regions: ${regions.join(", ")}.`,
        );
      }
    }
    const missions = listMissions(db, region ? { region } : undefined);
    const title = region ? `Missions in ${region}` : "Missions";
    const elements: ReplyElement[] = [
      { type: "header", text: title },
      {
        type: "context",
        text: `${missions.length} missions${region ? "" : ` in ${regions.length} regions`}`,
      },
      ...demoLabel(db),
      {
        type: "table",
        columns: ["Code", "Name", "Kind", "City", "Country", "Region", "Handles"],
        rows: missions
          .slice(0, SHOWN)
          .map((m) => [
            m.code,
            m.name,
            m.kind.replace("_", " "),
            m.city,
            m.country,
            m.region,
            String(listHandles(db, m.id).length),
          ]),
        align: ["left", "left", "left", "left", "left", "left", "right"],
        more: Math.max(0, missions.length - SHOWN),
      },
    ];
    if (missions.length > SHOWN && !region) {
      elements.push({ type: "context", text: `Narrow the list by region: ${regions.join(", ")}.` });
    }
    return {
      reply: reply(elements, { fallback: `${title}: ${missions.length}` }),
      data: {
        missions: missions.map((m) => ({
          code: m.code,
          name: m.name,
          kind: m.kind,
          city: m.city,
          country: m.country,
          region: m.region,
          timezone: m.timezone,
        })),
      },
    };
  },
});
