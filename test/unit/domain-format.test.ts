import { describe, expect, it } from "vitest";
import { formatCount, formatDecimal, formatPct, formatSigned } from "../../src/domain/format.ts";

describe("formatCount", () => {
  it.each([
    [0, "0"],
    [999, "999"],
    [1234, "1,234"],
    [1234.6, "1,235"],
    [9999, "9,999"],
    [9999.5, "10K"],
    [10000, "10K"],
    [12000, "12K"],
    [12049, "12K"],
    [12050, "12.1K"],
    [12345, "12.3K"],
    [999_949, "999.9K"],
    [999_950, "1M"],
    [1_234_567, "1.2M"],
    [2_500_000_000, "2.5B"],
    [-56, "-56"],
    [-12_345, "-12.3K"],
    [-0.4, "0"],
  ])("%s -> %s", (n, expected) => {
    expect(formatCount(n)).toBe(expected);
  });

  it("says n/a for unavailable values, never 0", () => {
    expect(formatCount(null)).toBe("n/a");
    expect(formatCount(Number.NaN)).toBe("n/a");
    expect(formatCount(Number.POSITIVE_INFINITY)).toBe("n/a");
  });
});

describe("formatPct", () => {
  it.each([
    [4.5, "4.5%"],
    [4, "4.0%"],
    [4.45, "4.5%"],
    [1.05, "1.1%"],
    [0, "0.0%"],
    [-0.04, "0.0%"],
    [-3.25, "-3.3%"],
    [1234.56, "1,234.6%"],
  ])("%s -> %s", (n, expected) => {
    expect(formatPct(n)).toBe(expected);
  });

  it.each([
    [4.5, "+4.5%"],
    [-4.5, "-4.5%"],
    [0, "0.0%"],
    [0.04, "0.0%"],
    [-0.04, "0.0%"],
    [0.05, "+0.1%"],
  ])("signed %s -> %s", (n, expected) => {
    expect(formatPct(n, true)).toBe(expected);
  });

  it("says n/a for null", () => {
    expect(formatPct(null)).toBe("n/a");
    expect(formatPct(null, true)).toBe("n/a");
  });
});

describe("formatSigned", () => {
  it.each([
    [1234, "+1,234"],
    [-56, "-56"],
    [0, "0"],
    [0.4, "0"],
    [-0.4, "0"],
    [12_345, "+12.3K"],
    [-1_500_000, "-1.5M"],
  ])("%s -> %s", (n, expected) => {
    expect(formatSigned(n)).toBe(expected);
  });

  it("says n/a for null", () => {
    expect(formatSigned(null)).toBe("n/a");
  });
});

describe("formatDecimal", () => {
  it("rounds to one decimal by default, with grouping", () => {
    expect(formatDecimal(12.34)).toBe("12.3");
    expect(formatDecimal(12)).toBe("12.0");
    expect(formatDecimal(1234.56)).toBe("1,234.6");
    expect(formatDecimal(-0.04)).toBe("0.0");
    expect(formatDecimal(-2.35)).toBe("-2.4");
  });

  it("takes the number of digits", () => {
    expect(formatDecimal(3, 2)).toBe("3.00");
    expect(formatDecimal(2.5, 0)).toBe("3");
    // 1.005 is stored as 1.00499999…; it rounds as written, the way a person would.
    expect(formatDecimal(1.005, 2)).toBe("1.01");
    expect(formatDecimal(12.345, 2)).toBe("12.35");
  });

  it("says n/a for null", () => {
    expect(formatDecimal(null)).toBe("n/a");
    expect(formatDecimal(null, 2)).toBe("n/a");
  });
});
