import type { APIAttachment } from "discord.js";
import type { Button, Reply } from "../../core/reply.ts";
import { PUBLIC_BUTTON_ID, type RenderedMessage, type RenderOptions, renderMessage } from "./render.ts";

/** A rendered reply in the shape discord.js takes for interaction replies, edits and follow-ups. */
export interface InteractionPayload {
  content?: string;
  embeds: RenderedMessage["embeds"];
  components: RenderedMessage["components"];
  files: { attachment: Buffer; name: string; description: string }[];
  /** Empty on edits, so a chart of the previous answer does not linger under the new one. */
  attachments?: APIAttachment[];
  allowedMentions: { parse: [] };
}

/** Renders `reply` for discord.js; `edit` clears the previous message's attachments. */
export function interactionPayload(
  reply: Reply,
  options: RenderOptions & { edit?: boolean } = {},
): InteractionPayload {
  const rendered = renderMessage(reply, { periodForm: true, ...options });
  return {
    ...(rendered.content === undefined ? {} : { content: rendered.content }),
    embeds: rendered.embeds,
    components: rendered.components,
    files: rendered.files.map((f) => ({ attachment: f.data, name: f.name, description: f.description })),
    ...(options.edit ? { attachments: [] } : {}),
    allowedMentions: { parse: [] },
  };
}

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
