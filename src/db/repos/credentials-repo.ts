import { eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { credentials } from "../schema.ts";

/** One stored credential: encrypted, never the token itself. */
export type CredentialRow = typeof credentials.$inferSelect;

/** What {@link CredentialsRepo.put} stores. */
export interface CredentialInput {
  handleId: number;
  kind: string;
  iv: string;
  tag: string;
  ciphertext: string;
  expiresAt: string | null;
}

/**
 * Reads and writes the `credentials` table. It only moves encrypted values around: encryption
 * lives in `ingest/api/secrets.ts`, so nothing here can leak a token.
 */
export function createCredentialsRepo(db: Db) {
  return {
    /** The handle's credential, or null. */
    get(handleId: number): CredentialRow | null {
      return db.select().from(credentials).where(eq(credentials.handleId, handleId)).get() ?? null;
    },

    /** Inserts or replaces the handle's credential. */
    put(input: CredentialInput, at: string): void {
      db.insert(credentials)
        .values({ ...input, createdAt: at })
        .onConflictDoUpdate({
          target: credentials.handleId,
          set: {
            kind: input.kind,
            iv: input.iv,
            tag: input.tag,
            ciphertext: input.ciphertext,
            expiresAt: input.expiresAt,
            updatedAt: at,
          },
        })
        .run();
    },

    /** Deletes the handle's credential; true when there was one. */
    remove(handleId: number): boolean {
      return db.delete(credentials).where(eq(credentials.handleId, handleId)).run().changes > 0;
    },
  };
}

/** The repo returned by {@link createCredentialsRepo}. */
export type CredentialsRepo = ReturnType<typeof createCredentialsRepo>;
