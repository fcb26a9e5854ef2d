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
 * Renders a Vega-Lite spec to PNG bytes: Vega-Lite compiles it, Vega draws it to SVG headless
 * (no browser, no canvas) and resvg rasterises the SVG at {@link CHART_SCALE} with only the
 * shipped fonts, so the same spec gives the same bytes on any machine.
 */
export async function renderSpecToPng(spec: TopLevelSpec): Promise<Uint8Array> {
  const { spec: vegaSpec } = compile(spec);
  const view = new View(parse(vegaSpec), { renderer: "none", loader: offlineLoader, logLevel: LOG_NONE });
  try {
    const svg = await view.toSVG(CHART_SCALE);
    const resvg = new Resvg(svg, {
      font: { fontFiles: chartFontFiles(), loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY },
    });
    return new Uint8Array(resvg.render().asPng());
  } finally {
    view.finalize();
  }
}
