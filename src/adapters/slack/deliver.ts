import type { RespondFn, webApi } from "@slack/bolt";
import type { Logger } from "../../core/logger.ts";
import type { Reply } from "../../core/reply.ts";
import { uploadCharts } from "./charts.ts";
import { renderBlocks } from "./render.ts";
import { safeError } from "./scrub.ts";

/** How a reply goes back through a `response_url`. */
export interface RespondMode {
  /** `ephemeral`: only the caller sees it; `in_channel`: everyone in the channel. */
  responseType: "ephemeral" | "in_channel";
  /** Replace the message whose button was pressed instead of adding a new one. */
  replaceOriginal?: boolean;
}

async function withChartFallback<T>(
  client: webApi.WebClient,
  reply: Reply,
  logger: Logger,
  send: (rendered: ReturnType<typeof renderBlocks>) => Promise<T>,
): Promise<T> {
  const hasCharts = reply.elements.some((e) => e.type === "chart");
  const chartFileIds = hasCharts ? await uploadCharts(client, reply, logger) : [];
  try {
    return await send(renderBlocks(reply, { chartFileIds }));
  } catch (err) {
    if (!chartFileIds.some(Boolean)) throw err;
    // Slack can refuse an image block while it is still processing the upload: send the text version.
    logger.warn({ err: safeError(err) }, "reply with chart image refused; sending it with the chart as text");
    return send(renderBlocks(reply));
  }
}

/** Sends a reply through Bolt's `respond` (the interaction's `response_url`), charts included. */
export async function respondWithReply(
  respond: RespondFn,
  client: webApi.WebClient,
  reply: Reply,
  mode: RespondMode,
  logger: Logger,
): Promise<void> {
  await withChartFallback(client, reply, logger, ({ blocks, text }) =>
    respond({
      response_type: mode.responseType,
      ...(mode.replaceOriginal === undefined ? {} : { replace_original: mode.replaceOriginal }),
      blocks,
      text,
    }),
  );
}

/** Posts a reply in a channel (or a DM) as the bot and returns the message's `ts`. */
export async function postReply(
  client: webApi.WebClient,
  channel: string,
  reply: Reply,
  logger: Logger,
): Promise<string> {
  const result = await withChartFallback(client, reply, logger, ({ blocks, text }) =>
    client.chat.postMessage({ channel, blocks, text, unfurl_links: false, unfurl_media: false }),
  );
  if (!result.ts) throw new Error(`chat.postMessage to ${channel} returned no ts`);
  return result.ts;
}
