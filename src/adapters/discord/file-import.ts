import "./load-guard.ts";
import { type ChatInputCommandInteraction, MessageFlags } from "discord.js";
import type { Caller, Deps, Membership } from "../../core/command.ts";
import { apologyReply } from "../../core/failure.ts";
import type { Logger } from "../../core/logger.ts";
import type { Reply } from "../../core/reply.ts";
import { hasRole } from "../../core/roles.ts";
import { getMembership } from "../../db/repos/members-repo.ts";
import { DownloadError, type ImportFileFn, importSentFile, MAX_IMPORT_BYTES } from "../shared/file-import.ts";
import { interactionPayload } from "./deliver.ts";
import { logDiscordFailure, warningReply } from "./failure.ts";

/** What `/import` needs besides the interaction. */
export interface ImportContext {
  deps: Deps;
  logger: Logger;
  importFile?: ImportFileFn;
  /** `DISCORD_API_URL`, whose host is trusted for attachments as Discord's CDN is. */
  apiUrl?: string;
}

/**
 * True when an attachment URL is on Discord's CDN (or the configured API host, for tests and
 * proxies). Attachments come from Discord, but the bot fetches nothing from anywhere else.
 */
export function isDiscordAttachmentUrl(url: string, apiUrl: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (apiUrl) {
    try {
      const api = new URL(apiUrl);
      if (api.host === parsed.host && api.protocol === parsed.protocol) return true;
    } catch {
      // A bad DISCORD_API_URL is refused at start; here it just matches nothing.
    }
  }
  return (
    parsed.protocol === "https:" &&
    ["cdn.discordapp.com", "media.discordapp.net", "cdn.discordapp.net"].includes(parsed.hostname)
  );
}

async function download(url: string, size: number, apiUrl: string | undefined): Promise<Uint8Array> {
  if (size > MAX_IMPORT_BYTES) {
    throw new DownloadError(
      `The file is ${Math.ceil(size / 1024 / 1024)} MB; I take files of up to 50 MB. Export a shorter period and attach that.`,
    );
  }
  if (!isDiscordAttachmentUrl(url, apiUrl)) {
    throw new DownloadError(
      "That file is not stored in Discord, so I cannot download it. Attach the file itself.",
    );
  }
  const res = await fetch(url);
  if (!res.ok)
    throw new DownloadError(`Discord would not give me the file (HTTP ${res.status}). Attach it again.`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new DownloadError("The file is larger than 50 MB; export a shorter period and attach that.");
  }
  return bytes;
}

function refusal(): Reply {
  return warningReply(
    "Only mission officers, SCD staff and admins can import files, and you are not one yet. Ask an admin to give you access with /access grant, then attach the file again.",
  );
}

async function importAttachment(
  ctx: ImportContext,
  importFile: ImportFileFn,
  input: { name: string; url: string; size: number; handle?: string; caller: Caller; member: Membership },
): Promise<Reply> {
  try {
    const outcome = await importSentFile(ctx.deps, importFile, {
      name: input.name,
      download: () => download(input.url, input.size, ctx.apiUrl),
      actor: `discord:${input.caller.userId}`,
      member: input.member,
      sendVerb: "Attach",
      ...(input.handle ? { handle: input.handle } : {}),
    });
    return "reply" in outcome ? outcome.reply : warningReply(outcome.warning);
  } catch (err) {
    return apologyReply(logDiscordFailure(ctx.logger, err, "file_import", { file: input.name }));
  }
}

/**
 * `/import file:<attachment> [handle:<platform:handle>]`: checks the caller may import (mission
 * officer or above, like `/handle add`), downloads the attachment from Discord, imports it with
 * `importFile`, and answers privately with the import report. A mission officer's file for
 * another mission is refused before anything is written.
 */
export async function answerImport(
  ctx: ImportContext,
  interaction: ChatInputCommandInteraction,
): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const caller: Caller = { platform: "discord", userId: interaction.user.id };
  const member = getMembership(ctx.deps.db, caller);
  let answer: Reply;
  if (!hasRole(member.role, "mission_officer")) {
    answer = refusal();
  } else if (!ctx.importFile) {
    answer = warningReply("Imports are not switched on in this installation yet. Ask an administrator.");
  } else {
    const file = interaction.options.getAttachment("file", false);
    const handle = interaction.options.getString("handle", false)?.trim();
    answer = file
      ? await importAttachment(ctx, ctx.importFile, {
          name: file.name,
          url: file.url,
          size: file.size,
          caller,
          member,
          ...(handle ? { handle } : {}),
        })
      : warningReply("Attach the export file to /import (the file option), then send it.");
  }
  await interaction.editReply(interactionPayload(answer, { edit: true }));
}
