import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { UserError } from "../src/core/errors.ts";
import { textReply } from "../src/core/reply.ts";
import { hasRole } from "../src/core/roles.ts";
import { resolveMission, setMissionLanguage } from "../src/db/repos/missions-repo.ts";
import { ENGLISH, languageName, nativeLanguageName, normalizeLanguage } from "../src/domain/languages.ts";

/** `/mission language <mission> <code>`: the language a mission's trend reports come in, besides English. */
export default defineCommand({
  name: "mission language",
  summary: "Set a mission's working language: its trend reports come in that language and in English.",
  examples: ["mission language paris fr", "mission language riyadh ar", "mission language london en"],
  args: z.object({
    mission: z.string().min(1).describe("Mission code, city, country or name"),
    language: z.string().min(1).describe("A language code such as fr, ar, es or ur; en for English only"),
  }),
  positional: ["mission", "language"],
  minRole: "mission_officer",
  mutates: true,
  execute(args, ctx) {
    const { db } = ctx.deps;
    const mission = resolveMission(db, args.mission, "/mission language");
    if (!hasRole(ctx.member.role, "scd") && ctx.member.missionId !== mission.id) {
      const yours = ctx.member.missionCode ? ` You answer for ${ctx.member.missionCode}.` : "";
      throw new UserError(
        "forbidden",
        `You can only set the language of your own mission.${yours} Ask the SCD to change ${mission.code}.`,
      );
    }
    const code = normalizeLanguage(args.language);
    if (code === null) {
      throw new UserError(
        "bad_language",
        `"${args.language.trim().slice(0, 40)}" is not a language code. Use a two-letter ISO 639 code, e.g. fr (French), ar (Arabic), es (Spanish) or ur (Urdu); en for English only.`,
      );
    }
    const language = code === ENGLISH ? null : code;
    const changed = setMissionLanguage(db, mission.id, language);
    ctx.audit("mission.language", { mission: mission.code, from: mission.language, to: language });
    const words =
      language === null
        ? "in English only"
        : `in ${languageName(language)} (${nativeLanguageName(language)}) and in English`;
    return {
      reply: textReply(`${changed ? "Done: " : "No change: "}${mission.name}'s trend reports come ${words}.`),
      data: { mission: mission.code, language, changed },
    };
  },
});
