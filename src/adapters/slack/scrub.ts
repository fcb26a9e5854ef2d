/** Slack tokens (bot, user, app, refresh, config) as they may appear inside error messages or URLs. */
const TOKEN = /\bx(?:ox[abposre]|app)-[A-Za-z0-9-]+/g;

/** Replaces anything shaped like a Slack token with `[redacted]`. */
export function scrubTokens(text: string): string {
  return text.replace(TOKEN, "[redacted]");
}

/** An error reduced to what is safe to log: name, message, Slack's code, stack; tokens removed. */
export function safeError(err: unknown): { name: string; message: string; code?: string; stack?: string } {
  if (!(err instanceof Error)) return { name: "NonError", message: scrubTokens(String(err)) };
  const code = "code" in err && typeof err.code === "string" ? err.code : undefined;
  const data = "data" in err && typeof err.data === "object" && err.data !== null ? err.data : undefined;
  const slackError = data && "error" in data && typeof data.error === "string" ? ` (${data.error})` : "";
  return {
    name: err.name,
    message: scrubTokens(err.message + slackError),
    ...(code ? { code } : {}),
    ...(err.stack ? { stack: scrubTokens(err.stack) } : {}),
  };
}
