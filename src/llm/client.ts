/**
 * The `openai` client, pointed at OpenAI or at any OpenAI-compatible server (`OPENAI_BASE_URL`),
 * and one chat completion that asks for JSON: JSON-schema structured output first; when the
 * server rejects that (400 about `response_format`), plain JSON mode; and when it rejects that
 * too, JSON asked for in the prompt alone.
 */
import OpenAI from "openai";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS } from "./defaults.ts";
import type { TokenUsage } from "./types.ts";

/** How to reach the LLM. */
export interface LlmClientOptions {
  apiKey: string;
  /** e.g. `http://127.0.0.1:8000/v1` for a model on the ministry's own servers. */
  baseUrl?: string;
  timeoutMs?: number;
  maxRetries?: number;
}

/** Creates the `openai` client. */
export function createOpenAiClient(options: LlmClientOptions): OpenAI {
  return new OpenAI({
    apiKey: options.apiKey,
    ...(options.baseUrl ? { baseURL: options.baseUrl } : {}),
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
  });
}

/** How the answer is asked to be JSON, from the strictest to the loosest. */
export type OutputMode = "json_schema" | "json_object" | "text";

/** One answer of the model. */
export interface Completion {
  content: string;
  model: string;
  usage: TokenUsage | null;
  /** The mode that worked (the caller keeps it for the next requests). */
  mode: OutputMode;
  finishReason: string | null;
}

/** One request. */
export interface CompletionRequest {
  model: string;
  messages: ChatCompletionMessageParam[];
  /** Start with this mode (the last one that worked). */
  mode: OutputMode;
  /** The JSON schema for `json_schema` mode. */
  schema: Record<string, unknown>;
  temperature?: number;
}

const NEXT_MODE: Record<OutputMode, OutputMode | null> = {
  json_schema: "json_object",
  json_object: "text",
  text: null,
};

/** True when the server said it does not support the `response_format` asked for. */
export function isUnsupportedFormat(err: unknown): boolean {
  if (!(err instanceof OpenAI.APIError)) return false;
  if (err.status !== 400 && err.status !== 422 && err.status !== 501) return false;
  const said = `${err.message} ${JSON.stringify(err.error ?? "")}`;
  return /response_format|json_schema|json_object|structured output|guided/i.test(said);
}

function responseFormat(mode: OutputMode, schema: Record<string, unknown>) {
  if (mode === "json_schema") {
    return {
      response_format: {
        type: "json_schema" as const,
        json_schema: { name: "trend_report", strict: true, schema },
      },
    };
  }
  if (mode === "json_object") return { response_format: { type: "json_object" as const } };
  return {};
}

/**
 * Asks for one chat completion in `request.mode`, stepping down to looser modes while the server
 * rejects the format. Other errors (429, 5xx, timeouts, after the client's own retries) are thrown.
 */
export async function completeJson(client: OpenAI, request: CompletionRequest): Promise<Completion> {
  let mode: OutputMode | null = request.mode;
  let lastError: unknown;
  while (mode !== null) {
    try {
      const response = await client.chat.completions.create({
        model: request.model,
        messages: request.messages,
        temperature: request.temperature ?? 0.2,
        ...responseFormat(mode, request.schema),
      });
      const choice = response.choices[0];
      return {
        content: choice?.message?.content ?? "",
        model: response.model || request.model,
        usage: response.usage
          ? {
              promptTokens: response.usage.prompt_tokens,
              completionTokens: response.usage.completion_tokens,
              totalTokens: response.usage.total_tokens,
            }
          : null,
        mode,
        finishReason: choice?.finish_reason ?? null,
      };
    } catch (err) {
      if (!isUnsupportedFormat(err)) throw err;
      lastError = err;
      mode = NEXT_MODE[mode];
    }
  }
  throw lastError;
}

/** Why a request failed, in words for the reader; never the key or the raw body. */
export function describeLlmError(err: unknown, timeoutMs: number): string {
  if (err instanceof OpenAI.APIConnectionTimeoutError) {
    return `the LLM did not answer within ${Math.round(timeoutMs / 100) / 10} s`;
  }
  if (err instanceof OpenAI.APIConnectionError) return "the LLM service could not be reached";
  if (err instanceof OpenAI.APIError) {
    if (err.status === 429) return "the LLM service is busy (429: too many requests)";
    if (err.status === 401 || err.status === 403)
      return `the LLM service refused the key (${err.status}): check OPENAI_API_KEY`;
    if (err.status === 404) return "the LLM service does not know the model (404): check OPENAI_MODEL";
    if (err.status !== undefined && err.status >= 500) return `the LLM service failed (${err.status})`;
    if (err.status !== undefined) return `the LLM service rejected the request (${err.status})`;
  }
  return "the LLM request failed";
}
