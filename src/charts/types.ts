/** One line of a chart: a name for the legend and its values by local date. */
export interface ChartSeries {
  name: string;
  /** `date` is a local day, `YYYY-MM-DD`; a null value is a gap in the line, never a 0. */
  points: { date: string; value: number | null }[];
}

/** What {@link renderLineChart} draws: one line per series over a shared date axis. */
export interface LineChartInput {
  title: string;
  /** The y axis title, e.g. "Followers". */
  yTitle: string;
  series: ChartSeries[];
  /** Width of the whole chart in CSS pixels, before the 2x scale; default 720. */
  width?: number;
  /** Height of the whole chart in CSS pixels, before the 2x scale; default 320. */
  height?: number;
}
