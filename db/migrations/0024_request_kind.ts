import type { Kysely } from "kysely";

// Frozen once shipped. Issue 13, point 5: Jira's Service Request, Task and Sub-task were imported as change
// requests (and earned change points); they now map to a kind of their own, "request". An organisation whose
// catalogue is already loaded gets the kind and its two default rules here, after what it has; an empty
// database gets them from the seed's catalogue (app/domain/defaults.ts), which lists them too. An organisation
// that already made a kind with this key keeps its own.
const KIND = { key: "request", name: "Service request or task" };
const RULES = [
  { skill_key: "itil", points: 1, reason: "Service request or task fulfilled" },
  { skill_key: "communication", points: 1, reason: "Work done for the person who asked" },
];

export async function up(db: Kysely<any>): Promise<void> {
  const loaded = await db.selectFrom("skills").select("key").limit(1).executeTakeFirst();
  if (!loaded) return;
  const exists = await db.selectFrom("evidence_kinds").select("key").where("key", "=", KIND.key).executeTakeFirst();
  if (exists) return;
  const kindOrder = await db.selectFrom("evidence_kinds").select((eb) => eb.fn.max("sort_order").as("m")).executeTakeFirst();
  await db
    .insertInto("evidence_kinds")
    .values({ ...KIND, sort_order: Number(kindOrder?.m ?? 0) + 1 })
    .execute();
  const ruleOrder = await db.selectFrom("mapping_rules").select((eb) => eb.fn.max("sort_order").as("m")).executeTakeFirst();
  const skills = new Set(
    (await db.selectFrom("skills").select("key").execute()).map((s: { key: string }) => s.key),
  );
  const rules = RULES.filter((r) => skills.has(r.skill_key)).map((r, i) => ({
    kind: KIND.key,
    when_json: "{}",
    ...r,
    sort_order: Number(ruleOrder?.m ?? 0) + 1 + i,
  }));
  if (rules.length > 0) await db.insertInto("mapping_rules").values(rules).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  // evidence of this kind would lose its kind: only an unused kind goes
  const used = await db.selectFrom("evidence").select("id").where("kind", "=", KIND.key).limit(1).executeTakeFirst();
  if (used) return;
  await db.deleteFrom("mapping_rules").where("kind", "=", KIND.key).execute();
  await db.deleteFrom("evidence_kinds").where("key", "=", KIND.key).execute();
}
