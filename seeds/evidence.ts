// Two years of varied, realistic work for everyone in the demo organisation (deterministic).
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { createEvidence, type EvidenceInput } from "../app/models/evidence.server";
import { listRules } from "../app/models/catalog.server";
import type { EvidenceStatus } from "../app/domain/types";
import { DEMO_PEOPLE } from "./people";
import { type Rng, between, chance, mulberry32, pick } from "./random";

const SYSTEMS = ["checkout API", "payments gateway", "order sync job", "SSO login", "reporting replica", "pricing service",
  "customer portal", "invoice batch", "partner webhook relay", "inventory feed", "search cluster", "mobile API", "data warehouse load"];
const SYMPTOMS = ["returning 502s after the morning deploy", "timing out under peak load", "stuck in the settlement queue",
  "failing for a subset of users", "leaking memory until restart", "rejecting certificates after renewal", "dropping messages",
  "slow since the schema change", "writing duplicate rows", "down in one availability zone"];
const TABLES = ["invoices", "orders", "customer_accounts", "shipments", "audit_events", "payments", "price_lists"];

const TITLES: Record<string, (r: Rng) => string> = {
  incident: (r) => `${cap(pick(r, SYSTEMS))} ${pick(r, SYMPTOMS)}`,
  problem: (r) => `RCA: recurring ${pick(r, ["deadlocks", "timeouts", "connection-pool exhaustion", "queue backlogs", "OOM kills"])} in the ${pick(r, SYSTEMS)}`,
  change: (r) => pick(r, [
    `Add index on ${pick(r, TABLES)}(customer_id, created_at)`,
    `Rotate TLS certificates for the ${pick(r, SYSTEMS)}`,
    `Upgrade the ${pick(r, SYSTEMS)} runtime to the supported version`,
    `New retry policy for the ${pick(r, SYSTEMS)}`,
    `Add a CSV export to the ${pick(r, SYSTEMS)}`,
  ]),
  refactoring: (r) => `Refactor the ${pick(r, SYSTEMS)}: ${pick(r, ["split the nightly job into idempotent steps", "remove the shared mutable cache", "replace string-built SQL with bound parameters", "close leaked connections"])}`,
  performance: (r) => `Tune ${pick(r, ["stored procedure usp_GetOpenOrders", "the monthly billing query", `queries on ${pick(r, TABLES)}`, "JVM heap and GC settings", "the report generator"])} (${between(r, 8, 40)}s → ${between(r, 1, 9) * 100}ms)`,
  dr_drill: (r) => `${pick(r, ["Quarterly", "Annual", "Unannounced"])} DR drill: fail over the ${pick(r, ["primary database", "payments gateway", "customer portal", "message broker"])} to the secondary site`,
  design: (r) => `Design: ${pick(r, ["retry queue for partner webhooks", "read replica for reporting", "feature flag for the new checkout", "archival of old audit events", "rate limiting for the public API"])}`,
  escalation: (r) => `Escalation: ${pick(r, ["key retail customer missing invoices", "bank partner reporting failed settlements", "enterprise client locked out after SSO change", "logistics partner receiving duplicate orders"])}`,
  on_call: (r) => `On-call week ${between(r, 1, 52)}: ${between(r, 2, 14)} pages`,
  knowledge: (r) => `KB: how to ${pick(r, ["drain a stuck consumer group", "rebuild the search index safely", "roll back a failed deployment", "rotate the payments API key", "read the order-sync logs"])}`,
  mentoring: (r) => `Mentored a new engineer on ${pick(r, ["incident triage", "reading execution plans", "the change process", "on-call hand-overs"])}`,
  training: (r) => pick(r, ["ITIL 4 Foundation certification", "Cloud operations course", "SQL performance tuning course", "Incident commander training", "Business continuity workshop"]),
};

function cap(s: string) {
  return s[0]!.toUpperCase() + s.slice(1);
}

/** Kinds weighted by seniority: juniors mostly incidents and on-call, seniors more design, drills and mentoring. */
function pickKind(r: Rng, seniority: number): string {
  const weights: [string, number][] = [
    ["incident", 40], ["on_call", 10], ["change", 12], ["knowledge", 5], ["training", 3],
    ["problem", 4 + 6 * seniority], ["refactoring", 3 + 4 * seniority], ["performance", 3 + 5 * seniority],
    ["dr_drill", 1 + 4 * seniority], ["design", 1 + 6 * seniority], ["escalation", 2 + 4 * seniority], ["mentoring", 8 * seniority],
  ];
  const total = weights.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [k, w] of weights) if ((x -= w) < 0) return k;
  return "incident";
}

function item(r: Rng, kind: string, seniority: number, resolved: Date): EvidenceInput {
  const p = r();
  const priority = kind === "incident" || kind === "escalation" || kind === "problem"
    ? (p < 0.05 + 0.05 * seniority ? "P1" : p < 0.22 ? "P2" : p < 0.65 ? "P3" : "P4") : null;
  const lead = chance(r, 0.15 + 0.6 * seniority);
  const hour = resolved.getUTCHours();
  const afterHours = kind === "on_call" ? chance(r, 0.7) : (hour < 8 || hour >= 18 || chance(r, 0.08)) && kind !== "training";
  const duration = kind === "on_call" ? between(r, 8, 60) * 60 : kind === "dr_drill" ? between(r, 2, 8) * 60 : between(r, 20, 600);
  const started = new Date(resolved.getTime() - duration * 60_000);
  return {
    kind,
    title: TITLES[kind]!(r),
    externalRef: kind === "incident" ? `INC${String(between(r, 10000, 99999)).padStart(7, "0")}` : kind === "change" ? `CHG${between(r, 10000, 99999)}` : kind === "problem" ? `PRB${between(r, 1000, 9999)}` : null,
    startedAt: started.toISOString(),
    resolvedAt: resolved.toISOString(),
    priority,
    impact: priority === "P1" ? "critical" : priority === "P2" ? "high" : priority ? pick(r, ["medium", "low"]) : null,
    workRole: ["incident", "problem", "dr_drill", "escalation", "design", "change"].includes(kind) ? (lead ? "lead" : pick(r, ["contributor", "contributor", "reviewer"])) : null,
    outcome: kind === "incident" ? (chance(r, 0.85) ? "resolved" : chance(r, 0.5) ? "workaround" : "escalated") : null,
    afterHours,
    afterHoursMinutes: afterHours ? Math.min(duration, between(r, 30, 240)) : 0,
    durationMinutes: duration,
    emergency: kind === "change" && chance(r, 0.12),
    addsFunctionality: kind === "change" && chance(r, 0.4),
    fixesSlowness: kind === "refactoring" && chance(r, 0.5),
    reassignmentCount: kind === "incident" && chance(r, 0.25) ? between(r, 1, 3) : 0,
    reopenCount: kind === "incident" && chance(r, 0.07) ? 1 : 0,
    problemRef: kind === "incident" && chance(r, 0.1) ? `PRB${between(r, 1000, 9999)}` : null,
    changeRef: null,
    resolutionCode: null,
    notes: chance(r, 0.3)
      ? `**What happened:** the ${pick(r, SYSTEMS)} degraded.\n\n**What I did:**\n- checked the dashboards and logs\n- ${pick(r, ["rolled back the release", "added the missing index", "restarted the stuck worker", "failed over to the replica"])}\n\nFollow-up tracked in the problem record.`
      : null,
    links: [],
  };
}

export async function seedEvidence(db: Kysely<Database>, ids: Map<string, number>, now: Date): Promise<number> {
  const rules = await listRules(db as never, { activeOnly: true });
  const r = mulberry32(20240611);
  const dayMs = 86_400_000;
  let n = 0;
  await db.transaction().execute(async (tx) => {
    for (const p of DEMO_PEOPLE) {
      if (p.role === "admin") continue;
      const personId = ids.get(p.key)!;
      const managerId = p.manager ? ids.get(p.manager)! : null;
      const count = 25 + Math.round(110 * p.seniority) + between(r, 0, 15);
      for (let i = 0; i < count; i++) {
        const daysAgo = between(r, 1, 730);
        const resolved = new Date(now.getTime() - daysAgo * dayMs);
        resolved.setUTCHours(chance(r, 0.2) ? between(r, 0, 6) : between(r, 8, 19), between(r, 0, 59), 0, 0);
        const kind = pickKind(r, p.seniority);
        const status: EvidenceStatus = daysAgo > 60
          ? (chance(r, 0.8) && managerId ? "verified" : chance(r, 0.9) ? "submitted" : "returned")
          : chance(r, 0.15) ? "draft" : chance(r, 0.35) && managerId ? "verified" : "submitted";
        const id = await createEvidence(tx as never, personId, item(r, kind, p.seniority, resolved), { status, rules }, resolved);
        if (status === "verified" || status === "returned") {
          await tx.updateTable("evidence").set({
            verified_by: status === "verified" ? managerId : null,
            verified_at: status === "verified" ? new Date(resolved.getTime() + 3 * dayMs).toISOString() : null,
            return_reason: status === "returned" ? "Please add the ticket reference and what you changed." : null,
          }).where("id", "=", id).execute();
        }
        n++;
      }
    }
  });
  return n;
}
