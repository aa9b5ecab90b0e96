// A person's zone, working days and hours (issue 13, point 1), on /profile: the organisation's until they set
// their own, validated field by field, back to the organisation's on request; the import reads times without
// an offset in the uploader's zone by default.
import { beforeAll, describe, expect, it } from "vitest";
import { type TestApp, startApp } from "../support/app";
import { makePerson } from "../support/factories";

let app: TestApp;

beforeAll(async () => {
  app = await startApp();
});

/** Someone new for each test: tests run in parallel and each changes its person's values. */
async function newPerson() {
  const person = await makePerson(app.db, { password: "working-time-password" });
  return { ...person, cookie: await app.signIn(person.email, "working-time-password") };
}

const stored = (id: number) =>
  app.db
    .selectFrom("people")
    .select(["time_zone", "work_days", "work_start", "work_end"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();

const valid = {
  intent: "working-time",
  timeZone: "Asia/Kolkata",
  workDays: ["1", "2", "3", "4", "6"],
  workStart: "09:30",
  workEnd: "18:00",
};

describe("where and when a person works", () => {
  it("shows the organisation's until set, stores the person's own, and goes back on request", async () => {
    const p = await newPerson();
    const before = await (await app.get("/profile", p.cookie)).text();
    expect(before).toContain("The organisation&#x27;s working time: save to make it your own.");
    expect(before).toMatch(/<option value="UTC" selected="">/);
    expect(before).toMatch(/name="workStart"[^>]*value="08:00"/);

    const res = await app.post("/profile", valid, p.cookie);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Working time saved.");
    expect(await stored(p.id)).toEqual({ time_zone: "Asia/Kolkata", work_days: "12346", work_start: "09:30", work_end: "18:00" });
    const after = await (await app.get("/profile", p.cookie)).text();
    expect(after).toContain("Your own working time.");
    expect(after).toMatch(/<option value="Asia\/Kolkata" selected="">/);
    expect(after).toMatch(/<input type="checkbox" name="workDays" checked="" value="6"\/>/);
    expect(after).not.toMatch(/<input type="checkbox" name="workDays" checked="" value="5"\/>/);
    // the import's zone for times without an offset is now theirs
    expect(await (await app.get("/import", p.cookie)).text()).toMatch(/<option value="Asia\/Kolkata" selected="">/);

    const reset = await app.post("/profile", { intent: "working-time-reset" }, p.cookie);
    expect(reset.status).toBe(200);
    expect(await stored(p.id)).toEqual({ time_zone: null, work_days: null, work_start: null, work_end: null });
    expect(await (await app.get("/profile", p.cookie)).text()).toContain("The organisation&#x27;s working time");
  });

  it("refuses a bad zone, no working day or a day that ends before it starts, next to each field, storing nothing", async () => {
    const p = await newPerson();
    const bad = async (form: Record<string, string | string[]>, field: string, message: string) => {
      const res = await app.post("/profile", { ...valid, ...form }, p.cookie);
      expect(res.status, field).toBe(422);
      const html = await res.text();
      expect(html).toContain(`id="f-${field}-error"`);
      expect(html).toContain(message);
      expect(await stored(p.id)).toEqual({ time_zone: null, work_days: null, work_start: null, work_end: null });
    };
    await bad({ timeZone: "Moon/Tranquility" }, "timeZone", "Choose a time zone from the list (such as Europe/London).");
    await bad({ workDays: [] }, "workDays", "Choose at least one working day.");
    await bad({ workDays: ["8"] }, "workDays", "Choose days from Monday to Sunday.");
    await bad({ workStart: "9am" }, "workStart", "Enter when your working day starts as a time such as 09:00.");
    await bad({ workStart: "18:00", workEnd: "09:00" }, "workEnd", "Your working day must end after it starts");
  });
});
