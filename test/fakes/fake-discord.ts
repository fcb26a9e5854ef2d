/**
 * A fake Discord on 127.0.0.1 for the real discord.js client: the REST routes the bot uses
 * (`GET /gateway/bot`, `GET /users/@me`, application commands, interaction callbacks, webhook
 * follow-ups, channel messages with multipart attachments) and a gateway WebSocket speaking the
 * real opcodes (HELLO, IDENTIFY -> READY + GUILD_CREATE, heartbeats and their acks, RESUME,
 * INTERACTION_CREATE dispatches). Payloads are checked against Discord's limits the way Discord
 * refuses them (400, code 50035), every call is recorded, and a chosen route can answer 429 once.
 *
 * Faithful where the bot depends on it: a message's `nonce` is only echoed in the answer to its
 * creation, never when messages are listed; `enforce_nonce` returns the earlier message when
 * the same author sent the same nonce within the last few minutes (5 by default, on the fake's
 * clock, which tests can move on with {@link FakeDiscord.advance}).
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { choicesProblem, commandsProblem, messageProblem, modalProblem } from "./discord-checks.ts";

// biome-ignore lint/suspicious/noExplicitAny: payloads are JSON as Discord sends and receives them
type Json = any;

const DISCORD_EPOCH = 1420070400000n;
const API_PREFIX = "/api/v10";

/** How the fake starts. */
export interface FakeDiscordOptions {
  token?: string;
  applicationId?: string;
  botUserId?: string;
  guildId?: string;
  channels?: { id: string; name: string }[];
  /** HELLO's heartbeat interval in ms (Discord says about 41,250). */
  heartbeatIntervalMs?: number;
  /** How long `enforce_nonce` remembers a nonce, in ms of the fake's clock. */
  nonceWindowMs?: number;
}

/** One REST call as the fake received it. */
export interface FakeDiscordCall {
  method: string;
  /** The path after `/api/v10`, e.g. `/channels/1/messages`. */
  path: string;
  query: Record<string, string>;
  /** JSON body, or `payload_json` of a multipart body. */
  body: Json;
  files: { field: string; name: string; contentType: string; bytes: Buffer }[];
  /** The Authorization header (`Bot …`), if any. */
  auth: string | undefined;
  status: number;
  /** Milliseconds since the epoch (real clock) when the request arrived. */
  at: number;
}

/** A message the fake stores. */
export interface FakeMessage {
  id: string;
  channel_id: string;
  author: Json;
  content: string;
  embeds: Json[];
  components: Json[];
  attachments: Json[];
  flags: number;
  nonce?: string | number;
  timestamp: string;
  edited_timestamp: string | null;
  /** Set on messages made for an interaction (its token). */
  interactionToken?: string;
  /** Deleted messages stay here for assertions. */
  deleted: boolean;
  /** The fake clock's time of creation, for the nonce window. */
  createdAtMs: number;
  /** allowed_mentions as sent. */
  allowedMentions: Json;
}

/** What happened to one interaction. */
export interface FakeInteractionState {
  id: string;
  token: string;
  payload: Json;
  /** Callback types received, in order (4 reply, 5 defer, 6 defer update, 7 update, 8 autocomplete, 9 modal). */
  callbacks: { type: number; data: Json }[];
  /** The interaction's original response message (after 4/5), or the message it updated (6/7). */
  original: FakeMessage | null;
  followups: FakeMessage[];
  /** Choices answered to an autocomplete. */
  choices: Json[] | null;
  /** The modal shown. */
  modal: Json | null;
}

/** A 429 the fake answers once, for the first request that matches. */
export interface RateLimitRule {
  method: string;
  path: RegExp;
  /** Seconds. */
  retryAfter: number;
  global?: boolean;
}

function snowflake(ms: number, counter: number): string {
  return (((BigInt(ms) - DISCORD_EPOCH) << 22n) | BigInt(counter & 0xfff)).toString();
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
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function invalidForm(res: ServerResponse, problem: string): void {
  sendJson(res, 400, {
    code: 50035,
    message: "Invalid Form Body",
    errors: { _errors: [{ code: "BASE_TYPE_INVALID", message: problem }] },
  });
}

/** A running fake Discord. Create with {@link startFakeDiscord}; close in `afterEach`. */
export class FakeDiscord {
  readonly calls: FakeDiscordCall[] = [];
  readonly interactions = new Map<string, FakeInteractionState>();
  readonly identifies: Json[] = [];
  readonly gatewayUrls: string[] = [];
  heartbeats = 0;
  resumes = 0;
  readonly commands: { global: Json[]; guild: Map<string, Json[]> } = { global: [], guild: new Map() };
  readonly options: Required<FakeDiscordOptions>;
  /** Problems the fake refused (400s), for assertions. */
  readonly refused: { path: string; problem: string }[] = [];
  private readonly channelMessages = new Map<string, FakeMessage[]>();
  private readonly files = new Map<string, { bytes: Buffer; contentType: string }>();
  private readonly rules: RateLimitRule[] = [];
  private readonly failAfterStoring: number[] = [];
  private readonly sockets = new Set<WebSocket>();
  private session: { socket: WebSocket | null; sessionId: string; seq: number } | null = null;
  private offsetMs = 0;
  private counter = 0;
  private readonly wss: WebSocketServer;

  constructor(
    private readonly server: Server,
    options: FakeDiscordOptions,
  ) {
    this.options = {
      token: options.token ?? "fake-discord-token",
      applicationId: options.applicationId ?? "900000000000000001",
      botUserId: options.botUserId ?? "900000000000000001",
      guildId: options.guildId ?? "800000000000000001",
      channels: options.channels ?? [
        { id: "700000000000000001", name: "general" },
        { id: "700000000000000002", name: "dmd-washington" },
      ],
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41250,
      nonceWindowMs: options.nonceWindowMs ?? 5 * 60 * 1000,
    };
    for (const c of this.options.channels) this.channelMessages.set(c.id, []);
    this.wss = new WebSocketServer({ server, path: "/gateway" });
    this.wss.on("connection", (socket, req) => this.onConnection(socket, req));
    server.on("request", (req, res) => {
      this.onRequest(req, res).catch((err) => {
        sendJson(res, 500, { message: String(err), code: 0 });
      });
    });
  }

  private get base(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** The REST base URL for discord.js's `rest.api` (`http://127.0.0.1:<port>/api`). */
  get apiUrl(): string {
    return `${this.base}/api`;
  }

  /** The gateway URL that `GET /gateway/bot` hands out. */
  get gatewayUrl(): string {
    return `${this.base.replace("http", "ws")}/gateway`;
  }

  /** The fake's clock (real time plus {@link advance}), in ms. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves the fake's clock on, e.g. past the nonce window. */
  advance(ms: number): void {
    this.offsetMs += ms;
  }

  private nextId(): string {
    this.counter += 1;
    return snowflake(this.now(), this.counter);
  }

  /** The bot user, as Discord shows it. */
  botUser(): Json {
    return {
      id: this.options.botUserId,
      username: "Digital Media Dashboard",
      discriminator: "0",
      global_name: null,
      avatar: null,
      bot: true,
      flags: 0,
      public_flags: 0,
    };
  }

  /** A human user. */
  user(id: string, username = `user${id.slice(-4)}`): Json {
    return { id, username, discriminator: "0", global_name: username, avatar: null, public_flags: 0 };
  }

  /**
   * Makes the next message posted in a channel fail with `status` (a 5xx) once, after the fake
   * stored it: Discord's server failing after the write, so the bot cannot know it was posted.
   */
  failAfterStoringOnce(status = 500): void {
    this.failAfterStoring.push(status);
  }

  /** Answers the first request matching the rule with 429 (and `retry_after`), once. */
  rateLimitOnce(rule: RateLimitRule): void {
    this.rules.push(rule);
  }

  /** Messages of a channel, oldest first, deleted ones included (see `deleted`). */
  messages(channelId: string): FakeMessage[] {
    return [...(this.channelMessages.get(channelId) ?? [])];
  }

  /** Stores a file as a user's upload and returns it as an interaction's resolved attachment. */
  addAttachment(filename: string, bytes: Buffer, contentType = "text/csv"): Json {
    const id = this.nextId();
    const path = `/attachments/${this.options.channels[0]?.id}/${id}/${encodeURIComponent(filename)}`;
    this.files.set(path, { bytes, contentType });
    return {
      id,
      filename,
      size: bytes.length,
      url: `${this.base}${path}`,
      proxy_url: `${this.base}${path}`,
      content_type: contentType,
      ephemeral: true,
    };
  }

  /** Waits until `probe` returns something (polling); throws after `timeoutMs`. */
  async waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 10000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value) return value;
      if (Date.now() > end) throw new Error("fake Discord: timed out waiting");
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Closes every gateway connection with `code` (the client should reconnect or resume). */
  dropConnections(code = 4000): void {
    for (const s of this.sockets) s.close(code, "fake: dropped");
  }

  // ——— interactions ———

  private channelJson(channelId: string): Json {
    const c = this.options.channels.find((x) => x.id === channelId);
    return {
      id: channelId,
      type: 0,
      guild_id: this.options.guildId,
      name: c?.name ?? "channel",
      position: 0,
      permission_overwrites: [],
      nsfw: false,
      parent_id: null,
      last_message_id: null,
      rate_limit_per_user: 0,
      topic: null,
      flags: 0,
    };
  }

  private memberJson(userId: string, username?: string): Json {
    return {
      user: this.user(userId, username),
      roles: [],
      premium_since: null,
      permissions: "2248473465835073",
      pending: false,
      nick: null,
      mute: false,
      deaf: false,
      joined_at: "2026-01-01T00:00:00.000000+00:00",
      flags: 0,
      avatar: null,
      communication_disabled_until: null,
    };
  }

  private base_(
    type: number,
    data: Json,
    who: { userId: string; username?: string; channelId?: string },
  ): Json {
    const channelId = who.channelId ?? this.options.channels[0]?.id ?? "1";
    const id = this.nextId();
    const token = `itk_${randomBytes(12).toString("hex")}`;
    return {
      id,
      application_id: this.options.applicationId,
      type,
      data,
      guild_id: this.options.guildId,
      guild: { id: this.options.guildId, locale: "en-US", features: [] },
      channel_id: channelId,
      channel: this.channelJson(channelId),
      member: this.memberJson(who.userId, who.username),
      token,
      version: 1,
      app_permissions: "2248473465835073",
      locale: "en-US",
      guild_locale: "en-US",
      entitlements: [],
      authorizing_integration_owners: { "0": this.options.guildId },
      context: 0,
      attachment_size_limit: 10485760,
    };
  }

  private commandId(name: string): string {
    const all = [...this.commands.global, ...(this.commands.guild.get(this.options.guildId) ?? [])];
    return all.find((c) => c.name === name)?.id ?? "600000000000000001";
  }

  /**
   * Dispatches a slash command (type 2). `options` are the values by option name; `subcommand`
   * wraps them as Discord does for `/handle add`; `attachments` become resolved attachment options.
   */
  async slash(input: {
    name: string;
    subcommand?: string;
    options?: Record<string, string>;
    attachments?: Record<string, Json>;
    userId?: string;
    username?: string;
    channelId?: string;
  }): Promise<FakeInteractionState> {
    const leaf: Json[] = Object.entries(input.options ?? {}).map(([name, value]) => ({
      type: 3,
      name,
      value,
    }));
    const resolved: Json = {};
    for (const [name, attachment] of Object.entries(input.attachments ?? {})) {
      leaf.push({ type: 11, name, value: attachment.id });
      resolved.attachments = { ...(resolved.attachments ?? {}), [attachment.id]: attachment };
    }
    const options = input.subcommand ? [{ type: 1, name: input.subcommand, options: leaf }] : leaf;
    const data: Json = {
      id: this.commandId(input.name),
      name: input.name,
      type: 1,
      guild_id: this.options.guildId,
      options,
      ...(Object.keys(resolved).length > 0 ? { resolved } : {}),
    };
    return this.dispatchInteraction(
      this.base_(2, data, { userId: input.userId ?? "100000000000000001", ...input }),
    );
  }

  /** Dispatches an autocomplete (type 4) for the focused option. */
  async autocomplete(input: {
    name: string;
    subcommand?: string;
    focused: string;
    value: string;
    options?: Record<string, string>;
    userId?: string;
  }): Promise<FakeInteractionState> {
    const leaf: Json[] = Object.entries(input.options ?? {}).map(([name, value]) => ({
      type: 3,
      name,
      value,
    }));
    leaf.push({ type: 3, name: input.focused, value: input.value, focused: true });
    const options = input.subcommand ? [{ type: 1, name: input.subcommand, options: leaf }] : leaf;
    const data = {
      id: this.commandId(input.name),
      name: input.name,
      type: 1,
      guild_id: this.options.guildId,
      options,
    };
    return this.dispatchInteraction(this.base_(4, data, { userId: input.userId ?? "100000000000000001" }));
  }

  /** Dispatches a button press (type 3) on a stored message. */
  async press(input: {
    message: FakeMessage;
    customId: string;
    userId?: string;
  }): Promise<FakeInteractionState> {
    const data = { custom_id: input.customId, component_type: 2 };
    const payload = this.base_(3, data, {
      userId: input.userId ?? "100000000000000001",
      channelId: input.message.channel_id,
    });
    payload.message = this.messageJson(input.message);
    return this.dispatchInteraction(payload);
  }

  /** Dispatches a modal submit (type 5), optionally from a message's button. */
  async submitModal(input: {
    customId: string;
    values: Record<string, string>;
    message?: FakeMessage;
    userId?: string;
  }): Promise<FakeInteractionState> {
    const data = {
      custom_id: input.customId,
      components: Object.entries(input.values).map(([id, value]) => ({
        type: 1,
        components: [{ type: 4, custom_id: id, value }],
      })),
    };
    const payload = this.base_(5, data, {
      userId: input.userId ?? "100000000000000001",
      ...(input.message ? { channelId: input.message.channel_id } : {}),
    });
    if (input.message) payload.message = this.messageJson(input.message);
    return this.dispatchInteraction(payload);
  }

  private async dispatchInteraction(payload: Json): Promise<FakeInteractionState> {
    const state: FakeInteractionState = {
      id: payload.id,
      token: payload.token,
      payload,
      callbacks: [],
      original: null,
      followups: [],
      choices: null,
      modal: null,
    };
    this.interactions.set(payload.token, state);
    await this.dispatch("INTERACTION_CREATE", payload);
    return state;
  }

  /** Sends a dispatch (op 0) on the identified gateway session. */
  async dispatch(t: string, d: Json): Promise<void> {
    const session = await this.waitFor(() => (this.session?.socket ? this.session : null), 10000);
    session.seq += 1;
    session.socket?.send(JSON.stringify({ op: 0, t, s: session.seq, d }));
  }

  // ——— messages ———

  /** A stored message as Discord's API shows it (no nonce: Discord keeps none). */
  messageJson(m: FakeMessage, withNonce = false): Json {
    return {
      id: m.id,
      type: m.interactionToken ? 20 : 0,
      channel_id: m.channel_id,
      guild_id: this.options.guildId,
      author: m.author,
      content: m.content,
      timestamp: m.timestamp,
      edited_timestamp: m.edited_timestamp,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      mention_channels: [],
      attachments: m.attachments,
      embeds: m.embeds,
      components: m.components,
      pinned: false,
      flags: m.flags,
      ...(m.interactionToken
        ? { webhook_id: this.options.applicationId, application_id: this.options.applicationId }
        : {}),
      ...(withNonce && m.nonce !== undefined ? { nonce: m.nonce } : {}),
    };
  }

  private storeFiles(channelId: string, body: Json, files: FakeDiscordCall["files"]): Json[] {
    const described = new Map<string, Json>();
    for (const a of body.attachments ?? []) if (a?.filename) described.set(a.filename, a);
    return files.map((f) => {
      const id = this.nextId();
      const path = `/attachments/${channelId}/${id}/${encodeURIComponent(f.name)}`;
      this.files.set(path, { bytes: f.bytes, contentType: f.contentType });
      const d = described.get(f.name);
      return {
        id,
        filename: f.name,
        size: f.bytes.length,
        url: `${this.base}${path}`,
        proxy_url: `${this.base}${path}`,
        content_type: f.contentType,
        ...(d?.description ? { description: d.description } : {}),
      };
    });
  }

  private resolveEmbeds(embeds: Json[], attachments: Json[]): Json[] {
    return embeds.map((e) => {
      const url: unknown = e?.image?.url;
      const out: Json = { type: "rich", ...e };
      if (typeof url === "string" && url.startsWith("attachment://")) {
        const file = attachments.find((a) => a.filename === url.slice(13));
        out.image = { url: file?.url ?? url, proxy_url: file?.proxy_url ?? url, width: 800, height: 400 };
      }
      return out;
    });
  }

  private createMessage(
    channelId: string,
    body: Json,
    files: FakeDiscordCall["files"],
    author: Json,
    extra: Partial<FakeMessage> = {},
  ): FakeMessage {
    const attachments = this.storeFiles(channelId, body, files);
    const message: FakeMessage = {
      id: this.nextId(),
      channel_id: channelId,
      author,
      content: typeof body.content === "string" ? body.content : "",
      embeds: this.resolveEmbeds(body.embeds ?? [], attachments),
      components: body.components ?? [],
      attachments,
      flags: Number(body.flags ?? 0),
      ...(body.nonce !== undefined ? { nonce: body.nonce } : {}),
      timestamp: new Date(this.now()).toISOString(),
      edited_timestamp: null,
      deleted: false,
      createdAtMs: this.now(),
      allowedMentions: body.allowed_mentions,
      ...extra,
    };
    const list = this.channelMessages.get(channelId) ?? [];
    list.push(message);
    this.channelMessages.set(channelId, list);
    return message;
  }

  private editMessage(message: FakeMessage, body: Json, files: FakeDiscordCall["files"]): void {
    const uploaded = this.storeFiles(message.channel_id, body, files);
    if (body.attachments !== undefined) {
      // Kept: the existing attachments listed by id; added: the files just uploaded.
      const keep = new Set((body.attachments as Json[]).map((a) => String(a.id)));
      message.attachments = [...message.attachments.filter((a) => keep.has(String(a.id))), ...uploaded];
    } else {
      message.attachments = [...message.attachments, ...uploaded];
    }
    if (body.content !== undefined) message.content = body.content ?? "";
    if (body.embeds !== undefined)
      message.embeds = this.resolveEmbeds(body.embeds ?? [], message.attachments);
    if (body.components !== undefined) message.components = body.components ?? [];
    if (body.flags !== undefined && body.flags !== null)
      message.flags = (message.flags & 64) | (Number(body.flags) & ~64);
    message.flags &= ~128;
    message.allowedMentions = body.allowed_mentions;
    message.edited_timestamp = new Date(this.now()).toISOString();
  }

  // ——— HTTP ———

  private async parse(req: IncomingMessage): Promise<{ body: Json; files: FakeDiscordCall["files"] }> {
    const raw = await readBody(req);
    const type = req.headers["content-type"] ?? "";
    if (raw.length === 0) return { body: undefined, files: [] };
    if (type.startsWith("multipart/form-data")) {
      const form = await new Response(new Uint8Array(raw), { headers: { "content-type": type } }).formData();
      let body: Json = {};
      const files: FakeDiscordCall["files"] = [];
      for (const [field, value] of form.entries()) {
        if (field === "payload_json" && typeof value === "string") body = JSON.parse(value);
        else if (typeof value !== "string") {
          files.push({
            field,
            name: value.name,
            contentType: value.type || "application/octet-stream",
            bytes: Buffer.from(await value.arrayBuffer()),
          });
        }
      }
      return { body, files };
    }
    return { body: JSON.parse(raw.toString("utf8")), files: [] };
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.base);
    const method = req.method ?? "GET";
    if (method === "GET" && url.pathname.startsWith("/attachments/")) {
      const file = this.files.get(url.pathname);
      if (!file) return sendJson(res, 404, { message: "Not found", code: 0 });
      res.writeHead(200, { "content-type": file.contentType, "content-length": String(file.bytes.length) });
      res.end(file.bytes);
      return;
    }
    if (!url.pathname.startsWith(API_PREFIX))
      return sendJson(res, 404, { message: "404: Not Found", code: 0 });
    const path = decodeURIComponent(url.pathname.slice(API_PREFIX.length));
    const { body, files } = await this.parse(req);
    const call: FakeDiscordCall = {
      method,
      path,
      query: Object.fromEntries(url.searchParams.entries()),
      body,
      files,
      auth: req.headers.authorization,
      status: 0,
      at: Date.now(),
    };
    this.calls.push(call);
    const answer = (status: number, json?: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      if (status === 204) {
        res.writeHead(204, headers);
        res.end();
      } else {
        sendJson(res, status, json, headers);
      }
    };

    const rule = this.rules.findIndex((r) => r.method === method && r.path.test(path));
    if (rule !== -1) {
      const [hit] = this.rules.splice(rule, 1);
      const after = hit?.retryAfter ?? 1;
      return answer(
        429,
        { message: "You are being rate limited.", retry_after: after, global: Boolean(hit?.global) },
        {
          "retry-after": String(after),
          "x-ratelimit-limit": "5",
          "x-ratelimit-remaining": "0",
          "x-ratelimit-reset": String((this.now() + after * 1000) / 1000),
          "x-ratelimit-reset-after": String(after),
          "x-ratelimit-bucket": "fake-bucket",
          "x-ratelimit-scope": hit?.global ? "global" : "user",
          ...(hit?.global ? { "x-ratelimit-global": "true" } : {}),
        },
      );
    }

    const publicRoute = path.startsWith("/interactions/") || path.startsWith("/webhooks/");
    if (!publicRoute && call.auth !== `Bot ${this.options.token}`) {
      return answer(401, { message: "401: Unauthorized", code: 0 });
    }
    const m = (re: RegExp) => re.exec(path);
    let match: RegExpExecArray | null;

    if (method === "GET" && path === "/gateway/bot") {
      return answer(200, {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14400000, max_concurrency: 1 },
      });
    }
    if (method === "GET" && path === "/users/@me") return answer(200, this.botUser());

    match = m(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/);

    if (match) {
      if (match[1] !== this.options.applicationId)
        return answer(403, { message: "Missing Access", code: 50001 });
      const guild = match[2];
      if (method === "GET")
        return answer(200, guild ? (this.commands.guild.get(guild) ?? []) : this.commands.global);
      if (method === "PUT") {
        const problem = commandsProblem(body);
        if (problem) {
          this.refused.push({ path, problem });
          call.status = 400;
          return invalidForm(res, problem);
        }
        const stored = (body as Json[]).map((c) => ({
          id: this.nextId(),
          application_id: this.options.applicationId,
          version: this.nextId(),
          type: 1,
          default_member_permissions: null,
          nsfw: false,
          ...c,
          ...(guild ? { guild_id: guild } : {}),
        }));
        if (guild) this.commands.guild.set(guild, stored);
        else this.commands.global = stored;
        return answer(200, stored);
      }
    }

    match = m(/^\/channels\/(\d+)\/messages$/);

    if (match) {
      const channelId = match[1] ?? "";
      const list = this.channelMessages.get(channelId);
      if (!list) return answer(404, { message: "Unknown Channel", code: 10003 });
      if (method === "POST") {
        const problem = messageProblem(
          body,
          files.map((f) => f.name),
        );
        if (problem) {
          this.refused.push({ path, problem });
          call.status = 400;
          return invalidForm(res, problem);
        }
        if (body.enforce_nonce && body.nonce !== undefined) {
          const earlier = list.find(
            (x) =>
              x.nonce === body.nonce &&
              x.author.id === this.options.botUserId &&
              this.now() - x.createdAtMs <= this.options.nonceWindowMs,
          );
          if (earlier) return answer(200, this.messageJson(earlier, true));
        }
        const created = this.createMessage(channelId, body, files, this.botUser());
        const failure = this.failAfterStoring.shift();
        if (failure !== undefined) return answer(failure, { message: "Internal Server Error", code: 0 });
        return answer(200, this.messageJson(created, true));
      }
      if (method === "GET") {
        const limit = Math.min(100, Math.max(1, Number(call.query.limit ?? 50)));
        const live = list.filter((x) => !x.deleted);
        const before = call.query.before ? BigInt(call.query.before) : undefined;
        const after = call.query.after ? BigInt(call.query.after) : undefined;
        let picked: FakeMessage[];
        if (after !== undefined) picked = live.filter((x) => BigInt(x.id) > after).slice(0, limit);
        else picked = live.filter((x) => before === undefined || BigInt(x.id) < before).slice(-limit);
        return answer(
          200,
          picked.reverse().map((x) => this.messageJson(x)),
        );
      }
    }
    match = m(/^\/channels\/(\d+)$/);
    if (method === "GET" && match) {
      const id = match[1] ?? "";
      if (!this.channelMessages.has(id)) return answer(404, { message: "Unknown Channel", code: 10003 });
      return answer(200, this.channelJson(id));
    }

    match = m(/^\/interactions\/(\d+)\/([^/]+)\/callback$/);

    if (method === "POST" && match) {
      const state = this.interactions.get(match[2] ?? "");
      if (!state || state.id !== match[1])
        return answer(404, { message: "Unknown interaction", code: 10062 });
      if (state.callbacks.length > 0) {
        return answer(400, { message: "Interaction has already been acknowledged.", code: 40060 });
      }
      const type = Number(body?.type);
      const data = body?.data ?? {};
      const channelId = state.payload.channel_id;
      if (type === 4 || type === 7) {
        const problem = messageProblem(
          data,
          files.map((f) => f.name),
          type === 7,
        );
        if (problem) {
          this.refused.push({ path, problem });
          call.status = 400;
          return invalidForm(res, problem);
        }
      }
      if (type === 8) {
        const problem = choicesProblem(data);
        if (problem) {
          this.refused.push({ path, problem });
          call.status = 400;
          return invalidForm(res, problem);
        }
        state.choices = data.choices;
      }
      if (type === 9) {
        const problem = modalProblem(data);
        if (problem) {
          this.refused.push({ path, problem });
          call.status = 400;
          return invalidForm(res, problem);
        }
        state.modal = data;
      }
      state.callbacks.push({ type, data });
      const source = state.payload.message ? this.findMessage(state.payload.message.id) : null;
      if (type === 4) {
        state.original = this.createMessage(channelId, data, files, this.botUser(), {
          interactionToken: state.token,
        });
      } else if (type === 5) {
        state.original = this.createMessage(
          channelId,
          { flags: (Number(data.flags ?? 0) & 64) | 128 },
          [],
          this.botUser(),
          { interactionToken: state.token },
        );
      } else if (type === 6) {
        state.original = source;
      } else if (type === 7 && source) {
        this.editMessage(source, data, files);
        state.original = source;
      }
      if (call.query.with_response === "true") {
        return answer(200, {
          interaction: { id: state.id, type: state.payload.type },
          resource: { type, ...(state.original ? { message: this.messageJson(state.original) } : {}) },
        });
      }
      return answer(204);
    }

    match = m(/^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/);

    if (match) {
      const state = this.interactions.get(match[2] ?? "");
      if (!state || match[1] !== this.options.applicationId)
        return answer(404, { message: "Unknown Webhook", code: 10015 });
      const which = match[3];
      if (!which && method === "POST") {
        if (state.callbacks.length === 0) return answer(404, { message: "Unknown Webhook", code: 10015 });
        const problem = messageProblem(
          body,
          files.map((f) => f.name),
        );
        if (problem) {
          this.refused.push({ path, problem });
          call.status = 400;
          return invalidForm(res, problem);
        }
        const created = this.createMessage(state.payload.channel_id, body, files, this.botUser(), {
          interactionToken: state.token,
        });
        state.followups.push(created);
        return answer(200, this.messageJson(created));
      }
      const target =
        which === "@original" ? state.original : (state.followups.find((f) => f.id === which) ?? null);
      if (!target || target.deleted) return answer(404, { message: "Unknown Message", code: 10008 });
      if (method === "GET") return answer(200, this.messageJson(target));
      if (method === "DELETE") {
        target.deleted = true;
        return answer(204);
      }
      if (method === "PATCH") {
        const problem = messageProblem(
          body,
          files.map((f) => f.name),
          true,
        );
        if (problem) {
          this.refused.push({ path, problem });
          call.status = 400;
          return invalidForm(res, problem);
        }
        this.editMessage(target, body, files);
        return answer(200, this.messageJson(target));
      }
    }
    return answer(404, { message: `404: Not Found (${method} ${path})`, code: 0 });
  }

  private findMessage(id: string): FakeMessage | null {
    for (const list of this.channelMessages.values()) {
      const found = list.find((x) => x.id === id);
      if (found) return found;
    }
    return null;
  }

  // ——— gateway ———

  private guildJson(): Json {
    return {
      id: this.options.guildId,
      name: "Arcadia MFA",
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: "100000000000000009",
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [
        {
          id: this.options.guildId,
          name: "@everyone",
          color: 0,
          hoist: false,
          position: 0,
          permissions: "2248473465835073",
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      preferred_locale: "en-US",
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      joined_at: "2026-01-01T00:00:00.000000+00:00",
      large: false,
      unavailable: false,
      member_count: 2,
      voice_states: [],
      members: [],
      channels: this.options.channels.map((c) => this.channelJson(c.id)),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  private onConnection(socket: WebSocket, req: IncomingMessage): void {
    this.sockets.add(socket);
    this.gatewayUrls.push(req.url ?? "");
    const query = new URL(req.url ?? "/", this.base).searchParams;
    socket.on("close", () => {
      this.sockets.delete(socket);
      if (this.session?.socket === socket) this.session.socket = null;
    });
    if (query.get("v") !== "10") {
      socket.close(4012, "Invalid API version");
      return;
    }
    if (query.get("encoding") !== "json") {
      socket.close(4002, "Decode error");
      return;
    }
    socket.send(
      JSON.stringify({
        op: 10,
        d: { heartbeat_interval: this.options.heartbeatIntervalMs },
        s: null,
        t: null,
      }),
    );
    socket.on("message", (raw) => {
      let payload: Json;
      try {
        payload = JSON.parse(String(raw));
      } catch {
        socket.close(4002, "Decode error");
        return;
      }
      if (payload.op === 1) {
        this.heartbeats += 1;
        socket.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      } else if (payload.op === 2) {
        this.identify(socket, payload.d);
      } else if (payload.op === 6) {
        this.resume(socket, payload.d);
      }
    });
  }

  private identify(socket: WebSocket, d: Json): void {
    this.identifies.push(d);
    if (d?.token !== this.options.token) {
      socket.close(4004, "Authentication failed.");
      return;
    }
    const sessionId = randomBytes(16).toString("hex");
    this.session = { socket, sessionId, seq: 0 };
    const send = (t: string, payload: Json) => {
      if (!this.session || this.session.socket !== socket) return;
      this.session.seq += 1;
      socket.send(JSON.stringify({ op: 0, t, s: this.session.seq, d: payload }));
    };
    send("READY", {
      v: 10,
      user: this.botUser(),
      guilds: [{ id: this.options.guildId, unavailable: true }],
      session_id: sessionId,
      resume_gateway_url: this.gatewayUrl,
      shard: d.shard ?? [0, 1],
      application: { id: this.options.applicationId, flags: 0 },
      private_channels: [],
      presences: [],
      relationships: [],
      user_settings: {},
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      session_type: "normal",
      auth: {},
      _trace: ["fake-discord"],
    });
    send("GUILD_CREATE", this.guildJson());
  }

  private resume(socket: WebSocket, d: Json): void {
    this.resumes += 1;
    if (d?.token !== this.options.token || !this.session || d.session_id !== this.session.sessionId) {
      // Op 9: the session cannot be resumed; the client identifies again.
      socket.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
      return;
    }
    this.session.socket = socket;
    this.session.seq += 1;
    socket.send(
      JSON.stringify({ op: 0, t: "RESUMED", s: this.session.seq, d: { _trace: ["fake-discord"] } }),
    );
  }

  /** Stops the servers. */
  async close(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Starts a fake Discord on 127.0.0.1 and a free port. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return new FakeDiscord(server, options);
}
