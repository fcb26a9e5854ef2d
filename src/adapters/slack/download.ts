import { DownloadError, MAX_IMPORT_BYTES } from "../shared/file-import.ts";

/**
 * True when `url` is on a host that may receive the bot token: Slack's own file hosts, or the
 * host of the configured API URL (GovSlack, the fake Slack in tests). The token never goes
 * anywhere else, whatever URL an event carries.
 */
export function mayCarryToken(url: string, apiUrl: string | undefined): boolean {
  const parsed = parseUrl(url);
  if (!parsed || (parsed.protocol !== "https:" && parsed.protocol !== "http:")) return false;
  const host = parsed.host.toLowerCase();
  const api = apiUrl ? parseUrl(apiUrl) : null;
  if (api && api.host.toLowerCase() === host && api.protocol === parsed.protocol) return true;
  if (parsed.protocol !== "https:") return false;
  return /(^|\.)slack\.com$/.test(host) || /(^|\.)slack-gov\.com$/.test(host);
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Downloads a file a user shared with the bot (`url_private_download`), authenticated with the
 * bot token, as Slack requires.
 *
 * @throws DownloadError with a message the user can act on.
 */
export async function downloadSlackFile(
  url: string,
  botToken: string,
  apiUrl: string | undefined,
  declaredSize?: number,
): Promise<Uint8Array> {
  if (declaredSize !== undefined && declaredSize > MAX_IMPORT_BYTES) {
    throw new DownloadError(
      `The file is ${Math.ceil(declaredSize / 1024 / 1024)} MB; I take files of up to 50 MB. Export a shorter period and send that.`,
    );
  }
  if (!mayCarryToken(url, apiUrl)) {
    throw new DownloadError(
      "That file is not stored in Slack, so I cannot download it. Attach the file itself to the message.",
    );
  }
  const res = await fetch(url, { headers: { Authorization: `Bearer ${botToken}` } });
  if (!res.ok) {
    throw new DownloadError(
      `Slack would not give me the file (HTTP ${res.status}). Ask an admin to run \`dmd doctor\`: the app may lack the files:read scope.`,
    );
  }
  if ((res.headers.get("content-type") ?? "").includes("text/html")) {
    throw new DownloadError(
      "Slack answered with a web page instead of the file: the app probably lacks the files:read scope. Ask an admin to run `dmd doctor`.",
    );
  }
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new DownloadError("The file is larger than 50 MB; export a shorter period and send that.");
  }
  return bytes;
}
