import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_BUSINESS_HOURS } from "../../../app/domain/defaults";
import { parseImport } from "../../../app/domain/import/index";
import { pagerDutyPriority } from "../../../app/domain/import/pagerduty";

const text = readFileSync(new URL("../../fixtures/import/pagerduty.csv", import.meta.url), "utf8");
const opts = { businessHours: DEFAULT_BUSINESS_HOURS };

describe("PagerDuty incidents CSV", () => {
  const result = parseImport(text, opts);
  const items = new Map(result.items.map((i) => [i.externalRef, i]));

  it("detects PagerDuty and keys items by incident number", () => {
    expect(result.format).toBe("pagerduty");
    expect(result.rowsRead).toBe(5);
    expect([...items.keys()]).toEqual(["1201", "1202", "1203"]);
  });

  it("uses the priority column when present, resolved_by before assigned_to", () => {
    expect(items.get("1201")).toMatchObject({
      sourceSystem: "pagerduty",
      kind: "incident",
      title: "Database CPU high",
      state: "resolved",
      resolved: true,
      outcome: "resolved",
      priority: "P1",
      handles: ["Bob Ray", "Ann Lee"],
      // the export's -05:00 honoured: stored in UTC
      startedAt: "2024-03-16T07:10:00",
      resolvedAt: "2024-03-16T08:40:00",
      afterHours: true, // a Saturday
      afterHoursMinutes: 90,
      notes: "Service: db-primary",
    });
  });

  it("maps urgency high to P2 without a priority, and splits several people", () => {
    expect(items.get("1202")).toMatchObject({
      priority: "P2",
      handles: ["Ann Lee", "Cy Dee"],
      afterHours: false,
      afterHoursMinutes: 0,
    });
  });

  it("keeps unresolved incidents; P5 becomes P4", () => {
    expect(items.get("1203")).toMatchObject({
      resolved: false,
      outcome: null,
      resolvedAt: null,
      priority: "P4",
      state: "acknowledged",
    });
  });

  it("reports a missing incident number and unreadable times", () => {
    expect(result.rowErrors).toEqual([
      { row: 5, ref: null, message: "Missing incident_number" },
      { row: 6, ref: "1205", message: expect.stringContaining('created_on: cannot read the date "2024-03-13T25:00:00Z"') },
    ]);
  });

  it("accepts title-case headers and created_at/resolved_at", () => {
    const csv =
      'Incident Number,Title,Urgency,Status,Service Name,Created At,Resolved At,Assigned To,Resolved By\n77,"Disk, full",low,Resolved,files,2024-03-12 09:00:00,2024-03-12 09:30:00,?,Eve\n';
    const r = parseImport(csv, opts);
    expect(r.format).toBe("pagerduty");
    expect(r.items[0]).toMatchObject({
      externalRef: "77",
      title: "Disk, full",
      priority: "P3",
      resolved: true,
      handles: ["Eve"],
      resolvedAt: "2024-03-12T09:30:00",
    });
  });

  it("maps priority/urgency", () => {
    expect(pagerDutyPriority("P1", "low")).toBe("P1");
    expect(pagerDutyPriority("P3", "high")).toBe("P3");
    expect(pagerDutyPriority("P5", "")).toBe("P4");
    expect(pagerDutyPriority("", "high")).toBe("P2");
    expect(pagerDutyPriority("", "")).toBeNull();
  });
});
