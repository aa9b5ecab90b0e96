// Mapping-rule commands: (db, actor, input, now) → Result. Authorise, check the kind and skill exist,
// write the rule, re-derive every item's contributions and the stored buckets through the evidence writer
// (rematerialiseAll), audit — all in one transaction, so scores never mix old and new rules.
import { type Actor, refuseCapability } from "~/auth/authorize.server";
import { type DB, inTransaction } from "~/db.server";
import { FLAG_CONDITIONS, LIST_CONDITIONS, type RuleInput, validateRule } from "~/domain/mapping";
import { type RulePreview, previewKey, previewRuleChange } from "~/domain/rule-preview";
import type { MappingRule } from "~/domain/types";
import { recordAudit } from "~/models/audit.server";
import { lockAllScores } from "~/models/locks.server";
import { listKinds, listRules, listSkills } from "~/models/catalog.server";
import { countEvidence } from "~/models/evidence.server";
import { rematerialiseAll } from "~/models/evidence-writer.server";
import { workItemsForPreview } from "~/models/rule-preview.server";
import { getRule, insertRule, setRuleActive as setRuleActiveRow, updateRule as updateRuleRow } from "~/models/rules.server";
import { type RuleValues, toRuleInput } from "~/schemas/rule";
import { type FieldErrors, type Result, failIfAny, notFound, ok } from "~/utils/result";

const ENTITY = "mapping_rule";

/** Known skills and kinds; an existing rule may keep a skill or kind retired since it was written. */
async function known(db: DB, existing?: MappingRule | null) {
  const [skills, kinds] = await Promise.all([listSkills(db), listKinds(db)]);
  const s = skills.map((x) => x.key);
  const k = kinds.map((x) => x.key);
  if (existing && !s.includes(existing.skill)) s.push(existing.skill);
  if (existing && existing.kind !== "*" && !k.includes(existing.kind)) k.push(existing.kind);
  return { skills: s, kinds: k };
}

/** The domain's checks against the catalog, keyed by form field ("when.priority" for conditions). */
async function check(db: DB, input: RuleInput, existing?: MappingRule | null): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  for (const [key, message] of Object.entries(validateRule(input, await known(db, existing)))) {
    const field = key in LIST_CONDITIONS || (FLAG_CONDITIONS as readonly string[]).includes(key) ? `when.${key}` : key;
    errors[field] = message;
  }
  return errors;
}

const snapshot = (r: RuleInput & { active?: boolean }) => ({
  kind: r.kind,
  when: r.when,
  skill: r.skill,
  points: r.points,
  reason: r.reason,
  active: r.active,
});

type Changed = { id: number; items: number };

export async function createRule(db: DB, actor: Actor, values: RuleValues, now: Date): Promise<Result<Changed>> {
  const refused = refuseCapability(actor, "catalog:manage");
  if (refused) return refused;
  const input = toRuleInput(values);
  const failed = failIfAny(await check(db, input));
  if (failed) return failed;
  return inTransaction(db, async (tx) => {
    await lockAllScores(tx); // one rule change at a time: each re-derives everything and appends in order
    const id = await insertRule(tx, input);
    await rematerialiseAll(tx);
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "rule_create",
        entity: ENTITY,
        entityId: id,
        subjectPersonId: null,
        after: snapshot({ ...input, active: true }),
      },
      now,
    );
    return ok({ id, items: await countEvidence(tx) });
  });
}

export async function updateRule(db: DB, actor: Actor, id: number, values: RuleValues, now: Date): Promise<Result<Changed>> {
  const refused = refuseCapability(actor, "catalog:manage");
  if (refused) return refused;
  const before = await getRule(db, id);
  if (!before) return notFound("This rule no longer exists.");
  const input = toRuleInput(values);
  const failed = failIfAny(await check(db, input, before));
  if (failed) return failed;
  return inTransaction(db, async (tx) => {
    await lockAllScores(tx);
    await updateRuleRow(tx, id, input);
    await rematerialiseAll(tx);
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "rule_update",
        entity: ENTITY,
        entityId: id,
        subjectPersonId: null,
        before: snapshot(before),
        after: snapshot({ ...input, active: before.active }),
      },
      now,
    );
    return ok({ id, items: await countEvidence(tx) });
  });
}

/**
 * What saving this edit would change, computed over the stored items and written nowhere (issue 16):
 * the same checks as the save first, then the mapping engine on every item with the rule as it is and as
 * it would be. `key` names the values previewed, so that "Apply" saves only what was shown.
 */
export async function previewRuleUpdate(
  db: DB,
  actor: Actor,
  id: number,
  values: RuleValues,
): Promise<Result<{ preview: RulePreview; key: string }>> {
  const refused = refuseCapability(actor, "catalog:manage");
  if (refused) return refused;
  const before = await getRule(db, id);
  if (!before) return notFound("This rule no longer exists.");
  const input = toRuleInput(values);
  const failed = failIfAny(await check(db, input, before));
  if (failed) return failed;
  const [items, rules] = await Promise.all([workItemsForPreview(db), listRules(db)]);
  const preview = previewRuleChange(items, rules, { ...input, id, active: before.active });
  return ok({ preview, key: previewKey(input) });
}

/** The key of the values of a form, as previewRuleUpdate gives it. */
export function ruleValuesKey(values: RuleValues): string {
  return previewKey(toRuleInput(values));
}

/** Activates or deactivates a rule. Nothing is written when the state is already right (items: 0). */
export async function setRuleActive(db: DB, actor: Actor, id: number, active: boolean, now: Date): Promise<Result<Changed>> {
  const refused = refuseCapability(actor, "catalog:manage");
  if (refused) return refused;
  const before = await getRule(db, id);
  if (!before) return notFound("This rule no longer exists.");
  if (before.active === active) return ok({ id, items: 0 });
  return inTransaction(db, async (tx) => {
    await lockAllScores(tx);
    await setRuleActiveRow(tx, id, active);
    await rematerialiseAll(tx);
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: active ? "rule_activate" : "rule_deactivate",
        entity: ENTITY,
        entityId: id,
        subjectPersonId: null,
        before: { active: before.active },
        after: { active },
      },
      now,
    );
    return ok({ id, items: await countEvidence(tx) });
  });
}
