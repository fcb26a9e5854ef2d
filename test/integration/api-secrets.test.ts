import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { readToken, storeToken } from "../../src/ingest/api/collect.ts";
import { decryptSecret, encryptSecret, parseSecretKey } from "../../src/ingest/api/secrets.ts";
import { tempDb } from "../helpers/db.ts";
import { SECRET_KEY, seedHandle, seedMission } from "./api-helpers.ts";

const TOKEN = "EAAGsecretPageToken_ÄÖ_123";

describe("per-handle token encryption", () => {
  it("round-trips a token through the database with a hex key", () => {
    const db = tempDb();
    const handle = seedHandle(db, seedMission(db), "facebook", "mofa_wash", "2001");
    storeToken(db, handle, TOKEN, SECRET_KEY, "page_token", "2027-01-31");
    expect(readToken(db, handle, SECRET_KEY)).toEqual({
      token: TOKEN,
      kind: "page_token",
      expiresAt: "2027-01-31T00:00:00.000Z",
    });
    const row = db.$client
      .prepare("SELECT iv, tag, ciphertext FROM credentials WHERE handle_id = ?")
      .get(handle) as {
      iv: string;
      tag: string;
      ciphertext: string;
    };
    expect(Buffer.from(row.iv, "base64")).toHaveLength(12);
    expect(Buffer.from(row.tag, "base64")).toHaveLength(16);
    expect(JSON.stringify(row)).not.toContain("EAAG");

    // Storing again replaces the token.
    storeToken(db, handle, "EAAGnewer", SECRET_KEY);
    expect(readToken(db, handle, SECRET_KEY)).toEqual({
      token: "EAAGnewer",
      kind: "page_token",
      expiresAt: null,
    });
    expect(db.$client.prepare("SELECT count(*) AS n FROM credentials").get()).toEqual({ n: 1 });
  });

  it("accepts the key as base64 of 32 bytes too", () => {
    const bytes = randomBytes(32);
    expect(parseSecretKey(bytes.toString("base64"))).toEqual(bytes);
    expect(parseSecretKey(bytes.toString("base64url"))).toEqual(bytes);
    expect(parseSecretKey(bytes.toString("hex"))).toEqual(bytes);
    const encrypted = encryptSecret(TOKEN, bytes);
    expect(decryptSecret(encrypted, bytes)).toBe(TOKEN);
    // A fresh IV every time: the same token never encrypts the same way twice.
    expect(encryptSecret(TOKEN, bytes).ciphertext).not.toBe(encrypted.ciphertext);
  });

  it("fails clearly with the wrong key, never returning garbage", () => {
    const db = tempDb();
    const handle = seedHandle(db, seedMission(db), "instagram", "mofa_wash_ig");
    storeToken(db, handle, TOKEN, SECRET_KEY);
    expect(() => readToken(db, handle, "f".repeat(64))).toThrowError(
      expect.objectContaining({
        code: "secret_undecryptable",
        message:
          "A stored token could not be decrypted with DMD_SECRET_KEY: the key is not the one it was stored with (or " +
          "the stored data was altered). Set DMD_SECRET_KEY back to the original key, or store the token again.",
      }),
    );
  });

  it("refuses a missing, short or malformed key when storing or reading, and stores nothing", () => {
    const db = tempDb();
    const handle = seedHandle(db, seedMission(db), "facebook", "mofa_wash");
    expect(() => storeToken(db, handle, TOKEN, "")).toThrowError(
      expect.objectContaining({
        code: "secret_key_missing",
        message:
          "DMD_SECRET_KEY is not set. DMD_SECRET_KEY must be 32 random bytes written as 64 hex characters or as " +
          "base64; create one with `openssl rand -hex 32` and keep it (tokens stored with a key can only be read " +
          "with that key).",
      }),
    );
    expect(() => storeToken(db, handle, TOKEN, randomBytes(16).toString("base64"))).toThrowError(
      expect.objectContaining({
        code: "secret_key_bad",
        message: expect.stringMatching(/^DMD_SECRET_KEY holds 16 bytes, not 32 \(too short\)\./),
      }),
    );
    expect(() => storeToken(db, handle, TOKEN, "not a key!")).toThrowError(
      expect.objectContaining({ code: "secret_key_bad" }),
    );
    expect(db.$client.prepare("SELECT count(*) AS n FROM credentials").get()).toEqual({ n: 0 });

    storeToken(db, handle, TOKEN, SECRET_KEY);
    expect(() => readToken(db, handle, undefined)).toThrowError(
      expect.objectContaining({ code: "secret_key_missing" }),
    );
  });

  it("refuses an empty token, an unknown handle and a bad expiry date", () => {
    const db = tempDb();
    const handle = seedHandle(db, seedMission(db), "facebook", "mofa_wash");
    expect(() => storeToken(db, handle, "   ", SECRET_KEY)).toThrowError(
      expect.objectContaining({ code: "empty_token" }),
    );
    expect(() => storeToken(db, 999, TOKEN, SECRET_KEY)).toThrowError(
      expect.objectContaining({ code: "unknown_handle" }),
    );
    expect(() => storeToken(db, handle, TOKEN, SECRET_KEY, "page_token", "soon")).toThrowError(
      expect.objectContaining({ code: "bad_expiry" }),
    );
    expect(db.$client.prepare("SELECT count(*) AS n FROM credentials").get()).toEqual({ n: 0 });
    expect(readToken(db, handle, SECRET_KEY)).toBeNull();
  });
});
