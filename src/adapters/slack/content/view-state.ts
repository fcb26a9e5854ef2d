/**
 * Reading a submitted modal's `view.state.values` (block id -> action id -> value), and writing
 * command-line values back as quoted text the command parser reads exactly.
 */

/** The action id every input of the content modals uses. */
export const INPUT_ACTION = "value";

/** One input's submitted state, loosely: only what the content modals use. */
interface InputState {
  value?: string | null;
  selected_date?: string | null;
  selected_option?: { value?: string } | null;
  selected_options?: { value?: string }[] | null;
}

/** A view's submitted values. */
export type ViewValues = Record<string, Record<string, InputState> | undefined>;

function input(values: ViewValues, blockId: string): InputState | undefined {
  return values[blockId]?.[INPUT_ACTION];
}

/** A text input's trimmed value; "" when empty or absent. */
export function textValue(values: ViewValues, blockId: string): string {
  return (input(values, blockId)?.value ?? "").trim();
}

/** A datepicker's `YYYY-MM-DD`; "" when none was picked. */
export function dateValue(values: ViewValues, blockId: string): string {
  return input(values, blockId)?.selected_date ?? "";
}

/** A static select's chosen value; "" when none. */
export function selectedValue(values: ViewValues, blockId: string): string {
  return input(values, blockId)?.selected_option?.value ?? "";
}

/** A multi-select's chosen values, in order. */
export function selectedValues(values: ViewValues, blockId: string): string[] {
  return (input(values, blockId)?.selected_options ?? []).flatMap((o) => (o.value ? [o.value] : []));
}

/**
 * A value as one quoted command-line word: backslashes and double quotes escaped, so the
 * parser gives back exactly `value` (line breaks become spaces there, as for typed values).
 */
export function quoted(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** `key="value"`, or nothing when the value is empty. */
export function option(key: string, value: string): string[] {
  return value.trim() === "" ? [] : [`${key}=${quoted(value)}`];
}
