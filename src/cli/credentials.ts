import { readFile } from "node:fs/promises";
import { UserError } from "../core/errors.ts";
import { findHandle } from "../db/repos/handles-repo.ts";
import { storeToken } from "../ingest/api/credentials.ts";
import { withApp } from "./with-app.ts";

/** Options of `dmd credentials set`. */
export interface CredentialsOptions {
  dbPath?: string;
  handle: string;
  tokenFile?: string;
  expires?: string;
}

/**
 * `dmd credentials set <platform:handle>`: stores a page token encrypted with DMD_SECRET_KEY.
 * The token is read from a file or standard input, never from the command line, so it stays
 * out of shell history and process lists.
 */
export async function runCredentialsSet(options: CredentialsOptions): Promise<number> {
  return withApp({ dbPath: options.dbPath }, async (app) => {
    const [platform, name] = options.handle.split(":");
    if (!platform || !name) {
      throw new UserError(
        "bad_handle",
        `"${options.handle}" should be platform:handle, e.g. facebook:ArcadiaEmbassyUSA.`,
      );
    }
    const handle = findHandle(app.deps.db, platform, name);
    if (!handle)
      throw new UserError("unknown_handle", `There is no handle ${options.handle}. See /handles <mission>.`);
    const token = options.tokenFile ? await readFile(options.tokenFile, "utf8") : await readStdin();
    if (!app.config.collect.secretKey) {
      throw new UserError(
        "no_secret_key",
        "Set DMD_SECRET_KEY first (64 hex characters: openssl rand -hex 32).",
      );
    }
    storeToken(
      app.deps.db,
      handle.id,
      token,
      app.config.collect.secretKey,
      "page_token",
      options.expires ?? null,
    );
    process.stdout.write(`Token stored (encrypted) for ${options.handle}.\n`);
    return 0;
  });
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("Paste the token, then press Enter and Ctrl-D:\n");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
