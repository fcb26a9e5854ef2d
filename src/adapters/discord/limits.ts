/**
 * Discord's published message limits. A message over any of them is refused whole (HTTP 400,
 * code 50035 "Invalid Form Body"), so the renderer cuts content to fit instead.
 */
export const DISCORD_LIMITS = {
  /** Characters in an embed's title. */
  embedTitle: 256,
  /** Characters in an embed's description. */
  embedDescription: 4096,
  /** Fields in one embed. */
  embedFields: 25,
  /** Characters in a field's name. */
  fieldName: 256,
  /** Characters in a field's value. */
  fieldValue: 1024,
  /** Characters in an embed's footer text. */
  footerText: 2048,
  /** Characters across every embed of one message: titles, descriptions, fields, footers. */
  embedTotal: 6000,
  /** Embeds in one message. */
  embeds: 10,
  /** Buttons in one action row. */
  rowButtons: 5,
  /** Action rows in one message. */
  rows: 5,
  /** Characters in a button's label. */
  buttonLabel: 80,
  /** Characters in a component's custom id. */
  customId: 100,
  /** Characters in a message's plain content. */
  content: 2000,
  /** Files attached to one message. */
  attachments: 10,
  /** Characters in an attachment's description (its alt text). */
  attachmentDescription: 1024,
  /** Choices of one application command option, and of one autocomplete answer. */
  choices: 25,
  /** Characters in a choice's name and value. */
  choiceText: 100,
  /** Characters in an application command's or option's description. */
  commandDescription: 100,
  /** Options of one application command (or subcommand). */
  commandOptions: 25,
  /** Characters in a command, subcommand or option name. */
  commandName: 32,
  /** Characters in a modal's title. */
  modalTitle: 45,
  /** Characters in a text input's label. */
  textInputLabel: 45,
} as const;
