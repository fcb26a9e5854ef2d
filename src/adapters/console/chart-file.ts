import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const MAX_SLUG_LENGTH = 60;

/** "Followers by platform — Washington" -> "followers-by-platform-washington". */
export function slugify(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^-+|-+$/g, "");
  return slug === "" ? "chart" : slug;
}

/** 2026-11-27T09:30:05Z -> "20261127-093005" (UTC, so names sort by time on any machine). */
function stamp(date: Date): string {
  return date.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
}

function isAlreadyThere(err: unknown): boolean {
  return err instanceof Error && "code" in err && err.code === "EEXIST";
}

/**
 * Writes a chart's PNG into `dir` (created if missing) under a readable name that never
 * overwrites another file: `<title-slug>-<UTC time>.png`, then `-2`, `-3` … when that exists.
 * Returns the path written.
 */
export function saveChartPng(dir: string, title: string, png: Uint8Array, now: Date): string {
  mkdirSync(dir, { recursive: true });
  const base = `${slugify(title)}-${stamp(now)}`;
  for (let n = 1; ; n++) {
    const path = join(dir, n === 1 ? `${base}.png` : `${base}-${n}.png`);
    try {
      writeFileSync(path, png, { flag: "wx" });
      return path;
    } catch (err) {
      if (!isAlreadyThere(err)) throw err;
    }
  }
}
