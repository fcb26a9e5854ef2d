import { webApi } from "@slack/bolt";
import type { Db } from "../../db/client.ts";
import { listMissions } from "../../db/repos/missions-repo.ts";
import { BOT_SCOPES } from "./manifest.ts";
import { safeError } from "./scrub.ts";

/** One check of `dmd doctor`: fine, or a problem with its fix. */
export interface DoctorCheck {
  /** What was checked, e.g. `Slack bot token`. */
  check: string;
  ok: boolean;
  problem?: string;
  fix?: string;
}

/** What the Slack checks need. */
export interface SlackDoctorOptions {
  botToken?: string;
  appToken?: string;
  signingSecret?: string;
  apiUrl?: string;
  db: Db;
}

const MANIFEST_FIX =
  "Run `dmd slack manifest`, paste the manifest into your app's settings at api.slack.com/apps (App Manifest), then reinstall the app to the workspace.";

interface ChannelInfo {
  id: string;
  name: string;
  isMember: boolean;
}

function client(token: string, apiUrl: string | undefined): webApi.WebClient {
  // Doctor answers now: a rate-limited or unreachable Slack is a finding, not something to wait out.
  return new webApi.WebClient(token, {
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/` } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logLevel: webApi.LogLevel.ERROR,
  });
}

function slackCode(err: unknown): string {
  if (err && typeof err === "object" && "data" in err) {
    const data = (err as { data?: { error?: unknown } }).data;
    if (typeof data?.error === "string") return data.error;
  }
  return safeError(err).message;
}

async function listChannels(web: webApi.WebClient): Promise<ChannelInfo[]> {
  const out: ChannelInfo[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 50; page += 1) {
    const res = await web.conversations.list({
      types: "public_channel,private_channel",
      exclude_archived: true,
      limit: 1000,
      ...(cursor ? { cursor } : {}),
    });
    for (const c of res.channels ?? []) {
      if (c.id && c.name) out.push({ id: c.id, name: c.name, isMember: c.is_member === true });
    }
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return out;
}

async function missionChannelChecks(web: webApi.WebClient, db: Db): Promise<DoctorCheck[]> {
  const missions = listMissions(db).filter((m) => m.slackChannel && m.slackChannel.trim() !== "");
  if (missions.length === 0) {
    return [{ check: "Mission channels", ok: true }];
  }
  let all: ChannelInfo[] | null = null;
  const checks: DoctorCheck[] = [];
  for (const m of missions) {
    const ref = (m.slackChannel ?? "").trim();
    const check = `Slack channel of ${m.code} (${ref})`;
    const isId = /^[CG][A-Z0-9]{6,}$/.test(ref);
    let found: ChannelInfo | undefined;
    try {
      if (isId) {
        const res = await web.conversations.info({ channel: ref }).catch((err: unknown) => {
          if (slackCode(err) === "channel_not_found") return null;
          throw err;
        });
        const c = res?.channel;
        if (c?.id) found = { id: c.id, name: c.name ?? ref, isMember: c.is_member === true };
      } else {
        all ??= await listChannels(web);
        const name = ref.replace(/^#/, "").toLowerCase();
        found = all.find((c) => c.name.toLowerCase() === name);
      }
    } catch (err) {
      checks.push({
        check,
        ok: false,
        problem: `Could not look the channel up: ${slackCode(err)}.`,
        fix: MANIFEST_FIX,
      });
      continue;
    }
    if (!found) {
      checks.push({
        check,
        ok: false,
        problem: `Mission ${m.code}'s Slack channel "${ref}" does not exist (or is private and the bot is not in it).`,
        fix: `Create the channel, or correct slack_channel for ${m.code} in the missions file and run \`dmd missions import <file>\`.`,
      });
    } else if (!found.isMember) {
      checks.push({
        check,
        ok: false,
        problem: `The bot is not a member of #${found.name}, ${m.code}'s channel.`,
        fix: `In #${found.name}, type /invite @dmd (or open the channel's details, Integrations, Add apps).`,
      });
    } else {
      checks.push({ check, ok: true });
    }
  }
  return checks;
}

/**
 * The Slack part of `dmd doctor`: checks what a new installer most often gets wrong and says how
 * to fix each problem. The bot token must be valid (`auth.test`) and carry every scope the app
 * needs (from the `x-oauth-scopes` header); in Socket Mode the app token must open a connection;
 * in HTTP mode a signing secret must be set; every mission's Slack channel must exist with the
 * bot in it. Never throws: an unreachable Slack is reported as a problem.
 */
export async function slackDoctor(options: SlackDoctorOptions): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  if (!options.botToken) {
    return [
      {
        check: "Slack bot token",
        ok: false,
        problem: "SLACK_BOT_TOKEN is not set.",
        fix: "Copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions at api.slack.com/apps into SLACK_BOT_TOKEN.",
      },
    ];
  }
  if (!options.botToken.startsWith("xoxb-")) {
    checks.push({
      check: "Slack bot token",
      ok: false,
      problem: "SLACK_BOT_TOKEN does not start with xoxb-: it is not a bot token.",
      fix: "Use the Bot User OAuth Token from OAuth & Permissions (not a user token or the app-level token).",
    });
    return checks;
  }
  const web = client(options.botToken, options.apiUrl);
  let scopes: string[] = [];
  try {
    const auth = await web.auth.test();
    scopes = auth.response_metadata?.scopes ?? [];
    checks.push({ check: "Slack bot token", ok: true });
  } catch (err) {
    const code = slackCode(err);
    const revoked = [
      "invalid_auth",
      "not_authed",
      "account_inactive",
      "token_revoked",
      "token_expired",
    ].includes(code);
    checks.push({
      check: "Slack bot token",
      ok: false,
      problem: revoked
        ? `Slack rejected SLACK_BOT_TOKEN (${code}).`
        : `Could not reach Slack to check the token: ${code}.`,
      fix: revoked
        ? "Reinstall the app to the workspace and copy the new Bot User OAuth Token into SLACK_BOT_TOKEN."
        : "Check the network path to Slack (proxy, firewall) and SLACK_API_URL if you set it (GovSlack: https://slack-gov.com/api/).",
    });
    return checks;
  }
  const missing = BOT_SCOPES.filter((s) => !scopes.includes(s));
  checks.push(
    missing.length === 0
      ? { check: "Slack scopes", ok: true }
      : {
          check: "Slack scopes",
          ok: false,
          problem: `The bot token lacks ${missing.length === 1 ? "the scope" : "these scopes"}: ${missing.join(", ")}.`,
          fix: MANIFEST_FIX,
        },
  );

  if (options.appToken) {
    try {
      await client(options.appToken, options.apiUrl).apps.connections.open();
      checks.push({ check: "Slack app token (Socket Mode)", ok: true });
    } catch (err) {
      checks.push({
        check: "Slack app token (Socket Mode)",
        ok: false,
        problem: `Slack refused to open a Socket Mode connection with SLACK_APP_TOKEN (${slackCode(err)}).`,
        fix: "Turn on Socket Mode in the app settings and create an app-level token with the connections:write scope (Basic Information, App-Level Tokens); put it (xapp-…) in SLACK_APP_TOKEN.",
      });
    }
  } else if (!options.signingSecret) {
    checks.push({
      check: "Slack connection mode",
      ok: false,
      problem:
        "Neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is set, so Slack cannot reach the bot.",
      fix: "For Socket Mode (no public URL needed), set SLACK_APP_TOKEN. For HTTP mode, set SLACK_SIGNING_SECRET (Basic Information, App Credentials) and PORT.",
    });
  }

  checks.push(...(await missionChannelChecks(web, options.db)));
  return checks;
}
