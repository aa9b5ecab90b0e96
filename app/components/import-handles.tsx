// The preview's unknown handles, one row per handle with its ticket count: a one-click suggestion (the person
// whose name the handle looks like, app/domain/handle-suggestion.ts) and a searchable picker. The picker is a
// text field over one shared <datalist> of people, resolved on the server by name or email, so it works
// without JavaScript and the page does not carry a 22-option select per handle.
import { Form } from "~/components/form";
import { SubmitButton } from "~/components/submit-button";
import type { HandleChoice } from "~/services/import.server";

interface Props {
  handles: HandleChoice[];
  people: { id: number; name: string; email: string }[];
  /** the handle whose mapping was refused, and why (shown next to its picker) */
  error: { handle: string; message: string } | null;
  typed: string;
  disabled: boolean;
}

export const HANDLES_SHOWN = 100;

export function UnknownHandles({ handles, people, error, typed, disabled }: Props) {
  const canMap = people.length > 0;
  const suggested = handles.filter((h) => h.suggestion).length;
  return (
    <section className="panel" aria-labelledby="unknown-heading">
      <h2 id="unknown-heading">
        Unknown handles <span className="muted">({handles.length})</span>
      </h2>
      <p className="muted">
        Resolved tickets whose handles nobody has are skipped. Map a handle to a person to include their tickets: the handle is
        added to the person’s profile (audited) and the preview is recomputed.
        {canMap && suggested ? ` ${suggested} handle(s) look like someone’s name: accept the suggestion in one click.` : null}
      </p>
      {error && !handles.some((h) => h.handle === error.handle) ? (
        <p className="alert" role="alert">
          “{error.handle}”: {error.message}
        </p>
      ) : null}
      {canMap ? (
        <datalist id="people-list">
          {people.map((p) => (
            <option key={p.id} value={`${p.name} <${p.email}>`} />
          ))}
        </datalist>
      ) : null}
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Unknown handles">
        <table className="handles-table">
          <thead>
            <tr>
              <th scope="col">Handle</th>
              <th scope="col">Tickets</th>
              {canMap ? <th scope="col">Suggestion</th> : null}
              {canMap ? <th scope="col">Map to a person</th> : null}
            </tr>
          </thead>
          <tbody>
            {handles.slice(0, HANDLES_SHOWN).map((u, i) => {
              const message = error?.handle === u.handle ? error.message : null;
              return (
                <tr key={u.handle}>
                  <td>{u.handle}</td>
                  <td>{u.items}</td>
                  {canMap ? (
                    <td>
                      {u.suggestion ? (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="map-handle" />
                          <input type="hidden" name="handle" value={u.handle} />
                          <input type="hidden" name="personId" value={u.suggestion.id} />
                          <SubmitButton className="secondary" disabled={disabled}>
                            Map to {u.suggestion.name}
                            <span className="sr-only"> (handle {u.handle})</span>
                          </SubmitButton>
                        </Form>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  ) : null}
                  {canMap ? (
                    <td>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="map-handle" />
                        <input type="hidden" name="handle" value={u.handle} />
                        <label className="sr-only" htmlFor={`map-${i}`}>
                          Person for {u.handle}
                        </label>
                        <input
                          id={`map-${i}`}
                          name="person"
                          list="people-list"
                          required
                          autoComplete="off"
                          placeholder="Name or email"
                          defaultValue={message ? typed : undefined}
                          aria-invalid={message ? true : undefined}
                          aria-describedby={message ? `map-${i}-error` : undefined}
                        />
                        <SubmitButton className="secondary" disabled={disabled}>
                          Map<span className="sr-only"> {u.handle}</span>
                        </SubmitButton>
                        {message ? (
                          <span id={`map-${i}-error`} className="error" role="alert">
                            {message}
                          </span>
                        ) : null}
                      </Form>
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {handles.length > HANDLES_SHOWN ? (
        <p className="muted">Showing the {HANDLES_SHOWN} handles with the most tickets.</p>
      ) : null}
    </section>
  );
}
