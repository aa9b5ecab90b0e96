// Loads the default catalog (skills, kinds, ladder, mapping rules, settings) into an empty database.
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { inTransaction } from "../app/db.server";
import {
  DEFAULT_BUSINESS_HOURS,
  DEFAULT_KINDS,
  DEFAULT_LOAD_THRESHOLDS,
  DEFAULT_POSITIONS,
  DEFAULT_RULES,
  DEFAULT_SCORING,
  DEFAULT_SKILLS,
} from "../app/domain/defaults";

export async function ensureCatalog(db: Kysely<Database>): Promise<boolean> {
  const existing = await db.selectFrom("skills").select("key").limit(1).executeTakeFirst();
  if (existing) return false;
  await inTransaction(db, async (tx) => {
    await tx
      .insertInto("skills")
      .values(DEFAULT_SKILLS.map((s, i) => ({ key: s.key, name: s.name, sfia_codes: s.sfiaCodes, sort_order: i + 1 })))
      .execute();
    await tx
      .insertInto("evidence_kinds")
      .values(DEFAULT_KINDS.map((k, i) => ({ key: k.key, name: k.name, sort_order: i + 1 })))
      .execute();
    for (const [i, p] of DEFAULT_POSITIONS.entries()) {
      const { id } = await tx
        .insertInto("positions")
        .values({
          key: p.key,
          name: p.name,
          rank: i + 1,
          is_management: p.isManagement ? 1 : 0,
          track: p.track,
          description: p.description,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await tx
        .insertInto("position_requirements")
        .values(Object.entries(p.requirements).map(([skill_key, level]) => ({ position_id: id, skill_key, level })))
        .execute();
    }
    await tx
      .insertInto("mapping_rules")
      .values(
        DEFAULT_RULES.map((r, i) => ({
          kind: r.kind,
          when_json: JSON.stringify(r.when),
          skill_key: r.skill,
          points: r.points,
          reason: r.reason,
          sort_order: i + 1,
        })),
      )
      .execute();
    await tx
      .insertInto("settings")
      .values([
        { key: "scoring", value_json: JSON.stringify(DEFAULT_SCORING) },
        { key: "load_thresholds", value_json: JSON.stringify(DEFAULT_LOAD_THRESHOLDS) },
        { key: "business_hours", value_json: JSON.stringify(DEFAULT_BUSINESS_HOURS) },
      ])
      .execute();
  });
  return true;
}
