import { distance } from "fastest-levenshtein";
import { UserError } from "../../core/errors.ts";
import type { Db } from "../../db/client.ts";
import type { HandleHint } from "./types.ts";

/** A registered handle an import writes to, with its mission's time zone. */
export interface HandleTarget {
  id: number;
  platform: string;
  handle: string;
  externalId: string | null;
  missionCode: string;
  /** The mission's IANA time zone: local dates of posts are computed in it. */
  zone: string;
}

interface HandleRow {
  id: number;
  platform: string;
  handle: string;
  external_id: string | null;
  code: string;
  timezone: string;
}

/** Every registered handle on these platforms. */
export function loadHandles(db: Db, platforms: readonly string[]): HandleTarget[] {
  const rows = db.$client
    .prepare(
      `SELECT h.id, h.platform, h.handle, h.external_id, m.code, m.timezone
       FROM handles h JOIN missions m ON m.id = h.mission_id
       WHERE h.platform IN (${platforms.map(() => "?").join(",")})
       ORDER BY h.platform, h.handle`,
    )
    .all(...platforms) as HandleRow[];
  return rows.map((r) => ({
    id: r.id,
    platform: r.platform,
    handle: r.handle,
    externalId: r.external_id,
    missionCode: r.code,
    zone: r.timezone,
  }));
}

/** Splits `platform:handle` (a leading `@` on the handle is dropped). */
export function parseHandleArg(arg: string): { platform: string; handle: string } {
  const m = /^\s*([a-z]+)\s*:\s*@?(.+?)\s*$/i.exec(arg);
  if (!m?.[1] || !m[2]) {
    throw new UserError(
      "bad_handle",
      `"${arg}" is not a handle: write it as platform:handle, e.g. --handle x:EmbassyExample.`,
    );
  }
  return { platform: m[1].toLowerCase(), handle: m[2] };
}

function loose(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** Registered handles close to `name`, best first, as `platform:handle (mission)`. */
export function closeMatches(name: string, candidates: readonly HandleTarget[], limit = 5): string[] {
  const target = name.replace(/^@/, "").toLowerCase();
  const looseTarget = loose(target);
  return candidates
    .map((c) => {
      const d = Math.min(distance(target, c.handle.toLowerCase()), distance(looseTarget, loose(c.handle)));
      const contains = looseTarget.length >= 4 && loose(c.handle).includes(looseTarget);
      return { c, d: contains ? Math.min(d, 1) : d };
    })
    .filter(({ c, d }) => d <= Math.max(2, Math.floor(Math.max(target.length, c.handle.length) / 3)))
    .sort((a, b) => a.d - b.d || a.c.handle.localeCompare(b.c.handle))
    .slice(0, limit)
    .map(({ c }) => describe(c));
}

function describe(h: HandleTarget): string {
  return `${h.platform}:${h.handle} (${h.missionCode})`;
}

function unknown(
  what: string,
  name: string,
  candidates: readonly HandleTarget[],
  platform: string,
): UserError {
  const close = closeMatches(name, candidates);
  const hints = close.length > 0 ? [`Did you mean ${close.join(", ")}?`] : [];
  hints.push(`Register the handle first, or name it with --handle ${platform}:<handle>.`);
  return new UserError("unknown_handle", `${what} is not a registered ${platform} handle.`, hints);
}

/** What the import needs to find the handle. */
export interface ResolveRequest {
  /** `--handle platform:handle`, which wins over anything the file says. */
  arg?: string;
  /** What the file (or its zip) says about its account, in order of trust. */
  hints: readonly HandleHint[];
  /** Platforms the format belongs to. */
  platforms: readonly string[];
  /** For messages: the file and its format. */
  fileName: string;
  formatLabel: string;
}

/**
 * Finds the registered handle a file's rows belong to: `--handle` if given, else what the file
 * says (account id, then handle, then a display name compared loosely). An unknown handle is a
 * {@link UserError} listing close matches; a file that names no account asks for `--handle`.
 */
export function resolveHandle(db: Db, req: ResolveRequest): HandleTarget {
  if (req.arg) {
    const { platform, handle } = parseHandleArg(req.arg);
    if (!req.platforms.includes(platform)) {
      throw new UserError(
        "handle_platform_mismatch",
        `${req.fileName} is a ${req.formatLabel} export, for ${req.platforms.join(" or ")} handles, but --handle names a ${platform} handle.`,
        [`Use --handle ${req.platforms[0]}:<handle>, or --format if the format was misdetected.`],
      );
    }
    const candidates = loadHandles(db, [platform]);
    const found = candidates.find((c) => c.handle.toLowerCase() === handle.toLowerCase());
    if (found) return found;
    throw unknown(`${platform}:${handle}`, handle, candidates, platform);
  }
  const candidates = loadHandles(db, req.platforms);
  for (const hint of req.hints) {
    const byId = hint.externalId ? candidates.find((c) => c.externalId === hint.externalId) : undefined;
    if (byId) return byId;
    const handle = hint.handle?.replace(/^@/, "").toLowerCase();
    const byHandle = handle ? candidates.find((c) => c.handle.toLowerCase() === handle) : undefined;
    if (byHandle) return byHandle;
    const name = hint.name ? loose(hint.name) : "";
    const byName = name ? candidates.filter((c) => loose(c.handle) === name) : [];
    if (byName.length === 1 && byName[0]) return byName[0];
  }
  const platform = req.platforms[0] ?? "";
  const first = req.hints[0];
  if (first) {
    const said = first.handle ?? first.name ?? first.externalId ?? "";
    const what = [
      first.handle && `"${first.handle}"`,
      first.name && `"${first.name}"`,
      first.externalId && `id ${first.externalId}`,
    ]
      .filter(Boolean)
      .join(" / ");
    throw unknown(
      `${req.fileName} says it is from ${what} (${first.from}), which`,
      said,
      candidates,
      platform,
    );
  }
  const known = candidates.slice(0, 10).map(describe);
  throw new UserError(
    "handle_required",
    `${req.fileName} is a ${req.formatLabel} export, which does not say which account it is from: name it with --handle ${platform}:<handle>.`,
    known.length > 0
      ? [
          `Registered ${req.platforms.join("/")} handles: ${known.join(", ")}${candidates.length > 10 ? ", …" : ""}.`,
        ]
      : [],
  );
}
