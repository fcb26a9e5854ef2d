import type { webApi } from "@slack/bolt";
import type { Logger } from "../../core/logger.ts";
import type { Reply, ReplyElement } from "../../core/reply.ts";
import { SLACK_LIMITS } from "./limits.ts";
import { truncatePlain } from "./mrkdwn.ts";
import { safeError } from "./scrub.ts";

/**
 * Uploads one chart PNG, the `n`th of its reply, without sharing it anywhere, and returns its
 * Slack file id.
 */
export async function uploadChart(
  client: webApi.WebClient,
  chart: Extract<ReplyElement, { type: "chart" }>,
  n: number,
): Promise<string | undefined> {
  const result = await client.filesUploadV2({
    file: Buffer.from(chart.png),
    filename: `chart-${n}.png`,
    title: truncatePlain(chart.title || "Chart", 250),
    alt_text: truncatePlain(chart.altText || chart.title || "Chart", SLACK_LIMITS.imageText),
  });
  return result.files[0]?.files?.[0]?.id;
}

/**
 * Uploads the reply's chart PNGs through Slack's external upload flow
 * (`files.getUploadURLExternal`, the bytes to the returned URL, `files.completeUploadExternal`)
 * without sharing them anywhere, and returns their file ids in chart order, for image blocks
 * that reference a Slack file. This needs no public URL. A chart that fails to upload gets
 * `undefined` and is shown as text instead; the reply itself never fails because of a chart.
 */
export async function uploadCharts(
  client: webApi.WebClient,
  reply: Reply,
  logger: Logger,
): Promise<(string | undefined)[]> {
  const charts = reply.elements.flatMap((e) => (e.type === "chart" ? [e] : []));
  return Promise.all(
    charts.map(async (chart, i) => {
      try {
        return await uploadChart(client, chart, i + 1);
      } catch (err) {
        logger.warn({ err: safeError(err) }, "chart upload failed; showing the chart as text");
        return undefined;
      }
    }),
  );
}
