// Search is case-insensitive in every script and takes LIKE's own characters literally, on both engines.
import { beforeAll, describe, expect, it } from "vitest";
import { createEvidence, listEvidence } from "../../app/models/evidence.server";
import { listPeople } from "../../app/models/people.server";
import { containsPattern } from "../../app/models/search.server";
import { type TestApp, startApp } from "../support/app";

let app: TestApp;
let admin: string;
let ben: number;

const item = (title: string, externalRef: string | null = null) => ({
  kind: "incident",
  title,
  externalRef,
  startedAt: null,
  resolvedAt: "2024-04-10T10:00:00.000Z",
  priority: "P3",
  impact: null,
  workRole: null,
  outcome: null,
  afterHours: false,
  afterHoursMinutes: 0,
  durationMinutes: 0,
  emergency: false,
  addsFunctionality: false,
  fixesSlowness: false,
  reassignmentCount: 0,
  reopenCount: 0,
  problemRef: null,
  changeRef: null,
  resolutionCode: null,
  notes: null,
  links: [],
});

beforeAll(async () => {
  app = await startApp();
  admin = await app.signIn("admin@example.com");
  ben = await app.personId("ben.carter@example.com");
  for (const [title, ref] of [
    ["Disk 50% full on db01", "INC-S1"],
    ["Disk 500 GB added", "INC-S2"],
    ["Path C:\\temp\\logs cleaned", "INC-S3"],
    ["Path C:/temp/logs", "INC-S4"],
    ["rename a_b job", "INC-S5"],
    ["rename axb job", "INC-S6"],
    ["ÉCHEC de la sauvegarde", "INC-S7"],
  ] as const) {
    await createEvidence(app.db, ben, item(title, ref), { status: "submitted" });
  }
});

const titles = async (q: string) =>
  (await listEvidence(app.db, { personIds: [ben], q, viewerId: ben })).rows.map((i) => i.title).sort();

describe("search", () => {
  it("finds a Cyrillic name typed in lower case, as a person would", async () => {
    expect((await listPeople(app.db, { q: "ольга" })).map((p) => p.name)).toContain("Ольга Иванова");
    expect((await listPeople(app.db, { q: "ИВАНОВА" })).map((p) => p.name)).toContain("Ольга Иванова");
    const page = await (await app.get(`/admin/people?q=${encodeURIComponent("ольга")}`, admin)).text();
    expect(page).toContain("Ольга Иванова");
  });

  it("folds accented capitals too", async () => {
    expect(await titles("échec")).toEqual(["ÉCHEC de la sauvegarde"]);
  });

  it("takes %, _ and \\ literally", async () => {
    expect(await titles("50%")).toEqual(["Disk 50% full on db01"]);
    expect(await titles("a_b")).toEqual(["rename a_b job"]);
    expect(await titles("c:\\temp")).toEqual(["Path C:\\temp\\logs cleaned"]);
    expect(await titles("%")).toEqual(["Disk 50% full on db01"]);
  });

  it("escapes the pattern once", () => {
    expect(containsPattern(" 50%_\\ ")).toBe("%50\\%\\_\\\\%");
  });
});
