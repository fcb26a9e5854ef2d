import { z } from "zod";
import { PLATFORMS } from "../../src/db/schema.ts";

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
