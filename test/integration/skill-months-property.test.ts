// Property test of the incremental buckets (ADR 011): after many random writes of every kind — creates,
// imports, edits (to another month, another kind), status changes, adjustments (down to nothing, below,
// up), deletions of one or several items, and rule changes that re-derive everything — the stored
// skill_months rows, moved by differences, must equal a full recompute (skillBuckets) exactly, last_at and
// verified items included. Items crowd into few months and share instants so that ties on the latest
// instant and buckets emptied to nothing come up often. Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DB } from "../../app/db.server";
import type { SkillBucket } from "../../app/domain/scoring";
import type { EvidenceStatus } from "../../app/domain/types";
import { listRules } from "../../app/models/catalog.server";
import type { EvidenceInput } from "../../app/models/evidence.server";
import {
  createEvidence,
  createImported,
  deleteEvidence,
  rematerialiseAll,
  saveAdjustments,
  setEvidenceStatus,
  updateEvidence,
} from "../../app/models/evidence-writer.server";
import { skillBuckets } from "../../app/models/scores.server";
import { RECOMPUTE_ABOVE, personBuckets } from "../../app/models/skill-months.server";
import { migrateToLatest } from "../../db/migrate";
import { ensureCatalog } from "../../seeds/catalog";
import { between, chance, mulberry32, pick, type Rng } from "../../seeds/random";
import { makePerson } from "../support/factories";
import { emptyDatabase } from "../support/template";

const NOW = new Date("2026-06-15T12:00:00Z");
const KINDS = ["incident", "change", "problem", "on_call", "refactoring", "mentoring", "dr_drill", "knowledge"];
const STATUSES: EvidenceStatus[] = ["draft", "submitted", "verified", "verified", "returned"];
// Three months, a handful of instants in each: many items share their bucket's latest instant.
const INSTANTS = ["2026-03", "2026-04", "2026-05"].flatMap((m) =>
  ["01T08:00:00.000Z", "14T12:00:00.000Z", "28T23:30:00.000Z"].map((d) => `${m}-${d}`),
);

let db: DB;
const people: number[] = [];

function fields(r: Rng, i: number): EvidenceInput {
  const kind = pick(r, KINDS);
  return {
    kind,
    title: `${kind} ${i}`,
    externalRef: null,
    startedAt: null,
    resolvedAt: pick(r, INSTANTS),
    priority: kind === "incident" ? pick(r, ["P1", "P2", "P3", "P4"]) : null,
    impact: null,
    workRole: chance(r, 0.3) ? "lead" : "contributor",
    outcome: kind === "incident" ? "resolved" : null,
    afterHours: chance(r, 0.3),
    afterHoursMinutes: 0,
    durationMinutes: 30,
    emergency: kind === "change" && chance(r, 0.3),
    addsFunctionality: chance(r, 0.3),
    fixesSlowness: chance(r, 0.3),
    reassignmentCount: chance(r, 0.2) ? 1 : 0,
    reopenCount: 0,
    problemRef: null,
    changeRef: null,
    resolutionCode: null,
    notes: null,
    links: [],
  };
}

const sorted = (bs: SkillBucket[]) =>
  [...bs].sort((a, b) => (a.skill === b.skill ? a.month.localeCompare(b.month) : a.skill.localeCompare(b.skill)));

async function expectInStep(step: string) {
  const live = await skillBuckets(db, people);
  for (const id of people) expect(await personBuckets(db, id), `person ${id} after ${step}`).toEqual(sorted(live.get(id) ?? []));
}

async function itemIds(): Promise<{ id: number; person_id: number }[]> {
  return db.selectFrom("evidence").select(["id", "person_id"]).orderBy("id").execute();
}

beforeAll(async () => {
  db = openDatabase(await emptyDatabase("skill-months-property"));
  await migrateToLatest(db);
  await ensureCatalog(db);
  for (let p = 0; p < 3; p++) people.push((await makePerson(db)).id);
});

describe("skill_months moved by differences", () => {
  it("equals a full recompute after every one of many random writes", { timeout: 120_000 }, async () => {
    const r = mulberry32(20261202);
    let n = 0;
    const seen = new Set<string>();
    for (let step = 0; step < 260; step++) {
      const items = await itemIds();
      const any = () => pick(r, items);
      const op =
        items.length < 12 ? "create" : pick(r, ["create", "create", "import", "edit", "status", "adjust", "delete", "rules"]);
      const rules = await listRules(db, { activeOnly: true });
      if (op === "create") {
        await createEvidence(db, pick(r, people), fields(r, n++), { status: pick(r, STATUSES), rules }, NOW);
      } else if (op === "import") {
        const rows = Array.from({ length: between(r, 1, 6) }, () => ({
          personId: pick(r, people),
          fields: fields(r, n),
          importKey: `prop:${n++}`,
        }));
        await createImported(db, rows, { source: "import", batchId: null, rules }, NOW);
      } else if (op === "edit") {
        const e = any();
        // another month or instant, another kind, or the same fields again (a no-op for the buckets)
        const again = chance(r, 0.2);
        const row = await db
          .selectFrom("evidence")
          .select(["resolved_at", "kind"])
          .where("id", "=", e.id)
          .executeTakeFirstOrThrow();
        const f = again ? { ...fields(r, n++), resolvedAt: row.resolved_at, kind: row.kind } : fields(r, n++);
        await updateEvidence(db, e.id, f, pick(r, STATUSES), NOW);
      } else if (op === "status") {
        await setEvidenceStatus(db, any().id, pick(r, STATUSES), { verifiedBy: people[0]!, returnReason: "check" }, NOW);
      } else if (op === "adjust") {
        const e = any();
        const c = await db
          .selectFrom("contributions")
          .select(["skill_key"])
          .select((eb) => eb.fn.sum<number>("points").as("pts"))
          .where("evidence_id", "=", e.id)
          .groupBy("skill_key")
          .orderBy("skill_key")
          .execute();
        const target = c.length ? pick(r, c) : { skill_key: "continuity", pts: 0 };
        const pts = Number(target.pts);
        const points = pick(r, [-pts, -pts, -pts - 1, -1, 2, 0]);
        const adj = [{ skill: target.skill_key, points, reason: "property adjustment" }];
        if (chance(r, 0.2)) adj.push({ skill: "continuity", points: between(r, -2, 3), reason: "another skill" });
        await saveAdjustments(db, e.id, chance(r, 0.1) ? [] : adj, people[0]!, NOW);
      } else if (op === "delete") {
        const list = [...new Set(Array.from({ length: between(r, 1, 3) }, () => any().id))];
        await deleteEvidence(db, list.length === 1 ? list[0]! : list);
      } else {
        // a rule change: one rule's points move (sometimes to nothing), and every item is re-derived
        const rule = pick(r, await db.selectFrom("mapping_rules").select(["id", "points"]).where("active", "=", 1).execute());
        await db
          .updateTable("mapping_rules")
          .set({ points: Math.max(0, rule.points + pick(r, [-1, 1, 2])) })
          .where("id", "=", rule.id)
          .execute();
        await rematerialiseAll(db);
      }
      seen.add(op);
      await expectInStep(`step ${step} (${op})`);
    }
    expect([...seen].sort()).toEqual(["adjust", "create", "delete", "edit", "import", "rules", "status"]);
    // the run did reach the cases that matter: emptied buckets, non-positive units, shared latest instants
    const nonPositive = await db
      .selectFrom("contributions")
      .select(["evidence_id", "skill_key"])
      .where("counted", "=", 1)
      .groupBy(["evidence_id", "skill_key"])
      .having((eb) => eb.fn.sum("points"), "<=", 0)
      .execute();
    expect(nonPositive.length).toBeGreaterThan(0);
    const stored = await db.selectFrom("skill_months").select(["items"]).execute();
    expect(stored.some((b) => b.items > 1)).toBe(true);
  });

  it(
    "equals a full recompute after a bulk import and its undo, which recompute the touched months instead",
    { timeout: 90_000 },
    async () => {
      const rules = await listRules(db, { activeOnly: true });
      const r = mulberry32(7);
      // thirty years of months × three people × several skills: more buckets than RECOMPUTE_ABOVE
      const rows = Array.from({ length: 7200 }, (_, i) => ({
        personId: people[i % 3]!,
        fields: { ...fields(r, i), resolvedAt: new Date(Date.UTC(1996, i % 360, 1 + (i % 27), 10)).toISOString() },
        importKey: `bulk:${i}`,
      }));
      const ids = await createImported(db, rows, { source: "import", batchId: null, rules }, NOW);
      const touched = await db.selectFrom("skill_months").select("person_id").where("month", "<", "2026-01").execute();
      expect(touched.length).toBeGreaterThan(RECOMPUTE_ABOVE);
      await expectInStep("a bulk import");
      await deleteEvidence(db, ids);
      await expectInStep("the undo of a bulk import");
    },
  );
});
