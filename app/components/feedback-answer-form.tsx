// The form a colleague answers a feedback request with (issue 17, part 3): per skill a level 0-5 or
// "Can't say" and an optional comment, with the schema's messages next to each field; or a decline.
import { type SubmissionResult, getFormProps } from "@conform-to/react";
import { Fragment, useMemo } from "react";
import { Form } from "~/components/form";
import { LEVEL_NAMES } from "~/domain/defaults";
import { CANT_SAY, MAX_FEEDBACK_COMMENT_LENGTH } from "~/domain/feedback";
import { declineSchema, feedbackAnswerSchema } from "~/schemas/feedback";
import { FormError } from "./field";
import { SubmitButton } from "./submit-button";
import { firstError, useSchemaForm } from "./use-schema-form";

type Reply = SubmissionResult<string[]> | null | undefined;
type Meta = { name: string; initialValue?: unknown; errors: string[] | undefined; allErrors: Record<string, string[]> };
type AnswersMeta = { getFieldset: () => Record<string, { getFieldset: () => { level: Meta; comment: Meta } } | undefined> };

const described = (id: string, error?: string) => ({
  "aria-invalid": error ? true : undefined,
  "aria-describedby": error ? `${id}-error` : undefined,
});

function ErrorText({ id, error }: { id: string; error?: string }) {
  return error ? (
    <span id={`${id}-error`} className="error" role="alert">
      {error}
    </span>
  ) : null;
}

const initial = (m: Meta | undefined) => (typeof m?.initialValue === "string" ? m.initialValue : undefined);

export function FeedbackAnswerForm({
  skills,
  levels,
  lastResult,
}: {
  skills: { key: string; name: string }[];
  levels: number[];
  lastResult: Reply;
}) {
  const keys = skills.map((s) => s.key).join(" ");
  const schema = useMemo(() => feedbackAnswerSchema(keys.split(" ")), [keys]);
  const mine = lastResult?.initialValue?.intent === "answer" ? lastResult : null;
  const [form, fields] = useSchemaForm(schema, { id: "feedback-answer", lastResult: mine });
  const answers = (fields.answers as unknown as AnswersMeta).getFieldset();
  return (
    <Form method="post" className="stack wide" aria-labelledby="answer-title" {...getFormProps(form)}>
      <h2 id="answer-title">Your feedback</h2>
      <p className="muted">
        Levels from 0 (none) to 5 (ensures and advises); choose "Can't say" where you have not seen their work. Your answer is
        added to the others' and never stored with your name: nobody, not even you, can see later what you wrote.
      </p>
      <FormError error={form.errors?.[0]} />
      <div className="answer-grid">
        {skills.map((s) => {
          const set = answers[s.key]?.getFieldset();
          const level = set?.level;
          const comment = set?.comment;
          const lid = `answer-${s.key}-level`;
          const cid = `answer-${s.key}-comment`;
          const levelError = level ? firstError(level) : undefined;
          const commentError = comment ? firstError(comment) : undefined;
          return (
            <Fragment key={s.key}>
              <div className="skill-name">{s.name}</div>
              <div className="field">
                <label htmlFor={lid}>
                  Level<span className="sr-only"> — {s.name}</span>
                </label>
                <select
                  id={lid}
                  name={level?.name ?? `answers.${s.key}.level`}
                  defaultValue={initial(level) ?? CANT_SAY}
                  required
                  {...described(lid, levelError)}
                >
                  <option value={CANT_SAY}>Can't say</option>
                  {levels.map((l) => (
                    <option key={l} value={l}>
                      {l} · {LEVEL_NAMES[l]}
                    </option>
                  ))}
                </select>
                <ErrorText id={lid} error={levelError} />
              </div>
              <div className="field">
                <label htmlFor={cid}>
                  Comment (optional)<span className="sr-only"> on {s.name}</span>
                </label>
                <textarea
                  id={cid}
                  name={comment?.name ?? `answers.${s.key}.comment`}
                  defaultValue={initial(comment) ?? ""}
                  maxLength={MAX_FEEDBACK_COMMENT_LENGTH}
                  rows={2}
                  {...described(cid, commentError)}
                />
                <ErrorText id={cid} error={commentError} />
              </div>
            </Fragment>
          );
        })}
      </div>
      <div className="actions">
        <SubmitButton name="intent" value="answer" pendingLabel="Sending…">
          Send feedback
        </SubmitButton>
      </div>
    </Form>
  );
}

export function DeclineForm({ lastResult }: { lastResult: Reply }) {
  const mine = lastResult?.initialValue?.intent === "decline" ? lastResult : null;
  const [form] = useSchemaForm(declineSchema, { id: "feedback-decline", lastResult: mine });
  return (
    <Form method="post" className="stack" aria-labelledby="decline-title" {...getFormProps(form)}>
      <h2 id="decline-title">Or decline</h2>
      <p className="muted">If you do not know their work well enough, decline: the request leaves your list.</p>
      <FormError error={form.errors?.[0]} />
      <div className="actions">
        <SubmitButton name="intent" value="decline" className="secondary" pendingLabel="Declining…">
          Decline this request
        </SubmitButton>
      </div>
    </Form>
  );
}
