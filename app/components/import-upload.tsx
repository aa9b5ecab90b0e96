import { useNavigate } from "@remix-run/react";
import { type FormEvent, useState } from "react";
import { CSRF_HEADER } from "~/auth/csrf-token";
import { SelectField } from "./field";
import { CsrfInput, useCsrfToken } from "./form";
import { SubmitButton } from "./submit-button";

interface Props {
  /** messages from the server (no-JavaScript post), by field */
  errors?: ClientErrors;
  /** the date order chosen (the preview's "upload again, month first" button sets it) */
  dateOrder: string;
  /** the zone of times without an offset: the organisation's, or the one the preview's "upload again" chose */
  timeZone: string;
  zones: { value: string; label: string; group: string }[];
  maxBytes: number;
}

const DATE_ORDERS = [
  { value: "auto", label: "Detect from the values" },
  { value: "dmy", label: "Day first (31/12/2024)" },
  { value: "mdy", label: "Month first (12/31/2024)" },
];

type ClientErrors = { file?: string; dateOrder?: string; timeZone?: string };

type Phase = { kind: "idle" } | { kind: "uploading"; loaded: number; total: number } | { kind: "reading" };

function mb(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/**
 * The upload form. Without JavaScript it is a plain multipart post to /import; with it, the file goes
 * through XMLHttpRequest to /import/upload so the upload progress can be shown, then the browser
 * moves to the preview.
 */
export function ImportUploadForm({ errors, dateOrder, timeZone, zones, maxBytes }: Props) {
  const navigate = useNavigate();
  const csrfToken = useCsrfToken();
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [clientErrors, setClientErrors] = useState<ClientErrors | null>(null);
  const shown = clientErrors ?? errors ?? {};
  const message = shown.file;
  const setClientError = (file: string | null) => setClientErrors(file === null ? null : { file });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    const form = e.currentTarget;
    const input = form.elements.namedItem("file") as HTMLInputElement | null;
    const file = input?.files?.[0];
    if (!file || typeof XMLHttpRequest === "undefined") return; // the plain post reports it
    e.preventDefault();
    if (file.size > maxBytes) {
      setClientError(`The file is too large (${mb(file.size)}); the limit is ${mb(maxBytes)}.`);
      return;
    }
    setClientError(null);
    setPhase({ kind: "uploading", loaded: 0, total: file.size });
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/import/upload");
    xhr.setRequestHeader("Accept", "application/json");
    // Checked before any of the file is read (the form's hidden field, first in the body, is the no-JS way).
    if (csrfToken) xhr.setRequestHeader(CSRF_HEADER, csrfToken);
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable) setPhase({ kind: "uploading", loaded: ev.loaded, total: ev.total });
    };
    xhr.upload.onload = () => setPhase({ kind: "reading" });
    xhr.onload = () => {
      let body: { ok?: boolean; location?: string; error?: string; errors?: ClientErrors } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = {};
      }
      if (xhr.status < 300 && body.ok && body.location) {
        navigate(body.location);
        return;
      }
      setPhase({ kind: "idle" });
      if ((body.errors?.dateOrder || body.errors?.timeZone) && !body.errors.file) setClientErrors(body.errors);
      else setClientError(body.errors?.file ?? body.error ?? `The upload failed (${xhr.status}). Try again.`);
    };
    xhr.onerror = () => {
      setPhase({ kind: "idle" });
      setClientError("The upload failed: the connection was lost. Try again.");
    };
    xhr.send(new FormData(form));
  }

  const busy = phase.kind !== "idle";
  const described = ["f-file-hint", message ? "f-file-error" : null].filter(Boolean).join(" ");
  return (
    <form
      method="post"
      action="/import?index"
      encType="multipart/form-data"
      onSubmit={onSubmit}
      className="stack"
      aria-busy={busy}
    >
      <CsrfInput />
      <div className="field file-drop">
        <label htmlFor="f-file">CSV export</label>
        <input
          id="f-file"
          name="file"
          type="file"
          accept=".csv,text/csv,text/plain"
          required
          aria-invalid={message ? true : undefined}
          aria-describedby={described}
          onChange={() => setClientError(null)}
        />
        <span id="f-file-hint" className="hint">
          A ServiceNow, Jira or PagerDuty CSV export, up to {mb(maxBytes)}. The format is recognised from the header.
        </span>
        {message ? (
          <span id="f-file-error" className="error" role="alert">
            {message}
          </span>
        ) : null}
      </div>
      <SelectField
        name="dateOrder"
        label="Dates such as 03/04/2024"
        defaultValue={dateOrder}
        options={DATE_ORDERS}
        error={shown.dateOrder}
        hint="Detected from the file when a day or month over 12 shows which comes first; when none does, the preview asks."
      />
      <SelectField
        name="timeZone"
        label="Times without a UTC offset are in"
        defaultValue={timeZone}
        options={zones}
        error={shown.timeZone}
        hint="Times that carry an offset (Z, +02:00) are read as written. Everything is stored in UTC."
      />
      <div className="actions">
        <SubmitButton disabled={busy}>Upload and preview</SubmitButton>
      </div>
      {busy ? (
        <div className="import-progress" role="status" aria-live="polite">
          {phase.kind === "uploading" ? (
            <>
              <span id="upload-progress-label">
                Uploading… {phase.total ? Math.round((phase.loaded / phase.total) * 100) : 0}% ({mb(phase.loaded)} of{" "}
                {mb(phase.total)})
              </span>
              <progress aria-labelledby="upload-progress-label" value={phase.loaded} max={phase.total || 1} />
            </>
          ) : (
            <>
              <span id="upload-progress-label">Uploaded. Reading the file and preparing the preview…</span>
              <progress aria-labelledby="upload-progress-label" />
            </>
          )}
        </div>
      ) : null}
    </form>
  );
}
