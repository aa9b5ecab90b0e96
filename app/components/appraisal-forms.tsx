import { Fragment } from "react";
import { Form } from "@remix-run/react";
import { LEVEL_NAMES } from "~/domain/defaults";
import { OUTCOMES, PROMOTION_READINESS } from "~/domain/appraisal-workflow";

type Values = Record<string, string | undefined>;
type Errors = Record<string, string | undefined>;

interface RatingSkill {
  key: string;
  name: string;
  /** evidence-derived level, shown as a hint */
  level: number;
}

function ErrorText({ id, error }: { id: string; error?: string }) {
  return error ? <span id={id} className="error" role="alert">{error}</span> : null;
}

/** One select (level 0-7) and one comment per skill, with errors next to each field. */
function RatingFields({ prefix, skills, values, errors, levelLabel }: { prefix: string; skills: RatingSkill[]; values: Values; errors: Errors; levelLabel: string }) {
  return (
    <div className="rating-grid">
      {skills.map((s) => {
        const levelName = `${s.key}.level`;
        const commentName = `${s.key}.comment`;
        const lid = `${prefix}-${s.key}-level`;
        const cid = `${prefix}-${s.key}-comment`;
        return (
          <Fragment key={s.key}>
            <div className="skill-name">
              {s.name}
              <div className="muted" style={{ fontWeight: 400, fontSize: ".85rem" }}>From evidence: level {s.level}</div>
            </div>
            <div className="field">
              <label htmlFor={lid}>{levelLabel}<span className="sr-only"> — {s.name}</span></label>
              <select id={lid} name={levelName} defaultValue={values[levelName] ?? ""} aria-invalid={errors[levelName] ? true : undefined}
                aria-describedby={errors[levelName] ? `${lid}-error` : undefined}>
                <option value="">Not rated</option>
                {LEVEL_NAMES.map((n, i) => (
                  <option key={i} value={i}>{i} · {n}</option>
                ))}
              </select>
              <ErrorText id={`${lid}-error`} error={errors[levelName]} />
            </div>
            <div className="field">
              <label htmlFor={cid}>Comment<span className="sr-only"> on {s.name}</span></label>
              <textarea id={cid} name={commentName} defaultValue={values[commentName] ?? ""} maxLength={2000} rows={2}
                aria-invalid={errors[commentName] ? true : undefined} aria-describedby={errors[commentName] ? `${cid}-error` : undefined} />
              <ErrorText id={`${cid}-error`} error={errors[commentName]} />
            </div>
          </Fragment>
        );
      })}
    </div>
  );
}

export function SelfAssessmentForm({ skills, values, errors }: { skills: RatingSkill[]; values: Values; errors: Errors }) {
  return (
    <Form method="post" className="stack" style={{ maxWidth: "none" }} aria-labelledby="self-form-title">
      <h2 id="self-form-title">Your self-assessment</h2>
      <p className="muted">Rate yourself on each skill (SFIA levels 0–7). You can save a draft and submit when you are ready; submitting sends it to your manager.</p>
      <RatingFields prefix="self" skills={skills} values={values} errors={errors} levelLabel="Your level" />
      <div className="field">
        <label htmlFor="f-summary">Summary of your period</label>
        <textarea id="f-summary" name="summary" defaultValue={values.summary ?? ""} maxLength={5000} rows={5}
          aria-invalid={errors.summary ? true : undefined} aria-describedby={errors.summary ? "f-summary-error" : undefined} />
        <ErrorText id="f-summary-error" error={errors.summary} />
      </div>
      <div className="actions">
        <button type="submit" name="intent" value="save_self" className="secondary">Save draft</button>
        <button type="submit" name="intent" value="submit_self">Submit to manager</button>
      </div>
    </Form>
  );
}

export function ReviewForm({ skills, values, errors, positions }: { skills: RatingSkill[]; values: Values; errors: Errors; positions: { id: number; name: string }[] }) {
  return (
    <Form method="post" className="stack" style={{ maxWidth: "none" }} aria-labelledby="review-form-title">
      <h2 id="review-form-title">Manager review</h2>
      <p className="muted">Rate each skill, give an overall outcome and a promotion recommendation. Save as often as you like; signing off locks the appraisal.</p>
      <RatingFields prefix="review" skills={skills} values={values} errors={errors} levelLabel="Your rating" />
      <div className="field">
        <label htmlFor="f-comment">Overall comment</label>
        <textarea id="f-comment" name="comment" defaultValue={values.comment ?? ""} maxLength={2000} rows={4}
          aria-invalid={errors.comment ? true : undefined} aria-describedby={errors.comment ? "f-comment-error" : undefined} />
        <ErrorText id="f-comment-error" error={errors.comment} />
      </div>
      <div className="grid-2">
        <div className="field">
          <label htmlFor="f-outcome">Overall outcome</label>
          <select id="f-outcome" name="outcome" defaultValue={values.outcome ?? ""} aria-invalid={errors.outcome ? true : undefined}
            aria-describedby={errors.outcome ? "f-outcome-error" : undefined}>
            <option value="">Choose…</option>
            {OUTCOMES.map((o) => (
              <option key={o.key} value={o.key}>{o.label}</option>
            ))}
          </select>
          <ErrorText id="f-outcome-error" error={errors.outcome} />
        </div>
        <div className="field">
          <label htmlFor="f-promo">Promotion recommendation: target position</label>
          <select id="f-promo" name="promoPositionId" defaultValue={values.promoPositionId ?? ""} aria-invalid={errors.promotion ? true : undefined}
            aria-describedby={errors.promotion ? "f-promo-error" : undefined}>
            <option value="">Choose…</option>
            <option value="none">No promotion recommended</option>
            {positions.map((p) => (
              <option key={p.id} value={p.id}>{p.name}</option>
            ))}
          </select>
          <ErrorText id="f-promo-error" error={errors.promotion} />
        </div>
        <div className="field">
          <label htmlFor="f-readiness">Ready for the target position</label>
          <select id="f-readiness" name="promoReadiness" defaultValue={values.promoReadiness ?? ""}>
            <option value="">Choose…</option>
            {PROMOTION_READINESS.map((o) => (
              <option key={o.key} value={o.key}>{o.label}</option>
            ))}
          </select>
        </div>
      </div>
      <div className="actions">
        <button type="submit" name="intent" value="save_review" className="secondary">Save review</button>
        <button type="submit" name="intent" value="sign_off">Sign off</button>
      </div>
    </Form>
  );
}

export function ReasonForm({ intent, title, button, required, error, danger }: { intent: string; title: string; button: string; required: boolean; error?: string; danger?: boolean }) {
  const id = `f-reason-${intent}`;
  return (
    <Form method="post" className="stack" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} style={{ margin: 0 }}>{title}</h3>
      <input type="hidden" name="intent" value={intent} />
      <div className="field">
        <label htmlFor={id}>Reason{required ? "" : " (optional)"}</label>
        <textarea id={id} name="reason" required={required} maxLength={2000} rows={2}
          aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
        <ErrorText id={`${id}-error`} error={error} />
      </div>
      <div className="actions">
        <button type="submit" className={danger ? "danger" : "secondary"}>{button}</button>
      </div>
    </Form>
  );
}
