// The version an appraisal's forms carry and the refusal of a save from a stale page (ADR 017). One
// version per appraisal: the self-assessment, the manager review and their ratings are written together
// by the workflow, and a stale page is stale whichever side moved.
import type { DB } from "~/db.server";
import type { Ratings } from "~/domain/appraisal-terms";
import { appraisalLabels, appraisalSnapshot } from "~/domain/versioned-forms";
import { type AppraisalDetail, getAppraisal, getRatings } from "~/models/appraisals.server";
import { listSkills } from "~/models/catalog.server";
import type { PageVersion } from "~/schemas/version";
import { type Failure, notFound } from "~/utils/result";
import { pageVersion, staleFailure } from "../stale.server";
import { AUDIT_ENTITY } from "./start.server";

function snapshotOf(a: AppraisalDetail, ratings: { self: Ratings; manager: Ratings }, skills: string[]) {
  return appraisalSnapshot(
    {
      state: a.state,
      selfSummary: a.self_summary,
      managerComment: a.manager_comment,
      outcome: a.outcome,
      promoPositionName: a.promo_position_name,
      promoReadiness: a.promo_readiness,
    },
    ratings,
    skills,
  );
}

/** What the appraisal page's forms carry: its version and the fingerprint of what the page shows. */
export async function appraisalPageVersion(db: DB, a: AppraisalDetail, ratings?: { self: Ratings; manager: Ratings }) {
  const [skills, stored] = await Promise.all([listSkills(db), ratings ?? getRatings(db, a.id)]);
  return pageVersion(
    a.version,
    snapshotOf(
      a,
      stored,
      skills.map((s) => s.key),
    ),
  );
}

/** The 409 for a save from a page loaded before the appraisal's last change: what changed, by whom, when. */
export async function staleAppraisal(db: DB, id: number, page: PageVersion, viewerId: number): Promise<Failure> {
  const a = await getAppraisal(db, id);
  if (!a) return notFound("No such appraisal.");
  const [skills, ratings] = await Promise.all([listSkills(db), getRatings(db, id)]);
  return staleFailure(db, {
    entity: AUDIT_ENTITY,
    entityId: id,
    noun: "this appraisal",
    page,
    current: snapshotOf(
      a,
      ratings,
      skills.map((s) => s.key),
    ),
    labels: appraisalLabels(skills),
    updatedAt: a.updated_at,
    viewerId,
  });
}
