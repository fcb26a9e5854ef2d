import { dateInferringYear } from "../read-helpers.ts";
import type { FormatSpec } from "../types.ts";

/**
 * TikTok Studio `Overview.csv`: UTF-8 with BOM, all quoted,
 * `"Date","Video Views","Profile Views","Likes","Comments","Shares"` (newer files add
 * `"New followers"`), dates without a year in the UI language (`"April 12"`, `"8 de marzo"`),
 * daily changes that can be negative. `New followers` is a net daily change: it is kept as
 * followers gained and fills follower totals only from an anchor.
 */
export const tiktokOverview: FormatSpec = {
  name: "tiktok_overview",
  label: "TikTok Studio overview",
  platforms: ["tiktok"],
  kind: "daily",
  fileName: /overview.*\.csv$/i,
  followerDeltas: true,
  columns: [
    { key: "date", names: ["Date", "Fecha", "Data", "Datum"], required: true },
    {
      key: "videoViews",
      names: ["Video Views", "Visualizaciones de videos", "Visualizaciones de vídeos", "Vues de vidéos"],
      required: true,
    },
    {
      key: "profileViews",
      names: ["Profile Views", "Visualizaciones del perfil", "Vues du profil"],
      required: true,
    },
    { key: "likes", names: ["Likes", "Me gusta", "J'aime"] },
    { key: "comments", names: ["Comments", "Comentarios", "Commentaires"] },
    { key: "shares", names: ["Shares", "Veces compartido", "Compartidos", "Partages"] },
    { key: "newFollowers", names: ["New followers", "Nuevos seguidores", "Nouveaux followers"] },
  ],
  headerGenerations: [
    ["date", "videoViews", "profileViews", "likes", "comments", "shares"],
    ["date", "videoViews", "profileViews", "likes", "comments", "shares", "newFollowers"],
  ],
  open: (ctx) => (row) => {
    const newFollowers = row.count("newFollowers");
    return {
      daily: {
        date: dateInferringYear(row, "date", ctx),
        views: row.count("videoViews"),
        likes: row.count("likes"),
        comments: row.count("comments"),
        shares: row.count("shares"),
        followersGained: newFollowers,
        netFollowers: newFollowers,
      },
    };
  },
};
