// The pure input rules (app/domain/input-rules.ts) and the one identity of a ticket (ticketKey).
import { describe, expect, it } from "vitest";
import {
  DEFAULT_EARLIEST_YEAR,
  ID_MAX,
  isId,
  parseId,
  searchText,
  MESSAGES,
  characterProblem,
  dateProblem,
  earliestYearOf,
  emailProblem,
  hasVisibleText,
  textProblem,
} from "../../app/domain/input-rules";
import { apiImportKey, importKeyOf, normaliseRef, normaliseSystem, ticketKey } from "../../app/domain/import/evidence";
import { safeRedirect } from "../../app/auth/throttle";

const NOW = new Date("2026-06-15T12:00:00.000Z");
const bounds = { now: NOW, earliestYear: 1990 };

describe("text rules", () => {
  const title = { max: 200, what: "a title", required: true };
  it.each([
    ["", MESSAGES.required("a title")],
    ["\u200b\u200b", MESSAGES.invisible("a title")],
    ["\u200d\ufeff\u2060\u00ad", MESSAGES.invisible("a title")],
    ["\u3000 \u00a0", MESSAGES.invisible("a title")],
    ["a\u0000b", MESSAGES.controlSingleLine],
    ["a\u001bb", MESSAGES.controlSingleLine],
    ["a\u0085b", MESSAGES.controlSingleLine],
    ["line\nbreak", MESSAGES.controlSingleLine],
    ["a\u2028b", MESSAGES.controlSingleLine],
    ["a\ud800b", MESSAGES.brokenText],
    ["x".repeat(201), MESSAGES.tooLong(200)],
  ])("refuses %j as a title", (value, message) => {
    expect(textProblem(value, title)).toBe(message);
  });

  it.each(["Checkout API returning 502", "Ольга's 数据库 fix", "👍", "a\u200bb", "עברית"])("accepts %j", (value) => {
    expect(textProblem(value, title)).toBeNull();
  });

  it("allows line breaks and tabs in multi-line text only, never NUL", () => {
    const notes = { max: 20_000, what: "notes", multiline: true };
    expect(textProblem("one\n\ttwo\r\nthree", notes)).toBeNull();
    expect(textProblem("one\u0000two", notes)).toBe(MESSAGES.controlMultiLine);
    expect(textProblem("one\u0007two", notes)).toBe(MESSAGES.controlMultiLine);
    expect(textProblem("x".repeat(20_001), notes)).toBe("Use at most 20,000 characters.");
    expect(characterProblem("tab\there")).toBe(MESSAGES.controlSingleLine);
  });

  it("an optional text may be empty but not invisible-only", () => {
    expect(textProblem("", { max: 80, what: "a reference" })).toBeNull();
    expect(textProblem(null, { max: 80, what: "a reference" })).toBeNull();
    expect(textProblem("\u200b", { max: 80, what: "a reference" })).toBe(MESSAGES.invisible("a reference"));
    expect(hasVisibleText("\u3164")).toBe(false);
  });
});

describe("date bounds", () => {
  it.each([
    ["9999-12-31T00:00:00.000Z", MESSAGES.future("finish")],
    ["2026-06-15T12:06:00.000Z", MESSAGES.future("finish")],
    ["0000-01-01T00:00:00.000Z", MESSAGES.tooEarly("finish", 1990)],
    ["1989-12-31T23:59:59.000Z", MESSAGES.tooEarly("finish", 1990)],
  ])("refuses %s", (iso, message) => {
    expect(dateProblem(iso, "finish", bounds)).toBe(message);
  });

  it.each(["1990-01-01T00:00:00.000Z", "2026-06-15T12:00:00.000Z", "2026-06-15T12:04:59.000Z"])("accepts %s", (iso) => {
    expect(dateProblem(iso, "finish", bounds)).toBeNull();
  });

  it("a wall-clock time may be up to 14 hours ahead of UTC (it is local time somewhere)", () => {
    expect(dateProblem("2026-06-16T01:59:00.000Z", "start", bounds, { wallClock: true })).toBeNull();
    expect(dateProblem("2026-06-16T02:01:00.000Z", "start", bounds, { wallClock: true })).toBe(MESSAGES.future("start"));
    expect(dateProblem("2026-06-16T01:59:00.000Z", "start", bounds)).toBe(MESSAGES.future("start"));
  });

  it("the earliest year is configurable within the floor and this year", () => {
    expect(earliestYearOf(undefined, NOW)).toBe(DEFAULT_EARLIEST_YEAR);
    expect(earliestYearOf("", NOW)).toBe(1990);
    expect(earliestYearOf("nineteen", NOW)).toBe(1990);
    expect(earliestYearOf("1975", NOW)).toBe(1975);
    expect(earliestYearOf("0", NOW)).toBe(1900);
    expect(earliestYearOf("3000", NOW)).toBe(2026);
    expect(dateProblem("1980-05-01T00:00:00.000Z", "finish", { now: NOW, earliestYear: 1975 })).toBeNull();
  });
});

describe("email", () => {
  it.each([
    ["ann@example.com", null],
    ["a".repeat(250) + "@x.io", MESSAGES.tooLong(254)],
    ["a".repeat(1_000_000), MESSAGES.tooLong(254)],
    ["no-at.example.com", MESSAGES.email],
    ["ann@localhost", MESSAGES.email],
    ["ann@exa mple.com", MESSAGES.email],
    ["ann\u0000@example.com", MESSAGES.email],
  ])("%j", (value, message) => {
    expect(emailProblem(value)).toBe(message);
  });
});

describe("a ticket's identity", () => {
  it("is the same from a CSV export and from the API, whatever the case and spaces", () => {
    const csv = importKeyOf({ sourceSystem: "servicenow", externalRef: "INC0012345" });
    expect(csv).toBe("servicenow:INC0012345");
    for (const [system, ref] of [
      ["servicenow", "INC0012345"],
      ["ServiceNow", "inc0012345"],
      [" service-now ", " INC0012345 "],
      ["SERVICE_NOW", "INC 0012345"],
      ["servicenow", "ＩＮＣ００１２３４５"],
      ["servicenow", "INC0012345\u200b"],
    ])
      expect(apiImportKey(system, ref!)).toBe(csv);
  });

  it("another system or no system is another ticket", () => {
    expect(ticketKey("jira", "INC0012345")).toBe("jira:INC0012345");
    expect(ticketKey(undefined, "REF-1")).toBe("api:REF-1");
    expect(ticketKey("", "ref-1")).toBe("api:REF-1");
    expect(normaliseSystem("Pager.Duty")).toBe("pagerduty");
    expect(normaliseRef("ops-12")).toBe("OPS-12");
  });
});

describe("safeRedirect never gives an unusable Location", () => {
  it.each([
    ["/evidence\u3000x", "/"],
    ["/a\u2028b", "/"],
    ["/a\u2029b", "/"],
    ["/a b", "/"],
    ["/a\u200bb", "/"],
    ["/a\ud800", "/"],
    ["/\u0000", "/"],
    ["/\t/evil.example", "/"],
    ["/people/Ольга", "/people/%D0%9E%D0%BB%D1%8C%D0%B3%D0%B0"],
    ["/evidence?x=1", "/evidence?x=1"],
  ])("%j → %s", (to, want) => {
    const got = safeRedirect(to);
    expect(got).toBe(want);
    expect(() => new Headers({ Location: got })).not.toThrow();
  });
});

describe("ids and search text from a URL", () => {
  it("an id is a whole number within PostgreSQL's integer range", () => {
    expect(parseId("42")).toBe(42);
    expect(parseId(String(ID_MAX))).toBe(ID_MAX);
    for (const raw of ["2147483648", "99999999999999999999", "0", "-1", "042", "1e3", "1.5", "abc", "", null])
      expect(parseId(raw)).toBeNull();
    expect(isId(2 ** 31)).toBe(false);
  });

  it("search text drops what cannot be searched for", () => {
    expect(searchText("  disk\u0000full\u2028 ", 100)).toBe("disk full");
    expect(searchText("a\ud800", 100)).toBe("a");
    expect(searchText("x".repeat(200), 100)).toHaveLength(100);
    expect(searchText(null, 100)).toBe("");
  });
});
