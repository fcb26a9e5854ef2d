import { createInterface } from "node:readline";
import { isUserError } from "../../core/errors.ts";
import type { Reply } from "../../core/reply.ts";
import { renderForConsole } from "./render.ts";
import { sanitizeLine } from "./sanitize.ts";

/**
 * Runs one command line as the console operator and returns the reply. Given by `main`; the
 * line is passed as typed, with or without its leading slash.
 */
export type ConsoleDispatch = (text: string) => Promise<Reply>;

/** What the interactive console reads from, writes to, and runs. */
export interface ConsoleOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  dispatch: ConsoleDispatch;
  /** Where chart PNGs are saved. */
  chartDir: string;
  /** ANSI styles in replies. */
  color: boolean;
  /** Lines printed once at start. */
  banner: string[];
  /** The time chart file names carry; default the current time. */
  now?: () => Date;
}

/** The prompt shown before each command. */
export const PROMPT = "dmd> ";

const EXIT = /^\/?(exit|quit)$/i;
const HISTORY = /^\/?history$/i;
const MAX_ERROR_LENGTH = 300;

function columnsOf(stream: NodeJS.WritableStream): number | undefined {
  const columns: unknown = Reflect.get(stream, "columns");
  return typeof columns === "number" && columns > 0 ? columns : undefined;
}

function isTerminal(stream: NodeJS.ReadableStream | NodeJS.WritableStream): boolean {
  return Reflect.get(stream, "isTTY") === true;
}

/** A short message for an error, without its stack: the console keeps running after it. */
function describeError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const first = sanitizeLine(message.split("\n")[0] ?? "").slice(0, MAX_ERROR_LENGTH);
  if (isUserError(err)) return [first, ...err.hints.map((h) => `  ${sanitizeLine(h)}`)].join("\n");
  return `Something went wrong: ${first || "unknown error"}`;
}

/**
 * The interactive console: prints the banner, then reads commands at the `dmd> ` prompt, one
 * line at a time, and prints each reply rendered for the terminal. "exit", "quit", Ctrl-D (end
 * of input) and Ctrl-C end it; empty lines are ignored; "history" lists this session's commands
 * (a terminal also recalls them with the arrow keys). A failing command prints a short message
 * and the console carries on. Resolves when the console ends; the streams are left open.
 */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { input, output, dispatch } = options;
  const terminal = isTerminal(input) && isTerminal(output);
  const rl = createInterface({ input, output, prompt: PROMPT, terminal, historySize: 500 });
  // Listen at once: lines read before the iterator exists would be lost.
  const lines = rl[Symbol.asyncIterator]();
  const history: string[] = [];
  let closed = false;
  let exitTyped = false;
  rl.on("close", () => {
    closed = true;
  });
  rl.on("SIGINT", () => rl.close());
  // Lines read before the end of input still get their prompt, so the transcript does not
  // depend on when the end arrived; a closed interface can no longer prompt by itself.
  const prompt = () => {
    if (closed) output.write(PROMPT);
    else rl.prompt();
  };

  for (const line of options.banner) output.write(`${line}\n`);
  prompt();
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === "") {
      prompt();
      continue;
    }
    if (EXIT.test(line)) {
      exitTyped = true;
      break;
    }
    if (HISTORY.test(line)) {
      const listed = history.map((cmd, i) => `${String(i + 1).padStart(3)}  ${sanitizeLine(cmd)}`);
      output.write(listed.length === 0 ? "No commands yet.\n" : `${listed.join("\n")}\n`);
      prompt();
      continue;
    }
    history.push(line);
    try {
      const reply = await dispatch(line);
      const width = columnsOf(output);
      const { chartDir, color, now } = options;
      const { text } = renderForConsole(reply, { chartDir, color, width, now });
      output.write(`${text}\n`);
    } catch (err) {
      output.write(`${describeError(err)}\n`);
    }
    prompt();
  }
  rl.close();
  // End of input leaves the cursor after the prompt; start the shell's next line cleanly.
  if (!exitTyped) output.write("\n");
}
