import type { Command } from "../../core/command.ts";
import type { Registry } from "../../core/registry.ts";
import { usageLine } from "../../core/usage.ts";
import { truncatePlain } from "./mrkdwn.ts";
import { IMPORT_COMMAND } from "./slash.ts";

/** Bot scopes the app needs, each for a reason. */
export const BOT_SCOPES = [
  "commands", // slash commands
  "chat:write", // replies, digests
  "chat:write.public", // digests in public mission channels the bot was not invited to
  "files:read", // download export files sent in DMs
  "files:write", // upload chart images
  "im:history", // see files sent in DMs
  "im:read", // know a DM is a DM
  "users:read", // names of members
  "channels:read", // doctor: mission channels exist, bot is a member; outbox: channel names to ids
  "groups:read", // the same for private channels
  "channels:history", // outbox: after a crash, find whether a message was already posted
  "groups:history", // the same in private channels
] as const;

/** Events the app subscribes to. */
export const BOT_EVENTS = ["app_home_opened", "message.im"] as const;

/** Where Slack sends HTTP requests in HTTP mode (Bolt's default endpoint). */
export const EVENTS_PATH = "/slack/events";

/** A slash command as the manifest lists it. */
export interface ManifestCommand {
  command: string;
  description: string;
  usage_hint?: string;
  should_escape: boolean;
  url?: string;
}

/** A Slack app manifest (the parts this app sets). */
export interface SlackManifest {
  display_information: {
    name: string;
    description: string;
    long_description: string;
    background_color: string;
  };
  features: {
    app_home: {
      home_tab_enabled: boolean;
      messages_tab_enabled: boolean;
      messages_tab_read_only_enabled: boolean;
    };
    bot_user: { display_name: string; always_online: boolean };
    slash_commands: ManifestCommand[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[]; request_url?: string };
    interactivity: { is_enabled: boolean; request_url?: string };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

const NAME = "Digital Media Dashboard";
const HINT_MAX = 100;

function usageHint(commands: Command[]): string | undefined {
  // Slack shows the hint after the command itself, so each usage line loses its first word.
  const hint = commands
    .map((c) => usageLine(c).split(" ").slice(1).join(" "))
    .filter(Boolean)
    .join(" | ");
  if (hint.length <= HINT_MAX || commands.length === 1)
    return hint ? truncatePlain(hint, HINT_MAX) : undefined;
  return truncatePlain(
    commands.map((c) => `${c.name.split(" ").slice(1).join(" ")} …`).join(" | "),
    HINT_MAX,
  );
}

/**
 * The slash commands, from the registry: one per first word of a command name, so `handle add`,
 * `handle remove` and `handle verify` share `/handle`. Aliases get no slash command of their own
 * (typing the canonical name keeps the command list short in Slack's menu).
 */
export function manifestCommands(registry: Pick<Registry, "list">, requestUrl?: string): ManifestCommand[] {
  const groups = new Map<string, Command[]>();
  for (const command of registry.list()) {
    const first = command.name.split(" ")[0] ?? command.name;
    groups.set(first, [...(groups.get(first) ?? []), command]);
  }
  const out: ManifestCommand[] = [];
  for (const [first, commands] of groups) {
    const single = commands.length === 1 && commands[0]?.name === first;
    const description = single
      ? (commands[0]?.summary ?? first)
      : `Subcommands: ${commands.map((c) => c.name.split(" ").slice(1).join(" ")).join(", ")}. Type /help for details.`;
    const hint = usageHint(commands);
    out.push({
      command: `/${first}`,
      description: truncatePlain(description, 100),
      ...(hint ? { usage_hint: hint } : {}),
      should_escape: true,
      ...(requestUrl ? { url: requestUrl } : {}),
    });
  }
  if (!groups.has(IMPORT_COMMAND)) {
    out.push({
      command: `/${IMPORT_COMMAND}`,
      description: "How to import a platform export file (send it to the bot in a direct message)",
      should_escape: true,
      ...(requestUrl ? { url: requestUrl } : {}),
    });
  }
  return out;
}

/**
 * The Slack app manifest, generated from the command registry so that commands, scopes, events
 * and the connection mode never drift from the code. In Socket Mode no URL is needed; in HTTP
 * mode every request goes to `requestUrl` (e.g. `https://dmd.example.org/slack/events`).
 *
 * @throws Error when HTTP mode is asked for without a request URL.
 */
export function buildManifest(
  registry: Pick<Registry, "list">,
  options: { socketMode: boolean; requestUrl?: string },
): SlackManifest {
  if (!options.socketMode && !options.requestUrl) {
    throw new Error(
      `An HTTP-mode manifest needs the public request URL, e.g. https://dmd.example.org${EVENTS_PATH}.`,
    );
  }
  const url = options.socketMode ? undefined : options.requestUrl;
  return {
    display_information: {
      name: NAME,
      description: "Your missions' official social media handles, in figures.",
      long_description:
        "The Strategic Communications Division's dashboard of the missions' official social media handles: followers, growth, posting and interactions per mission, rankings across the network, weekly digests in each mission's channel, and imports of the platforms' own export files. Type /help to start.",
      background_color: "#1d3557",
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: "dmd", always_online: true },
      slash_commands: manifestCommands(registry, url),
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: { bot_events: [...BOT_EVENTS], ...(url ? { request_url: url } : {}) },
      interactivity: { is_enabled: true, ...(url ? { request_url: url } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: options.socketMode,
      token_rotation_enabled: false,
    },
  };
}
