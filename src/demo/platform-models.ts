import type { DemoPlatform } from "./cities.ts";

/** How a platform's audience and posts behave in the demo, roughly as on the real platform. */
export interface PlatformModel {
  /** Median audience relative to the mission's X audience. */
  audienceShare: number;
  /** Yearly follower growth, as a fraction: [min, max]. */
  growth: readonly [number, number];
  /** Share of followers lost per day: [min, max]. */
  churn: readonly [number, number];
  /** Posts per working day for the most active missions. */
  postRate: number;
  /** Interactions per post as a share of followers, for a 20K audience. */
  engagement: number;
  /** How interactions split into likes, comments and shares. */
  mix: readonly [number, number, number];
  /** Post types and their weights. */
  types: readonly (readonly [string, number])[];
  /** Post types that count views. */
  videoTypes: readonly string[];
  /** Views per interaction on a video post: [min, max]. */
  viewsPerInteraction: readonly [number, number];
  /** Impressions per interaction on a post: [min, max]; null when the platform reports none. */
  impressionsPerInteraction: readonly [number, number] | null;
  /** Account impressions per follower per day outside new posts; null when none are reported. */
  dailyReach: number | null;
  /** Account video views per follower per day outside new posts; null when none are reported. */
  dailyViews: number | null;
  /** Whether posts report saves (bookmarks). */
  saves: boolean;
}

/** The model of each demo platform. */
export const PLATFORM_MODELS: Readonly<Record<DemoPlatform, PlatformModel>> = {
  x: {
    audienceShare: 1,
    growth: [0.04, 0.18],
    churn: [0.0004, 0.0009],
    postRate: 2,
    engagement: 0.0015,
    mix: [0.74, 0.08, 0.18],
    types: [
      ["text", 3],
      ["photo", 4],
      ["video", 1.5],
      ["link", 1.5],
    ],
    videoTypes: ["video"],
    viewsPerInteraction: [40, 120],
    impressionsPerInteraction: [40, 100],
    dailyReach: 0.05,
    dailyViews: null,
    saves: false,
  },
  facebook: {
    audienceShare: 1.2,
    growth: [0.02, 0.1],
    churn: [0.0002, 0.0006],
    postRate: 1.3,
    engagement: 0.002,
    mix: [0.8, 0.1, 0.1],
    types: [
      ["photo", 4.5],
      ["video", 1.5],
      ["link", 2],
      ["text", 1],
      ["reel", 1],
    ],
    videoTypes: ["video", "reel"],
    viewsPerInteraction: [20, 60],
    impressionsPerInteraction: [30, 80],
    dailyReach: 0.08,
    dailyViews: 0.01,
    saves: false,
  },
  instagram: {
    audienceShare: 0.6,
    growth: [0.08, 0.3],
    churn: [0.0003, 0.0008],
    postRate: 0.6,
    engagement: 0.012,
    mix: [0.93, 0.05, 0.02],
    types: [
      ["photo", 4.5],
      ["carousel", 3],
      ["reel", 2.5],
    ],
    videoTypes: ["reel"],
    viewsPerInteraction: [15, 40],
    impressionsPerInteraction: [12, 30],
    dailyReach: 0.1,
    dailyViews: 0.03,
    saves: true,
  },
  youtube: {
    audienceShare: 0.07,
    growth: [0.1, 0.35],
    churn: [0.0002, 0.0005],
    postRate: 0.08,
    engagement: 0.02,
    mix: [0.9, 0.08, 0.02],
    types: [
      ["video", 6],
      ["short", 4],
    ],
    videoTypes: ["video", "short"],
    viewsPerInteraction: [20, 40],
    impressionsPerInteraction: [150, 400],
    dailyReach: 0.3,
    dailyViews: 0.05,
    saves: false,
  },
  tiktok: {
    audienceShare: 0.25,
    growth: [0.3, 1.2],
    churn: [0.0005, 0.0012],
    postRate: 0.3,
    engagement: 0.03,
    mix: [0.88, 0.05, 0.07],
    types: [["video", 1]],
    videoTypes: ["video"],
    viewsPerInteraction: [8, 25],
    impressionsPerInteraction: null,
    dailyReach: null,
    dailyViews: 0.2,
    saves: false,
  },
  linkedin: {
    audienceShare: 0.2,
    growth: [0.08, 0.25],
    churn: [0.0001, 0.0003],
    postRate: 0.3,
    engagement: 0.006,
    mix: [0.85, 0.07, 0.08],
    types: [
      ["text", 2.5],
      ["photo", 4],
      ["link", 2],
      ["video", 1.5],
    ],
    videoTypes: ["video"],
    viewsPerInteraction: [20, 50],
    impressionsPerInteraction: [30, 70],
    dailyReach: 0.1,
    dailyViews: null,
    saves: false,
  },
};
