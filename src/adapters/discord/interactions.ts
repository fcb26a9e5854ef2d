import "./load-guard.ts";
import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  ComponentType,
  type Interaction,
  MessageFlags,
  type ModalSubmitInteraction,
  TextInputStyle,
} from "discord.js";
import type { Caller, Deps } from "../../core/command.ts";
import type { Dispatcher, DispatchOutcome } from "../../core/dispatch.ts";
import { apologyReply } from "../../core/failure.ts";
import type { Logger } from "../../core/logger.ts";
import type { Reply } from "../../core/reply.ts";
import { argumentSpecs } from "../../core/usage.ts";
import type { ImportFileFn } from "../shared/file-import.ts";
import { withoutPublicButton, withPublicButton } from "../shared/public-button.ts";
import { contentChoices, missionChoices } from "./autocomplete.ts";
import { autocompleteSource, IMPORT_COMMAND, resolveInvocation } from "./commands.ts";
import { openAnswerForm, submitAnswerForm } from "./content-answers.ts";
import { type ActionKind, decodeAction, encodeAction } from "./custom-id.ts";
import { interactionPayload } from "./deliver.ts";
import { cutText } from "./escape.ts";
import { logDiscordFailure, warningReply } from "./failure.ts";
import { answerImport } from "./file-import.ts";
import { DISCORD_LIMITS as L } from "./limits.ts";
import { commandLineFromOptions, optionName, quoteValue } from "./options-text.ts";

/** What every interaction handler needs. */
export interface DiscordContext {
  dispatcher: Dispatcher;
  deps: Deps;
  logger: Logger;
  /** The import entry point; without it `/import` answers that imports are off. */
  importFile?: ImportFileFn;
  /**
   * How long a slash command may take before it is deferred ("thinking…"), in ms. 0 (the
   * default) defers every slash command before running it, which always meets Discord's 3
   * seconds; more sends quick answers at once with the visibility the command chose, but a
   * command's synchronous work (database, chart) can delay the deferral past the window.
   */
  deferAfterMs: number;
  /** `DISCORD_API_URL`: besides Discord's CDN, the one host attachments are downloaded from. */
  apiUrl?: string;
}

/** The text input of the "Other period…" form. */
const PERIOD_INPUT = "period";

function callerOf(interaction: Interaction): Caller {
  const member = interaction.member;
  const nick = member && "nick" in member && typeof member.nick === "string" ? member.nick : undefined;
  return {
    platform: "discord",
    userId: interaction.user.id,
    displayName: nick ?? interaction.user.globalName ?? interaction.user.username,
  };
}

function run(ctx: DiscordContext, interaction: Interaction, line: string): Promise<DispatchOutcome> {
  return ctx.dispatcher.run({
    text: line,
    caller: callerOf(interaction),
    ...(interaction.channelId
      ? { channel: { platform: "discord" as const, id: interaction.channelId } }
      : {}),
  });
}

/** The outcome if it comes within `ms`, else undefined (it keeps running). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  if (ms <= 0) return undefined;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** True when the first one or two words of `line` name a registry command (buttons carry lines). */
function isRegistryLine(dispatcher: Dispatcher, line: string): boolean {
  const words = /^\/?(\S+)(?:\s+(\S+))?/u.exec(line.trim());
  if (!words?.[1]) return false;
  return (
    dispatcher.registry.resolve(words[2] === undefined ? [words[1]] : [words[1], words[2]]) !== undefined
  );
}

function outdated(): Reply {
  return warningReply(
    "This button is from an older version of the bot and no longer works. Type the command again, e.g. /mission-stats washington.",
  );
}

/** Sends a reply to a slash command, or replaces the deferred "thinking…" with it. */
async function show(
  interaction: ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction,
  reply: Reply,
  options: { ephemeral: boolean },
): Promise<void> {
  if (interaction.deferred || interaction.replied) {
    await interaction.editReply(interactionPayload(reply, { edit: true }));
    return;
  }
  await interaction.reply({
    ...interactionPayload(reply),
    ...(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  });
}

/** Posts `reply` for the whole channel as a follow-up of an acknowledged interaction. */
async function postPublicly(
  interaction: ButtonInteraction | ChatInputCommandInteraction,
  reply: Reply,
): Promise<void> {
  await interaction.followUp(interactionPayload(withoutPublicButton({ ...reply, ephemeral: false })));
}

/** Tells only the caller, whatever state the interaction is in. */
async function tellPrivately(
  interaction:
    | ChatInputCommandInteraction
    | ButtonInteraction
    | ModalSubmitInteraction
    | AutocompleteInteraction,
  reply: Reply,
): Promise<void> {
  if (interaction.isAutocomplete()) return;
  const payload = interactionPayload(reply);
  if (interaction.deferred || interaction.replied) {
    await interaction.followUp({ ...payload, flags: MessageFlags.Ephemeral });
  } else {
    await interaction.reply({ ...payload, flags: MessageFlags.Ephemeral });
  }
}

/**
 * A slash command: rebuilds the command line from its typed options and runs it through the
 * dispatcher. It is acknowledged first ("thinking…", privately) and then filled in, or, when
 * the command posts for everyone, followed by the public answer; with `deferAfterMs`, an answer
 * ready within that window is sent at once instead. Problems are only shown to the caller.
 */
async function onChatInput(ctx: DiscordContext, interaction: ChatInputCommandInteraction): Promise<void> {
  const registry = ctx.dispatcher.registry;
  if (interaction.commandName === IMPORT_COMMAND && !registry.get(IMPORT_COMMAND)) {
    await answerImport(ctx, interaction);
    return;
  }
  const command = resolveInvocation(
    registry,
    interaction.commandName,
    interaction.options.getSubcommand(false),
  );
  if (!command) {
    await show(
      interaction,
      warningReply(
        `/${interaction.commandName} is not a command of this bot any more. An administrator should run \`dmd discord register\` to update the list.`,
      ),
      { ephemeral: true },
    );
    return;
  }
  const values = new Map<string, string>();
  for (const spec of argumentSpecs(command)) {
    const option = interaction.options.get(optionName(spec.name));
    if (option && option.value !== undefined && option.value !== null)
      values.set(spec.name, String(option.value));
  }
  const line = commandLineFromOptions(command, values);
  // Commands do their database and chart work synchronously, so a timer cannot interrupt them:
  // the acknowledgement goes out first unless quick answers are expected.
  if (ctx.deferAfterMs <= 0) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const pending = run(ctx, interaction, line);
  let outcome = interaction.deferred ? await pending : await within(pending, ctx.deferAfterMs);
  if (!outcome) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    outcome = await pending;
  }
  if (outcome.status !== "ok") {
    await show(interaction, outcome.reply, { ephemeral: true });
    return;
  }
  const reply = outcome.result.reply;
  if (reply.ephemeral) {
    await show(interaction, withPublicButton(reply, line), { ephemeral: true });
    return;
  }
  if (!interaction.deferred) {
    await show(interaction, reply, { ephemeral: false });
    return;
  }
  // Deferred privately, but the command posts for everyone: post it, then drop the "thinking…".
  await postPublicly(interaction, reply);
  await interaction.deleteReply();
}

function isEphemeral(interaction: ButtonInteraction | ModalSubmitInteraction): boolean {
  return interaction.message?.flags.has(MessageFlags.Ephemeral) ?? false;
}

/**
 * Runs a line for a button or form and shows the answer: in place of a private message (the
 * caller's own answer, e.g. a period switch), or as a new private answer when the button sits
 * on a message everyone sees (nobody else's view changes).
 */
async function answerInPlace(
  ctx: DiscordContext,
  interaction: ButtonInteraction | ModalSubmitInteraction,
  line: string,
): Promise<void> {
  const fromMessage = interaction.isButton() || interaction.isFromMessage();
  const inPlace = fromMessage && isEphemeral(interaction);
  if (inPlace) await interaction.deferUpdate();
  else await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const outcome = await run(ctx, interaction, line);
  if (outcome.status !== "ok") {
    if (inPlace) await tellPrivately(interaction, outcome.reply);
    else await show(interaction, outcome.reply, { ephemeral: true });
    return;
  }
  await show(interaction, withPublicButton(outcome.result.reply, line), { ephemeral: true });
}

/** "Post in channel": the answer goes to everyone, and the private copy it came from goes away. */
async function answerPublicly(
  ctx: DiscordContext,
  interaction: ButtonInteraction,
  line: string,
): Promise<void> {
  await interaction.deferUpdate();
  const outcome = await run(ctx, interaction, line);
  if (outcome.status !== "ok") {
    await tellPrivately(interaction, outcome.reply);
    return;
  }
  await postPublicly(interaction, outcome.result.reply);
  if (isEphemeral(interaction)) await interaction.deleteReply();
}

async function askPeriod(interaction: ButtonInteraction, line: string): Promise<void> {
  const customId = encodeAction("period-form", line);
  if (!customId) {
    await tellPrivately(interaction, outdated());
    return;
  }
  await interaction.showModal({
    title: cutText("Another period", L.modalTitle),
    custom_id: customId,
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.TextInput,
            custom_id: PERIOD_INPUT,
            label: "Period",
            style: TextInputStyle.Short,
            placeholder: "e.g. 365d, 2026-W47 or 2026-10-01..2026-10-31",
            required: true,
            min_length: 2,
            max_length: 40,
          },
        ],
      },
    ],
  });
}

async function onButton(ctx: DiscordContext, interaction: ButtonInteraction): Promise<void> {
  const action = decodeAction(interaction.customId);
  if (!action || !isRegistryLine(ctx.dispatcher, action.line)) {
    await tellPrivately(interaction, outdated());
    return;
  }
  const handlers: Partial<Record<ActionKind, () => Promise<void>>> = {
    run: () => answerInPlace(ctx, interaction, action.line),
    public: () => answerPublicly(ctx, interaction, action.line),
    "ask-period": () => askPeriod(interaction, action.line),
    answer: async () => {
      if (!(await openAnswerForm(interaction, action.line))) await tellPrivately(interaction, outdated());
    },
  };
  const handler = handlers[action.kind];
  if (handler) await handler();
  else await tellPrivately(interaction, outdated());
}

async function onModal(ctx: DiscordContext, interaction: ModalSubmitInteraction): Promise<void> {
  const action = decodeAction(interaction.customId);
  if (!action || !isRegistryLine(ctx.dispatcher, action.line)) {
    await tellPrivately(interaction, outdated());
    return;
  }
  if (action.kind === "answer-form") {
    const handled = await submitAnswerForm(interaction, action.line, async (line) => {
      const outcome = await run(ctx, interaction, line);
      return outcome.status === "ok"
        ? { ok: true, reply: outcome.result.reply, data: outcome.result.data }
        : { ok: false, reply: outcome.reply };
    });
    if (!handled) await tellPrivately(interaction, outdated());
    return;
  }
  if (action.kind !== "period-form") {
    await tellPrivately(interaction, outdated());
    return;
  }
  const period = interaction.fields.getTextInputValue(PERIOD_INPUT).trim();
  await answerInPlace(ctx, interaction, `${action.line} ${quoteValue(period)}`);
}

async function onAutocomplete(ctx: DiscordContext, interaction: AutocompleteInteraction): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const command = resolveInvocation(
    ctx.dispatcher.registry,
    interaction.commandName,
    interaction.options.getSubcommand(false),
  );
  const spec = command ? argumentSpecs(command).find((s) => optionName(s.name) === focused.name) : undefined;
  const typed = String(focused.value ?? "");
  let choices: { name: string; value: string }[] = [];
  if (spec?.choices && spec.choices.length > 0) {
    const q = typed.toLowerCase();
    choices = spec.choices
      .filter((c) => c.toLowerCase().includes(q))
      .map((c) => ({ name: cutText(c, L.choiceText), value: c.slice(0, L.choiceText) }));
  } else if (command) {
    const source = autocompleteSource(command, focused.name);
    if (source === "mission") choices = missionChoices(ctx.deps.db, typed);
    if (source === "content") choices = contentChoices(ctx.deps.db, typed);
  }
  await interaction.respond(choices.slice(0, L.choices));
}

/**
 * Answers one interaction: slash commands, buttons, forms and autocomplete. Never throws: a
 * failure is logged with an error id, and the user gets a private apology carrying it.
 */
export async function handleInteraction(ctx: DiscordContext, interaction: Interaction): Promise<void> {
  try {
    if (interaction.isChatInputCommand()) await onChatInput(ctx, interaction);
    else if (interaction.isButton()) await onButton(ctx, interaction);
    else if (interaction.isModalSubmit()) await onModal(ctx, interaction);
    else if (interaction.isAutocomplete()) await onAutocomplete(ctx, interaction);
  } catch (err) {
    const errorId = logDiscordFailure(ctx.logger, err, "interaction", { type: interaction.type });
    if (interaction.isAutocomplete() || !interaction.isRepliable()) return;
    try {
      await tellPrivately(
        interaction as ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction,
        apologyReply(errorId),
      );
    } catch (second) {
      logDiscordFailure(ctx.logger, second, "interaction_apology", { errorId });
    }
  }
}
