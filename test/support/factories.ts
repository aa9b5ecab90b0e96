// Factories: people and evidence made for one test, so that a test which is not about the demo does
// not depend on (or change) the named seed people. Everything goes through the app's own model
// functions (createPerson, createEvidence), so handles, contributions and the stored skill-month
// buckets are written exactly as the app writes them. Names and emails carry a unique suffix: tests
// run in parallel on one database and must not meet.
//
//   const manager = await makePerson(db, { role: "manager" });
//   const me = await makePerson(db, { managerId: manager.id, position: "Support Engineer II" });
//   await makeEvidence(db, me.id, { kind: "dr_drill", workRole: "lead" });
import crypto from "node:crypto";
import { hashPassword } from "../../app/auth/password.server";
import { now as clockNow } from "../../app/clock.server";
import type { DB } from "../../app/db.server";
import type { EvidenceStatus, Role } from "../../app/domain/types";
import { type EvidenceInput, createEvidence } from "../../app/models/evidence.server";
import { createPerson } from "../../app/models/people-writes.server";

/** A short suffix unique across parallel workers and runs on one database. */
export function uid(): string {
  return `${Date.now().toString(36)}${crypto.randomBytes(3).toString("hex")}`;
}

export interface PersonSpec {
  name?: string;
  email?: string;
  role?: Role;
  managerId?: number | null;
  /** a team id, or the name of a team (made when it does not exist) */
  team?: number | string | null;
  /** a position id, or the name of an existing position */
  position?: number | string | null;
  handles?: string[];
  /** a password to sign in with through the UI; without one the person can only be signed in by the fixture */
  password?: string;
}

export interface MadePerson {
  id: number;
  name: string;
  email: string;
  role: Role;
  managerId: number | null;
  teamId: number | null;
  positionId: number | null;
  handles: string[];
  password: string | null;
}

export async function teamId(db: DB, name: string): Promise<number> {
  const found = await db.selectFrom("teams").select("id").where("name", "=", name).executeTakeFirst();
  if (found) return found.id;
  const { id } = await db.insertInto("teams").values({ name }).returning("id").executeTakeFirstOrThrow();
  return id;
}

export async function positionId(db: DB, name: string): Promise<number> {
  const found = await db.selectFrom("positions").select("id").where("name", "=", name).executeTakeFirst();
  if (!found) throw new Error(`factories: no position named "${name}"`);
  return found.id;
}

/** A person with a unique name, email and handles. Defaults: an engineer with no manager, team or position. */
export async function makePerson(db: DB, spec: PersonSpec = {}): Promise<MadePerson> {
  const u = uid();
  const role = spec.role ?? "engineer";
  const name = spec.name ?? `${role === "engineer" ? "Test Engineer" : role === "manager" ? "Test Manager" : "Test Admin"} ${u}`;
  const email = (spec.email ?? `${role}.${u}@test.example`).toLowerCase();
  const team = typeof spec.team === "string" ? await teamId(db, spec.team) : (spec.team ?? null);
  const position = typeof spec.position === "string" ? await positionId(db, spec.position) : (spec.position ?? null);
  const handles = spec.handles ?? [`t${u}`];
  const input = {
    name,
    email,
    role,
    managerId: spec.managerId ?? null,
    teamId: team,
    positionId: position,
    handles,
    passwordHash: spec.password ? await hashPassword(spec.password) : null,
  };
  const id = await createPerson(db, input);
  return {
    id,
    name,
    email,
    role,
    managerId: input.managerId,
    teamId: team,
    positionId: position,
    handles,
    password: spec.password ?? null,
  };
}

/** A manager and `count` engineers reporting to them, on a team of their own. */
export async function makeTeam(db: DB, opts: { count?: number; position?: string } = {}) {
  const team = `Test team ${uid()}`;
  const manager = await makePerson(db, { role: "manager", team, position: "Support Team Lead" });
  const members: MadePerson[] = [];
  for (let i = 0; i < (opts.count ?? 2); i++) {
    members.push(await makePerson(db, { managerId: manager.id, team, position: opts.position ?? "Support Engineer II" }));
  }
  return { team, manager, members };
}

/** An item's fields: a resolved P3 incident finished a day ago, unless told otherwise. */
export function evidenceInput(overrides: Partial<EvidenceInput> = {}, now = clockNow()): EvidenceInput {
  const resolved = new Date(now.getTime() - 86_400_000);
  resolved.setUTCHours(11, 0, 0, 0); // office hours: no after-hours points unless asked for
  return {
    kind: "incident",
    title: `Test item ${uid()}`,
    externalRef: null,
    startedAt: new Date(resolved.getTime() - 3600_000).toISOString(),
    resolvedAt: resolved.toISOString(),
    priority: "P3",
    impact: "medium",
    workRole: "contributor",
    outcome: "resolved",
    afterHours: false,
    afterHoursMinutes: 0,
    durationMinutes: 60,
    emergency: false,
    addsFunctionality: false,
    fixesSlowness: false,
    reassignmentCount: 0,
    reopenCount: 0,
    problemRef: null,
    changeRef: null,
    resolutionCode: null,
    notes: null,
    links: [],
    ...overrides,
  };
}

/** One evidence item of `personId`, written by the evidence model (contributions and buckets included). */
export async function makeEvidence(
  db: DB,
  personId: number,
  overrides: Partial<EvidenceInput> = {},
  opts: { status?: EvidenceStatus; now?: Date } = {},
): Promise<{ id: number; title: string; input: EvidenceInput }> {
  const now = opts.now ?? clockNow();
  const input = evidenceInput(overrides, now);
  const id = await createEvidence(db, personId, input, { status: opts.status ?? "submitted" }, now);
  return { id, title: input.title, input };
}
