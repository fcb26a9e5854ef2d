import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { allCommands } from "../../commands/index.ts";
import { buildManifest } from "../adapters/slack/manifest.ts";
import { createRegistry } from "../core/registry.ts";

/**
 * `dmd slack manifest [--out file] [--http-url url]`: writes the Slack app manifest generated
 * from the command registry, so commands, scopes and Socket Mode settings never drift.
 */
export async function runSlackManifest(options: { out: string; httpUrl?: string }): Promise<number> {
  let manifest: object;
  try {
    manifest = buildManifest(createRegistry(allCommands()), {
      socketMode: !options.httpUrl,
      requestUrl: options.httpUrl,
    });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 1;
  }
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  if (options.out === "-") {
    process.stdout.write(text);
    return 0;
  }
  await mkdir(dirname(options.out), { recursive: true });
  await writeFile(options.out, text);
  process.stdout.write(
    `Wrote ${options.out}. Create the app at https://api.slack.com/apps → Create New App → From a manifest, paste it, install it, then set SLACK_BOT_TOKEN and SLACK_APP_TOKEN.\n`,
  );
  return 0;
}
