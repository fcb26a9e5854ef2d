/**
 * Alert detection, pure: a follower drop or spike beyond the handle's own recent variation, a
 * post far above the handle's usual interactions, a lost verification badge, a handle silent for
 * too long, an expired API token. Each detected alert carries the key that makes it happen once:
 * (kind, mission, subject, periodKey).
 */
import { addDays, diffDays } from "./dates.ts";

/** What an alert is about. */
export type AlertKind =
  | "follower_drop"
  | "follower_spike"
  | "viral_post"
  | "verification_lost"
  | "silent"
  | "token_expired";

/** How urgent it is; serious alerts also go to the SCD. */
export type AlertSeverity = "info" | "warning" | "serious";

/** One detected alert for one handle. */
export interface DetectedAlert {
  kind: AlertKind;
  handleId: number;
  /** `handle:<id>`. */
  subject: string;
  /** The period it belongs to, so it is raised once: a day, the last post's day, or when a problem began. */
  periodKey: string;
  severity: AlertSeverity;
  /** The figures behind it, for the message and for the record. */
  details: Record<string, string | number | null>;
}

/** Thresholds for follower drops and spikes. */
export interface FollowerRules {
  /** Daily changes the handle's usual variation is measured over. */
  baselineDays: number;
  /** Fewer measured changes than this in the baseline: no judgement. */
  minBaselineChanges: number;
  /** How many standard deviations from the mean is out of the ordinary. */
  sigmas: number;
  /** The change must also differ from the mean by at least this many followers… */
  minAbsolute: number;
  /** …and by at least this percentage of the followers. */
  minPercent: number;
  /** A drop of at least this percentage of the followers is serious. */
  seriousDropPercent: number;
}

/** Defaults: mean ± 3σ over the previous 28 daily changes, at least 25 followers and 0.25 %. */
export const DEFAULT_FOLLOWER_RULES: FollowerRules = {
  baselineDays: 28,
  minBaselineChanges: 14,
  sigmas: 3,
  minAbsolute: 25,
  minPercent: 0.25,
  seriousDropPercent: 1,
};

/** Thresholds for a post far above the handle's usual interactions. */
export interface ViralRules {
  /** Posts before it that make up "usual". */
  window: number;
  /** Fewer earlier posts than this: no judgement. */
  minBaseline: number;
  /** More than this many times the median… */
  medianFactor: number;
  /** …and more than this percentile of those posts. */
  percentile: number;
  /** And at least this many interactions. */
  minInteractions: number;
}

/** Defaults: more than max(5 × median, p95) of the last 30 posts, and at least 20 interactions. */
export const DEFAULT_VIRAL_RULES: ViralRules = {
  window: 30,
  minBaseline: 10,
  medianFactor: 5,
  percentile: 95,
  minInteractions: 20,
};

/** Days without a post before a handle counts as silent, when the setting is absent. */
export const DEFAULT_SILENT_DAYS = 14;

/** `handle:<id>`: the subject of a handle's alerts. */
export function handleSubject(handleId: number): string {
  return `handle:${handleId}`;
}

/** One day's follower count of a handle. */
export interface FollowerReading {
  date: string;
  followers: number;
}

/**
 * Follower drops and spikes on each of `days`. A day's change is its count minus the previous
 * day's (both must be measured). It is out of the ordinary when it lies more than `sigmas`
 * standard deviations (population) from the mean of the measured changes of the
 * `baselineDays` days before it, differs from that mean by at least max(`minAbsolute`,
 * `minPercent` % of the followers), and goes the same way (a drop loses followers, a spike gains).
 */
export function detectFollowerAnomalies(
  handleId: number,
  readings: FollowerReading[],
  days: string[],
  rules: FollowerRules = DEFAULT_FOLLOWER_RULES,
): DetectedAlert[] {
  const byDate = new Map(readings.map((r) => [r.date, r.followers]));
  const changeOn = (day: string): number | null => {
    const now = byDate.get(day);
    const before = byDate.get(addDays(day, -1));
    return now === undefined || before === undefined ? null : now - before;
  };
  const out: DetectedAlert[] = [];
  for (const day of days) {
    const change = changeOn(day);
    const before = byDate.get(addDays(day, -1));
    if (change === null || before === undefined) continue;
    const baseline: number[] = [];
    for (let i = rules.baselineDays; i >= 1; i--) {
      const c = changeOn(addDays(day, -i));
      if (c !== null) baseline.push(c);
    }
    if (baseline.length < rules.minBaselineChanges) continue;
    const mean = baseline.reduce((s, c) => s + c, 0) / baseline.length;
    const sd = Math.sqrt(baseline.reduce((s, c) => s + (c - mean) ** 2, 0) / baseline.length);
    const deviation = change - mean;
    const floor = Math.max(rules.minAbsolute, (before * rules.minPercent) / 100);
    if (Math.abs(deviation) <= rules.sigmas * sd || Math.abs(deviation) < floor) continue;
    const drop = change < 0 && deviation < 0;
    const spike = change > 0 && deviation > 0;
    if (!drop && !spike) continue;
    const changePct = before === 0 ? null : (change / before) * 100;
    out.push({
      kind: drop ? "follower_drop" : "follower_spike",
      handleId,
      subject: handleSubject(handleId),
      periodKey: day,
      severity: drop
        ? -change >= (before * rules.seriousDropPercent) / 100
          ? "serious"
          : "warning"
        : "info",
      details: {
        date: day,
        change,
        changePct,
        followers: before + change,
        usualMean: mean,
        usualSd: sd,
        baselineChanges: baseline.length,
      },
    });
  }
  return out;
}

/** A post with its interactions (likes + comments + shares), for the viral check. */
export interface PostInteractions {
  id: number;
  localDate: string;
  url: string | null;
  interactions: number;
}

/** The median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[mid] ?? Number.NaN;
  return ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2;
}

/** The nearest-rank percentile `p` (0–100] of a non-empty list: the ⌈p/100 × n⌉-th smallest value. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

/**
 * Posts published in `[from, to]` far above the handle's usual: more interactions than
 * max(`medianFactor` × median, `percentile`) of the `window` posts before each one, and at least
 * `minInteractions`. `posts` must be in publishing order, oldest first, and hold only posts with
 * interaction counts. One alert per day (the day's best post), keyed by the day.
 */
export function detectViralPosts(
  handleId: number,
  posts: PostInteractions[],
  from: string,
  to: string,
  rules: ViralRules = DEFAULT_VIRAL_RULES,
): DetectedAlert[] {
  const best = new Map<string, DetectedAlert>();
  posts.forEach((post, index) => {
    if (post.localDate < from || post.localDate > to) return;
    const baseline = posts.slice(Math.max(0, index - rules.window), index).map((p) => p.interactions);
    if (baseline.length < rules.minBaseline) return;
    const med = median(baseline);
    const pct = percentile(baseline, rules.percentile);
    const threshold = Math.max(rules.medianFactor * med, pct);
    if (post.interactions <= threshold || post.interactions < rules.minInteractions) return;
    const seen = best.get(post.localDate);
    if (seen && Number(seen.details.interactions) >= post.interactions) return;
    best.set(post.localDate, {
      kind: "viral_post",
      handleId,
      subject: handleSubject(handleId),
      periodKey: post.localDate,
      severity: "info",
      details: {
        date: post.localDate,
        postId: post.id,
        url: post.url,
        interactions: post.interactions,
        usualMedian: med,
        usualP95: pct,
        baselinePosts: baseline.length,
      },
    });
  });
  return [...best.values()].sort((a, b) => a.periodKey.localeCompare(b.periodKey));
}

/** What the silent check needs to know about a handle, as of a day. */
export interface PostingState {
  handleId: number;
  /** Local date of the latest post on or before the day; null when none is on record. */
  lastPostAt: string | null;
  /** Date of the latest follower figure on or before the day: how far the data reaches. */
  followersAsOf: string | null;
}

/**
 * A handle silent for `silentDays` or more as of `asOf`. Silence counts only as far as data
 * reaches (a handle whose data stopped arriving is stale, not silent), and a handle with no post
 * on record is not judged. One alert per silence: keyed by the last post's day.
 */
export function detectSilent(state: PostingState, asOf: string, silentDays: number): DetectedAlert | null {
  if (state.lastPostAt === null || state.followersAsOf === null) return null;
  const reach = state.followersAsOf < asOf ? state.followersAsOf : asOf;
  if (diffDays(reach, state.lastPostAt) < silentDays) return null;
  return {
    kind: "silent",
    handleId: state.handleId,
    subject: handleSubject(state.handleId),
    periodKey: state.lastPostAt,
    severity: "warning",
    details: { lastPostAt: state.lastPostAt, days: diffDays(asOf, state.lastPostAt), silentDays },
  };
}

/** A handle's API collection state. */
export interface CollectionState {
  handleId: number;
  collectionStatus: string | null;
  collectionError: string | null;
  /** Local date the problem began; null when unknown. */
  since: string | null;
}

/** An expired API token: serious (figures stop arriving). One alert per episode, keyed by its first day. */
export function detectTokenExpired(state: CollectionState): DetectedAlert | null {
  if (state.collectionStatus !== "token_expired") return null;
  return {
    kind: "token_expired",
    handleId: state.handleId,
    subject: handleSubject(state.handleId),
    periodKey: state.since ?? "unknown",
    severity: "serious",
    details: { since: state.since, error: state.collectionError },
  };
}

/** What the verification check compares. */
export interface VerificationInput {
  /** The mission's active handles now. */
  handles: { id: number; verified: boolean }[];
  /** Ids of the handles that were verified at the last check; null before the first check. */
  snapshot: number[] | null;
  /** Badges recorded lost (`handle.verify` to no) in the look-back window, with their local dates. */
  recordedLosses: { handleId: number; date: string }[];
  /** Today's local date: the key of a loss found only by comparing with the snapshot. */
  today: string;
}

/**
 * Verification lost: a handle not verified now that was verified at the last check, or whose
 * loss was recorded. Keyed by the recorded day when there is one (so the audit entry and the
 * snapshot find the same alert), else today. Returns the new snapshot to keep.
 */
export function detectVerificationLost(input: VerificationInput): {
  alerts: DetectedAlert[];
  snapshot: number[];
} {
  const recorded = new Map<number, string>();
  for (const loss of input.recordedLosses) {
    const seen = recorded.get(loss.handleId);
    if (seen === undefined || loss.date > seen) recorded.set(loss.handleId, loss.date);
  }
  const before = new Set(input.snapshot ?? []);
  const alerts: DetectedAlert[] = [];
  for (const h of input.handles) {
    if (h.verified) continue;
    const date = recorded.get(h.id);
    if (date === undefined && !before.has(h.id)) continue;
    alerts.push({
      kind: "verification_lost",
      handleId: h.id,
      subject: handleSubject(h.id),
      periodKey: date ?? input.today,
      severity: "serious",
      details: { date: date ?? input.today },
    });
  }
  const snapshot = input.handles
    .filter((h) => h.verified)
    .map((h) => h.id)
    .sort((a, b) => a - b);
  return { alerts, snapshot };
}
