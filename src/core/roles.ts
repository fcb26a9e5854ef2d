import type { Role } from "../db/schema.ts";
import type { Membership } from "./command.ts";
import { UserError } from "./errors.ts";

const RANK: Record<Role, number> = { viewer: 0, mission_officer: 1, scd: 2, admin: 3 };

/** True when `role` is at least `min`. */
export function hasRole(role: Role, min: Role): boolean {
  return RANK[role] >= RANK[min];
}

/**
 * Allows admins and the SCD everywhere, and a mission officer only on their own mission.
 * @throws UserError `forbidden` otherwise.
 */
export function requireMissionAccess(member: Membership, mission: { id: number; code: string }): void {
  if (hasRole(member.role, "scd")) return;
  if (member.role === "mission_officer" && member.missionId === mission.id) return;
  const yours =
    member.role === "mission_officer" && member.missionCode ? ` You answer for ${member.missionCode}.` : "";
  throw new UserError(
    "forbidden",
    `You can only change handles of your own mission.${yours} Ask an admin to grant you access to ${mission.code}.`,
  );
}
