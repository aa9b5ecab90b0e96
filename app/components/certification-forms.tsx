// The certification forms (issue 17, part 2): the admins' catalogue entry, a person's record of a
// certification they hold (with a link or an attachment), and the manager's review.
import { type FieldMetadata, type SubmissionResult, getFormProps } from "@conform-to/react";
import { useMemo, useState } from "react";
import { Form } from "~/components/form";
import { addMonthsToDay } from "~/domain/certifications";
import type { PageVersion } from "~/schemas/version";
import {
  CERTIFICATION_DESCRIPTION_MAX,
  CERTIFICATION_LINK_MAX,
  CERTIFICATION_NAME_MAX,
  CERTIFICATION_POINTS_MAX,
  CREDENTIAL_MAX,
  ISSUER_MAX,
  VALIDITY_MONTHS_MAX,
  certificationSchema,
  heldSchema,
} from "~/schemas/certification";
import { Field, FormError, SelectField, TextAreaField } from "./field";
import { SubmitButton } from "./submit-button";
import { fieldProps, firstError, selectProps, useSchemaForm } from "./use-schema-form";
import { VersionFields } from "./version-fields";

type Meta = Pick<FieldMetadata<unknown>, "name" | "initialValue" | "errors" | "allErrors">;

function Check({ meta, label, hint }: { meta: Meta; label: string; hint?: string }) {
  const id = `f-${meta.name}`;
  const error = firstError(meta);
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <div className="check-field">
        <input
          type="checkbox"
          id={id}
          name={meta.name}
          defaultChecked={meta.initialValue === "on"}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
        />
        <label htmlFor={id}>{label}</label>
      </div>
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

interface CatalogueProps {
  lastResult?: SubmissionResult<string[]> | null;
  /** strings as the form holds them; `points` per skill key; `positions` the ids ticked */
  defaultValue: Record<string, unknown>;
  skills: { key: string; name: string }[];
  positions: { id: number; name: string }[];
  isNew: boolean;
  page?: PageVersion | null;
}

export function CatalogueForm({ lastResult, defaultValue, skills, positions, isNew, page }: CatalogueProps) {
  const keys = skills.map((s) => s.key).join(",");
  const schema = useMemo(() => certificationSchema(keys ? keys.split(",") : []), [keys]);
  const [form, fields] = useSchemaForm(schema, { id: isNew ? "certification-new" : "certification", lastResult, defaultValue });
  const points = (fields.points as unknown as FieldMetadata<Record<string, number>>).getFieldset();
  const ticked = new Set(((defaultValue.positions as string[] | undefined) ?? []).map(String));
  const positionsError = firstError(fields.positions);
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={isNew ? "create" : "save"} />
      <VersionFields page={page} />
      <FormError error={form.errors?.[0]} />
      <Field {...fieldProps(fields.name)} label="Name" maxLength={CERTIFICATION_NAME_MAX} />
      <Field {...fieldProps(fields.key)} label="Key" hint="A short stable id, for example itil4-foundation." />
      <Field
        {...fieldProps(fields.issuer)}
        label="Issuer"
        maxLength={ISSUER_MAX}
        hint="For example PeopleCert, AWS, Microsoft."
      />
      <Field
        {...fieldProps(fields.validityMonths)}
        label="Valid for (months)"
        type="number"
        min={1}
        max={VALIDITY_MONTHS_MAX}
        step={1}
        hint="Leave empty for a certification that does not expire."
      />
      <TextAreaField {...fieldProps(fields.description)} label="Description" rows={3} maxLength={CERTIFICATION_DESCRIPTION_MAX} />
      {isNew ? null : (
        <Check
          meta={fields.retired}
          label="Retired"
          hint="A retired certification can no longer be recorded or required; the records people hold keep counting."
        />
      )}
      <fieldset className="req-fieldset">
        <legend>Points per skill while valid (0 to {CERTIFICATION_POINTS_MAX})</legend>
        <div className="req-grid">
          {skills.map((s) => (
            <Field
              key={s.key}
              {...fieldProps(points[s.key]!)}
              id={`f-points-${s.key}`}
              label={s.name}
              type="number"
              min={0}
              max={CERTIFICATION_POINTS_MAX}
              step={1}
            />
          ))}
        </div>
      </fieldset>
      <fieldset className="req-fieldset" aria-describedby={positionsError ? "f-positions-error" : undefined}>
        <legend>Required by positions</legend>
        <ul className="plain check-list">
          {positions.map((p) => (
            <li key={p.id}>
              <label>
                <input type="checkbox" name={fields.positions.name} value={p.id} defaultChecked={ticked.has(String(p.id))} />{" "}
                {p.name}
              </label>
            </li>
          ))}
        </ul>
        {positionsError ? (
          <span id="f-positions-error" className="error" role="alert">
            {positionsError}
          </span>
        ) : null}
      </fieldset>
      <div className="actions">
        <SubmitButton pendingLabel="Saving…">{isNew ? "Add certification" : "Save certification"}</SubmitButton>
      </div>
    </Form>
  );
}

interface HeldProps {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue: Record<string, unknown>;
  choices: { id: number; name: string; issuer: string; validityMonths: number | null; supports: string }[];
  /** the current attachment's name, when editing a record that has one */
  attachmentName?: string | null;
  page?: PageVersion | null;
  submitLabel: string;
}

/** Where the expiry starts: issued + the chosen certification's validity (editable). */
function suggestedExpiry(issued: string, months: number | null | undefined): string {
  if (!months || !/^\d{4}-\d{2}-\d{2}$/.test(issued)) return "";
  return addMonthsToDay(issued, months);
}

export function HeldForm({ lastResult, defaultValue, choices, attachmentName, page, submitLabel }: HeldProps) {
  const [form, fields] = useSchemaForm(heldSchema, { id: "held", lastResult, defaultValue });
  const [choice, setChoice] = useState(String(defaultValue.certificationId ?? ""));
  const [issued, setIssued] = useState(String(defaultValue.issuedOn ?? ""));
  const chosen = choices.find((c) => String(c.id) === choice);
  const suggestion = suggestedExpiry(issued, chosen?.validityMonths);
  return (
    <Form method="post" encType="multipart/form-data" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save" />
      <VersionFields page={page} />
      <FormError error={form.errors?.[0]} />
      <div onChange={(e) => setChoice((e.target as HTMLSelectElement).value)}>
        <SelectField
          {...selectProps(fields.certificationId)}
          label="Certification"
          empty="Choose a certification"
          options={choices.map((c) => ({ value: c.id, label: `${c.name} (${c.issuer})` }))}
          hint={
            chosen
              ? `${chosen.validityMonths ? `Valid ${chosen.validityMonths} months` : "Does not expire"}. ${chosen.supports ? `Counts for ${chosen.supports}.` : ""}`
              : undefined
          }
        />
      </div>
      <div onChange={(e) => setIssued((e.target as HTMLInputElement).value)}>
        <Field {...fieldProps(fields.issuedOn)} label="Issued on" type="date" />
      </div>
      <Field
        {...fieldProps(fields.expiresOn)}
        label="Expires on"
        type="date"
        hint={
          suggestion
            ? `Leave empty for ${suggestion} (issued + validity), or enter the date on the certificate.`
            : "Leave empty to use the certification's validity; it no longer counts from this day."
        }
      />
      <Field {...fieldProps(fields.credentialRef)} label="Credential id" maxLength={CREDENTIAL_MAX} />
      <Field
        {...fieldProps(fields.linkUrl)}
        label="Link to the credential"
        type="url"
        maxLength={CERTIFICATION_LINK_MAX}
        hint="The issuer's verification page (https://…)."
      />
      <div className="field">
        <label htmlFor="f-attachment">Attachment</label>
        <input
          id="f-attachment"
          name="attachment"
          type="file"
          accept="application/pdf,image/png,image/jpeg"
          aria-describedby={`f-attachment-hint${form.allErrors?.attachment ? " f-attachment-error" : ""}`}
          aria-invalid={form.allErrors?.attachment ? true : undefined}
        />
        <span id="f-attachment-hint" className="hint">
          The certificate as PDF, PNG or JPEG, at most 512 KB.{attachmentName ? ` Now attached: ${attachmentName}.` : ""}
        </span>
        {form.allErrors?.attachment?.[0] ? (
          <span id="f-attachment-error" className="error" role="alert">
            {form.allErrors.attachment[0]}
          </span>
        ) : null}
      </div>
      {attachmentName ? <Check meta={fields.removeAttachment} label="Remove the attachment" /> : null}
      <div className="actions">
        <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
      </div>
    </Form>
  );
}

/** The manager's buttons: verify, or return with a reason. */
export function ReviewForm({ lastResult }: { lastResult?: SubmissionResult<string[]> | null }) {
  const error = lastResult?.error?.reason?.[0];
  const formError = lastResult?.error?.[""]?.[0];
  return (
    <Form method="post" className="stack">
      <FormError error={formError} />
      <div className="actions">
        <SubmitButton name="intent" value="verify" pendingLabel="Verifying…">
          Verify
        </SubmitButton>
      </div>
      <TextAreaField name="reason" label="Reason to return it" rows={2} error={error} hint="Needed only to return it." />
      <div className="actions">
        <SubmitButton name="intent" value="return" className="secondary" pendingLabel="Returning…">
          Return with this reason
        </SubmitButton>
      </div>
    </Form>
  );
}
