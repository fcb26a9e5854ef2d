/** Defaults of the LLM connection, kept apart so that reading them does not load the `openai` client. */

/** The model asked when `OPENAI_MODEL` is not set. */
export const DEFAULT_MODEL = "gpt-4o-mini";
/** How long one request may take before it is abandoned (ms). */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** How many times the client repeats a request that failed with 429, 5xx, a timeout or a lost connection. */
export const DEFAULT_MAX_RETRIES = 2;
