/**
 * A fake OpenAI-compatible server on 127.0.0.1 for the real `openai` client: `POST
 * /v1/chat/completions` answers in the chat completions shape (`id`, `object:
 * "chat.completion"`, `created`, `model`, `choices[{ index, message: { role, content },
 * finish_reason }]`, `usage`). Each test scripts what it answers, step by step: a reply, an
 * HTTP error (429 with `retry-after-ms`, 500, 400 …) or a hang (the request is never answered
 * until the server closes). When the script is empty, `fallback` answers, or a 500 says so.
 *
 * Like servers that do not support structured output, it can refuse `response_format:
 * json_schema` (and `json_object`) with a 400 naming `response_format`, without using a step.
 * Every request is recorded (body and headers) for assertions.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One chat message as the client sent it. */
export interface FakeMessage {
  role: string;
  content: string;
}

/** One request the fake received. */
export interface FakeRequest {
  model: string;
  messages: FakeMessage[];
  /** `json_schema`, `json_object`, or undefined when none was asked. */
  responseFormat: string | undefined;
  /** The system message. */
  system: string;
  /** The last user message. */
  lastUser: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

/** What the fake does with one request. */
export type FakeStep =
  | {
      kind: "reply";
      content: string;
      model?: string;
      finishReason?: string;
      usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
    }
  | { kind: "error"; status: number; message: string; type?: string; headers?: Record<string, string> }
  | { kind: "hang" };

/** Decides a step from the request (e.g. by the language asked for). */
export type FakeHandler = (request: FakeRequest) => FakeStep;

/** A running fake. */
export interface FakeOpenAi {
  /** The base URL to hand the client, e.g. `http://127.0.0.1:41234/v1`. */
  baseUrl: string;
  /** Every request received, in order (refused `response_format` ones included). */
  requests: FakeRequest[];
  /** Appends steps (or handlers) to the script. */
  script(...steps: (FakeStep | FakeHandler)[]): void;
  /** What answers when the script is empty. */
  setFallback(handler: FakeHandler | null): void;
  /** Refuses these `response_format` types with a 400, as servers without structured output do. */
  refuseFormats(types: ("json_schema" | "json_object")[]): void;
  close(): Promise<void>;
}

/** A reply step carrying `value` as JSON text. */
export function jsonReply(
  value: unknown,
  extra: Partial<Extract<FakeStep, { kind: "reply" }>> = {},
): FakeStep {
  return { kind: "reply", content: JSON.stringify(value), ...extra };
}

/** Options of {@link startFakeOpenAi}. */
export interface FakeOpenAiOptions {
  fallback?: FakeHandler;
  refuse?: ("json_schema" | "json_object")[];
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function toRequest(body: Record<string, unknown>, authorization: string | undefined): FakeRequest {
  const messages = (Array.isArray(body.messages) ? body.messages : []).map((m) => {
    const message = (m ?? {}) as { role?: unknown; content?: unknown };
    return {
      role: String(message.role ?? ""),
      content: typeof message.content === "string" ? message.content : "",
    };
  });
  const format = body.response_format as { type?: unknown } | undefined;
  return {
    model: String(body.model ?? ""),
    messages,
    responseFormat: typeof format?.type === "string" ? format.type : undefined,
    system: messages.find((m) => m.role === "system")?.content ?? "",
    lastUser: [...messages].reverse().find((m) => m.role === "user")?.content ?? "",
    authorization,
    body,
  };
}

/** Starts the fake on 127.0.0.1 and a free port. */
export async function startFakeOpenAi(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  const queue: (FakeStep | FakeHandler)[] = [];
  const requests: FakeRequest[] = [];
  let fallback: FakeHandler | null = options.fallback ?? null;
  let refused = new Set<string>(options.refuse ?? []);
  let counter = 0;

  const server = createServer(async (req, res) => {
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
      send(res, 404, {
        error: { message: `No route ${req.method} ${req.url}`, type: "invalid_request_error" },
      });
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    } catch {
      send(res, 400, { error: { message: "The body is not JSON.", type: "invalid_request_error" } });
      return;
    }
    const request = toRequest(body, req.headers.authorization);
    requests.push(request);
    if (request.responseFormat && refused.has(request.responseFormat)) {
      send(res, 400, {
        error: {
          message: `Invalid parameter: 'response_format' of type '${request.responseFormat}' is not supported by this server.`,
          type: "invalid_request_error",
          param: "response_format",
          code: null,
        },
      });
      return;
    }
    const next = queue.shift() ?? fallback;
    const step: FakeStep =
      next === null
        ? { kind: "error", status: 500, message: "The fake OpenAI server has no scripted answer left." }
        : typeof next === "function"
          ? next(request)
          : next;
    if (step.kind === "hang") return;
    if (step.kind === "error") {
      send(
        res,
        step.status,
        { error: { message: step.message, type: step.type ?? "server_error", param: null, code: null } },
        step.headers,
      );
      return;
    }
    counter += 1;
    const usage = step.usage ?? { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 };
    send(res, 200, {
      id: `chatcmpl-fake-${counter}`,
      object: "chat.completion",
      created: 1_790_000_000 + counter,
      model: step.model ?? request.model,
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: step.content, refusal: null },
          finish_reason: step.finishReason ?? "stop",
          logprobs: null,
        },
      ],
      usage,
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script(...steps) {
      queue.push(...steps);
    },
    setFallback(handler) {
      fallback = handler;
    },
    refuseFormats(types) {
      refused = new Set(types);
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
