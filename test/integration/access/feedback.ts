import { now as clockNow } from "../../../app/clock.server";
import { type AccessArea, exp } from "./types";

// 360 feedback (issue 17, part 3; ADR 021). Ben's open appraisal of this year's cycle has a request asked of
// Aisha. Only Aisha sees and answers it (everyone else: 404); only Ben and his manager ask colleagues (the
// admin reads the appraisal but may not ask: 403; anyone else: 404). Every POST changes nothing: asking
// Ben about himself is 422, an impossible level is 422.
export const feedback: AccessArea = {
  name: "feedback",
  prepare: async (app) => {
    const ben = await app.personId("ben.carter@example.com");
    const daniel = await app.personId("daniel.kowalski@example.com");
    const aisha = await app.personId("aisha.khan@example.com");
    const current = await app.db
      .selectFrom("appraisal_cycles")
      .select("id")
      .where("name", "like", "% annual review")
      .orderBy("period_start", "desc")
      .executeTakeFirstOrThrow();
    const ts = clockNow().toISOString();
    await app.db
      .insertInto("appraisals")
      .values({
        cycle_id: current.id,
        person_id: ben,
        manager_id: daniel,
        state: "self_assessment",
        created_at: ts,
        updated_at: ts,
      })
      .onConflict((oc) => oc.columns(["cycle_id", "person_id"]).doNothing())
      .execute();
    const appr = await app.db
      .selectFrom("appraisals")
      .select("id")
      .where("cycle_id", "=", current.id)
      .where("person_id", "=", ben)
      .executeTakeFirstOrThrow();
    await app.db
      .insertInto("feedback_requests")
      .values({
        appraisal_id: appr.id,
        respondent_id: aisha,
        requested_by: daniel,
        relation: "peer",
        status: "open",
        created_at: ts,
      })
      .onConflict((oc) => oc.columns(["appraisal_id", "respondent_id"]).doNothing())
      .execute();
    const req = await app.db
      .selectFrom("feedback_requests")
      .select("id")
      .where("appraisal_id", "=", appr.id)
      .where("respondent_id", "=", aisha)
      .executeTakeFirstOrThrow();
    return { fbBen: ben, fbAppraisal: appr.id, fbRequest: req.id };
  },
  rows: [
    { method: "GET", path: () => "/feedback", expect: exp(200, 200, 200, 200, 200, 200), note: "each actor's own requests" },
    { method: "GET", path: (c) => `/feedback/${c.fbRequest}`, expect: exp(404, 200, 404, 404, 404, 404) },
    { method: "GET", path: () => "/feedback/999999", expect: exp(404, 404, 404, 404, 404, 404) },
    {
      method: "POST",
      path: (c) => `/feedback/${c.fbRequest}`,
      form: () => ({ intent: "answer", "answers.debugging.level": "9" }),
      expect: exp(404, 422, 404, 404, 404, 404),
      note: "only the person asked answers; an impossible level → 422",
    },
    {
      method: "POST",
      path: (c) => `/appraisals/${c.fbAppraisal}`,
      form: (c) => ({ intent: "request_feedback", respondents: String(c.fbBen) }),
      expect: exp(422, 404, 404, 422, 404, 403),
      note: "the employee and their manager ask; nobody is asked about themselves",
    },
  ],
};
