import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { UserError } from "../../core/errors.ts";

/** One encrypted secret as stored: base64 of the IV, the GCM auth tag and the ciphertext. */
export interface EncryptedSecret {
  iv: string;
  tag: string;
  ciphertext: string;
}

const KEY_HINT =
  "DMD_SECRET_KEY must be 32 random bytes written as 64 hex characters or as base64; " +
  "create one with `openssl rand -hex 32` and keep it (tokens stored with a key can only be read with that key)";

/**
 * Reads the AES-256 key from `DMD_SECRET_KEY`: 64 hex characters, or base64 (standard or URL
 * alphabet) of exactly 32 bytes. A missing, short or malformed key is a {@link UserError}
 * that says how to make a good one; the key itself never appears in the message.
 */
export function parseSecretKey(raw: string | undefined): Buffer {
  const text = raw?.trim() ?? "";
  if (text === "") throw new UserError("secret_key_missing", `DMD_SECRET_KEY is not set. ${KEY_HINT}.`);
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, "hex");
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
    const bytes = Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    if (bytes.length === 32) return bytes;
    throw new UserError(
      "secret_key_bad",
      `DMD_SECRET_KEY holds ${bytes.length} bytes, not 32 (too ${bytes.length < 32 ? "short" : "long"}). ${KEY_HINT}.`,
    );
  }
  throw new UserError("secret_key_bad", `DMD_SECRET_KEY is neither hex nor base64. ${KEY_HINT}.`);
}

/** Encrypts `plain` with AES-256-GCM under `key` and a fresh random 12-byte IV. */
export function encryptSecret(plain: string, key: Buffer): EncryptedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return {
    iv: iv.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
    ciphertext: ciphertext.toString("base64"),
  };
}

/**
 * Decrypts a secret from {@link encryptSecret}. A wrong key or altered data fails the GCM
 * check and becomes a {@link UserError} that says so, never garbage text.
 */
export function decryptSecret(secret: EncryptedSecret, key: Buffer): string {
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(secret.iv, "base64"));
    decipher.setAuthTag(Buffer.from(secret.tag, "base64"));
    return Buffer.concat([
      decipher.update(Buffer.from(secret.ciphertext, "base64")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    throw new UserError(
      "secret_undecryptable",
      "A stored token could not be decrypted with DMD_SECRET_KEY: the key is not the one it was stored with " +
        "(or the stored data was altered). Set DMD_SECRET_KEY back to the original key, or store the token again.",
    );
  }
}
