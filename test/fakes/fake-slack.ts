/**
 * A fake Slack on 127.0.0.1 for the real Bolt app and its real receivers: the Web API methods the
 * bot uses, file upload and download URLs, `response_url` endpoints, and the Socket Mode
 * WebSocket (hello, envelopes, acks). Everything the app sends is recorded for assertions, and
 * payloads are checked against Slack's Block Kit limits the way Slack would reject them.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

/** One Web API call as the fake received it. */
export interface FakeSlackCall {
  method: string;
  params: Record<string, unknown>;
  /** The bearer token the call carried (header or `token` parameter). */
  token: string | undefined;
  /** The HTTP status the fake answered with. */
  status: number;
  /** When the fake received it, by its clock (see {@link FakeSlackOptions.clock}). */
  at: Date;
}

/** One payload posted to a `response_url`. */
export interface FakeResponse {
  /** The id in the URL (`/respond/<id>`). */
  id: string;
  payload: Record<string, unknown>;
  /** Whether the fake accepted it (false when its blocks break a limit). */
  accepted: boolean;
}

/** A channel the fake knows. */
export interface FakeChannel {
  id: string;
  name: string;
  isPrivate?: boolean;
  /** Whether the bot is in it. */
  isMember?: boolean;
  /** Archived: posting fails with `is_archived` when channels are strict. */
  isArchived?: boolean;
}

/** A user the fake knows. */
export interface FakeUser {
  id: string;
  name: string;
  realName?: string;
}

/** A file the fake stores: uploaded by the app, or placed by a test to be downloaded. */
export interface FakeFile {
  id: string;
  name: string;
  title?: string;
  altText?: string;
  bytes: Buffer;
  /** True once `files.completeUploadExternal` was called for it. */
  completed: boolean;
  /** The channel it was shared to on completion, if any. */
  channelId?: string;
}

/** How the fake starts. */
export interface FakeSlackOptions {
  botToken?: string;
  appToken?: string;
  /** Scopes reported in `x-oauth-scopes` by `auth.test`. */
  scopes?: string[];
  botUserId?: string;
  botId?: string;
  teamId?: string;
  channels?: FakeChannel[];
  users?: FakeUser[];
  /** Make image blocks that reference a Slack file invalid, as Slack does while a file is still processing. */
  rejectSlackFileImages?: boolean;
  /**
   * The fake's clock: message `ts` values are its Unix seconds (so `conversations.history`'s
   * `oldest` works) and calls record it. Without it, `ts` values are `1700000000.<seq>` and calls
   * record the wall clock.
   */
  clock?: () => Date;
  /**
   * Channels must exist in {@link channels}: `chat.postMessage` and `conversations.history` to
   * an unknown channel fail with `channel_not_found`, to an archived one with `is_archived`, to
   * a private one the bot is not in with `channel_not_found`, as Slack answers.
   */
  strictChannels?: boolean;
  /** Rate limits `chat.postMessage` enforces, answering 429 with `Retry-After` as Slack does. */
  limits?: FakeSlackLimits;
  /** Delay before answering `chat.postMessage` (after the message is stored). */
  postResponseDelayMs?: number;
}

/** At most `count` accepted posts in any `windowMs` window. */
export interface FakeRate {
  count: number;
  windowMs: number;
}

/** What `chat.postMessage` enforces. */
export interface FakeSlackLimits {
  perChannel?: FakeRate;
  workspace?: FakeRate;
  /** The `Retry-After` sent with a 429 (seconds, default 1). */
  retryAfterSeconds?: number;
}

/**
 * A failure for the next call(s) to one method: an HTTP status (429 carries `retryAfter`
 * seconds; with `afterPost`, a `chat.postMessage` is stored before the error is answered, as when
 * Slack fails after posting), or a Slack error code answered with HTTP 200.
 */
export type FakeFault = { status: number; retryAfter?: number; afterPost?: boolean } | { error: string };

/** What a test may push through the Socket Mode connection. */
export type EnvelopeType = "slash_commands" | "interactive" | "events_api";

const DEFAULT_SCOPES = [
  "commands",
  "channels:history",
  "groups:history",
  "chat:write",
  "chat:write.public",
  "files:read",
  "files:write",
  "im:history",
  "im:read",
  "users:read",
  "channels:read",
  "groups:read",
];

/** A block as JSON, loosely: only what {@link blockProblem} looks at. */
interface LooseBlock {
  type?: string;
  text?: { text?: unknown };
  fields?: { text?: unknown }[];
  elements?: { text?: unknown; value?: unknown; action_id?: unknown }[];
  image_url?: unknown;
  slack_file?: unknown;
  alt_text?: unknown;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && "text" in value && typeof value.text === "string")
    return value.text;
  return undefined;
}

/** Checks blocks the way Slack does; returns the first problem, or null. */
export function blockProblem(
  blocks: unknown,
  maxBlocks: number,
  rejectSlackFileImages = false,
): string | null {
  if (blocks === undefined) return null;
  if (!Array.isArray(blocks)) return "blocks is not an array";
  if (blocks.length > maxBlocks) return `more than ${maxBlocks} blocks (${blocks.length})`;
  for (const [i, b] of (blocks as LooseBlock[]).entries()) {
    const text = textOf(b.text);
    if (b.text !== undefined && !text) return `block ${i}: empty text`;
    if (b.type === "header" && (!text || text.length > 150)) return `block ${i}: header`;
    if (b.type === "section") {
      if (text && text.length > 3000) return `block ${i}: section text ${text.length} > 3000`;
      if (b.fields) {
        if (b.fields.length > 10) return `block ${i}: ${b.fields.length} fields`;
        if (b.fields.some((f) => !textOf(f.text) || (textOf(f.text) ?? "").length > 2000))
          return `block ${i}: field text`;
      }
      if (!text && !b.fields) return `block ${i}: section without text or fields`;
    }
    if (b.type === "context") {
      const elements = b.elements ?? [];
      if (elements.length === 0 || elements.length > 10) return `block ${i}: context elements`;
      if (elements.some((e) => (textOf(e.text) ?? "").length > 3000 || textOf(e.text) === "")) {
        return `block ${i}: context text`;
      }
    }
    if (b.type === "actions") {
      const elements = b.elements ?? [];
      if (elements.length === 0 || elements.length > 25) return `block ${i}: actions elements`;
      const ids = new Set<unknown>();
      for (const e of elements) {
        if ((textOf(e.text) ?? "").length > 75) return `block ${i}: button text over 75`;
        if (typeof e.value === "string" && e.value.length > 2000) return `block ${i}: button value over 2000`;
        if (ids.has(e.action_id)) return `block ${i}: duplicate action_id`;
        ids.add(e.action_id);
      }
    }
    if (b.type === "image") {
      if (!b.image_url === !b.slack_file) return `block ${i}: image needs image_url or slack_file`;
      if (typeof b.alt_text !== "string" || b.alt_text.length > 2000) return `block ${i}: alt_text`;
      if (b.slack_file && rejectSlackFileImages) return `block ${i}: slack_file not ready`;
    }
  }
  return null;
}

function parseParams(
  body: string,
  contentType: string | undefined,
  query: URLSearchParams,
): Record<string, unknown> {
  const params: Record<string, unknown> = Object.fromEntries(query.entries());
  if (contentType?.includes("application/json")) {
    Object.assign(params, body ? JSON.parse(body) : {});
    return params;
  }
  for (const [key, value] of new URLSearchParams(body).entries()) {
    const looksJson = /^[[{]/.test(value.trim());
    params[key] = looksJson ? safeJson(value) : value;
  }
  return params;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

/** A running fake Slack. Create with {@link startFakeSlack}; close in `afterEach`. */
export class FakeSlack {
  /** Base URL, e.g. `http://127.0.0.1:54321`. */
  url = "";
  /** What to give the app as `SLACK_API_URL`. */
  apiUrl = "";
  readonly calls: FakeSlackCall[] = [];
  readonly responses: FakeResponse[] = [];
  readonly files = new Map<string, FakeFile>();
  readonly messages: { channel: string; ts: string; params: Record<string, unknown> }[] = [];
  /** Every envelope ack the app sent: envelope id and its payload. */
  readonly acks: { envelopeId: string; payload: unknown }[] = [];
  /** Every modal opened (`views.open`) or replaced (`views.update`), in order, with the id the fake gave it. */
  readonly views: { id: string; method: "views.open" | "views.update"; view: Record<string, unknown> }[] = [];
  readonly options: Required<
    Omit<
      FakeSlackOptions,
      "rejectSlackFileImages" | "clock" | "strictChannels" | "limits" | "postResponseDelayMs"
    >
  > & {
    rejectSlackFileImages: boolean;
    clock?: () => Date;
    strictChannels: boolean;
    limits?: FakeSlackLimits;
    postResponseDelayMs: number;
  };
  /** `chat.postMessage` calls answered 429 by {@link FakeSlackOptions.limits}. */
  rateLimitedPosts = 0;
  /** Of those, how many broke the channel's limit and how many the workspace's. */
  readonly rateLimitedBy = { channel: 0, workspace: 0 };

  private server: Server;
  private wss = new WebSocketServer({ noServer: true });
  private sockets = new Set<WebSocket>();
  private pendingAcks = new Map<string, (payload: unknown) => void>();
  private rateLimits = new Map<string, number>();
  private faults = new Map<string, FakeFault[]>();
  private channelErrors = new Map<string, string>();
  private accepted: { channel: string; at: number }[] = [];
  private waiters: { check: () => boolean; resolve: () => void }[] = [];
  private seq = 0;

  constructor(options: FakeSlackOptions = {}) {
    this.options = {
      botToken: options.botToken ?? "xoxb-fake-bot-token",
      appToken: options.appToken ?? "xapp-fake-app-token",
      scopes: options.scopes ?? DEFAULT_SCOPES,
      botUserId: options.botUserId ?? "UBOT",
      botId: options.botId ?? "BBOT",
      teamId: options.teamId ?? "T0001",
      channels: options.channels ?? [],
      users: options.users ?? [],
      rejectSlackFileImages: options.rejectSlackFileImages ?? false,
      ...(options.clock ? { clock: options.clock } : {}),
      strictChannels: options.strictChannels ?? false,
      ...(options.limits ? { limits: options.limits } : {}),
      postResponseDelayMs: options.postResponseDelayMs ?? 0,
    };
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => sendJson(res, 500, { ok: false, error: String(err) }));
    });
    this.server.on("upgrade", (req, socket, head) => {
      if (!req.url?.startsWith("/socket")) {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
    });
  }

  /** Starts listening on a free port of 127.0.0.1. */
  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    this.apiUrl = `${this.url}/api/`;
  }

  /** Closes every socket and the server. */
  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The calls made to one Web API method, in order. */
  callsTo(method: string): FakeSlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Answers the next call to `method` with 429 and `Retry-After: seconds`. */
  rateLimitOnce(method: string, seconds = 1): void {
    this.rateLimits.set(method, seconds);
  }

  /** Answers the next `times` calls to `method` with `fault` (queued after any earlier faults). */
  failNext(method: string, fault: FakeFault, times = 1): void {
    const queue = this.faults.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(fault);
    this.faults.set(method, queue);
  }

  /** Makes every `chat.postMessage` to `channel` fail with Slack error `error` (null: stop). */
  setChannelError(channel: string, error: string | null): void {
    if (error === null) this.channelErrors.delete(channel);
    else this.channelErrors.set(channel, error);
  }

  /** The messages posted in one channel, oldest first. */
  messagesIn(channel: string): { channel: string; ts: string; params: Record<string, unknown> }[] {
    return this.messages.filter((m) => m.channel === channel);
  }

  /** A fresh `response_url`; payloads posted to it land in {@link responses}. */
  responseUrl(): string {
    this.seq += 1;
    return `${this.url}/respond/r${this.seq}`;
  }

  /** Payloads posted to the response URL with this id (the last path segment). */
  responsesTo(url: string): FakeResponse[] {
    const id = url.slice(url.lastIndexOf("/") + 1);
    return this.responses.filter((r) => r.id === id);
  }

  /** Stores a file the app may download with its bot token, as a user's upload to a DM would be. */
  addFile(
    name: string,
    bytes: Buffer | string,
  ): { id: string; name: string; url_private: string; url_private_download: string; size: number } {
    this.seq += 1;
    const id = `F${String(this.seq).padStart(6, "0")}`;
    const buffer = typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes;
    this.files.set(id, { id, name, bytes: buffer, completed: true });
    const url = `${this.url}/files-pri/${this.options.teamId}-${id}/${encodeURIComponent(name)}`;
    return { id, name, url_private: url, url_private_download: `${url}?download=1`, size: buffer.length };
  }

  /** Resolves once `check` holds (checked after every request the fake handles). */
  waitFor(check: () => boolean, what = "condition", timeoutMs = 10_000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`fake Slack: timed out waiting for ${what}`)),
        timeoutMs,
      );
      this.waiters.push({
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** Resolves with the first payload posted to `url` (a response URL). */
  async nextResponse(url: string, index = 0): Promise<FakeResponse> {
    await this.waitFor(() => this.responsesTo(url).length > index, `a response on ${url}`);
    const found = this.responsesTo(url)[index];
    if (!found) throw new Error("unreachable");
    return found;
  }

  /** Resolves once `method` has been called `count` times. */
  async waitForCall(method: string, count = 1): Promise<FakeSlackCall> {
    await this.waitFor(() => this.callsTo(method).length >= count, `${count} call(s) to ${method}`);
    const call = this.callsTo(method)[count - 1];
    if (!call) throw new Error("unreachable");
    return call;
  }

  /**
   * Pushes one envelope through the Socket Mode connection and resolves with the app's ack
   * payload once the app acknowledges the envelope id.
   */
  send(type: EnvelopeType, payload: Record<string, unknown>): Promise<{ envelopeId: string; ack: unknown }> {
    const ws = [...this.sockets][0];
    if (!ws) return Promise.reject(new Error("fake Slack: no Socket Mode connection"));
    const envelopeId = randomUUID();
    const acked = new Promise<{ envelopeId: string; ack: unknown }>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`fake Slack: envelope ${type} was never acked`)),
        10_000,
      );
      this.pendingAcks.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve({ envelopeId, ack });
      });
    });
    ws.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== "events_api",
        ...(type === "events_api" ? { retry_attempt: 0, retry_reason: "" } : {}),
      }),
    );
    return acked;
  }

  /** A slash command payload as Slack sends it, with a fresh response URL. */
  slashPayload(input: {
    command: string;
    text?: string;
    userId?: string;
    userName?: string;
    channelId?: string;
  }) {
    const responseUrl = this.responseUrl();
    return {
      responseUrl,
      payload: {
        token: "verification-token-unused",
        team_id: this.options.teamId,
        team_domain: "ministry",
        channel_id: input.channelId ?? "C0GENERAL",
        channel_name: "general",
        user_id: input.userId ?? "U0USER",
        user_name: input.userName ?? "ana",
        command: input.command,
        text: input.text ?? "",
        api_app_id: "A0APP",
        is_enterprise_install: "false",
        response_url: responseUrl,
        trigger_id: `${this.seq}.trigger`,
      },
    };
  }

  /** Sends a slash command over Socket Mode; resolves once acked, with the command's response URL. */
  async slashCommand(input: Parameters<FakeSlack["slashPayload"]>[0]) {
    const { responseUrl, payload } = this.slashPayload(input);
    const { envelopeId, ack } = await this.send("slash_commands", payload);
    return { responseUrl, envelopeId, ack };
  }

  /** A `block_actions` payload for one button press, with a fresh response URL. */
  blockActionPayload(input: {
    actionId: string;
    value: string;
    userId?: string;
    userName?: string;
    channelId?: string;
    isEphemeral?: boolean;
    /** The `ts` of the message the button sits on (default `1700000000.000100`). */
    messageTs?: string;
  }) {
    const responseUrl = this.responseUrl();
    const channelId = input.channelId ?? "C0GENERAL";
    return {
      responseUrl,
      payload: {
        type: "block_actions",
        user: {
          id: input.userId ?? "U0USER",
          username: input.userName ?? "ana",
          name: input.userName ?? "ana",
          team_id: this.options.teamId,
        },
        api_app_id: "A0APP",
        token: "verification-token-unused",
        container: {
          type: "message",
          message_ts: input.messageTs ?? "1700000000.000100",
          channel_id: channelId,
          is_ephemeral: input.isEphemeral ?? true,
        },
        trigger_id: `${this.seq}.trigger`,
        team: { id: this.options.teamId, domain: "ministry" },
        channel: { id: channelId, name: "general" },
        response_url: responseUrl,
        actions: [
          {
            type: "button",
            action_id: input.actionId,
            block_id: "b1",
            text: { type: "plain_text", text: "button" },
            value: input.value,
            action_ts: "1700000001.000200",
          },
        ],
      },
    };
  }

  /** Presses a button over Socket Mode; resolves once acked, with the action's response URL. */
  async blockAction(input: Parameters<FakeSlack["blockActionPayload"]>[0]) {
    const { responseUrl, payload } = this.blockActionPayload(input);
    const { envelopeId, ack } = await this.send("interactive", payload);
    return { responseUrl, envelopeId, ack };
  }

  /** A `view_submission` payload for a modal. */
  viewSubmissionPayload(input: {
    callbackId: string;
    userId?: string;
    values?: Record<string, unknown>;
    privateMetadata?: string;
  }) {
    return {
      type: "view_submission",
      team: { id: this.options.teamId, domain: "ministry" },
      user: { id: input.userId ?? "U0USER", username: "ana", name: "ana", team_id: this.options.teamId },
      api_app_id: "A0APP",
      token: "verification-token-unused",
      trigger_id: `${this.seq}.trigger`,
      view: {
        id: "V0VIEW",
        team_id: this.options.teamId,
        type: "modal",
        callback_id: input.callbackId,
        state: { values: input.values ?? {} },
        hash: "h",
        private_metadata: input.privateMetadata ?? "",
      },
      response_urls: [],
    };
  }

  /**
   * Submits a modal over Socket Mode (values as Slack sends them: block id -> action id ->
   * state); resolves with the app's ack payload (`response_action` errors, update, …).
   */
  async viewSubmission(input: Parameters<FakeSlack["viewSubmissionPayload"]>[0]): Promise<unknown> {
    const { ack } = await this.send("interactive", this.viewSubmissionPayload(input));
    return ack;
  }

  /** An Events API envelope payload around `event`. */
  eventPayload(event: Record<string, unknown>) {
    this.seq += 1;
    return {
      token: "verification-token-unused",
      team_id: this.options.teamId,
      api_app_id: "A0APP",
      event,
      type: "event_callback",
      event_id: `Ev${this.seq}`,
      event_time: 1_700_000_000 + this.seq,
      authorizations: [
        { enterprise_id: null, team_id: this.options.teamId, user_id: this.options.botUserId, is_bot: true },
      ],
      is_ext_shared_channel: false,
    };
  }

  /** Delivers an event over Socket Mode; resolves once acked. */
  async event(event: Record<string, unknown>) {
    return this.send("events_api", this.eventPayload(event));
  }

  private onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on("close", () => this.sockets.delete(ws));
    ws.on("message", (data) => {
      const msg = safeJson(String(data)) as { envelope_id?: string; payload?: unknown };
      if (!msg?.envelope_id) return;
      this.acks.push({ envelopeId: msg.envelope_id, payload: msg.payload });
      this.pendingAcks.get(msg.envelope_id)?.(msg.payload);
      this.pendingAcks.delete(msg.envelope_id);
      this.notify();
    });
    ws.send(
      JSON.stringify({
        type: "hello",
        num_connections: 1,
        connection_info: { app_id: "A0APP" },
        debug_info: { host: "fake" },
      }),
    );
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.check()) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.url);
    const body = await readBody(req);
    try {
      if (url.pathname.startsWith("/api/")) await this.api(url, req, body, res);
      else if (url.pathname.startsWith("/respond/")) this.respond(url, body, res);
      else if (url.pathname.startsWith("/upload/")) await this.upload(url, req, body, res);
      else if (url.pathname.startsWith("/files-pri/")) this.download(url, req, res);
      else sendJson(res, 404, { ok: false, error: "not_found" });
    } finally {
      this.notify();
    }
  }

  private respond(url: URL, body: Buffer, res: ServerResponse): void {
    const id = url.pathname.slice("/respond/".length);
    const payload = JSON.parse(body.toString("utf8") || "{}") as Record<string, unknown>;
    const problem = blockProblem(payload.blocks, 50, this.options.rejectSlackFileImages);
    this.responses.push({ id, payload, accepted: problem === null });
    if (problem) sendJson(res, 404, { ok: false, error: "invalid_blocks", detail: problem });
    else sendJson(res, 200, { ok: true });
  }

  private async upload(url: URL, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
    const id = url.pathname.slice("/upload/".length);
    const file = this.files.get(id);
    if (!file) {
      res.writeHead(404).end("no such upload");
      return;
    }
    const type = req.headers["content-type"] ?? "application/octet-stream";
    if (type.startsWith("multipart/form-data")) {
      const form = await new Response(new Uint8Array(body), { headers: { "content-type": type } }).formData();
      const part = [...form.values()].find((v): v is File => typeof v !== "string");
      file.bytes = part ? Buffer.from(await part.arrayBuffer()) : Buffer.alloc(0);
    } else {
      file.bytes = body;
    }
    res.writeHead(200, { "content-type": "text/plain" }).end(`OK - ${file.bytes.length}`);
  }

  private download(url: URL, req: IncomingMessage, res: ServerResponse): void {
    const id = url.pathname.split("/")[2]?.split("-")[1] ?? "";
    const file = this.files.get(id);
    if (req.headers.authorization !== `Bearer ${this.options.botToken}`) {
      res.writeHead(403, { "content-type": "text/plain" }).end("not authorized");
      return;
    }
    if (!file) {
      res.writeHead(404).end("no such file");
      return;
    }
    res.writeHead(200, { "content-type": "application/octet-stream" }).end(file.bytes);
  }

  private async api(url: URL, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
    const method = url.pathname.slice("/api/".length);
    const params = parseParams(body.toString("utf8"), req.headers["content-type"], url.searchParams);
    const header = req.headers.authorization;
    const token = header?.startsWith("Bearer ")
      ? header.slice(7)
      : typeof params.token === "string"
        ? params.token
        : undefined;
    const call: FakeSlackCall = { method, params, token, status: 200, at: this.now() };
    this.calls.push(call);
    const limited = this.rateLimits.get(method);
    if (limited !== undefined) {
      this.rateLimits.delete(method);
      call.status = 429;
      sendJson(res, 429, { ok: false, error: "ratelimited" }, { "retry-after": String(limited) });
      return;
    }
    const fault = this.faults.get(method)?.shift();
    if (fault && "error" in fault) {
      sendJson(res, 200, { ok: false, error: fault.error });
      return;
    }
    if (fault) {
      if (fault.afterPost) this.answer(method, params);
      call.status = fault.status;
      const headers: Record<string, string> =
        fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) };
      sendJson(res, fault.status, { ok: false, error: `http_${fault.status}` }, headers);
      return;
    }
    const o = this.options;
    const needsApp = method === "apps.connections.open";
    if (token !== (needsApp ? o.appToken : o.botToken)) {
      sendJson(res, 200, { ok: false, error: needsApp ? "invalid_auth" : "invalid_auth" });
      return;
    }
    if (method === "chat.postMessage" && o.limits) {
      const retryAfter = this.overLimit(typeof params.channel === "string" ? params.channel : "", o.limits);
      if (retryAfter !== null) {
        call.status = 429;
        this.rateLimitedPosts += 1;
        sendJson(res, 429, { ok: false, error: "ratelimited" }, { "retry-after": String(retryAfter) });
        return;
      }
    }
    const answer = this.answer(method, params);
    if (method === "chat.postMessage" && o.postResponseDelayMs > 0) {
      // Tests waiting for the message see it now, while its answer is still on the way.
      this.notify();
      await new Promise((resolve) => setTimeout(resolve, o.postResponseDelayMs));
    }
    sendJson(res, 200, answer, method === "auth.test" ? { "x-oauth-scopes": o.scopes.join(",") } : {});
  }

  private now(): Date {
    return this.options.clock ? this.options.clock() : new Date();
  }

  /** The Retry-After (seconds) when a post to `channel` now would break a limit; null when it may go. */
  private overLimit(channel: string, limits: FakeSlackLimits): number | null {
    const at = this.now().getTime();
    const within = (rate: FakeRate, list: { at: number }[]) =>
      list.filter((p) => p.at > at - rate.windowMs).length >= rate.count;
    const recent = this.accepted;
    if (
      limits.perChannel &&
      within(
        limits.perChannel,
        recent.filter((p) => p.channel === channel),
      )
    ) {
      this.rateLimitedBy.channel += 1;
      return limits.retryAfterSeconds ?? 1;
    }
    if (limits.workspace && within(limits.workspace, recent)) {
      this.rateLimitedBy.workspace += 1;
      return limits.retryAfterSeconds ?? 1;
    }
    recent.push({ channel, at });
    const keep = Math.max(limits.perChannel?.windowMs ?? 0, limits.workspace?.windowMs ?? 0);
    while (recent.length > 0 && (recent[0]?.at ?? 0) <= at - keep) recent.shift();
    return null;
  }

  /** The error Slack would give for posting in or reading `channel`, or null. */
  private channelProblem(channel: unknown): string | null {
    if (typeof channel !== "string" || channel === "") return "channel_not_found";
    const forced = this.channelErrors.get(channel);
    if (forced) return forced;
    if (!this.options.strictChannels) return null;
    const ch = this.options.channels.find((c) => c.id === channel);
    if (!ch || (ch.isPrivate && !ch.isMember)) return "channel_not_found";
    if (ch.isArchived) return "is_archived";
    return null;
  }

  private nextTs(): string {
    this.seq += 1;
    const seconds = this.options.clock ? Math.floor(this.options.clock().getTime() / 1000) : 1700000000;
    return `${seconds}.${String(this.seq).padStart(6, "0")}`;
  }

  private answer(method: string, p: Record<string, unknown>): Record<string, unknown> {
    const o = this.options;
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          url: "https://ministry.slack.com/",
          team: "Ministry",
          user: "dmd",
          team_id: o.teamId,
          user_id: o.botUserId,
          bot_id: o.botId,
        };
      case "apps.connections.open":
        return { ok: true, url: `${this.url.replace("http", "ws")}/socket?ticket=${randomUUID()}` };
      case "chat.postMessage": {
        const problem = blockProblem(p.blocks, 50, o.rejectSlackFileImages);
        if (problem) return { ok: false, error: "invalid_blocks", errors: [problem] };
        const channelProblem = this.channelProblem(p.channel);
        if (channelProblem || typeof p.channel !== "string")
          return { ok: false, error: channelProblem ?? "channel_not_found" };
        const ts = this.nextTs();
        this.messages.push({ channel: p.channel, ts, params: p });
        return { ok: true, channel: p.channel, ts, message: { text: p.text, ts } };
      }
      case "conversations.history": {
        const channelProblem = this.channelProblem(p.channel);
        if (channelProblem) return { ok: false, error: channelProblem };
        const oldest = Number(p.oldest ?? 0);
        const latest = p.latest === undefined ? Number.POSITIVE_INFINITY : Number(p.latest);
        const withMeta = p.include_all_metadata === true || p.include_all_metadata === "true";
        const all = this.messages
          .filter((m) => m.channel === p.channel && Number(m.ts) > oldest && Number(m.ts) < latest)
          .sort((a, b) => Number(b.ts) - Number(a.ts));
        const limit = Math.max(1, Math.min(Number(p.limit ?? 100) || 100, 999));
        const start = Number(p.cursor ?? 0) || 0;
        const page = all.slice(start, start + limit);
        const more = start + limit < all.length;
        return {
          ok: true,
          messages: page.map((m) => ({
            type: "message",
            ts: m.ts,
            text: m.params.text,
            bot_id: o.botId,
            ...(withMeta && m.params.metadata ? { metadata: m.params.metadata } : {}),
          })),
          has_more: more,
          response_metadata: { next_cursor: more ? String(start + limit) : "" },
        };
      }
      case "chat.update": {
        const problem = blockProblem(p.blocks, 50, o.rejectSlackFileImages);
        if (problem) return { ok: false, error: "invalid_blocks", errors: [problem] };
        const updated = this.messages.find((m) => m.channel === p.channel && m.ts === p.ts);
        if (updated) updated.params = { ...updated.params, ...p };
        return { ok: true, channel: p.channel, ts: p.ts };
      }
      case "views.open":
      case "views.update": {
        const view = p.view as { blocks?: unknown; type?: unknown } | undefined;
        if (method === "views.open" && (typeof p.trigger_id !== "string" || p.trigger_id === ""))
          return { ok: false, error: "invalid_trigger_id" };
        if (view?.type !== "modal") return { ok: false, error: "invalid_arguments" };
        const problem = blockProblem(view.blocks, 100, o.rejectSlackFileImages);
        if (problem) return { ok: false, error: "invalid_blocks", errors: [problem] };
        this.seq += 1;
        const id = typeof p.view_id === "string" ? p.view_id : `V${String(this.seq).padStart(6, "0")}`;
        this.views.push({ id, method, view: view as Record<string, unknown> });
        return { ok: true, view: { id, ...view } };
      }
      case "views.publish": {
        const view = p.view as { blocks?: unknown } | undefined;
        const problem = blockProblem(view?.blocks, 100, o.rejectSlackFileImages);
        if (problem) return { ok: false, error: "invalid_blocks", errors: [problem] };
        return { ok: true, view: { id: "V0HOME", ...(view ?? {}) } };
      }
      case "files.getUploadURLExternal": {
        this.seq += 1;
        const id = `F${String(this.seq).padStart(6, "0")}`;
        const name = String(p.filename ?? "file");
        this.files.set(id, {
          id,
          name,
          altText: p.alt_text as string | undefined,
          bytes: Buffer.alloc(0),
          completed: false,
        });
        return { ok: true, upload_url: `${this.url}/upload/${id}`, file_id: id };
      }
      case "files.completeUploadExternal": {
        const list = (Array.isArray(p.files) ? p.files : []) as { id: string; title?: string }[];
        const done = [];
        for (const f of list) {
          const file = this.files.get(f.id);
          if (!file) return { ok: false, error: "file_not_found" };
          file.completed = true;
          if (f.title) file.title = f.title;
          if (typeof p.channel_id === "string") file.channelId = p.channel_id;
          done.push({ id: file.id, name: file.name, title: file.title ?? file.name });
        }
        return { ok: true, files: done };
      }
      case "conversations.info": {
        const ch = o.channels.find((c) => c.id === p.channel);
        if (!ch) return { ok: false, error: "channel_not_found" };
        return { ok: true, channel: channelObject(ch) };
      }
      case "conversations.list":
        return {
          ok: true,
          channels: o.channels
            .filter((c) => !(p.exclude_archived === true || p.exclude_archived === "true") || !c.isArchived)
            .map(channelObject),
          response_metadata: { next_cursor: "" },
        };
      case "users.info": {
        const u = o.users.find((x) => x.id === p.user);
        if (!u) return { ok: false, error: "user_not_found" };
        return {
          ok: true,
          user: {
            id: u.id,
            name: u.name,
            real_name: u.realName ?? u.name,
            profile: { display_name: u.name },
          },
        };
      }
      default:
        return { ok: false, error: "unknown_method" };
    }
  }
}

function channelObject(c: FakeChannel) {
  return {
    id: c.id,
    name: c.name,
    is_channel: !c.isPrivate,
    is_private: c.isPrivate ?? false,
    is_member: c.isMember ?? false,
    is_archived: c.isArchived ?? false,
  };
}

/** Starts a fake Slack on a free port of 127.0.0.1. */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const fake = new FakeSlack(options);
  await fake.listen();
  return fake;
}
