import type { App, webApi } from "@slack/bolt";
import type { Caller } from "../../core/command.ts";
import { type Reply, reply } from "../../core/reply.ts";
import { hasRole } from "../../core/roles.ts";
import type { Db } from "../../db/client.ts";
import { getMembership } from "../../db/repos/members-repo.ts";
import { postReply } from "./deliver.ts";
import { DownloadError, downloadSlackFile } from "./download.ts";
import { apologyReply, logFailure } from "./failure.ts";
import type { SlackContext } from "./run-command.ts";

/** What the import entry point is given for one file. */
export interface ImportFileInput {
  fileName: string;
  bytes: Uint8Array;
  /** `platform:handle` when the user named the handle. */
  handle?: string;
  format?: string;
  dryRun?: boolean;
  /** `slack:U0123`, for the imports ledger and the audit log. */
  actor: string;
  now: Date;
}

/** The import entry point (`importFile` of `src/ingest/import-file.ts`), handed in by `main`. */
export type ImportFileFn<R> = (db: Db, input: ImportFileInput) => Promise<R[]>;

/** How imports reach the Slack adapter: the entry point and the report's wording. */
export interface SlackImporter<R = unknown> {
  importFile: ImportFileFn<R>;
  /** The report of one imported file (or zip entry) as lines. */
  formatReport(report: R): string[];
}

/** What a Slack file shared in a DM looks like, the parts we read. */
interface SharedFile {
  id?: string;
  name?: string | null;
  title?: string | null;
  size?: number;
  url_private?: string;
  url_private_download?: string;
}

/** Reads `x:mofa_uk`, `@x:mofa_uk` or `handle=x:mofa_uk` from the message sent with a file. */
export function handleHint(text: string | undefined): string | undefined {
  const m = /(?:^|\s)(?:handle=)?@?([a-z]+):@?([A-Za-z0-9_.-]{1,100})(?=\s|$)/i.exec(text ?? "");
  return m?.[1] && m[2] ? `${m[1].toLowerCase()}:${m[2]}` : undefined;
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

async function importOne<R>(
  ctx: SlackContext & { botToken: string; apiUrl?: string },
  importer: SlackImporter<R>,
  file: SharedFile,
  input: { actor: string; handle?: string },
): Promise<Reply> {
  const name = file.name ?? file.title ?? "file";
  const url = file.url_private_download ?? file.url_private;
  if (!url) {
    return reply([
      {
        type: "text",
        tone: "warning",
        text: `I could not find the contents of ${name}. Attach the file itself and send it again.`,
      },
    ]);
  }
  try {
    const bytes = await downloadSlackFile(url, ctx.botToken, ctx.apiUrl, file.size);
    const reports = await importer.importFile(ctx.deps.db, {
      fileName: name,
      bytes,
      actor: input.actor,
      now: ctx.deps.clock.now(),
      ...(input.handle ? { handle: input.handle } : {}),
    });
    const lines = reports.flatMap((r) => importer.formatReport(r));
    return reply([
      { type: "header", text: `Import of ${name}` },
      { type: "text", text: lines.length > 0 ? lines.join("\n") : "The file held nothing to import." },
    ]);
  } catch (err) {
    if (err instanceof DownloadError) return reply([{ type: "text", tone: "warning", text: err.message }]);
    if (err instanceof Error && err.name === "UserError") {
      const hints =
        "hints" in err && Array.isArray(err.hints)
          ? err.hints.filter((h): h is string => typeof h === "string")
          : [];
      return reply([
        { type: "text", tone: "warning", text: [`${name}: ${err.message}`, ...hints].join("\n") },
      ]);
    }
    return apologyReply(logFailure(ctx.logger, err, "file_import", { file: file.id }));
  }
}

/**
 * Imports export files people send the bot in a direct message: checks the sender may import
 * (mission officer or above, like `/handle add`), downloads each file with the bot token,
 * imports it, and answers in the DM with the import report.
 */
export function registerFileImports<R>(
  app: App,
  ctx: SlackContext & { botToken: string; apiUrl?: string },
  importer: SlackImporter<R> | undefined,
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
      if (!importer) {
        await say(
          reply([
            {
              type: "text",
              tone: "warning",
              text: "Imports are not switched on in this installation yet. Ask an administrator.",
            },
          ]),
        );
        return;
      }
      for (const file of files) {
        const handle = handleHint(text);
        await say(
          await importOne(ctx, importer, file, { actor: `slack:${userId}`, ...(handle ? { handle } : {}) }),
        );
      }
    } catch (err) {
      const errorId = logFailure(ctx.logger, err, "message_im");
      await say(apologyReply(errorId)).catch(() => {});
    }
  });
}
