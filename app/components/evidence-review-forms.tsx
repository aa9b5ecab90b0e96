// The small forms of an evidence item's page: submit, verify, return (with a reason), adjust the points,
// endorse. Each is bound to its shared schema (app/schemas/evidence.ts) and shows its own pending state.
import { type SubmissionResult, getFormProps } from "@conform-to/react";
import { ENDORSEMENT_MAX, MAX_ADJUSTMENT, MAX_ADJUSTMENT_REASON_LENGTH, RETURN_REASON_MAX } from "~/domain/limits";
import { formatPoints } from "~/domain/mapping";
import { adjustSchema, endorsementSchema, returnSchema } from "~/schemas/evidence";
import { SubmitButton } from "./submit-button";
import { firstError, useSchemaForm } from "./use-schema-form";
import type { PageVersion } from "~/schemas/version";
import { VersionFields } from "./version-fields";
import { Form } from "~/components/form";

type Reply = SubmissionResult<string[]> | null;

export function SubmitItemForm() {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="submit" />
      <SubmitButton pendingLabel="Submitting…">Submit for review</SubmitButton>
    </Form>
  );
}

export function VerifyForm() {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="verify" />
      <SubmitButton pendingLabel="Verifying…">Verify</SubmitButton>
    </Form>
  );
}

export function ReturnForm({ lastResult, personName }: { lastResult: Reply; personName: string }) {
  const [form, fields] = useSchemaForm(returnSchema, { id: "return", lastResult });
  const error = firstError(fields.reason);
  const initial = fields.reason.initialValue;
  return (
    <Form method="post" className="return-form" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="return" />
      <div className="field">
        <label htmlFor="f-reason">Reason for returning it</label>
        <textarea
          id="f-reason"
          name={fields.reason.name}
          rows={2}
          maxLength={RETURN_REASON_MAX}
          defaultValue={typeof initial === "string" ? initial : ""}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "f-reason-error" : undefined}
        />
        {error ? (
          <span id="f-reason-error" className="error" role="alert">
            {error}
          </span>
        ) : null}
      </div>
      <SubmitButton className="secondary" pendingLabel="Returning…">
        Return to {personName}
      </SubmitButton>
    </Form>
  );
}

export function EndorseForm({ lastResult, mine }: { lastResult: Reply; mine: string }) {
  const [form, fields] = useSchemaForm(endorsementSchema, { id: "endorse", lastResult, defaultValue: { comment: mine } });
  const error = firstError(fields.comment);
  const initial = fields.comment.initialValue;
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="endorse" />
      <div className="field">
        <label htmlFor="f-comment">{mine ? "Your endorsement" : "Endorse this work"}</label>
        <textarea
          id="f-comment"
          name={fields.comment.name}
          rows={2}
          maxLength={ENDORSEMENT_MAX}
          required={fields.comment.required}
          defaultValue={typeof initial === "string" ? initial : ""}
          aria-invalid={error ? true : undefined}
          aria-describedby={`f-comment-hint${error ? " f-comment-error" : ""}`}
        />
        <span id="f-comment-hint" className="hint">
          A short comment, at most {ENDORSEMENT_MAX} characters.
        </span>
        {error ? (
          <span id="f-comment-error" className="error" role="alert">
            {error}
          </span>
        ) : null}
      </div>
      <div className="actions">
        <SubmitButton className="secondary" pendingLabel="Sending…">
          {mine ? "Update endorsement" : "Endorse"}
        </SubmitButton>
      </div>
    </Form>
  );
}

/** The owner's adjustment per skill (`adj.<skill>`, `reason.<skill>`), beside what the rules gave. */
export function AdjustForm({
  lastResult,
  skills,
  adjustments,
  verified,
  page,
}: {
  lastResult: Reply;
  skills: { key: string; name: string; fromRules: number }[];
  adjustments: { skill: string; points: number; reason: string }[];
  verified: boolean;
  /** the item's version (ADR 017) */
  page?: PageVersion | null;
}) {
  const defaultValue = {
    adj: Object.fromEntries(adjustments.map((a) => [a.skill, String(a.points)])),
    reason: Object.fromEntries(adjustments.map((a) => [a.skill, a.reason])),
  };
  const [form] = useSchemaForm(adjustSchema, { id: "adjust", lastResult, defaultValue });
  const initial = (form.initialValue ?? {}) as { adj?: Record<string, unknown>; reason?: Record<string, unknown> };
  const valueOf = (group: "adj" | "reason", skill: string) => {
    const v = initial[group]?.[skill];
    return typeof v === "string" ? v : "";
  };
  const errorOf = (name: string) => form.allErrors[name]?.[0];
  return (
    <details className="adjust" open={lastResult ? true : undefined}>
      <summary>Adjust the skill points</summary>
      <p className="hint">
        If the rules under- or over-state what this work meant for a skill, change it by up to ±{MAX_ADJUSTMENT} points and say
        why. Adjustments stay visible to your manager{verified ? "; changing them sends the item back for review" : ""}.
      </p>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="adjust" />
        <VersionFields page={page} />
        <table className="adjust-table">
          <caption className="sr-only">Adjustment per skill</caption>
          <thead>
            <tr>
              <th scope="col">Skill</th>
              <th scope="col" className="num">
                From rules
              </th>
              <th scope="col">Change</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {skills.map((s) => {
              const adjErr = errorOf(`adj.${s.key}`);
              const reasonErr = errorOf(`reason.${s.key}`);
              return (
                <tr key={s.key}>
                  <th scope="row">{s.name}</th>
                  <td className="num">{formatPoints(s.fromRules)}</td>
                  <td>
                    <label className="sr-only" htmlFor={`adj-${s.key}`}>
                      Change for {s.name}
                    </label>
                    <input
                      id={`adj-${s.key}`}
                      name={`adj.${s.key}`}
                      type="number"
                      min={-MAX_ADJUSTMENT}
                      max={MAX_ADJUSTMENT}
                      step={1}
                      className="narrow"
                      defaultValue={valueOf("adj", s.key)}
                      aria-invalid={adjErr ? true : undefined}
                      aria-describedby={adjErr ? `adj-${s.key}-error` : undefined}
                    />
                    {adjErr ? (
                      <span id={`adj-${s.key}-error`} className="error" role="alert">
                        {adjErr}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <label className="sr-only" htmlFor={`reason-${s.key}`}>
                      Reason for the {s.name} change
                    </label>
                    <input
                      id={`reason-${s.key}`}
                      name={`reason.${s.key}`}
                      type="text"
                      maxLength={MAX_ADJUSTMENT_REASON_LENGTH}
                      defaultValue={valueOf("reason", s.key)}
                      aria-invalid={reasonErr ? true : undefined}
                      aria-describedby={reasonErr ? `reason-${s.key}-error` : undefined}
                    />
                    {reasonErr ? (
                      <span id={`reason-${s.key}-error`} className="error" role="alert">
                        {reasonErr}
                      </span>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <div className="actions">
          <SubmitButton pendingLabel="Saving…">Save adjustments</SubmitButton>
        </div>
      </Form>
    </details>
  );
}
