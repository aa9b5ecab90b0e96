// The appraisal page's forms. Each is bound to its shared schema (app/schemas/appraisal.ts): the same
// schema shapes the submission on the server, and the workflow's messages come back next to the fields.
import { type SubmissionResult, getFormProps } from "@conform-to/react";
import { Fragment, useMemo } from "react";
import { CONFIRM_FIRST, OUTCOMES, PROMOTION_READINESS } from "~/domain/appraisal-workflow";
import { LEVEL_NAMES } from "~/domain/defaults";
import { MAX_COMMENT_LENGTH, MAX_SUMMARY_LENGTH } from "~/domain/limits";
import {
  REASON_INTENTS,
  REVIEW_INTENTS,
  SELF_INTENTS,
  acknowledgeSchema,
  reasonSchema,
  reviewSchema,
  selfAssessmentSchema,
} from "~/schemas/appraisal";
import { FormError } from "./field";
import { ConfirmSubmit } from "./confirm-submit";
import { SubmitButton } from "./submit-button";
import { firstError, useSchemaForm } from "./use-schema-form";
import type { PageVersion } from "~/schemas/version";
import { VersionFields } from "./version-fields";
import { Form } from "~/components/form";

type Reply = SubmissionResult<string[]> | null | undefined;

/** The reply is this form's when it answers one of the form's intents (the page has several forms). */
function replyFor(reply: Reply, intents: readonly string[]): Reply {
  const intent = reply?.initialValue?.intent;
  return typeof intent === "string" && intents.includes(intent) ? reply : null;
}

/** The command asked to confirm this intent (CONFIRM_FIRST): the form shows its confirm step. */
function confirmAsked(reply: Reply, intent: string): boolean {
  return reply?.initialValue?.intent === intent && Boolean(reply.error?.confirm?.length);
}

interface RatingSkill {
  key: string;
  name: string;
  /** evidence-derived level, shown as a hint */
  level: number;
}

/** What a form field needs from conform: its name, the value to show and its first message. */
interface FieldView {
  name: string;
  defaultValue?: string;
  error?: string;
}
type Meta = { name: string; initialValue?: unknown; errors: string[] | undefined; allErrors: Record<string, string[]> };
const view = (m: Meta): FieldView => ({
  name: m.name,
  defaultValue: typeof m.initialValue === "string" ? m.initialValue : undefined,
  error: firstError(m),
});
const invalidProps = (id: string, error?: string) => ({
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

/**
 * The rating fields of one skill from the form's `ratings` fieldset. The skills are the organisation's, so
 * the schema's keys are only known at run time and conform types the fieldset loosely: this names its shape.
 */
type RatingsMeta = { getFieldset: () => Record<string, { getFieldset: () => { level: Meta; comment: Meta } } | undefined> };
const ratingsOf = (meta: unknown) => meta as RatingsMeta;
function ratingViews(ratings: RatingsMeta, key: string) {
  const set = ratings.getFieldset()[key]?.getFieldset();
  const fallback = (f: string): FieldView => ({ name: `ratings.${key}.${f}` });
  return { level: set ? view(set.level) : fallback("level"), comment: set ? view(set.comment) : fallback("comment") };
}

/** One select (level 0-7) and one comment per skill, with errors next to each field. */
function RatingFields({
  prefix,
  skills,
  ratings,
  levelLabel,
}: {
  prefix: string;
  skills: RatingSkill[];
  ratings: RatingsMeta;
  levelLabel: string;
}) {
  return (
    <div className="rating-grid">
      {skills.map((s) => {
        const { level, comment } = ratingViews(ratings, s.key);
        const lid = `${prefix}-${s.key}-level`;
        const cid = `${prefix}-${s.key}-comment`;
        return (
          <Fragment key={s.key}>
            <div className="skill-name">
              {s.name}
              <div className="muted hint-level">From evidence: level {s.level}</div>
            </div>
            <div className="field">
              <label htmlFor={lid}>
                {levelLabel}
                <span className="sr-only"> — {s.name}</span>
              </label>
              <select id={lid} name={level.name} defaultValue={level.defaultValue ?? ""} {...invalidProps(lid, level.error)}>
                <option value="">Not rated</option>
                {LEVEL_NAMES.map((n, i) => (
                  <option key={i} value={i}>
                    {i} · {n}
                  </option>
                ))}
              </select>
              <ErrorText id={lid} error={level.error} />
            </div>
            <div className="field">
              <label htmlFor={cid}>
                Comment<span className="sr-only"> on {s.name}</span>
              </label>
              <textarea
                id={cid}
                name={comment.name}
                defaultValue={comment.defaultValue ?? ""}
                maxLength={MAX_COMMENT_LENGTH}
                rows={2}
                {...invalidProps(cid, comment.error)}
              />
              <ErrorText id={cid} error={comment.error} />
            </div>
          </Fragment>
        );
      })}
    </div>
  );
}

type RatingValues = Record<string, { level: string; comment: string }>;
const skillKeys = (skills: RatingSkill[]) => skills.map((s) => s.key);

export function SelfAssessmentForm({
  skills,
  defaultValue,
  lastResult,
  page,
}: {
  skills: RatingSkill[];
  defaultValue: { summary: string; ratings: RatingValues };
  lastResult: Reply;
  /** the appraisal's version (ADR 017) */
  page?: PageVersion;
}) {
  const keys = skillKeys(skills).join(" ");
  const schema = useMemo(() => selfAssessmentSchema(keys.split(" ")), [keys]);
  const [form, fields] = useSchemaForm(schema, { id: "self", lastResult: replyFor(lastResult, SELF_INTENTS), defaultValue });
  const summary = view(fields.summary);
  return (
    <Form method="post" className="stack wide" aria-labelledby="self-form-title" {...getFormProps(form)}>
      <h2 id="self-form-title">Your self-assessment</h2>
      <VersionFields page={page} />
      <p className="muted">
        Rate yourself on each skill (SFIA levels 0–7). You can save a draft and submit when you are ready; submitting sends it to
        your manager.
      </p>
      <FormError error={form.errors?.[0]} />
      <RatingFields prefix="self" skills={skills} ratings={ratingsOf(fields.ratings)} levelLabel="Your level" />
      <div className="field">
        <label htmlFor="f-summary">Summary of your period</label>
        <textarea
          id="f-summary"
          name={summary.name}
          defaultValue={summary.defaultValue ?? ""}
          maxLength={MAX_SUMMARY_LENGTH}
          rows={5}
          {...invalidProps("f-summary", summary.error)}
        />
        <ErrorText id="f-summary" error={summary.error} />
      </div>
      <div className="actions">
        <SubmitButton name="intent" value="save_self" className="secondary" pendingLabel="Saving…">
          Save draft
        </SubmitButton>
        <SubmitButton name="intent" value="submit_self" pendingLabel="Submitting…">
          Submit to manager
        </SubmitButton>
      </div>
    </Form>
  );
}

export interface ReviewValues {
  comment: string;
  outcome: string;
  promotion: string;
  promoReadiness: string;
  ratings: RatingValues;
}

export function ReviewForm({
  skills,
  defaultValue,
  lastResult,
  positions,
  page,
}: {
  skills: RatingSkill[];
  defaultValue: ReviewValues;
  lastResult: Reply;
  positions: { id: number; name: string }[];
  /** the appraisal's version (ADR 017) */
  page?: PageVersion;
}) {
  const keys = skillKeys(skills).join(" ");
  const schema = useMemo(() => reviewSchema(keys.split(" ")), [keys]);
  const [form, fields] = useSchemaForm(schema, {
    id: "review",
    lastResult: replyFor(lastResult, REVIEW_INTENTS),
    defaultValue: { ...defaultValue },
  });
  const comment = view(fields.comment);
  const outcome = view(fields.outcome);
  const promotion = view(fields.promotion);
  const readiness = view(fields.promoReadiness);
  return (
    <Form method="post" className="stack wide" aria-labelledby="review-form-title" {...getFormProps(form)}>
      <h2 id="review-form-title">Manager review</h2>
      <VersionFields page={page} />
      <p className="muted">
        Rate each skill, give an overall outcome and a promotion recommendation. Save as often as you like; signing off locks the
        appraisal.
      </p>
      <FormError error={form.errors?.[0]} />
      <RatingFields prefix="review" skills={skills} ratings={ratingsOf(fields.ratings)} levelLabel="Your rating" />
      <div className="field">
        <label htmlFor="f-comment">Overall comment</label>
        <textarea
          id="f-comment"
          name={comment.name}
          defaultValue={comment.defaultValue ?? ""}
          maxLength={MAX_COMMENT_LENGTH}
          rows={4}
          {...invalidProps("f-comment", comment.error)}
        />
        <ErrorText id="f-comment" error={comment.error} />
      </div>
      <div className="grid-2">
        <div className="field">
          <label htmlFor="f-outcome">Overall outcome</label>
          <select
            id="f-outcome"
            name={outcome.name}
            defaultValue={outcome.defaultValue ?? ""}
            {...invalidProps("f-outcome", outcome.error)}
          >
            <option value="">Choose…</option>
            {OUTCOMES.map((o) => (
              <option key={o.key} value={o.key}>
                {o.label}
              </option>
            ))}
          </select>
          <ErrorText id="f-outcome" error={outcome.error} />
        </div>
        <div className="field">
          <label htmlFor="f-promo">Promotion recommendation: target position</label>
          <select
            id="f-promo"
            name={promotion.name}
            defaultValue={promotion.defaultValue ?? ""}
            {...invalidProps("f-promo", promotion.error)}
          >
            <option value="">Choose…</option>
            <option value="none">No promotion recommended</option>
            {positions.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <ErrorText id="f-promo" error={promotion.error} />
        </div>
        <div className="field">
          <label htmlFor="f-readiness">Ready for the target position</label>
          <select
            id="f-readiness"
            name={readiness.name}
            defaultValue={readiness.defaultValue ?? ""}
            {...invalidProps("f-readiness", readiness.error)}
          >
            <option value="">Choose…</option>
            {PROMOTION_READINESS.map((o) => (
              <option key={o.key} value={o.key}>
                {o.label}
              </option>
            ))}
          </select>
          <ErrorText id="f-readiness" error={readiness.error} />
        </div>
      </div>
      <div className="actions">
        <SubmitButton name="intent" value="save_review" className="secondary" pendingLabel="Saving…">
          Save review
        </SubmitButton>
        <ConfirmSubmit
          name="intent"
          value="sign_off"
          label="Sign off"
          pendingLabel="Signing off…"
          title="Sign off this appraisal?"
          consequence={CONFIRM_FIRST.sign_off!.consequence}
          confirmLabel="Yes, sign off"
          asked={confirmAsked(lastResult, "sign_off")}
        />
      </div>
    </Form>
  );
}

export function ReasonForm({
  intent,
  title,
  button,
  required,
  danger,
  lastResult,
}: {
  intent: (typeof REASON_INTENTS)[number];
  title: string;
  button: string;
  required: boolean;
  danger?: boolean;
  lastResult: Reply;
}) {
  const [form, fields] = useSchemaForm(reasonSchema, { id: `reason-${intent}`, lastResult: replyFor(lastResult, [intent]) });
  const reason = view(fields.reason);
  const id = `f-reason-${intent}`;
  return (
    <Form method="post" className="stack" aria-labelledby={`${id}-title`} {...getFormProps(form)}>
      <h3 id={`${id}-title`} className="form-title">
        {title}
      </h3>
      {/* A confirmed intent travels with its button (ConfirmSubmit), the others in this field. */}
      {CONFIRM_FIRST[intent] ? null : <input type="hidden" name="intent" value={intent} />}
      <FormError error={form.errors?.[0]} />
      <div className="field">
        <label htmlFor={id}>Reason{required ? "" : " (optional)"}</label>
        <textarea
          id={id}
          name={reason.name}
          defaultValue={reason.defaultValue ?? ""}
          required={required}
          maxLength={MAX_COMMENT_LENGTH}
          rows={2}
          {...invalidProps(id, reason.error)}
        />
        <ErrorText id={id} error={reason.error} />
      </div>
      <div className="actions">
        {CONFIRM_FIRST[intent] ? (
          <ConfirmSubmit
            name="intent"
            value={intent}
            label={button}
            pendingLabel="Saving…"
            title={`${button} this appraisal?`}
            consequence={CONFIRM_FIRST[intent].consequence}
            confirmLabel={`Yes, ${button.toLowerCase()}`}
            danger={danger}
            asked={confirmAsked(lastResult, intent)}
          />
        ) : (
          <SubmitButton className={danger ? "danger" : "secondary"} pendingLabel="Saving…">
            {button}
          </SubmitButton>
        )}
      </div>
    </Form>
  );
}

/**
 * The employee's acknowledgement of a signed-off appraisal: that they have read it, with an optional comment
 * and a way to say they disagree. Both are kept with the signed-off record and in the audit log.
 */
export function AcknowledgeForm({ label, lastResult }: { label: string; lastResult: Reply }) {
  const [form, fields] = useSchemaForm(acknowledgeSchema, {
    id: "acknowledge",
    lastResult: replyFor(lastResult, ["acknowledge"]),
  });
  const comment = view(fields.comment);
  const disagree = fields.disagree;
  return (
    <Form method="post" className="stack" aria-labelledby="f-ack-title" {...getFormProps(form)}>
      <h3 id="f-ack-title" className="form-title">
        Acknowledge
      </h3>
      <p>Your manager has signed off this appraisal. Acknowledge that you have read it; you may add a comment.</p>
      <FormError error={form.errors?.[0]} />
      <input type="hidden" name="intent" value="acknowledge" />
      <div className="field">
        <label htmlFor="f-ack-comment">Your comment (optional)</label>
        <textarea
          id="f-ack-comment"
          name={comment.name}
          defaultValue={comment.defaultValue ?? ""}
          maxLength={MAX_COMMENT_LENGTH}
          rows={3}
          {...invalidProps("f-ack-comment", comment.error)}
        />
        <ErrorText id="f-ack-comment" error={comment.error} />
      </div>
      <div className="field">
        <div className="ack-check">
          <input type="checkbox" id="f-ack-disagree" name={disagree.name} defaultChecked={disagree.initialValue === "on"} />
          <label htmlFor="f-ack-disagree">I disagree with this appraisal</label>
        </div>
      </div>
      <div className="actions">
        <SubmitButton pendingLabel="Acknowledging…">{label}</SubmitButton>
      </div>
    </Form>
  );
}
