import type { App, webApi } from "@slack/bolt";
import type { Caller, Membership } from "../../core/command.ts";
import { apologyReply } from "../../core/failure.ts";
import { type Reply, reply } from "../../core/reply.ts";
import { hasRole } from "../../core/roles.ts";
import { getMembership } from "../../db/repos/members-repo.ts";
import { PLATFORMS } from "../../db/schema.ts";
import { type ImportFileFn, importSentFile } from "../shared/file-import.ts";
import { postReply } from "./deliver.ts";
import { downloadSlackFile } from "./download.ts";
import { logFailure } from "./failure.ts";
import type { SlackContext } from "./run-command.ts";

/** What a Slack file shared in a DM looks like, the parts we read. */
interface SharedFile {
  id?: string;
  name?: string | null;
  title?: string | null;
  size?: number;
  url_private?: string;
  url_private_download?: string;
}

/** Reads `x:mofa_uk`, `@x:mofa_uk` or `handle=x:mofa_uk` (a known platform) from the message sent with a file. */
export function handleHint(text: string | undefined): string | undefined {
  const pattern = /(?:^|\s)(?:handle=)?@?([a-z]+):@?([A-Za-z0-9_.-]{1,100})(?=\s|$)/gi;
  for (const m of (text ?? "").matchAll(pattern)) {
    const platform = m[1]?.toLowerCase();
    if (platform && m[2] && (PLATFORMS as readonly string[]).includes(platform)) return `${platform}:${m[2]}`;
  }
  return undefined;
}

function importRefusal(): Reply {
  return reply(
    [
      {
        type: "text",
        tone: "warning",
        text: "Only mission officers, SCD staff and admins can import files, and you are not one yet. Ask an admin to give you access with /access grant, then send the file again.",
      },
    ],
    { fallback: "You cannot import files yet: ask an admin for access." },
  );
}

function dmHint(): Reply {
  return reply(
    [
      {
        type: "text",
        text: "Send me a platform export file here and I will import it. For figures, type /mission-stats with a mission, or /help to see every command.",
      },
    ],
    { fallback: "Send me an export file, or type /help." },
  );
}

function warning(text: string): Reply {
  return reply([{ type: "text", tone: "warning", text }]);
}

async function importOne(
  ctx: SlackContext & { botToken: string; apiUrl?: string },
  importFile: ImportFileFn,
  file: SharedFile,
  input: { actor: string; member: Membership; handle?: string },
): Promise<Reply> {
  const name = file.name ?? file.title ?? "file";
  const url = file.url_private_download ?? file.url_private;
  if (!url)
    return warning(`I could not find the contents of ${name}. Attach the file itself and send it again.`);
  try {
    const outcome = await importSentFile(ctx.deps, importFile, {
      name,
      download: () => downloadSlackFile(url, ctx.botToken, ctx.apiUrl, file.size),
      ...input,
      sendVerb: "Send",
    });
    return "reply" in outcome ? outcome.reply : warning(outcome.warning);
  } catch (err) {
    return apologyReply(logFailure(ctx.logger, err, "file_import", { file: file.id }));
  }
}

/**
 * Imports export files people send the bot in a direct message: checks the sender may import
 * (mission officer or above, like `/handle add`), downloads each file with the bot token,
 * imports it, and answers in the DM with the import report.
 */
export function registerFileImports(
  app: App,
  ctx: SlackContext & { botToken: string; apiUrl?: string },
  importFile: ImportFileFn | undefined,
): void {
  app.message(async ({ message, client }) => {
    if (message.channel_type !== "im") return;
    if (message.subtype !== undefined && message.subtype !== "file_share") return;
    const userId = "user" in message && typeof message.user === "string" ? message.user : undefined;
    if (!userId) return;
    const channel = message.channel;
    const files: SharedFile[] = "files" in message && Array.isArray(message.files) ? message.files : [];
    const text = "text" in message && typeof message.text === "string" ? message.text : undefined;
    const say = (r: Reply) => postReply(client as webApi.WebClient, channel, r, ctx.logger);
    try {
      if (files.length === 0) {
        await say(dmHint());
        return;
      }
      const caller: Caller = { platform: "slack", userId };
      const member = getMembership(ctx.deps.db, caller);
      if (!hasRole(member.role, "mission_officer")) {
        await say(importRefusal());
        return;
      }
      if (!importFile) {
        await say(warning("Imports are not switched on in this installation yet. Ask an administrator."));
        return;
      }
      for (const file of files) {
        const handle = handleHint(text);
        await say(
          await importOne(ctx, importFile, file, {
            actor: `slack:${userId}`,
            member,
            ...(handle ? { handle } : {}),
          }),
        );
      }
    } catch (err) {
      const errorId = logFailure(ctx.logger, err, "message_im");
      await say(apologyReply(errorId)).catch(() => {});
    }
  });
}
