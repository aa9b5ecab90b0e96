// Demo 360 feedback (issue 17, part 3): on this year's open appraisals in Sofia's team, one with feedback
// past the threshold (four asked, three answered) and one below it (three asked, one answered). Written
// through the real commands, so requests, tallies and audit entries are what the app would have written.
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import type { CurrentUser } from "../app/auth/session.server";
import { answerFeedback } from "../app/services/feedback/answer.server";
import { requestCandidates, requestFeedback } from "../app/services/feedback/request.server";
import type { Result } from "../app/utils/result";
import { DEMO_PEOPLE } from "./people";

const COMMENTS = ["Calm on the bridge.", "Writes things down for the rest of us.", "Could hand over earlier.", ""];

export async function seedFeedback(db: Kysely<Database>, ids: Map<string, number>, now: Date): Promise<number> {
  const dbx = db as never;
  const byId = new Map(DEMO_PEOPLE.map((p) => [ids.get(p.key)!, p]));
  const user = (id: number): CurrentUser => {
    const p = byId.get(id)!;
    return {
      id,
      name: p.name,
      email: p.email,
      role: p.role,
      team_id: null,
      manager_id: null,
      position_id: null,
      session_id: "seed",
    };
  };
  const sofia = ids.get("sofia")!;
  const open = await db
    .selectFrom("appraisals")
    .innerJoin("appraisal_cycles", "appraisal_cycles.id", "appraisals.cycle_id")
    .select(["appraisals.id", "appraisals.person_id"])
    .where("appraisals.manager_id", "=", sofia)
    .where("appraisals.state", "in", ["self_assessment", "manager_review"])
    .where("appraisal_cycles.review_due", ">=", now.toISOString().slice(0, 10))
    .orderBy("appraisals.id")
    .limit(2)
    .execute();
  const skills = (await db.selectFrom("skills").select("key").where("retired", "=", 0).orderBy("sort_order").execute()).map(
    (s) => s.key,
  );
  const plan = [
    { asked: 4, answered: 3 },
    { asked: 3, answered: 1 },
  ];
  let requests = 0;
  for (const [i, a] of open.entries()) {
    const { asked, answered } = plan[i]!;
    const candidates = (await requestCandidates(dbx, a.id, a.person_id)).open
      .filter((c) => byId.get(c.id)?.role === "engineer")
      .slice(0, asked);
    await must(requestFeedback(dbx, user(sofia), { appraisalId: a.id, respondentIds: candidates.map((c) => c.id) }, now));
    requests += candidates.length;
    const made = await db
      .selectFrom("feedback_requests")
      .select(["id", "respondent_id"])
      .where("appraisal_id", "=", a.id)
      .orderBy("id")
      .execute();
    for (const [k, r] of made.slice(0, answered).entries()) {
      const answers = Object.fromEntries(
        skills.map((s, j) => [s, { level: (j + k) % 3 === 2 ? null : 2 + ((j + k) % 3), comment: j === 0 ? COMMENTS[k]! : "" }]),
      );
      await must(answerFeedback(dbx, user(r.respondent_id), { requestId: r.id, decline: false, answers }, now));
    }
  }
  return requests;
}

async function must<T>(p: Promise<Result<T>>): Promise<T> {
  const res = await p;
  if (res.kind !== "ok") throw new Error(`seed: feedback step refused: ${JSON.stringify(res)}`);
  return res.value;
}
