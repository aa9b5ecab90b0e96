import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { permits, requireUser } from "~/auth/session.server";
import { ContributionList } from "~/components/contribution-list";
import { StatusBadge } from "~/components/evidence-badges";
import { EvidenceHistory } from "~/components/evidence-history";
import { FormError } from "~/components/field";
import { AdjustForm, EndorseForm, ReturnForm, SubmitItemForm, VerifyForm } from "~/components/evidence-review-forms";
import { getDb } from "~/db.server";
import { now } from "~/clock.server";
import { auditFor } from "~/models/audit.server";
import { listSkills } from "~/models/catalog.server";
import { getEvidenceDetail } from "~/models/evidence.server";
import { adjustSchema, adjustmentsOf, endorsementSchema, returnSchema } from "~/schemas/evidence";
import { intentOnly } from "~/schemas/evidence-actions.server";
import { pageVersionOf } from "~/schemas/version";
import {
  adjustEvidence,
  endorseEvidence,
  evidencePageVersion,
  itemFor,
  reviewEvidence,
  submitEvidence,
} from "~/services/evidence.server";
import evidenceStyles from "~/styles/evidence.css";
import { formatDateTime, formatMinutes } from "~/utils/evidence-format";
import { renderMarkdown } from "~/utils/markdown.server";
import { parseWithZod, rejectSubmission, respond, unknownIntent } from "~/utils/respond.server";
import { readForm } from "~/utils/form-data.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.item.title ?? "Evidence"} · SupportPath` }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: evidenceStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const row = await itemFor(db, user, Number(params.id));
  const [detail, history, skills] = await Promise.all([
    getEvidenceDetail(db, row.id),
    auditFor(db, "evidence", row.id),
    listSkills(db),
  ]);
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
    page: isOwner ? await evidencePageVersion(db, row) : null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const id = Number(params.id);
  const data = await readForm(request);
  const at = now();
  const done = (what: string) => () => redirect(`/evidence/${id}?done=${what}`);
  // Each intent first finds the item for what it does (404 for anyone else), then reads its own form.
  switch (data.get("intent")) {
    case "submit": {
      await itemFor(db, user, id, "evidence:write");
      const submission = parseWithZod(data, { schema: intentOnly });
      return respond(await submitEvidence(db, user, id, at), submission, done("submitted"));
    }
    case "verify": {
      await itemFor(db, user, id, "evidence:verify");
      const submission = parseWithZod(data, { schema: intentOnly });
      return respond(await reviewEvidence(db, user, id, { event: "verify" }, at), submission, done("verified"));
    }
    case "return": {
      await itemFor(db, user, id, "evidence:verify");
      const submission = parseWithZod(data, { schema: returnSchema });
      if (submission.status !== "success") return rejectSubmission(submission);
      return respond(
        await reviewEvidence(db, user, id, { event: "return", reason: submission.value.reason }, at),
        submission,
        done("returned"),
      );
    }
    case "adjust": {
      await itemFor(db, user, id, "evidence:write");
      const submission = parseWithZod(data, { schema: adjustSchema });
      if (submission.status !== "success") return rejectSubmission(submission);
      const result = await adjustEvidence(db, user, id, adjustmentsOf(submission.value), at, pageVersionOf(data));
      return respond(result, submission, ({ changed }) => done(changed ? "adjusted" : "unchanged")());
    }
    case "endorse": {
      await itemFor(db, user, id, "evidence:endorse");
      const submission = parseWithZod(data, { schema: endorsementSchema });
      if (submission.status !== "success") return rejectSubmission(submission);
      return respond(await endorseEvidence(db, user, id, submission.value.comment, at), submission, done("endorsed"));
    }
    default:
      await itemFor(db, user, id);
      return unknownIntent();
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

const LABEL: Record<string, string> = {
  lead: "Lead",
  contributor: "Contributor",
  reviewer: "Reviewer",
  resolved: "Resolved",
  workaround: "Workaround",
  escalated: "Escalated",
};

export default function EvidenceItem() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const item = d.item;
  // The reply goes back to the form that was sent (its intent); a conflict (409) is shown at the top.
  const intent = typeof result?.initialValue?.intent === "string" ? result.initialValue.intent : undefined;
  const replyTo = (which: string) => (intent === which ? result : null);
  const done = params.get("done");
  const facts: [string, string | null][] = [
    ["Kind", item.kind_name ?? item.kind],
    ["Reference", item.external_ref],
    ["Started", item.started_at ? formatDateTime(item.started_at) : null],
    ["Finished", formatDateTime(item.resolved_at)],
    ["Priority", item.priority],
    ["Business impact", item.impact ? item.impact.charAt(0).toUpperCase() + item.impact.slice(1) : null],
    ["Role", item.work_role ? (LABEL[item.work_role] ?? item.work_role) : null],
    ["Outcome", item.outcome ? (LABEL[item.outcome] ?? item.outcome) : null],
    ["Duration", item.duration_minutes ? formatMinutes(item.duration_minutes) : null],
    [
      "After hours",
      item.after_hours ? `Yes${item.after_hours_minutes ? `, ${formatMinutes(item.after_hours_minutes)}` : ""}` : null,
    ],
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
        <Link to={d.isOwner ? "/evidence" : `/evidence?person=${item.person_id}`}>
          ← {d.isOwner ? "Your evidence" : `Evidence: ${item.person_name}`}
        </Link>
      </p>
      <div className="page-head">
        <h1>{item.title}</h1>
        <p className="muted">
          <StatusBadge status={item.status} /> {item.kind_name ?? item.kind}
          {d.isOwner ? null : <> · by {item.person_name}</>}
        </p>
      </div>
      {done && DONE[done] ? (
        <p className="notice" role="status">
          {DONE[done]}
        </p>
      ) : null}
      <FormError error={result?.error?.[""]?.[0]} />
      {item.status === "returned" && item.return_reason ? (
        <div className="alert" role="note">
          <strong>Returned by the reviewer:</strong> {item.return_reason}
        </div>
      ) : null}

      <div className="grid-2">
        <section className="panel" aria-labelledby="h-points">
          <h2 id="h-points">Skill points</h2>
          <ContributionList contributions={d.contributions} />
        </section>
        <section className="panel" aria-labelledby="h-facts">
          <h2 id="h-facts">Details</h2>
          <dl className="facts">
            {facts
              .filter(([, v]) => v)
              .map(([k, v]) => (
                <div key={k} className="fact">
                  <dt>{k}</dt>
                  <dd>{v}</dd>
                </div>
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
              {d.links.map((l) => (
                <li key={l}>
                  <a href={l} rel="nofollow noopener noreferrer">
                    {l}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}

      {d.isOwner ? (
        <section className="panel" aria-labelledby="h-actions">
          <h2 id="h-actions">Your item</h2>
          <div className="actions">
            <Link className="button secondary" to={`/evidence/${item.id}/edit`}>
              Edit
            </Link>
            {item.status === "draft" || item.status === "returned" ? <SubmitItemForm /> : null}
            <Link className="button danger" to={`/evidence/${item.id}/delete`}>
              Delete…
            </Link>
          </div>
          <AdjustForm
            lastResult={replyTo("adjust")}
            skills={d.skills}
            adjustments={d.adjustments}
            verified={item.status === "verified"}
            page={d.page}
          />
        </section>
      ) : null}

      {d.canVerify && (item.status === "submitted" || item.status === "verified") ? (
        <section className="panel" aria-labelledby="h-review">
          <h2 id="h-review">Review</h2>
          <div className="review-actions">
            {item.status === "submitted" ? <VerifyForm /> : null}
            <ReturnForm lastResult={replyTo("return")} personName={item.person_name} />
          </div>
        </section>
      ) : null}

      <section className="panel" aria-labelledby="h-endorse">
        <h2 id="h-endorse">Endorsements</h2>
        {d.endorsements.length ? (
          <ul className="endorsements">
            {d.endorsements.map((e) => (
              <li key={e.id}>
                <strong>{e.name}</strong>: {e.comment} <span className="muted small">({formatDateTime(e.created_at)})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No endorsements yet.</p>
        )}
        {d.canEndorse ? <EndorseForm lastResult={replyTo("endorse")} mine={d.myEndorsement} /> : null}
      </section>

      <section className="panel" aria-labelledby="h-history">
        <h2 id="h-history">History</h2>
        <EvidenceHistory entries={d.history} />
      </section>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
