import { fileURLToPath } from "node:url";

/** The one font family every chart uses; its files ship with the project in assets/fonts/. */
export const CHART_FONT_FAMILY = "DejaVu Sans";

/**
 * Absolute paths of the shipped chart fonts (regular and bold), resolved from this module's own
 * location so charts look the same whatever the working directory or the machine's fonts.
 */
export function chartFontFiles(): string[] {
  return ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((file) =>
    fileURLToPath(new URL(`../../assets/fonts/${file}`, import.meta.url)),
  );
}
