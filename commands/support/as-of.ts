import type { Context } from "../../src/core/command.ts";
import { yesterdayIn } from "../../src/domain/dates.ts";

/**
 * The as-of day for figures in `zone`: `--as-of` when given, otherwise yesterday in that zone
 * (today is incomplete; METRICS.md).
 */
export function asOfIn(ctx: Context, zone: string): string {
  return ctx.asOf ?? yesterdayIn(zone, ctx.deps.clock.now());
}

/** The as-of day for fleet-wide figures: yesterday in the HQ time zone unless `--as-of` is given. */
export function fleetAsOf(ctx: Context): string {
  return asOfIn(ctx, ctx.deps.config.hqTimezone);
}
