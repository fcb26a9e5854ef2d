/**
 * The summarizer: asks the LLM for a report on a facts pack, checks it (shape, then grounding),
 * gives it one more try saying exactly what was wrong, and otherwise falls back to the automatic
 * summary. Nothing the check rejected is ever returned as the report.
 */
import type OpenAI from "openai";
import type { Logger } from "../core/logger.ts";
import { checkGrounding, describeViolations } from "../domain/grounding.ts";
import { automaticResult } from "./automatic.ts";
import type { Completion, OutputMode } from "./client.ts";
import { DEFAULT_MODEL, DEFAULT_TIMEOUT_MS } from "./defaults.ts";
import { buildMessages, retryMessage } from "./prompt.ts";
import { parseReport, reportJsonSchema } from "./schema.ts";
import type { AttemptViolation, Summarizer, SummaryRequest, SummaryResult, TokenUsage } from "./types.ts";

export { automaticResult } from "./automatic.ts";

/** How many answers the LLM may give per report: the first and one retry. */
export const MAX_ATTEMPTS = 2;

/** How to build a summarizer. */
export interface SummarizerOptions {
  apiKey: string;
  baseUrl?: string;
  model?: string;
  timeoutMs?: number;
  maxRetries?: number;
  logger?: Logger;
  /** A ready client (tests hand in one); otherwise one is created from the options. */
  client?: OpenAI;
}

function addUsage(total: TokenUsage | null, more: TokenUsage | null): TokenUsage | null {
  if (more === null) return total;
  if (total === null) return { ...more };
  return {
    promptTokens: total.promptTokens + more.promptTokens,
    completionTokens: total.completionTokens + more.completionTokens,
    totalTokens: total.totalTokens + more.totalTokens,
  };
}

/**
 * Creates the summarizer. It remembers which JSON mode the server accepts. The `openai` client is
 * loaded on the first report, so a bot without reports to write never loads it.
 */
export function createSummarizer(options: SummarizerOptions): Summarizer {
  let llm: Promise<typeof import("./client.ts")> | undefined;
  let client: OpenAI | undefined = options.client;
  const model = options.model ?? DEFAULT_MODEL;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const log = options.logger?.child({ part: "llm" });
  let mode: OutputMode = "json_schema";

  async function summarize({ pack, language }: SummaryRequest): Promise<SummaryResult> {
    let tools: typeof import("./client.ts");
    let openai: OpenAI;
    try {
      llm ??= import("./client.ts");
      tools = await llm;
      client ??= tools.createOpenAiClient(options);
      openai = client;
    } catch (err) {
      log?.error({ err: String(err) }, "could not start the LLM client");
      return automaticResult(pack, language, "the LLM client could not be started");
    }
    const { completeJson, describeLlmError } = tools;
    const messages = buildMessages(pack, language);
    const schema = reportJsonSchema(pack.facts.map((f) => f.id));
    const violations: AttemptViolation[] = [];
    let usage: TokenUsage | null = null;
    let servedBy: string = model;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      let completion: Completion;
      try {
        completion = await completeJson(openai, { model, messages, mode, schema });
      } catch (err) {
        const reason = describeLlmError(err, timeoutMs);
        log?.warn({ subject: pack.subject.code, language, attempt, reason }, "LLM request failed");
        return automaticResult(pack, language, reason, {
          violations,
          model: servedBy,
          usage,
          attempts: attempt - 1,
        });
      }
      mode = completion.mode;
      servedBy = completion.model;
      usage = addUsage(usage, completion.usage);
      const parsed = parseReport(completion.content);
      let problems: string[];
      if (parsed.ok) {
        const grounding = checkGrounding(parsed.report, pack);
        if (grounding.grounded) {
          return {
            source: "llm",
            language,
            requestedLanguage: language,
            grounded: true,
            violations,
            model: servedBy,
            usage,
            report: parsed.report,
            fallbackReason: null,
            attempts: attempt,
          };
        }
        violations.push(...grounding.violations.map((v) => ({ ...v, attempt })));
        problems = describeViolations(grounding.violations);
      } else {
        const cut =
          completion.finishReason === "length" ? ["The answer was cut off: keep the report shorter."] : [];
        problems = [...cut, ...parsed.problems];
        violations.push(
          ...problems.map((message) => ({
            where: "report",
            kind: "invalid_output" as const,
            text: "",
            message,
            attempt,
          })),
        );
      }
      log?.info(
        { subject: pack.subject.code, language, attempt, problems: problems.length },
        "LLM report rejected",
      );
      messages.push(
        { role: "assistant", content: completion.content },
        { role: "user", content: retryMessage(problems) },
      );
    }
    const shapeOnly = violations.every((v) => v.kind === "invalid_output");
    const reason = shapeOnly
      ? `the LLM's answer was not a report in the required form, twice`
      : `the LLM's report stated figures that do not match our facts, twice`;
    return automaticResult(pack, language, reason, {
      violations,
      model: servedBy,
      usage,
      attempts: MAX_ATTEMPTS,
    });
  }

  return { model, summarize };
}
