/**
 * The summarizer's contract, kept apart so `core/` can name it in `Deps` without importing the
 * `openai` client. `summarizer.ts` implements it.
 */
import type { FactsPack } from "../domain/facts.ts";
import type { TrendReport, Violation, ViolationKind } from "../domain/grounding.ts";

/** Who wrote the report a reader sees: the LLM (checked), or our automatic summary. */
export type ReportSource = "llm" | "automatic";

/** Tokens the LLM used, summed over the attempts. */
export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

/** A problem found in one of the LLM's attempts. */
export interface AttemptViolation extends Omit<Violation, "kind"> {
  kind: ViolationKind | "invalid_output";
  /** 1 for the first answer, 2 for the retry. */
  attempt: number;
}

/** What to summarize, and in which language (an ISO 639 code such as `fr`). */
export interface SummaryRequest {
  pack: FactsPack;
  language: string;
}

/** A report ready to show, with an honest account of where it came from. */
export interface SummaryResult {
  source: ReportSource;
  /** The language `report` is written in (the automatic summary may fall back to English). */
  language: string;
  /** The language that was asked for. */
  requestedLanguage: string;
  /** True when `report` passed the grounding check (always, for what is shown). */
  grounded: boolean;
  /** What was wrong with the LLM's answers, when there were problems. */
  violations: AttemptViolation[];
  /** The model that answered (or was asked); null when no LLM was involved. */
  model: string | null;
  usage: TokenUsage | null;
  report: TrendReport;
  /** Why the automatic summary is shown instead of the LLM's report, in words; null for `llm`. */
  fallbackReason: string | null;
  /** How many answers the LLM gave (0 to 2). */
  attempts: number;
}

/** Writes a trend report from a facts pack; never throws: on any failure it returns the automatic summary. */
export interface Summarizer {
  /** The model asked, e.g. `gpt-4o-mini`. */
  readonly model: string;
  summarize(request: SummaryRequest): Promise<SummaryResult>;
}
