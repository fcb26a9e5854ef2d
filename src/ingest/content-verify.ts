import type { Db } from "../db/client.ts";
import { type VerifiedShare, verifyShares } from "../db/repos/content-ledger-repo.ts";

/**
 * Verifies SCD content shares once posts of `handleIds` arrived (an import or an API
 * collection): every delivery of those handles' missions not yet verified is matched against
 * the handles' posts (claimed links, the content's links, hashtags, captions), claimed or not.
 * Returns the shares it verified. Never throws for a share that cannot be matched.
 */
export function verifySharesForPosts(db: Db, handleIds: number[], now: Date): VerifiedShare[] {
  if (handleIds.length === 0) return [];
  return verifyShares(db, { handleIds }, now);
}
