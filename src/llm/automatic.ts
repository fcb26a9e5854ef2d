/**
 * The automatic summary as a summarizer result: what is shown when no LLM is set up, when the
 * LLM failed, or when its report could not be checked. Loads nothing of the `openai` client.
 */
import { automaticReport, autoSummaryLanguage } from "../domain/auto-summary.ts";
import type { FactsPack } from "../domain/facts.ts";
import { checkGrounding } from "../domain/grounding.ts";
import type { AttemptViolation, SummaryResult, TokenUsage } from "./types.ts";

/** What the automatic fallback carries over from the LLM's attempts. */
export interface FallbackDetails {
  violations?: AttemptViolation[];
  model?: string | null;
  usage?: TokenUsage | null;
  attempts?: number;
}

/**
 * The automatic summary as a {@link SummaryResult}: `reason` says why it is shown (no LLM set
 * up, the LLM failed, its report could not be checked).
 */
export function automaticResult(
  pack: FactsPack,
  language: string,
  reason: string,
  details: FallbackDetails = {},
): SummaryResult {
  const report = automaticReport(pack, language);
  return {
    source: "automatic",
    language: autoSummaryLanguage(language),
    requestedLanguage: language,
    grounded: checkGrounding(report, pack).grounded,
    violations: details.violations ?? [],
    model: details.model ?? null,
    usage: details.usage ?? null,
    report,
    fallbackReason: reason,
    attempts: details.attempts ?? 0,
  };
}
