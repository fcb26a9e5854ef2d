import "./load-guard.ts";
import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { Command } from "../../core/command.ts";
import type { Registry } from "../../core/registry.ts";
import { type ArgumentSpec, argumentSpecs } from "../../core/usage.ts";
import { cutText, plainLine } from "./escape.ts";
import { DISCORD_LIMITS as L } from "./limits.ts";
import { optionName } from "./options-text.ts";

/** One application command as `PUT /applications/{id}/commands` takes it. */
export type ApplicationCommandJson = RESTPostAPIChatInputApplicationCommandsJSONBody;

/** The application command that imports an attached export file (handled by the adapter, not the registry). */
export const IMPORT_COMMAND = "import";

/** Where an option's values are offered from as the user types: missions, or SCD content items. */
export type AutocompleteSource = "mission" | "content";

/**
 * The autocomplete source of a command's option (by its Discord name): every `mission`, and
 * the `id` of the `/content …` commands (a content item's number). Null for the others.
 */
export function autocompleteSource(
  command: Pick<Command, "name">,
  option: string,
): AutocompleteSource | null {
  if (option === "mission") return "mission";
  if (option === "id" && command.name.toLowerCase().startsWith("content ")) return "content";
  return null;
}

/** The most top-level commands an application may have (chat input). */
const MAX_COMMANDS = 100;

function describe(text: string, fallback: string): string {
  const clean = plainLine(text) || fallback;
  return cutText(clean, L.commandDescription);
}

/** The Discord option for one argument: a string, with choices (≤25) or autocomplete. */
function argumentOption(command: Command, spec: ArgumentSpec): APIApplicationCommandBasicOption {
  const name = optionName(spec.name);
  const choices = spec.choices ?? [];
  const base = {
    type: ApplicationCommandOptionType.String as const,
    name,
    description: describe(spec.description, `The ${name.replace(/_/g, " ")}`),
    required: spec.required,
  };
  if (choices.length > 0 && choices.length <= L.choices) {
    return {
      ...base,
      choices: choices.map((c) => ({
        name: cutText(c, L.choiceText),
        value: c.slice(0, L.choiceText),
      })),
    };
  }
  // Too many choices to list: they are offered as the user types instead.
  if (choices.length > L.choices || autocompleteSource(command, name)) return { ...base, autocomplete: true };
  return base;
}

/** The options of one command, required ones first (Discord refuses a required option after an optional one). */
export function commandOptions(command: Command): APIApplicationCommandBasicOption[] {
  const specs = argumentSpecs(command);
  if (specs.length > L.commandOptions) {
    throw new Error(
      `Command /${command.name} has ${specs.length} arguments; Discord allows ${L.commandOptions}.`,
    );
  }
  const options = specs.map((spec) => argumentOption(command, spec));
  return [...options.filter((o) => o.required), ...options.filter((o) => !o.required)];
}

function permissionsFor(commands: Command[]): string | null {
  // Only a default: server admins can change who sees a command; the bot checks roles on every run.
  return commands.every((c) => c.minRole === "admin") ? PermissionFlagsBits.ManageGuild.toString() : null;
}

function common(): Pick<ApplicationCommandJson, "type" | "contexts" | "integration_types"> {
  return {
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  };
}

function importCommand(): ApplicationCommandJson {
  return {
    ...common(),
    name: IMPORT_COMMAND,
    description: "Import a platform export (CSV or zip) that you attach",
    default_member_permissions: null,
    options: [
      {
        type: ApplicationCommandOptionType.Attachment,
        name: "file",
        description: "The export file, as the platform gave it (CSV or zip)",
        required: true,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: "handle",
        description: "platform:handle, when the file does not say whose it is (e.g. x:mofa_washington)",
        required: false,
      },
    ],
  };
}

/**
 * The application commands for a registry: one per command, and two-word names (`handle add`)
 * as subcommands of their first word (`/handle add`). Options come from each command's schema
 * ({@link argumentSpecs}): strings, with choices where the schema lists at most 25 values and
 * autocomplete for missions (and for longer lists). Admin-only commands default to members with
 * Manage Server. Aliases are not registered: Discord has none, and the list stays short.
 * Unless the registry has its own `import`, `/import` (an attached file) is added.
 *
 * @throws Error when a name is used both as a command and as a group, or a limit is exceeded.
 */
export function buildApplicationCommands(
  registry: Registry,
  options: { importCommand?: boolean } = {},
): ApplicationCommandJson[] {
  const singles = new Map<string, Command>();
  const groups = new Map<string, Command[]>();
  for (const command of registry.list()) {
    const [first = "", second] = command.name.toLowerCase().split(" ");
    if (second === undefined) singles.set(first, command);
    else groups.set(first, [...(groups.get(first) ?? []), command]);
  }
  const out: ApplicationCommandJson[] = [];
  for (const [name, command] of singles) {
    if (groups.has(name)) {
      throw new Error(
        `/${name} is both a command and the first word of /${groups.get(name)?.[0]?.name}: Discord cannot register both.`,
      );
    }
    out.push({
      ...common(),
      name,
      description: describe(command.summary, `/${name}`),
      default_member_permissions: permissionsFor([command]),
      options: commandOptions(command),
    });
  }
  for (const [name, members] of groups) {
    if (members.length > L.commandOptions) {
      throw new Error(`/${name} has ${members.length} subcommands; Discord allows ${L.commandOptions}.`);
    }
    const subcommands: APIApplicationCommandOption[] = members.map(
      (command): APIApplicationCommandSubcommandOption => ({
        type: ApplicationCommandOptionType.Subcommand,
        name: command.name.toLowerCase().split(" ")[1] ?? "",
        description: describe(command.summary, `/${command.name}`),
        options: commandOptions(command),
      }),
    );
    const words = subcommands.map((s) => s.name).join(", ");
    out.push({
      ...common(),
      name,
      description: describe(`${capitalise(name)} commands: ${words}.`, `/${name}`),
      default_member_permissions: permissionsFor(members),
      options: subcommands,
    });
  }
  if ((options.importCommand ?? true) && !registry.get(IMPORT_COMMAND) && !groups.has(IMPORT_COMMAND)) {
    out.push(importCommand());
  }
  if (out.length > MAX_COMMANDS) {
    throw new Error(`There are ${out.length} top-level commands; Discord allows ${MAX_COMMANDS}.`);
  }
  return out;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The registry command an application command invocation stands for: `/handle add` is the
 * subcommand `add` of `handle`. Undefined when the registry has no such command.
 */
export function resolveInvocation(
  registry: Registry,
  commandName: string,
  subcommand: string | null,
): Command | undefined {
  const name = subcommand ? `${commandName} ${subcommand}` : commandName;
  const command = registry.get(name);
  // `get` also matches aliases; Discord only ever sends the names we registered.
  return command && command.name.toLowerCase() === name.toLowerCase() ? command : undefined;
}
