// The dashboard's single-level aggregate (personSkillBuckets) must give exactly the buckets of the
// reference per-item aggregate (skillBuckets), including items adjusted down to nothing or below.
import { beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DB } from "../../app/db.server";
import { DEFAULT_KINDS } from "../../app/domain/defaults";
import type { SkillBucket } from "../../app/domain/scoring";
import type { EvidenceStatus } from "../../app/domain/types";
import { listRules } from "../../app/models/catalog.server";
import { personSkillBuckets } from "../../app/models/dashboard.server";
import { createEvidence, type EvidenceInput, saveAdjustments, setEvidenceStatus } from "../../app/models/evidence.server";
import { personMatrix, skillBuckets } from "../../app/models/scores.server";
import { personProgress } from "../../app/services/progress.server";
import { migrateToLatest } from "../../db/migrate";
import { ensureCatalog } from "../../seeds/catalog";
import { between, chance, mulberry32, pick } from "../../seeds/random";

let db: DB;
const people: number[] = [];
const NOW = new Date("2026-06-15T12:00:00Z");

function input(r: () => number, resolved: Date, i: number): EvidenceInput {
  const kind = pick(r, DEFAULT_KINDS.map((k) => k.key));
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
  db = openDatabase(":memory:");
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
      const c = await db.selectFrom("contributions").select(["skill_key"]).select((eb) => eb.fn.sum<number>("points").as("pts"))
        .where("evidence_id", "=", ev).groupBy("skill_key").executeTakeFirst();
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

describe("personSkillBuckets", () => {
  it("equals skillBuckets for every person, adjusted items included", async () => {
    for (const id of people) {
      const fast = await personSkillBuckets(db, id);
      const ref = (await skillBuckets(db, [id])).get(id) ?? [];
      expect(fast.length).toBeGreaterThan(20);
      expect(sorted(fast)).toEqual(sorted(ref));
    }
  });

  it("exercises the correction: some groups hold non-positive rows", async () => {
    const rows = await db.selectFrom("contributions").select("id").where("counted", "=", 1).where("points", "<=", 0).execute();
    expect(rows.length).toBeGreaterThan(10);
  });

  it("is empty for a person without evidence", async () => {
    expect(await personSkillBuckets(db, 999_999)).toEqual([]);
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
    await db.insertInto("skills").values({ key: "mainframe", name: "Mainframe operations", sfia_codes: "", sort_order: 99 }).execute();
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
