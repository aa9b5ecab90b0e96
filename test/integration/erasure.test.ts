// Erasure of a person who has left (issue 17, point 6; ADR 023), over HTTP on the built app: a person with data
// in every table is erased, then every text column of every table in the database's own catalogue is searched
// for anything that was theirs; the team's figures are the same before and after.
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { isPostgres } from "../../app/db.server";
import { ERASURE_PLAN } from "../../app/domain/erasure";
import { mapWorkItem } from "../../app/domain/mapping";
import { listRules } from "../../app/models/catalog.server";
import { setEvidenceStatus, saveAdjustments, toInput, workItemOf } from "../../app/models/evidence.server";
import { loadGroupsFromEvidence, storedLoadGroups } from "../../app/models/load-months.server";
import { createPasswordToken } from "../../app/models/password-tokens.server";
import { COMPRESS_FROM_CHARS, decodePayload, encodePayload } from "../../app/services/import-payload.server";
import { teamLevels, teamView } from "../../app/services/team.server";
import { type TestApp, startApp } from "../support/app";
import { makeEvidence, makeTeam, makePerson, uid } from "../support/factories";

let app: TestApp;
let admin: string;
let adminId: number;

beforeAll(async () => {
  app = await startApp();
  admin = await app.signIn("admin@example.com");
  adminId = await app.personId("admin@example.com");
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the catalogue's tables, not the Database interface
const anyDb = () => app.db as unknown as import("kysely").Kysely<any>;

/** Every table and its text columns, from SQLite's pragmas or PostgreSQL's information_schema. */
async function textColumns(): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (isPostgres(app.db)) {
    const rows = await sql<{ table_name: string; column_name: string; data_type: string }>`
      select c.table_name, c.column_name, c.data_type from information_schema.columns c
      join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
      where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'`.execute(app.db);
    for (const r of rows.rows) {
      if (!out.has(r.table_name)) out.set(r.table_name, []);
      if (/text|char/i.test(r.data_type)) out.get(r.table_name)!.push(r.column_name);
    }
    return out;
  }
  const tables = await sql<{
    name: string;
  }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(app.db);
  for (const t of tables.rows) {
    const cols = await sql<{ name: string; type: string }>`select name, type from pragma_table_info(${t.name})`.execute(app.db);
    out.set(
      t.name,
      // SQLite stores text in a column of any declared type; search every column that is not a number
      cols.rows.filter((c) => !/^(integer|int|real|numeric)$/i.test(c.type)).map((c) => c.name),
    );
  }
  return out;
}

/** Where any of the strings still is, as "table.column: string", case-insensitively. */
async function remainsOf(strings: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const [table, columns] of await textColumns()) {
    for (const column of columns) {
      for (const s of strings) {
        const row = await anyDb()
          .selectFrom(table)
          .select(sql<number>`count(*)`.as("n"))
          .where(sql<string>`lower(cast(${sql.ref(column)} as text))`, "like", `%${s.toLowerCase()}%`)
          .executeTakeFirstOrThrow();
        if (Number(row.n) > 0) found.push(`${table}.${column}: ${s}`);
      }
    }
  }
  return found;
}

/** A person who has left, with something of theirs in every table that can hold it. */
async function personWithEverything() {
  const u = uid();
  const { manager, members } = await makeTeam(app.db, { count: 1 });
  const colleague = members[0]!;
  const secret = {
    name: `Quentin Erasable ${u}`,
    email: `quentin.${u}@leaver.example`,
    handle: `qhandle${u}`,
    title: `qtitle${u}`,
    notes: `qnotes${u}`,
    link: `https://example.com/qlink${u}`,
    ticket: `INC${u}Q`,
    goal: `qgoal${u}`,
    summary: `qsummary${u}`,
    rating: `qrating${u}`,
    endorse: `qendorse${u}`,
    feedback: `qfeedback${u}`,
    credential: `qcred${u}`,
    adjust: `qadjust${u}`,
    file: `qfile${u}.csv`,
    token: `qtoken${u}`,
    password: `pw-${u}-long-enough`,
    draft: `qdraft${u}`,
    returned: `qreturned${u}`,
  };
  const person = await makePerson(app.db, {
    name: secret.name,
    email: secret.email,
    handles: [secret.handle],
    managerId: manager.id,
    team: colleague.teamId,
    position: "Support Engineer II",
    password: secret.password,
  });
  const db = app.db;
  const now = new Date();
  const cookie = await app.signIn(secret.email, secret.password);
  // a failed sign-in leaves an attempt keyed by the email
  await app.post("/login", { email: secret.email, password: "wrong-password-here" });
  await createPasswordToken(db, person.id, now);

  // evidence: verified, with a problem link, after hours on call; a draft; a returned item
  const kept = await makeEvidence(db, person.id, {
    title: secret.title,
    notes: secret.notes,
    links: [secret.link],
    externalRef: secret.ticket,
    problemRef: `PRB${u}`,
    priority: "P1",
    kind: "incident",
  });
  await setEvidenceStatus(db, kept.id, "verified", { verifiedBy: manager.id }, now);
  const onCall = await makeEvidence(db, person.id, {
    kind: "on_call",
    afterHours: true,
    afterHoursMinutes: 90,
    title: `${secret.title} shift`,
  });
  await makeEvidence(db, person.id, { title: secret.draft }, { status: "draft" });
  const returned = await makeEvidence(db, person.id, { title: `${secret.returned} item` });
  await setEvidenceStatus(db, returned.id, "returned", { returnReason: `${secret.returned} reason` }, now);
  const skill = (await db.selectFrom("skills").select("key").orderBy("sort_order").executeTakeFirstOrThrow()).key;
  await saveAdjustments(db, kept.id, [{ skill, points: 2, reason: secret.adjust }], manager.id, now);
  await db
    .insertInto("endorsements")
    .values({ evidence_id: kept.id, person_id: colleague.id, comment: `${secret.endorse} on`, created_at: now.toISOString() })
    .execute();
  const colleagues = await makeEvidence(db, colleague.id, {
    notes: `Paired with ${secret.name} (${secret.email}), handle ${secret.handle}.`,
  });
  await db
    .insertInto("endorsements")
    .values({ evidence_id: colleagues.id, person_id: person.id, comment: `${secret.endorse} by`, created_at: now.toISOString() })
    .execute();

  const goal = await db
    .insertInto("goals")
    .values({
      person_id: person.id,
      title: secret.goal,
      status: "open",
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("goal_evidence").values({ goal_id: goal.id, evidence_id: kept.id }).execute();

  const cycle = await db
    .insertInto("appraisal_cycles")
    .values({
      name: `Cycle ${u}`,
      period_start: "2026-01-01",
      period_end: "2026-06-30",
      self_due: "2026-07-10",
      review_due: "2026-07-20",
      created_by: adminId,
      created_at: now.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const appraisal = await db
    .insertInto("appraisals")
    .values({
      cycle_id: cycle.id,
      person_id: person.id,
      manager_id: manager.id,
      state: "signed_off",
      self_summary: secret.summary,
      manager_comment: `${secret.summary} manager`,
      outcome: null,
      snapshot_json: JSON.stringify({ name: secret.name, email: secret.email }),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("appraisal_ratings")
    .values({
      appraisal_id: appraisal.id,
      skill_key: skill,
      self_level: 3,
      self_comment: secret.rating,
      manager_level: 3,
      manager_comment: `${secret.rating} m`,
    })
    .execute();
  await db
    .insertInto("feedback_requests")
    .values({
      appraisal_id: appraisal.id,
      respondent_id: colleague.id,
      requested_by: person.id,
      relation: "peer",
      status: "answered",
      created_at: now.toISOString(),
    })
    .execute();
  await db
    .insertInto("feedback_tallies")
    .values({ appraisal_id: appraisal.id, skill_key: skill, level_3: 1, comments_json: JSON.stringify([secret.feedback]) })
    .execute();

  const cert = await db
    .insertInto("certifications")
    .values({
      key: `cert-${u}`,
      name: `Cert ${u}`,
      issuer: "Issuer",
      validity_months: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("certification_skills").values({ certification_id: cert.id, skill_key: skill, points: 5 }).execute();
  await db
    .insertInto("person_certifications")
    .values({
      person_id: person.id,
      certification_id: cert.id,
      issued_on: now.toISOString().slice(0, 10),
      credential_ref: secret.credential,
      link_url: `https://example.com/${secret.credential}`,
      attachment_name: `${secret.credential}.pdf`,
      attachment_type: "application/pdf",
      attachment_base64: Buffer.from(`%PDF-1.4 ${secret.credential}`).toString("base64"),
      status: "verified",
      verified_by: manager.id,
      verified_at: now.toISOString(),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .execute();

  // imports: their own applied batch and preview; an admin's preview and applied batch that name them
  const batch = (values: {
    created_by: number;
    status: "preview" | "applied";
    filename: string;
    payload: unknown;
    stored?: string;
  }) =>
    db
      .insertInto("import_batches")
      .values({
        created_by: values.created_by,
        scope: "org",
        format: "servicenow",
        filename: values.filename,
        status: values.status,
        rows_read: 1,
        payload_json: values.stored ?? JSON.stringify(values.payload),
        created_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
  const own = await batch({
    created_by: person.id,
    status: "applied",
    filename: secret.file,
    payload: { rows: [secret.handle] },
  });
  await batch({ created_by: person.id, status: "preview", filename: secret.file, payload: { rows: [secret.title] } });
  const adminsPreview = await batch({
    created_by: adminId,
    status: "preview",
    filename: `org-${u}.csv`,
    payload: { handle: secret.handle },
  });
  const adminsApplied = await batch({
    created_by: adminId,
    status: "applied",
    filename: `org-${u}.csv`,
    payload: { unmatched: [secret.handle, "someone-else"] },
  });
  // a large payload is stored gzipped (app/services/import-payload.server.ts): no LIKE sees inside it
  const big = { unmatched: [secret.email], filler: "x".repeat(COMPRESS_FROM_CHARS) };
  const zipped = await batch({
    created_by: adminId,
    status: "applied",
    filename: `org-big-${u}.csv`,
    payload: null,
    stored: await encodePayload(JSON.stringify(big)),
  });
  await db
    .insertInto("import_batch_items")
    .values({
      batch_id: own.id,
      evidence_id: onCall.id,
      action: "updated",
      previous_json: JSON.stringify({ title: secret.title }),
    })
    .execute();

  await db
    .insertInto("api_tokens")
    .values({
      name: secret.token,
      token_hash: `hash-${u}`,
      prefix: `sp_${u.slice(0, 4)}`,
      created_by: person.id,
      created_at: now.toISOString(),
    })
    .execute();
  // an audit entry about someone else that mentions them
  await db
    .insertInto("audit_log")
    .values({
      at: now.toISOString(),
      actor_id: adminId,
      action: "note",
      entity: "person",
      entity_id: String(colleague.id),
      subject_person_id: colleague.id,
      reason: `handed over from ${secret.name}`,
      after_json: JSON.stringify({ from: secret.email }),
    })
    .execute();

  // the admin edits them through the form (an audit entry with their details), then deactivates them
  const edited = await app.post(
    `/admin/people/${person.id}`,
    {
      intent: "save",
      name: secret.name,
      email: secret.email,
      role: "engineer",
      managerId: String(manager.id),
      teamId: String(colleague.teamId),
      handles: secret.handle,
    },
    admin,
  );
  expect(edited.status).toBe(302);
  const off = await app.post(`/admin/people/${person.id}`, { intent: "deactivate" }, admin);
  expect(off.status).toBe(302);
  return { person, manager, colleague, colleagues, secret, cookie, kept, adminsPreview, adminsApplied, zipped };
}

async function teamFigures(personId: number, managerId: number, now: Date) {
  const db = app.db;
  const rules = await listRules(db, { activeOnly: true });
  const items = await db
    .selectFrom("evidence")
    .selectAll()
    .where("person_id", "=", personId)
    .where("status", "!=", "draft")
    .orderBy("id")
    .execute();
  const view = await teamView(db, { managerId }, now);
  return {
    view: { heatmap: view.heatmap, busFactor: view.busFactor, load: view.load, trend: view.trend },
    levels: [...(await teamLevels(db, [personId], now)).levels.entries()],
    storedLoad: await storedLoadGroups(db, [personId], "0000-00", "9999-99"),
    derivedLoad: await loadGroupsFromEvidence(db, [personId]).execute(),
    skillMonths: await db
      .selectFrom("skill_months")
      .selectAll()
      .where("person_id", "=", personId)
      .orderBy("skill_key")
      .orderBy("month")
      .execute(),
    contributions: await db
      .selectFrom("contributions")
      .select(["evidence_id", "skill_key", "points", "counted", "verified"])
      .where("person_id", "=", personId)
      // a draft's points never counted: deleting the draft changes no history
      .where("counted", "=", 1)
      .orderBy("id")
      .execute(),
    // what the rules would give the kept items again (a rule change re-derives every item's points)
    rederived: items.map((row) => mapWorkItem(workItemOf(toInput(row)), rules).map((c) => [c.skill, c.points])),
  };
}

describe("erasing a person who has left", () => {
  it("leaves nothing of them in any text column, keeps the team's figures, ends their sessions, and audits without naming them", async () => {
    const { person, manager, colleague, colleagues, secret, cookie, adminsPreview, adminsApplied, zipped } =
      await personWithEverything();
    const strings = Object.values(secret).filter((s) => s !== secret.password);
    expect((await remainsOf([secret.title, secret.handle, secret.email])).length).toBeGreaterThan(3);
    const now = new Date();
    const before = await teamFigures(person.id, manager.id, now);

    const page = await app.get(`/admin/people/${person.id}/erase`, admin);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Type the person’s name to confirm");
    const wrong = await app.post(`/admin/people/${person.id}/erase`, { confirmName: "Somebody Else" }, admin);
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain("name exactly as shown to confirm.");
    expect((await app.db.selectFrom("people").select("name").where("id", "=", person.id).executeTakeFirstOrThrow()).name).toBe(
      secret.name,
    );

    const res = await app.post(`/admin/people/${person.id}/erase`, { confirmName: ` ${secret.name.toUpperCase()} ` }, admin);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/admin/people/${person.id}?erased=1`);

    expect(await remainsOf(strings)).toEqual([]);

    const row = await app.db.selectFrom("people").selectAll().where("id", "=", person.id).executeTakeFirstOrThrow();
    expect(row.name).toMatch(/^Erased person #\d+$/);
    expect(row.name).not.toContain(String(person.id));
    expect(row.email).not.toContain("@");
    expect(row.password_hash).toBeNull();
    expect(row.erased_at).not.toBeNull();
    for (const table of ["sessions", "password_tokens", "itsm_handles"] as const)
      expect(await app.db.selectFrom(table).select("person_id").where("person_id", "=", person.id).execute()).toEqual([]);
    expect(await app.db.selectFrom("api_tokens").select("id").where("created_by", "=", person.id).execute()).toEqual([]);
    expect(await app.db.selectFrom("goals").select("id").where("person_id", "=", person.id).execute()).toEqual([]);
    const certs = await app.db.selectFrom("person_certifications").selectAll().where("person_id", "=", person.id).execute();
    expect(certs.map((c) => [c.status, c.attachment_base64, c.credential_ref])).toEqual([["verified", null, null]]);
    // their old cookie no longer signs anyone in
    const home = await app.get("/", cookie);
    expect(home.status).toBe(302);
    expect(home.headers.get("location")).toMatch(/^\/login/);

    // the team's history is what it was
    expect(await teamFigures(person.id, manager.id, now)).toEqual(before);

    // colleagues' text keeps its words, without the mention
    const note = await app.db.selectFrom("evidence").select("notes").where("id", "=", colleagues.id).executeTakeFirstOrThrow();
    expect(note.notes).toBe("Paired with [erased] ([erased]), handle [erased].");
    // the admin's preview that named them is gone; the applied batch keeps its summary, scrubbed
    expect(await app.db.selectFrom("import_batches").select("id").where("id", "=", adminsPreview.id).execute()).toEqual([]);
    const summary = await app.db
      .selectFrom("import_batches")
      .select("payload_json")
      .where("id", "=", adminsApplied.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(summary.payload_json!)).toEqual({ unmatched: ["[erased]", "someone-else"] });
    const stored = await app.db
      .selectFrom("import_batches")
      .select("payload_json")
      .where("id", "=", zipped.id)
      .executeTakeFirstOrThrow();
    expect(stored.payload_json!.startsWith("gzip+base64:")).toBe(true);
    expect(JSON.parse(await decodePayload(stored.payload_json!)).unmatched).toEqual(["[erased]"]);

    const audit = await app.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "person_erase")
      .where("entity_id", "=", String(person.id))
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(adminId);
    expect(JSON.parse(audit[0]!.after_json!)).toMatchObject({ erasedAs: row.name, draftsDeleted: 1, goalsDeleted: 1 });

    // the placeholder is shown, and no form can change it back
    const shown = await (await app.get(`/admin/people/${person.id}`, admin)).text();
    expect(shown).toContain(row.name);
    expect(shown).toContain("Erased");
    const list = await (await app.get(`/admin/people?inactive=1&q=${encodeURIComponent(row.name)}`, admin)).text();
    expect(list).toContain(row.name);
    expect(list).toContain(">Erased</span>");
    const again = await app.post(`/admin/people/${person.id}`, { intent: "reactivate" }, admin);
    expect(again.status).toBe(409);
    const twice = await app.post(`/admin/people/${person.id}/erase`, { confirmName: row.name }, admin);
    expect(twice.status).toBe(409);
    expect(colleague.id).not.toBe(person.id);
  });

  it("refuses an active person with 409 (deactivate first) and changes nothing", async () => {
    const active = await makePerson(app.db, { handles: [`act${uid()}`] });
    const cookieless = await app.post(`/admin/people/${active.id}/erase`, { confirmName: active.name }, admin);
    expect(cookieless.status).toBe(409);
    expect(await cookieless.text()).toContain("Deactivate first");
    const row = await app.db
      .selectFrom("people")
      .select(["name", "email", "active", "erased_at"])
      .where("id", "=", active.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: active.name, email: active.email, active: 1, erased_at: null });
    expect(await app.db.selectFrom("itsm_handles").select("handle").where("person_id", "=", active.id).execute()).toEqual([
      { handle: active.handles[0] },
    ]);
    expect(
      await app.db
        .selectFrom("audit_log")
        .select("id")
        .where("action", "=", "person_erase")
        .where("entity_id", "=", String(active.id))
        .execute(),
    ).toEqual([]);
    const page = await (await app.get(`/admin/people/${active.id}/erase`, admin)).text();
    expect(page).toContain("Deactivate first");
    expect(page).not.toContain("Erase this person");
  });

  it("is refused to anyone but an admin", async () => {
    const leaver = await makePerson(app.db);
    await app.post(`/admin/people/${leaver.id}`, { intent: "deactivate" }, admin);
    for (const email of ["ben.carter@example.com", "daniel.kowalski@example.com"]) {
      const cookie = await app.signIn(email);
      expect((await app.get(`/admin/people/${leaver.id}/erase`, cookie)).status).toBe(403);
      expect((await app.post(`/admin/people/${leaver.id}/erase`, { confirmName: leaver.name }, cookie)).status).toBe(403);
    }
    const row = await app.db.selectFrom("people").select("name").where("id", "=", leaver.id).executeTakeFirstOrThrow();
    expect(row.name).toBe(leaver.name);
  });

  it("gives two erasures at the same moment different placeholders (or asks one to try again)", async () => {
    const leavers = [await makePerson(app.db), await makePerson(app.db)];
    for (const l of leavers) await app.post(`/admin/people/${l.id}`, { intent: "deactivate" }, admin);
    const erase = (l: (typeof leavers)[number]) => app.post(`/admin/people/${l.id}/erase`, { confirmName: l.name }, admin);
    const first = await Promise.all(leavers.map(erase));
    for (const r of first) expect([302, 409]).toContain(r.status);
    expect(first.some((r) => r.status === 302)).toBe(true);
    for (const [i, r] of first.entries()) if (r.status === 409) expect((await erase(leavers[i]!)).status).toBe(302);
    const rows = await app.db
      .selectFrom("people")
      .select(["name", "email"])
      .where(
        "id",
        "in",
        leavers.map((l) => l.id),
      )
      .execute();
    expect(new Set(rows.map((r) => r.name)).size).toBe(2);
    for (const r of rows) expect(r.name).toMatch(/^Erased person #\d+$/);
  });

  it("has a plan line for every table in the database", async () => {
    const tables = [...(await textColumns()).keys()].sort();
    expect(tables.filter((t) => !(t in ERASURE_PLAN))).toEqual([]);
  });
});
