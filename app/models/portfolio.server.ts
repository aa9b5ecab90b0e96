// What a portfolio needs from the database: a person's counted evidence of a period with its
// contributions and endorsements, in three queries whatever the number of items.
import type { DB } from "~/db.server";
import type { PortfolioEvidenceIn, PortfolioPeriod } from "~/domain/portfolio";
import type { EvidenceStatus } from "~/domain/types";

const COUNTED: EvidenceStatus[] = ["submitted", "verified"];

function dayAfter(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export async function portfolioEvidence(db: DB, personId: number, period: PortfolioPeriod): Promise<PortfolioEvidenceIn[]> {
  const from = period.from;
  const until = dayAfter(period.to);
  const ofPeriod = db
    .selectFrom("evidence")
    .select("evidence.id")
    .where("evidence.person_id", "=", personId)
    .where("evidence.status", "in", COUNTED)
    .where("evidence.resolved_at", ">=", from)
    .where("evidence.resolved_at", "<", until);

  const [items, contributions, endorsements] = await Promise.all([
    db
      .selectFrom("evidence")
      .leftJoin("evidence_kinds", "evidence_kinds.key", "evidence.kind")
      .leftJoin("people as verifier", "verifier.id", "evidence.verified_by")
      .select([
        "evidence.id",
        "evidence.title",
        "evidence.kind",
        "evidence_kinds.name as kind_name",
        "evidence.external_ref",
        "evidence.resolved_at",
        "evidence.priority",
        "evidence.work_role",
        "evidence.outcome",
        "evidence.after_hours",
        "evidence.after_hours_minutes",
        "evidence.status",
        "evidence.notes",
        "verifier.name as verifier_name",
      ])
      .where("evidence.person_id", "=", personId)
      .where("evidence.status", "in", COUNTED)
      .where("evidence.resolved_at", ">=", from)
      .where("evidence.resolved_at", "<", until)
      .orderBy("evidence.resolved_at", "desc")
      .orderBy("evidence.id", "desc")
      .execute(),
    db
      .selectFrom("contributions")
      .select(["evidence_id", "skill_key", "points", "reason", "adjusted"])
      .where("evidence_id", "in", ofPeriod)
      .orderBy("evidence_id")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("endorsements")
      .innerJoin("people", "people.id", "endorsements.person_id")
      .select(["endorsements.evidence_id", "people.name", "endorsements.comment", "endorsements.created_at"])
      .where("endorsements.evidence_id", "in", ofPeriod)
      .orderBy("endorsements.evidence_id")
      .orderBy("endorsements.id")
      .execute(),
  ]);

  const byItem = new Map<number, PortfolioEvidenceIn>();
  const out = items.map((r) => {
    const e: PortfolioEvidenceIn = {
      id: r.id,
      title: r.title,
      kind: r.kind,
      kindName: r.kind_name ?? r.kind,
      externalRef: r.external_ref,
      resolvedAt: r.resolved_at,
      priority: r.priority,
      workRole: r.work_role,
      outcome: r.outcome,
      afterHours: !!r.after_hours,
      afterHoursMinutes: r.after_hours_minutes,
      status: r.status,
      verifierName: r.verifier_name,
      notes: r.notes,
      contributions: [],
      endorsements: [],
    };
    byItem.set(r.id, e);
    return e;
  });
  for (const c of contributions) {
    byItem
      .get(c.evidence_id)
      ?.contributions.push({ skill: c.skill_key, points: c.points, reason: c.reason, adjusted: !!c.adjusted });
  }
  for (const x of endorsements) {
    byItem.get(x.evidence_id)?.endorsements.push({ name: x.name, comment: x.comment, at: x.created_at });
  }
  return out;
}
