/**
 * The automatic summary: a short, readable report built by rules from a facts pack, shown when
 * no LLM is set up or when the LLM's report could not be checked. Every sentence cites the facts
 * it states, so it passes the same grounding check an LLM's report must pass. Written in
 * English, French or Spanish; other languages get the English text.
 */
import { type Fact, type FactsPack, findFact } from "./facts.ts";
import type { ReportItem, TrendReport } from "./grounding.ts";

/** The languages the automatic summary is written in. */
export const AUTO_SUMMARY_LANGUAGES = ["en", "fr", "es"] as const;

type Lang = (typeof AUTO_SUMMARY_LANGUAGES)[number];

/** Posting below this share of the peers' median earns the "post more often" recommendation. */
const POST_MORE_BELOW = 0.8;

/** The language the automatic summary will actually be in for `language`. */
export function autoSummaryLanguage(language: string): Lang {
  return (AUTO_SUMMARY_LANGUAGES as readonly string[]).includes(language) ? (language as Lang) : "en";
}

/** The report's section titles in `language` (English for languages without a translation). */
export function sectionTitles(language: string): {
  highlights: string;
  concerns: string;
  recommendations: string;
} {
  return TITLES[autoSummaryLanguage(language)];
}

const TITLES: Record<Lang, { highlights: string; concerns: string; recommendations: string }> = {
  en: { highlights: "Highlights", concerns: "Concerns", recommendations: "Recommendations" },
  fr: { highlights: "Points forts", concerns: "Points d'attention", recommendations: "Recommandations" },
  es: {
    highlights: "Aspectos destacados",
    concerns: "Puntos de atención",
    recommendations: "Recomendaciones",
  },
};

type Key =
  | "headline"
  | "headlineFollowers"
  | "headlineNone"
  | "followersGrowth"
  | "followersOnly"
  | "posting"
  | "interactions"
  | "engagementRegion"
  | "peers"
  | "topPost"
  | "rank"
  | "followersDown"
  | "postingDown"
  | "noPosts"
  | "engagementBelow"
  | "stale"
  | "seriousAlerts"
  | "adoption"
  | "postMore"
  | "buildOnBest"
  | "fixStale"
  | "shareContent"
  | "reviewAlerts"
  | "keepPace"
  | "startPosting"
  | "noData"
  | "netHeadline"
  | "netReporting"
  | "netGrowthTop"
  | "netEngagementTop"
  | "netTopPost"
  | "netGrowthBottom"
  | "netEngagementBottom"
  | "netNoPosts"
  | "netStale"
  | "netAlerts"
  | "netFollowUpSilent"
  | "netFollowUpStale"
  | "netShareBest"
  | "netReviewAlerts";

// `{id}` is replaced by the fact's display and cites it; `{period}` by the period in words.
const PHRASES: Record<Lang, Record<Key, string>> = {
  en: {
    headline:
      "{mission}: {followers} followers ({followers_change_pct}) and an engagement rate of {engagement_rate} in {period}.",
    headlineFollowers: "{mission}: {followers} followers in {period}.",
    headlineNone: "{mission}: no figures were collected for {period}.",
    followersGrowth:
      "Followers: {followers}, a change of {followers_change} ({followers_change_pct}) over the period.",
    followersOnly: "Followers: {followers}.",
    posting: "Posts: {posts} ({posts_per_week} a week), against {posts_previous} in the previous period.",
    interactions: "Interactions: {interactions}, or {interactions_per_post} per post.",
    engagementRegion:
      "Engagement rate: {engagement_rate}, against a median of {region_median_engagement} for the {region_missions} missions in {region}.",
    peers:
      "Missions of similar audience ({peer_missions}, with {peer_followers_low} to {peer_followers_high} followers) had a median engagement rate of {peer_median_engagement}.",
    topPost:
      "Best post: {top_post_1_platform} {top_post_1_handle} on {top_post_1_date}, with {top_post_1_interactions} interactions.",
    rank: "Rank for engagement among the {ranked_missions} missions abroad: {rank_engagement}.",
    followersDown: "Followers changed by {followers_change} ({followers_change_pct}): the audience shrank.",
    postingDown: "Posting slowed: {posts} posts against {posts_previous} ({posts_change_pct}).",
    noPosts: "No posts were published in the period.",
    engagementBelow:
      "The engagement rate ({engagement_rate}) is below the median in {region} ({region_median_engagement}).",
    stale: "Handles without recent follower data: {stale_handles} of {handles}; figures may be incomplete.",
    seriousAlerts: "Serious alerts in the period: {alerts_serious} (the first: {alert_kind}, {alert_date}).",
    adoption: "SCD content shared: {content_shared} of {content_targeted} items ({content_adoption_pct}).",
    postMore:
      "Post more often: missions of similar audience published a median of {peer_median_posts} posts, against {posts} here.",
    buildOnBest:
      "Build on what worked: the best post ({top_post_1_platform}, {top_post_1_date}) earned {top_post_1_interactions} interactions.",
    fixStale: "Import a fresh export, or check the API access, for the handles without recent data.",
    shareContent:
      "Share the SCD content still waiting: {content_shared} of {content_targeted} items shared so far.",
    reviewAlerts: "Review the period's alerts and what caused them.",
    keepPace: "Keep the current pace of {posts_per_week} posts a week, and keep an eye on what works.",
    startPosting: "Publish regularly on the official handles: no post was recorded in the period.",
    noData: "Import the platforms' exports or connect their APIs to get figures.",
    netHeadline:
      "{network}: {followers} followers ({followers_change_pct}), {posts} posts and an engagement rate of {engagement_rate} in {period}.",
    netReporting: "Missions reporting figures: {missions_reporting} of {missions}.",
    netGrowthTop: "Fastest follower growth: {list}.",
    netEngagementTop: "Highest engagement rates: {list}.",
    netTopPost:
      "Best post in the network: {top_post_1_mission}, {top_post_1_platform} {top_post_1_handle}, with {top_post_1_interactions} interactions.",
    netGrowthBottom: "Slowest follower growth: {list}.",
    netEngagementBottom: "Lowest engagement rates: {list}.",
    netNoPosts: "Missions without a post in the period: {missions_without_posts}.",
    netStale: "Missions with stale follower data: {stale_missions}.",
    netAlerts:
      "Alerts in the period: {alerts} at {alert_missions} missions, {alerts_serious} of them serious.",
    netFollowUpSilent: "Follow up with the missions that published nothing.",
    netFollowUpStale:
      "Ask the missions with stale data to import fresh exports or reconnect their API access.",
    netShareBest: "Share what worked at {engagement_top_1_mission} with the rest of the network.",
    netReviewAlerts: "Review the serious alerts with the missions concerned.",
  },
  fr: {
    headline:
      "{mission} : {followers} abonnés ({followers_change_pct}) et un taux d'engagement de {engagement_rate} en {period}.",
    headlineFollowers: "{mission} : {followers} abonnés en {period}.",
    headlineNone: "{mission} : aucun chiffre n'a été recueilli pour {period}.",
    followersGrowth:
      "Abonnés : {followers}, soit une variation de {followers_change} ({followers_change_pct}) sur la période.",
    followersOnly: "Abonnés : {followers}.",
    posting:
      "Publications : {posts} ({posts_per_week} par semaine), contre {posts_previous} sur la période précédente.",
    interactions: "Interactions : {interactions}, soit {interactions_per_post} par publication.",
    engagementRegion:
      "Taux d'engagement : {engagement_rate}, pour une médiane de {region_median_engagement} parmi les {region_missions} missions de la région {region}.",
    peers:
      "Les missions d'audience comparable ({peer_missions}, de {peer_followers_low} à {peer_followers_high} abonnés) ont un taux d'engagement médian de {peer_median_engagement}.",
    topPost:
      "Meilleure publication : {top_post_1_platform} {top_post_1_handle} le {top_post_1_date}, avec {top_post_1_interactions} interactions.",
    rank: "Rang pour l'engagement parmi les {ranked_missions} missions à l'étranger : {rank_engagement}.",
    followersDown:
      "Les abonnés ont varié de {followers_change} ({followers_change_pct}) : l'audience a reculé.",
    postingDown:
      "Le rythme de publication a ralenti : {posts} publications contre {posts_previous} ({posts_change_pct}).",
    noPosts: "Aucune publication sur la période.",
    engagementBelow:
      "Le taux d'engagement ({engagement_rate}) est inférieur à la médiane de la région {region} ({region_median_engagement}).",
    stale:
      "Comptes sans données d'abonnés récentes : {stale_handles} sur {handles} ; les chiffres peuvent être incomplets.",
    seriousAlerts: "Alertes graves sur la période : {alerts_serious} (la première le {alert_date}).",
    adoption: "Contenus du SCD partagés : {content_shared} sur {content_targeted} ({content_adoption_pct}).",
    postMore:
      "Publier plus souvent : les missions d'audience comparable ont publié en médiane {peer_median_posts} publications, contre {posts} ici.",
    buildOnBest:
      "S'inspirer de ce qui a fonctionné : la meilleure publication ({top_post_1_platform}, {top_post_1_date}) a obtenu {top_post_1_interactions} interactions.",
    fixStale: "Importer un export récent, ou vérifier l'accès API, pour les comptes sans données récentes.",
    shareContent:
      "Partager les contenus du SCD en attente : {content_shared} sur {content_targeted} partagés à ce jour.",
    reviewAlerts: "Examiner les alertes de la période et leurs causes.",
    keepPace:
      "Maintenir le rythme actuel de {posts_per_week} publications par semaine, en suivant ce qui fonctionne.",
    startPosting:
      "Publier régulièrement sur les comptes officiels : aucune publication n'a été relevée sur la période.",
    noData: "Importer les exports des plateformes ou connecter leurs API pour obtenir des chiffres.",
    netHeadline:
      "{network} : {followers} abonnés ({followers_change_pct}), {posts} publications et un taux d'engagement de {engagement_rate} en {period}.",
    netReporting: "Missions ayant transmis des chiffres : {missions_reporting} sur {missions}.",
    netGrowthTop: "Plus forte croissance des abonnés : {list}.",
    netEngagementTop: "Taux d'engagement les plus élevés : {list}.",
    netTopPost:
      "Meilleure publication du réseau : {top_post_1_mission}, {top_post_1_platform} {top_post_1_handle}, avec {top_post_1_interactions} interactions.",
    netGrowthBottom: "Plus faible croissance des abonnés : {list}.",
    netEngagementBottom: "Taux d'engagement les plus faibles : {list}.",
    netNoPosts: "Missions sans publication sur la période : {missions_without_posts}.",
    netStale: "Missions aux données d'abonnés anciennes : {stale_missions}.",
    netAlerts:
      "Alertes sur la période : {alerts} dans {alert_missions} missions, dont {alerts_serious} graves.",
    netFollowUpSilent: "Relancer les missions qui n'ont rien publié.",
    netFollowUpStale:
      "Demander aux missions aux données anciennes d'importer des exports récents ou de rétablir l'accès API.",
    netShareBest: "Faire connaître au reste du réseau ce qui a fonctionné à {engagement_top_1_mission}.",
    netReviewAlerts: "Examiner les alertes graves avec les missions concernées.",
  },
  es: {
    headline:
      "{mission}: {followers} seguidores ({followers_change_pct}) y una tasa de interacción de {engagement_rate} en {period}.",
    headlineFollowers: "{mission}: {followers} seguidores en {period}.",
    headlineNone: "{mission}: no se recogieron cifras para {period}.",
    followersGrowth:
      "Seguidores: {followers}, una variación de {followers_change} ({followers_change_pct}) en el período.",
    followersOnly: "Seguidores: {followers}.",
    posting:
      "Publicaciones: {posts} ({posts_per_week} por semana), frente a {posts_previous} en el período anterior.",
    interactions: "Interacciones: {interactions}, es decir {interactions_per_post} por publicación.",
    engagementRegion:
      "Tasa de interacción: {engagement_rate}, frente a una mediana de {region_median_engagement} entre las {region_missions} misiones de {region}.",
    peers:
      "Las misiones de audiencia similar ({peer_missions}, con {peer_followers_low} a {peer_followers_high} seguidores) tuvieron una tasa de interacción mediana de {peer_median_engagement}.",
    topPost:
      "Mejor publicación: {top_post_1_platform} {top_post_1_handle} el {top_post_1_date}, con {top_post_1_interactions} interacciones.",
    rank: "Puesto por interacción entre las {ranked_missions} misiones en el exterior: {rank_engagement}.",
    followersDown:
      "Los seguidores variaron en {followers_change} ({followers_change_pct}): la audiencia se redujo.",
    postingDown:
      "El ritmo de publicación bajó: {posts} publicaciones frente a {posts_previous} ({posts_change_pct}).",
    noPosts: "No hubo publicaciones en el período.",
    engagementBelow:
      "La tasa de interacción ({engagement_rate}) está por debajo de la mediana de {region} ({region_median_engagement}).",
    stale:
      "Cuentas sin datos recientes de seguidores: {stale_handles} de {handles}; las cifras pueden estar incompletas.",
    seriousAlerts: "Alertas graves en el período: {alerts_serious} (la primera el {alert_date}).",
    adoption:
      "Contenidos del SCD compartidos: {content_shared} de {content_targeted} ({content_adoption_pct}).",
    postMore:
      "Publicar con más frecuencia: las misiones de audiencia similar publicaron una mediana de {peer_median_posts} publicaciones, frente a {posts} aquí.",
    buildOnBest:
      "Aprovechar lo que funcionó: la mejor publicación ({top_post_1_platform}, {top_post_1_date}) obtuvo {top_post_1_interactions} interacciones.",
    fixStale:
      "Importar una exportación reciente, o revisar el acceso a la API, para las cuentas sin datos recientes.",
    shareContent:
      "Compartir los contenidos del SCD pendientes: {content_shared} de {content_targeted} compartidos hasta ahora.",
    reviewAlerts: "Revisar las alertas del período y sus causas.",
    keepPace:
      "Mantener el ritmo actual de {posts_per_week} publicaciones por semana, observando lo que funciona.",
    startPosting:
      "Publicar con regularidad en las cuentas oficiales: no se registró ninguna publicación en el período.",
    noData: "Importar las exportaciones de las plataformas o conectar sus API para obtener cifras.",
    netHeadline:
      "{network}: {followers} seguidores ({followers_change_pct}), {posts} publicaciones y una tasa de interacción de {engagement_rate} en {period}.",
    netReporting: "Misiones que enviaron cifras: {missions_reporting} de {missions}.",
    netGrowthTop: "Mayor crecimiento de seguidores: {list}.",
    netEngagementTop: "Tasas de interacción más altas: {list}.",
    netTopPost:
      "Mejor publicación de la red: {top_post_1_mission}, {top_post_1_platform} {top_post_1_handle}, con {top_post_1_interactions} interacciones.",
    netGrowthBottom: "Menor crecimiento de seguidores: {list}.",
    netEngagementBottom: "Tasas de interacción más bajas: {list}.",
    netNoPosts: "Misiones sin publicaciones en el período: {missions_without_posts}.",
    netStale: "Misiones con datos de seguidores desactualizados: {stale_missions}.",
    netAlerts:
      "Alertas en el período: {alerts} en {alert_missions} misiones, {alerts_serious} de ellas graves.",
    netFollowUpSilent: "Contactar a las misiones que no publicaron nada.",
    netFollowUpStale:
      "Pedir a las misiones con datos desactualizados que importen exportaciones recientes o reconecten su acceso a la API.",
    netShareBest: "Compartir con el resto de la red lo que funcionó en {engagement_top_1_mission}.",
    netReviewAlerts: "Revisar las alertas graves con las misiones afectadas.",
  },
};

/** A sentence builder over one pack and language. */
class Writer {
  constructor(
    private readonly pack: FactsPack,
    private readonly lang: Lang,
    private readonly period: string,
  ) {}

  /** The fact, when present and available. */
  known(id: string): Fact | undefined {
    const f = findFact(this.pack, id);
    return f && f.value !== null ? f : undefined;
  }

  num(id: string): number | null {
    const v = this.known(id)?.value;
    return typeof v === "number" ? v : null;
  }

  /**
   * The phrase `key` with its placeholders filled, or null when one of its facts is missing or
   * unavailable. `aliases` maps a placeholder to another fact id; `list` fills `{list}`.
   */
  say(
    key: Key,
    aliases: Record<string, string> = {},
    list?: { text: string; facts: string[] },
  ): ReportItem | null {
    const facts: string[] = [];
    let missing = false;
    const text = PHRASES[this.lang][key].replace(/\{([a-z0-9_]+)\}/g, (_m, name: string) => {
      if (name === "period") return this.period;
      if (name === "list") {
        if (!list) missing = true;
        else facts.push(...list.facts);
        return list?.text ?? "";
      }
      const id = aliases[name] ?? name;
      const f = this.known(id);
      if (!f) {
        missing = true;
        return "";
      }
      if (!facts.includes(id)) facts.push(id);
      return f.display;
    });
    return missing ? null : { text, facts };
  }

  /** "A (+1.2%), B (+0.9%)" from the numbered facts `<prefix>_<n>_mission` and `<prefix>_<n>_<value>`. */
  list(prefix: string, value: string): { text: string; facts: string[] } | undefined {
    const parts: string[] = [];
    const facts: string[] = [];
    for (let n = 1; n <= 3; n++) {
      const who = this.known(`${prefix}_${n}_mission`);
      const what = this.known(`${prefix}_${n}_${value}`);
      if (!who || !what) break;
      parts.push(`${who.display} (${what.display})`);
      facts.push(who.id, what.id);
    }
    return parts.length === 0 ? undefined : { text: parts.join(", "), facts };
  }
}

function periodInWords(pack: FactsPack, lang: Lang): string {
  if (/^\d{4}-\d{2}$/.test(pack.period.key)) {
    const date = new Date(`${pack.period.start}T00:00:00Z`);
    return new Intl.DateTimeFormat(lang, { month: "long", year: "numeric", timeZone: "UTC" }).format(date);
  }
  if (/^\d{4}-W\d{2}$/.test(pack.period.key)) return pack.period.key;
  return `${pack.period.start} – ${pack.period.end}`;
}

function push(list: ReportItem[], item: ReportItem | null): void {
  if (item) list.push(item);
}

function missionReport(w: Writer): TrendReport {
  const highlights: ReportItem[] = [];
  const concerns: ReportItem[] = [];
  const recommendations: ReportItem[] = [];
  const headline = w.say("headline") ?? w.say("headlineFollowers") ?? (w.say("headlineNone") as ReportItem);

  const change = w.num("followers_change");
  if (change !== null && change < 0) push(concerns, w.say("followersDown"));
  else push(highlights, w.say("followersGrowth") ?? w.say("followersOnly"));

  const posts = w.num("posts") ?? 0;
  const postsChange = w.num("posts_change_pct");
  if (posts === 0) push(concerns, w.say("noPosts"));
  else if (postsChange !== null && postsChange <= -20) push(concerns, w.say("postingDown"));
  else push(highlights, w.say("posting"));
  if (posts > 0) push(highlights, w.say("interactions"));

  const rate = w.num("engagement_rate");
  const regionMedian = w.num("region_median_engagement");
  // "Below the median" only when it reads so: 0.1% against a median of 0.1% is not.
  const below =
    rate !== null &&
    regionMedian !== null &&
    rate < regionMedian &&
    w.known("engagement_rate")?.display !== w.known("region_median_engagement")?.display;
  if (below) push(concerns, w.say("engagementBelow"));
  else push(highlights, w.say("engagementRegion"));
  if ((w.num("peer_missions") ?? 0) >= 3) push(highlights, w.say("peers"));
  push(highlights, w.say("topPost"));
  if ((w.num("rank_engagement") ?? Number.POSITIVE_INFINITY) <= 10) push(highlights, w.say("rank"));

  const stale = w.num("stale_handles") ?? 0;
  if (stale > 0) push(concerns, w.say("stale"));
  const serious = w.num("alerts_serious") ?? 0;
  if (serious > 0) {
    const n = [1, 2, 3, 4, 5].find((i) => w.known(`alert_${i}_severity`)?.value === "serious");
    if (n !== undefined)
      push(
        concerns,
        w.say("seriousAlerts", { alert_kind: `alert_${n}_kind`, alert_date: `alert_${n}_date` }),
      );
  }
  const adoption = w.num("content_adoption_pct");
  if (adoption !== null && adoption < 50) push(concerns, w.say("adoption"));
  else if (adoption !== null) push(highlights, w.say("adoption"));

  const peerPosts = w.num("peer_median_posts");
  if (posts === 0 && w.num("handles")) push(recommendations, w.say("startPosting"));
  else if (peerPosts !== null && (w.num("peer_missions") ?? 0) >= 3 && posts < peerPosts * POST_MORE_BELOW)
    push(recommendations, w.say("postMore"));
  if (below && posts > 0) push(recommendations, w.say("buildOnBest"));
  if (stale > 0) push(recommendations, w.say("fixStale"));
  if (adoption !== null && adoption < 100) push(recommendations, w.say("shareContent"));
  if (serious > 0) push(recommendations, w.say("reviewAlerts"));
  if (recommendations.length === 0) push(recommendations, w.say("keepPace") ?? w.say("noData"));

  return { headline, highlights, concerns, recommendations };
}

function networkReport(w: Writer): TrendReport {
  const highlights: ReportItem[] = [];
  const concerns: ReportItem[] = [];
  const recommendations: ReportItem[] = [];
  const headline = w.say("netHeadline") ?? (w.say("headlineNone", { mission: "network" }) as ReportItem);
  push(highlights, w.say("netReporting"));
  push(highlights, w.say("netGrowthTop", {}, w.list("growth_top", "pct")));
  push(highlights, w.say("netEngagementTop", {}, w.list("engagement_top", "rate")));
  push(highlights, w.say("netTopPost"));
  push(concerns, w.say("netGrowthBottom", {}, w.list("growth_bottom", "pct")));
  push(concerns, w.say("netEngagementBottom", {}, w.list("engagement_bottom", "rate")));
  const silent = w.num("missions_without_posts") ?? 0;
  const stale = w.num("stale_missions") ?? 0;
  const serious = w.num("alerts_serious") ?? 0;
  if (silent > 0) push(concerns, w.say("netNoPosts"));
  if (stale > 0) push(concerns, w.say("netStale"));
  if ((w.num("alerts") ?? 0) > 0) push(concerns, w.say("netAlerts"));
  if (silent > 0) push(recommendations, w.say("netFollowUpSilent"));
  if (stale > 0) push(recommendations, w.say("netFollowUpStale"));
  if (serious > 0) push(recommendations, w.say("netReviewAlerts"));
  push(recommendations, w.say("netShareBest"));
  if (recommendations.length === 0) push(recommendations, w.say("noData"));
  return { headline, highlights, concerns, recommendations };
}

/**
 * The automatic summary of `pack` in `language` (English when the language has no translation;
 * see {@link autoSummaryLanguage}). Deterministic: the same facts give the same text.
 */
export function automaticReport(pack: FactsPack, language: string): TrendReport {
  const lang = autoSummaryLanguage(language);
  const writer = new Writer(pack, lang, periodInWords(pack, lang));
  return pack.subject.kind === "network" ? networkReport(writer) : missionReport(writer);
}
