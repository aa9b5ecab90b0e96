import { describe, expect, it } from "vitest";
import { detectFormat } from "../../../app/domain/import/detect";
import { parseImport } from "../../../app/domain/import/index";

const split = (s: string) => s.split(",").map((h) => h.trim());

describe("detectFormat", () => {
  it("recognises the ServiceNow event log and the plain incident export", () => {
    expect(
      detectFormat(
        split(
          "number,incident_state,active,reassignment_count,reopen_count,sys_mod_count,made_sla,caller_id,opened_by,opened_at,sys_created_by,sys_created_at,sys_updated_by,sys_updated_at,contact_type,location,category,subcategory,u_symptom,cmdb_ci,impact,urgency,priority,assignment_group,assigned_to,knowledge,u_priority_confirmation,notify,problem_id,rfc,vendor,caused_by,closed_code,resolved_by,resolved_at,closed_at",
        ),
      ),
    ).toBe("servicenow");
    expect(
      detectFormat(split("number, short_description, priority, state, assigned_to, resolved_by, opened_at, resolved_at")),
    ).toBe("servicenow");
    expect(detectFormat(split("Number,Short description,Priority,State,Assigned to,Resolved by"))).toBe("servicenow");
  });

  it("recognises Jira / JSM exports, repeated Labels and custom fields included", () => {
    expect(
      detectFormat(split("Summary,Issue key,Issue id,Issue Type,Status,Priority,Labels,Labels,Custom field (Root cause)")),
    ).toBe("jira");
    expect(detectFormat(split("ISSUE KEY,SUMMARY"))).toBe("jira");
  });

  it("recognises PagerDuty incident exports in their common variants", () => {
    expect(
      detectFormat(
        split("id,incident_number,title,description,urgency,status,service_name,created_on,resolved_on,assigned_to,resolved_by"),
      ),
    ).toBe("pagerduty");
    expect(
      detectFormat(split("Incident Number,Title,Urgency,Status,Service Name,Created At,Resolved At,Assigned To,Resolved By")),
    ).toBe("pagerduty");
    expect(detectFormat(split("id,description,urgency,status,created_at"))).toBe("pagerduty");
  });

  it("returns null for an unknown header", () => {
    expect(detectFormat(split("date,amount,merchant,category"))).toBeNull();
    expect(detectFormat(split("number,total"))).toBeNull();
    expect(detectFormat([])).toBeNull();
  });

  it("parseImport reports an unknown shape as a whole-file error naming the header", () => {
    const r = parseImport("date,amount,merchant\n2024-01-01,3,Shop\n", {
      businessHours: { startHour: 8, endHour: 18, weekdaysOnly: true },
    });
    expect(r.format).toBeNull();
    expect(r.items).toEqual([]);
    expect(r.error).toBe("Unrecognised CSV: expected a ServiceNow, Jira or PagerDuty export (header: date, amount, merchant)");
  });
});
