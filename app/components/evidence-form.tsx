import { type FieldMetadata, type SubmissionResult, getFormProps } from "@conform-to/react";
import { type ReactNode, useEffect, useMemo, useState } from "react";
import { FIELD_GROUPS, type FieldGroup, groupApplies } from "~/domain/evidence-fields";
import { EVIDENCE_COUNT_MAX, EVIDENCE_MINUTES_MAX, EVIDENCE_TITLE_MAX, REF_MAX } from "~/domain/limits";
import { IMPACTS, OUTCOMES, PRIORITIES, WORK_ROLES } from "~/domain/mapping";
import type { EvidenceStatus } from "~/domain/types";
import { evidenceSchema } from "~/schemas/evidence";
import { toLocalInput } from "~/utils/evidence-format";
import type { PageVersion } from "~/schemas/version";
import { Field, FormError } from "./field";
import { SubmitButton } from "./submit-button";
import { fieldProps, firstError, useSchemaForm } from "./use-schema-form";
import { VersionFields } from "./version-fields";
import { Form } from "~/components/form";

export type EvidenceFormValues = Record<string, string | undefined>;

/** The columns of a stored item the form needs (an `evidence` row as the loader sends it). */
export interface EvidenceRowLike {
  kind: string;
  title: string;
  external_ref: string | null;
  started_at: string | null;
  resolved_at: string;
  priority: string | null;
  impact: string | null;
  work_role: string | null;
  outcome: string | null;
  after_hours: number;
  after_hours_minutes: number;
  duration_minutes: number;
  emergency: number;
  adds_functionality: number;
  fixes_slowness: number;
  reassignment_count: number;
  reopen_count: number;
  problem_ref: string | null;
  change_ref: string | null;
  resolution_code: string | null;
  notes: string | null;
  links_json: string | null;
}

/** A stored item as the strings the form shows. */
export function formValuesOf(row: EvidenceRowLike): EvidenceFormValues {
  const on = (v: number) => (v ? "on" : "");
  return {
    kind: row.kind,
    title: row.title,
    externalRef: row.external_ref ?? "",
    startedAt: toLocalInput(row.started_at),
    resolvedAt: toLocalInput(row.resolved_at),
    priority: row.priority ?? "",
    impact: row.impact ?? "",
    workRole: row.work_role ?? "",
    outcome: row.outcome ?? "",
    afterHours: on(row.after_hours),
    afterHoursMinutes: row.after_hours_minutes ? String(row.after_hours_minutes) : "",
    durationMinutes: row.duration_minutes ? String(row.duration_minutes) : "",
    emergency: on(row.emergency),
    addsFunctionality: on(row.adds_functionality),
    fixesSlowness: on(row.fixes_slowness),
    reassignmentCount: row.reassignment_count ? String(row.reassignment_count) : "",
    reopenCount: row.reopen_count ? String(row.reopen_count) : "",
    problemRef: row.problem_ref ?? "",
    changeRef: row.change_ref ?? "",
    resolutionCode: row.resolution_code ?? "",
    notes: row.notes ?? "",
    links: row.links_json ? (JSON.parse(row.links_json) as string[]).join("\n") : "",
  };
}

/** Option labels by the stored value. */
const LABELS: Record<"priority" | "impact" | "workRole" | "outcome", Record<string, string>> = {
  priority: { P1: "P1 – critical", P2: "P2 – high", P3: "P3 – moderate", P4: "P4 – low" },
  impact: { low: "Low", medium: "Medium", high: "High", critical: "Critical" },
  workRole: { lead: "Lead", contributor: "Contributor", reviewer: "Reviewer" },
  outcome: { resolved: "Resolved", workaround: "Workaround", escalated: "Escalated" },
};

type Meta = Pick<
  FieldMetadata<unknown>,
  "name" | "initialValue" | "errors" | "allErrors" | "required" | "maxLength" | "minLength" | "min" | "max"
>;
/** The form's fields (conform's metadata, typed by the schema). */
type Fields = ReturnType<typeof useSchemaForm<ReturnType<typeof evidenceSchema>>>[1];

const initialOf = (meta: Meta) => (typeof meta.initialValue === "string" ? meta.initialValue : "");

function Select({
  meta,
  label,
  options,
  labels,
  hint,
}: {
  meta: Meta;
  label: string;
  options: readonly string[];
  labels: Record<string, string>;
  hint?: string;
}) {
  const id = `f-${meta.name}`;
  const error = firstError(meta);
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={meta.name}
        defaultValue={initialOf(meta)}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
      >
        <option value="">— not given —</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {labels[o] ?? o}
          </option>
        ))}
      </select>
      {hint ? (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

function Check({ meta, label, hint }: { meta: Meta; label: string; hint?: string }) {
  const id = `f-${meta.name}`;
  const error = firstError(meta);
  return (
    <div className="field check">
      <label htmlFor={id}>
        <input
          type="checkbox"
          id={id}
          name={meta.name}
          defaultChecked={initialOf(meta) === "on"}
          aria-describedby={hint ? `${id}-hint` : undefined}
        />{" "}
        {label}
      </label>
      {hint ? (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

function NumberField({ meta, label, hint, max }: { meta: Meta; label: string; hint?: string; max: number }) {
  return <Field {...fieldProps(meta)} label={label} type="number" min={0} max={max} step={1} inputMode="numeric" hint={hint} />;
}

function TextArea({ meta, label, hint, rows }: { meta: Meta; label: string; hint?: ReactNode; rows: number }) {
  const id = `f-${meta.name}`;
  const error = firstError(meta);
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        name={meta.name}
        rows={rows}
        defaultValue={initialOf(meta)}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
      />
      {hint ? (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

function groupBody(key: FieldGroup, f: Fields): ReactNode {
  switch (key) {
    case "severity":
      return (
        <div className="grid-2">
          <Select meta={f.priority} label="Priority" options={PRIORITIES} labels={LABELS.priority} />
          <Select meta={f.impact} label="Business impact" options={IMPACTS} labels={LABELS.impact} />
        </div>
      );
    case "role":
      return (
        <Select
          meta={f.workRole}
          label="Your role"
          options={WORK_ROLES}
          labels={LABELS.workRole}
          hint="Lead: you ran the bridge, the drill or the design."
        />
      );
    case "ticket":
      return (
        <>
          <div className="grid-2">
            <Select meta={f.outcome} label="Outcome" options={OUTCOMES} labels={LABELS.outcome} />
            <Field {...fieldProps(f.resolutionCode)} maxLength={REF_MAX} label="Resolution code" />
          </div>
          <div className="grid-2">
            <NumberField meta={f.reassignmentCount} label="Times reassigned" max={EVIDENCE_COUNT_MAX} />
            <NumberField meta={f.reopenCount} label="Times reopened" max={EVIDENCE_COUNT_MAX} />
          </div>
          <div className="grid-2">
            <Field {...fieldProps(f.problemRef)} maxLength={REF_MAX} label="Linked problem record" placeholder="PRB0001234" />
            <Field {...fieldProps(f.changeRef)} maxLength={REF_MAX} label="Related change" placeholder="CHG0012345" />
          </div>
        </>
      );
    case "change":
      return (
        <>
          <Check meta={f.emergency} label="Emergency change" />
          <Check meta={f.addsFunctionality} label="Adds new functionality" />
        </>
      );
    case "refactoring":
      return <Check meta={f.fixesSlowness} label="Fixes a memory leak or slowness" />;
    case "time":
      return (
        <>
          <NumberField
            meta={f.durationMinutes}
            label="Duration (minutes)"
            max={EVIDENCE_MINUTES_MAX}
            hint="Leave empty to use the time between start and finish."
          />
          <Check meta={f.afterHours} label="Worked after hours" />
          <NumberField meta={f.afterHoursMinutes} label="After-hours minutes" max={EVIDENCE_MINUTES_MAX} />
        </>
      );
  }
}

/**
 * The evidence form. Every fieldset is rendered on the server; once JavaScript runs, the ones that
 * do not apply to the chosen kind are hidden (the server clears their values in any case).
 */
export function EvidenceForm({
  lastResult,
  defaultValue,
  kinds,
  status,
  isNew,
  page,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue: EvidenceFormValues;
  kinds: { key: string; name: string }[];
  /** the stored item's status (edit only) */
  status?: EvidenceStatus;
  isNew: boolean;
  /** the stored item's version (edit only, ADR 017) */
  page?: PageVersion;
}) {
  // The browser checks the kind against the loader's list; "not in the future" is left to the server's clock.
  const schema = useMemo(() => evidenceSchema({ kinds: kinds.map((k) => k.key) }), [kinds]);
  const [form, fields] = useSchemaForm(schema, { id: "evidence", lastResult, defaultValue });
  const kindMeta = fields.kind;
  const [kind, setKind] = useState(initialOf(kindMeta));
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);
  const kindName = (k: string) => kinds.find((x) => x.key === k)?.name ?? k;
  const kindError = firstError(kindMeta);
  // Only draft and returned items can be (re)submitted; others are saved with their review state.
  const canSubmit = isNew || status === "draft" || status === "returned";
  return (
    <Form method="post" className="stack evidence-form" {...getFormProps(form)}>
      <VersionFields page={page} />
      <FormError error={form.errors?.[0]} />
      {status === "verified" ? (
        <p className="notice" role="note">
          This item is verified. Saving a change sends it back to your manager for review.
        </p>
      ) : null}
      <Field
        {...fieldProps(fields.title)}
        maxLength={EVIDENCE_TITLE_MAX}
        label="Title"
        hint="What you did, in a line: “Led the P1 bridge for the payments outage”."
      />
      <div className="field">
        <label htmlFor="f-kind">Kind of work</label>
        <select
          id="f-kind"
          name="kind"
          required
          defaultValue={initialOf(kindMeta)}
          onChange={(e) => setKind(e.currentTarget.value)}
          aria-invalid={kindError ? true : undefined}
          aria-describedby={kindError ? "f-kind-error" : undefined}
        >
          <option value="">— choose —</option>
          {kinds.map((k) => (
            <option key={k.key} value={k.key}>
              {k.name}
            </option>
          ))}
        </select>
        {kindError ? (
          <span id="f-kind-error" className="error" role="alert">
            {kindError}
          </span>
        ) : null}
      </div>
      <Field
        {...fieldProps(fields.externalRef)}
        maxLength={REF_MAX}
        label="External reference"
        placeholder="INC0012345, CHG0034567, JIRA-123"
      />
      <div className="grid-2">
        <Field {...fieldProps(fields.startedAt)} label="Started (UTC)" type="datetime-local" />
        <Field
          {...fieldProps(fields.resolvedAt)}
          label="Finished (UTC)"
          type="datetime-local"
          hint="When it was resolved or done; not in the future."
        />
      </div>
      {FIELD_GROUPS.map((g) => (
        <fieldset key={g.key} className="kind-details" data-kinds={g.kinds.join(" ")} hidden={enhanced && !groupApplies(g, kind)}>
          <legend>{g.legend}</legend>
          <p className="hint">For: {g.kinds.map(kindName).join(", ")}.</p>
          {groupBody(g.key, fields)}
        </fieldset>
      ))}
      <TextArea
        meta={fields.notes}
        label="Notes"
        rows={6}
        hint="Markdown: **bold**, lists, [links](https://…). HTML is shown as text."
      />
      <TextArea
        meta={fields.links}
        label="Links"
        rows={3}
        hint="One http(s) URL per line: the ticket, the post-mortem, the pull request."
      />
      <div className="actions">
        {canSubmit ? (
          <>
            <SubmitButton name="intent" value={isNew ? "draft" : "save"} className="secondary" pendingLabel="Saving…">
              {status === "returned" ? "Save changes" : "Save as draft"}
            </SubmitButton>
            <SubmitButton name="intent" value="submit" pendingLabel="Submitting…">
              {status === "returned" ? "Resubmit for review" : "Submit for review"}
            </SubmitButton>
          </>
        ) : (
          <SubmitButton name="intent" value="save" pendingLabel="Saving…">
            Save changes
          </SubmitButton>
        )}
      </div>
    </Form>
  );
}
