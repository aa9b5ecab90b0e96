import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from "react";

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  error?: string;
  hint?: ReactNode;
}

/** A labelled input whose error message sits next to it and is announced to screen readers. */
export function Field({ name, label, error, hint, id, ...rest }: FieldProps) {
  const fid = id ?? `f-${name}`;
  const described = [hint ? `${fid}-hint` : null, error ? `${fid}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={fid}>{label}</label>
      <input id={fid} name={name} aria-invalid={error ? true : undefined} aria-describedby={described} {...rest} />
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

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "min" | "max"> {
  name: string;
  label: string;
  error?: string;
  hint?: ReactNode;
  /** Accepted (and ignored) so that `fieldProps(...)` can be spread as for <Field>. */
  min?: string | number;
  max?: string | number;
}

/** A labelled textarea with the same ids as <Field>: `f-<name>`, `f-<name>-hint`, `f-<name>-error`. */
export function TextAreaField({ name, label, error, hint, id, min: _min, max: _max, ...rest }: TextAreaFieldProps) {
  const fid = id ?? `f-${name}`;
  const described = [hint ? `${fid}-hint` : null, error ? `${fid}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={fid}>{label}</label>
      <textarea id={fid} name={name} aria-invalid={error ? true : undefined} aria-describedby={described} {...rest} />
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

interface SelectFieldProps {
  name: string;
  label: string;
  error?: string;
  defaultValue?: string | number | null;
  options: { value: string | number; label: string }[];
  required?: boolean;
  empty?: string;
  hint?: ReactNode;
}

export function SelectField({ name, label, error, defaultValue, options, required, empty, hint }: SelectFieldProps) {
  const fid = `f-${name}`;
  const described = [hint ? `${fid}-hint` : null, error ? `${fid}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={fid}>{label}</label>
      <select
        id={fid}
        name={name}
        defaultValue={defaultValue ?? ""}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
      >
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
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

export function FormError({ error }: { error?: string }) {
  return error ? (
    <p className="alert" role="alert">
      {error}
    </p>
  ) : null;
}
