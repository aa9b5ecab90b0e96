// The appraisal page's colleagues' feedback (issue 17, part 3): how many were asked and answered, the
// aggregates' comments once past the threshold (the levels sit in the matrix beside the ratings), and the
// form that asks more colleagues. Never a name of someone asked: the counts say enough (ADR 021).
import { type SubmissionResult, getFormProps } from "@conform-to/react";
import { Form } from "~/components/form";
import type { FeedbackView } from "~/domain/feedback";
import { REQUEST_INTENT, feedbackRequestSchema } from "~/schemas/feedback";
import { FormError } from "./field";
import { SubmitButton } from "./submit-button";
import { firstError, useSchemaForm } from "./use-schema-form";

type Reply = SubmissionResult<string[]> | null | undefined;

export interface FeedbackPanelData {
  canRequest: boolean;
  closedReason: string | null;
  candidates: { id: number; name: string; team: string | null; relationLabel: string }[];
  view: FeedbackView | null;
}

function Summary({ view }: { view: FeedbackView }) {
  const counts = `${view.answered} of ${view.asked} colleague${view.asked === 1 ? "" : "s"} asked ${view.answered === 1 ? "has" : "have"} answered.`;
  if (!view.asked) return <p className="muted">No colleague has been asked for feedback yet.</p>;
  if (!view.visible)
    return (
      <p>
        {counts}{" "}
        <span className="muted">
          Results appear once {view.threshold} have answered, so that no answer can be traced to anyone.
        </span>
      </p>
    );
  const withComments = view.skills.filter((s) => s.comments.length);
  return (
    <>
      <p>
        {counts} <span className="muted">Their levels are in the matrix above; comments are listed in alphabetical order.</span>
      </p>
      {withComments.length ? (
        <dl className="feedback-comments">
          {withComments.map((s) => (
            <div key={s.key}>
              <dt>{s.name}</dt>
              {s.comments.map((c, i) => (
                <dd key={i} className="pre-wrap">
                  {c}
                </dd>
              ))}
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted">No comments were written.</p>
      )}
    </>
  );
}

function RequestForm({ candidates, lastResult }: { candidates: FeedbackPanelData["candidates"]; lastResult: Reply }) {
  const mine = lastResult?.initialValue?.intent === REQUEST_INTENT ? lastResult : null;
  const [form, fields] = useSchemaForm(feedbackRequestSchema, { id: "feedback-request", lastResult: mine });
  const error = firstError(fields.respondents);
  if (!candidates.length) return <p className="muted">Everyone who could be asked has been asked.</p>;
  return (
    <Form method="post" className="stack wide" {...getFormProps(form)}>
      <FormError error={form.errors?.[0]} />
      <fieldset
        className="feedback-choices"
        aria-describedby={`feedback-respondents-hint${error ? " feedback-respondents-error" : ""}`}
        aria-invalid={error ? true : undefined}
      >
        <legend>Ask colleagues for feedback</legend>
        <p id="feedback-respondents-hint" className="hint muted">
          They answer a short form per skill. Only the totals are shown, once enough have answered; nobody sees who said what, and
          once asked nobody is listed here.
        </p>
        {error ? (
          <p id="feedback-respondents-error" className="error" role="alert">
            {error}
          </p>
        ) : null}
        <ul className="choice-list">
          {candidates.map((c) => (
            <li key={c.id}>
              <label>
                <input type="checkbox" name={fields.respondents.name} value={String(c.id)} /> {c.name}{" "}
                <span className="muted">
                  {c.relationLabel}
                  {c.team ? ` · ${c.team}` : ""}
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="actions">
        <SubmitButton name="intent" value={REQUEST_INTENT} pendingLabel="Asking…">
          Ask for feedback
        </SubmitButton>
      </div>
    </Form>
  );
}

export function FeedbackPanel({ data, lastResult, asked }: { data: FeedbackPanelData; lastResult: Reply; asked: number | null }) {
  return (
    <section className="panel" aria-labelledby="feedback-title">
      <h2 id="feedback-title">Colleagues' feedback</h2>
      {asked ? (
        <p className="notice" role="status">
          {`Asked ${asked} colleague${asked === 1 ? "" : "s"} for feedback.`}
        </p>
      ) : null}
      {data.view ? <Summary view={data.view} /> : null}
      {data.canRequest ? <RequestForm candidates={data.candidates} lastResult={lastResult} /> : null}
      {data.closedReason ? <p className="muted">{data.closedReason}</p> : null}
    </section>
  );
}
