import type { Db } from "../../db/client.ts";
import { listContentItems } from "../../db/repos/content-repo.ts";
import { listMissions } from "../../db/repos/missions-repo.ts";
import { normalizeName } from "../../domain/mission-lookup.ts";
import { cutText } from "./escape.ts";
import { DISCORD_LIMITS as L } from "./limits.ts";

/** One autocomplete choice: what the user sees, and the value the option gets. */
export interface Choice {
  name: string;
  value: string;
}

/**
 * Missions matching what the user has typed so far, best first, for an option's autocomplete:
 * codes, then cities, countries and names that start with it, then those that contain it
 * (accents and case aside). Each shows as `City — Name (code)` and fills in the code. At most 25.
 */
export function missionChoices(db: Db, typed: string): Choice[] {
  const q = normalizeName(typed);
  const scored: { score: number; code: string; choice: Choice }[] = [];
  for (const m of listMissions(db)) {
    const code = normalizeName(m.code);
    const others = [m.city, m.country, m.name].map(normalizeName);
    let score: number;
    if (q === "") score = 3;
    else if (code === q) score = 0;
    else if (code.startsWith(q)) score = 1;
    else if (others.some((o) => o.startsWith(q) || o.split(" ").some((w) => w.startsWith(q)))) score = 2;
    else if (code.includes(q) || others.some((o) => o.includes(q))) score = 4;
    else continue;
    const label = m.city && !m.name.includes(m.city) ? `${m.name}, ${m.city}` : m.name;
    scored.push({
      score,
      code: m.code,
      choice: { name: cutText(`${label} (${m.code})`, L.choiceText), value: m.code.slice(0, L.choiceText) },
    });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.code.localeCompare(b.code))
    .slice(0, L.choices)
    .map((s) => s.choice);
}

/** How many recent content items autocomplete looks through. */
const CONTENT_ITEMS = 200;

/**
 * SCD content items matching what the user has typed (the number, or words of the title),
 * newest first, each shown as `#12 Title (due 2026-12-03)` and filling in the number. At most 25.
 */
export function contentChoices(db: Db, typed: string): Choice[] {
  const q = normalizeName(typed.replace(/^#/, ""));
  return listContentItems(db, { limit: CONTENT_ITEMS })
    .filter((item) => q === "" || String(item.id).startsWith(q) || normalizeName(item.title).includes(q))
    .slice(0, L.choices)
    .map((item) => ({
      name: cutText(`#${item.id} ${item.title}${item.dueDate ? ` (due ${item.dueDate})` : ""}`, L.choiceText),
      value: String(item.id),
    }));
}
