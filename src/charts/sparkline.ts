/** Eight heights, lowest first. */
const BARS = "▁▂▃▄▅▆▇█";

/** Averages the known values of each of `width` equal slices; a slice with none is null. */
function resample(values: (number | null)[], width: number): (number | null)[] {
  if (values.length <= width) return values;
  const out: (number | null)[] = [];
  for (let i = 0; i < width; i++) {
    const from = Math.floor((i * values.length) / width);
    const to = Math.floor(((i + 1) * values.length) / width);
    const known = values.slice(from, to).filter((v): v is number => v !== null);
    out.push(known.length === 0 ? null : known.reduce((a, b) => a + b, 0) / known.length);
  }
  return out;
}

/**
 * A one-line Unicode sparkline (▁▂▃▄▅▆▇█) of a series, lowest value at ▁ and highest at █. Longer
 * series are resampled to `width` characters (default 30) by averaging; shorter ones keep one
 * character per value. A missing value (null, or a slice with no value) is a space, never a ▁. A
 * flat series sits at mid height.
 */
export function sparkline(values: (number | null)[], width = 30): string {
  const clean = values.map((v) => (v !== null && Number.isFinite(v) ? v : null));
  const sampled = resample(clean, Math.max(1, Math.floor(width)));
  const known = sampled.filter((v): v is number => v !== null);
  const min = Math.min(...known);
  const max = Math.max(...known);
  return sampled
    .map((v) => {
      if (v === null) return " ";
      if (max === min) return BARS[3];
      return BARS[Math.round(((v - min) / (max - min)) * (BARS.length - 1))];
    })
    .join("");
}
