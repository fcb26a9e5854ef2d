/**
 * The "Post in channel" button: a reply only its caller sees offers it, and pressing it posts
 * the same answer for the whole channel.
 */
import type { Button, Reply } from "../../core/reply.ts";

/** Button id of "Post in channel" (Slack's action id is `dmd:post-public`). */
export const PUBLIC_BUTTON_ID = "post-public";

/**
 * Adds the "Post in channel" button to a reply only its caller sees, merged into the reply's
 * last row of buttons when it ends with one.
 */
export function withPublicButton(reply: Reply, line: string): Reply {
  const button: Button = {
    id: PUBLIC_BUTTON_ID,
    label: "Post in channel",
    command: `/${line.replace(/^\//, "")}`,
  };
  const last = reply.elements.at(-1);
  const elements =
    last?.type === "buttons"
      ? [...reply.elements.slice(0, -1), { type: "buttons" as const, buttons: [...last.buttons, button] }]
      : [...reply.elements, { type: "buttons" as const, buttons: [button] }];
  return { ...reply, elements };
}

/** The reply without any "Post in channel" button (for the copy that is posted). */
export function withoutPublicButton(reply: Reply): Reply {
  const elements = reply.elements
    .map((el) =>
      el.type === "buttons" ? { ...el, buttons: el.buttons.filter((b) => b.id !== PUBLIC_BUTTON_ID) } : el,
    )
    .filter((el) => el.type !== "buttons" || el.buttons.length > 0);
  return { ...reply, elements };
}
