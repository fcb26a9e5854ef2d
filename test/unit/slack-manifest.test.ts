import { describe, expect, it } from "vitest";
import { allCommands } from "../../commands/index.ts";
import { buildManifest } from "../../src/adapters/slack/manifest.ts";
import { createRegistry } from "../../src/core/registry.ts";

const registry = createRegistry(allCommands());

describe("buildManifest", () => {
  it("lists one slash command per first word of the registry's names, plus /import", () => {
    const manifest = buildManifest(registry, { socketMode: true });
    const commands = manifest.features.slash_commands;
    const firstWords = [...new Set(registry.list().map((c) => `/${c.name.split(" ")[0]}`))];
    expect(commands.map((c) => c.command)).toEqual([...firstWords, "/import"]);
    expect(commands.find((c) => c.command === "/mission-stats")).toEqual({
      command: "/mission-stats",
      description: registry.get("mission-stats")?.summary,
      usage_hint: "<mission> [period]",
      should_escape: true,
    });
    expect(commands.find((c) => c.command === "/access")).toMatchObject({
      description: "Subcommands: grant, revoke. Type /help for details.",
      usage_hint: "grant <user> <role> [mission] | revoke <user>",
    });
    for (const c of commands) {
      // Slack escapes mentions only with should_escape, which /access grant @user relies on.
      expect(c.should_escape).toBe(true);
      expect(c.url).toBeUndefined();
      expect(c.description.length).toBeLessThanOrEqual(100);
      expect(c.command).toMatch(/^\/[a-z0-9_-]{1,31}$/);
    }
  });

  it("sets Socket Mode, the scopes, events and interactivity", () => {
    const manifest = buildManifest(registry, { socketMode: true });
    expect(manifest.settings).toEqual({
      event_subscriptions: { bot_events: ["app_home_opened", "message.im"] },
      interactivity: { is_enabled: true },
      org_deploy_enabled: false,
      socket_mode_enabled: true,
      token_rotation_enabled: false,
    });
    expect(manifest.oauth_config.scopes.bot).toEqual([
      "commands",
      "chat:write",
      "chat:write.public",
      "files:read",
      "files:write",
      "im:history",
      "im:read",
      "users:read",
      "channels:read",
      "groups:read",
      "channels:history",
      "groups:history",
    ]);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.display_information.long_description.length).toBeGreaterThanOrEqual(175);
  });

  it("points every request at the URL in HTTP mode, and insists on having one", () => {
    const url = "https://dmd.example.org/slack/events";
    const manifest = buildManifest(registry, { socketMode: false, requestUrl: url });
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.settings.event_subscriptions.request_url).toBe(url);
    expect(manifest.settings.interactivity.request_url).toBe(url);
    for (const c of manifest.features.slash_commands) expect(c.url).toBe(url);
    expect(() => buildManifest(registry, { socketMode: false })).toThrow(/needs the public request URL/);
  });
});
