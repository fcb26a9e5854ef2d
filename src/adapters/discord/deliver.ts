import type { APIAttachment } from "discord.js";
import type { Reply } from "../../core/reply.ts";
import { type RenderedMessage, type RenderOptions, renderMessage } from "./render.ts";

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
