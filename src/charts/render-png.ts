import { Resvg } from "@resvg/resvg-js";
import { type Loader, parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { CHART_FONT_FAMILY, chartFontFiles } from "./fonts.ts";

/** Pixel density of every chart PNG: sharp on high-density screens and when Slack zooms in. */
export const CHART_SCALE = 2;

/** Vega's log levels (vega-util): nothing at all. */
const LOG_NONE = 0;

function refuse(what: string): Promise<never> {
  return Promise.reject(new Error(`charts load nothing from outside (asked for ${what})`));
}

/** Charts carry their data inline; a spec that tries to fetch anything fails instead. */
const offlineLoader: Loader = {
  load: (uri) => refuse(uri),
  sanitize: (uri) => refuse(uri),
  http: (uri) => refuse(uri),
  file: (filename) => refuse(filename),
};

/**
 * Draws a Vega-Lite spec as SVG, headless (no browser, no canvas): Vega-Lite compiles it and a
 * Vega view with no renderer writes the SVG, sized at {@link CHART_SCALE}.
 */
export async function renderSpecToSvg(spec: TopLevelSpec): Promise<string> {
  const { spec: vegaSpec } = compile(spec);
  const view = new View(parse(vegaSpec), { renderer: "none", loader: offlineLoader, logLevel: LOG_NONE });
  try {
    return await view.toSVG(CHART_SCALE);
  } finally {
    view.finalize();
  }
}

/**
 * Renders a Vega-Lite spec to PNG bytes: {@link renderSpecToSvg}, then resvg rasterises the SVG
 * with only the shipped fonts, so the same spec gives the same bytes on any machine.
 */
export async function renderSpecToPng(spec: TopLevelSpec): Promise<Uint8Array> {
  const svg = await renderSpecToSvg(spec);
  const resvg = new Resvg(svg, {
    font: { fontFiles: chartFontFiles(), loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY },
  });
  return new Uint8Array(resvg.render().asPng());
}
