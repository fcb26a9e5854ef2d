import type { types } from "@slack/bolt";
import type { UserError } from "../../../core/errors.ts";
import type { Db } from "../../../db/client.ts";
import { listMissions } from "../../../db/repos/missions-repo.ts";
import { CAPTION_LANGUAGES, CONTENT_KINDS, ContentDraftError } from "../../../domain/content.ts";
import { truncatePlain } from "../mrkdwn.ts";
import {
  dateValue,
  INPUT_ACTION,
  option,
  selectedValue,
  selectedValues,
  textValue,
  type ViewValues,
} from "./view-state.ts";

/** The `/content new` modal's callback id. */
export const NEW_CONTENT_CALLBACK = "dmd-content-new";

const KIND_LABELS: Record<string, string> = {
  embassy: "Embassies",
  high_commission: "High commissions",
  consulate: "Consulates",
  permanent_mission: "Permanent missions",
};

function plain(text: string): types.PlainTextElement {
  return { type: "plain_text", text, emoji: true };
}

function textInput(
  blockId: string,
  label: string,
  options: { optional?: boolean; multiline?: boolean; max: number; placeholder?: string; hint?: string },
): types.InputBlock {
  return {
    type: "input",
    block_id: blockId,
    optional: options.optional ?? false,
    label: plain(label),
    element: {
      type: "plain_text_input",
      action_id: INPUT_ACTION,
      multiline: options.multiline ?? false,
      max_length: options.max,
      ...(options.placeholder ? { placeholder: plain(options.placeholder) } : {}),
    },
    ...(options.hint ? { hint: plain(options.hint) } : {}),
  };
}

function choice(text: string, value: string): types.PlainTextOption {
  return { text: plain(truncatePlain(text, 75)), value };
}

/**
 * The `/content new` form: the same fields as the typed command. Targets are a multi-select of
 * "All missions", the regions and the kinds of mission, plus a text box for listed missions.
 */
export function newContentModal(db: Db, privateMetadata: string): types.ModalView {
  const missions = listMissions(db).filter((m) => m.kind !== "hq");
  const regions = [...new Set(missions.map((m) => m.region))].sort((a, b) => a.localeCompare(b));
  const kinds = [...new Set(missions.map((m) => m.kind))].sort();
  const targetOptions = [
    choice("All missions", "all"),
    ...regions.slice(0, 80).map((r) => choice(`Region: ${r}`, `region:${r}`)),
    ...kinds.map((k) => choice(KIND_LABELS[k] ?? k, `kind:${k}`)),
  ];
  return {
    type: "modal",
    callback_id: NEW_CONTENT_CALLBACK,
    private_metadata: privateMetadata,
    title: plain("New SCD content"),
    submit: plain("Send to missions"),
    close: plain("Cancel"),
    blocks: [
      textInput("title", "Title", { max: 150, placeholder: "National Day 2026" }),
      {
        type: "input",
        block_id: "kind",
        label: plain("Kind"),
        element: {
          type: "static_select",
          action_id: INPUT_ACTION,
          placeholder: plain("Choose"),
          options: CONTENT_KINDS.map((k) => choice(k.charAt(0).toUpperCase() + k.slice(1), k)),
        },
      },
      textInput("theme", "Theme", { optional: true, max: 150, placeholder: "culture, economy, …" }),
      textInput("description", "Description for the missions", {
        optional: true,
        multiline: true,
        max: 1000,
      }),
      textInput("assets", "Asset links", {
        optional: true,
        multiline: true,
        max: 1500,
        placeholder: "https://…",
        hint: "One link per line: the files, or the SCD's own post.",
      }),
      ...Object.entries(CAPTION_LANGUAGES).map(([lang, name]) =>
        textInput(`captions.${lang}`, `Suggested caption (${name})`, {
          optional: true,
          multiline: true,
          max: 500,
        }),
      ),
      textInput("hashtags", "Hashtags", { optional: true, max: 300, placeholder: "#NationalDay #Culture" }),
      {
        type: "input",
        block_id: "targets",
        optional: true,
        label: plain("Send to"),
        element: {
          type: "multi_static_select",
          action_id: INPUT_ACTION,
          placeholder: plain("All missions, regions, kinds"),
          options: targetOptions,
        },
        hint: plain("A region and a kind together mean both (e.g. consulates in Europe)."),
      },
      textInput("targets.missions", "Also these missions", {
        optional: true,
        max: 2000,
        placeholder: "washington, riyadh",
        hint: "Mission codes or cities, separated by commas.",
      }),
      {
        type: "input",
        block_id: "due",
        label: plain("Due date"),
        element: { type: "datepicker", action_id: INPUT_ACTION, placeholder: plain("Publish by") },
        hint: plain("Missions that have not answered get a reminder the day before."),
      },
    ],
  };
}

/** The targets the form's inputs stand for, as `/content new` reads them; "" when none was chosen. */
export function targetsText(values: ViewValues): string {
  const chosen = selectedValues(values, "targets");
  if (chosen.includes("all")) return "all";
  const regions = chosen.filter((v) => v.startsWith("region:")).map((v) => v.slice(7));
  const kinds = chosen.filter((v) => v.startsWith("kind:")).map((v) => v.slice(5));
  const listed = textValue(values, "targets.missions")
    .split(/[,;\n]+/)
    .map((m) => m.trim())
    .filter(Boolean);
  const clauses = [
    ...(regions.length > 0 ? [`region:${regions.join(",")}`] : []),
    ...(kinds.length > 0 ? [`kind:${kinds.join(",")}`] : []),
    ...(listed.length > 0 ? [`missions:${listed.join(",")}`] : []),
  ];
  return clauses.join(";");
}

/** The `/content new` command line a submitted form stands for. */
export function newContentLine(values: ViewValues): string {
  const assets = textValue(values, "assets").split(/\s+/).filter(Boolean).join(",");
  const parts = [
    "/content new",
    ...option("title", textValue(values, "title")),
    ...option("kind", selectedValue(values, "kind")),
    ...option("theme", textValue(values, "theme")),
    ...option("description", textValue(values, "description")),
    ...option("assets", assets),
    ...Object.keys(CAPTION_LANGUAGES).flatMap((lang) =>
      option(`captions.${lang}`, textValue(values, `captions.${lang}`)),
    ),
    ...option("hashtags", textValue(values, "hashtags")),
    ...option("targets", targetsText(values)),
    ...option("due", dateValue(values, "due")),
  ];
  return parts.join(" ");
}

const BLOCKS = ["title", "kind", "theme", "description", "assets", "hashtags", "targets", "due"];

function blockOf(key: string): string {
  const caption = /^captions\.?([a-z]{2})$/i.exec(key);
  if (caption?.[1]) return `captions.${caption[1].toLowerCase()}`;
  return BLOCKS.includes(key) ? key : "title";
}

/**
 * Where each problem of a refused `/content new` goes in the form: a problem per field from
 * the checks, or the one argument the parser named; anything else under the title.
 */
export function newContentErrors(error: UserError): Record<string, string> {
  const errors: Record<string, string> = {};
  const put = (block: string, message: string) => {
    const text = errors[block] ? `${errors[block]} ${message}` : message;
    errors[block] = truncatePlain(text, 500);
  };
  if (error instanceof ContentDraftError) {
    for (const problem of error.problems) put(blockOf(problem.field), problem.message);
    return errors;
  }
  const message = error.message.split(" Usage:")[0] ?? error.message;
  const named = /^Missing (\w+)/.exec(message) ?? /is not a valid (\w+):/.exec(message);
  if (error.code === "too_long") put("description", message);
  else put(blockOf(named?.[1] ?? ""), message);
  return errors;
}
