// Shared by the import and API HTTP tests: building small ServiceNow exports and uploading them.
import type { TestApp } from "../support/app";

export const SN_HEADER =
  "number,incident_state,active,reassignment_count,reopen_count,sys_mod_count,opened_at,sys_updated_at,category,subcategory,impact,priority,assigned_to,problem_id,rfc,closed_code,resolved_by,resolved_at,closed_at";

export interface SnRow {
  number: string;
  state?: string;
  mod?: number;
  opened?: string;
  updated?: string;
  priority?: string;
  impact?: string;
  reassign?: number;
  reopen?: number;
  problem?: string;
  rfc?: string;
  code?: string;
  by?: string;
  assigned?: string;
  resolved?: string;
  closed?: string;
}

export function snRow(r: SnRow): string {
  const state = r.state ?? "Resolved";
  const done = state === "Resolved" || state === "Closed";
  return [
    r.number,
    state,
    done ? "FALSE" : "TRUE",
    r.reassign ?? 0,
    r.reopen ?? 0,
    r.mod ?? 3,
    r.opened ?? "04-03-2016 09:00",
    r.updated ?? "04-03-2016 12:00",
    "Category 1",
    "Subcategory 2",
    r.impact ?? "2 - Medium",
    r.priority ?? "3 - Moderate",
    r.assigned ?? "?",
    r.problem ?? "?",
    r.rfc ?? "?",
    r.code ?? "code 5",
    r.by ?? "?",
    r.resolved ?? (done ? "04-03-2016 12:00" : "?"),
    r.closed ?? "?",
  ].join(",");
}

export function snCsv(rows: SnRow[]): string {
  return [SN_HEADER, ...rows.map(snRow)].join("\r\n") + "\r\n";
}

export function multipart(content: string | Uint8Array, filename = "export.csv"): FormData {
  const fd = new FormData();
  fd.append("file", new File([content as BlobPart], filename, { type: "text/csv" }));
  return fd;
}

/** Posts a file the way the no-JavaScript form does. */
export function upload(app: TestApp, content: string | Uint8Array, cookie: string, filename = "export.csv") {
  return app.fetch("/import?index", { method: "POST", body: multipart(content, filename), cookie });
}

/** Upload → preview batch id (asserting the redirect). */
export async function uploadOk(
  app: TestApp,
  content: string | Uint8Array,
  cookie: string,
  filename = "export.csv",
): Promise<number> {
  const res = await upload(app, content, cookie, filename);
  if (res.status !== 302) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
  const m = /^\/import\/(\d+)$/.exec(res.headers.get("location") ?? "");
  if (!m) throw new Error(`unexpected redirect ${res.headers.get("location")}`);
  return Number(m[1]);
}

export async function confirm(app: TestApp, batchId: number, cookie: string) {
  return app.post(`/import/${batchId}`, { intent: "confirm" }, cookie);
}

export async function count(
  app: TestApp,
  table: "evidence" | "import_batches" | "import_batch_items" | "contributions" | "audit_log",
): Promise<number> {
  const r = await app.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Visible text of an HTML page (tags stripped, entities for quotes decoded), for assertions. */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}
