import type { CommandResult } from "../../src/core/command.ts";
import { textReply } from "../../src/core/reply.ts";

/** What every command answers on an empty database: how to load missions, not an error. */
export function noMissionsReply(): CommandResult {
  return {
    reply: textReply(
      "There are no missions yet. Load your registry with `dmd missions import missions.csv` and `dmd handles import handles.csv`, or try the demo network with `dmd demo`.",
    ),
    data: { missions: [] },
  };
}
