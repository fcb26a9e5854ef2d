/**
 * The shape of the LLM's answer: a headline, highlights, concerns and recommendations, each a
 * short text with the ids of the facts it rests on. Validated with zod; the same shape is sent
 * as a strict JSON schema to servers that support structured output.
 */
import { z } from "zod";
import type { TrendReport } from "../domain/grounding.ts";

/** Longest text of one item, in characters. */
export const MAX_ITEM_TEXT = 600;

const item = z.object({
  text: z
    .string()
    .trim()
    .min(1, "text is empty")
    .max(MAX_ITEM_TEXT, `text is longer than ${MAX_ITEM_TEXT} characters`),
  facts: z.array(z.string().trim()).max(20, "cites more than 20 facts"),
});

/** The report as the model must write it. */
export const reportSchema = z.object({
  headline: item,
  highlights: z.array(item).min(1, "needs at least one highlight").max(6, "has more than 6 highlights"),
  concerns: z.array(item).max(5, "has more than 5 concerns"),
  recommendations: z.array(item).max(5, "has more than 5 recommendations"),
});

/** The JSON schema of {@link reportSchema} for `response_format: json_schema` (strict), citing only `factIds`. */
export function reportJsonSchema(factIds: string[]): Record<string, unknown> {
  const itemSchema = {
    type: "object",
    properties: {
      text: { type: "string" },
      facts: { type: "array", items: { type: "string", enum: factIds } },
    },
    required: ["text", "facts"],
    additionalProperties: false,
  };
  const list = { type: "array", items: itemSchema };
  return {
    type: "object",
    properties: { headline: itemSchema, highlights: list, concerns: list, recommendations: list },
    required: ["headline", "highlights", "concerns", "recommendations"],
    additionalProperties: false,
  };
}

/** Reading the model's text: the report, or what was wrong with it (in words the model can act on). */
export type ParsedReport = { ok: true; report: TrendReport } | { ok: false; problems: string[] };

/**
 * Reads the model's answer: JSON (also inside a ```json fence or surrounded by prose), checked
 * against {@link reportSchema}. Markdown emphasis and list bullets are taken off the texts.
 */
export function parseReport(content: string | null | undefined): ParsedReport {
  const text = (content ?? "").trim();
  if (text === "") return { ok: false, problems: ["The answer was empty: reply with the JSON report."] };
  let data: unknown;
  try {
    data = JSON.parse(extractJson(text));
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      problems: [`The answer was not valid JSON (${why}). Reply with the JSON object only.`],
    };
  }
  const parsed = reportSchema.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues
        .slice(0, 8)
        .map(
          (i) =>
            `The JSON does not have the required shape at ${i.path.join(".") || "the top"}: ${i.message}.`,
        ),
    };
  }
  const tidy = (i: { text: string; facts: string[] }) => ({ text: tidyText(i.text), facts: i.facts });
  return {
    ok: true,
    report: {
      headline: tidy(parsed.data.headline),
      highlights: parsed.data.highlights.map(tidy),
      concerns: parsed.data.concerns.map(tidy),
      recommendations: parsed.data.recommendations.map(tidy),
    },
  };
}

function extractJson(text: string): string {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  const body = fenced?.[1]?.trim() ?? text;
  const start = body.indexOf("{");
  const end = body.lastIndexOf("}");
  return start >= 0 && end > start ? body.slice(start, end + 1) : body;
}

function tidyText(text: string): string {
  return text
    .replace(/\*\*|__/g, "")
    .replace(/^\s*(?:[-*•]\s+)/, "")
    .replace(/\s+/g, " ")
    .trim();
}
