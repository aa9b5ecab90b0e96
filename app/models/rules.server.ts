// Writes to the mapping-rule table (reads are listRules in catalog.server.ts).
import type { DB } from "~/db.server";
import type { RuleInput } from "~/domain/mapping";
import type { MappingRule, RuleCondition } from "~/domain/types";

export async function getRule(db: DB, id: number): Promise<MappingRule | null> {
  const r = await db.selectFrom("mapping_rules").selectAll().where("id", "=", id).executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    kind: r.kind,
    when: JSON.parse(r.when_json) as RuleCondition,
    skill: r.skill_key,
    points: r.points,
    reason: r.reason,
    active: !!r.active,
  };
}

export async function insertRule(db: DB, input: RuleInput): Promise<number> {
  const max = await db
    .selectFrom("mapping_rules")
    .select((eb) => eb.fn.max<number>("sort_order").as("m"))
    .executeTakeFirst();
  const { id } = await db
    .insertInto("mapping_rules")
    .values({
      kind: input.kind,
      when_json: JSON.stringify(input.when),
      skill_key: input.skill,
      points: input.points,
      reason: input.reason,
      active: 1,
      sort_order: Number(max?.m ?? 0) + 1,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateRule(db: DB, id: number, input: RuleInput) {
  await db
    .updateTable("mapping_rules")
    .set({
      kind: input.kind,
      when_json: JSON.stringify(input.when),
      skill_key: input.skill,
      points: input.points,
      reason: input.reason,
    })
    .where("id", "=", id)
    .execute();
}

export async function setRuleActive(db: DB, id: number, active: boolean) {
  await db
    .updateTable("mapping_rules")
    .set({ active: active ? 1 : 0 })
    .where("id", "=", id)
    .execute();
}

/** How many stored contributions each rule produced (shown on the rules page). */
export async function ruleUsage(db: DB): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom("contributions")
    .select(["rule_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("rule_id", "is not", null)
    .groupBy("rule_id")
    .execute();
  return new Map(rows.map((r) => [r.rule_id as number, Number(r.n)]));
}
