// Part 6 of issue 12: one set of input rules for every channel. The same bad-input corpus goes to the
// evidence form (POST /evidence/new), a CSV import preview (ServiceNow export, confirmed afterwards) and the
// ingest API (POST /api/v1/evidence with a token): each refuses it with the same words (422 with the message
// next to the field, the message beside the ticket's row, a 422 naming the field) and nothing is stored.
import { beforeAll, describe, expect, it } from "vitest";
import { now as clockNow } from "../../app/clock.server";
import { MESSAGES } from "../../app/domain/input-rules";
import { FORM_LIMIT } from "../../app/utils/body-limits";
import { type TestApp, startApp } from "../support/app";
import { SN_HEADER, confirm, count, snRow, textOf, uploadOk } from "./import-helpers";

let app: TestApp;
let admin: string;
let ben: string;
let token: string;
let serial = 0;

/** The field as each channel names it (the CSV's is a column; its message names the stored field). */
type Field = "title" | "notes" | "resolvedAt" | "email";
const CSV_COLUMN: Partial<Record<Field, "short_description" | "close_notes" | "resolved_at">> = {
  title: "short_description",
  notes: "close_notes",
  resolvedAt: "resolved_at",
};

interface Case {
  name: string;
  field: Field;
  /** an instant (ISO, UTC) for resolvedAt, else the text */
  value: string;
  message: string;
  /** channels the value can travel through (default: all three) */
  channels?: ("form" | "csv" | "api")[];
}

const daysFromNow = (days: number) => new Date(clockNow().getTime() + days * 86_400_000).toISOString();

const CORPUS: Case[] = [
  { name: "a finish date in the future", field: "resolvedAt", value: daysFromNow(3), message: MESSAGES.future("finish") },
  { name: "9999-12-31", field: "resolvedAt", value: "9999-12-31T10:00:00.000Z", message: MESSAGES.future("finish") },
  { name: "year 0000", field: "resolvedAt", value: "0000-01-01T10:00:00.000Z", message: MESSAGES.tooEarly("finish", 1990) },
  { name: "a 1989 date", field: "resolvedAt", value: "1989-12-31T10:00:00.000Z", message: MESSAGES.tooEarly("finish", 1990) },
  { name: "a zero-width title", field: "title", value: "\u200b\u200c\u200d\u2060", message: MESSAGES.invisible("a title") },
  {
    name: "a title of BOM and soft hyphens",
    field: "title",
    value: "\u00ad\ufeff\u00ad",
    message: MESSAGES.invisible("a title"),
  },
  // An export's empty title is made up from the ticket (the CSV trims cells), so that channel has a title.
  {
    name: "a whitespace-only title",
    field: "title",
    value: "\u3000 \u00a0",
    message: "Enter a title.",
    channels: ["form", "api"],
  },
  { name: "an escape character in the title", field: "title", value: "Disk \u001b[31mfull", message: MESSAGES.controlSingleLine },
  {
    name: "a DEL and C1 control in the title",
    field: "title",
    value: "Disk\u007f\u0085full",
    message: MESSAGES.controlSingleLine,
  },
  { name: "a line separator in the title", field: "title", value: "Disk\u2028full", message: MESSAGES.controlSingleLine },
  // A NUL byte makes an upload a binary file (refused whole, below): forms and the API refuse the value.
  {
    name: "a NUL byte in the title",
    field: "title",
    value: "Disk\u0000full",
    message: MESSAGES.controlSingleLine,
    channels: ["form", "api"],
  },
  {
    name: "a NUL byte in the notes",
    field: "notes",
    value: "ok\u0000",
    message: MESSAGES.controlMultiLine,
    channels: ["form", "api"],
  },
  { name: "a bell in the notes", field: "notes", value: "line one\nline\u0007two", message: MESSAGES.controlMultiLine },
  // An export's overlong title is shortened to 200 characters with "…" (its tool allows longer ones).
  {
    name: "an overlong title",
    field: "title",
    value: "x".repeat(201),
    message: MESSAGES.tooLong(200),
    channels: ["form", "api"],
  },
  { name: "overlong notes", field: "notes", value: "n".repeat(20_001), message: MESSAGES.tooLong(20_000) },
  // Emails come by the person form and the API (a CSV names people by handle).
  {
    name: "a 1 MB email",
    field: "email",
    value: `${"a".repeat(1_000_000)}@example.com`,
    message: MESSAGES.tooLong(254),
    channels: ["form", "api"],
  },
  { name: "an email without a domain", field: "email", value: "ann@", message: MESSAGES.email, channels: ["form", "api"] },
];

const GOOD_RESOLVED = "2024-05-01T10:00:00.000Z";

function nextRef(): string {
  serial++;
  return `INC88${String(serial).padStart(5, "0")}`;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

async function evidenceCount(): Promise<number> {
  return count(app, "evidence");
}

async function storedRef(ref: string): Promise<number> {
  const rows = await app.db.selectFrom("evidence").select("id").where("external_ref", "=", ref).execute();
  return rows.length;
}

// --- the three channels -----------------------------------------------------------------------------

async function viaForm(c: Case): Promise<void> {
  const before = await evidenceCount();
  if (c.field === "email") {
    const people = await count(app, "audit_log");
    const res = await app.post("/admin/people/new", { name: "Probe Person", email: c.value, role: "engineer" }, admin);
    if (c.value.length > FORM_LIMIT) {
      // a form body over its limit is refused whole before it is read (413, ADR 013): the rule is never reached
      expect(res.status).toBe(413);
      expect(await res.text()).toContain("What you sent is too large");
      expect(await count(app, "audit_log")).toBe(people);
      return;
    }
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(new RegExp(`id="f-email-error"[^>]*>${escapeRe(escapeHtml(c.message))}<`));
    expect(await count(app, "audit_log")).toBe(people);
    return;
  }
  const form: Record<string, string> = {
    intent: "draft",
    title: "Disk full on db-3",
    kind: "incident",
    resolvedAt: GOOD_RESOLVED.slice(0, 16),
    externalRef: nextRef(),
  };
  form[c.field] = c.field === "resolvedAt" ? c.value.slice(0, 16) : c.value;
  const res = await app.post("/evidence/new", form, ben);
  expect(res.status).toBe(422);
  const html = await res.text();
  // the message next to its field
  expect(html).toMatch(new RegExp(`id="f-${c.field}-error"[^>]*>${escapeRe(escapeHtml(c.message))}<`));
  expect(await evidenceCount()).toBe(before);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** "2024-05-01T10:00:00.000Z" → "01-05-2024 10:00", the ServiceNow export's format. */
function snTime(iso: string): string {
  return `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)} ${iso.slice(11, 16)}`;
}

function csvCell(v: string): string {
  return `"${v.replace(/"/g, '""')}"`;
}

async function viaCsv(c: Case): Promise<void> {
  const ref = nextRef();
  const good = nextRef();
  const cells: Record<string, string> = {
    short_description: "Disk full on db-3",
    close_notes: "Cleaned up",
    resolved_at: snTime(GOOD_RESOLVED),
  };
  const column = CSV_COLUMN[c.field]!;
  cells[column] = c.field === "resolvedAt" ? snTime(c.value) : c.value;
  const row = (number: string, v: Record<string, string>) =>
    `${snRow({ number, by: "Resolved by 166", opened: "?", resolved: v.resolved_at })},${csvCell(v.short_description!)},${csvCell(v.close_notes!)}`;
  const csv =
    [`${SN_HEADER},short_description,close_notes`, row(ref, cells), row(good, { ...cells, ...fine(c.field) })].join("\r\n") +
    "\r\n";
  const before = await evidenceCount();
  const batchId = await uploadOk(app, csv, ben);
  const page = await app.get(`/import/${batchId}`, ben);
  expect(page.status).toBe(200);
  const html = await page.text();
  // the message beside the ticket's row (field: message), the other row still imported
  const tr = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => textOf(m[1]!)).find((t) => t.includes(ref));
  expect(tr).toBeDefined();
  expect(tr).toContain(`${c.field}: ${c.message}`);
  const res = await confirm(app, batchId, ben);
  expect(res.status).toBe(302);
  expect(await storedRef(ref)).toBe(0);
  expect(await storedRef(good)).toBe(1);
  expect(await evidenceCount()).toBe(before + 1);
}

/** The good twin of a bad cell. */
function fine(field: Field): Record<string, string> {
  if (field === "resolvedAt") return { resolved_at: snTime(GOOD_RESOLVED) };
  if (field === "title") return { short_description: "Disk full on db-4" };
  return { close_notes: "Cleaned up" };
}

async function viaApi(c: Case): Promise<void> {
  const item: Record<string, unknown> = {
    system: "servicenow",
    externalRef: nextRef(),
    title: "Disk full on db-3",
    handle: "Resolved by 166",
    resolvedAt: GOOD_RESOLVED,
  };
  if (c.field === "email") delete item.handle;
  item[c.field] = c.value;
  const before = await evidenceCount();
  const res = await app.fetch("/api/v1/evidence", {
    method: "POST",
    body: JSON.stringify(item),
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(422);
  const body = (await res.json()) as { errors: { index: number; field: string; message: string }[] };
  expect(body.errors).toContainEqual({ index: 0, field: c.field, message: c.message });
  expect(await evidenceCount()).toBe(before);
}

beforeAll(async () => {
  app = await startApp();
  admin = await app.signIn("admin@example.com");
  ben = await app.signIn("ben.carter@example.com");
  const res = await app.post("/admin/tokens", { intent: "create", name: "Input rules" }, admin);
  token = /data-testid="new-token"[^>]*>([^<]+)</.exec(await res.text())![1]!;
});

describe("the same bad input is refused the same way by the form, a CSV import and the API", () => {
  for (const c of CORPUS) {
    const channels = c.channels ?? ["form", "csv", "api"];
    if (channels.includes("form")) it(`form: ${c.name}`, () => viaForm(c));
    if (channels.includes("csv")) it(`CSV: ${c.name}`, () => viaCsv(c));
    if (channels.includes("api")) it(`API: ${c.name}`, () => viaApi(c));
  }

  it("CSV: a file with a NUL byte is refused whole, as binary, and nothing is stored", async () => {
    const before = await count(app, "import_batches");
    const csv = `${SN_HEADER},short_description\r\n${snRow({ number: nextRef(), by: "Resolved by 166" })},"Disk\u0000full"\r\n`;
    const res = await app.fetch("/import?index", {
      method: "POST",
      body: (() => {
        const fd = new FormData();
        fd.append("file", new File([csv], "export.csv", { type: "text/csv" }));
        return fd;
      })(),
      cookie: ben,
    });
    expect(res.status).toBe(422);
    expect(await count(app, "import_batches")).toBe(before);
  });

  it("an item within the bounds passes every channel (the corpus is not refusing everything)", async () => {
    const form = await app.post(
      "/evidence/new",
      { intent: "draft", title: "Ольга's fix 数据库 👍", kind: "incident", resolvedAt: "1990-01-01T00:00", notes: "one\n\ttwo" },
      ben,
    );
    expect(form.status).toBe(302);
    const api = await app.fetch("/api/v1/evidence", {
      method: "POST",
      body: JSON.stringify({
        externalRef: nextRef(),
        title: "Edge of today",
        handle: "Resolved by 166",
        resolvedAt: clockNow().toISOString(),
      }),
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    });
    expect(api.status).toBe(201);
  });
});

describe("values that answered 500", () => {
  // Every field of an API item, given each odd value: a refusal (422) or an item, never a 500.
  const ODD: unknown[] = [
    null,
    true,
    0,
    -1,
    1e308,
    2 ** 53,
    1.5,
    "",
    " ",
    "\u3000",
    "\u2028",
    "\u0000",
    "\ud800",
    "x".repeat(5000),
    "9999-12-31",
    "0000-01-01",
    "2024-05-01T10:00+99:99",
    "2024-05-01T10:00-14:30",
    "2024-13-45",
    "NaN",
    [],
    {},
    [1],
    { a: 1 },
  ];
  const FIELDS = [
    "system",
    "externalRef",
    "title",
    "kind",
    "handle",
    "email",
    "startedAt",
    "resolvedAt",
    "priority",
    "impact",
    "workRole",
    "outcome",
    "afterHours",
    "afterHoursMinutes",
    "durationMinutes",
    "emergency",
    "reassignmentCount",
    "problemRef",
    "notes",
    "links",
  ];
  it("no odd value of any API field answers 500", async () => {
    const statuses = new Set<number>();
    for (const field of FIELDS)
      for (const value of ODD) {
        const item = {
          externalRef: nextRef(),
          title: "Odd values",
          handle: "Resolved by 166",
          resolvedAt: GOOD_RESOLVED,
          [field]: value,
        };
        const res = await app.fetch("/api/v1/evidence", {
          method: "POST",
          body: JSON.stringify(item),
          headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        });
        if (res.status >= 500) throw new Error(`${field}=${JSON.stringify(value)} answered ${res.status}`);
        statuses.add(res.status);
      }
    expect([...statuses].sort()).toEqual([201, 422]);
  });

  it("an API offset of +99:99 is a 422 naming the field", async () => {
    const res = await app.fetch("/api/v1/evidence", {
      method: "POST",
      body: JSON.stringify({
        externalRef: nextRef(),
        title: "Odd zone",
        handle: "Resolved by 166",
        resolvedAt: "2024-05-01T10:00+99:99",
      }),
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(422);
    expect((await res.json()).errors[0]).toMatchObject({ index: 0, field: "resolvedAt" });
  });

  it.each(["/evidence\u3000", "/a\u2028b", "/a\u2029b", "/\u3000/evil.example"])(
    "redirectTo %j sends home after sign-in",
    async (to) => {
      const res = await app.post("/login", { email: "ben.carter@example.com", password: "supportpath-demo", redirectTo: to });
      expect([302, 422]).toContain(res.status);
      if (res.status === 302) expect(res.headers.get("location")).toBe("/");
      const signedIn = await app.fetch(`/login?redirectTo=${encodeURIComponent(to)}`, { cookie: ben });
      expect(signedIn.status).toBe(302);
      expect(signedIn.headers.get("location")).toBe("/");
    },
  );

  it.each([
    ["teamId", "99999"],
    ["positionId", "99999"],
    ["managerId", "99999"],
  ])("a person with %s=%s that does not exist is a field error", async (field, value) => {
    const before = await count(app, "audit_log");
    const res = await app.post(
      "/admin/people/new",
      { name: "Probe", email: `probe-${field}@example.com`, role: "engineer", [field]: value },
      admin,
    );
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(`id="f-${field}-error"`);
    expect(await count(app, "audit_log")).toBe(before);
  });
});

// The forms and pages people use most, each field or query parameter given each odd value: never a 500.
describe("no odd value answers 500 on the forms and pages", () => {
  const VALUES = [
    "99999",
    "-1",
    "2147483648",
    "99999999999999999999",
    "1e309",
    "abc",
    "\u3000",
    "\u2028",
    "\u0000",
    "9999-12-31",
    "0000-01-01",
    "+99:99",
    "%E0%A4%A",
  ];
  const PARAMS = ["person", "target", "page", "show", "kind", "manager", "from", "to", "q", "month", "status", "redirectTo"];

  function fieldsOf(html: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const m of html.matchAll(/<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"[^>]*>/g)) {
      const value = /\bvalue="([^"]*)"/.exec(m[0]);
      out[m[1]!] = value ? value[1]! : "";
    }
    return out;
  }

  it.each([
    ["/evidence/new", "ben"],
    ["/goals/new", "ben"],
    ["/admin/people/new", "admin"],
    ["/admin/rules/new", "admin"],
    ["/admin/settings", "admin"],
  ])("POST %s", async (path, who) => {
    const cookie = who === "ben" ? ben : admin;
    const fields = fieldsOf(await (await app.get(path, cookie)).text());
    expect(Object.keys(fields).length).toBeGreaterThan(2);
    for (const field of Object.keys(fields))
      for (const value of VALUES) {
        const res = await app.post(path, { ...fields, [field]: value }, cookie);
        if (res.status >= 500) throw new Error(`${path} ${field}=${JSON.stringify(value)} answered ${res.status}`);
      }
  });

  it.each([
    "/evidence/:id",
    "/evidence/:id/edit",
    "/evidence/:id/delete",
    "/goals/:id",
    "/people/:id",
    "/import/:id",
    "/appraisals/:id",
    "/appraisals/history/:id",
    "/appraisals/cycles/:id",
    "/appraisals/cycles/:id/calibration",
    "/admin/people/:id",
    "/admin/rules/:id",
    "/admin/ladder/:id",
  ])("GET and POST %s with an id out of range", async (route) => {
    for (const id of ["2147483648", "99999999999999999999", "-1", "0", "1e3", "1.5", "abc", "%E2%80%A8"]) {
      const path = route.replace(":id", id);
      for (const res of [await app.get(path, admin), await app.post(path, { intent: "save" }, admin)])
        if (res.status >= 500) throw new Error(`${path} answered ${res.status}`);
    }
  });

  it.each([
    "/",
    "/evidence",
    "/team",
    "/portfolio",
    "/goals/new",
    "/appraisals",
    "/import",
    "/login",
    "/review",
    "/admin/people",
  ])("GET %s", async (path) => {
    for (const param of PARAMS)
      for (const value of VALUES) {
        const res = await app.get(`${path}?${param}=${encodeURIComponent(value)}`, admin);
        if (res.status >= 500) throw new Error(`${path}?${param}=${JSON.stringify(value)} answered ${res.status}`);
      }
  });
});

// Every route of the access matrix (its own rows' paths and forms), each query parameter and form field given
// the values a database refuses (PostgreSQL: a NUL in text, an id beyond its integer) as an admin and as an
// engineer: an answer, never a 500. Last in the file: some of these posts change the demo organisation.

// The probe of every route of the access matrix with values a database refuses runs in
// db-refusals-{1..4}.test.ts: one file would be the longest of the suite, and four run side by side.
