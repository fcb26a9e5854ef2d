import { dirname, join } from "node:path";
import { renderForConsole } from "../adapters/console/render.ts";
import type { Caller } from "../core/command.ts";
import type { Reply } from "../core/reply.ts";
import { consoleCaller, wireApp } from "../main.ts";

/** Options of `dmd ask`. */
export interface AskOptions {
  dbPath?: string;
  text: string;
  operator: string;
  json?: boolean;
  as?: string;
  asOf?: string;
}

const AS_PATTERN = /^(slack|discord|console):([^\s]{1,64})$/;

/**
 * `dmd ask "<chat command>"`: runs one command exactly as the console would and prints the
 * reply (or `{ reply, data }` with `--json`). Returns 0, 1 for a user error, 2 for an internal one.
 */
export async function runAsk(options: AskOptions): Promise<number> {
  let caller: Caller = consoleCaller(options.operator);
  if (options.as) {
    const match = AS_PATTERN.exec(options.as);
    if (!match?.[1] || !match[2]) {
      process.stderr.write(
        `--as "${options.as}" should be platform:user, e.g. slack:U0123ABC or discord:81234567890.\n`,
      );
      return 1;
    }
    caller = { platform: match[1] as Caller["platform"], userId: match[2] };
  }
  const app = wireApp({ dbPath: options.dbPath });
  try {
    const outcome = await app.dispatcher.run({ text: options.text, caller, asOf: options.asOf });
    if (outcome.status === "ok") {
      const { reply, data } = outcome.result;
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ reply: jsonReply(reply), data: data ?? null }, null, 2)}\n`);
      } else {
        const chartDir = join(dirname(app.config.dbPath), "charts");
        process.stdout.write(`${renderForConsole(reply, { chartDir, color: false }).text}\n`);
      }
      return 0;
    }
    process.stderr.write(`${outcome.reply.fallback || textOf(outcome.reply)}\n`);
    if (outcome.status === "user_error" && outcome.error.hints.length > 0) {
      process.stderr.write(`${outcome.error.hints.join("\n")}\n`);
    }
    return outcome.status === "user_error" ? 1 : 2;
  } finally {
    app.close();
  }
}

/** The Reply as JSON, with chart PNGs as base64 data URLs instead of byte arrays. */
function jsonReply(reply: Reply): unknown {
  return {
    ...reply,
    elements: reply.elements.map((el) =>
      el.type === "chart"
        ? { ...el, png: `data:image/png;base64,${Buffer.from(el.png).toString("base64")}` }
        : el,
    ),
  };
}

function textOf(reply: Reply): string {
  return reply.elements
    .flatMap((el) => (el.type === "text" || el.type === "header" || el.type === "context" ? [el.text] : []))
    .join("\n");
}
