import { describe, expect, it } from "vitest";
import { firstWorkingDay } from "../../src/domain/working-week.ts";

describe("firstWorkingDay", () => {
  it("starts the week on Monday after a sat-sun weekend and on Sunday after fri-sat or fri", () => {
    expect(firstWorkingDay("sat-sun")).toBe(1);
    expect(firstWorkingDay("fri-sat")).toBe(7);
    expect(firstWorkingDay("fri")).toBe(7);
  });

  it("otherwise takes the day after the weekend's last day", () => {
    expect(firstWorkingDay("sun")).toBe(1);
    expect(firstWorkingDay("fri-sun")).toBe(1);
    expect(firstWorkingDay("thu-fri")).toBe(6);
    expect(firstWorkingDay(" Sat-Sun ")).toBe(1);
  });

  it("treats an unreadable weekend as sat-sun", () => {
    expect(firstWorkingDay("weekend")).toBe(1);
  });
});
