/**
 * Slack's published Block Kit limits. A payload over any of them is rejected whole
 * (`invalid_blocks`), so the renderer cuts content to fit instead.
 */
export const SLACK_LIMITS = {
  /** Blocks in one message. */
  messageBlocks: 50,
  /** Blocks in a modal or App Home view. */
  viewBlocks: 100,
  /** Characters in a section's text (and any other text object). */
  sectionText: 3000,
  /** Fields in one section. */
  sectionFields: 10,
  /** Characters in one section field. */
  fieldText: 2000,
  /** Characters in a header block's text. */
  headerText: 150,
  /** Characters in a button's label. */
  buttonText: 75,
  /** Characters in a button's value. */
  buttonValue: 2000,
  /** Characters in an action id. */
  actionId: 255,
  /** Elements in one actions block. */
  actionsElements: 25,
  /** Elements in one context block. */
  contextElements: 10,
  /** Characters in an image's alt text and title. */
  imageText: 2000,
  /**
   * Characters of the top-level `text` kept as the notification fallback. Slack accepts far more,
   * but a fallback is a summary; the blocks carry the content.
   */
  fallbackText: 2000,
} as const;
