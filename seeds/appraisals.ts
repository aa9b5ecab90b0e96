// Demo appraisals: last year's cycle, signed off (mostly acknowledged) for everyone with a manager, and
// this year's open cycle with appraisals at different stages. Built through the real workflow service, so
// the audit log, ratings and sign-off snapshots are exactly what the app would have written.
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import type { CurrentUser } from "../app/auth/session.server";
import { OUTCOMES, type Ratings, type ReviewInput } from "../app/domain/appraisal-workflow";
import { MAX_LEVEL } from "../app/domain/defaults";
import { periodMatrix } from "../app/services/appraisals/snapshot.server";
import { startAppraisal } from "../app/services/appraisals/start.server";
import { type AppraisalCommand, applyAppraisalEvent } from "../app/services/appraisals/workflow.server";
import type { Result } from "../app/utils/result";
import { DEMO_PEOPLE } from "./people";
import { type Rng, between, chance, mulberry32, pick } from "./random";

const DAY = 86_400_000;

function asUser(p: (typeof DEMO_PEOPLE)[number], id: number, ids: Map<string, number>): CurrentUser {
  return {
    id,
    name: p.name,
    email: p.email,
    role: p.role,
    team_id: null,
    manager_id: p.manager ? ids.get(p.manager)! : null,
    position_id: null,
    session_id: "seed",
  };
}

const clamp = (n: number) => Math.max(0, Math.min(MAX_LEVEL, n));

/** Ratings around the evidence-derived levels: `bias` shifts them (a lenient or harsh rater). */
function ratingsAround(r: Rng, levels: { key: string; level: number }[], bias: number, comments: string[]): Ratings {
  const out: Ratings = {};
  for (const s of levels) {
    const jitter = chance(r, 0.3) ? pick(r, [-1, 1]) : 0;
    out[s.key] = { level: clamp(s.level + bias + jitter), comment: chance(r, 0.35) ? pick(r, comments) : "" };
  }
  return out;
}

const SELF_COMMENTS = [
  "Handled most of the P1 bridges for this system.",
  "I want to grow here: more drills and design work next year.",
  "Learnt a lot from the root-cause analyses this year.",
  "Mostly routine work; I would like more ownership.",
];
const MANAGER_COMMENTS = [
  "Clear progress; the evidence backs it up.",
  "Strong in incidents; keep writing things down for others.",
  "Agree with the self-assessment.",
  "Needs more exposure before the next level.",
];
const SUMMARIES = [
  "A busy year on call. I led several major incidents, wrote knowledge articles after each and ran my first DR drill.",
  "I focused on root causes rather than restarts, and took part in the change board every week.",
  "I joined the team this year, learnt the systems and took my share of the on-call rota.",
];

/** Demo key of the person's rater: their manager (Margaret rates Daniel, Sofia and the Service Desk). */
export async function seedAppraisals(
  db: Kysely<Database>,
  ids: Map<string, number>,
  now: Date,
): Promise<{ cycles: number; appraisals: number }> {
  const r = mulberry32(4242);
  const y = now.getUTCFullYear();
  const dbx = db as never;
  const people = DEMO_PEOPLE.filter((p) => p.role !== "admin");
  const byKey = new Map(DEMO_PEOPLE.map((p) => [p.key, p]));
  const user = (key: string) => asUser(byKey.get(key)!, ids.get(key)!, ids);
  const positions = await db.selectFrom("positions").select(["id", "key", "rank"]).orderBy("rank").execute();
  const adminId = ids.get("admin")!;
  const event = (actor: CurrentUser, appraisalId: number, command: AppraisalCommand, at: Date) =>
    applyAppraisalEvent(dbx, actor, { appraisalId, ...command }, at);
  const ts = (d: Date) => d.toISOString();

  const past = await db
    .insertInto("appraisal_cycles")
    .values({
      name: `${y - 1} annual review`,
      period_start: `${y - 1}-01-01`,
      period_end: `${y - 1}-12-31`,
      self_due: `${y}-01-20`,
      review_due: `${y}-02-15`,
      created_by: adminId,
      created_at: ts(new Date(Date.UTC(y - 1, 11, 1))),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const current = await db
    .insertInto("appraisal_cycles")
    .values({
      name: `${y} annual review`,
      period_start: `${y}-01-01`,
      period_end: `${y}-12-31`,
      self_due: `${y + 1}-01-20`,
      review_due: `${y + 1}-02-15`,
      created_by: adminId,
      created_at: ts(new Date(Date.UTC(y, 0, 5))),
    })
    .returning("id")
    .executeTakeFirstOrThrow();

  // Sofia rates a little more generously than the others: the calibration page has something to show.
  const bias: Record<string, number> = { sofia: 1 };
  let count = 0;

  // Last year's cycle: everyone with a manager, signed off in February, acknowledged by most.
  const start = new Date(Math.min(Date.UTC(y, 0, 8), now.getTime() - 45 * DAY));
  for (const p of people) {
    if (!p.manager) continue;
    const manager = user(p.manager);
    const me = user(p.key);
    const id = (await must(startAppraisal(dbx, manager, { cycleId: past.id, personId: me.id }, start))).id;
    const matrix = await periodMatrix(
      dbx,
      { person_id: me.id, period_start: `${y - 1}-01-01`, period_end: `${y - 1}-12-31` },
      { self: {}, manager: {} },
      start,
    );
    const levels = matrix.skills.map((s) => ({ key: s.key, level: s.level }));
    const selfAt = new Date(start.getTime() + between(r, 3, 10) * DAY);
    const self = { ratings: ratingsAround(r, levels, chance(r, 0.3) ? 1 : 0, SELF_COMMENTS), summary: pick(r, SUMMARIES) };
    await must(event(me, id, { event: "submit_self", self }, selfAt));
    const reviewAt = new Date(selfAt.getTime() + between(r, 5, 15) * DAY);
    const next = positions.find((pos) => pos.rank > (positions.find((x) => x.key === p.position)?.rank ?? 0));
    // The draws in the order the demo has always made them, so the demo data stays the same.
    const ratings = ratingsAround(r, levels, bias[p.manager] ?? 0, MANAGER_COMMENTS);
    const comment = pick(r, [
      "A solid year.",
      "Good growth, especially in incident handling.",
      "Steady contribution; let us agree goals for next year.",
    ]);
    const outcome = pick(r, [OUTCOMES[0].key, OUTCOMES[1].key, OUTCOMES[1].key, OUTCOMES[2].key]);
    const target = next && chance(r, 0.6) ? next.id : null;
    const readiness = pick(r, ["ready_now", "6_12_months", "not_yet"] as const);
    const review: ReviewInput = {
      ratings,
      comment,
      outcome,
      promotion: { targetPositionId: target, readiness: target === null ? null : readiness },
    };
    await must(event(manager, id, { event: "save_review", review }, reviewAt));
    await must(event(manager, id, { event: "sign_off", review, confirmed: true }, new Date(reviewAt.getTime() + DAY)));
    if (!["tom", "ravi"].includes(p.key))
      await must(event(me, id, { event: "acknowledge" }, new Date(reviewAt.getTime() + 3 * DAY)));
    count++;
  }

  // This year's cycle: Sofia's team and the Service Desk are under way; Daniel has not started his yet.
  const openedAt = new Date(Math.min(now.getTime() - 2 * DAY, Date.UTC(y, 10, 1)));
  for (const p of people) {
    if (!p.manager || p.manager === "daniel") continue;
    const manager = user(p.manager);
    const me = user(p.key);
    const started = await must(startAppraisal(dbx, manager, { cycleId: current.id, personId: me.id }, openedAt));
    count++;
    if (chance(r, 0.5)) {
      const matrix = await periodMatrix(
        dbx,
        { person_id: me.id, period_start: `${y}-01-01`, period_end: `${y}-12-31` },
        { self: {}, manager: {} },
        now,
      );
      const levels = matrix.skills.map((s) => ({ key: s.key, level: s.level }));
      const submit = chance(r, 0.6);
      const self = { ratings: ratingsAround(r, levels, 0, SELF_COMMENTS), summary: pick(r, SUMMARIES) };
      await must(
        event(me, started.id, { event: submit ? "submit_self" : "save_self", self }, new Date(openedAt.getTime() + DAY)),
      );
    }
  }
  return { cycles: 2, appraisals: count };
}

async function must<T>(p: Promise<Result<T>>): Promise<T> {
  const res = await p;
  if (res.kind !== "ok") throw new Error(`seed: appraisal step refused: ${JSON.stringify(res)}`);
  return res.value;
}
