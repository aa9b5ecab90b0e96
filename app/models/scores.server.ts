import { sql } from "kysely";
import type { DB } from "~/db.server";
import { type SkillBucket, type SkillScore, levelsOf, scoreHistory, scoreSkills } from "~/domain/scoring";
import { withCertificationBuckets } from "~/domain/certifications";
import { listSkills, scoringConfig } from "./catalog.server";
import { certificationEvidence } from "./certifications.server";

/**
 * Per person, skill and month: points (verified / self-reported) and distinct items, in one GROUP BY.
 * Items are first summed per (item, skill) so that one adjusted down to nothing does not count as an item.
 */
export async function skillBuckets(db: DB, personIds: number[], range?: { from?: string; to?: string }) {
  if (!personIds.length) return new Map<number, SkillBucket[]>();
  const perItem = db
    .selectFrom("contributions")
    .select(["person_id", "evidence_id", "skill_key", "resolved_at", "verified", (eb) => eb.fn.sum<number>("points").as("pts")])
    .where("person_id", "in", personIds)
    .where("counted", "=", 1)
    .$if(!!range?.from, (q) => q.where("resolved_at", ">=", range!.from!))
    .$if(!!range?.to, (q) => q.where("resolved_at", "<", range!.to!))
    .groupBy(["person_id", "evidence_id", "skill_key", "resolved_at", "verified"])
    .having((eb) => eb.fn.sum("points"), ">", 0)
    .as("i");
  const rows = await db
    .selectFrom(perItem)
    .select([
      "i.person_id",
      "i.skill_key",
      sql<string>`substr(i.resolved_at, 1, 7)`.as("month"),
      sql<number>`sum(case when i.verified = 1 then i.pts else 0 end)`.as("verified_points"),
      sql<number>`sum(case when i.verified = 1 then 0 else i.pts end)`.as("self_points"),
      sql<number>`count(*)`.as("items"),
      sql<number>`sum(i.verified)`.as("verified_items"),
      sql<string>`max(i.resolved_at)`.as("last_at"),
    ])
    .groupBy(["i.person_id", "i.skill_key", sql`substr(i.resolved_at, 1, 7)`])
    .execute();
  const out = new Map<number, SkillBucket[]>();
  for (const r of rows) {
    const list = out.get(r.person_id) ?? [];
    list.push({
      skill: r.skill_key,
      month: r.month,
      verifiedPoints: Number(r.verified_points),
      selfPoints: Number(r.self_points),
      items: Number(r.items),
      verifiedItems: Number(r.verified_items),
      lastAt: r.last_at,
    });
    out.set(r.person_id, list);
  }
  return out;
}

export interface Matrix {
  skills: { key: string; name: string }[];
  scores: SkillScore[];
  levels: Record<string, number>;
}

/** A person's skills matrix at `now`. */
export async function personMatrix(db: DB, personId: number, now: Date, withHistory = false) {
  const [skills, config, buckets, certified] = await Promise.all([
    listSkills(db),
    scoringConfig(db),
    skillBuckets(db, [personId]),
    certificationEvidence(db, [personId], now),
  ]);
  const keys = skills.map((s) => s.key);
  // Valid, verified certifications count as evidence at read time (ADR 020).
  const mine = withCertificationBuckets(buckets.get(personId) ?? [], certified.get(personId) ?? []);
  const scores = scoreSkills(mine, keys, config, now);
  return {
    skills: skills.map((s) => ({ key: s.key, name: s.name })),
    scores,
    levels: levelsOf(scores),
    history: withHistory ? scoreHistory(mine, keys, config, now, 24) : [],
  };
}

/** Levels of many people at once (team view, succession): one aggregate query. */
export async function levelsOfPeople(db: DB, personIds: number[], now: Date) {
  const [skills, config, buckets, certified] = await Promise.all([
    listSkills(db),
    scoringConfig(db),
    skillBuckets(db, personIds),
    certificationEvidence(db, personIds, now),
  ]);
  const keys = skills.map((s) => s.key);
  const out = new Map<number, Record<string, number>>();
  for (const id of personIds) {
    const mine = withCertificationBuckets(buckets.get(id) ?? [], certified.get(id) ?? []);
    out.set(id, levelsOf(scoreSkills(mine, keys, config, now)));
  }
  return { skills: skills.map((s) => ({ key: s.key, name: s.name })), levels: out };
}
