import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_BUSINESS_HOURS } from "../../../app/domain/defaults";
import { parseImport } from "../../../app/domain/import/index";
import { jiraKind, jiraOutcome, jiraPriority } from "../../../app/domain/import/jira";

const text = readFileSync(new URL("../../fixtures/import/jira.csv", import.meta.url), "utf8");
const opts = { businessHours: DEFAULT_BUSINESS_HOURS };

describe("Jira / JSM CSV", () => {
  const result = parseImport(text, opts);
  const items = new Map(result.items.map((i) => [i.externalRef, i]));

  it("detects Jira and reads all rows, multi-line summary included", () => {
    expect(result.format).toBe("jira");
    expect(result.error).toBeNull();
    expect(result.rowsRead).toBe(7);
    expect([...items.keys()]).toEqual(["OPS-1", "OPS-2", "OPS-3", "OPS-5"]);
  });

  it("maps an incident with repeated Labels, custom fields and an issue link", () => {
    expect(items.get("OPS-1")).toEqual({
      sourceSystem: "jira",
      externalRef: "OPS-1",
      title: 'Checkout fails, payments "declined"\nfor EU cards',
      kind: "incident",
      state: "Resolved",
      resolved: true,
      handles: ["alice"],
      startedAt: "2024-03-12T21:05:00",
      resolvedAt: "2024-03-13T01:15:00",
      priority: "P1",
      impact: "high",
      outcome: "resolved",
      afterHours: true,
      afterHoursMinutes: 250,
      reassignmentCount: 0,
      reopenCount: 0,
      problemRef: "PRB-7",
      changeRef: null,
      resolutionCode: "Done",
      emergency: true,
      addsFunctionality: false,
      notes: "Root cause: Expired cert, renewed",
      notDoneResolution: null,
      rows: [2],
    });
  });

  it("maps a Story to a change that adds functionality (ISO-like dates)", () => {
    expect(items.get("OPS-2")).toMatchObject({
      kind: "change",
      addsFunctionality: true,
      priority: "P3",
      resolved: true,
      outcome: "resolved",
      startedAt: "2024-03-11T10:00:00",
      resolvedAt: "2024-03-15T16:00:00",
      afterHours: false,
      rows: [4],
    });
  });

  it("marks a Won't Do ticket as not done, with no outcome (the plan skips it)", () => {
    expect(items.get("OPS-3")).toMatchObject({
      kind: "incident",
      resolved: true,
      outcome: null,
      resolutionCode: "Won't Do",
      notDoneResolution: "Won't Do",
      priority: "P4",
    });
    expect(items.get("OPS-1")!.notDoneResolution).toBeNull();
  });

  it("reads the done resolutions from the organisation's list, in any case", () => {
    const csv = [
      "Issue key,Summary,Issue Type,Created,Resolved,Resolution,Assignee",
      "OPS-20,Dup,Incident,2024-03-12 10:00,2024-03-12 11:00,Duplicate,alice",
      "OPS-21,Declined,Incident,2024-03-12 10:00,2024-03-12 11:00,Declined,alice",
      "OPS-22,Cannot,Incident,2024-03-12 10:00,2024-03-12 11:00,Cannot Reproduce,alice",
      "OPS-23,Done,Incident,2024-03-12 10:00,2024-03-12 11:00,done,alice",
      "OPS-24,Custom,Incident,2024-03-12 10:00,2024-03-12 11:00,Fixed in prod,alice",
      "",
    ].join("\n");
    const notDone = (o: { jiraDoneResolutions?: string[] }) =>
      parseImport(csv, { ...opts, ...o }).items.map((i) => [i.externalRef, i.notDoneResolution]);
    expect(notDone({})).toEqual([
      ["OPS-20", "Duplicate"],
      ["OPS-21", "Declined"],
      ["OPS-22", "Cannot Reproduce"],
      ["OPS-23", null],
      ["OPS-24", "Fixed in prod"],
    ]);
    // an admin who adds their own resolution (and, say, counts duplicates) changes what is done
    expect(notDone({ jiraDoneResolutions: ["Done", " fixed IN prod ", "Duplicate"] })).toEqual([
      ["OPS-20", null],
      ["OPS-21", "Declined"],
      ["OPS-22", "Cannot Reproduce"],
      ["OPS-23", null],
      ["OPS-24", null],
    ]);
  });

  it("keeps an unresolved change without handles; ISO with an offset is that instant, in UTC", () => {
    expect(items.get("OPS-5")).toMatchObject({
      kind: "change",
      resolved: false,
      outcome: null,
      handles: [],
      priority: "P2",
      startedAt: "2024-03-16T07:00:00", // 08:00+0100
      resolvedAt: null,
    });
  });

  it("reports the bad date, the missing key and the short row by line number", () => {
    expect(result.rowErrors).toEqual([
      { row: 6, ref: "OPS-4", message: expect.stringContaining('Created: cannot read the date "not a date"') },
      { row: 7, ref: null, message: "Missing Issue key" },
      { row: 9, ref: "OPS-6", message: expect.stringContaining("3 columns; the header has 17") },
    ]);
  });

  it("maps priorities, issue types and resolutions", () => {
    expect(
      ["Highest", "Blocker", "High", "Critical", "Medium", "Low", "Lowest", "Minor", "Trivial", "P5", "Unknown"].map(
        jiraPriority,
      ),
    ).toEqual(["P1", "P1", "P2", "P2", "P3", "P4", "P4", "P4", "P4", "P4", null]);
    expect(jiraKind("Problem")).toEqual({ kind: "problem", addsFunctionality: false, emergency: false });
    expect(jiraKind("Change request").kind).toBe("change");
    expect(jiraKind("Emergency Change")).toEqual({ kind: "change", addsFunctionality: false, emergency: true });
    expect(jiraKind("Bug").kind).toBe("incident");
    expect(jiraKind("Task")).toEqual({ kind: "request", addsFunctionality: false, emergency: false });
    expect(jiraKind("Sub-task").kind).toBe("request");
    expect(jiraKind("Service Request").kind).toBe("request");
    expect(jiraKind("Service request with approvals").kind).toBe("request");
    // a post-incident review is root-cause work, although its name says "incident"
    expect(jiraKind("Post-incident review")).toEqual({ kind: "problem", addsFunctionality: false, emergency: false });
    expect(jiraKind("Postmortem").kind).toBe("problem");
    expect(jiraKind("PIR").kind).toBe("problem");
    expect(jiraKind("Incident").kind).toBe("incident");
    expect(jiraKind("Spike").kind).toBe("change");
    expect(jiraKind("Improvement").addsFunctionality).toBe(true);
    expect(jiraKind("New Feature").addsFunctionality).toBe(true);
    expect(["Done", "Fixed", "Workaround", "Known Error", "Escalated to vendor"].map(jiraOutcome)).toEqual([
      "resolved",
      "resolved",
      "workaround",
      "workaround",
      "escalated",
    ]);
  });

  it("takes an after-hours label even when the times are inside business hours", () => {
    const csv =
      "Issue key,Summary,Issue Type,Created,Resolved,Resolution,Labels,Labels\nOPS-9,Patch,Task,2024-03-12 10:00,2024-03-12 11:00,Done,after-hours,\n";
    expect(parseImport(csv, opts).items[0]).toMatchObject({ afterHours: true, afterHoursMinutes: 0, emergency: false });
  });
});
