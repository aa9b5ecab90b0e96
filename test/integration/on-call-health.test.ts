// On-call health over HTTP (issue 13 points 3–4): each person's figures in their own zone and hours, the
// team's page for a manager in yet another zone, an on-call week as cover apart from work. The instants are
// placed on a Wednesday of last month, found from the clock, so the test holds on any day.
import { beforeAll, describe, expect, it } from "vitest";
import { now as clockNow } from "../../app/clock.server";
import { type TestApp, startApp } from "../support/app";
import { makeEvidence, makePerson, uid } from "../support/factories";

let app: TestApp;
const PASSWORD = `pw-${uid()}-long-enough`;

/** A Wednesday in the middle of last month (UTC), as YYYY-MM-DD. */
function lastMonthsWednesday(now: Date): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 8));
  while (d.getUTCDay() !== 3) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

async function zoned(role: "engineer" | "manager", zone: string, managerId: number | null = null) {
  const p = await makePerson(app.db, { role, managerId, password: PASSWORD });
  await app.db
    .updateTable("people")
    .set({ time_zone: zone, work_days: "12345", work_start: "09:00", work_end: "17:00" })
    .where("id", "=", p.id)
    .execute();
  return { ...p, cookie: await app.signIn(p.email, PASSWORD) };
}

/** The cells of the health table's row for a month, as text. */
function monthRow(html: string, month: string): string[] {
  const m = new RegExp(`<th scope="row"[^>]*>${month}</th>(.*?)</tr>`).exec(html);
  if (!m) throw new Error(`no row for ${month}`);
  return [...m[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((x) => x[1]!.replace(/<[^>]+>/g, ""));
}

let manager: Awaited<ReturnType<typeof zoned>>;
let newYork: Awaited<ReturnType<typeof zoned>>;
let kolkata: Awaited<ReturnType<typeof zoned>>;
const wed = lastMonthsWednesday(clockNow());
const month = wed.slice(0, 7);

beforeAll(async () => {
  app = await startApp();
  manager = await zoned("manager", "Pacific/Auckland");
  newYork = await zoned("engineer", "America/New_York", manager.id);
  kolkata = await zoned("engineer", "Asia/Kolkata", manager.id);
  // 03:30–04:30 UTC: 22:30–23:30 or 23:30–00:30 in New York (sleep hours on either offset), 09:00–10:00 in Kolkata
  for (const who of [newYork, kolkata])
    await makeEvidence(app.db, who.id, {
      startedAt: `${wed}T03:30:00.000Z`,
      resolvedAt: `${wed}T04:30:00.000Z`,
      durationMinutes: 60,
    });
  // a week on call from the Monday before, two hours said to be worked
  const monday = new Date(`${wed}T03:30:00Z`);
  monday.setUTCDate(monday.getUTCDate() - 2);
  const end = new Date(monday.getTime() + 7 * 86_400_000);
  await makeEvidence(app.db, kolkata.id, {
    kind: "on_call",
    priority: null,
    startedAt: monday.toISOString(),
    resolvedAt: end.toISOString(),
    durationMinutes: 7 * 24 * 60,
    afterHours: true,
    afterHoursMinutes: 120,
  });
});

describe("a person's own page", () => {
  it("reads the night's incident in New York's hours: two sleep-hour interruptions, one hour worked", async () => {
    const res = await app.get("/health", newYork.cookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Read in America/New_York, working Monday–Friday 09:00–17:00.");
    const [interruptions, sleep, worked, weighted, cover] = monthRow(html, month);
    expect([interruptions, sleep, worked, weighted, cover]).toEqual(["2", "2", "1", "1.5", "0"]);
    expect(html).toContain('id="health-chart"');
    expect(html).toContain("(table)");
  });

  it("reads the same instants in Kolkata as working time, and an on-call week as 168 h of cover and 2 h of work", async () => {
    const html = await (await app.get("/health", kolkata.cookie)).text();
    expect(html).toContain("Read in Asia/Kolkata");
    const [interruptions, sleep, worked, , cover] = monthRow(html, month);
    expect([interruptions, sleep, worked, cover]).toEqual(["0", "0", "2", "168"]);
  });

  it("shows a report's page to their manager, and to nobody else", async () => {
    const res = await app.get(`/health?person=${newYork.id}`, manager.cookie);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`On-call health: ${newYork.name}`);
    expect((await app.get(`/health?person=${newYork.id}`, kolkata.cookie)).status).toBe(404);
  });
});

describe("the team's page", () => {
  it("lists each person in their own zone, in months of the manager's zone, with who carries the interruptions", async () => {
    const res = await app.get(`/team/health?manager=${manager.id}`, manager.cookie);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("months are Pacific/Auckland months");
    expect(html).toContain("America/New_York");
    expect(html).toContain("Asia/Kolkata");
    expect(html.replaceAll("&#x27;", "'")).toContain(
      `Concentration: ${newYork.name} carries 100 % of the team's 2 interruptions (2).`,
    );
    // the people rows: New York's month shows 2 (2 in sleep hours), Kolkata's 0 (0)
    const rows = [...html.matchAll(/data-testid="health-person">(.*?)<\/tr>/g)].map((m) => m[1]!);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain(newYork.name);
    expect(rows[0]).toContain("2 (2)");
    expect(rows[1]).toContain(kolkata.name);
    expect(rows[1]).not.toContain("2 (2)");
  });
});
