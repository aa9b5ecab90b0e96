// Property test of the team view's stored load rows (load_months, migration 0009): after many random writes
// of every kind that changes an item — creates, imports, edits (another month, kind, priority, after-hours
// flag or minutes), status changes, deletions, an import's restore — the rows moved by differences must equal
// the groups straight from the evidence (the query the team view ran before), and so must the rebuild and the
// migration's backfill. The levels of the same random data, summed in SQL, equal the per-person scoring.
// Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
import { Migrator } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DB } from "../../app/db.server";
import type { EvidenceStatus } from "../../app/domain/types";
import { listRules } from "../../app/models/catalog.server";
import type { EvidenceInput } from "../../app/models/evidence.server";
import {
  createEvidence,
  createImported,
  deleteEvidence,
  restoreEvidence,
  setEvidenceStatus,
  updateEvidence,
} from "../../app/models/evidence-writer.server";
import { type LoadGroup, loadGroupsFromEvidenceRows, rebuildLoadMonths } from "../../app/models/load-months.server";
import { levelsOfPeople } from "../../app/models/scores.server";
import { loadGroups } from "../../app/models/team.server";
import { teamLevels } from "../../app/services/team.server";
import { migrateToLatest } from "../../db/migrate";
import { migrations } from "../../db/migrations";
import { ensureCatalog } from "../../seeds/catalog";
import { between, chance, mulberry32, pick, type Rng } from "../../seeds/random";
import { makePerson } from "../support/factories";
import { emptyDatabase } from "../support/template";

const NOW = new Date("2026-06-15T12:00:00Z");
const KINDS = ["incident", "incident", "on_call", "on_call", "change", "problem", "escalation", "mentoring"];
const STATUSES: EvidenceStatus[] = ["draft", "submitted", "verified", "verified", "returned"];
const INSTANTS = ["2025-12", "2026-01", "2026-03", "2026-05", "2026-06"].flatMap((m) =>
  ["01T00:30:00.000Z", "14T12:00:00.000Z", "28T23:30:00.000Z"].map((d) => `${m}-${d}`),
);

let db: DB;
const people: number[] = [];

function fields(r: Rng, i: number): EvidenceInput {
  const kind = pick(r, KINDS);
  const afterHours = chance(r, 0.5);
  return {
    kind,
    title: `${kind} ${i}`,
    externalRef: null,
    startedAt: null,
    resolvedAt: pick(r, INSTANTS),
    priority: ["incident", "problem", "escalation"].includes(kind) ? pick(r, ["P1", "P1", "P2", "P3"]) : null,
    impact: null,
    workRole: chance(r, 0.3) ? "lead" : "contributor",
    outcome: kind === "incident" ? "resolved" : null,
    afterHours,
    afterHoursMinutes: afterHours ? pick(r, [0, 0, 15, 90, 240]) : 0,
    durationMinutes: pick(r, [0, 30, 480, 720]),
    emergency: false,
    addsFunctionality: chance(r, 0.3),
    fixesSlowness: false,
    reassignmentCount: 0,
    reopenCount: 0,
    problemRef: null,
    changeRef: null,
    resolutionCode: null,
    notes: null,
    links: [],
  };
}

const KEYS: (keyof LoadGroup)[] = [
  "person_id",
  "month",
  "kind",
  "priority",
  "after_hours",
  "minutes_known",
  "after_hours_minutes",
  "duration_minutes",
  "items",
];
const text = (rows: LoadGroup[]) => rows.map((g) => KEYS.map((k) => String(g[k])).join("|")).sort();

async function stored(): Promise<LoadGroup[]> {
  return db.selectFrom("load_months").select(KEYS).execute();
}

async function expectInStep(step: string) {
  expect(text(await stored()), step).toEqual(text(await loadGroupsFromEvidenceRows(db)));
}

beforeAll(async () => {
  db = openDatabase(await emptyDatabase("load-months-property"));
  await migrateToLatest(db);
  await ensureCatalog(db);
  for (let p = 0; p < 3; p++) people.push((await makePerson(db)).id);
});

describe("load_months moved by differences", () => {
  it("equals the evidence's groups after every one of many random writes", { timeout: 120_000 }, async () => {
    const r = mulberry32(20261203);
    let n = 0;
    const seen = new Set<string>();
    for (let step = 0; step < 240; step++) {
      const items = await db.selectFrom("evidence").selectAll().orderBy("id").execute();
      const any = () => pick(r, items);
      const op = items.length < 12 ? "create" : pick(r, ["create", "import", "edit", "edit", "status", "delete", "restore"]);
      const rules = await listRules(db, { activeOnly: true });
      if (op === "create") {
        await createEvidence(db, pick(r, people), fields(r, n++), { status: pick(r, STATUSES), rules }, NOW);
      } else if (op === "import") {
        const rows = Array.from({ length: between(r, 1, 6) }, () => ({
          personId: pick(r, people),
          fields: fields(r, n),
          importKey: `load:${n++}`,
        }));
        await createImported(db, rows, { source: "import", batchId: null, rules }, NOW);
      } else if (op === "edit") {
        const e = any();
        const again = chance(r, 0.2);
        const f = again ? { ...fields(r, n++), resolvedAt: e.resolved_at, kind: e.kind } : fields(r, n++);
        await updateEvidence(db, e.id, f, pick(r, STATUSES), NOW);
      } else if (op === "status") {
        await setEvidenceStatus(db, any().id, pick(r, STATUSES), { verifiedBy: people[0]!, returnReason: "check" }, NOW);
      } else if (op === "delete") {
        const list = [...new Set(Array.from({ length: between(r, 1, 3) }, () => any().id))];
        await deleteEvidence(db, list.length === 1 ? list[0]! : list);
      } else {
        // an import's undo puts back an item as it was: here, another item's load fields on this one
        const e = any();
        const other = any();
        await restoreEvidence(
          db,
          {
            ...e,
            kind: other.kind,
            priority: other.priority,
            after_hours: other.after_hours,
            after_hours_minutes: other.after_hours_minutes,
            duration_minutes: other.duration_minutes,
            resolved_at: other.resolved_at,
            status: other.status,
          },
          rules,
        );
      }
      seen.add(op);
      await expectInStep(`step ${step} (${op})`);
    }
    expect([...seen].sort()).toEqual(["create", "delete", "edit", "import", "restore", "status"]);
    const rows = await stored();
    // the run reached rows of many items, on-call rows with and without minutes, and P1 rows
    expect(rows.some((g) => g.items > 2)).toBe(true);
    expect(rows.some((g) => g.kind === "on_call" && g.after_hours === 1 && g.minutes_known === 0)).toBe(true);
    expect(rows.some((g) => g.priority === "P1")).toBe(true);
    expect(rows.every((g) => g.items > 0)).toBe(true);
  });

  it("gives the team view the same load groups as the evidence for a window of months", async () => {
    const viaTable = await loadGroups(db, people, "2026-01-01", "2026-07-01");
    const direct = await loadGroupsFromEvidenceRows(db, people, "2026-01-01", "2026-07-01");
    expect(direct.length).toBeGreaterThan(0);
    expect(text(viaTable)).toEqual(text(direct));
    await expect(loadGroups(db, people, "2026-01-15", "2026-07-01")).rejects.toThrow(/whole months/);
  });

  it("is rebuilt, and backfilled by its migration, to the same rows", async () => {
    const before = text(await stored());
    await db.transaction().execute((tx) => rebuildLoadMonths(tx));
    expect(text(await stored())).toEqual(before);
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const down = await migrator.migrateTo("0008_team_load_index");
    expect(down.error).toBeUndefined();
    await migrateToLatest(db);
    expect(text(await stored())).toEqual(before);
  });

  it("leaves the levels summed in SQL equal to the per-person scoring on the same random data", async () => {
    for (const now of [NOW, new Date("2026-06-01T00:00:00Z"), new Date("2027-03-10T08:00:00Z")]) {
      const [fast, reference] = await Promise.all([teamLevels(db, people, now), levelsOfPeople(db, people, now)]);
      for (const id of people)
        expect(fast.levels.get(id), `person ${id} at ${now.toISOString()}`).toEqual(reference.levels.get(id));
    }
  });
});
