/**
 * The fake Slack on its own thread, so that its clock (when a request arrives) is not held up
 * by the outbox worker sharing its event loop: as with the real Slack, what it measures is
 * arrival. Started by delivery-bench.ts through fake-slack-thread.mjs.
 */
import { parentPort, workerData } from "node:worker_threads";
import { type FakeSlackOptions, startFakeSlack } from "../test/fakes/fake-slack.ts";

const port = parentPort;
if (!port) throw new Error("fake-slack-thread.ts runs as a worker thread");
const options = workerData as Omit<FakeSlackOptions, "clock">;
const fake = await startFakeSlack({ ...options, clock: () => new Date() });
port.on("message", async (request: "stats" | "close") => {
  if (request === "stats") {
    port.postMessage({
      keys: fake.messages.map(
        (m) =>
          (m.params.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key ?? "",
      ),
      rateLimitedPosts: fake.rateLimitedPosts,
      rateLimitedBy: { ...fake.rateLimitedBy },
    });
  } else {
    await fake.close();
    port.postMessage("closed");
  }
});
port.postMessage({ apiUrl: fake.apiUrl, botToken: fake.options.botToken });
