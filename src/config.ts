import { z } from "zod";

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const envSchema = z.object({
  DMD_DB: optionalText,
  DMD_TIMEZONE: z
    .string()
    .trim()
    .default("UTC")
    .refine((tz) => isValidZone(tz), { message: "must be an IANA time zone such as Europe/London" }),
  /** Naming standard per platform: `x=^MOFA,instagram=^mofa_` (regular expressions). */
  DMD_HANDLE_NAMING: optionalText,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_API_URL: optionalText.pipe(z.url().optional()),
  PORT: optionalText.pipe(z.string().regex(/^\d+$/, "must be a port number").transform(Number).optional()),
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText,
  DISCORD_GUILD_ID: optionalText,
  DISCORD_API_URL: optionalText.pipe(z.url().optional()),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalText.pipe(z.url().optional()),
  OPENAI_MODEL: optionalText,
  DMD_SECRET_KEY: optionalText,
  X_BEARER_TOKEN: optionalText,
  YOUTUBE_API_KEY: optionalText,
  X_API_URL: optionalText.pipe(z.url().optional()),
  GRAPH_API_URL: optionalText.pipe(z.url().optional()),
  YOUTUBE_API_URL: optionalText.pipe(z.url().optional()),
});

function isValidZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The application's configuration, parsed once from the environment. */
export interface AppConfig {
  dbPath: string;
  hqTimezone: string;
  /** Regular expression a handle must match on each platform that has a naming standard. */
  handleNaming: Partial<Record<string, RegExp>>;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  slack: { botToken?: string; appToken?: string; signingSecret?: string; apiUrl?: string; port?: number };
  discord: { token?: string; applicationId?: string; guildId?: string; apiUrl?: string };
  openai: { apiKey?: string; baseUrl?: string; model?: string };
  /** Platform API credentials and base URLs for `dmd collect`. */
  collect: {
    secretKey?: string;
    xBearerToken?: string;
    youtubeApiKey?: string;
    xApiUrl?: string;
    graphApiUrl?: string;
    youtubeApiUrl?: string;
  };
}

/** Thrown when the environment is wrong; the message names each bad variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Parses the environment. A missing or malformed variable fails fast with its name and what
 * was expected, never later in the middle of a command.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: { dbPath?: string } = {},
): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Bad configuration in the environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    dbPath: overrides.dbPath ?? e.DMD_DB ?? "./data/dmd.sqlite",
    hqTimezone: e.DMD_TIMEZONE,
    handleNaming: parseNaming(e.DMD_HANDLE_NAMING),
    logLevel: e.LOG_LEVEL,
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      apiUrl: e.SLACK_API_URL,
      port: e.PORT,
    },
    discord: {
      token: e.DISCORD_TOKEN,
      applicationId: e.DISCORD_APPLICATION_ID,
      guildId: e.DISCORD_GUILD_ID,
      apiUrl: e.DISCORD_API_URL,
    },
    openai: { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL },
    collect: {
      secretKey: e.DMD_SECRET_KEY,
      xBearerToken: e.X_BEARER_TOKEN,
      youtubeApiKey: e.YOUTUBE_API_KEY,
      xApiUrl: e.X_API_URL,
      graphApiUrl: e.GRAPH_API_URL,
      youtubeApiUrl: e.YOUTUBE_API_URL,
    },
  };
}

function parseNaming(spec: string | undefined): AppConfig["handleNaming"] {
  const out: AppConfig["handleNaming"] = {};
  if (!spec) return out;
  for (const part of spec.split(",")) {
    const eq = part.indexOf("=");
    const platform = part.slice(0, eq).trim();
    const pattern = part.slice(eq + 1).trim();
    if (eq <= 0 || !pattern) {
      throw new ConfigError(`DMD_HANDLE_NAMING: "${part}" should look like platform=^pattern`);
    }
    try {
      out[platform] = new RegExp(pattern, "i");
    } catch {
      throw new ConfigError(
        `DMD_HANDLE_NAMING: "${pattern}" for ${platform} is not a valid regular expression`,
      );
    }
  }
  return out;
}
