import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireUser, notFound } from "~/auth/session.server";
import { now } from "~/clock.server";
import { HeldForm, ReviewForm } from "~/components/certification-forms";
import { getDb } from "~/db.server";
import { auditFor } from "~/models/audit.server";
import { certificationReviewSchema, heldSchema } from "~/schemas/certification";
import { pageVersionOf } from "~/schemas/version";
import { attachmentPart } from "~/services/certification-attachments.server";
import { certificationChoices, heldPage } from "~/services/certification-pages.server";
import { editCertification, heldPageVersion, reviewCertification } from "~/services/certifications.server";
import styles from "~/styles/dashboard.css";
import { LONG_FORM_LIMIT } from "~/utils/body-limits";
import { readForm } from "~/utils/form-data.server";
import { parseWithZod, rejectSubmission, respond, unknownIntent } from "~/utils/respond.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.held.certification_name ?? "Certification"} · Certifications · SupportPath` },
];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

function recordId(raw: string | undefined): number {
  if (!/^\d{1,9}$/.test(raw ?? "")) throw notFound();
  return Number(raw);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const id = recordId(params.id);
  // Who may read the person's dashboard (or verify for them) sees the record; anyone else: not found.
  const page = await heldPage(db, user, id, now());
  if (!page) throw notFound();
  const [choices, history] = await Promise.all([
    page.canEdit ? certificationChoices(db) : Promise.resolve([]),
    auditFor(db, "person_certification", id),
  ]);
  const h = page.held;
  return json({
    ...page,
    own: h.person_id === user.id,
    choices,
    history: history.slice(-20).reverse(),
    version: heldPageVersion(h),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const id = recordId(params.id);
  // Who may not see the record is answered as for a record that does not exist, before reading the form.
  if (!(await heldPage(db, user, id, now()))) throw notFound();
  const data = await readForm(request, { limit: LONG_FORM_LIMIT });
  const intent = data.get("intent");
  if (intent === "save") {
    const file = attachmentPart(data);
    const submission = parseWithZod(data, { schema: heldSchema });
    if (submission.status !== "success") return rejectSubmission(submission);
    return respond(await editCertification(db, user, id, submission.value, file, now(), pageVersionOf(data)), submission, () =>
      redirect(`/certifications/${id}?saved=1`),
    );
  }
  if (intent === "verify" || intent === "return") {
    const submission = parseWithZod(data, { schema: certificationReviewSchema });
    if (submission.status !== "success") return rejectSubmission(submission);
    return respond(await reviewCertification(db, user, id, submission.value, now()), submission, () =>
      redirect(`/certifications/${id}?reviewed=1`),
    );
  }
  return unknownIntent();
}

const ACTIONS: Record<string, string> = {
  certification_record: "Recorded",
  certification_edit: "Edited and sent again",
  certification_verify: "Verified",
  certification_return: "Returned",
};

export default function CertificationRecord() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const h = d.held;
  const isReview = lastResult && "intent" in (lastResult.initialValue ?? {}) && lastResult.initialValue?.intent !== "save";
  return (
    <>
      <p>
        <Link to="/certifications">← Certifications</Link>
      </p>
      <h1>{h.certification_name}</h1>
      {params.get("saved") ? (
        <p className="notice" role="status">
          Saved and sent to your manager for verification.
        </p>
      ) : null}
      {params.get("reviewed") ? (
        <p className="notice" role="status">
          Review saved.
        </p>
      ) : null}
      <div className="grid-2">
        <section className="panel" aria-labelledby="record-heading">
          <h2 id="record-heading">{d.own ? "Your record" : h.person_name}</h2>
          <dl className="facts">
            <dt>Issuer</dt>
            <dd>{h.issuer}</dd>
            <dt>Status</dt>
            <dd>
              <span className={`badge ${h.status}`} data-testid="held-status">
                {d.statusLabel}
              </span>
              {h.verified_by_name ? ` by ${h.verified_by_name}` : ""}
            </dd>
            {h.status === "returned" && h.return_reason ? (
              <>
                <dt>Returned because</dt>
                <dd>{h.return_reason}</dd>
              </>
            ) : null}
            <dt>Issued</dt>
            <dd>{h.issued_on}</dd>
            <dt>Expires</dt>
            <dd data-testid="held-validity">
              {h.expires_on ?? "Does not expire"} — {d.validityLabel}
              {d.daysLeft !== null && d.daysLeft > 0 && d.validity !== "not_yet_valid" ? ` (${d.daysLeft} days left)` : ""}
            </dd>
            <dt>Counts as evidence</dt>
            <dd>{d.counts ? "Yes" : h.status === "verified" ? "No: outside its validity" : "Once verified"}</dd>
            {h.credential_ref ? (
              <>
                <dt>Credential id</dt>
                <dd>{h.credential_ref}</dd>
              </>
            ) : null}
            {h.link_url ? (
              <>
                <dt>Link</dt>
                <dd>
                  <a href={h.link_url} rel="noopener noreferrer nofollow" target="_blank">
                    {h.link_url}
                  </a>
                </dd>
              </>
            ) : null}
            {h.attachment_name ? (
              <>
                <dt>Attachment</dt>
                <dd>
                  <a href={`/certifications/${h.id}/attachment`} download>
                    {h.attachment_name}
                  </a>
                </dd>
              </>
            ) : null}
          </dl>
        </section>
        {d.canVerify ? (
          <section className="panel" aria-labelledby="review-heading">
            <h2 id="review-heading">Verify</h2>
            <p className="muted small">Check the credential (the link or the attachment) before you verify it.</p>
            <ReviewForm lastResult={isReview ? lastResult : null} />
          </section>
        ) : null}
        {d.canEdit ? (
          <section className="panel" aria-labelledby="edit-heading">
            <h2 id="edit-heading">Edit</h2>
            <HeldForm
              key={d.version.version}
              lastResult={isReview ? null : lastResult}
              defaultValue={{
                certificationId: String(h.certification_id),
                issuedOn: h.issued_on,
                expiresOn: h.expires_on ?? "",
                credentialRef: h.credential_ref ?? "",
                linkUrl: h.link_url ?? "",
              }}
              choices={
                d.choices.some((c) => c.id === h.certification_id)
                  ? d.choices
                  : [
                      ...d.choices,
                      {
                        id: h.certification_id,
                        name: h.certification_name,
                        issuer: h.issuer,
                        validityMonths: h.validity_months,
                        supports: "",
                      },
                    ]
              }
              attachmentName={h.attachment_name}
              page={d.version}
              submitLabel={h.status === "returned" ? "Save and send again" : "Save"}
            />
          </section>
        ) : null}
        <section className="panel" aria-labelledby="history-heading">
          <h2 id="history-heading">History</h2>
          <ul className="plain">
            {d.history.map((a) => (
              <li key={a.id}>
                <time dateTime={a.at}>{a.at.slice(0, 16).replace("T", " ")}</time> — {ACTIONS[a.action] ?? a.action} by{" "}
                {a.actor_name ?? "someone"}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
