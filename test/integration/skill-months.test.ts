// The stored monthly buckets (skill_months) must always be exactly what the per-item aggregate over
// contributions (skillBuckets) gives, whichever write changed the contributions: creating, editing (to
// another month), reviewing, adjusting (down to nothing or below), deleting, re-deriving after a rule
// change, importing, re-importing, an ingest plan, and undoing an import — all of them through the one
// writer, app/models/evidence-writer.server.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DB } from "../../app/db.server";
import { DEFAULT_KINDS } from "../../app/domain/defaults";
import type { SkillBucket } from "../../app/domain/scoring";
import type { EvidenceStatus } from "../../app/domain/types";
import { listRules } from "../../app/models/catalog.server";
import { type EvidenceInput, getEvidence } from "../../app/models/evidence.server";
import {
  createEvidence,
  createImported,
  deleteEvidence,
  rematerialiseAll,
  restoreEvidence,
  saveAdjustments,
  setEvidenceStatus,
  updateEvidence,
  writePlanned,
} from "../../app/models/evidence-writer.server";
import { personMatrix, skillBuckets } from "../../app/models/scores.server";
import { decayedTotals, personBuckets, rebuildSkillMonths } from "../../app/models/skill-months.server";
import { decayFactor, monthAge, monthOf } from "../../app/domain/scoring";
import { personProgress } from "../../app/services/progress.server";
import { createMigrator, migrateToLatest } from "../../db/migrate";
import { ensureCatalog } from "../../seeds/catalog";
import { between, chance, mulberry32, pick } from "../../seeds/random";
import { emptyDatabase } from "../support/template";

let db: DB;
const people: number[] = [];
const NOW = new Date("2026-06-15T12:00:00Z");

function input(r: () => number, resolved: Date, i: number): EvidenceInput {
  const kind = pick(
    r,
    DEFAULT_KINDS.map((k) => k.key),
  );
  return {
    kind,
    title: `${kind} ${i}`,
    externalRef: null,
    startedAt: null,
    resolvedAt: resolved.toISOString(),
    priority: kind === "incident" ? pick(r, ["P1", "P2", "P3", "P4"]) : null,
    impact: null,
    workRole: chance(r, 0.3) ? "lead" : "contributor",
    outcome: kind === "incident" ? "resolved" : null,
    afterHours: chance(r, 0.2),
    afterHoursMinutes: 0,
    durationMinutes: 30,
    emergency: false,
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

beforeAll(async () => {
  db = openDatabase(await emptyDatabase("skill-months"));
  await migrateToLatest(db);
  await ensureCatalog(db);
  const rules = await listRules(db, { activeOnly: true });
  const r = mulberry32(77);
  const ts = NOW.toISOString();
  for (let p = 0; p < 3; p++) {
    const { id } = await db
      .insertInto("people")
      .values({ email: `p${p}@example.com`, name: `Person ${p}`, role: "engineer", created_at: ts, updated_at: ts })
      .returning("id")
      .executeTakeFirstOrThrow();
    people.push(id);
    const items: number[] = [];
    for (let i = 0; i < 400; i++) {
      // several items share a timestamp, as imports often do
      const resolved = new Date(NOW.getTime() - between(r, 0, 900) * 86_400_000 - (i % 3) * 1000);
      const status: EvidenceStatus = pick(r, ["draft", "submitted", "verified", "verified", "returned"]);
      items.push(await createEvidence(db, id, input(r, resolved, i), { status, rules }, resolved));
    }
    // adjustments: down by a point, down to nothing, below nothing, up, and a new skill
    for (const [n, ev] of items.filter((_, i) => i % 9 === 0).entries()) {
      const c = await db
        .selectFrom("contributions")
        .select(["skill_key"])
        .select((eb) => eb.fn.sum<number>("points").as("pts"))
        .where("evidence_id", "=", ev)
        .groupBy("skill_key")
        .executeTakeFirst();
      if (!c) continue;
      const points = [-1, -Number(c.pts), -Number(c.pts) - 2, 3][n % 4]!;
      const adj = [{ skill: c.skill_key, points, reason: "test adjustment" }];
      if (n % 5 === 0) adj.push({ skill: "continuity", points: 0, reason: "zero row" });
      await saveAdjustments(db, ev, adj, id, NOW);
    }
    // a status change after the fact (verified → returned) must move points out of the counted ones
    await setEvidenceStatus(db, items[1]!, "returned", { returnReason: "check" }, NOW);
  }
});

async function expectInStep() {
  for (const id of people) {
    const stored = await personBuckets(db, id);
    const live = (await skillBuckets(db, [id])).get(id) ?? [];
    expect(stored, `person ${id}`).toEqual(sorted(live));
  }
}

async function itemsOf(personId: number) {
  return db.selectFrom("evidence").selectAll().where("person_id", "=", personId).orderBy("id").execute();
}

describe("skill_months", () => {
  it("equals skillBuckets for every person after creating, adjusting and reviewing", async () => {
    for (const id of people) expect((await personBuckets(db, id)).length).toBeGreaterThan(20);
    await expectInStep();
  });

  it("holds groups with non-positive rows (adjusted down to nothing or below), so the per-item rule is exercised", async () => {
    const rows = await db.selectFrom("contributions").select("id").where("counted", "=", 1).where("points", "<=", 0).execute();
    expect(rows.length).toBeGreaterThan(10);
  });

  it("is empty for a person without evidence", async () => {
    expect(await personBuckets(db, 999_999)).toEqual([]);
  });

  it("follows an edit that moves an item to another month, a deletion and a status change", async () => {
    const [a, b, c] = (await itemsOf(people[0]!)).filter((e) => e.status === "verified");
    const moved = { ...input(mulberry32(5), new Date("2024-02-10T09:00:00Z"), 1), kind: "incident", priority: "P1" };
    await updateEvidence(db, a!.id, moved, "submitted", NOW);
    await deleteEvidence(db, b!.id);
    await setEvidenceStatus(db, c!.id, "draft", {}, NOW);
    await expectInStep();
  });

  it("follows a rule change that re-derives every item", async () => {
    const rule = await db
      .selectFrom("mapping_rules")
      .select(["id", "points"])
      .where("active", "=", 1)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    await db
      .updateTable("mapping_rules")
      .set({ points: rule.points + 2 })
      .where("id", "=", rule.id)
      .execute();
    const before = await personBuckets(db, people[1]!);
    await rematerialiseAll(db);
    expect(await personBuckets(db, people[1]!)).not.toEqual(before);
    await expectInStep();
  });

  it("follows an import, a re-import that changes an item, and the undo of both", async () => {
    const rules = await listRules(db, { activeOnly: true });
    const r = mulberry32(9);
    const rows = Array.from({ length: 30 }, (_, i) => ({
      personId: people[i % 3]!,
      fields: {
        ...input(r, new Date(NOW.getTime() - i * 20 * 86_400_000), i),
        kind: "incident",
        priority: "P2",
        outcome: "resolved",
      },
      importKey: `servicenow:INC${1000 + i}`,
    }));
    const before = await personBuckets(db, people[0]!);
    const ids = await createImported(db, rows, { source: "import", batchId: null, rules }, NOW);
    expect(ids).toHaveLength(30);
    expect(await personBuckets(db, people[0]!)).not.toEqual(before);
    await expectInStep();

    const stored = (await getEvidence(db, ids[0]!))!;
    const changed = { ...rows[0]!.fields, resolvedAt: "2025-01-05T10:00:00.000Z", priority: "P1" };
    await updateEvidence(db, stored.id, changed, "submitted", NOW, { rules });
    await expectInStep();

    await restoreEvidence(db, stored, rules);
    await expectInStep();

    // the path the CSV import and the ingest API take: a plan of creates and updates in one call
    const planned = await writePlanned(
      db,
      {
        creates: [
          {
            personId: people[1]!,
            fields: { ...rows[1]!.fields, resolvedAt: "2023-07-01T08:00:00.000Z" },
            importKey: "api:api:PLAN-1",
          },
        ],
        updates: [
          {
            row: (await getEvidence(db, ids[2]!))!,
            fields: { ...rows[2]!.fields, resolvedAt: "2023-08-09T08:00:00.000Z", priority: "P1" },
          },
        ],
      },
      { source: "api", batchId: null, rules },
      NOW,
    );
    await expectInStep();
    await deleteEvidence(db, [...ids, ...planned]);
    await expectInStep();
    expect(await personBuckets(db, people[0]!)).toEqual(before);
  });

  it("can be rebuilt from the contributions, giving the same rows", async () => {
    const before = await Promise.all(people.map((id) => personBuckets(db, id)));
    await db.deleteFrom("skill_months").execute();
    await rebuildSkillMonths(db);
    expect(await Promise.all(people.map((id) => personBuckets(db, id)))).toEqual(before);
  });

  it("is filled from the existing contributions when its migration runs on a database that has evidence", async () => {
    const before = await Promise.all(people.map((id) => personBuckets(db, id)));
    const migrator = createMigrator(db);
    const down = await migrator.migrateTo("0005_team");
    expect(down.error).toBeUndefined();
    expect(down.results?.map((r) => r.migrationName)).toContain("0006_skill_months");
    await migrateToLatest(db);
    expect(await Promise.all(people.map((id) => personBuckets(db, id)))).toEqual(before);
    await expectInStep();
  });

  it("sums the buckets with the scoring rules' decay in SQL, leaving out months not begun", async () => {
    const rules = await listRules(db, { activeOnly: true });
    const later = new Date("2026-09-01T10:00:00Z");
    await createEvidence(
      db,
      people[2]!,
      { ...input(mulberry32(3), later, 1), kind: "incident", priority: "P1", outcome: "resolved" },
      { status: "verified", rules },
      NOW,
    );
    expect((await personBuckets(db, people[2]!)).some((b) => b.month > monthOf(NOW))).toBe(true);
    for (const halfLife of [12, 7.5, 0]) {
      const totals = await decayedTotals(db, people, NOW, halfLife);
      const expected = new Map<string, { v: number; s: number; items: number }>();
      for (const id of people) {
        for (const b of await personBuckets(db, id)) {
          if (b.month > monthOf(NOW)) continue;
          const f = decayFactor(monthAge(b.month, NOW), halfLife);
          const e = expected.get(`${id}/${b.skill}`) ?? { v: 0, s: 0, items: 0 };
          expected.set(`${id}/${b.skill}`, {
            v: e.v + b.verifiedPoints * f,
            s: e.s + b.selfPoints * f,
            items: e.items + b.items,
          });
        }
      }
      expect(totals.length).toBe(expected.size);
      for (const t of totals) {
        const e = expected.get(`${t.person_id}/${t.skill_key}`)!;
        expect(t.items).toBe(e.items);
        expect(t.verified_decayed).toBeCloseTo(e.v, 9);
        expect(t.self_decayed).toBeCloseTo(e.s, 9);
      }
    }
  });

  it("gives personProgress the same matrix and history as personMatrix", async () => {
    for (const id of people) {
      const p = (await personProgress(db, id, NOW, { withHistory: true }))!;
      const m = await personMatrix(db, id, NOW, true);
      expect(p.scores).toEqual(m.scores);
      expect(p.levels).toEqual(m.levels);
      expect(p.history).toEqual(m.history);
      expect(p.skills).toEqual(m.skills);
    }
  });
});

describe("personProgress", () => {
  it("ignores requirements on retired skills, which nobody can meet any more", async () => {
    const id = people[0]!;
    const lead = await db.selectFrom("positions").select("id").where("key", "=", "lead").executeTakeFirstOrThrow();
    const before = (await personProgress(db, id, NOW, { targetPositionId: lead.id }))!;
    await db
      .insertInto("skills")
      .values({ key: "mainframe", name: "Mainframe operations", sfia_codes: "", sort_order: 99 })
      .execute();
    await db.insertInto("position_requirements").values({ position_id: lead.id, skill_key: "mainframe", level: 5 }).execute();
    const live = (await personProgress(db, id, NOW, { targetPositionId: lead.id }))!;
    expect(live.targetReadiness!.gaps.map((g) => g.skill)).toContain("mainframe");
    await db.updateTable("skills").set({ retired: 1 }).where("key", "=", "mainframe").execute();
    const retired = (await personProgress(db, id, NOW, { targetPositionId: lead.id }))!;
    expect(retired.targetReadiness).toEqual(before.targetReadiness);
  });

  it("says per gap what score and items the required level still needs", async () => {
    const id = people[1]!;
    const head = await db.selectFrom("positions").select("id").where("key", "=", "head").executeTakeFirstOrThrow();
    const p = (await personProgress(db, id, NOW, { targetPositionId: head.id }))!;
    expect(p.targetNeeds.map((n) => n.skill)).toEqual(p.targetReadiness!.gaps.map((g) => g.skill));
    for (const n of p.targetNeeds) {
      const t = p.thresholds.find((x) => x.level === n.required)!;
      const s = p.scores.find((x) => x.skill === n.skill)!;
      expect(n).toMatchObject({ minScore: t.minScore, minItems: t.minItems, score: s.score, items: s.items });
      expect(n.itemsToGo).toBe(Math.max(0, t.minItems - s.items));
      expect(n.scoreToGo).toBeCloseTo(Math.max(0, t.minScore - s.score), 6);
      // a gap means the level is not reached, so something is still missing
      expect(n.scoreToGo > 0 || n.itemsToGo > 0).toBe(true);
    }
  });
});
