import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { permits, requireUser } from "~/auth/session.server";
import { ContributionList } from "~/components/contribution-list";
import { StatusBadge } from "~/components/evidence-badges";
import { EvidenceHistory } from "~/components/evidence-history";
import { getDb } from "~/db.server";
import { MAX_ADJUSTMENT, formatPoints } from "~/domain/mapping";
import { auditFor } from "~/models/audit.server";
import { listSkills } from "~/models/catalog.server";
import { getEvidenceDetail } from "~/models/evidence.server";
import { adjustEvidence, endorseEvidence, itemFor, reviewEvidence, submitEvidence } from "~/services/evidence.server";
import evidenceStyles from "~/styles/evidence.css";
import { formatDateTime, formatMinutes } from "~/utils/evidence-format";
import { renderMarkdown } from "~/utils/markdown.server";
import { formObject, invalid } from "~/validation/form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.item.title ?? "Evidence"} · SupportPath` }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: evidenceStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const row = await itemFor(db, user, Number(params.id));
  const [detail, history, skills] = await Promise.all([getEvidenceDetail(db, row.id), auditFor(db, "evidence", row.id), listSkills(db)]);
  if (!detail) throw new Response("Not found.", { status: 404 });
  const isOwner = row.person_id === user.id;
  const [canVerify, canEndorse] = await Promise.all([
    permits(db, user, "evidence:verify", row.person_id),
    isOwner ? false : permits(db, user, "evidence:endorse", row.person_id),
  ]);
  const fromRules: Record<string, number> = {};
  for (const c of detail.contributions) if (!c.adjusted) fromRules[c.skill_key] = (fromRules[c.skill_key] ?? 0) + c.points;
  return json({
    item: detail.item,
    contributions: detail.contributions,
    adjustments: detail.adjustments,
    endorsements: detail.endorsements,
    history,
    notesHtml: renderMarkdown(detail.item.notes),
    links: detail.item.links_json ? (JSON.parse(detail.item.links_json) as string[]) : [],
    isOwner,
    canVerify,
    canEndorse,
    myEndorsement: detail.endorsements.find((e) => e.person_id === user.id)?.comment ?? "",
    skills: skills.map((s) => ({ key: s.key, name: s.name, fromRules: fromRules[s.key] ?? 0 })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const id = Number(params.id);
  const form = formObject(await request.formData());
  const fail = (r: { errors: Record<string, string | undefined>; status?: number }) => invalid(r.errors, form, r.status ?? 422);
  switch (form.intent) {
    case "submit": {
      const row = await itemFor(db, user, id, "evidence:write");
      const r = await submitEvidence(db, user, row);
      return r.ok ? redirect(`/evidence/${id}?done=submitted`) : fail(r);
    }
    case "verify":
    case "return": {
      const row = await itemFor(db, user, id, "evidence:verify");
      const r = await reviewEvidence(db, user, row, form.intent, form);
      return r.ok ? redirect(`/evidence/${id}?done=${form.intent === "verify" ? "verified" : "returned"}`) : fail(r);
    }
    case "adjust": {
      const row = await itemFor(db, user, id, "evidence:write");
      const r = await adjustEvidence(db, user, row, form);
      return r.ok ? redirect(`/evidence/${id}?done=${r.changed ? "adjusted" : "unchanged"}`) : fail(r);
    }
    case "endorse": {
      const row = await itemFor(db, user, id, "evidence:endorse");
      const r = await endorseEvidence(db, user, row, form);
      return r.ok ? redirect(`/evidence/${id}?done=endorsed`) : fail(r);
    }
    default:
      await itemFor(db, user, id);
      return invalid({ form: "Unknown action." }, {}, 400);
  }
}

const DONE: Record<string, string> = {
  created: "Saved as a draft. Submit it when it is ready for your manager.",
  submitted: "Submitted for review.",
  saved: "Changes saved.",
  verified: "Verified.",
  returned: "Returned to its owner with your reason.",
  adjusted: "Adjustments saved.",
  unchanged: "No change to the adjustments.",
  endorsed: "Thank you: your endorsement is shown on the item.",
};

const LABEL: Record<string, string> = { lead: "Lead", contributor: "Contributor", reviewer: "Reviewer", resolved: "Resolved", workaround: "Workaround", escalated: "Escalated" };

export default function EvidenceItem() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const item = d.item;
  const errors = (result?.errors ?? {}) as Record<string, string | undefined>;
  const values = (result?.values ?? {}) as Record<string, string | undefined>;
  const intent = values.intent;
  const done = params.get("done");
  const adjustValues = (skill: string, field: "adj" | "reason") => {
    if (intent === "adjust") return values[`${field}.${skill}`] ?? "";
    const a = d.adjustments.find((x) => x.skill === skill);
    return a ? (field === "adj" ? String(a.points) : a.reason) : "";
  };
  const facts: [string, string | null][] = [
    ["Kind", item.kind_name ?? item.kind],
    ["Reference", item.external_ref],
    ["Started", item.started_at ? formatDateTime(item.started_at) : null],
    ["Finished", formatDateTime(item.resolved_at)],
    ["Priority", item.priority],
    ["Business impact", item.impact ? item.impact.charAt(0).toUpperCase() + item.impact.slice(1) : null],
    ["Role", item.work_role ? LABEL[item.work_role] ?? item.work_role : null],
    ["Outcome", item.outcome ? LABEL[item.outcome] ?? item.outcome : null],
    ["Duration", item.duration_minutes ? formatMinutes(item.duration_minutes) : null],
    ["After hours", item.after_hours ? `Yes${item.after_hours_minutes ? `, ${formatMinutes(item.after_hours_minutes)}` : ""}` : null],
    ["Emergency change", item.emergency ? "Yes" : null],
    ["Adds functionality", item.adds_functionality ? "Yes" : null],
    ["Fixes a leak or slowness", item.fixes_slowness ? "Yes" : null],
    ["Reassigned", item.reassignment_count ? `${item.reassignment_count}×` : null],
    ["Reopened", item.reopen_count ? `${item.reopen_count}×` : null],
    ["Problem record", item.problem_ref],
    ["Related change", item.change_ref],
    ["Resolution code", item.resolution_code],
    ["Source", item.source === "manual" ? "Logged by hand" : item.source === "import" ? "Imported" : "Ingest API"],
    ["Verified", item.verified_at ? `${formatDateTime(item.verified_at)} by ${item.verifier_name ?? "a manager"}` : null],
  ];
  return (
    <>
      <p>
        <Link to={d.isOwner ? "/evidence" : `/evidence?person=${item.person_id}`}>← {d.isOwner ? "Your evidence" : `Evidence: ${item.person_name}`}</Link>
      </p>
      <div className="page-head">
        <h1>{item.title}</h1>
        <p className="muted">
          <StatusBadge status={item.status} /> {item.kind_name ?? item.kind}
          {d.isOwner ? null : <> · by {item.person_name}</>}
        </p>
      </div>
      {done && DONE[done] ? <p className="notice" role="status">{DONE[done]}</p> : null}
      {errors.form ? <p className="alert" role="alert">{errors.form}</p> : null}
      {item.status === "returned" && item.return_reason ? (
        <div className="alert" role="note"><strong>Returned by the reviewer:</strong> {item.return_reason}</div>
      ) : null}

      <div className="grid-2">
        <section className="panel" aria-labelledby="h-points">
          <h2 id="h-points">Skill points</h2>
          <ContributionList contributions={d.contributions} />
        </section>
        <section className="panel" aria-labelledby="h-facts">
          <h2 id="h-facts">Details</h2>
          <dl className="facts">
            {facts.filter(([, v]) => v).map(([k, v]) => (
              <div key={k} className="fact"><dt>{k}</dt><dd>{v}</dd></div>
            ))}
          </dl>
        </section>
      </div>

      {d.notesHtml || d.links.length ? (
        <section className="panel" aria-labelledby="h-notes">
          <h2 id="h-notes">Notes</h2>
          {/* renderMarkdown (markdown-it, html: false, default link validation) is the only HTML injected here. */}
          {d.notesHtml ? <div className="markdown" dangerouslySetInnerHTML={{ __html: d.notesHtml }} /> : null}
          {d.links.length ? (
            <ul className="links">
              {d.links.map((l) => <li key={l}><a href={l} rel="nofollow noopener noreferrer">{l}</a></li>)}
            </ul>
          ) : null}
        </section>
      ) : null}

      {d.isOwner ? (
        <section className="panel" aria-labelledby="h-actions">
          <h2 id="h-actions">Your item</h2>
          <div className="actions">
            <Link className="button secondary" to={`/evidence/${item.id}/edit`}>Edit</Link>
            {item.status === "draft" || item.status === "returned" ? (
              <Form method="post">
                <input type="hidden" name="intent" value="submit" />
                <button type="submit">Submit for review</button>
              </Form>
            ) : null}
            <Link className="button danger" to={`/evidence/${item.id}/delete`}>Delete…</Link>
          </div>
          <details className="adjust" open={intent === "adjust" || undefined}>
            <summary>Adjust the skill points</summary>
            <p className="hint">
              If the rules under- or over-state what this work meant for a skill, change it by up to ±{MAX_ADJUSTMENT} points and say why.
              Adjustments stay visible to your manager{item.status === "verified" ? "; changing them sends the item back for review" : ""}.
            </p>
            <Form method="post">
              <input type="hidden" name="intent" value="adjust" />
              <table className="adjust-table">
                <caption className="sr-only">Adjustment per skill</caption>
                <thead><tr><th scope="col">Skill</th><th scope="col" className="num">From rules</th><th scope="col">Change</th><th scope="col">Reason</th></tr></thead>
                <tbody>
                  {d.skills.map((s) => {
                    const adjErr = intent === "adjust" ? errors[`adj.${s.key}`] : undefined;
                    const reasonErr = intent === "adjust" ? errors[`reason.${s.key}`] : undefined;
                    return (
                      <tr key={s.key}>
                        <th scope="row">{s.name}</th>
                        <td className="num">{formatPoints(s.fromRules)}</td>
                        <td>
                          <label className="sr-only" htmlFor={`adj-${s.key}`}>Change for {s.name}</label>
                          <input id={`adj-${s.key}`} name={`adj.${s.key}`} type="number" min={-MAX_ADJUSTMENT} max={MAX_ADJUSTMENT} step={1}
                            className="narrow" defaultValue={adjustValues(s.key, "adj")} aria-invalid={adjErr ? true : undefined}
                            aria-describedby={adjErr ? `adj-${s.key}-error` : undefined} />
                          {adjErr ? <span id={`adj-${s.key}-error`} className="error" role="alert">{adjErr}</span> : null}
                        </td>
                        <td>
                          <label className="sr-only" htmlFor={`reason-${s.key}`}>Reason for the {s.name} change</label>
                          <input id={`reason-${s.key}`} name={`reason.${s.key}`} type="text" maxLength={200} defaultValue={adjustValues(s.key, "reason")}
                            aria-invalid={reasonErr ? true : undefined} aria-describedby={reasonErr ? `reason-${s.key}-error` : undefined} />
                          {reasonErr ? <span id={`reason-${s.key}-error`} className="error" role="alert">{reasonErr}</span> : null}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <div className="actions"><button type="submit">Save adjustments</button></div>
            </Form>
          </details>
        </section>
      ) : null}

      {d.canVerify && (item.status === "submitted" || item.status === "verified") ? (
        <section className="panel" aria-labelledby="h-review">
          <h2 id="h-review">Review</h2>
          <div className="review-actions">
            {item.status === "submitted" ? (
              <Form method="post">
                <input type="hidden" name="intent" value="verify" />
                <button type="submit">Verify</button>
              </Form>
            ) : null}
            <Form method="post" className="return-form">
              <input type="hidden" name="intent" value="return" />
              <div className="field">
                <label htmlFor="f-reason">Reason for returning it</label>
                <textarea id="f-reason" name="reason" rows={2} maxLength={1000} defaultValue={intent === "return" ? values.reason : ""}
                  aria-invalid={errors.reason ? true : undefined} aria-describedby={errors.reason ? "f-reason-error" : undefined} />
                {errors.reason ? <span id="f-reason-error" className="error" role="alert">{errors.reason}</span> : null}
              </div>
              <button type="submit" className="secondary">Return to {item.person_name}</button>
            </Form>
          </div>
        </section>
      ) : null}

      <section className="panel" aria-labelledby="h-endorse">
        <h2 id="h-endorse">Endorsements</h2>
        {d.endorsements.length ? (
          <ul className="endorsements">
            {d.endorsements.map((e) => (
              <li key={e.id}><strong>{e.name}</strong>: {e.comment} <span className="muted small">({formatDateTime(e.created_at)})</span></li>
            ))}
          </ul>
        ) : <p className="muted">No endorsements yet.</p>}
        {d.canEndorse ? (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="endorse" />
            <div className="field">
              <label htmlFor="f-comment">{d.myEndorsement ? "Your endorsement" : "Endorse this work"}</label>
              <textarea id="f-comment" name="comment" rows={2} maxLength={280} required
                defaultValue={intent === "endorse" ? values.comment : d.myEndorsement}
                aria-invalid={errors.comment ? true : undefined} aria-describedby={`f-comment-hint${errors.comment ? " f-comment-error" : ""}`} />
              <span id="f-comment-hint" className="hint">A short comment, at most 280 characters.</span>
              {errors.comment ? <span id="f-comment-error" className="error" role="alert">{errors.comment}</span> : null}
            </div>
            <div className="actions"><button type="submit" className="secondary">{d.myEndorsement ? "Update endorsement" : "Endorse"}</button></div>
          </Form>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="h-history">
        <h2 id="h-history">History</h2>
        <EvidenceHistory entries={d.history} />
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
