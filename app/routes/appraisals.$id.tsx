import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { notFound, requireUser } from "~/auth/session.server";
import { now } from "~/clock.server";
import { AppraisalAudit } from "~/components/appraisal-audit";
import { AcknowledgeForm, ReasonForm, ReviewForm, type ReviewValues, SelfAssessmentForm } from "~/components/appraisal-forms";
import { AppraisalMatrix } from "~/components/appraisal-matrix";
import { StateBadge } from "~/components/appraisal-state";
import { FormError } from "~/components/field";
import { getDb } from "~/db.server";
import { APPRAISAL_EVENTS, type AppraisalEvent, EVENT_LABELS } from "~/domain/appraisal-workflow";
import { listSkills } from "~/models/catalog.server";
import { parseAppraisalEvent } from "~/schemas/appraisal";
import { pageVersionOf } from "~/schemas/version";
import { appraisalPage } from "~/services/appraisals/page.server";
import { applyAppraisalEvent } from "~/services/appraisals/workflow.server";
import styles from "~/styles/appraisals.css";
import feedbackStyles from "~/styles/feedback.css";
import { parseWithZod, rejectSubmission, respond, unknownIntent } from "~/utils/respond.server";
import type { CurrentUser } from "~/auth/session.server";
import { FeedbackPanel } from "~/components/feedback-panel";
import { REQUEST_INTENT, feedbackRequestSchema } from "~/schemas/feedback";
import { requestFeedback } from "~/services/feedback/request.server";
import { LONG_FORM_LIMIT } from "~/utils/body-limits";
import { readForm } from "~/utils/form-data.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `${data.appraisal.personName} · ${data.appraisal.cycleName}` : "Appraisal"} · SupportPath` },
];
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: feedbackStyles },
];

function idOf(raw: string | undefined): number {
  const id = /^\d{1,9}$/.test(raw ?? "") ? Number(raw) : NaN;
  if (!(id > 0)) throw notFound();
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const data = await appraisalPage(getDb(), user, idOf(params.id), now());
  // Not there, or not the user's to see: the same 404.
  if (!data) throw notFound();
  return json(data);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const appraisalId = idOf(params.id);
  const data = await readForm(request, { limit: LONG_FORM_LIMIT });
  if (data.get("intent") === REQUEST_INTENT) return requestFeedbackAction(db, user, appraisalId, data);
  // The rating forms have one field pair per skill the organisation rates.
  const skills = (await listSkills(db)).map((s) => s.key);
  const parsed = parseAppraisalEvent(data, skills);
  if (!parsed) return unknownIntent();
  const { submission, command } = parsed;
  if (!command) return rejectSubmission(submission);
  const result = await applyAppraisalEvent(db, user, { appraisalId, ...command }, now(), pageVersionOf(data));
  return respond(result, submission, ({ event }) => redirect(`/appraisals/${appraisalId}?done=${event}`));
}

/** Asking colleagues for feedback (issue 17, part 3): its own schema and command, the same adapter. */
async function requestFeedbackAction(db: ReturnType<typeof getDb>, user: CurrentUser, appraisalId: number, data: FormData) {
  const submission = parseWithZod(data, { schema: feedbackRequestSchema });
  if (submission.status !== "success") return rejectSubmission(submission);
  const respondentIds = submission.value.respondents.map(Number);
  const result = await requestFeedback(db, user, { appraisalId, respondentIds }, now());
  return respond(result, submission, ({ asked }) => redirect(`/appraisals/${appraisalId}?asked=${asked}#feedback-title`));
}

const DONE: Partial<Record<AppraisalEvent, string>> = {
  start: "Appraisal started: the employee can now write their self-assessment.",
  save_self: "Your draft is saved.",
  submit_self: "Self-assessment submitted: it is now with your manager.",
  save_review: "Review saved.",
  sign_off: "Signed off: the appraisal is locked and its snapshot stored.",
  acknowledge: "Acknowledged. Thank you.",
  reopen: "Reopened for the manager's review.",
  return_to_employee: "Returned to the employee for their self-assessment.",
};

const isEvent = (v: string | null): v is AppraisalEvent => APPRAISAL_EVENTS.some((e) => e === v);
const levelValue = (level: number | null) => (level === null ? "" : String(level));

export default function AppraisalPage() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const a = d.appraisal;
  const done = params.get("done");
  const doneText = isEvent(done) ? DONE[done] : undefined;
  // A refusal for a form the page no longer shows (the appraisal moved on meanwhile) is said at the top.
  const posted = lastResult?.initialValue?.intent;
  const orphanError =
    typeof posted === "string" && isEvent(posted) && !d.events.includes(posted) ? lastResult?.error?.[""]?.[0] : undefined;
  const colleagues = d.feedback?.view?.visible ? d.feedback.view : null;
  const asked = /^\d{1,3}$/.test(params.get("asked") ?? "") ? Number(params.get("asked")) : null;
  const ratingSkills = d.skills.map((s) => ({ key: s.key, name: s.name, level: s.level }));

  const selfDefaults = {
    summary: a.selfSummary ?? "",
    ratings: Object.fromEntries(d.skills.map((s) => [s.key, { level: levelValue(s.self.level), comment: s.self.comment }])),
  };
  const reviewDefaults: ReviewValues = {
    comment: a.managerComment ?? "",
    outcome: a.outcome ?? "",
    promotion: a.promoPositionId ? String(a.promoPositionId) : a.promoReadiness === "none" ? "none" : "",
    promoReadiness: a.promoReadiness && a.promoReadiness !== "none" ? a.promoReadiness : "",
    ratings: Object.fromEntries(d.skills.map((s) => [s.key, { level: levelValue(s.manager.level), comment: s.manager.comment }])),
  };
  const evidenceHref = (skill: string) => `${d.evidenceHref}&skill=${encodeURIComponent(skill)}`;
  const promotion = a.promoPositionName
    ? `${a.promoPositionName}${a.promoReadinessLabel ? ` — ${a.promoReadinessLabel}` : ""}`
    : a.promoReadiness === "none"
      ? "No promotion recommended"
      : "—";

  return (
    <>
      <p>
        <Link to="/appraisals">← Appraisals</Link>
      </p>
      <h1>
        {a.personName}: {a.cycleName} <StateBadge state={a.state} />
      </h1>
      {doneText ? (
        <p className="notice" role="status">
          {doneText}
        </p>
      ) : null}
      <FormError error={orphanError} />

      <section className="panel" aria-labelledby="facts-title">
        <h2 id="facts-title" className="sr-only">
          About this appraisal
        </h2>
        <dl className="facts">
          <dt>Period</dt>
          <dd>
            {a.periodStart} to {a.periodEnd}
          </dd>
          <dt>Self-assessment due</dt>
          <dd>{a.selfDue}</dd>
          <dt>Review due</dt>
          <dd>{a.reviewDue}</dd>
          <dt>Position</dt>
          <dd>{a.personPosition ?? "—"}</dd>
          <dt>Manager</dt>
          <dd>{a.managerName ?? "—"}</dd>
          <dt>Evidence of the period</dt>
          <dd>
            <Link to={d.evidenceHref}>{`${d.counts.total} item${d.counts.total === 1 ? "" : "s"}`}</Link>
            {` (${d.counts.verified} verified, ${d.counts.submitted} submitted)`}
          </dd>
          {a.signedOffAt ? (
            <>
              <dt>Signed off</dt>
              <dd>{a.signedOffAt.slice(0, 10)}</dd>
            </>
          ) : null}
          {a.acknowledgedAt ? (
            <>
              <dt>Acknowledged</dt>
              <dd>
                {a.acknowledgedAt.slice(0, 10)}
                {a.acknowledgementDisagrees ? <strong> · the employee disagrees</strong> : null}
              </dd>
              {a.acknowledgementComment ? (
                <>
                  <dt>Employee's comment</dt>
                  <dd className="pre-wrap">{a.acknowledgementComment}</dd>
                </>
              ) : null}
            </>
          ) : null}
          <dt>History</dt>
          <dd>
            <Link to={`/appraisals/history/${a.personId}`}>All cycles of {a.personName}</Link>
          </dd>
        </dl>
      </section>

      {d.fromSnapshot ? (
        <p className="notice snapshot-note" role="note">
          This record shows the snapshot taken at sign-off ({d.snapshotTakenAt?.slice(0, 10)}): evidence added or changed later
          does not change it.
        </p>
      ) : (
        <p className="muted">
          {a.periodEnd < d.asOf.slice(0, 10)
            ? `Levels from evidence are as of the end of the period (${a.periodEnd}).`
            : `Levels from evidence are as of today (${d.asOf.slice(0, 10)}): the period is still running.`}
        </p>
      )}

      <AppraisalMatrix
        skills={d.skills}
        evidenceHref={evidenceHref}
        caption={
          colleagues
            ? "Skills: evidence-derived level, self rating, manager rating and colleagues' feedback"
            : "Skills: evidence-derived level, self rating and manager rating"
        }
        feedback={colleagues}
      />

      {d.feedback ? <FeedbackPanel data={d.feedback} lastResult={lastResult} asked={asked} /> : null}

      <div className="grid-2">
        <section className="panel" aria-labelledby="summary-title">
          <h2 id="summary-title">Employee's summary</h2>
          {/* renderMarkdown (markdown-it, html: false) is the only HTML injected here. */}
          {a.selfSummaryHtml ? (
            <div className="markdown" dangerouslySetInnerHTML={{ __html: a.selfSummaryHtml }} />
          ) : (
            <p className="muted">Not written yet.</p>
          )}
        </section>
        <section className="panel" aria-labelledby="review-title">
          <h2 id="review-title">Manager's review</h2>
          <dl className="facts">
            <dt>Outcome</dt>
            <dd>{a.outcomeLabel ?? "—"}</dd>
            <dt>Promotion</dt>
            <dd>{promotion}</dd>
            <dt>Comment</dt>
            <dd>
              {a.managerCommentHtml ? (
                <div className="markdown" dangerouslySetInnerHTML={{ __html: a.managerCommentHtml }} />
              ) : (
                "—"
              )}
            </dd>
          </dl>
        </section>
      </div>

      {d.canEditSelf ? (
        <section className="panel">
          <SelfAssessmentForm skills={ratingSkills} defaultValue={selfDefaults} lastResult={lastResult} page={d.page} />
        </section>
      ) : null}

      {d.canEditReview ? (
        <section className="panel">
          <ReviewForm
            skills={ratingSkills}
            defaultValue={reviewDefaults}
            lastResult={lastResult}
            positions={d.positions}
            page={d.page}
          />
        </section>
      ) : null}

      {d.events.includes("return_to_employee") || d.events.includes("acknowledge") || d.events.includes("reopen") ? (
        <section className="panel" aria-labelledby="other-actions">
          <h2 id="other-actions">Actions</h2>
          <div className="stack">
            {d.events.includes("acknowledge") ? (
              <AcknowledgeForm label={EVENT_LABELS.acknowledge} lastResult={lastResult} />
            ) : null}
            {d.events.includes("return_to_employee") ? (
              <ReasonForm
                intent="return_to_employee"
                title="Return to the employee"
                button="Return to employee"
                required={false}
                lastResult={lastResult}
              />
            ) : null}
            {d.events.includes("reopen") ? (
              <ReasonForm
                intent="reopen"
                title="Reopen this signed-off appraisal"
                button="Reopen"
                required
                danger
                lastResult={lastResult}
              />
            ) : null}
          </div>
        </section>
      ) : null}

      <section className="panel" aria-labelledby="audit-title">
        <h2 id="audit-title">Audit log</h2>
        <AppraisalAudit entries={d.audit} />
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
