import type { ReplyElement } from "../../src/core/reply.ts";
import type { Db } from "../../src/db/client.ts";
import { isDemoNetwork } from "../../src/db/repos/settings-repo.ts";
import { DEMO_NOTICE } from "../../src/domain/demo-notice.ts";

/** A context element labelling demo data, or nothing on a real network. */
export function demoLabel(db: Db): ReplyElement[] {
  return isDemoNetwork(db) ? [{ type: "context", text: DEMO_NOTICE }] : [];
}
