import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, type Receiver, SocketModeReceiver } from "@slack/bolt";
import type { Deps } from "../../core/command.ts";
import type { Dispatcher } from "../../core/dispatch.ts";
import type { Logger } from "../../core/logger.ts";
import type { Sender } from "../../delivery/sender.ts";
import type { ImportFileFn } from "../shared/file-import.ts";
import { registerActions } from "./actions.ts";
import { boltLogger } from "./bolt-logger.ts";
import { registerContentUi } from "./content/register.ts";
import { logFailure } from "./failure.ts";
import { registerFileImports } from "./file-import.ts";
import { registerHome } from "./home.ts";
import { EVENTS_PATH } from "./manifest.ts";
import type { SlackContext } from "./run-command.ts";
import { createSlackSender } from "./sender.ts";
import { registerSlashCommands } from "./slash.ts";

/** How the Slack adapter starts. */
export interface SlackAdapterOptions {
  /** `SLACK_BOT_TOKEN` (xoxb-…). */
  botToken: string;
  /** `SLACK_APP_TOKEN` (xapp-…): Socket Mode, no public URL needed. */
  appToken?: string;
  /** `SLACK_SIGNING_SECRET`: HTTP mode, when there is no app token. */
  signingSecret?: string;
  /** HTTP mode's port (`PORT`); 0 picks a free one. Default 3000. */
  port?: number;
  /** `SLACK_API_URL` (GovSlack, tests): every Web API call and Socket Mode's connection opening go there. */
  apiUrl?: string;
  dispatcher: Dispatcher;
  deps: Deps;
  /** The import entry point (`importFile`); without it, files sent by DM are answered with "imports are off". */
  importFile?: ImportFileFn;
  logger: Logger;
}

/** A running Slack adapter. */
export interface SlackAdapter {
  app: App;
  /** Posts the outbox's messages in channels (its own Web API client: see `createSlackSender`). */
  sender: Sender;
  /** HTTP mode: the port the server listens on. */
  port?: number;
  /** Disconnects from Slack (or closes the HTTP server). */
  stop(): Promise<void>;
}

function withSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

/**
 * Starts the Slack bot with the real Bolt app: Socket Mode when an app token is given, HTTP mode
 * (signed requests on {@link EVENTS_PATH}) otherwise. Registers the slash commands, buttons,
 * App Home and DM imports, and one error handler that logs with an error id and never a token.
 * Resolves once connected (Socket Mode) or listening (HTTP).
 *
 * @throws Error when neither an app token nor a signing secret is given.
 */
export async function startSlack(options: SlackAdapterOptions): Promise<SlackAdapter> {
  const logger = options.logger.child({ part: "slack" });
  const slackLogger = boltLogger(logger);
  // A fresh object for each user: the Socket Mode client writes its own retry policy into the one it gets.
  const clientOptions = () => (options.apiUrl ? { slackApiUrl: withSlash(options.apiUrl) } : {});
  let receiver: Receiver;
  if (options.appToken) {
    receiver = new SocketModeReceiver({
      appToken: options.appToken,
      logger: slackLogger,
      installerOptions: { clientOptions: clientOptions() },
    });
  } else if (options.signingSecret) {
    receiver = new HTTPReceiver({
      signingSecret: options.signingSecret,
      endpoints: EVENTS_PATH,
      logger: slackLogger,
    });
  } else {
    throw new Error(
      "Slack needs SLACK_APP_TOKEN (Socket Mode, no public URL) or SLACK_SIGNING_SECRET with PORT (HTTP mode). Run `dmd doctor` for details.",
    );
  }
  const app = new App({
    token: options.botToken,
    receiver,
    logger: slackLogger,
    clientOptions: clientOptions(),
    ignoreSelf: true,
  });

  const ctx: SlackContext = { dispatcher: options.dispatcher, deps: options.deps, logger };
  registerContentUi(app, ctx);
  registerSlashCommands(app, ctx);
  registerActions(app, ctx);
  registerHome(app, ctx);
  registerFileImports(
    app,
    { ...ctx, botToken: options.botToken, apiUrl: options.apiUrl },
    options.importFile,
  );
  app.error(async (error) => {
    logFailure(logger, error, "bolt");
  });

  let port: number | undefined;
  if (options.appToken) {
    await app.start();
    logger.info("connected to Slack (Socket Mode)");
  } else {
    const server = await app.start(options.port ?? 3000);
    port = (server.address() as AddressInfo | null)?.port;
    logger.info({ port }, "listening for Slack (HTTP mode)");
  }
  return {
    app,
    sender: createSlackSender({ token: options.botToken, apiUrl: options.apiUrl, logger }),
    ...(port === undefined ? {} : { port }),
    stop: async () => {
      await app.stop();
    },
  };
}
