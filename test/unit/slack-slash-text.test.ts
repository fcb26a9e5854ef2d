import { describe, expect, it } from "vitest";
import { mayCarryToken } from "../../src/adapters/slack/download.ts";
import { handleHint } from "../../src/adapters/slack/file-import.ts";
import { safeError, scrubTokens } from "../../src/adapters/slack/scrub.ts";
import { commandLine, normalizeSlashText } from "../../src/adapters/slack/slash-text.ts";

describe("normalizeSlashText", () => {
  it("writes escaped user mentions as slack:U…", () => {
    expect(normalizeSlashText("grant <@U0123ABC|amina> mission_officer washington")).toBe(
      "grant slack:U0123ABC mission_officer washington",
    );
    expect(normalizeSlashText("revoke <@W0123ABC>")).toBe("revoke slack:W0123ABC");
  });

  it("turns channels, links and broadcasts into plain words", () => {
    expect(normalizeSlashText("<#C0123|dmd-washington> <#C0456>")).toBe("#dmd-washington C0456");
    expect(normalizeSlashText("url=<https://x.com/ArcadiaInUSA|x.com/ArcadiaInUSA>")).toBe(
      "url=https://x.com/ArcadiaInUSA",
    );
    expect(normalizeSlashText("<!here> <!channel> <!subteam^S123|@team>")).toBe("@here @channel @subteam");
  });

  it("unescapes &amp;, &lt; and &gt; once", () => {
    expect(normalizeSlashText('region="Europe &amp; Central Asia" a &lt; b &gt; c &amp;lt;')).toBe(
      'region="Europe & Central Asia" a < b > c &lt;',
    );
  });
});

describe("commandLine", () => {
  it("joins the slash command and its text as the dispatcher reads it", () => {
    expect(commandLine("/mission-stats", "washington 7d")).toBe("mission-stats washington 7d");
    expect(commandLine("/handle", "add washington x <@U1|a>")).toBe("handle add washington x slack:U1");
    expect(commandLine("/whoami", "  ")).toBe("whoami");
  });
});

describe("handleHint", () => {
  it("reads platform:handle from the message sent with a file", () => {
    expect(handleHint("x:ArcadiaInUSA")).toBe("x:ArcadiaInUSA");
    expect(handleHint("this is for handle=Instagram:@arcadia_in_ksa thanks")).toBe(
      "instagram:arcadia_in_ksa",
    );
    expect(handleHint("no handle here: sorry")).toBeUndefined();
    expect(handleHint("re:budget, then x:ArcadiaInUSA")).toBe("x:ArcadiaInUSA");
    expect(handleHint(undefined)).toBeUndefined();
  });
});

describe("mayCarryToken", () => {
  it("sends the bot token only to Slack's hosts or the configured API host", () => {
    expect(mayCarryToken("https://files.slack.com/files-pri/T1-F1/x.csv", undefined)).toBe(true);
    expect(mayCarryToken("https://files.slack-gov.com/files-pri/T1-F1/x.csv", undefined)).toBe(true);
    expect(mayCarryToken("http://files.slack.com/files-pri/T1-F1/x.csv", undefined)).toBe(false);
    expect(mayCarryToken("https://evil.example/slack.com/x.csv", undefined)).toBe(false);
    expect(mayCarryToken("https://files.slack.com.evil.example/x.csv", undefined)).toBe(false);
    expect(mayCarryToken("http://127.0.0.1:4000/files-pri/T1-F1/x.csv", "http://127.0.0.1:4000/api/")).toBe(
      true,
    );
    expect(mayCarryToken("http://127.0.0.1:4001/files-pri/x.csv", "http://127.0.0.1:4000/api/")).toBe(false);
    expect(mayCarryToken("file:///etc/passwd", undefined)).toBe(false);
  });
});

describe("scrubTokens", () => {
  it("removes anything shaped like a Slack token from what is logged", () => {
    expect(scrubTokens("bad token xoxb-123-456-abcDEF and xapp-1-A1-99-ff")).toBe(
      "bad token [redacted] and [redacted]",
    );
    const err = Object.assign(new Error("An API error occurred: invalid_auth xoxp-9-9"), {
      code: "slack_webapi_platform_error",
      data: { error: "invalid_auth" },
    });
    expect(safeError(err)).toMatchObject({
      name: "Error",
      code: "slack_webapi_platform_error",
      message: "An API error occurred: invalid_auth [redacted] (invalid_auth)",
    });
  });
});
