import {
  GraphApiError,
  type GraphGet,
  type GraphWording,
  graphFailure,
  nextCursor,
  readInsightsTolerant,
} from "./graph.ts";
import { asArray, asCount, asRecord, asString } from "./http.ts";
import {
  CollectError,
  type CollectedPost,
  type HandleTarget,
  type PlatformClient,
  type RemovedMetrics,
} from "./types.ts";

/**
 * Media insights read for recent posts and the post field each fills (`impressions`, `plays`
 * and `video_views` were removed in April 2025; `views` replaces them). Likes and comments come
 * from the media fields, which cost no insights call.
 */
export const INSTAGRAM_MEDIA_METRICS: readonly { metric: string; field: "views" | "saves" | "shares" }[] = [
  { metric: "views", field: "views" },
  { metric: "saved", field: "saves" },
  { metric: "shares", field: "shares" },
];

/** How far back media are read (likes and comments refreshed). */
export const INSTAGRAM_POSTS_WINDOW_DAYS = 30;
/**
 * Media insights cost one call per post; they are read for this many recent days only (older
 * posts keep their stored views, saves and shares), to stay inside Meta's call budget.
 */
export const INSTAGRAM_INSIGHT_DAYS = 14;
/** At most this many pages of media per handle and run. */
export const INSTAGRAM_MAX_PAGES = 10;

/** What the Instagram client needs. */
export interface InstagramClientDeps {
  graphGet: GraphGet;
  now: Date;
  removed: RemovedMetrics;
  storeCommand: (handleRef: string) => string;
}

/** Graph's refusal of a metric for one kind of media (not a removal). */
function isUnsupportedForType(err: GraphApiError): boolean {
  return /not support/i.test(err.message) && /media( product)? type/i.test(err.message);
}

/**
 * The Instagram Graph API client: `GET /{ig-user-id}` (followers_count), `/{ig-user-id}/media`
 * (cursor paging; like_count, comments_count) and `/{ig-media-id}/insights` for recent media.
 * Missing insight data (an empty `data` array, common in the first 48 h) is stored as null.
 */
export function createInstagramClient(deps: InstagramClientDeps): PlatformClient {
  /** Metrics Graph refused for a media type in this run (`REELS/VIDEO` → {shares}). */
  const unsupported = new Map<string, Set<string>>();

  return {
    async collect(target: HandleTarget, token: string) {
      const handleRef = `instagram:${target.handle}`;
      const wording: GraphWording = {
        name: "Instagram",
        handleRef,
        permissions: "instagram_basic, instagram_manage_insights and pages_read_engagement",
        storeCommand: deps.storeCommand(handleRef),
      };
      try {
        return await collectAccount(target, token, handleRef);
      } catch (err) {
        if (err instanceof GraphApiError) throw graphFailure(err, wording);
        throw err;
      }
    },
  };

  async function collectAccount(target: HandleTarget, token: string, handleRef: string) {
    const igId = target.externalId ?? (await findLinkedAccount(token, handleRef));
    const user = await deps.graphGet(
      `/${encodeURIComponent(igId)}`,
      { fields: "id,username,followers_count,follows_count,media_count" },
      token,
      "ig user",
    );
    const removedHere = new Set<string>();
    const posts = await readMedia(igId, token, removedHere);
    return {
      snapshot: { followers: asCount(user.followers_count) },
      days: [],
      posts,
      removedMetrics: [...removedHere],
      externalId: igId,
    };
  }

  async function findLinkedAccount(token: string, handleRef: string): Promise<string> {
    const page = await deps.graphGet(
      "/me",
      { fields: "id,instagram_business_account" },
      token,
      "page ig link",
    );
    const id = asString(asRecord(page.instagram_business_account).id);
    if (id) return id;
    throw new CollectError(
      "not_found",
      `No Instagram professional account is linked to the Facebook Page of the token stored for ${handleRef}`,
      "link the account to its Page in Meta Business Suite, or set its Instagram user id as external_id in the handles registry",
    );
  }

  async function readMedia(igId: string, token: string, removedHere: Set<string>): Promise<CollectedPost[]> {
    const windowStart = deps.now.getTime() - INSTAGRAM_POSTS_WINDOW_DAYS * 86_400_000;
    const insightStart = deps.now.getTime() - INSTAGRAM_INSIGHT_DAYS * 86_400_000;
    const posts: CollectedPost[] = [];
    let after: string | undefined;
    for (let page = 0; page < INSTAGRAM_MAX_PAGES; page++) {
      const body = await deps.graphGet(
        `/${encodeURIComponent(igId)}/media`,
        {
          fields: "id,caption,media_type,media_product_type,permalink,timestamp,like_count,comments_count",
          limit: "50",
          after,
        },
        token,
        "ig media",
      );
      let reachedOld = false;
      for (const item of asArray(body.data)) {
        const media = asRecord(item);
        const id = asString(media.id);
        const published = Date.parse(asString(media.timestamp) ?? "");
        if (!id || !Number.isFinite(published)) continue;
        if (published < windowStart) {
          reachedOld = true;
          continue;
        }
        const productType = asString(media.media_product_type);
        const mediaType = asString(media.media_type);
        const post: CollectedPost = {
          externalId: id,
          publishedAt: new Date(published).toISOString(),
          url: asString(media.permalink),
          type: (productType === "FEED" ? mediaType : productType)?.toLowerCase() ?? null,
          caption: asString(media.caption),
          // like_count is absent when the owner hides likes: unknown, not 0.
          likes: asCount(media.like_count),
          comments: asCount(media.comments_count),
        };
        if (published >= insightStart) {
          Object.assign(post, await readMediaInsights(id, `${productType}/${mediaType}`, token, removedHere));
        }
        posts.push(post);
      }
      after = nextCursor(body);
      if (!after || reachedOld) break;
    }
    return posts;
  }

  async function readMediaInsights(
    mediaId: string,
    typeKey: string,
    token: string,
    removedHere: Set<string>,
  ): Promise<Partial<CollectedPost>> {
    const skip = unsupported.get(typeKey) ?? new Set<string>();
    const wanted = INSTAGRAM_MEDIA_METRICS.filter((m) => {
      if (deps.removed.has("instagram", m.metric)) {
        removedHere.add(m.metric);
        return false;
      }
      return !skip.has(m.metric);
    });
    const bodies = await readInsightsTolerant(
      wanted.map((m) => m.metric),
      (metrics) =>
        deps.graphGet(
          `/${encodeURIComponent(mediaId)}/insights`,
          { metric: metrics.join(",") },
          token,
          "ig media insights",
        ),
      (metric, err) => {
        if (isUnsupportedForType(err)) {
          skip.add(metric);
          unsupported.set(typeKey, skip);
        } else {
          removedHere.add(metric);
          deps.removed.add("instagram", metric, err.message);
        }
      },
    );
    const out: Partial<CollectedPost> = {};
    // Asked for and not refused: a metric missing from `data` has no value yet.
    for (const m of wanted) {
      if (!skip.has(m.metric) && !removedHere.has(m.metric)) out[m.field] = null;
    }
    for (const body of bodies) {
      for (const item of asArray(body.data)) {
        const series = asRecord(item);
        const spec = INSTAGRAM_MEDIA_METRICS.find((m) => m.metric === series.name);
        if (!spec) continue;
        const total = asRecord(series.total_value);
        const first = asRecord(asArray(series.values)[0]);
        out[spec.field] = asCount(total.value ?? first.value);
      }
    }
    return out;
  }
}
