import type { DB } from "~/db.server";
import {
  DEFAULT_BUSINESS_HOURS,
  DEFAULT_JIRA_DONE_RESOLUTIONS,
  DEFAULT_LOAD_THRESHOLDS,
  DEFAULT_SCORING,
} from "~/domain/defaults";
import type { ScoringConfig } from "~/domain/scoring";
import { skillLabel } from "~/domain/skill-catalogue";
import type { EvidenceKindDef, MappingRule, PositionDef, RuleCondition, SkillDef } from "~/domain/types";

export async function listSkills(db: DB, opts: { includeRetired?: boolean } = {}): Promise<SkillDef[]> {
  const rows = await db
    .selectFrom("skills")
    .selectAll()
    .$if(!opts.includeRetired, (q) => q.where("retired", "=", 0))
    .orderBy("sort_order")
    .execute();
  return rows.map((r) => ({ key: r.key, name: r.name, sfiaCodes: r.sfia_codes, retired: !!r.retired }));
}

export async function listKinds(db: DB): Promise<EvidenceKindDef[]> {
  const rows = await db
    .selectFrom("evidence_kinds")
    .select(["key", "name"])
    .where("retired", "=", 0)
    .orderBy("sort_order")
    .execute();
  return rows;
}

export async function listRules(db: DB, opts: { activeOnly?: boolean } = {}): Promise<MappingRule[]> {
  const rows = await db
    .selectFrom("mapping_rules")
    .selectAll()
    .$if(!!opts.activeOnly, (q) => q.where("active", "=", 1))
    .orderBy("sort_order")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    when: JSON.parse(r.when_json) as RuleCondition,
    skill: r.skill_key,
    points: r.points,
    reason: r.reason,
    active: !!r.active,
  }));
}

export async function listPositionsWithRequirements(db: DB): Promise<PositionDef[]> {
  const [positions, reqs] = await Promise.all([
    db.selectFrom("positions").selectAll().where("retired", "=", 0).orderBy("rank").execute(),
    db.selectFrom("position_requirements").selectAll().execute(),
  ]);
  return positions.map((p) => ({
    id: p.id,
    key: p.key,
    name: p.name,
    rank: p.rank,
    isManagement: !!p.is_management,
    track: p.track,
    requirements: Object.fromEntries(reqs.filter((r) => r.position_id === p.id).map((r) => [r.skill_key, r.level])),
  }));
}

async function getSetting<T>(db: DB, key: string, fallback: T): Promise<T> {
  const row = await db.selectFrom("settings").select("value_json").where("key", "=", key).executeTakeFirst();
  return row ? { ...fallback, ...(JSON.parse(row.value_json) as T) } : fallback;
}

export async function putSetting(db: DB, key: string, value: unknown) {
  await db
    .insertInto("settings")
    .values({ key, value_json: JSON.stringify(value) })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value_json: JSON.stringify(value) }))
    .execute();
}

export const scoringConfig = (db: DB): Promise<ScoringConfig> => getSetting(db, "scoring", DEFAULT_SCORING);
export const loadThresholds = (db: DB) => getSetting(db, "load_thresholds", DEFAULT_LOAD_THRESHOLDS);
export const businessHours = (db: DB) => getSetting(db, "business_hours", DEFAULT_BUSINESS_HOURS);
/** How imports read their sources: the Jira resolutions that count as work done. */
export const importRules = (db: DB) =>
  getSetting<{ jiraDoneResolutions: readonly string[] }>(db, "import_rules", {
    jiraDoneResolutions: DEFAULT_JIRA_DONE_RESOLUTIONS,
  });

/**
 * Every skill's name as old data shows it (issue 17, part 1): live skills by name, retired ones labelled
 * "(retired)", so an item, an appraisal or a portfolio that names a retired skill says so.
 */
export async function skillLabels(db: DB): Promise<Record<string, string>> {
  const all = await listSkills(db, { includeRetired: true });
  return Object.fromEntries(all.map((s) => [s.key, skillLabel(s)]));
}
