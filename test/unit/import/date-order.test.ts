// Day first or month first: decided from the file's values, asked (shown both ways) when they cannot tell,
// never guessed silently (issue 13, point 2).
import { describe, expect, it } from "vitest";
import { DEFAULT_BUSINESS_HOURS } from "../../../app/domain/defaults";
import { DateReader, englishMonthNames, monthFirstFormat } from "../../../app/domain/import/dates";
import { parseImport } from "../../../app/domain/import/index";

const opts = { businessHours: DEFAULT_BUSINESS_HOURS };
const HEADER = "number,incident_state,sys_mod_count,opened_at,resolved_at,resolved_by";
const sn = (...rows: string[]) => [HEADER, ...rows, ""].join("\n");
const row = (n: number, opened: string, resolved: string) => `INC${n},Resolved,1,${opened},${resolved},Resolved by 1`;
const resolvedAt = (csv: string, o: Partial<typeof opts & { dateOrder: "auto" | "dmy" | "mdy" }> = {}) =>
  parseImport(csv, { ...opts, ...o }).items.map((i) => i.resolvedAt);

describe("the order of day and month", () => {
  it("a US export (a second number over 12) is read month first, every row, and says why", () => {
    // 03/12/2024 alone would read as 3 December; 03/13/2024 shows the file is month first
    const csv = sn(row(1, "03/12/2024 09:00", "03/12/2024 10:30"), row(2, "03/13/2024 09:00", "03/13/2024 17:00"));
    const r = parseImport(csv, opts);
    expect(r.rowErrors).toEqual([]);
    expect(r.items.map((i) => i.resolvedAt)).toEqual(["2024-03-12T10:30:00", "2024-03-13T17:00:00"]);
    expect(r.dates).toEqual({
      order: "mdy",
      decided: "values",
      evidence: [
        { row: 3, value: "03/13/2024 09:00" },
        { row: 3, value: "03/13/2024 17:00" },
      ],
      ambiguous: [],
      mixed: false,
    });
  });

  it("a day over 12 says day first", () => {
    const r = parseImport(sn(row(1, "03/12/2024 09:00", "25/12/2024 10:30")), opts);
    expect(r.items.map((i) => i.resolvedAt)).toEqual(["2024-12-25T10:30:00"]);
    expect(r.dates).toMatchObject({ order: "dmy", decided: "values", evidence: [{ row: 2, value: "25/12/2024 10:30" }] });
  });

  it("when no value can tell, it reads day first and shows two values both ways", () => {
    const r = parseImport(
      sn(row(1, "03/04/2024 09:00", "05/04/2024 10:30"), row(2, "06/07/2024 09:00", "06/07/2024 11:00")),
      opts,
    );
    expect(r.items.map((i) => i.resolvedAt)).toEqual(["2024-04-05T10:30:00", "2024-07-06T11:00:00"]);
    expect(r.dates).toEqual({
      order: "dmy",
      decided: "assumed",
      evidence: [],
      ambiguous: [
        { row: 2, value: "03/04/2024 09:00", dayFirst: "2024-04-03T09:00:00", monthFirst: "2024-03-04T09:00:00" },
        { row: 2, value: "05/04/2024 10:30", dayFirst: "2024-04-05T10:30:00", monthFirst: "2024-05-04T10:30:00" },
      ],
      mixed: false,
    });
    // the same date either way (05/05) and ISO dates tell nothing and ask nothing
    expect(parseImport(sn(row(1, "05/05/2024 09:00", "2024-05-06 10:00")), opts).dates).toBeNull();
  });

  it("the uploader's choice wins over the values; a file mixing both orders is said to", () => {
    const csv = sn(row(1, "03/04/2024 09:00", "03/05/2024 10:30"));
    expect(resolvedAt(csv, { dateOrder: "mdy" })).toEqual(["2024-03-05T10:30:00"]);
    expect(parseImport(csv, { ...opts, dateOrder: "mdy" }).dates).toMatchObject({ order: "mdy", decided: "chosen" });
    expect(resolvedAt(csv, { dateOrder: "dmy" })).toEqual(["2024-05-03T10:30:00"]);
    const mixed = parseImport(
      sn(row(1, "25/03/2024 09:00", "25/03/2024 10:00"), row(2, "03/25/2024 09:00", "03/25/2024 10:00")),
      opts,
    );
    expect(mixed.dates).toMatchObject({ order: "dmy", decided: "values", mixed: true });
    expect(mixed.rowErrors.map((e) => e.row)).toEqual([3]);
  });

  it("reads dotted dates and 12-hour times with AM/PM, both orders", () => {
    expect(resolvedAt(sn(row(1, "13.03.2024 09:00", "13.03.2024 17:45")))).toEqual(["2024-03-13T17:45:00"]);
    expect(resolvedAt(sn(row(1, "13-03-2024 09:00 AM", "13-03-2024 05:45 PM")))).toEqual(["2024-03-13T17:45:00"]);
    expect(resolvedAt(sn(row(1, "3/13/2024 9:00 AM", "3/13/2024 12:15 AM")))).toEqual(["2024-03-13T00:15:00"]);
    expect(resolvedAt(sn(row(1, "3/13/2024 9:00 am", "3/13/2024 12:15 pm")))).toEqual(["2024-03-13T12:15:00"]);
  });

  it("swaps day and month only in numeric formats that write the day first", () => {
    expect(["dd-MM-yyyy HH:mm", "d/M/yyyy h:mm a", "d.M.yyyy", "yyyy-MM-dd", "d/MMM/yy h:mm a"].map(monthFirstFormat)).toEqual([
      "MM-dd-yyyy HH:mm",
      "M/d/yyyy h:mm a",
      "M.d.yyyy",
      "yyyy-MM-dd",
      "d/MMM/yy h:mm a",
    ]);
    expect(DateReader.bothWays(["d/M/yyyy H:mm"], "2/1/2024 8:00")).toEqual({
      dayFirst: "2024-01-02T08:00:00",
      monthFirst: "2024-02-01T08:00:00",
    });
  });

  it("reads month names in the common European languages, as exports in the user's language write them", () => {
    const jira = ["Issue key,Status,Resolution,Created,Resolved,Assignee", "OPS-1,Done,Done,{c},{r},Ana Ruiz", ""].join("\n");
    const resolved = (c: string, r: string) =>
      parseImport(jira.replace("{c}", c).replace("{r}", r), opts).items.map((i) => [i.startedAt, i.resolvedAt]);
    expect(resolved("12/Mar/24 9:41 AM", "13/Mar/24 2:05 PM")).toEqual([["2024-03-12T09:41:00", "2024-03-13T14:05:00"]]);
    expect(resolved("12/mars/24 9:41 AM", "13/avr./24 9:41 AM")).toEqual([["2024-03-12T09:41:00", "2024-04-13T09:41:00"]]);
    expect(resolved("12. März 2024 09:05", "1. Dez. 2024 18:00")).toEqual([["2024-03-12T09:05:00", "2024-12-01T18:00:00"]]);
    expect(resolved("12 de marzo de 2024 14:30", "3 févr. 2025 08:00")).toEqual([["2024-03-12T14:30:00", "2025-02-03T08:00:00"]]);
    expect(resolved("12-ott-2024 10:00", "1 mei 2025 07:15")).toEqual([["2024-10-12T10:00:00", "2025-05-01T07:15:00"]]);
    // a word that is no month is not read as one
    expect(englishMonthNames("12 Foo 2024 10:00")).toBeNull();
    expect(englishMonthNames("25-12-2024 10:00 PM")).toBeNull();
    expect(englishMonthNames("5 out 2024")).toBe("5 Oct 2024");
  });
});
