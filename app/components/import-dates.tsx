import type { DatesRead, TimesRead } from "~/domain/import/index";
import { Field } from "./field";
import { Form } from "./form";
import { SubmitButton } from "./submit-button";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** A wall-clock "YYYY-MM-DDTHH:MM:00" spelled out, so that day and month cannot be confused. */
function spelled(iso: string | null): string {
  if (!iso) return "not a date";
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}, ${iso.slice(11, 16)}`;
}

const ORDER = { dmy: "Day first (31/12/2024)", mdy: "Month first (12/31/2024)" } as const;

/** The "Dates" line of a preview's facts: the order the dates were read in, and why. */
export function DateOrderFact({ dates }: { dates: DatesRead }) {
  const sample = dates.evidence[0];
  return (
    <>
      <dt>Dates</dt>
      <dd data-testid="date-order">
        {ORDER[dates.order]}
        {dates.decided === "values" && sample ? (
          <span className="muted">
            {" "}
            — row {sample.row} has “{sample.value}”, which reads only that way
          </span>
        ) : dates.decided === "chosen" ? (
          <span className="muted"> — as you chose</span>
        ) : (
          <span className="muted"> — assumed: no value shows the order (see below)</span>
        )}
        {dates.mixed ? (
          <strong className="error">
            {" "}
            The file also has dates written the other way: those rows could not be read and are listed as row errors.
          </strong>
        ) : null}
      </dd>
    </>
  );
}

/** When no value tells day first from month first: two values both ways, and the way to read it the other way. */
export function DateQuestion({ dates, disabled }: { dates: DatesRead; disabled: boolean }) {
  return (
    <div className="import-question" data-testid="date-question" role="group" aria-labelledby="date-question-heading">
      <h3 id="date-question-heading">Does this file write the day or the month first?</h3>
      <p>
        No date in it has a day over 12, so it could be either. It was read <strong>day first</strong>. Check these values:
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Dates read both ways">
        <table>
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">In the file</th>
              <th scope="col">Day first (as read)</th>
              <th scope="col">Month first</th>
            </tr>
          </thead>
          <tbody>
            {dates.ambiguous.map((s) => (
              <tr key={`${s.row}-${s.value}`}>
                <td>{s.row}</td>
                <td>{s.value}</td>
                <td>{spelled(s.dayFirst)}</td>
                <td>{spelled(s.monthFirst)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>If the month comes first, discard this preview and upload the file again read month first.</p>
      <Form method="post" className="actions">
        <input type="hidden" name="intent" value="discard" />
        <input type="hidden" name="again" value="mdy" />
        <SubmitButton className="secondary" pendingLabel="Discarding…" disabled={disabled}>
          Discard and upload again, month first
        </SubmitButton>
      </Form>
    </div>
  );
}

const values = (n: number) => (n === 1 ? "1 value" : `${n} values`);

/** The "Times" line of a preview's facts: which zone the times without an offset were read in. */
export function TimesFact({ times }: { times: TimesRead }) {
  if (times.local + times.withOffset === 0) return null;
  return (
    <>
      <dt>Times</dt>
      <dd data-testid="time-zone">
        {times.local ? (
          <>
            Read as <strong>{times.zone}</strong> time ({values(times.local)} without a UTC offset)
            {times.withOffset ? `; ${values(times.withOffset)} with their own offset, read as written` : ""}
          </>
        ) : (
          <>Every time carries its own UTC offset ({values(times.withOffset)}): read as written</>
        )}
        <span className="muted">; stored in UTC</span>
      </dd>
    </>
  );
}

/**
 * When some times carry no offset: the zone they were read in, and the way to read them in another. A typed
 * IANA name, not a select: the preview of a large file stays small (a select of every zone is ~25 KB twice).
 */
export function ZoneQuestion({ times, error, disabled }: { times: TimesRead; error?: string; disabled: boolean }) {
  return (
    <Form method="post" className="import-zone" aria-labelledby="zone-question-heading">
      <h3 id="zone-question-heading">Are the file's times in another zone?</h3>
      <input type="hidden" name="intent" value="discard" />
      <Field
        name="timeZone"
        label="Read its times without an offset as"
        defaultValue={times.zone}
        error={error}
        required
        autoComplete="off"
        spellCheck={false}
        hint={`They were read as ${times.zone}. Type another zone (such as Europe/London, America/New_York or Asia/Kolkata): this preview is discarded and the upload form comes back with it chosen.`}
      />
      <div className="actions">
        <SubmitButton className="secondary" pendingLabel="Discarding…" disabled={disabled}>
          Discard and upload again in this zone
        </SubmitButton>
      </div>
    </Form>
  );
}
