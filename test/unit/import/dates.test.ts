import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DateReader, compileNumericFormat, parseWithDateFns } from "../../../app/domain/import/dates";

// In CI the shared folder sits beside the repository (../shared from the repository root).
const DATASET = path.resolve(process.cwd(), "../shared/datasets/servicenow-incident-event-log.csv");

describe("DateReader", () => {
  it("reads the ServiceNow, Jira and ISO shapes as wall-clock ISO strings", () => {
    const sn = new DateReader(["dd-MM-yyyy HH:mm", "d/M/yyyy H:mm"], "");
    expect(sn.read("29-02-2016 01:16")).toBe("2016-02-29T01:16:00");
    expect(sn.read("5/3/2016 9:07")).toBe("2016-03-05T09:07:00");
    expect(sn.read("2016-03-05T09:07:59.123+05:30")).toBe("2016-03-05T03:37:00"); // the offset honoured: UTC
    expect(sn.read("2016-03-05 09:07")).toBe("2016-03-05T09:07:00");
    const jira = new DateReader(["d/MMM/yy h:mm a", "d/MMM/yyyy H:mm"], "");
    expect(jira.read("12/Mar/24 9:05 AM")).toBe("2024-03-12T09:05:00");
    expect(jira.read("1/Jan/24 12:00 AM")).toBe("2024-01-01T00:00:00");
    expect(jira.read("12/Mar/24 12:30 PM")).toBe("2024-03-12T12:30:00");
    expect(jira.read("5/Mar/2024 17:45")).toBe("2024-03-05T17:45:00");
  });

  it("rejects impossible dates", () => {
    const sn = new DateReader(["dd-MM-yyyy HH:mm", "d/M/yyyy H:mm"], "");
    for (const bad of [
      "31-02-2016 10:00",
      "29-02-2015 10:00",
      "01-13-2016 10:00",
      "01-01-2016 24:00",
      "01-01-2016 10:60",
      "2016-02-30T10:00",
      "yesterday",
      "01-01-16 10:00",
    ]) {
      expect(sn.read(bad), bad).toBeNull();
    }
  });

  it("the precompiled numeric formats agree with date-fns parse on every date of the real log", () => {
    const raw = readFileSync(DATASET, "utf8");
    const values = new Set(raw.match(/\d{2}-\d{2}-\d{4} \d{2}:\d{2}/g) ?? []);
    expect(values.size).toBeGreaterThan(100);
    const reader = new DateReader(["dd-MM-yyyy HH:mm"], "");
    const slashReader = new DateReader(["d/M/yyyy H:mm"], "");
    for (const v of values) {
      const expected = parseWithDateFns(v, "dd-MM-yyyy HH:mm");
      expect(expected).not.toBeNull();
      expect(reader.read(v)).toBe(expected);
      const [d, m, rest] = v.split("-") as [string, string, string];
      const [y, time] = rest.split(" ") as [string, string];
      const slash = `${Number(d)}/${Number(m)}/${y} ${Number(time.slice(0, 2))}:${time.slice(3)}`;
      expect(slashReader.read(slash)).toBe(parseWithDateFns(slash, "d/M/yyyy H:mm"));
      expect(slashReader.read(slash)).toBe(expected);
    }
    expect(compileNumericFormat("d/MMM/yy h:mm a")).toBeNull();
    expect(compileNumericFormat("d/MMM/yyyy H:mm")).toBeNull();
    expect(compileNumericFormat("dd-MM-yyyy HH:mm")).not.toBeNull();
  });

  describe("in a time zone with a DST gap", () => {
    const saved = process.env.TZ;
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    it("keeps a wall-clock time that does not exist locally", () => {
      process.env.TZ = "Europe/London"; // 2016-03-27 01:00-02:00 does not exist there
      expect(parseWithDateFns("27/Mar/2016 1:30", "d/MMM/yyyy H:mm")).toBe("2016-03-27T01:30:00");
      expect(new DateReader(["dd-MM-yyyy HH:mm"], "").read("27-03-2016 01:30")).toBe("2016-03-27T01:30:00");
    });
  });
});
