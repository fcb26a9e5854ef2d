import type { types } from "@slack/bolt";
import type { UserError } from "../../../core/errors.ts";
import { type AnswerButton, DECLINE_REASON_LABELS, DECLINE_REASONS } from "../../../domain/content.ts";
import { escapeSlackText, truncatePlain } from "../mrkdwn.ts";
import { dateValue, INPUT_ACTION, quoted, selectedValue, textValue, type ViewValues } from "./view-state.ts";

/** Callback ids of the three answer forms. */
export const ANSWER_CALLBACKS: Record<AnswerButton, string> = {
  shared: "dmd-content-answer-shared",
  will: "dmd-content-answer-will",
  na: "dmd-content-answer-na",
};

/** What an answer form carries from the button to the submission. */
export interface AnswerMetadata {
  contentId: number;
  mission: string;
  /** The ping's channel and message `ts`, to update it once answered. */
  channel?: string;
  ts?: string;
}

/** The metadata as the view's `private_metadata`. */
export function encodeAnswerMetadata(meta: AnswerMetadata): string {
  return JSON.stringify(meta);
}

/** The metadata back from a submitted view; null when it is not ours. */
export function decodeAnswerMetadata(text: string | undefined): AnswerMetadata | null {
  try {
    const parsed = JSON.parse(text ?? "") as Partial<AnswerMetadata>;
    if (typeof parsed.contentId !== "number" || typeof parsed.mission !== "string") return null;
    return {
      contentId: parsed.contentId,
      mission: parsed.mission,
      ...(typeof parsed.channel === "string" ? { channel: parsed.channel } : {}),
      ...(typeof parsed.ts === "string" ? { ts: parsed.ts } : {}),
    };
  } catch {
    return null;
  }
}

function plain(text: string): types.PlainTextElement {
  return { type: "plain_text", text, emoji: true };
}

/** The block each answer's main input lives in. */
const MAIN_BLOCK: Record<AnswerButton, string> = { shared: "links", will: "date", na: "reason" };

/**
 * The form an answer button opens: the post links for "Shared", a date picker for "Will share
 * on …" (the due date proposed), a reason (and a few words) for "Not applicable".
 */
export function answerModal(
  answer: AnswerButton,
  item: { id: number; title: string; dueDate: string | null },
  mission: { code: string; name: string },
  meta: AnswerMetadata,
  today: string,
): types.ModalView {
  const intro: types.SectionBlock = {
    type: "section",
    text: {
      type: "mrkdwn",
      text: escapeSlackText(truncatePlain(`“${item.title}” (#${item.id}) for ${mission.name}`, 2900)),
    },
  };
  const base = {
    type: "modal" as const,
    callback_id: ANSWER_CALLBACKS[answer],
    private_metadata: encodeAnswerMetadata(meta),
    close: plain("Cancel"),
    submit: plain("Save"),
  };
  if (answer === "shared") {
    return {
      ...base,
      title: plain("Shared"),
      blocks: [
        intro,
        {
          type: "input",
          block_id: "links",
          label: plain("Links of the posts you published"),
          element: {
            type: "plain_text_input",
            action_id: INPUT_ACTION,
            multiline: true,
            max_length: 2000,
            placeholder: plain("https://x.com/YourHandle/status/…"),
          },
          hint: plain("One link per line. The share is verified once the post shows in the figures."),
        },
      ],
    };
  }
  if (answer === "will") {
    const initial = item.dueDate && item.dueDate >= today ? item.dueDate : undefined;
    return {
      ...base,
      title: plain("Will share on …"),
      blocks: [
        intro,
        {
          type: "input",
          block_id: "date",
          label: plain("The day you will publish it"),
          element: {
            type: "datepicker",
            action_id: INPUT_ACTION,
            ...(initial ? { initial_date: initial } : {}),
            placeholder: plain("Choose a day"),
          },
        },
      ],
    };
  }
  return {
    ...base,
    title: plain("Not applicable"),
    blocks: [
      intro,
      {
        type: "input",
        block_id: "reason",
        label: plain("Why it does not apply"),
        element: {
          type: "static_select",
          action_id: INPUT_ACTION,
          placeholder: plain("Choose a reason"),
          options: DECLINE_REASONS.map((r) => {
            const label = DECLINE_REASON_LABELS[r];
            return { text: plain(label.charAt(0).toUpperCase() + label.slice(1)), value: r };
          }),
        },
      },
      {
        type: "input",
        block_id: "text",
        optional: true,
        label: plain("A few words"),
        element: { type: "plain_text_input", action_id: INPUT_ACTION, multiline: true, max_length: 500 },
        hint: plain("Needed for Other; helpful for the SCD in every case."),
      },
    ],
  };
}

/** The `/content answer` command line a submitted answer form stands for. */
export function answerCommandLine(answer: AnswerButton, meta: AnswerMetadata, values: ViewValues): string {
  const base = `/content answer ${meta.contentId} ${meta.mission} ${answer}`;
  if (answer === "shared") {
    const links = textValue(values, "links")
      .split(/[\s,]+/)
      .filter(Boolean);
    return [base, ...links.map(quoted)].join(" ");
  }
  if (answer === "will") return `${base} ${dateValue(values, "date")}`.trim();
  const text = textValue(values, "text");
  return [base, selectedValue(values, "reason"), ...(text ? [quoted(text)] : [])].join(" ");
}

/** Where a refused answer's message goes in its form. */
export function answerErrors(
  answer: AnswerButton,
  error: Pick<UserError, "message">,
): Record<string, string> {
  const message = truncatePlain(error.message.split(" Usage:")[0] ?? error.message, 500);
  const aboutText = answer === "na" && /after "other"|under 500 characters/.test(error.message);
  return { [aboutText ? "text" : MAIN_BLOCK[answer]]: message };
}
