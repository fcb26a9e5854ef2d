import { parseWeekend } from "./weekend.ts";

/**
 * The ISO weekday (1 = Monday … 7 = Sunday) a mission's working week starts on, when its weekly
 * digest goes out: Monday for a sat-sun weekend, Sunday for fri-sat and for a Friday-only
 * weekend (as the missions in those countries work), otherwise the day after the weekend's last
 * day. A weekend the registry would not accept counts as sat-sun.
 */
export function firstWorkingDay(weekend: string): number {
  const days = parseWeekend(weekend);
  if (days === null) return 1;
  if (days.length === 1 && days[0] === 5) return 7;
  const last = days[days.length - 1] ?? 7;
  return (last % 7) + 1;
}
