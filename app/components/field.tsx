import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";

interface Labelled {
  name: string;
  label: string;
  error?: string;
  hint?: ReactNode;
}

/** The ids and ARIA attributes every field shares: `f-<name>`, its hint and its error. */
function fieldIds(name: string, id: string | undefined, hint: ReactNode, error: string | undefined) {
  const fid = id ?? `f-${name}`;
  const described = [hint ? `${fid}-hint` : null, error ? `${fid}-error` : null].filter(Boolean).join(" ") || undefined;
  return { fid, control: { id: fid, name, "aria-invalid": error ? true : undefined, "aria-describedby": described } };
}

/** Label, control, hint and an error message that sits next to the control and is announced to screen readers. */
function FieldShell({
  fid,
  label,
  hint,
  error,
  children,
}: {
  fid: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={fid}>{label}</label>
      {children}
      {hint ? (
        <span id={`${fid}-hint`} className="hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${fid}-error`} className="error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

type FieldProps = Labelled & InputHTMLAttributes<HTMLInputElement>;

/** A labelled input. */
export function Field({ name, label, error, hint, id, ...rest }: FieldProps) {
  const { fid, control } = fieldIds(name, id, hint, error);
  return (
    <FieldShell fid={fid} label={label} hint={hint} error={error}>
      <input {...control} {...rest} />
    </FieldShell>
  );
}

interface TextAreaFieldProps extends Labelled, Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "min" | "max" | "name"> {
  /** Accepted (and ignored) so that `fieldProps(...)` can be spread as for <Field>. */
  min?: string | number;
  max?: string | number;
}

/** A labelled textarea with the same ids as <Field>. */
export function TextAreaField({ name, label, error, hint, id, min: _min, max: _max, ...rest }: TextAreaFieldProps) {
  const { fid, control } = fieldIds(name, id, hint, error);
  return (
    <FieldShell fid={fid} label={label} hint={hint} error={error}>
      <textarea {...control} {...rest} />
    </FieldShell>
  );
}

interface SelectFieldProps extends Labelled {
  defaultValue?: string | number | null;
  /** options with a `group` are shown under an <optgroup> of that label (ladder tracks, ADR 022) */
  options: { value: string | number; label: string; group?: string }[];
  required?: boolean;
  empty?: string;
}

/** Consecutive options of one group together, in the order given; ungrouped ones under "". */
function optionGroups<O extends { group?: string }>(options: O[]): [string, O[]][] {
  const out: [string, O[]][] = [];
  for (const o of options) {
    const g = o.group ?? "";
    const last = out[out.length - 1];
    if (last && last[0] === g) last[1].push(o);
    else out.push([g, [o]]);
  }
  return out;
}

/** A labelled select with the same ids as <Field>. */
export function SelectField({ name, label, error, defaultValue, options, required, empty, hint }: SelectFieldProps) {
  const { fid, control } = fieldIds(name, undefined, hint, error);
  return (
    <FieldShell fid={fid} label={label} hint={hint} error={error}>
      <select {...control} defaultValue={defaultValue ?? ""} required={required}>
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {optionGroups(options).map(([group, list]) =>
          group ? (
            <optgroup key={group} label={group}>
              {list.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ) : (
            list.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))
          ),
        )}
      </select>
    </FieldShell>
  );
}

export function FormError({ error }: { error?: string }) {
  return error ? (
    <p className="alert" role="alert">
      {error}
    </p>
  ) : null;
}
