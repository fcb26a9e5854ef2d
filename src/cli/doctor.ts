import { slackDoctor } from "../adapters/slack/doctor.ts";
import { wireApp } from "../main.ts";

/** One line of the doctor's report. */
interface Check {
  check: string;
  ok: boolean;
  problem?: string;
  fix?: string;
}

/**
 * `dmd doctor`: checks what a new installation usually gets wrong (database writable, Slack
 * tokens, scopes, channels) and prints each problem with its fix. Exit 1 when anything is wrong.
 */
export async function runDoctor(options: { dbPath?: string }): Promise<number> {
  const app = wireApp({ dbPath: options.dbPath });
  try {
    const checks: Check[] = [databaseCheck(app.deps.db, app.config.dbPath)];
    const slack = app.config.slack;
    if (slack.botToken) {
      checks.push(...(await slackDoctor({ ...slack, db: app.deps.db })));
    } else {
      checks.push({
        check: "Slack",
        ok: true,
        problem: "not configured (SLACK_BOT_TOKEN is not set): skipped",
      });
    }
    for (const c of checks) {
      process.stdout.write(`${c.ok ? "ok  " : "FAIL"}  ${c.check}${c.problem ? `: ${c.problem}` : ""}\n`);
      if (!c.ok && c.fix) process.stdout.write(`      fix: ${c.fix}\n`);
    }
    return checks.every((c) => c.ok) ? 0 : 1;
  } finally {
    app.close();
  }
}

function databaseCheck(db: ReturnType<typeof wireApp>["deps"]["db"], path: string): Check {
  try {
    db.$client
      .prepare(
        "INSERT INTO settings (key, value) VALUES ('doctor.probe', 'x') ON CONFLICT(key) DO UPDATE SET value = 'x'",
      )
      .run();
    db.$client.prepare("DELETE FROM settings WHERE key = 'doctor.probe'").run();
    return { check: `Database ${path}`, ok: true };
  } catch (err) {
    return {
      check: `Database ${path}`,
      ok: false,
      problem: `not writable (${(err as Error).message})`,
      fix: "Check the file's and its folder's permissions, or point DMD_DB at a writable path.",
    };
  }
}
