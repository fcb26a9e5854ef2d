import type BetterSqlite3 from "better-sqlite3";
import type { Db } from "../db/client.ts";
import type { MissionRow } from "../db/repos/missions-repo.ts";
import type { Digest } from "../domain/digest.ts";
import { buildDigests } from "./build-digests.ts";

/** The digests of one slot: every mission whose digest falls due at the same instant for the same week. */
interface Slot {
  key: string;
  digests: Map<number, Digest>;
}

// One slot per connection, replaced by the next: when the scheduler fans out a Monday 09:00 slot
// to many missions, the network's figures are computed once for all of them (and every digest
// of the slot shows the same ranks) instead of once per mission.
const slots = new WeakMap<BetterSqlite3.Database, Slot>();

/**
 * The digest of `mission` for `week` in the slot `slotKey` (e.g. the run's instant). The first
 * call of a slot builds, in one batch, the digests of `mission` and of every mission `dueWith()`
 * returns; later calls of the same slot take theirs from that batch.
 */
export function slotDigest(
  db: Db,
  mission: MissionRow,
  week: string,
  slotKey: string,
  dueWith: () => MissionRow[],
): Digest | undefined {
  const key = `${slotKey}|${week}`;
  const slot = slots.get(db.$client);
  const cached = slot?.key === key ? slot.digests.get(mission.id) : undefined;
  if (cached) return cached;
  const batch = [mission, ...dueWith().filter((m) => m.id !== mission.id)];
  const digests = new Map<number, Digest>();
  const built = buildDigests(db, batch, week);
  batch.forEach((m, i) => {
    const digest = built[i];
    if (digest) digests.set(m.id, digest);
  });
  slots.set(db.$client, { key, digests });
  return digests.get(mission.id);
}
