import type { Platform } from "../../db/schema.ts";
import type { ColumnDef, ColumnMap } from "./headers.ts";
import type { RowReader } from "./row.ts";

/**
 * One day of account figures read from a file. A field left undefined is not in this file (the
 * stored value is kept); null means the file has the column but the cell is empty.
 */
export interface DailyValues {
  /** The mission's local date, `YYYY-MM-DD`. */
  date: string;
  followers?: number | null;
  followersGained?: number | null;
  followersLost?: number | null;
  impressions?: number | null;
  views?: number | null;
  postsPublished?: number | null;
  likes?: number | null;
  comments?: number | null;
  shares?: number | null;
  /**
   * A net daily change in followers that has no column of its own (YouTube's `Subscribers`,
   * TikTok's `New followers`): used only to count follower totals on from an anchor.
   */
  netFollowers?: number | null;
}

/** One post with lifetime counts read from a file. */
export interface PostValues {
  externalId: string;
  /** Publish instant (ms since epoch) when the file or the id gives it. */
  publishedMs: number | null;
  /** The local date, when only a date is known (used when `publishedMs` is null). */
  localDate?: string | null;
  url?: string | null;
  type?: string | null;
  caption?: string | null;
  likes?: number | null;
  comments?: number | null;
  shares?: number | null;
  saves?: number | null;
  views?: number | null;
  impressions?: number | null;
}

/** What one data row turned out to be. Null: a blank row, ignored without a word. */
export type RowResult = { daily: DailyValues } | { post: PostValues } | { skip: string } | null;

/** Turns the current row into values. */
export type RowConverter = (row: RowReader) => RowResult;

/** What a file knows about itself and the import, for its rows. */
export interface FileContext {
  /** The file's own name (inside a zip: the entry's name). */
  fileName: string;
  /** The zip it came in, if any (its name may carry dates or a channel). */
  containerName: string | null;
  /** The mission's IANA time zone. */
  zone: string;
  /** The day the lifetime counts were read: a date in the file name, or the import date. */
  exportDate: string;
  /** The import instant, ms since epoch: no post can be later than this. */
  nowMs: number;
  /** UTC instant -> the mission's local date. */
  localDate: (ms: number) => string;
  /** The title line of a preamble (`"Views"` in Meta page files), if any. */
  title: string | null;
  /** The header as written. */
  header: readonly string[];
  columns: ColumnMap;
}

/** Who a file says it belongs to, read from its name or its first rows. */
export interface HandleHint {
  /** The handle, e.g. an X screen name from the file name. */
  handle?: string;
  /** The platform's id of the account (Page ID, Account ID). */
  externalId?: string;
  /** A display name (Page name) to compare with handles loosely. */
  name?: string;
  /** Where the hint came from, for messages ("the file name", "column Page name"). */
  from: string;
}

/** How a header was matched to a format. */
export type HeaderMatch = "header" | "file name" | false;

/** One platform export format: how to recognise it and how to read its rows. */
export interface FormatSpec {
  name: string;
  label: string;
  /** The platforms whose handles it can be imported for (Meta page files: Facebook or Instagram). */
  platforms: readonly Platform[];
  /** Posts with lifetime counts, or one row per day. */
  kind: "posts" | "daily";
  columns: readonly ColumnDef[];
  /** The platform's usual file name, which helps when the header alone is not enough. */
  fileName?: RegExp;
  /** A shape so plain (`Date,<metric>`) that any specific format wins over it. */
  generic?: boolean;
  /** Further checks on a header that has every required column. */
  acceptHeader?: (header: readonly string[], fileName: string) => HeaderMatch;
  /** Known column orders (keys by position), to read a translated header whose width matches. */
  headerGenerations?: readonly (readonly string[])[];
  /** The file gives new/lost followers but no totals: without an anchor, say so. */
  followerDeltas?: boolean;
  /** Who the file belongs to, from its name or first data rows. */
  handleHint?: (fileName: string, rows: readonly RowReader[]) => HandleHint | null;
  /**
   * Prepares reading one file. Returns the row converter, or `{ nothing }` with the reason when
   * the file holds nothing the dashboard stores (e.g. a Meta `Reach.csv`).
   */
  open: (ctx: FileContext) => RowConverter | { nothing: string };
}
