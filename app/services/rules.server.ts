// Mapping-rule changes: validate → write → re-derive every item's contributions → audit, all in
// one transaction, so scores never mix old and new rules.
import { now as clockNow } from "~/clock.server";
import { type DB, inTransaction } from "~/db.server";
import type { RuleInput } from "~/domain/mapping";
import type { MappingRule } from "~/domain/types";
import { recordAudit } from "~/models/audit.server";
import { lockAllScores } from "~/models/locks.server";
import { listKinds, listSkills } from "~/models/catalog.server";
import { countEvidence, rematerialiseAll } from "~/models/evidence.server";
import { getRule, insertRule, setRuleActive, updateRule } from "~/models/rules.server";
import type { FieldErrors } from "~/validation/form.server";
import { type RuleFormValues, parseRuleForm } from "~/validation/rules.server";

type Result = { ok: true; id: number; items: number } | { ok: false; errors: FieldErrors; values: RuleFormValues };

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

const snapshot = (r: RuleInput & { active?: boolean }) => ({ kind: r.kind, when: r.when, skill: r.skill, points: r.points, reason: r.reason, active: r.active });

export async function createRuleFromForm(db: DB, actorId: number, form: FormData, now = clockNow()): Promise<Result> {
  const parsed = parseRuleForm(form, await known(db));
  if (!parsed.ok) return parsed;
  return inTransaction(db, async (tx) => {
    await lockAllScores(tx); // one rule change at a time: each re-derives everything and appends in order
    const id = await insertRule(tx, parsed.input);
    await rematerialiseAll(tx);
    await recordAudit(tx, { actorId, action: "rule_create", entity: ENTITY, entityId: id, subjectPersonId: null, after: snapshot({ ...parsed.input, active: true }) }, now);
    return { ok: true as const, id, items: await countEvidence(tx) };
  });
}

export async function updateRuleFromForm(db: DB, actorId: number, id: number, form: FormData, now = clockNow()): Promise<Result | null> {
  const before = await getRule(db, id);
  if (!before) return null;
  const parsed = parseRuleForm(form, await known(db, before));
  if (!parsed.ok) return parsed;
  return inTransaction(db, async (tx) => {
    await lockAllScores(tx); // one rule change at a time: each re-derives everything and appends in order
    await updateRule(tx, id, parsed.input);
    await rematerialiseAll(tx);
    await recordAudit(
      tx,
      { actorId, action: "rule_update", entity: ENTITY, entityId: id, subjectPersonId: null, before: snapshot(before), after: snapshot({ ...parsed.input, active: before.active }) },
      now,
    );
    return { ok: true as const, id, items: await countEvidence(tx) };
  });
}

/** Activates or deactivates a rule; null when there is no such rule. Nothing is written when the state is already right. */
export async function setRuleActiveFromAdmin(db: DB, actorId: number, id: number, active: boolean, now = clockNow()): Promise<{ items: number; changed: boolean } | null> {
  const before = await getRule(db, id);
  if (!before) return null;
  if (before.active === active) return { items: 0, changed: false };
  return inTransaction(db, async (tx) => {
    await lockAllScores(tx); // one rule change at a time: each re-derives everything and appends in order
    await setRuleActive(tx, id, active);
    await rematerialiseAll(tx);
    await recordAudit(
      tx,
      { actorId, action: active ? "rule_activate" : "rule_deactivate", entity: ENTITY, entityId: id, subjectPersonId: null, before: { active: before.active }, after: { active } },
      now,
    );
    return { items: await countEvidence(tx), changed: true };
  });
}
