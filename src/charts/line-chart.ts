import { hasChartData, lineChartSpec, noDataSpec } from "./line-chart-spec.ts";
import { renderSpecToPng } from "./render-png.ts";
import type { LineChartInput } from "./types.ts";

/**
 * Draws a line chart as PNG bytes, headless and offline: a time axis of local days, one colour
 * per series with a legend, counts as 12K, nulls as gaps. The image is `width` x `height`
 * (default 720 x 320) at 2x scale. With no value to draw it still returns a chart, saying
 * "No data".
 */
export async function renderLineChart(input: LineChartInput): Promise<Uint8Array> {
  return renderSpecToPng(hasChartData(input) ? lineChartSpec(input) : noDataSpec(input));
}
