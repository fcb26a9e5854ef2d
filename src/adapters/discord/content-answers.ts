import "./load-guard.ts";
import {
  type APIModalInteractionResponseCallbackData,
  type ButtonInteraction,
  ComponentType,
  MessageFlags,
  type ModalSubmitInteraction,
  TextInputStyle,
} from "discord.js";
import type { Reply } from "../../core/reply.ts";
import { encodeAction } from "./custom-id.ts";
import { interactionPayload } from "./deliver.ts";
import { cutText } from "./escape.ts";
import { DISCORD_LIMITS as L } from "./limits.ts";
import { quoteValue } from "./options-text.ts";

/** The three answers a content ping's buttons give (the last word of their command). */
type AnswerKind = "shared" | "will" | "na";

function answerOf(line: string): { kind: AnswerKind; id: string; mission: string } | null {
  const m = /^content answer (\d+) (\S+) (shared|will|na)$/i.exec(line.trim().replace(/^\//, ""));
  if (!m?.[1] || !m[2] || !m[3]) return null;
  return { id: m[1], mission: m[2], kind: m[3].toLowerCase() as AnswerKind };
}

function input(
  customId: string,
  label: string,
  options: { paragraph?: boolean; required?: boolean; placeholder?: string; min?: number; max: number },
) {
  return {
    type: ComponentType.ActionRow as const,
    components: [
      {
        type: ComponentType.TextInput as const,
        custom_id: customId,
        label: cutText(label, L.textInputLabel),
        style: options.paragraph ? TextInputStyle.Paragraph : TextInputStyle.Short,
        required: options.required ?? true,
        max_length: options.max,
        ...(options.min ? { min_length: options.min } : {}),
        ...(options.placeholder ? { placeholder: options.placeholder } : {}),
      },
    ],
  };
}

/**
 * The form a content answer button opens: the post links for "Shared", the day for "Will share
 * on …", a reason (and a few words) for "Not applicable". Null when the line is not an answer.
 */
export function answerForm(line: string): APIModalInteractionResponseCallbackData | null {
  const answer = answerOf(line);
  const customId = encodeAction("answer-form", line);
  if (!answer || !customId) return null;
  const title = cutText(`Content #${answer.id} for ${answer.mission}`, L.modalTitle);
  if (answer.kind === "shared") {
    return {
      title,
      custom_id: customId,
      components: [
        input("links", "Links of the posts you published", {
          paragraph: true,
          placeholder: "https://x.com/YourHandle/status/… (several: one per line)",
          max: 2000,
        }),
      ],
    };
  }
  if (answer.kind === "will") {
    return {
      title,
      custom_id: customId,
      components: [
        input("date", "Day you will share it (YYYY-MM-DD)", { placeholder: "YYYY-MM-DD", min: 10, max: 10 }),
      ],
    };
  }
  return {
    title,
    custom_id: customId,
    components: [
      input("reason", "Reason", { placeholder: "host-country, language, already-covered or other", max: 40 }),
      input("why", "In a few words (optional)", { paragraph: true, required: false, max: 1000 }),
    ],
  };
}

/** The command line a submitted answer form runs: the button's line with its details. */
export function answerLineFrom(line: string, values: (id: string) => string): string | null {
  const answer = answerOf(line);
  if (!answer) return null;
  const details =
    answer.kind === "shared"
      ? values("links").split(/\s+/).filter(Boolean).join(" ")
      : answer.kind === "will"
        ? values("date").trim()
        : [values("reason").trim(), values("why").trim()].filter(Boolean).join(" ");
  return `${line.trim().replace(/^\//, "")} details=${quoteValue(details)}`;
}

/** Opens the answer form for a content answer button. */
export async function openAnswerForm(interaction: ButtonInteraction, line: string): Promise<boolean> {
  const form = answerForm(line);
  if (!form) return false;
  await interaction.showModal(form);
  return true;
}

function isReply(value: unknown): value is Reply {
  return (
    typeof value === "object" &&
    value !== null &&
    "elements" in value &&
    Array.isArray(value.elements) &&
    "fallback" in value &&
    typeof value.fallback === "string"
  );
}

/**
 * Handles a submitted answer form: runs the answer through the dispatcher (which checks the
 * caller answers for that mission), then updates the content ping the button sat on to read as
 * it now should (`data.ping`), and thanks the caller privately. A refused answer changes
 * nothing and is explained only to the caller.
 */
export async function submitAnswerForm(
  interaction: ModalSubmitInteraction,
  line: string,
  run: (line: string) => Promise<{ ok: true; reply: Reply; data: unknown } | { ok: false; reply: Reply }>,
): Promise<boolean> {
  const full = answerLineFrom(line, (id) => {
    try {
      return interaction.fields.getTextInputValue(id);
    } catch {
      return "";
    }
  });
  if (!full) return false;
  const onMessage = interaction.isFromMessage();
  if (onMessage) await interaction.deferUpdate();
  else await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const result = await run(full);
  const privately = (reply: Reply) =>
    onMessage
      ? interaction.followUp({ ...interactionPayload(reply), flags: MessageFlags.Ephemeral })
      : interaction.editReply(interactionPayload(reply, { edit: true }));
  if (!result.ok) {
    await privately(result.reply);
    return true;
  }
  const ping =
    typeof result.data === "object" && result.data !== null && "ping" in result.data
      ? result.data.ping
      : undefined;
  if (onMessage && isReply(ping)) {
    await interaction.editReply(
      interactionPayload({ ...ping, ephemeral: false }, { edit: true, periodForm: false }),
    );
  }
  await privately(result.reply);
  return true;
}
