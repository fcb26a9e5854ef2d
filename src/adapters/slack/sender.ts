import { webApi } from "@slack/bolt";
import type { Logger } from "../../core/logger.ts";
import type { Reply } from "../../core/reply.ts";
import { DeliveryError } from "../../delivery/errors.ts";
import type { Sender } from "../../delivery/sender.ts";
import { boltLogger } from "./bolt-logger.ts";
import { channelLabel, createChannelResolver } from "./channel-resolver.ts";
import { uploadChart } from "./charts.ts";
import { renderBlocks } from "./render.ts";
import { safeError } from "./scrub.ts";
import { isSlackError, slackDeliveryError } from "./send-errors.ts";

/** The `event_type` of the message metadata that carries an outbox message's key. */
export const OUTBOX_EVENT_TYPE = "dmd_outbox";

/** How far back in a channel {@link Sender.find} looks at most: pages of 200 messages. */
const HISTORY_PAGES = 10;

/** How the Slack sender connects. */
export interface SlackSenderOptions {
  /** `SLACK_BOT_TOKEN`. */
  token: string;
  /** `SLACK_API_URL` (GovSlack, tests). */
  apiUrl?: string;
  logger: Logger;
  /** One request's timeout (default 30 s); keep it under the outbox's sending lease (2 min). */
  timeoutMs?: number;
  /** The clock of the channel-name cache (epoch ms). */
  now?: () => number;
}

function withSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

/**
 * The Slack {@link Sender} for the outbox. It has its own Web API client, configured on purpose:
 *
 * - `retryConfig: { retries: 0 }`: the client's own retries would resend a `chat.postMessage`
 *   after a 5xx or a timeout, when the message may already be posted; the outbox retries instead,
 *   looking the message up first.
 * - `rejectRateLimitedCalls: true`: a 429 comes back at once with its `Retry-After`, so the
 *   outbox pauses that channel (and stores the wait, which survives a restart) while other
 *   channels keep going, instead of the client pausing every call it makes.
 *
 * Every message carries metadata `{ event_type: "dmd_outbox", event_payload: { key } }`, which
 * {@link Sender.find} looks for with `conversations.history`. Channel names (`dmd-washington`,
 * `#dmd-washington`) are resolved to ids with `conversations.list`, cached. Errors are thrown as
 * `DeliveryError`s (see `send-errors.ts`).
 */
export function createSlackSender(options: SlackSenderOptions): Sender {
  const logger = options.logger.child({ part: "slack-sender" });
  const client = new webApi.WebClient(options.token, {
    ...(options.apiUrl ? { slackApiUrl: withSlash(options.apiUrl) } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 30_000,
    logger: boltLogger(logger),
  });
  const channels = createChannelResolver(client, options.now ? { now: options.now } : {});
  return {
    platform: "slack",
    async send(channel, reply, sendOptions) {
      try {
        const channelId = await channels.resolve(channel);
        const messageId = await post(client, channelId, reply, sendOptions?.key, logger);
        return { messageId };
      } catch (err) {
        throw slackDeliveryError(err, channelLabel(channel));
      }
    },
    async find(channel, key, since) {
      try {
        const channelId = await channels.resolve(channel);
        let cursor: string | undefined;
        for (let page = 0; page < HISTORY_PAGES; page++) {
          const result = await client.conversations.history({
            channel: channelId,
            oldest: (since.getTime() / 1000).toFixed(6),
            include_all_metadata: true,
            limit: 200,
            ...(cursor ? { cursor } : {}),
          });
          for (const m of result.messages ?? []) {
            const payload = m.metadata?.event_payload as { key?: unknown } | undefined;
            if (m.metadata?.event_type === OUTBOX_EVENT_TYPE && payload?.key === key && m.ts) {
              return { messageId: m.ts };
            }
          }
          cursor = result.response_metadata?.next_cursor || undefined;
          if (!cursor || !result.has_more) break;
        }
        return null;
      } catch (err) {
        throw slackDeliveryError(err, channelLabel(channel));
      }
    },
  };
}

/** Posts the reply, charts uploaded first; returns the message's `ts`. */
async function post(
  client: webApi.WebClient,
  channel: string,
  reply: Reply,
  key: string | undefined,
  logger: Logger,
): Promise<string> {
  const chartFileIds = await uploadCharts(client, reply, logger);
  const metadata = key ? { event_type: OUTBOX_EVENT_TYPE, event_payload: { key } } : undefined;
  const postBlocks = ({ blocks, text }: ReturnType<typeof renderBlocks>) =>
    client.chat.postMessage({
      channel,
      blocks,
      text,
      unfurl_links: false,
      unfurl_media: false,
      ...(metadata ? { metadata } : {}),
    });
  const publicReply = { ...reply, ephemeral: false };
  let result: webApi.ChatPostMessageResponse;
  try {
    result = await postBlocks(renderBlocks(publicReply, { chartFileIds }));
  } catch (err) {
    // Only a refusal of the layout is safe to answer with a second post: nothing was posted.
    if (!chartFileIds.some(Boolean) || !isSlackError(err, "invalid_blocks")) throw err;
    logger.warn(
      { err: safeError(err) },
      "message with chart image refused; sending it with the chart as text",
    );
    result = await postBlocks(renderBlocks(publicReply));
  }
  if (!result.ts) {
    throw new DeliveryError({
      kind: "unknown_outcome",
      code: "no_ts",
      reason: "Slack accepted the message but returned no message id.",
    });
  }
  return result.ts;
}

/**
 * Uploads the reply's charts (not shared anywhere; the message's image blocks show them). A
 * refusal (say, no `files:write`) shows that chart as text; a rate limit, a server error or a
 * network failure fails the whole send, so the message is retried with its charts later.
 */
async function uploadCharts(
  client: webApi.WebClient,
  reply: Reply,
  logger: Logger,
): Promise<(string | undefined)[]> {
  const charts = reply.elements.flatMap((e) => (e.type === "chart" ? [e] : []));
  const ids: (string | undefined)[] = [];
  for (const [i, chart] of charts.entries()) {
    try {
      ids.push(await uploadChart(client, chart, i + 1));
    } catch (err) {
      if (!(err instanceof webApi.WebAPIPlatformError)) throw err;
      logger.warn({ err: safeError(err) }, "chart upload refused; showing the chart as text");
      ids.push(undefined);
    }
  }
  return ids;
}
