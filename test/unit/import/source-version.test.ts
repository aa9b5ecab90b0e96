// An export older than what is stored never overwrites it (issue 13, point 5).
import { describe, expect, it } from "vitest";
import { DEFAULT_BUSINESS_HOURS } from "../../../app/domain/defaults";
import {
  type ImportItem,
  type StoredItem,
  fieldColumns,
  parseImport,
  planImport,
  toEvidenceFields,
} from "../../../app/domain/import/index";
import { olderThanStored, versionColumns } from "../../../app/domain/import/source-version";

const v = (modCount: number | null, updatedAt: string | null) => ({ modCount, updatedAt });
const columns = (modCount: number | null, updatedAt: string | null) => versionColumns(v(modCount, updatedAt));

describe("older than stored", () => {
  it("the modification count decides when both have one, whatever the update times say", () => {
    expect(olderThanStored(v(3, "2024-03-20T10:00:00"), columns(5, "2024-03-12T10:00:00"))).toBe(
      "Older than stored: this export has the ticket at modification 3, the stored item at 5",
    );
    expect(olderThanStored(v(5, "2024-03-01T10:00:00"), columns(5, "2024-03-12T10:00:00"))).toBeNull(); // the same again
    expect(olderThanStored(v(6, null), columns(5, null))).toBeNull();
  });

  it("otherwise the source's update time", () => {
    expect(olderThanStored(v(null, "2024-03-12T09:59:00"), columns(null, "2024-03-12T10:00:00"))).toBe(
      "Older than stored: this export has the ticket as updated 2024-03-12 09:59 UTC, the stored item as updated 2024-03-12 10:00 UTC",
    );
    expect(olderThanStored(v(2, "2024-03-12T09:59:00"), columns(null, "2024-03-12T10:00:00"))).not.toBeNull();
    expect(olderThanStored(v(null, "2024-03-12T10:00:00"), columns(null, "2024-03-12T10:00:00"))).toBeNull();
  });

  it("nothing to compare with is never older: items from before the version was kept, from the form or the API", () => {
    expect(olderThanStored(v(1, "2000-01-01T00:00:00"), {})).toBeNull();
    expect(olderThanStored(v(1, "2000-01-01T00:00:00"), columns(null, null))).toBeNull();
    expect(olderThanStored(undefined, columns(9, "2030-01-01T00:00:00"))).toBeNull();
    expect(olderThanStored(v(null, null), columns(9, "2030-01-01T00:00:00"))).toBeNull();
  });

  it("a ServiceNow re-export of an older state is skipped in the plan with the reason; the newer state updates", () => {
    const header = "number,incident_state,sys_mod_count,sys_updated_at,opened_at,resolved_at,reopen_count,resolved_by";
    const file = (mod: number, updated: string, reopen: number) =>
      [header, `INC7,Resolved,${mod},${updated},04-03-2024 09:00,04-03-2024 12:00,${reopen},Resolved by 1`, ""].join("\n");
    const read = (csv: string) => parseImport(csv, { businessHours: DEFAULT_BUSINESS_HOURS }).items[0]!;
    const newer = read(file(5, "06-03-2024 10:00", 1));
    expect(newer.sourceVersion).toEqual({ modCount: 5, updatedAt: "2024-03-06T10:00:00" });
    const fields = toEvidenceFields(newer)!;
    const ann = { id: 1, name: "Ann" };
    const stored: StoredItem = {
      id: 9,
      person: ann,
      editedAt: null,
      status: "verified",
      columns: { ...fieldColumns(fields), ...versionColumns(newer.sourceVersion!) },
      fields,
    };
    const plan = (item: ImportItem) =>
      planImport({
        items: [item],
        scope: "org",
        uploader: ann,
        people: new Map([["resolved by 1", ann]]),
        stored: new Map([["servicenow:INC7", stored]]),
      }).items[0]!;
    const older = plan(read(file(3, "05-03-2024 10:00", 0)));
    expect([older.action, older.skip, older.reason]).toEqual([
      "skip",
      "older",
      "Older than stored: this export has the ticket at modification 3, the stored item at 5",
    ]);
    expect(older.fields).toBeNull();
    const later = plan(read(file(6, "07-03-2024 10:00", 2)));
    expect([later.action, later.changed, later.sourceVersion]).toEqual([
      "update",
      ["reopen_count"],
      { modCount: 6, updatedAt: "2024-03-07T10:00:00" },
    ]);
  });

  it("a Jira export's Updated column is the ticket's version", () => {
    const csv = [
      "Issue key,Status,Resolution,Created,Resolved,Updated,Assignee",
      "OPS-9,Done,Done,2024-03-12 09:00,2024-03-12 11:00,2024-03-14T08:30:00+01:00,ana",
      "",
    ].join("\n");
    const [item] = parseImport(csv, { businessHours: DEFAULT_BUSINESS_HOURS }).items;
    expect(item!.sourceVersion).toEqual({ modCount: null, updatedAt: "2024-03-14T07:30:00" });
  });
});
