import { and, eq, sql } from "drizzle-orm";
import type { Caller, Membership } from "../../core/command.ts";
import type { Db } from "../client.ts";
import { members, missions, type Role } from "../schema.ts";

/** A member as `/access list` shows them: role, and the mission's code for a mission officer. */
export interface MemberRow {
  platform: string;
  userId: string;
  displayName: string | null;
  role: Role;
  missionId: number | null;
  missionCode: string | null;
  grantedBy: string | null;
  createdAt: string;
  updatedAt: string | null;
}

/** What {@link upsertMember} writes. */
export interface MemberInput {
  platform: Caller["platform"] | string;
  userId: string;
  /** Kept as stored when left out. */
  displayName?: string | null;
  role: Role;
  /** The mission a mission_officer answers for; ignored (stored as null) for other roles. */
  missionId: number | null;
  /** `platform:userId` of the admin who granted the role. */
  grantedBy: string | null;
}

/**
 * The caller's role. The console operator is an admin (they are at the machine that holds the
 * database); a chat user is whatever the members table says, and a viewer when not in it.
 */
export function getMembership(db: Db, caller: Caller): Membership {
  if (caller.platform === "console") return { role: "admin", missionId: null, missionCode: null };
  const row = db
    .select({ role: members.role, missionId: members.missionId, missionCode: missions.code })
    .from(members)
    .leftJoin(missions, eq(members.missionId, missions.id))
    .where(and(eq(members.platform, caller.platform), eq(members.userId, caller.userId)))
    .get();
  if (!row) return { role: "viewer", missionId: null, missionCode: null };
  if (row.role !== "mission_officer") return { role: row.role, missionId: null, missionCode: null };
  return { role: row.role, missionId: row.missionId, missionCode: row.missionCode };
}

/**
 * Gives a user a role, creating or replacing their membership (one per platform user).
 *
 * @throws Error when a mission_officer has no mission: the command must ask for one first.
 */
export function upsertMember(db: Db, input: MemberInput): void {
  if (input.role === "mission_officer" && input.missionId === null) {
    throw new Error("upsertMember: a mission_officer needs a missionId");
  }
  const missionId = input.role === "mission_officer" ? input.missionId : null;
  const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;
  const changes = {
    role: input.role,
    missionId,
    grantedBy: input.grantedBy,
    updatedAt: now,
    ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
  };
  db.insert(members)
    .values({
      platform: input.platform,
      userId: input.userId,
      displayName: input.displayName ?? null,
      role: input.role,
      missionId,
      grantedBy: input.grantedBy,
    })
    .onConflictDoUpdate({ target: [members.platform, members.userId], set: changes })
    .run();
}

/** Removes a user's membership (they become a viewer); false when they had none. */
export function removeMember(db: Db, platform: string, userId: string): boolean {
  const result = db
    .delete(members)
    .where(and(eq(members.platform, platform), eq(members.userId, userId)))
    .run();
  return result.changes > 0;
}

/** Every member, most powerful role first, then by mission code and user. */
export function listMembers(db: Db): MemberRow[] {
  const roleOrder = sql`case ${members.role} when 'admin' then 0 when 'scd' then 1 when 'mission_officer' then 2 else 3 end`;
  return db
    .select({
      platform: members.platform,
      userId: members.userId,
      displayName: members.displayName,
      role: members.role,
      missionId: members.missionId,
      missionCode: missions.code,
      grantedBy: members.grantedBy,
      createdAt: members.createdAt,
      updatedAt: members.updatedAt,
    })
    .from(members)
    .leftJoin(missions, eq(members.missionId, missions.id))
    .orderBy(roleOrder, sql`coalesce(${missions.code}, '')`, members.platform, members.userId)
    .all();
}
