/**
 * Turns a facts pack into the reports people read, one per language: from the cache when these
 * facts were already written up in that language, otherwise from the LLM (checked, with the
 * automatic summary as the fallback), or the automatic summary alone when no LLM is set up or
 * the caller may not use it right now. Only LLM reports are cached: the automatic summary costs
 * nothing to rebuild, and a later try may give the LLM's report.
 */
import { z } from "zod";
import type { Deps } from "../core/command.ts";
import { findTrendReport, saveTrendReport } from "../db/repos/trend-reports-repo.ts";
import { type FactsPack, factsHash } from "../domain/facts.ts";
import { checkGrounding } from "../domain/grounding.ts";
import { reportSchema } from "../llm/schema.ts";
import { automaticResult } from "../llm/summarizer.ts";
import type { SummaryResult } from "../llm/types.ts";

/** Why the automatic summary is shown when no LLM is set up. */
export const NO_LLM_REASON = "no LLM is set up";

/** The one line that says how to have an LLM write the reports. */
export const ENABLE_LLM_HINT =
  "To have an LLM write these reports, set OPENAI_API_KEY (and OPENAI_BASE_URL and OPENAI_MODEL for a model on your own servers) and restart the bot.";

/** One language's report, as shown. */
export interface TrendOutcome extends SummaryResult {
  /** True when it came from the cache (written earlier for the same facts). */
  cached: boolean;
}

/** How to produce the reports. */
export interface GenerateOptions {
  /** False when the LLM may not be asked (rate limit): cached LLM reports are still used. */
  allowLlm?: boolean;
  /** Why the LLM was not asked, when `allowLlm` is false. */
  blockedReason?: string;
}

/** The cache's scope for a pack: the mission code, or `scd` for the network brief. */
export function cacheScope(pack: FactsPack): string {
  return pack.subject.kind === "network" ? "scd" : pack.subject.code;
}

const cachedSchema = z.object({
  source: z.literal("llm"),
  violations: z.array(
    z.object({
      where: z.string(),
      kind: z.enum([
        "unknown_fact",
        "ungrounded_number",
        "number_in_words",
        "date_outside_period",
        "unreadable_number",
        "invalid_output",
      ]),
      text: z.string(),
      message: z.string(),
      attempt: z.number(),
    }),
  ),
  model: z.string().nullable(),
  usage: z
    .object({ promptTokens: z.number(), completionTokens: z.number(), totalTokens: z.number() })
    .nullable(),
  report: reportSchema,
  attempts: z.number(),
});

/** A cached LLM report, when it reads back whole and still passes the grounding check. */
function fromCache(
  pack: FactsPack,
  body: Record<string, unknown> | null,
  language: string,
): TrendOutcome | null {
  const parsed = cachedSchema.safeParse(body);
  if (!parsed.success || !checkGrounding(parsed.data.report, pack).grounded) return null;
  return {
    ...parsed.data,
    language,
    requestedLanguage: language,
    grounded: true,
    fallbackReason: null,
    cached: true,
  };
}

/** True when producing `languages` for `pack` would ask the LLM (it is set up and something is not cached). */
export function wouldAskLlm(deps: Deps, pack: FactsPack, languages: string[]): boolean {
  if (!deps.summarizer) return false;
  const hash = factsHash(pack);
  return languages.some(
    (l) => !fromCache(pack, findTrendReport(deps.db, cacheScope(pack), hash, l)?.body ?? null, l),
  );
}

/** The reports of `pack`, one per language, in the order given. */
export async function generateReports(
  deps: Deps,
  pack: FactsPack,
  languages: string[],
  options: GenerateOptions = {},
): Promise<TrendOutcome[]> {
  const hash = factsHash(pack);
  const scope = cacheScope(pack);
  const out: TrendOutcome[] = [];
  // Once the LLM could not be reached (or timed out, or refused), the other languages are not
  // asked again in the same breath: the reader gets the automatic summary, for the same reason.
  let unreachable: string | null = null;
  for (const language of languages) {
    const cached = fromCache(pack, findTrendReport(deps.db, scope, hash, language)?.body ?? null, language);
    if (cached) {
      out.push(cached);
      continue;
    }
    if (!deps.summarizer) {
      out.push({ ...automaticResult(pack, language, NO_LLM_REASON), cached: false });
      continue;
    }
    if (options.allowLlm === false || unreachable !== null) {
      const reason = unreachable ?? options.blockedReason ?? "the LLM was not asked";
      out.push({ ...automaticResult(pack, language, reason), cached: false });
      continue;
    }
    const result = await deps.summarizer.summarize({ pack, language });
    if (result.source === "automatic" && result.attempts === 0) unreachable = result.fallbackReason;
    if (result.source === "llm") {
      saveTrendReport(deps.db, {
        scope,
        periodKey: pack.period.key,
        language,
        factsHash: hash,
        source: result.source,
        body: { ...result },
        createdAt: deps.clock.now().toISOString(),
      });
    }
    out.push({ ...result, cached: false });
  }
  return out;
}
