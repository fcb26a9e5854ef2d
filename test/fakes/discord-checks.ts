/**
 * Discord's own checks of what a bot sends, as the fake Discord applies them: message payloads
 * (embeds, components, attachments) and application commands. Each returns the first problem in
 * words, or null, and the fake answers a problem with HTTP 400, code 50035 "Invalid Form Body",
 * as Discord does.
 */

// biome-ignore lint/suspicious/noExplicitAny: payloads are JSON as Discord receives them
type Json = any;

/** Characters Discord counts towards its 6,000 across a message's embeds. */
export function embedChars(embeds: Json[]): number {
  let n = 0;
  for (const e of embeds) {
    n += String(e?.title ?? "").length + String(e?.description ?? "").length;
    n += String(e?.footer?.text ?? "").length + String(e?.author?.name ?? "").length;
    for (const f of e?.fields ?? []) n += String(f?.name ?? "").length + String(f?.value ?? "").length;
  }
  return n;
}

function embedProblem(e: Json, i: number, fileNames: Set<string>): string | null {
  if (!e || typeof e !== "object") return `embeds[${i}] is not an object`;
  if (e.title !== undefined && (typeof e.title !== "string" || e.title.length > 256))
    return `embeds[${i}].title`;
  if (e.description !== undefined && (typeof e.description !== "string" || e.description.length > 4096)) {
    return `embeds[${i}].description longer than 4096`;
  }
  const fields: Json[] = e.fields ?? [];
  if (!Array.isArray(fields) || fields.length > 25) return `embeds[${i}].fields: more than 25`;
  for (const [j, f] of fields.entries()) {
    if (typeof f?.name !== "string" || f.name.length === 0 || f.name.length > 256)
      return `embeds[${i}].fields[${j}].name`;
    if (typeof f?.value !== "string" || f.value.length === 0 || f.value.length > 1024) {
      return `embeds[${i}].fields[${j}].value`;
    }
  }
  if (e.footer !== undefined && (typeof e.footer?.text !== "string" || e.footer.text.length > 2048)) {
    return `embeds[${i}].footer.text`;
  }
  const image = e.image?.url;
  if (typeof image === "string" && image.startsWith("attachment://") && !fileNames.has(image.slice(13))) {
    return `embeds[${i}].image: no attached file named ${image.slice(13)}`;
  }
  return null;
}

function componentsProblem(rows: Json): string | null {
  if (rows === undefined) return null;
  if (!Array.isArray(rows) || rows.length > 5) return "components: more than 5 rows";
  const ids = new Set<string>();
  for (const [i, row] of rows.entries()) {
    if (row?.type !== 1) return `components[${i}] is not an action row`;
    const items: Json[] = row.components ?? [];
    if (items.length === 0 || items.length > 5) return `components[${i}]: 1 to 5 components`;
    for (const [j, c] of items.entries()) {
      if (c?.type !== 2) return `components[${i}].components[${j}] is not a button`;
      if (typeof c.label === "string" && c.label.length > 80)
        return `components[${i}].components[${j}].label over 80`;
      if (c.style !== 5) {
        if (typeof c.custom_id !== "string" || c.custom_id.length === 0 || c.custom_id.length > 100) {
          return `components[${i}].components[${j}].custom_id`;
        }
        if (ids.has(c.custom_id)) return `components: duplicate custom_id ${c.custom_id}`;
        ids.add(c.custom_id);
      }
    }
  }
  return null;
}

/**
 * Checks a message payload (create or edit) with the names of the files sent with it; `edit`
 * allows a payload without content (an edit may change only part of a message).
 */
export function messageProblem(body: Json, fileNames: string[], edit = false): string | null {
  if (!body || typeof body !== "object") return "body is not an object";
  const names = new Set(fileNames);
  for (const a of body.attachments ?? []) if (typeof a?.filename === "string") names.add(a.filename);
  if (body.content !== undefined && body.content !== null && String(body.content).length > 2000) {
    return "content longer than 2000";
  }
  const embeds: Json[] = body.embeds ?? [];
  if (!Array.isArray(embeds) || embeds.length > 10) return "embeds: more than 10";
  for (const [i, e] of embeds.entries()) {
    const problem = embedProblem(e, i, names);
    if (problem) return problem;
  }
  const total = embedChars(embeds);
  if (total > 6000) return `embeds: ${total} characters, more than 6000`;
  const components = componentsProblem(body.components);
  if (components) return components;
  for (const a of body.attachments ?? []) {
    if (typeof a?.description === "string" && a.description.length > 1024)
      return "attachments: description over 1024";
  }
  if (fileNames.length > 10) return "more than 10 files";
  if (typeof body.nonce === "string" && body.nonce.length > 25) return "nonce longer than 25";
  const empty =
    !body.content && embeds.length === 0 && !(body.components?.length > 0) && fileNames.length === 0;
  if (empty && !edit) return "Cannot send an empty message";
  return null;
}

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function nameProblem(name: unknown, where: string): string | null {
  if (typeof name !== "string" || !NAME.test(name) || name !== name.toLowerCase())
    return `${where}: bad name ${String(name)}`;
  return null;
}

function descriptionProblem(d: unknown, where: string): string | null {
  if (typeof d !== "string" || d.length < 1 || d.length > 100)
    return `${where}: description must be 1 to 100 characters`;
  return null;
}

function optionsProblem(options: Json[], where: string, allowSub: boolean): string | null {
  if (!Array.isArray(options)) return `${where}: options is not an array`;
  if (options.length > 25) return `${where}: more than 25 options`;
  const names = new Set<string>();
  let optionalSeen = false;
  for (const [i, o] of options.entries()) {
    const at = `${where}.options[${i}]`;
    const problem = nameProblem(o?.name, at) ?? descriptionProblem(o?.description, at);
    if (problem) return problem;
    if (names.has(o.name)) return `${at}: duplicate name ${o.name}`;
    names.add(o.name);
    if (o.type === 1 || o.type === 2) {
      if (!allowSub) return `${at}: a subcommand cannot be nested here`;
      const inner = optionsProblem(o.options ?? [], at, o.type === 2);
      if (inner) return inner;
      continue;
    }
    if (o.required) {
      if (optionalSeen) return `${at}: required options must be placed before non-required options`;
    } else {
      optionalSeen = true;
    }
    if (o.choices !== undefined) {
      if (!Array.isArray(o.choices) || o.choices.length > 25) return `${at}: more than 25 choices`;
      if (o.autocomplete) return `${at}: autocomplete cannot be set with choices`;
      for (const c of o.choices) {
        if (typeof c?.name !== "string" || c.name.length < 1 || c.name.length > 100)
          return `${at}: choice name`;
        if (typeof c?.value === "string" && c.value.length > 100) return `${at}: choice value`;
      }
    }
  }
  return null;
}

/** Checks a bulk overwrite of application commands the way Discord does. */
export function commandsProblem(commands: Json): string | null {
  if (!Array.isArray(commands)) return "body is not an array";
  if (commands.length > 100) return "more than 100 commands";
  const names = new Set<string>();
  for (const [i, c] of commands.entries()) {
    const at = `[${i}]`;
    const problem = nameProblem(c?.name, at) ?? descriptionProblem(c?.description, at);
    if (problem) return problem;
    if (names.has(c.name)) return `${at}: duplicate command name ${c.name}`;
    names.add(c.name);
    const options = optionsProblem(c.options ?? [], at, true);
    if (options) return options;
    const subs = (c.options ?? []).filter((o: Json) => o.type === 1 || o.type === 2).length;
    if (subs > 0 && subs !== (c.options ?? []).length)
      return `${at}: subcommands cannot be mixed with options`;
  }
  return null;
}

/** Checks an autocomplete answer (interaction callback type 8). */
export function choicesProblem(data: Json): string | null {
  const choices = data?.choices;
  if (!Array.isArray(choices) || choices.length > 25) return "choices: at most 25";
  for (const c of choices) {
    if (typeof c?.name !== "string" || c.name.length < 1 || c.name.length > 100) return "choice name";
    if (typeof c?.value === "string" && c.value.length > 100) return "choice value";
  }
  return null;
}

/** Checks a modal (interaction callback type 9). */
export function modalProblem(data: Json): string | null {
  if (typeof data?.title !== "string" || data.title.length < 1 || data.title.length > 45)
    return "modal title";
  if (typeof data?.custom_id !== "string" || data.custom_id.length < 1 || data.custom_id.length > 100)
    return "modal custom_id";
  const rows: Json[] = data.components ?? [];
  if (!Array.isArray(rows) || rows.length < 1 || rows.length > 5) return "modal components";
  for (const row of rows) {
    const input = row?.type === 1 ? row.components?.[0] : row?.type === 18 ? row.component : undefined;
    if (input?.type !== 4) return "modal: each row needs a text input";
    if (typeof input.custom_id !== "string" || input.custom_id.length > 100) return "text input custom_id";
    if (input.label !== undefined && (typeof input.label !== "string" || input.label.length > 45)) {
      return "text input label";
    }
  }
  return null;
}
