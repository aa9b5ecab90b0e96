// The shared admin and account schemas as conform reads a form: empty fields are missing, numbers and
// checkboxes are coerced, `req.<skill>` is one nested field per skill; and passwords never come back.
import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { NAME_MAX, PASSWORD_MIN } from "../../app/domain/limits";
import { tokenRevokeSchema } from "../../app/schemas/api-token";
import { moveSchema, positionSchema } from "../../app/schemas/ladder";
import { PASSWORD_FIELDS, loginSchema, passwordChangeSchema, setPasswordSchema } from "../../app/schemas/password";
import { newPersonSchema, personSchema } from "../../app/schemas/person";
import { settingsSchema } from "../../app/schemas/settings";

function form(entries: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(entries)) fd.append(k, v);
  return fd;
}

const errorsOf = (s: { status?: string; error?: Record<string, string[] | null> | null }) =>
  Object.fromEntries(Object.entries(s.error ?? {}).map(([k, v]) => [k, v?.[0]]));

describe("person schema", () => {
  it("reads ids as numbers (empty as none) and handles one per line or comma, lower-casing the email", () => {
    const s = parseWithZod(
      form({
        name: " Ada ",
        email: " Ada@Example.COM",
        role: "manager",
        managerId: "",
        teamId: "3",
        handles: "ada1\n Resolved by 7 , \n",
      }),
      { schema: personSchema },
    );
    expect(s.status).toBe("success");
    expect(s.status === "success" && s.value).toEqual({
      name: "Ada",
      email: "ada@example.com",
      role: "manager",
      managerId: null,
      teamId: 3,
      positionId: null,
      handles: ["ada1", "Resolved by 7"],
    });
  });

  it("says what is wrong next to each field", () => {
    const s = parseWithZod(form({ name: "x".repeat(NAME_MAX + 1), email: "not-an-email", role: "boss", managerId: "abc" }), {
      schema: personSchema,
    });
    expect(errorsOf(s)).toEqual({
      name: `Use at most ${NAME_MAX} characters.`,
      email: "Enter a valid email address.",
      role: "Choose a role.",
      managerId: "Choose a manager from the list.",
    });
  });

  it("a new person's first password is optional but, when given, long enough; it is never sent back", () => {
    const none = parseWithZod(form({ name: "A", email: "a@example.com", role: "engineer", password: "" }), {
      schema: newPersonSchema,
    });
    expect(none.status === "success" && none.value.password).toBeUndefined();
    const short = parseWithZod(form({ name: "A", email: "a@example.com", role: "engineer", password: "short" }), {
      schema: newPersonSchema,
    });
    expect(errorsOf(short).password).toContain(`at least ${PASSWORD_MIN} characters`);
    expect(JSON.stringify(short.reply({ hideFields: PASSWORD_FIELDS }))).not.toContain("short");
  });
});

describe("ladder schemas", () => {
  const keys = ["debugging", "crisis"];
  it("reads one level per skill under req, and the checkboxes as booleans", () => {
    const s = parseWithZod(form({ name: "Lead", rank: "4", isManagement: "on", "req.debugging": "3", "req.crisis": "0" }), {
      schema: positionSchema(keys),
    });
    expect(s.status === "success" && s.value).toEqual({
      name: "Lead",
      rank: 4,
      isManagement: true,
      retired: false,
      req: { debugging: 3, crisis: 0 },
    });
  });

  it("refuses a missing, fractional, out-of-range or non-numeric level at its own field", () => {
    const s = parseWithZod(form({ name: "", rank: "first", "req.debugging": "2.5", "req.crisis": "9" }), {
      schema: positionSchema([...keys, "itil", "design"]),
    });
    expect(errorsOf(s)).toEqual({
      name: "Enter a name.",
      rank: "Enter a whole number (1 is the first rung).",
      "req.debugging": "Enter a whole level from 0 to 7.",
      "req.crisis": "Enter a level from 0 to 7.",
      "req.itil": "Enter a level from 0 to 7.",
      "req.design": "Enter a level from 0 to 7.",
    });
  });

  it("a move needs a position and a direction", () => {
    expect(parseWithZod(form({ id: "abc", direction: "sideways" }), { schema: moveSchema }).status).toBe("error");
    expect(parseWithZod(form({ id: "3", direction: "up" }), { schema: moveSchema }).status).toBe("success");
  });
});

describe("settings, token and password schemas", () => {
  it("settings: numbers in range, end after start, self-reported at most verified", () => {
    const s = parseWithZod(
      form({
        halfLifeMonths: "0",
        verifiedWeight: "1",
        selfReportedWeight: "2",
        startHour: "9",
        endHour: "8",
        afterHoursHoursPerMonth: "x",
        p1PerMonth: "1.5",
        onCallShiftsPerMonth: "",
        feedbackThreshold: "2",
        timeZone: "Europe/Londres",
      }),
      { schema: settingsSchema },
    );
    expect(errorsOf(s)).toEqual({
      halfLifeMonths: "Enter the half-life in months between 1 and 240.",
      afterHoursHoursPerMonth: "Enter the after-hours hours per month as a number.",
      p1PerMonth: "Enter the P1 incidents per month as a whole number.",
      onCallShiftsPerMonth: "Enter the on-call shifts per month.",
      feedbackThreshold: "Enter the number of answers needed between 3 and 10.",
      // the cross-field rules speak even while other fields are wrong
      selfReportedWeight: "Self-reported evidence cannot weigh more than verified evidence.",
      endHour: "Business hours must end after they start.",
      jiraDoneResolutions: "Enter at least one Jira resolution that counts as done.",
      timeZone: "Choose a time zone from the list (such as Europe/London).",
    });
  });

  it("settings: the Jira done resolutions are one per line, blank lines dropped, none twice", () => {
    const valid = {
      halfLifeMonths: "12",
      verifiedWeight: "1",
      selfReportedWeight: "0.5",
      startHour: "8",
      endHour: "18",
      afterHoursHoursPerMonth: "20",
      p1PerMonth: "4",
      onCallShiftsPerMonth: "8",
      feedbackThreshold: "3",
      timeZone: "Asia/Kolkata",
    };
    const ok = parseWithZod(form({ ...valid, jiraDoneResolutions: " Done \r\n\r\nFixed in prod\n" }), { schema: settingsSchema });
    expect(ok.status === "success" && ok.value.jiraDoneResolutions).toEqual(["Done", "Fixed in prod"]);
    const twice = parseWithZod(form({ ...valid, jiraDoneResolutions: "Done\ndone" }), { schema: settingsSchema });
    expect(errorsOf(twice)).toEqual({ jiraDoneResolutions: "“done” is listed twice." });
    const blank = parseWithZod(form({ ...valid, jiraDoneResolutions: "\n \n" }), { schema: settingsSchema });
    expect(errorsOf(blank)).toEqual({ jiraDoneResolutions: "Enter at least one Jira resolution that counts as done." });
    const long = parseWithZod(form({ ...valid, jiraDoneResolutions: "x".repeat(61) }), { schema: settingsSchema });
    expect(errorsOf(long)).toEqual({ jiraDoneResolutions: "“xxxxxxxxxxxxxxxxxxxx…” is longer than 60 characters." });
  });

  it("a token to revoke is a number", () => {
    expect(errorsOf(parseWithZod(form({ tokenId: "abc" }), { schema: tokenRevokeSchema }))).toEqual({
      tokenId: "Choose a token.",
    });
  });

  it("passwords: repeated the same, long enough; sign-in needs both fields", () => {
    expect(
      errorsOf(parseWithZod(form({ password: "long-enough-1", confirm: "long-enough-2" }), { schema: setPasswordSchema })),
    ).toEqual({ confirm: "The two passwords differ." });
    expect(
      errorsOf(parseWithZod(form({ current: "", password: "short", confirm: "short" }), { schema: passwordChangeSchema })),
    ).toEqual({
      current: "Enter your current password.",
      password: `Use at least ${PASSWORD_MIN} characters.`,
    });
    expect(errorsOf(parseWithZod(form({ email: "a@example.com", password: "" }), { schema: loginSchema }))).toEqual({
      password: "Enter your email and password.",
    });
    // an old password shorter than today's minimum still signs in
    expect(parseWithZod(form({ email: "a@example.com", password: "abc" }), { schema: loginSchema }).status).toBe("success");
  });
});
