import { z } from "zod";
import type { Context } from "../../src/core/command.ts";
import { UserError } from "../../src/core/errors.ts";
import { requireMissionAccess } from "../../src/core/roles.ts";
import { findHandle } from "../../src/db/repos/handles-repo.ts";
import { resolveMission } from "../../src/db/repos/missions-repo.ts";
import { PLATFORMS, type Platform } from "../../src/db/schema.ts";
import { handleName } from "../../src/domain/platform-names.ts";

/** The arguments every `/handle …` command starts with. */
export const handleTarget = {
  mission: z.string().min(1).describe("Mission code, city, country or name"),
  platform: z.enum(PLATFORMS).describe("The platform"),
  handle: z
    .string()
    .trim()
    .transform((h) => h.replace(/^@/, ""))
    .pipe(
      z
        .string()
        .regex(
          /^[A-Za-z0-9._-]{1,100}$/,
          "a handle is letters, digits, dot, dash or underscore, without spaces",
        ),
    )
    .describe("The handle, with or without @"),
};

/**
 * The mission and its active handle named by a `/handle remove|verify` command, after checking
 * that the caller may change that mission.
 * @throws UserError `unknown_mission`, `forbidden` or `unknown_handle`.
 */
export function resolveOwnHandle(
  ctx: Context,
  args: { mission: string; platform: Platform; handle: string },
) {
  const { db } = ctx.deps;
  const mission = resolveMission(db, args.mission);
  requireMissionAccess(ctx.member, mission);
  const what = handleName(args.platform, args.handle);
  const handle = findHandle(db, args.platform, args.handle);
  if (!handle || handle.missionId !== mission.id || !handle.active) {
    throw new UserError(
      "unknown_handle",
      `${mission.name} has no active ${what}. See its handles with /handles ${mission.code}.`,
    );
  }
  return { mission, handle, what };
}
