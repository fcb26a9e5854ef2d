import type { MissionKind } from "../db/schema.ts";
import type { Random } from "./random.ts";

/** Posts of an embassy, high commission or consulate: `{host}` is the country or city. */
const BILATERAL = [
  "Our Ambassador met the Foreign Minister of {host} today to discuss trade and climate cooperation.",
  "Arcadia and {host}: decades of friendship, and more to come. {hashtag}",
  "Join us on Friday for Arcadian Film Night in {city}. Free entry, registration required.",
  "Visa reminder: apply at least 15 working days before you travel. Details on our website.",
  "Our consular section will be closed on Monday for a public holiday.",
  "Thank you to everyone who joined our National Day reception in {city}!",
  "Trade mission: Arcadian companies are in {city} this week to meet local partners.",
  "Infographic: trade between Arcadia and {host} in numbers.",
  "Cultural week in {city}: music, food and art from Arcadia. Programme in the link.",
  "Scholarships to study in Arcadia are open to students from {host}. Apply before the deadline.",
  "Watch: our short documentary on Arcadian olive growers, now with subtitles.",
  "Great turnout at the Arcadia–{host} business forum this morning.",
  "Travelling to Arcadia this summer? Here is what you need to know before you go.",
  "Live Q&A with our consul on passports and registering births abroad, today at 3 pm.",
  "Our team visited a renewable energy project supported by Arcadian development aid.",
  "We are hiring: a local staff position in our {city} office. Apply by the end of the month.",
  "Photo of the day: Arcadia City at sunrise. {hashtag}",
  "Arcadia stands with the people of {host}. Our thoughts are with everyone affected by the floods.",
] as const;

/** Posts of a permanent mission: `{host}` is the organisation. */
const MULTILATERAL = [
  "Statement by Arcadia at today's session on humanitarian access.",
  "Arcadia reaffirms its commitment to multilateralism and the rule of law.",
  "Our Permanent Representative addressed {host} on climate and security.",
  "Arcadia co-sponsored today's resolution on the protection of journalists.",
  "Watch our Permanent Representative's remarks at the open debate. {hashtag}",
  "Thank you to all partners who joined our side event on water diplomacy.",
  "Infographic: Arcadia's contributions to {host} this year.",
  "Arcadia welcomes the agreement reached today and thanks all delegations.",
] as const;

/** Posts of the ministry itself. */
const MINISTRY = [
  "The Minister of Foreign Affairs received the new ambassadors accredited to Arcadia.",
  "Travel advice updated: check the latest guidance before you go.",
  "Watch: the Minister's interview on Arcadia's foreign policy priorities.",
  "Today Arcadia signed a cooperation agreement on education and research.",
  "Infographic: Arcadia's network of missions around the world.",
  "Our new short documentary on Arcadian craftsmanship is out now. {hashtag}",
  "The Ministry's annual report is available on our website.",
  "Arcadians abroad: register with your nearest mission to receive travel alerts.",
] as const;

/** What a caption's placeholders are filled with. */
export interface CaptionContext {
  kind: MissionKind;
  host: string;
  city: string;
  hashtag: string;
}

/** A short, plausible post text for a mission of this kind. */
export function demoCaption(context: CaptionContext, random: Random): string {
  const templates =
    context.kind === "hq" ? MINISTRY : context.kind === "permanent_mission" ? MULTILATERAL : BILATERAL;
  return random
    .pick(templates)
    .replaceAll("{host}", context.host)
    .replaceAll("{city}", context.city)
    .replaceAll("{hashtag}", context.hashtag);
}
