/**
 * Figures of one item's share ledger: how many missions were targeted, verified, claimed,
 * planned, declined or silent; the median time to share; the interactions the shares earned;
 * and the same by region.
 */
import { type DeliveryState, hoursBetween, median } from "./content.ts";

/** One mission's line of the ledger, as the summary reads it. */
export interface LedgerEntry {
  region: string;
  state: DeliveryState;
  /** The item's creation instant (ISO). */
  createdAt: string;
  /** The verifying post's publish instant, when known. */
  publishedAt: string | null;
  /** The verifying post's interactions (null when unknown or not verified). */
  interactions: number | null;
  flaggedAt: string | null;
}

/** Counts per state; `claimed` are claims no post has verified yet. */
export interface LedgerCounts {
  targeted: number;
  verified: number;
  claimed: number;
  willShare: number;
  declined: number;
  pending: number;
  /** Claims left unverified for 7 days or more. */
  flagged: number;
}

/** The summary of an item's ledger. */
export interface LedgerSummary extends LedgerCounts {
  /** Median hours from the item's creation to the verifying posts' publication; null when none is known. */
  medianHoursToShare: number | null;
  /** How many verified shares have a publish time (the median's base). */
  timedShares: number;
  /** Sum of the verifying posts' interactions; null when none of them has counts. */
  interactions: number | null;
  byRegion: ({ region: string } & LedgerCounts)[];
}

function emptyCounts(): LedgerCounts {
  return { targeted: 0, verified: 0, claimed: 0, willShare: 0, declined: 0, pending: 0, flagged: 0 };
}

function add(counts: LedgerCounts, entry: LedgerEntry): void {
  counts.targeted += 1;
  if (entry.state === "verified") counts.verified += 1;
  else if (entry.state === "claimed") counts.claimed += 1;
  else if (entry.state === "will_share") counts.willShare += 1;
  else if (entry.state === "declined") counts.declined += 1;
  else counts.pending += 1;
  if (entry.state === "claimed" && entry.flaggedAt !== null) counts.flagged += 1;
}

/**
 * Summarises a ledger. Time to share counts from the item's creation to the post's publish
 * instant (0 when the post came first on the same day); posts known only by their date are left
 * out of the median. Regions are sorted by name.
 */
export function summarizeLedger(entries: LedgerEntry[]): LedgerSummary {
  const total = emptyCounts();
  const regions = new Map<string, LedgerCounts>();
  const hours: number[] = [];
  let interactions: number | null = null;
  for (const entry of entries) {
    add(total, entry);
    const region = regions.get(entry.region) ?? emptyCounts();
    add(region, entry);
    regions.set(entry.region, region);
    if (entry.state !== "verified") continue;
    const h = hoursBetween(entry.createdAt, entry.publishedAt);
    if (h !== null) hours.push(Math.max(0, h));
    if (entry.interactions !== null) interactions = (interactions ?? 0) + entry.interactions;
  }
  return {
    ...total,
    medianHoursToShare: median(hours),
    timedShares: hours.length,
    interactions,
    byRegion: [...regions.entries()]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([region, counts]) => ({ region, ...counts })),
  };
}

/** One mission's delivery of an item, the parts the ledger reads (a `DeliveryRow`). */
export interface LedgerDelivery {
  region: string;
  state: DeliveryState;
  /** The post that proved the share, when verified. */
  post: { publishedAt: string | null; interactions: number | null } | null;
  flaggedAt: string | null;
}

/** Summarises an item's ledger from its deliveries, timing each share from the item's creation. */
export function summarizeDeliveries(
  item: { createdAt: string },
  deliveries: LedgerDelivery[],
): LedgerSummary {
  return summarizeLedger(
    deliveries.map((d) => ({
      region: d.region,
      state: d.state,
      createdAt: item.createdAt,
      publishedAt: d.post?.publishedAt ?? null,
      interactions: d.post?.interactions ?? null,
      flaggedAt: d.flaggedAt,
    })),
  );
}
