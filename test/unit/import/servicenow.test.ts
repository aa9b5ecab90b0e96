import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_BUSINESS_HOURS } from "../../../app/domain/defaults";
import { parseImport, type ImportItem } from "../../../app/domain/import/index";
import { CLOSED_AT_NOTE, serviceNowImpact, serviceNowPriority } from "../../../app/domain/import/servicenow";

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url), "utf8");
const opts = { businessHours: DEFAULT_BUSINESS_HOURS };
const byRef = (items: ImportItem[]) => new Map(items.map((i) => [i.externalRef, i]));

describe("ServiceNow event log (one row per state change)", () => {
  const result = parseImport(fixture("servicenow-events.csv"), opts);
  const items = byRef(result.items);

  it("detects the format and counts every data row", () => {
    expect(result.format).toBe("servicenow");
    expect(result.error).toBeNull();
    expect(result.rowsRead).toBe(13);
  });

  it("collapses to one item per number, taking the highest sys_mod_count, not the last row", () => {
    const inc = items.get("INC001")!;
    expect(inc.rows).toEqual([2, 3, 4, 5]);
    expect(inc).toMatchObject({
      sourceSystem: "servicenow",
      kind: "incident",
      state: "Resolved",
      resolved: true,
      outcome: "resolved",
      priority: "P1",
      impact: "high",
      handles: ["Resolved by 9", "Assignee 7"],
      startedAt: "2016-03-05T22:10:00",
      resolvedAt: "2016-03-06T01:40:00",
      reassignmentCount: 1,
      reopenCount: 0,
      problemRef: "Problem ID  2",
      changeRef: "CHG0000047",
      resolutionCode: "code 5",
      title: "Incident INC001 — Category 1 / Subcategory 2",
    });
  });

  it("breaks a sys_mod_count tie by the latest sys_updated_at, then by the last row", () => {
    const inc = items.get("INC006")!;
    expect(inc.state).toBe("Closed");
    expect(inc.rows).toEqual([11, 12, 13]);
    expect(inc.title).toBe("Incident INC006 — Symptom 9");
  });

  it("drops '?' values: handles, refs and codes", () => {
    const inc = items.get("INC005")!;
    expect(inc.handles).toEqual(["Assignee 3"]);
    expect(inc.problemRef).toBeNull();
    expect(inc.changeRef).toBeNull();
    expect(inc.title).toBe("Incident INC005 — Category 8");
    expect(inc).toMatchObject({ priority: "P4", impact: "low", reassignmentCount: 2, reopenCount: 1 });
  });

  it("keeps unresolved tickets as items without a resolved time or outcome", () => {
    const inc = items.get("INC007")!;
    expect(inc).toMatchObject({
      resolved: false,
      outcome: null,
      resolvedAt: null,
      state: "Awaiting User Info",
      afterHours: false,
      afterHoursMinutes: 0,
    });
  });

  it("computes after-hours from opened/resolved times (weekend night here)", () => {
    expect(items.get("INC001")).toMatchObject({ afterHours: true, afterHoursMinutes: 210 });
    expect(items.get("INC006")).toMatchObject({ afterHours: false, afterHoursMinutes: 0 });
  });

  it("reports a bad date (naming the column), a short row and a missing number; the rest still parse", () => {
    expect(result.rowErrors).toEqual([
      { row: 6, ref: "INC002", message: expect.stringContaining('opened_at: cannot read the date "31-02-2016 10:00"') },
      { row: 8, ref: "INC004", message: expect.stringContaining("3 columns; the header has 20") },
      { row: 9, ref: null, message: "Missing number" },
    ]);
    // a ticket with a bad row is left out whole rather than shown in an older state
    expect([...items.keys()]).toEqual(["INC001", "INC005", "INC006", "INC007"]);
  });
});

describe("ServiceNow list export (BOM, ';' delimiter, quoted multi-line field, ISO dates)", () => {
  const result = parseImport(fixture("servicenow-plain-semicolon.csv"), opts);
  const items = byRef(result.items);

  it("reads every row", () => {
    expect(result.format).toBe("servicenow");
    expect(result.rowErrors).toEqual([]);
    expect(result.rowsRead).toBe(3);
    expect([...items.keys()]).toEqual(["INC100", "INC101", "INC102"]);
  });

  it("uses short_description as the title, keeping the quoted ';', ',' and line break", () => {
    expect(items.get("INC100")!.title).toBe('Mail down; users can\'t send, "urgent"\nsecond line');
    expect(items.get("INC101")!.rows).toEqual([4]);
  });

  it("maps the close code, notes and an evening resolution", () => {
    expect(items.get("INC100")).toMatchObject({
      priority: "P2",
      impact: "medium",
      outcome: "workaround",
      resolutionCode: "Solved (Work Around)",
      notes: "Restarted relay",
      handles: ["Bob Ray", "Ann Lee"],
      startedAt: "2024-03-12T09:05:00",
      resolvedAt: "2024-03-12T19:30:00",
      afterHours: true,
      afterHoursMinutes: 90,
    });
    expect(items.get("INC101")).toMatchObject({ resolved: false, handles: ["Ann Lee"], priority: "P4" });
    expect(items.get("INC102")).toMatchObject({ resolved: true, outcome: "resolved", afterHours: true, afterHoursMinutes: 75 });
  });
});

describe("ServiceNow value mapping", () => {
  it("maps priority and impact labels", () => {
    expect(
      ["1 - Critical", "2 - High", "3 - Moderate", "4 - Low", "5 - Planning", "?", ""].map((p) =>
        serviceNowPriority(p === "?" ? "" : p),
      ),
    ).toEqual(["P1", "P2", "P3", "P4", "P4", null, null]);
    expect(["1 - High", "2 - Medium", "3 - Low", "Critical"].map(serviceNowImpact)).toEqual([
      "high",
      "medium",
      "low",
      "critical",
    ]);
  });

  it("reads lower-case booleans and d/m/yyyy dates; PRB numbers are problems", () => {
    const text = [
      "number,state,active,opened_at,resolved_at,priority,resolved_by",
      "PRB0001,Closed,false,1/3/2016 9:05,2/3/2016 7:10,2 - High,Jo",
      "INC0009,,false,1/3/2016 9:05,1/3/2016 10:00,3 - Moderate,?",
    ].join("\n");
    const r = parseImport(text, opts);
    expect(r.rowErrors).toEqual([]);
    expect(r.items[0]).toMatchObject({
      kind: "problem",
      title: "Problem PRB0001",
      startedAt: "2016-03-01T09:05:00",
      resolvedAt: "2016-03-02T07:10:00",
    });
    // no state: "active = false" means resolved
    expect(r.items[1]).toMatchObject({ kind: "incident", resolved: true, handles: [], state: "" });
  });

  it("without resolved_at: the first change to Resolved, else closed_at, said in the notes; sys_updated_on is read", () => {
    const csv = [
      "number,incident_state,sys_mod_count,sys_updated_on,opened_at,resolved_at,closed_at,close_notes",
      // resolved on the 4th, reopened, resolved again on the 6th, closed automatically on the 11th
      "INC1,Active,1,2024-03-04 09:00,2024-03-04 08:00,,,",
      "INC1,Resolved,3,2024-03-06 10:00,2024-03-04 08:00,,,",
      "INC1,Resolved,2,2024-03-04 11:30,2024-03-04 08:00,,,",
      "INC1,Closed,4,2024-03-11 12:00,2024-03-04 08:00,,2024-03-11 12:00,Fixed the relay",
      // a plain list export: closed, with neither resolved_at nor a Resolved row
      "INC2,Closed,5,2024-03-11 12:00,2024-03-05 08:00,,2024-03-11 12:00,Fixed the relay",
      // resolved_at wins over everything
      "INC3,Closed,5,2024-03-11 12:00,2024-03-05 08:00,2024-03-05 09:15,2024-03-11 12:00,",
      "",
    ].join("\n");
    const got = byRef(parseImport(csv, opts).items);
    expect(got.get("INC1")).toMatchObject({ resolvedAt: "2024-03-04T11:30:00", notes: "Fixed the relay" });
    expect(got.get("INC2")).toMatchObject({
      resolvedAt: "2024-03-11T12:00:00",
      notes: `Fixed the relay\n${CLOSED_AT_NOTE}`,
    });
    expect(got.get("INC3")).toMatchObject({ resolvedAt: "2024-03-05T09:15:00", notes: null });
  });

  it("reports a non-numeric count naming the column", () => {
    const r = parseImport(
      "number,state,priority,reassignment_count\nINC1,New,1 - Critical,lots\nINC2,New,1 - Critical,2\n",
      opts,
    );
    expect(r.rowErrors).toEqual([
      { row: 2, ref: "INC1", message: expect.stringContaining('reassignment_count: "lots" is not a whole number') },
    ]);
    expect(r.items.map((i) => i.externalRef)).toEqual(["INC2"]);
  });
});
