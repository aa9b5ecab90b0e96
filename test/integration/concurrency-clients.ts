// The clients of test/integration/concurrency.test.ts: the loops that drive two engineers of one team,
// their manager, two admins importing and an integration posting, all at once, and the record of what
// each of them was told succeeded, for the test to compare with what is stored.
import type { DB } from "../../app/db.server";
import { type Session, Traffic } from "../support/http-client";
import { snCsv } from "./import-helpers";

export type Kind =
  | "login"
  | "create"
  | "edit"
  | "adjust"
  | "resubmit"
  | "review"
  | "read"
  | "token"
  | "upload"
  | "confirm"
  | "confirm-race"
  | "api"
  | "api-race";

// The statuses each kind may answer; anything else (5xx, an unexplained 4xx, a network error) is an error.
export const EXPECTED: Record<Kind, number[]> = {
  login: [302],
  create: [302],
  edit: [302, 409], // 409: a review changed the item's status between the page's read and the write
  adjust: [302, 409], // 409: likewise
  resubmit: [302, 409], // 409: the item is no longer "returned" (verified, or resubmitted by another loop)
  review: [302, 409], // 409: not (or no longer) submitted, or changed between the read and the write
  read: [200],
  token: [200],
  upload: [302],
  confirm: [302],
  "confirm-race": [302, 409], // the same batch confirmed twice at once: one 302 and one 409 per pair (checked)
  api: [200, 201],
  "api-race": [200, 201], // the same new reference posted at once: one 201, the others 200 (checked)
};

// What each expected 409 must say: the race it lost, not some other refusal.
const CHANGED = /Someone changed this item meanwhile/;
export const CONFLICTS: Partial<Record<Kind, RegExp>> = {
  edit: CHANGED,
  adjust: CHANGED,
  resubmit: new RegExp(`${CHANGED.source}|item cannot be submitted`),
  review: new RegExp(`${CHANGED.source}|Only submitted items can be verified|Only submitted or verified items can be returned`),
  "confirm-race": /This import has already been written/,
};

export type Engineer = "ben" | "aisha";
const HANDLE: Record<Engineer, string> = { aisha: "Resolved by 208", ben: "Resolved by 166" }; // seeds/people.ts
/** Tickets and API references are attributed by number: even to Aisha, odd to Ben, always the same. */
export const ownerOf = (ref: number | string): Engineer => (Number(String(ref).replace(/\D/g, "")) % 2 === 0 ? "aisha" : "ben");
export const ticketKey = (n: number) => `servicenow:INC${n}`;
export const apiKey = (ref: string) => `servicenow:${ref}`;

const TICKETS = 40; // ServiceNow numbers the imports share, so that batches overlap
const API_REFS = 40; // likewise for the ingest API
const DAYS = ["03", "03", "09", "14", "14", "21"]; // few days of one month: many items share a day
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

interface Item {
  id: number;
  owner: Engineer;
  source: "manual" | "import" | "api";
  /** the form a hand-logged item was last saved with (its owner edits it) */
  form?: Record<string, string>;
}

interface IngestBody {
  items?: { externalRef: string; evidenceId: number; personId: number; action: string }[];
}

export class Scenario {
  readonly traffic: Traffic<Kind>;
  // What the clients were told succeeded.
  readonly createdTitles: Record<Engineer, string[]> = { ben: [], aisha: [] };
  readonly uploaded: number[] = [];
  readonly confirmedBatches = new Set<number>();
  readonly confirmedTickets = new Set<number>(); // numbers in batches whose confirm answered 302
  readonly racePairs: { batchId: number; statuses: number[] }[] = [];
  readonly apiRefs = new Set<string>(); // references the ingest API accepted (200/201)
  readonly apiCreated: string[] = []; // references it answered "created" for: each once
  readonly apiRaces: { ref: string; statuses: number[]; created: number }[] = [];
  private items: Record<Engineer, Item[]> = { ben: [], aisha: [] };
  private known = new Set<number>();
  private raceCounter = 0;

  constructor(
    private ctx: {
      db: DB;
      baseUrl: string;
      run: string;
      month: string;
      personId: Record<Engineer, number>;
      apiToken: () => string;
    },
    budget: { durationMs: number; maxRequests: number },
  ) {
    this.traffic = new Traffic<Kind>({ baseUrl: ctx.baseUrl, expected: EXPECTED, conflicts: CONFLICTS, ...budget });
  }

  private remember(item: Item) {
    if (this.known.has(item.id)) return;
    this.known.add(item.id);
    this.items[item.owner].push(item);
  }

  private evidenceForm(title: string, over: Record<string, string> = {}): Record<string, string> {
    const day = pick(DAYS);
    const afterHours = Math.random() < 0.3;
    return {
      intent: "submit",
      title,
      kind: "incident",
      externalRef: "",
      startedAt: `${this.ctx.month}-${day}T09:00`,
      resolvedAt: `${this.ctx.month}-${day}T11:30`,
      priority: pick(["P1", "P2", "P3", "P4"]),
      impact: pick(["low", "medium", "high", "critical"]),
      workRole: pick(["lead", "contributor"]),
      outcome: "resolved", // keeps the rules' +2 debugging, so that a -1 adjustment of it stays valid
      afterHours: afterHours ? "on" : "",
      afterHoursMinutes: afterHours ? "60" : "",
      durationMinutes: "",
      notes: "",
      links: "",
      ...over,
    };
  }

  /** An engineer logs, edits, adjusts and resubmits items of their own (shared by all loops of that person). */
  async engineer(s: Session<Kind>, who: Engineer, loop: number) {
    for (let n = 0; this.traffic.more();) {
      const own = this.items[who];
      const r = Math.random();
      if (r < 0.4 || !own.length) {
        const title = `cc-${this.ctx.run}-${who}-${loop}-${n++}`;
        const form = this.evidenceForm(title);
        const res = await s.post("create", "/evidence/new", form);
        const m = /^\/evidence\/(\d+)\?/.exec(res?.location ?? "");
        if (res?.status === 302 && m) {
          this.createdTitles[who].push(title);
          this.remember({ id: Number(m[1]), owner: who, source: "manual", form });
        }
      } else if (r < 0.6) {
        const manual = own.filter((i) => i.form);
        if (!manual.length) continue;
        const item = pick(manual);
        const form = this.evidenceForm(item.form!.title!, { intent: "save" }); // same title, other details
        const res = await s.post("edit", `/evidence/${item.id}/edit`, form);
        if (res?.status === 302) item.form = form;
      } else if (r < 0.85) {
        const item = pick(own);
        const choice = Math.random();
        const form: Record<string, string> = { intent: "adjust" };
        if (choice < 0.45)
          Object.assign(form, {
            "adj.communication": `+${1 + Math.floor(Math.random() * 3)}`,
            "reason.communication": "Wrote every customer update",
          });
        else if (choice < 0.75 && item.source === "manual")
          Object.assign(form, { "adj.debugging": "-1", "reason.debugging": "Someone else found the cause" });
        else if (choice < 0.9) Object.assign(form, { "adj.leadership": "+1", "reason.leadership": "Ran the bridge" });
        // else no adjustment fields: that clears them
        await s.post("adjust", `/evidence/${item.id}`, form);
      } else if (r < 0.95) {
        await s.post("resubmit", `/evidence/${pick(own).id}`, { intent: "submit" });
      } else {
        await s.send("read", Math.random() < 0.5 ? "/" : `/evidence/${pick(own).id}`);
      }
    }
  }

  /** Their manager verifies and returns any of their items, hand-logged, imported or posted. */
  async manager(s: Session<Kind>) {
    while (this.traffic.more()) {
      const pool = [...this.items.ben, ...this.items.aisha];
      const r = Math.random();
      if (!pool.length || r >= 0.95) await s.send("read", "/review");
      else if (r < 0.65) await s.post("review", `/evidence/${pick(pool).id}`, { intent: "verify" });
      else await s.post("review", `/evidence/${pick(pool).id}`, { intent: "return", reason: "Which customer was affected?" });
    }
  }

  private ticketsCsv(numbers: number[]): string {
    const [y, m] = this.ctx.month.split("-");
    const at = (day: string, time: string) => `${day}-${m}-${y} ${time}`;
    return snCsv(
      numbers.map((n) => {
        const day = pick(DAYS);
        return {
          number: `INC${n}`,
          state: "Resolved",
          by: HANDLE[ownerOf(n)],
          priority: pick(["1 - Critical", "2 - High", "3 - Moderate", "4 - Low"]),
          impact: pick(["1 - High", "2 - Medium", "3 - Low"]),
          reassign: Math.floor(Math.random() * 2),
          opened: at(day, "08:00"),
          updated: at(day, "12:00"),
          resolved: at(day, "12:00"),
        };
      }),
    );
  }

  /** Upload → the preview batch's id, or null (the failure is counted already). */
  private async upload(s: Session<Kind>, numbers: number[]): Promise<number | null> {
    const fd = new FormData();
    fd.append("file", new File([this.ticketsCsv(numbers)], `cc-${this.ctx.run}.csv`, { type: "text/csv" }));
    const res = await s.send("upload", "/import?index", { method: "POST", body: fd });
    const m = /^\/import\/(\d+)$/.exec(res?.location ?? "");
    if (res?.status !== 302 || !m) return null;
    this.uploaded.push(Number(m[1]));
    return Number(m[1]);
  }

  private async confirm(s: Session<Kind>, kind: "confirm" | "confirm-race", batchId: number, numbers: number[]): Promise<number> {
    const res = await s.post(kind, `/import/${batchId}`, { intent: "confirm" });
    if (res?.status === 302) {
      this.confirmedBatches.add(batchId);
      for (const n of numbers) this.confirmedTickets.add(n);
      // The items join the pools the engineers adjust and the manager reviews; the confirm answers with
      // a redirect only, so their ids come from the database.
      const rows = await this.ctx.db
        .selectFrom("evidence")
        .select(["id", "import_key"])
        .where("import_key", "in", numbers.map(ticketKey))
        .execute();
      for (const r of rows) this.remember({ id: r.id, owner: ownerOf(r.import_key!), source: "import" });
    }
    return res?.status ?? 0;
  }

  /** Two admins upload overlapping files, then confirm both at once, the first of them twice. */
  async importPair(a: Session<Kind>, b: Session<Kind>) {
    while (this.traffic.more()) {
      const k = Math.floor(Math.random() * TICKETS);
      const first = [0, 1, 2, 3].map((i) => 9_300_000 + ((k + i) % TICKETS));
      const second = [2, 3, 4, 5].map((i) => 9_300_000 + ((k + i) % TICKETS));
      const [one, two] = await Promise.all([this.upload(a, first), this.upload(b, second)]);
      if (one === null || two === null) continue;
      const [x, y] = await Promise.all([
        this.confirm(a, "confirm-race", one, first),
        this.confirm(b, "confirm-race", one, first),
        this.confirm(b, "confirm", two, second),
      ]);
      this.racePairs.push({ batchId: one, statuses: [x, y] });
    }
  }

  /** One admin uploads and confirms small files over the same tickets. */
  async importSingle(s: Session<Kind>) {
    while (this.traffic.more()) {
      const k = Math.floor(Math.random() * TICKETS);
      const numbers = [0, 7, 14].map((i) => 9_300_000 + ((k + i) % TICKETS));
      const id = await this.upload(s, numbers);
      if (id !== null) await this.confirm(s, "confirm", id, numbers);
    }
  }

  private apiItem(ref: string) {
    const day = pick(DAYS);
    return {
      system: "servicenow",
      externalRef: ref,
      title: `API ticket ${ref}`,
      kind: "incident",
      handle: HANDLE[ownerOf(ref)],
      priority: pick(["P1", "P2", "P3", "P4"]),
      impact: pick(["low", "medium", "high"]),
      startedAt: `${this.ctx.month}-${day}T21:10:00Z`,
      resolvedAt: `${this.ctx.month}-${day}T23:40:00Z`,
    };
  }

  private async postApi(
    s: Session<Kind>,
    kind: "api" | "api-race",
    body: unknown,
  ): Promise<{ status: number; body: IngestBody } | null> {
    const res = await s.send(kind, "/api/v1/evidence", {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${this.ctx.apiToken()}` },
    });
    if (!res || (res.status !== 200 && res.status !== 201)) return null;
    const parsed = JSON.parse(res.text) as IngestBody;
    for (const i of parsed.items ?? []) {
      const owner = ownerOf(i.externalRef);
      if (i.personId !== this.ctx.personId[owner])
        this.traffic.errors.push(`${kind} ${i.externalRef}: attributed to person ${i.personId}, not ${owner}`);
      this.apiRefs.add(i.externalRef);
      if (i.action === "created") this.apiCreated.push(i.externalRef);
      this.remember({ id: i.evidenceId, owner, source: "api" });
    }
    return { status: res.status, body: parsed };
  }

  /** An integration posts one to three tickets at a time over a small set of references (creates and updates). */
  async api(s: Session<Kind>) {
    while (this.traffic.more()) {
      const k = Math.floor(Math.random() * API_REFS);
      const size = 1 + Math.floor(Math.random() * 3);
      const refs = Array.from({ length: size }, (_, i) => `INC${9_400_000 + ((k + i * 5) % API_REFS)}`);
      await this.postApi(s, "api", { items: refs.map((ref) => this.apiItem(ref)) });
    }
  }

  /** The same new reference posted three times at once. */
  async apiRace(s: Session<Kind>) {
    while (this.traffic.more()) {
      const ref = `INC${9_500_000 + this.raceCounter++}`;
      const item = this.apiItem(ref);
      const replies = await Promise.all([0, 1, 2].map(() => this.postApi(s, "api-race", item)));
      const created = replies.reduce((sum, r) => sum + (r?.body.items ?? []).filter((i) => i.action === "created").length, 0);
      this.apiRaces.push({ ref, statuses: replies.map((r) => r?.status ?? 0), created });
    }
  }
}
