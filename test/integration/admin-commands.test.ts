// The administration and account commands called directly: each answers with one Result kind for each
// way a write can fail (forbidden by role, not found, invalid at a field, conflict), and writes nothing then.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../app/auth/authorize.server";
import { CLI_ACTOR } from "../../app/auth/authorize.server";
import { now as clockNow } from "../../app/clock.server";
import { newPersonSchema, personSchema } from "../../app/schemas/person";
import { createApiToken, revokeApiToken } from "../../app/services/api-tokens.server";
import { createPosition, movePosition, updatePosition } from "../../app/services/ladder.server";
import { changePassword, setPasswordWithLink } from "../../app/services/passwords.server";
import { createPerson, issueSetPasswordLink, setPersonActive, updatePerson } from "../../app/services/people-admin.server";
import { saveSettings } from "../../app/services/settings.server";
import { type TestApp, startApp } from "../support/app";

let app: TestApp;
let admin: Actor;
let engineer: Actor & { session_id: string };
let manager: Actor;

const actorOf = async (email: string) =>
  app.db
    .selectFrom("people")
    .select(["id", "role", "team_id"])
    .where("email", "=", email)
    .executeTakeFirstOrThrow() as Promise<Actor>;
const auditCount = async () =>
  Number(
    (
      await app.db
        .selectFrom("audit_log")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const person = (over: Record<string, unknown> = {}) =>
  newPersonSchema.parse({
    name: "Casey Command",
    email: `casey.${Math.random().toString(36).slice(2)}@example.com`,
    role: "engineer",
    ...over,
  });

beforeAll(async () => {
  app = await startApp();
  admin = await actorOf("admin@example.com");
  engineer = { ...(await actorOf("aisha.khan@example.com")), session_id: "none" };
  manager = await actorOf("daniel.kowalski@example.com");
});

describe("people commands", () => {
  it("refuse a role without people:manage (forbidden) and write nothing", async () => {
    const before = await auditCount();
    expect((await createPerson(app.db, engineer, person(), clockNow())).kind).toBe("forbidden");
    expect(
      (
        await updatePerson(
          app.db,
          manager,
          admin.id,
          personSchema.parse({ name: "X", email: "x@example.com", role: "admin" }),
          clockNow(),
        )
      ).kind,
    ).toBe("forbidden");
    expect((await setPersonActive(app.db, manager, engineer.id, false, clockNow())).kind).toBe("forbidden");
    expect((await issueSetPasswordLink(app.db, engineer, engineer.id, clockNow())).kind).toBe("forbidden");
    expect(await auditCount()).toBe(before);
  });

  it("answer not-found for someone who does not exist", async () => {
    expect((await updatePerson(app.db, admin, 987654, person(), clockNow())).kind).toBe("notFound");
    expect((await setPersonActive(app.db, admin, 987654, false, clockNow())).kind).toBe("notFound");
    expect((await issueSetPasswordLink(app.db, admin, 987654, clockNow())).kind).toBe("notFound");
  });

  it("answer invalid at the field for a taken email, and conflict for deactivating oneself", async () => {
    const taken = await createPerson(app.db, admin, person({ email: "ben.carter@example.com" }), clockNow());
    expect(taken).toEqual({ kind: "invalid", fieldErrors: { email: "Another person already uses this email." } });
    expect(await setPersonActive(app.db, admin, admin.id, false, clockNow())).toEqual({
      kind: "conflict",
      message: "You cannot deactivate your own account.",
    });
  });

  it("create a person from the CLI with a set-password link, audited with no actor", async () => {
    const result = await createPerson(app.db, CLI_ACTOR, person(), clockNow());
    expect(result.kind).toBe("ok");
    if (result.kind !== "ok") return;
    expect(result.value.setPasswordToken).toMatch(/^[\w-]{20,}$/);
    const audit = await app.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "person_create")
      .where("entity_id", "=", String(result.value.id))
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBeNull();
  });
});

describe("password commands", () => {
  it("a used link is not found the second time; a wrong current password is invalid at its field", async () => {
    const created = await createPerson(app.db, admin, person(), clockNow());
    if (created.kind !== "ok") throw new Error(created.kind);
    const token = created.value.setPasswordToken!;
    const input = { password: "first-password-1", confirm: "first-password-1" };
    expect((await setPasswordWithLink(app.db, token, input, clockNow())).kind).toBe("ok");
    expect(await setPasswordWithLink(app.db, token, input, clockNow())).toEqual({
      kind: "notFound",
      message: "This link has expired or was already used.",
    });
    const who = {
      ...(await actorOf(
        `${(await app.db.selectFrom("people").select("email").where("id", "=", created.value.id).executeTakeFirstOrThrow()).email}`,
      )),
      session_id: "none",
    };
    const wrong = await changePassword(
      app.db,
      who,
      { current: "not-it", password: "second-password-2", confirm: "second-password-2" },
      clockNow(),
    );
    expect(wrong).toEqual({ kind: "invalid", fieldErrors: { current: "Your current password is not correct." } });
    expect(
      (
        await changePassword(
          app.db,
          who,
          { current: "first-password-1", password: "second-password-2", confirm: "second-password-2" },
          clockNow(),
        )
      ).kind,
    ).toBe("ok");
  });
});

describe("ladder, settings and token commands", () => {
  const req = { debugging: 1, crisis: 1, continuity: 1, itil: 1, design: 1, performance: 1, communication: 1, leadership: 1 };

  it("refuse roles without catalog:manage or tokens:manage", async () => {
    const before = await auditCount();
    expect((await createPosition(app.db, manager, { name: "Nope", rank: 500, isManagement: false, req }, clockNow())).kind).toBe(
      "forbidden",
    );
    expect((await movePosition(app.db, engineer, { id: 1, direction: "up" }, clockNow())).kind).toBe("forbidden");
    const settings = {
      halfLifeMonths: 12,
      verifiedWeight: 1,
      selfReportedWeight: 0.5,
      startHour: 8,
      endHour: 18,
      weekdaysOnly: true,
      afterHoursHoursPerMonth: 20,
      p1PerMonth: 3,
      onCallShiftsPerMonth: 8,
      feedbackThreshold: 3,
      jiraDoneResolutions: ["Done"],
      timeZone: "UTC",
    };
    expect((await saveSettings(app.db, manager, settings, clockNow())).kind).toBe("forbidden");
    expect((await createApiToken(app.db, manager, { name: "x" }, clockNow())).kind).toBe("forbidden");
    expect(await auditCount()).toBe(before);
  });

  it("answer not-found for a position or token that does not exist, conflict for a second revocation", async () => {
    expect(
      (
        await updatePosition(
          app.db,
          admin,
          987654,
          { name: "Ghost", rank: 500, isManagement: false, retired: false, req },
          clockNow(),
        )
      ).kind,
    ).toBe("notFound");
    expect((await revokeApiToken(app.db, admin, { tokenId: 987654 }, clockNow())).kind).toBe("notFound");
    const created = await createApiToken(app.db, admin, { name: "Twice revoked" }, clockNow());
    if (created.kind !== "ok") throw new Error(created.kind);
    expect((await revokeApiToken(app.db, admin, { tokenId: created.value.id }, clockNow())).kind).toBe("ok");
    expect((await revokeApiToken(app.db, admin, { tokenId: created.value.id }, clockNow())).kind).toBe("conflict");
  });

  it("a position without a level for every live skill is invalid at the missing field", async () => {
    const { leadership: _, ...partial } = req;
    const result = await createPosition(
      app.db,
      admin,
      { name: "Partial", rank: 501, isManagement: false, req: partial },
      clockNow(),
    );
    expect(result.kind).toBe("invalid");
    if (result.kind === "invalid") expect(Object.keys(result.fieldErrors)).toEqual(["req.leadership"]);
  });
});
