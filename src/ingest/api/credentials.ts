import { UserError } from "../../core/errors.ts";
import type { Db } from "../../db/client.ts";
import { createCollectionRepo } from "../../db/repos/collection-repo.ts";
import { createCredentialsRepo } from "../../db/repos/credentials-repo.ts";
import { decryptSecret, encryptSecret, parseSecretKey } from "./secrets.ts";

/** The command that stores a token, as messages tell users to run it. */
export function storeTokenCommand(handleRef: string): string {
  return `dmd credentials set ${handleRef}`;
}

/**
 * Stores a per-handle API token (a Facebook or Instagram Page access token, or a per-handle X
 * bearer / YouTube key) encrypted with AES-256-GCM under `secretKey` (`DMD_SECRET_KEY`).
 * Replaces any token the handle had. Bad input (no key, a short key, an empty token, an
 * unknown handle, a bad expiry date) is a {@link UserError} and stores nothing.
 */
export function storeToken(
  db: Db,
  handleId: number,
  token: string,
  secretKey: string,
  kind = "page_token",
  expiresAt: string | null = null,
): void {
  const key = parseSecretKey(secretKey);
  const value = token.trim();
  if (value === "") throw new UserError("empty_token", "The token is empty: paste the whole access token.");
  if (!createCollectionRepo(db).get(handleId)) {
    throw new UserError("unknown_handle", `There is no handle with id ${handleId}.`);
  }
  if (expiresAt !== null && !Number.isFinite(Date.parse(expiresAt))) {
    throw new UserError(
      "bad_expiry",
      `"${expiresAt}" is not a date: give the expiry as YYYY-MM-DD or an ISO instant.`,
    );
  }
  const encrypted = encryptSecret(value, key);
  createCredentialsRepo(db).put(
    {
      handleId,
      kind,
      ...encrypted,
      expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
    },
    new Date().toISOString(),
  );
}

/** A decrypted stored token with its kind and expiry. */
export interface StoredToken {
  token: string;
  kind: string;
  expiresAt: string | null;
}

/**
 * The handle's stored token, decrypted; null when none is stored. A missing or wrong key is
 * a {@link UserError} that says what to set.
 */
export function readToken(db: Db, handleId: number, secretKey: string | undefined): StoredToken | null {
  const row = createCredentialsRepo(db).get(handleId);
  if (!row) return null;
  const key = parseSecretKey(secretKey);
  return { token: decryptSecret(row, key), kind: row.kind, expiresAt: row.expiresAt };
}
