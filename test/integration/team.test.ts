// The team view and the admin settings over HTTP, and the team service checked against the per-person
// scoring (levels) and the item-by-item load rules on the demo data.
import { beforeAll, describe, expect, it } from "vitest";
import { now as clockNow } from "../../app/clock.server";
import { type TestApp, startApp } from "../support/app";
import { type LoadItem, loadByMonth, monthsBack } from "../../app/domain/team";
import { saveAdjustments } from "../../app/models/evidence.server";
import { levelsOfPeople } from "../../app/models/scores.server";
import { teamLevels, teamView } from "../../app/services/team.server";

let app: TestApp;
const c: Record<string, string> = {};
const id: Record<string, number> = {};

beforeAll(async () => {
  app = await startApp();
  for (const [k, email] of Object.entries({
    ben: "ben.carter@example.com",
    olga: "olga.ivanova@example.com",
    daniel: "daniel.kowalski@example.com",
    sofia: "sofia.marin@example.com",
    margaret: "margaret.okafor@example.com",
    admin: "admin@example.com",
  })) {
    c[k] = await app.signIn(email);
    id[k] = await app.personId(email);
  }
});

describe("GET /team", () => {
  it("shows a manager their reporting line: heatmap, bus factor, succession, load with a server-rendered chart", async () => {
    const res = await app.get("/team", c.daniel);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Skill levels of 6 people");
    for (const name of ["Aisha Khan", "Ben Carter", "Tom Becker", "Zoë Adams"]) expect(html).toContain(name);
    expect(html).not.toContain("Ольга Иванова");
    expect(html).toContain("Bus factor");
    expect(html).toContain("Support Team Lead");
    expect(html).toContain('id="team-load-chart"');
    expect(html).toContain("recharts-surface");
    expect(html).toContain("Team load per month (6 people) (table)");
    expect(html).toMatch(/<th scope="col">Debugging and root-cause analysis<\/th>/);
  });

  it("shows admins the whole organisation, or one manager's line", async () => {
    const org = await (await app.get("/team", c.admin)).text();
    expect(org).toContain("Team: whole organisation");
    expect(org).toContain("Ben Carter");
    expect(org).toContain("Ольга Иванова");
    const sofia = await (await app.get(`/team?manager=${id.sofia}`, c.admin)).text();
    expect(sofia).toContain("Ольга Иванова");
    expect(sofia).not.toContain("Ben Carter");
  });

  it("lets a head of department narrow to a manager below them, and nobody else", async () => {
    const res = await app.get(`/team?manager=${id.daniel}`, c.margaret);
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain("Ольга Иванова");
    expect((await app.get(`/team?manager=${id.sofia}`, c.daniel)).status).toBe(404);
    expect((await app.get(`/team?manager=${id.margaret}`, c.daniel)).status).toBe(404);
    expect((await app.get("/team?manager=abc", c.admin)).status).toBe(404);
    expect((await app.get("/team", c.ben)).status).toBe(403);
    expect((await app.get("/team", c.olga)).status).toBe(403);
  });
});

describe("team service", () => {
  it("gives every person the same levels as the per-person scoring, also with an item adjusted down to nothing", async () => {
    const people = (await app.db.selectFrom("people").select("id").where("role", "!=", "admin").execute()).map((p) => p.id);
    const now = clockNow();
    const compare = async () => {
      const [fast, reference] = await Promise.all([teamLevels(app.db, people, now), levelsOfPeople(app.db, people, now)]);
      for (const pid of people) expect(fast.levels.get(pid), `person ${pid}`).toEqual(reference.levels.get(pid));
    };
    await compare();
    // Adjust every one of Ben's incidents down to zero debugging: those items stop counting towards
    // debugging (as items and as points) in the team's levels, exactly as in his own matrix.
    const incidents = await app.db
      .selectFrom("evidence")
      .select("id")
      .where("person_id", "=", id.ben)
      .where("kind", "=", "incident")
      .where("status", "in", ["submitted", "verified"])
      .execute();
    expect(incidents.length).toBeGreaterThan(5);
    const before = (await levelsOfPeople(app.db, [id.ben], now)).levels.get(id.ben)!.debugging;
    for (const e of incidents) {
      const total = await app.db
        .selectFrom("contributions")
        .select((eb) => eb.fn.sum<number>("points").as("p"))
        .where("evidence_id", "=", e.id)
        .where("skill_key", "=", "debugging")
        .executeTakeFirstOrThrow();
      await saveAdjustments(
        app.db,
        e.id,
        [{ skill: "debugging", points: -Number(total.p ?? 0), reason: "Not really debugging" }],
        id.ben,
      );
    }
    const after = (await levelsOfPeople(app.db, [id.ben], now)).levels.get(id.ben)!.debugging;
    expect(after).toBeLessThan(before!);
    await compare();
  });

  it("computes load from grouped rows exactly as item by item", async () => {
    const now = clockNow();
    const view = await teamView(app.db, { managerId: id.sofia }, now);
    const months = monthsBack(now, 6);
    const ids = view.people.map((p) => p.id);
    const rows = await app.db
      .selectFrom("evidence")
      .select(["person_id", "kind", "priority", "after_hours", "after_hours_minutes", "duration_minutes", "resolved_at"])
      .where("person_id", "in", ids)
      .where("status", "in", ["submitted", "verified"])
      .execute();
    const items: LoadItem[] = rows.map((r) => ({
      personId: r.person_id,
      kind: r.kind,
      priority: r.priority,
      afterHours: r.after_hours === 1,
      afterHoursMinutes: r.after_hours_minutes,
      durationMinutes: r.duration_minutes,
      at: r.resolved_at,
    }));
    const expected = loadByMonth(items, months, ids);
    const round = (x: number) => Math.round(x * 10) / 10;
    expect(view.load.map((l) => ({ personId: l.personId, months: l.months }))).toEqual(
      expected.map((e) => ({
        personId: e.personId,
        months: e.months.map((m) => ({ ...m, afterHoursHours: round(m.afterHoursHours) })),
      })),
    );
    expect(expected.some((e) => e.months.some((m) => m.afterHoursHours > 0))).toBe(true);
  });
});

describe("admin settings", () => {
  const settingsRows = () => app.db.selectFrom("settings").selectAll().orderBy("key").execute();
  const valid = {
    halfLifeMonths: "18",
    verifiedWeight: "1",
    selfReportedWeight: "0.5",
    startHour: "7",
    endHour: "19",
    weekdaysOnly: "on",
    afterHoursHoursPerMonth: "0",
    p1PerMonth: "0",
    onCallShiftsPerMonth: "0",
    interruptionsPerMonth: "10",
    sleepInterruptionsPerMonth: "3",
    consecutiveNights: "2",
    minRestHours: "10.5",
    shortRestNightsPerMonth: "1",
    feedbackThreshold: "4",
    jiraDoneResolutions: "Done\r\nFixed in prod\r\n",
    timeZone: "Europe/London",
  };

  it("refuses invalid settings with a message per field, 422, nothing saved", async () => {
    const before = JSON.stringify(await settingsRows());
    const res = await app.post(
      "/admin/settings",
      {
        ...valid,
        halfLifeMonths: "0",
        selfReportedWeight: "2",
        endHour: "6",
        p1PerMonth: "1.5",
        afterHoursHoursPerMonth: "",
        feedbackThreshold: "2",
        jiraDoneResolutions: "Done\ndone",
        timeZone: "Europe/Atlantis",
        consecutiveNights: "0",
        minRestHours: "25",
      },
      c.admin,
    );
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Enter the half-life in months between 1 and 240.");
    expect(html).toContain("Self-reported evidence cannot weigh more than verified evidence.");
    expect(html).toContain("Business hours must end after they start.");
    expect(html).toContain("Enter the P1 incidents per month as a whole number.");
    expect(html).toContain("Enter the after-hours hours per month.");
    // below three answers a respondent could work out the others' ratings (ADR 021)
    expect(html).toContain("Enter the number of answers needed between 3 and 10.");
    expect(html).toContain("“done” is listed twice.");
    expect(html).toContain("Enter the interrupted nights in a row between 1 and 31.");
    expect(html).toContain("Enter the minimum rest in hours between 0 and 24.");
    expect(html).toMatch(/id="f-timeZone-error"[^>]*>Choose a time zone from the list \(such as Europe\/London\)\./);
    expect(JSON.stringify(await settingsRows())).toBe(before);
    for (const who of ["daniel", "ben"]) expect((await app.post("/admin/settings", valid, c[who])).status).toBe(403);
    expect(JSON.stringify(await settingsRows())).toBe(before);
  });

  it("saves all settings at once; the team view flags people over the new thresholds", async () => {
    const teamBefore = await (await app.get("/team", c.daniel)).text();
    const res = await app.post("/admin/settings", valid, c.admin);
    expect(res.status).toBe(302);
    const rows = Object.fromEntries((await settingsRows()).map((r) => [r.key, JSON.parse(r.value_json)]));
    expect(rows.scoring).toMatchObject({ halfLifeMonths: 18, verifiedWeight: 1, selfReportedWeight: 0.5 });
    expect(rows.scoring.thresholds.length).toBe(7);
    expect(rows.business_hours).toEqual({ startHour: 7, endHour: 19, weekdaysOnly: true });
    expect(rows.load_thresholds).toEqual({
      afterHoursHoursPerMonth: 0,
      p1PerMonth: 0,
      onCallShiftsPerMonth: 0,
      interruptionsPerMonth: 10,
      sleepInterruptionsPerMonth: 3,
      consecutiveNights: 2,
      minRestHours: 10.5,
      shortRestNightsPerMonth: 1,
    });
    expect(rows.feedback).toEqual({ threshold: 4 });
    expect(rows.import_rules).toEqual({ jiraDoneResolutions: ["Done", "Fixed in prod"] });
    expect(rows.organisation).toMatchObject({ timeZone: "Europe/London" });
    const audit = await app.db.selectFrom("audit_log").selectAll().where("entity", "=", "settings").execute();
    expect(audit).toHaveLength(1);
    const teamAfter = await (await app.get("/team", c.daniel)).text();
    expect(teamBefore).not.toContain("more than 0 after-hours hours");
    expect(teamAfter).toContain("more than 0 after-hours hours");
    expect(teamAfter).toMatch(/\d+ people are over a threshold in at least one month/);
    const form = await (await app.get("/admin/settings", c.admin)).text();
    expect(form).toMatch(/name="halfLifeMonths"[^>]*value="18"/);
    expect(form).toMatch(/name="feedbackThreshold"[^>]*value="4"/);
    expect(form).toMatch(/<textarea[^>]*name="jiraDoneResolutions"[^>]*>Done\nFixed in prod<\/textarea>/);
    expect(form).toMatch(/<option value="Europe\/London" selected="">/);
    // the import's default zone for times without an offset follows the organisation's
    expect(await (await app.get("/import", c.admin)).text()).toMatch(/<option value="Europe\/London" selected="">/);
  });
});
