// Two years of varied, realistic work for everyone in the demo organisation (deterministic).
import type { Insertable, Kysely } from "kysely";
import type { Database } from "../db/schema";
import { inTransaction } from "../app/db.server";
import { addEndorsement, createEvidence, saveAdjustments, type EvidenceInput } from "../app/models/evidence.server";
import type { AuditInput } from "../app/models/audit.server";
import type { Adjustment } from "../app/domain/types";
import { listRules } from "../app/models/catalog.server";
import type { EvidenceStatus } from "../app/domain/types";
import { DEMO_PEOPLE } from "./people";
import { type Rng, between, chance, mulberry32, pick } from "./random";

const SYSTEMS = [
  "checkout API",
  "payments gateway",
  "order sync job",
  "SSO login",
  "reporting replica",
  "pricing service",
  "customer portal",
  "invoice batch",
  "partner webhook relay",
  "inventory feed",
  "search cluster",
  "mobile API",
  "data warehouse load",
];
const SYMPTOMS = [
  "returning 502s after the morning deploy",
  "timing out under peak load",
  "stuck in the settlement queue",
  "failing for a subset of users",
  "leaking memory until restart",
  "rejecting certificates after renewal",
  "dropping messages",
  "slow since the schema change",
  "writing duplicate rows",
  "down in one availability zone",
];
const TABLES = ["invoices", "orders", "customer_accounts", "shipments", "audit_events", "payments", "price_lists"];

const TITLES: Record<string, (r: Rng) => string> = {
  incident: (r) => `${cap(pick(r, SYSTEMS))} ${pick(r, SYMPTOMS)}`,
  problem: (r) =>
    `RCA: recurring ${pick(r, ["deadlocks", "timeouts", "connection-pool exhaustion", "queue backlogs", "OOM kills"])} in the ${pick(r, SYSTEMS)}`,
  change: (r) =>
    pick(r, [
      `Add index on ${pick(r, TABLES)}(customer_id, created_at)`,
      `Rotate TLS certificates for the ${pick(r, SYSTEMS)}`,
      `Upgrade the ${pick(r, SYSTEMS)} runtime to the supported version`,
      `New retry policy for the ${pick(r, SYSTEMS)}`,
      `Add a CSV export to the ${pick(r, SYSTEMS)}`,
    ]),
  refactoring: (r) =>
    `Refactor the ${pick(r, SYSTEMS)}: ${pick(r, ["split the nightly job into idempotent steps", "remove the shared mutable cache", "replace string-built SQL with bound parameters", "close leaked connections"])}`,
  performance: (r) =>
    `Tune ${pick(r, ["stored procedure usp_GetOpenOrders", "the monthly billing query", `queries on ${pick(r, TABLES)}`, "JVM heap and GC settings", "the report generator"])} (${between(r, 8, 40)}s → ${between(r, 1, 9) * 100}ms)`,
  dr_drill: (r) =>
    `${pick(r, ["Quarterly", "Annual", "Unannounced"])} DR drill: fail over the ${pick(r, ["primary database", "payments gateway", "customer portal", "message broker"])} to the secondary site`,
  design: (r) =>
    `Design: ${pick(r, ["retry queue for partner webhooks", "read replica for reporting", "feature flag for the new checkout", "archival of old audit events", "rate limiting for the public API"])}`,
  escalation: (r) =>
    `Escalation: ${pick(r, ["key retail customer missing invoices", "bank partner reporting failed settlements", "enterprise client locked out after SSO change", "logistics partner receiving duplicate orders"])}`,
  on_call: (r) => `On-call week ${between(r, 1, 52)}: ${between(r, 2, 14)} pages`,
  knowledge: (r) =>
    `KB: how to ${pick(r, ["drain a stuck consumer group", "rebuild the search index safely", "roll back a failed deployment", "rotate the payments API key", "read the order-sync logs"])}`,
  mentoring: (r) =>
    `Mentored a new engineer on ${pick(r, ["incident triage", "reading execution plans", "the change process", "on-call hand-overs"])}`,
  training: (r) =>
    pick(r, [
      "ITIL 4 Foundation certification",
      "Cloud operations course",
      "SQL performance tuning course",
      "Incident commander training",
      "Business continuity workshop",
    ]),
};

function cap(s: string) {
  return s[0]!.toUpperCase() + s.slice(1);
}

/** Kinds weighted by seniority: juniors mostly incidents and on-call, seniors more design, drills and mentoring. */
function pickKind(r: Rng, seniority: number): string {
  const weights: [string, number][] = [
    ["incident", 40],
    ["on_call", 10],
    ["change", 12],
    ["knowledge", 5],
    ["training", 3],
    ["problem", 4 + 6 * seniority],
    ["refactoring", 3 + 4 * seniority],
    ["performance", 3 + 5 * seniority],
    ["dr_drill", 1 + 4 * seniority],
    ["design", 1 + 6 * seniority],
    ["escalation", 2 + 4 * seniority],
    ["mentoring", 8 * seniority],
  ];
  const total = weights.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [k, w] of weights) if ((x -= w) < 0) return k;
  return "incident";
}

function item(r: Rng, kind: string, seniority: number, resolved: Date): EvidenceInput {
  const p = r();
  const priority =
    kind === "incident" || kind === "escalation" || kind === "problem"
      ? p < 0.05 + 0.05 * seniority
        ? "P1"
        : p < 0.22
          ? "P2"
          : p < 0.65
            ? "P3"
            : "P4"
      : null;
  const lead = chance(r, 0.15 + 0.6 * seniority);
  const hour = resolved.getUTCHours();
  const afterHours = kind === "on_call" ? chance(r, 0.7) : (hour < 8 || hour >= 18 || chance(r, 0.08)) && kind !== "training";
  const duration =
    kind === "on_call" ? between(r, 8, 60) * 60 : kind === "dr_drill" ? between(r, 2, 8) * 60 : between(r, 20, 600);
  const started = new Date(resolved.getTime() - duration * 60_000);
  return {
    kind,
    title: TITLES[kind]!(r),
    externalRef:
      kind === "incident"
        ? `INC${String(between(r, 10000, 99999)).padStart(7, "0")}`
        : kind === "change"
          ? `CHG${between(r, 10000, 99999)}`
          : kind === "problem"
            ? `PRB${between(r, 1000, 9999)}`
            : null,
    startedAt: started.toISOString(),
    resolvedAt: resolved.toISOString(),
    priority,
    impact: priority === "P1" ? "critical" : priority === "P2" ? "high" : priority ? pick(r, ["medium", "low"]) : null,
    workRole: ["incident", "problem", "dr_drill", "escalation", "design", "change"].includes(kind)
      ? lead
        ? "lead"
        : pick(r, ["contributor", "contributor", "reviewer"])
      : null,
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
  await inTransaction(db, async (tx) => {
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
        const status: EvidenceStatus =
          daysAgo > 60
            ? chance(r, 0.8) && managerId
              ? "verified"
              : chance(r, 0.9)
                ? "submitted"
                : "returned"
            : chance(r, 0.15)
              ? "draft"
              : chance(r, 0.35) && managerId
                ? "verified"
                : "submitted";
        const id = await createEvidence(tx as never, personId, item(r, kind, p.seniority, resolved), { status, rules }, resolved);
        if (status === "verified" || status === "returned") {
          await tx
            .updateTable("evidence")
            .set({
              verified_by: status === "verified" ? managerId : null,
              verified_at: status === "verified" ? new Date(resolved.getTime() + 3 * dayMs).toISOString() : null,
              return_reason: status === "returned" ? "Please add the ticket reference and what you changed." : null,
            })
            .where("id", "=", id)
            .execute();
        }
        n++;
      }
    }
    await seedReviewTrail(tx, now);
  });
  return n;
}

const ENDORSEMENTS = [
  "I was on the bridge: calm, clear updates every 15 minutes.",
  "This saved us a weekend of firefighting.",
  "Great write-up; I used it on my next shift.",
  "Found the root cause when the rest of us were guessing.",
  "Handled the customer brilliantly under pressure.",
  "Clean change, well tested, zero fallout.",
  "Patient and thorough: exactly how a hand-over should look.",
];

/** Adjustments an engineer might make, by kind: the skill, the change and the reason they give. */
const ADJUSTMENTS: Record<string, Adjustment[]> = {
  incident: [
    { skill: "communication", points: 2, reason: "I wrote every customer status update during the outage" },
    { skill: "performance", points: 1, reason: "The fix was a missing index I found in the query plan" },
  ],
  change: [{ skill: "continuity", points: 1, reason: "Included a tested rollback and failover plan" }],
  problem: [{ skill: "communication", points: 1, reason: "Presented the RCA to the service owners" }],
  escalation: [{ skill: "leadership", points: 1, reason: "Coordinated three teams to get the customer answer" }],
  on_call: [{ skill: "debugging", points: 2, reason: "Most pages needed real investigation, not restarts" }],
  knowledge: [{ skill: "debugging", points: 1, reason: "Documented a diagnosis path nobody had written down" }],
  mentoring: [{ skill: "itil", points: 1, reason: "Taught the change process step by step" }],
};

/**
 * The review trail of the demo: audit entries for each item's creation and review, endorsements
 * from team colleagues and a few adjustments. Separate random stream, so the items stay the same.
 */
async function seedReviewTrail(tx: Kysely<Database>, now: Date) {
  const db = tx as never;
  const r = mulberry32(20241105);
  const people = await tx.selectFrom("people").select(["id", "team_id", "manager_id"]).execute();
  const items = await tx
    .selectFrom("evidence")
    .select(["id", "person_id", "kind", "status", "created_at", "verified_at", "verified_by", "return_reason"])
    .orderBy("id")
    .execute();
  const byId = new Map(people.map((p) => [p.id, p]));
  // Audit rows in the shape recordAudit writes, inserted in batches (thousands of rows).
  const rows: Insertable<Database["audit_log"]>[] = [];
  const audit = (e: AuditInput, at: Date) => {
    rows.push({
      at: at.toISOString(),
      actor_id: e.actorId,
      action: e.action,
      entity: e.entity,
      entity_id: String(e.entityId),
      subject_person_id: e.subjectPersonId,
      before_json: e.before === undefined ? null : JSON.stringify(e.before),
      after_json: e.after === undefined ? null : JSON.stringify(e.after),
      reason: e.reason ?? null,
    });
  };
  for (const e of items) {
    const owner = byId.get(e.person_id)!;
    audit(
      {
        actorId: e.person_id,
        action: "evidence_create",
        entity: "evidence",
        entityId: e.id,
        subjectPersonId: e.person_id,
        after: { status: e.status === "draft" ? "draft" : "submitted" },
      },
      new Date(e.created_at),
    );
    if (e.status === "verified" && e.verified_at) {
      audit(
        {
          actorId: e.verified_by,
          action: "evidence_verify",
          entity: "evidence",
          entityId: e.id,
          subjectPersonId: e.person_id,
          before: { status: "submitted" },
          after: { status: "verified" },
        },
        new Date(e.verified_at),
      );
    } else if (e.status === "returned") {
      audit(
        {
          actorId: owner.manager_id,
          action: "evidence_return",
          entity: "evidence",
          entityId: e.id,
          subjectPersonId: e.person_id,
          before: { status: "submitted" },
          after: { status: "returned" },
          reason: e.return_reason,
        },
        new Date(Date.parse(e.created_at) + 2 * 86_400_000),
      );
    }
    if (e.status === "draft") continue;
    // Endorsements from one or two colleagues in the same team.
    if (owner.team_id !== null && chance(r, 0.07)) {
      const colleagues = people.filter((p) => p.team_id === owner.team_id && p.id !== owner.id);
      const count = chance(r, 0.3) ? 2 : 1;
      const chosen = new Set<number>();
      for (let i = 0; i < count && colleagues.length; i++) chosen.add(pick(r, colleagues).id);
      for (const by of chosen) {
        const at = new Date(Math.min(now.getTime(), Date.parse(e.created_at) + between(r, 1, 10) * 86_400_000));
        const comment = pick(r, ENDORSEMENTS);
        await addEndorsement(db, e.id, by, comment, at);
        audit(
          {
            actorId: by,
            action: "evidence_endorse",
            entity: "evidence",
            entityId: e.id,
            subjectPersonId: e.person_id,
            after: { comment },
          },
          at,
        );
      }
    }
    // A few adjustments, where the owner felt the rules missed something.
    const options = ADJUSTMENTS[e.kind];
    if (options && chance(r, 0.04)) {
      const adj = [pick(r, options)];
      const at = new Date(Date.parse(e.created_at) + 3_600_000);
      await saveAdjustments(db, e.id, adj, e.person_id, at);
      audit(
        {
          actorId: e.person_id,
          action: "evidence_adjust",
          entity: "evidence",
          entityId: e.id,
          subjectPersonId: e.person_id,
          before: { status: e.status, adjustments: [] },
          after: { status: e.status, adjustments: adj },
        },
        at,
      );
    }
  }
  for (let i = 0; i < rows.length; i += 500)
    await tx
      .insertInto("audit_log")
      .values(rows.slice(i, i + 500))
      .execute();
}
