// An export's times become instants (issue 13, point 1): a value's own UTC offset is honoured; one without
// is a wall-clock time in the file's zone (the uploader's choice), across the daylight-saving changes.
import { describe, expect, it } from "vitest";
import { DEFAULT_BUSINESS_HOURS } from "../../../app/domain/defaults";
import { DateReader } from "../../../app/domain/import/dates";
import { parseImport } from "../../../app/domain/import/index";
import { localToInstant } from "../../../app/domain/zoned-time";

const opts = { businessHours: DEFAULT_BUSINESS_HOURS };
const PD = "id,incident_number,title,status,urgency,priority,service_name,created_at,resolved_at,resolved_by,assigned_to";
const pd = (rows: [number, string, string][]) =>
  [PD, ...rows.map(([n, c, r]) => `P${n},${n},Disk full,resolved,high,P2,db,${c},${r},Ann Lee,Ann Lee`), ""].join("\n");
const times = (csv: string, timeZone?: string) =>
  parseImport(csv, { ...opts, timeZone }).items.map((i) => [i.startedAt, i.resolvedAt]);

describe("times with an offset", () => {
  it("are the instant they name: a +02:00 re-export of a Z export reads the same", () => {
    const z = pd([
      [1, "2024-03-12T08:05:00Z", "2024-03-12T09:40:00Z"],
      [2, "2024-07-01T22:30:00Z", "2024-07-02T00:10:00Z"],
    ]);
    const plus2 = pd([
      [1, "2024-03-12T10:05:00+02:00", "2024-03-12T11:40:00+02:00"],
      [2, "2024-07-02T00:30:00+02:00", "2024-07-02T02:10:00+02:00"],
    ]);
    expect(times(plus2)).toEqual(times(z));
    expect(parseImport(plus2, opts).items).toEqual(parseImport(z, opts).items);
    // …whatever zone the uploader names for times without one
    expect(times(plus2, "America/New_York")).toEqual(times(z));
    expect(times(z)).toEqual([
      ["2024-03-12T08:05:00", "2024-03-12T09:40:00"],
      ["2024-07-01T22:30:00", "2024-07-02T00:10:00"],
    ]);
    expect(parseImport(plus2, opts).times).toEqual({ zone: "UTC", withOffset: 4, local: 0 });
  });

  it("reads the other offset spellings", () => {
    const r = new DateReader([], "");
    expect(["2024-03-12T10:05:00-0530", "2024-03-12 10:05+05", "2024-03-12T10:05:00.000z"].map((v) => r.read(v))).toEqual([
      "2024-03-12T15:35:00",
      "2024-03-12T05:05:00",
      "2024-03-12T10:05:00",
    ]);
  });
});

describe("times without an offset, in the file's zone", () => {
  const local = (zone: string, ...values: string[]) => {
    const r = new DateReader(["yyyy-MM-dd HH:mm"], "", "dmy", zone);
    return values.map((v) => r.read(v));
  };

  it("Europe/London: GMT in winter, BST in summer; the spring gap moves forward, the autumn repeat takes the earlier", () => {
    expect(local("Europe/London", "2024-01-15 10:00", "2024-07-01 10:00")).toEqual([
      "2024-01-15T10:00:00",
      "2024-07-01T09:00:00",
    ]);
    // 31 March 2024: 01:00 → 02:00, so 01:30 does not exist and is read as 02:30 BST (01:30 UTC)
    expect(local("Europe/London", "2024-03-31 00:59", "2024-03-31 01:30", "2024-03-31 02:00")).toEqual([
      "2024-03-31T00:59:00",
      "2024-03-31T01:30:00",
      "2024-03-31T01:00:00",
    ]);
    // 27 October 2024: 02:00 → 01:00, so 01:30 happens twice: the first (BST, 00:30 UTC)
    expect(local("Europe/London", "2024-10-27 00:30", "2024-10-27 01:30", "2024-10-27 02:00")).toEqual([
      "2024-10-26T23:30:00",
      "2024-10-27T00:30:00",
      "2024-10-27T02:00:00",
    ]);
  });

  it("America/New_York: the changes at 02:00 local in March and November", () => {
    expect(local("America/New_York", "2024-03-10 01:59", "2024-03-10 02:30", "2024-03-10 03:00")).toEqual([
      "2024-03-10T06:59:00",
      "2024-03-10T07:30:00",
      "2024-03-10T07:00:00",
    ]);
    expect(local("America/New_York", "2024-11-03 00:30", "2024-11-03 01:30", "2024-11-03 02:00")).toEqual([
      "2024-11-03T04:30:00",
      "2024-11-03T05:30:00",
      "2024-11-03T07:00:00",
    ]);
  });

  it("Asia/Kolkata: +05:30 all year, no change on either date", () => {
    expect(local("Asia/Kolkata", "2024-03-31 01:30", "2024-10-27 01:30", "2024-03-10 02:30")).toEqual([
      "2024-03-30T20:00:00",
      "2024-10-26T20:00:00",
      "2024-03-09T21:00:00",
    ]);
  });

  it("a whole file: the ServiceNow log's dd-mm-yyyy times read in New York are stored five hours on", () => {
    const csv = [
      "number,incident_state,sys_mod_count,opened_at,resolved_at,resolved_by",
      "INC1,Resolved,1,15-01-2024 22:00,16-01-2024 01:30,Resolved by 1",
      "",
    ].join("\n");
    expect(times(csv, "America/New_York")).toEqual([["2024-01-16T03:00:00", "2024-01-16T06:30:00"]]);
    expect(parseImport(csv, { ...opts, timeZone: "America/New_York" }).times).toEqual({
      zone: "America/New_York",
      withOffset: 0,
      local: 2,
    });
  });

  it("the per-hour shortcut agrees with the zone arithmetic on every minute of the change days (Lord Howe: 30-minute DST)", () => {
    const days: [string, string][] = [
      ["Europe/London", "2024-03-31"],
      ["Europe/London", "2024-10-27"],
      ["America/New_York", "2024-03-10"],
      ["America/New_York", "2024-11-03"],
      ["Australia/Lord_Howe", "2024-04-07"],
      ["Australia/Lord_Howe", "2024-10-06"],
      ["Asia/Kolkata", "2024-03-31"],
    ];
    for (const [zone, day] of days) {
      const reader = new DateReader(["yyyy-MM-dd HH:mm"], "", "dmy", zone);
      for (let m = 0; m < 24 * 60; m++) {
        const local = `${day}T${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
        const expected = `${localToInstant(local, zone)!.iso.slice(0, 16)}:00`;
        expect(reader.read(local.replace("T", " ")), `${zone} ${local}`).toBe(expected);
      }
    }
  });
});
