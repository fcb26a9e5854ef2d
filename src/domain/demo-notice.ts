/**
 * The line that labels a reply built on the demo network, so nobody mistakes its figures for
 * real ones.
 */

/** The short form, for replies that say no more than needed (alerts). */
export const DEMO_NOTICE_SHORT = "Demo data: these missions and figures are invented (dmd demo).";

/** The full form, with the way to real data: command replies, digests and roll-ups. */
export const DEMO_NOTICE = `${DEMO_NOTICE_SHORT} Import your registry to use real ones.`;
