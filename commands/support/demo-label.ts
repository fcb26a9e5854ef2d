import type { ReplyElement } from "../../src/core/reply.ts";
import type { Db } from "../../src/db/client.ts";
import { isDemoNetwork } from "../../src/db/repos/settings-repo.ts";

/** The line every reply built on the demo network carries, so nobody mistakes it for real figures. */
export const DEMO_NOTICE =
  "Demo data: these missions and figures are invented (dmd demo). Import your registry to use real ones.";

/** A context element labelling demo data, or nothing on a real network. */
export function demoLabel(db: Db): ReplyElement[] {
  return isDemoNetwork(db) ? [{ type: "context", text: DEMO_NOTICE }] : [];
}
