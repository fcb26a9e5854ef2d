/** PNG charts for replies and digests, their text alternatives, and terminal sparklines. */
export { chartAltText } from "./alt-text.ts";
export { renderLineChart } from "./line-chart.ts";
export { sparkline } from "./sparkline.ts";
export type { ChartSeries, LineChartInput } from "./types.ts";
