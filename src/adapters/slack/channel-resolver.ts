import type { webApi } from "@slack/bolt";
import { DeliveryError } from "../../delivery/errors.ts";

/** A Slack conversation id: C…, G… or D… followed by capitals and digits (names are lower case). */
const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;

/** Turns what the registry holds for a channel (`dmd-washington`, `#dmd-washington`, `C0123ABCD`) into a channel id. */
export interface ChannelResolver {
  /**
   * The channel id for `channel`.
   *
   * @throws DeliveryError `channel_not_found` (permanent) when no channel the bot can see has that name.
   */
  resolve(channel: string): Promise<string>;
}

/** How a channel reference is shown to admins: `#name` for names, the id as is. */
export function channelLabel(channel: string): string {
  const trimmed = channel.trim();
  return CHANNEL_ID.test(trimmed) ? trimmed : `#${trimmed.replace(/^#/, "")}`;
}

/**
 * Resolves channel names with `conversations.list` (public and private channels the bot can see,
 * every page), cached for `cacheMs` (default 10 min). A name missing from the cache refreshes it
 * once, at most every `missRefreshMs` (default 1 min), so a channel created a minute ago is found
 * without listing the workspace for every message.
 */
export function createChannelResolver(
  client: webApi.WebClient,
  options: { now?: () => number; cacheMs?: number; missRefreshMs?: number } = {},
): ChannelResolver {
  const now = options.now ?? Date.now;
  const cacheMs = options.cacheMs ?? 10 * 60_000;
  const missRefreshMs = options.missRefreshMs ?? 60_000;
  let byName = new Map<string, string>();
  let loadedAt = Number.NEGATIVE_INFINITY;
  let loading: Promise<void> | null = null;

  async function load(): Promise<void> {
    const names = new Map<string, string>();
    let cursor: string | undefined;
    do {
      const page = await client.conversations.list({
        types: "public_channel,private_channel",
        exclude_archived: true,
        limit: 1000,
        ...(cursor ? { cursor } : {}),
      });
      for (const c of page.channels ?? []) if (c.id && c.name) names.set(c.name.toLowerCase(), c.id);
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    byName = names;
    loadedAt = now();
  }

  function refresh(): Promise<void> {
    loading ??= load().finally(() => {
      loading = null;
    });
    return loading;
  }

  return {
    async resolve(channel) {
      const trimmed = channel.trim();
      if (CHANNEL_ID.test(trimmed)) return trimmed;
      const name = trimmed.replace(/^#/, "").toLowerCase();
      if (now() - loadedAt > cacheMs) await refresh();
      let id = byName.get(name);
      if (!id && now() - loadedAt > missRefreshMs) {
        await refresh();
        id = byName.get(name);
      }
      if (id) return id;
      throw new DeliveryError({
        kind: "permanent",
        code: "channel_not_found",
        reason: `There is no Slack channel named #${name} that the bot can see (archived channels do not count).`,
        fix: "Check the spelling of the mission's slack_channel in the registry, or use the channel's id (C0123ABCD, under the channel's name > About); for a private channel, invite the bot first.",
      });
    },
  };
}
