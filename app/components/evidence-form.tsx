import { Form } from "@remix-run/react";
import { type ReactNode, useEffect, useState } from "react";
import { FIELD_GROUPS, type FieldGroup, groupApplies } from "~/domain/evidence-fields";
import { IMPACTS, OUTCOMES, PRIORITIES, WORK_ROLES } from "~/domain/mapping";
import type { EvidenceStatus } from "~/domain/types";
import { toLocalInput } from "~/utils/evidence-format";
import { Field } from "./field";

export type EvidenceFormValues = Record<string, string | undefined>;
type Errors = Record<string, string | undefined>;

/** The columns of a stored item the form needs (an `evidence` row as the loader sends it). */
export interface EvidenceRowLike {
  kind: string; title: string; external_ref: string | null; started_at: string | null; resolved_at: string;
  priority: string | null; impact: string | null; work_role: string | null; outcome: string | null;
  after_hours: number; after_hours_minutes: number; duration_minutes: number; emergency: number;
  adds_functionality: number; fixes_slowness: number; reassignment_count: number; reopen_count: number;
  problem_ref: string | null; change_ref: string | null; resolution_code: string | null; notes: string | null; links_json: string | null;
}

/** A stored item as the strings the form shows. */
export function formValuesOf(row: EvidenceRowLike): EvidenceFormValues {
  const on = (v: number) => (v ? "on" : "");
  return {
    kind: row.kind, title: row.title, externalRef: row.external_ref ?? "", startedAt: toLocalInput(row.started_at),
    resolvedAt: toLocalInput(row.resolved_at), priority: row.priority ?? "", impact: row.impact ?? "",
    workRole: row.work_role ?? "", outcome: row.outcome ?? "", afterHours: on(row.after_hours),
    afterHoursMinutes: row.after_hours_minutes ? String(row.after_hours_minutes) : "",
    durationMinutes: row.duration_minutes ? String(row.duration_minutes) : "", emergency: on(row.emergency),
    addsFunctionality: on(row.adds_functionality), fixesSlowness: on(row.fixes_slowness),
    reassignmentCount: row.reassignment_count ? String(row.reassignment_count) : "",
    reopenCount: row.reopen_count ? String(row.reopen_count) : "", problemRef: row.problem_ref ?? "",
    changeRef: row.change_ref ?? "", resolutionCode: row.resolution_code ?? "", notes: row.notes ?? "",
    links: row.links_json ? (JSON.parse(row.links_json) as string[]).join("\n") : "",
  };
}

const LABELS = {
  priority: { P1: "P1 – critical", P2: "P2 – high", P3: "P3 – moderate", P4: "P4 – low" } as Record<string, string>,
  impact: { low: "Low", medium: "Medium", high: "High", critical: "Critical" } as Record<string, string>,
  workRole: { lead: "Lead", contributor: "Contributor", reviewer: "Reviewer" } as Record<string, string>,
  outcome: { resolved: "Resolved", workaround: "Workaround", escalated: "Escalated" } as Record<string, string>,
};

function Select({ name, label, values, options, labels, errors, hint }: {
  name: string; label: string; values: EvidenceFormValues; options: readonly string[]; labels: Record<string, string>; errors: Errors; hint?: string;
}) {
  const id = `f-${name}`;
  const error = errors[name];
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={values[name] ?? ""} aria-invalid={error ? true : undefined} aria-describedby={described}>
        <option value="">— not given —</option>
        {options.map((o) => <option key={o} value={o}>{labels[o] ?? o}</option>)}
      </select>
      {hint ? <span id={`${id}-hint`} className="hint">{hint}</span> : null}
      {error ? <span id={`${id}-error`} className="error" role="alert">{error}</span> : null}
    </div>
  );
}

function Check({ name, label, values, errors, hint }: { name: string; label: string; values: EvidenceFormValues; errors: Errors; hint?: string }) {
  const id = `f-${name}`;
  const error = errors[name];
  return (
    <div className="field check">
      <label htmlFor={id}>
        <input type="checkbox" id={id} name={name} defaultChecked={values[name] === "on"} aria-describedby={hint ? `${id}-hint` : undefined} /> {label}
      </label>
      {hint ? <span id={`${id}-hint`} className="hint">{hint}</span> : null}
      {error ? <span className="error" role="alert">{error}</span> : null}
    </div>
  );
}

function NumberField({ name, label, values, errors, hint, max }: { name: string; label: string; values: EvidenceFormValues; errors: Errors; hint?: string; max: number }) {
  return <Field name={name} label={label} type="number" min={0} max={max} step={1} inputMode="numeric" defaultValue={values[name] ?? ""} error={errors[name]} hint={hint} />;
}

function TextArea({ name, label, values, errors, hint, rows }: { name: string; label: string; values: EvidenceFormValues; errors: Errors; hint?: ReactNode; rows: number }) {
  const id = `f-${name}`;
  const error = errors[name];
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} name={name} rows={rows} defaultValue={values[name] ?? ""} aria-invalid={error ? true : undefined} aria-describedby={described} />
      {hint ? <span id={`${id}-hint`} className="hint">{hint}</span> : null}
      {error ? <span id={`${id}-error`} className="error" role="alert">{error}</span> : null}
    </div>
  );
}

function groupBody(key: FieldGroup, values: EvidenceFormValues, errors: Errors): ReactNode {
  const p = { values, errors };
  switch (key) {
    case "severity":
      return (
        <div className="grid-2">
          <Select name="priority" label="Priority" options={PRIORITIES} labels={LABELS.priority} {...p} />
          <Select name="impact" label="Business impact" options={IMPACTS} labels={LABELS.impact} {...p} />
        </div>
      );
    case "role":
      return <Select name="workRole" label="Your role" options={WORK_ROLES} labels={LABELS.workRole} hint="Lead: you ran the bridge, the drill or the design." {...p} />;
    case "ticket":
      return (
        <>
          <div className="grid-2">
            <Select name="outcome" label="Outcome" options={OUTCOMES} labels={LABELS.outcome} {...p} />
            <Field name="resolutionCode" label="Resolution code" maxLength={80} defaultValue={values.resolutionCode ?? ""} error={errors.resolutionCode} />
          </div>
          <div className="grid-2">
            <NumberField name="reassignmentCount" label="Times reassigned" max={99} {...p} />
            <NumberField name="reopenCount" label="Times reopened" max={99} {...p} />
          </div>
          <div className="grid-2">
            <Field name="problemRef" label="Linked problem record" maxLength={80} placeholder="PRB0001234" defaultValue={values.problemRef ?? ""} error={errors.problemRef} />
            <Field name="changeRef" label="Related change" maxLength={80} placeholder="CHG0012345" defaultValue={values.changeRef ?? ""} error={errors.changeRef} />
          </div>
        </>
      );
    case "change":
      return (
        <>
          <Check name="emergency" label="Emergency change" {...p} />
          <Check name="addsFunctionality" label="Adds new functionality" {...p} />
        </>
      );
    case "refactoring":
      return <Check name="fixesSlowness" label="Fixes a memory leak or slowness" {...p} />;
    case "time":
      return (
        <>
          <NumberField name="durationMinutes" label="Duration (minutes)" max={10080} hint="Leave empty to use the time between start and finish." {...p} />
          <Check name="afterHours" label="Worked after hours" {...p} />
          <NumberField name="afterHoursMinutes" label="After-hours minutes" max={10080} {...p} />
        </>
      );
  }
}

/**
 * The evidence form. Every fieldset is rendered on the server; once JavaScript runs, the ones that
 * do not apply to the chosen kind are hidden (the server clears their values in any case).
 */
export function EvidenceForm({ values, errors, kinds, status, isNew }: {
  values: EvidenceFormValues;
  errors: Errors;
  kinds: { key: string; name: string }[];
  /** the stored item's status (edit only) */
  status?: EvidenceStatus;
  isNew: boolean;
}) {
  const [kind, setKind] = useState(values.kind ?? "");
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);
  const kindName = (k: string) => kinds.find((x) => x.key === k)?.name ?? k;
  // Only draft and returned items can be (re)submitted; others are saved with their review state.
  const canSubmit = isNew || status === "draft" || status === "returned";
  return (
    <Form method="post" className="stack evidence-form">
      {errors.form ? <p className="alert" role="alert">{errors.form}</p> : null}
      {status === "verified" ? (
        <p className="notice" role="note">This item is verified. Saving a change sends it back to your manager for review.</p>
      ) : null}
      <Field name="title" label="Title" required maxLength={200} defaultValue={values.title ?? ""} error={errors.title}
        hint="What you did, in a line: “Led the P1 bridge for the payments outage”." />
      <div className="field">
        <label htmlFor="f-kind">Kind of work</label>
        <select id="f-kind" name="kind" required defaultValue={values.kind ?? ""} onChange={(e) => setKind(e.currentTarget.value)}
          aria-invalid={errors.kind ? true : undefined} aria-describedby={errors.kind ? "f-kind-error" : undefined}>
          <option value="">— choose —</option>
          {kinds.map((k) => <option key={k.key} value={k.key}>{k.name}</option>)}
        </select>
        {errors.kind ? <span id="f-kind-error" className="error" role="alert">{errors.kind}</span> : null}
      </div>
      <Field name="externalRef" label="External reference" maxLength={80} placeholder="INC0012345, CHG0034567, JIRA-123"
        defaultValue={values.externalRef ?? ""} error={errors.externalRef} />
      <div className="grid-2">
        <Field name="startedAt" label="Started (UTC)" type="datetime-local" defaultValue={values.startedAt ?? ""} error={errors.startedAt} />
        <Field name="resolvedAt" label="Finished (UTC)" type="datetime-local" required defaultValue={values.resolvedAt ?? ""} error={errors.resolvedAt}
          hint="When it was resolved or done; not in the future." />
      </div>
      {FIELD_GROUPS.map((g) => (
        <fieldset key={g.key} className="kind-details" data-kinds={g.kinds.join(" ")} hidden={enhanced && !groupApplies(g, kind)}>
          <legend>{g.legend}</legend>
          <p className="hint">For: {g.kinds.map(kindName).join(", ")}.</p>
          {groupBody(g.key, values, errors)}
        </fieldset>
      ))}
      <TextArea name="notes" label="Notes" rows={6} values={values} errors={errors}
        hint="Markdown: **bold**, lists, [links](https://…). HTML is shown as text." />
      <TextArea name="links" label="Links" rows={3} values={values} errors={errors}
        hint="One http(s) URL per line: the ticket, the post-mortem, the pull request." />
      <div className="actions">
        {canSubmit ? (
          <>
            <button type="submit" name="intent" value={isNew ? "draft" : "save"} className="secondary">{status === "returned" ? "Save changes" : "Save as draft"}</button>
            <button type="submit" name="intent" value="submit">{status === "returned" ? "Resubmit for review" : "Submit for review"}</button>
          </>
        ) : (
          <button type="submit" name="intent" value="save">Save changes</button>
        )}
      </div>
    </Form>
  );
}
