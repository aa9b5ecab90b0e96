// 360 feedback over HTTP (issue 17, part 3; ADR 021): asking colleagues, answering, declining, expiry (409),
// the threshold, bad input (422, nothing changed), and that nobody is identified: no response the person
// appraised or their manager can fetch names a respondent. Every test makes its own team, cycle and appraisal.
import { beforeAll, describe, expect, it } from "vitest";
import { type TestApp, startApp } from "../support/app";
import { type MadePerson, makePerson, uid } from "../support/factories";
import { now as clockNow, nowMs } from "../../app/clock.server";
import { createCycle } from "../../app/services/appraisals/cycles.server";
import { startAppraisal } from "../../app/services/appraisals/start.server";
import { settingsFormValues } from "../../app/services/settings.server";
import type { Result } from "../../app/utils/result";

let app: TestApp;
let skills: string[] = [];
const PASSWORD = "feedback-test-password";
const DAY = 86_400_000;
const day = (offsetDays: number) => new Date(nowMs() + offsetDays * DAY).toISOString().slice(0, 10);

beforeAll(async () => {
  app = await startApp();
  skills = (await app.db.selectFrom("skills").select("key").where("retired", "=", 0).orderBy("sort_order").execute()).map(
    (s) => s.key,
  );
});

function must<T>(result: Result<T>, what: string): T {
  if (result.kind !== "ok") throw new Error(`setup: ${what} failed: ${JSON.stringify(result)}`);
  return result.value;
}

const db = () => app.db as never;
const actorOf = (p: MadePerson) => ({ id: p.id, role: p.role, team_id: p.teamId });

/** A manager, the person appraised, `n` colleagues in their team and an outsider, an open appraisal. */
async function scene(n = 4, reviewDue = day(40)) {
  const team = `Feedback team ${uid()}`;
  const admin = await makePerson(app.db, { role: "admin" });
  const manager = await makePerson(app.db, { role: "manager", team, password: PASSWORD });
  const subject = await makePerson(app.db, { managerId: manager.id, team, password: PASSWORD });
  const peers: MadePerson[] = [];
  for (let i = 0; i < n; i++) peers.push(await makePerson(app.db, { managerId: manager.id, team, password: PASSWORD }));
  const outsider = await makePerson(app.db, { password: PASSWORD });
  const { id: cycleId } = must(
    await createCycle(
      db(),
      actorOf(admin) as never,
      { name: `Feedback cycle ${uid()}`, periodStart: day(-330), periodEnd: day(-1), selfDue: day(20), reviewDue },
      clockNow(),
    ),
    "createCycle",
  );
  const appraisalId = must(
    await startAppraisal(db(), actorOf(manager) as never, { cycleId, personId: subject.id }, clockNow()),
    "startAppraisal",
  ).id;
  const cookie = async (p: MadePerson) => app.signIn(p.email, PASSWORD);
  return { manager, subject, peers, outsider, appraisalId, cookie };
}

const requestIdOf = async (appraisalId: number, respondentId: number) =>
  (
    await app.db
      .selectFrom("feedback_requests")
      .select("id")
      .where("appraisal_id", "=", appraisalId)
      .where("respondent_id", "=", respondentId)
      .executeTakeFirstOrThrow()
  ).id;

function answerForm(level: number | "cant_say", comment = "") {
  const form: Record<string, string> = { intent: "answer" };
  for (const s of skills) {
    form[`answers.${s}.level`] = String(level);
    form[`answers.${s}.comment`] = comment;
  }
  return form;
}

async function feedbackRows(appraisalId: number) {
  const requests = await app.db.selectFrom("feedback_requests").selectAll().where("appraisal_id", "=", appraisalId).execute();
  const tallies = await app.db.selectFrom("feedback_tallies").selectAll().where("appraisal_id", "=", appraisalId).execute();
  return JSON.stringify({ requests, tallies });
}

describe("360 feedback", () => {
  it("the manager asks colleagues; each sees the request, answers or declines; results appear at three", async () => {
    const s = await scene(4);
    const mgr = await s.cookie(s.manager);
    const res = await app.post(
      `/appraisals/${s.appraisalId}`,
      { intent: "request_feedback", respondents: s.peers.map((p) => String(p.id)) },
      mgr,
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain(`asked=4`);

    // each colleague sees one open request
    const first = await s.cookie(s.peers[0]!);
    const list = await (await app.get("/feedback", first)).text();
    expect(list).toContain(s.subject.name);
    // nobody else can open it
    const rid = await requestIdOf(s.appraisalId, s.peers[0]!.id);
    expect((await app.get(`/feedback/${rid}`, await s.cookie(s.outsider))).status).toBe(404);
    expect((await app.get(`/feedback/${rid}`, first)).status).toBe(200);

    // two answers: below the threshold
    for (const [i, level] of [
      [0, 2],
      [1, 4],
    ] as const) {
      const p = s.peers[i]!;
      const r = await app.post(
        `/feedback/${await requestIdOf(s.appraisalId, p.id)}`,
        answerForm(level, `note ${i}`),
        await s.cookie(p),
      );
      expect(r.status).toBe(302);
    }
    let page = await (await app.get(`/appraisals/${s.appraisalId}`, mgr)).text();
    expect(page).not.toContain("Colleagues (0–5)");
    expect(page).not.toContain("note 0");

    // answering twice: 409
    const again = await app.post(`/feedback/${rid}`, answerForm(5), first);
    expect(again.status).toBe(409);

    // a decline does not count
    const declined = await app.post(
      `/feedback/${await requestIdOf(s.appraisalId, s.peers[3]!.id)}`,
      { intent: "decline" },
      await s.cookie(s.peers[3]!),
    );
    expect(declined.status).toBe(302);
    page = await (await app.get(`/appraisals/${s.appraisalId}`, mgr)).text();
    expect(page).not.toContain("Colleagues (0–5)");

    // the third answer: the aggregates appear, for the manager and the employee
    const p2 = s.peers[2]!;
    expect(
      (await app.post(`/feedback/${await requestIdOf(s.appraisalId, p2.id)}`, answerForm(3, "note 2"), await s.cookie(p2)))
        .status,
    ).toBe(302);
    const emp = await s.cookie(s.subject);
    for (const who of [mgr, emp]) {
      const html = await (await app.get(`/appraisals/${s.appraisalId}`, who)).text();
      expect(html).toContain("Colleagues (0–5)");
      expect(html).toContain("note 0");
      expect(html).toContain("note 2");
      // nobody identified: no respondent's name on the page
      for (const p of s.peers) expect(html).not.toContain(p.name);
    }
    // the lists of answered and declined requests are empty
    expect(await (await app.get("/feedback", first)).text()).not.toContain(s.subject.name);

    // the audit trail and the subject's data download name nobody
    const audit = await app.db
      .selectFrom("audit_log")
      .select(["after_json"])
      .where("subject_person_id", "=", s.subject.id)
      .execute();
    for (const row of audit) for (const p of s.peers) expect(row.after_json ?? "").not.toContain(p.name);
    const download = await app.get("/profile/data", emp);
    if (download.status === 200) {
      const text = await download.text();
      for (const p of s.peers) {
        expect(text).not.toContain(p.name);
        expect(text).not.toContain(p.email);
      }
    }
    // the respondent's own download lists what was asked of them and that they answered, not what
    const own = await (await app.get("/profile/data", first)).text();
    expect(own).toContain("feedbackRequestsAskedOfYou");
    expect(own).toMatch(/"status":\s*"answered"/);
    expect(own).not.toContain("note 0");
    // the stored answers carry no respondent
    const tallies = await app.db.selectFrom("feedback_tallies").selectAll().where("appraisal_id", "=", s.appraisalId).execute();
    expect(JSON.stringify(tallies)).not.toMatch(/respondent/);
  });

  it("bad choices are refused next to the field (422) and change nothing", async () => {
    const s = await scene(1);
    const mgr = await s.cookie(s.manager);
    const before = await feedbackRows(s.appraisalId);
    const self = await app.post(
      `/appraisals/${s.appraisalId}`,
      { intent: "request_feedback", respondents: [String(s.subject.id)] },
      mgr,
    );
    expect(self.status).toBe(422);
    expect(await self.text()).toContain("cannot give feedback on themselves");
    const none = await app.post(`/appraisals/${s.appraisalId}`, { intent: "request_feedback" }, mgr);
    expect(none.status).toBe(422);
    const junk = await app.post(`/appraisals/${s.appraisalId}`, { intent: "request_feedback", respondents: ["x"] }, mgr);
    expect(junk.status).toBe(422);
    expect(await feedbackRows(s.appraisalId)).toBe(before);

    // a colleague may not ask; the outsider does not see the appraisal at all
    const peer = await s.cookie(s.peers[0]!);
    expect(
      (await app.post(`/appraisals/${s.appraisalId}`, { intent: "request_feedback", respondents: [String(s.outsider.id)] }, peer))
        .status,
    ).toBe(404);

    // an answer without a level for every skill: 422, nothing changed
    expect(
      (await app.post(`/appraisals/${s.appraisalId}`, { intent: "request_feedback", respondents: [String(s.peers[0]!.id)] }, mgr))
        .status,
    ).toBe(302);
    const rid = await requestIdOf(s.appraisalId, s.peers[0]!.id);
    const mid = await feedbackRows(s.appraisalId);
    const bad = answerForm(3);
    bad[`answers.${skills[0]}.level`] = "9";
    const res = await app.post(`/feedback/${rid}`, bad, peer);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Choose a level from 0 to 5");
    expect(await feedbackRows(s.appraisalId)).toBe(mid);
  });

  it("requests expire after the review due date: 409, gone from the list", async () => {
    const s = await scene(1);
    const mgr = await s.cookie(s.manager);
    expect(
      (await app.post(`/appraisals/${s.appraisalId}`, { intent: "request_feedback", respondents: [String(s.peers[0]!.id)] }, mgr))
        .status,
    ).toBe(302);
    const rid = await requestIdOf(s.appraisalId, s.peers[0]!.id);
    // the cycle's review falls due in the past
    const { cycle_id } = await app.db
      .selectFrom("appraisals")
      .select("cycle_id")
      .where("id", "=", s.appraisalId)
      .executeTakeFirstOrThrow();
    await app.db
      .updateTable("appraisal_cycles")
      .set({ review_due: day(-2) })
      .where("id", "=", cycle_id)
      .execute();
    const peer = await s.cookie(s.peers[0]!);
    const before = await feedbackRows(s.appraisalId);
    const res = await app.post(`/feedback/${rid}`, answerForm(3), peer);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("expired");
    expect(await feedbackRows(s.appraisalId)).toBe(before);
    expect(await (await app.get("/feedback", peer)).text()).not.toContain(s.subject.name);
    // and no more can be asked
    const ask = await app.post(
      `/appraisals/${s.appraisalId}`,
      { intent: "request_feedback", respondents: [String(s.outsider.id)] },
      mgr,
    );
    expect(ask.status).toBe(409);
  });

  it("an admin's higher threshold (settings) keeps three answers hidden until a fourth", async () => {
    const s = await scene(4);
    const mgr = await s.cookie(s.manager);
    const ask = { intent: "request_feedback", respondents: s.peers.map((p) => String(p.id)) };
    expect((await app.post(`/appraisals/${s.appraisalId}`, ask, mgr)).status).toBe(302);
    const admin = await makePerson(app.db, { role: "admin", password: PASSWORD });
    const adminCookie = await app.signIn(admin.email, PASSWORD);
    // the settings form posts every setting: the others as they stand
    const settings = async (threshold: string) =>
      app.post(
        "/admin/settings",
        { ...(await settingsFormValues(db())), feedbackThreshold: threshold } as Record<string, string>,
        adminCookie,
      );
    try {
      expect((await settings("4")).status).toBe(302);
      for (const [i, p] of s.peers.slice(0, 3).entries())
        expect(
          (await app.post(`/feedback/${await requestIdOf(s.appraisalId, p.id)}`, answerForm(3, `t${i}`), await s.cookie(p)))
            .status,
        ).toBe(302);
      let page = await (await app.get(`/appraisals/${s.appraisalId}`, mgr)).text();
      expect(page).not.toContain("Colleagues (0–5)");
      const last = s.peers[3]!;
      expect(
        (await app.post(`/feedback/${await requestIdOf(s.appraisalId, last.id)}`, answerForm(3), await s.cookie(last))).status,
      ).toBe(302);
      page = await (await app.get(`/appraisals/${s.appraisalId}`, mgr)).text();
      expect(page).toContain("Colleagues (0–5)");
    } finally {
      expect((await settings("3")).status).toBe(302);
    }
  });
});
