// Lists of certifications (issue 17, part 2): a person's records with where each stands today, and the
// expiry notice the dashboard and the team view show 60 days ahead (expired ones flagged).
import { Link } from "@remix-run/react";

interface Row {
  id: number;
  name: string;
  issuer: string;
  issuedOn: string;
  expiresOn: string | null;
  status: string;
  statusLabel: string;
  validity: string;
  validityLabel: string;
  counts: boolean;
}

const STATUS_BADGE: Record<string, string> = { submitted: "submitted", verified: "verified", returned: "returned" };

export function CertificationTable({ rows, caption }: { rows: Row[]; caption: string }) {
  return (
    <div className="table-scroll">
      {/* on a phone each record is a small card (dashboard.css, .stack-on-phone): the status stays in view */}
      <table className="compact stack-on-phone" data-testid="certifications">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Certification</th>
            <th scope="col">Issued</th>
            <th scope="col">Expires</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-validity={r.validity}>
              <td>
                <Link to={`/certifications/${r.id}`}>{r.name}</Link>
                <br />
                <span className="muted small">{r.issuer}</span>
              </td>
              <td data-label="Issued">{r.issuedOn}</td>
              <td data-label="Expires">
                {r.expiresOn ?? "Does not expire"}
                {r.validity !== "valid" ? (
                  <>
                    <br />
                    <span className={`badge ${r.validity === "expired" ? "returned" : "submitted"}`}>{r.validityLabel}</span>
                  </>
                ) : null}
              </td>
              <td data-label="Status">
                <span className={`badge ${STATUS_BADGE[r.status] ?? ""}`}>{r.statusLabel}</span>
                {r.counts ? <span className="muted small"> counts as evidence</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface Expiring {
  id: number;
  personName: string;
  name: string;
  expiresOn: string;
  state: "expiring" | "expired";
  daysLeft: number;
}

function when(e: Expiring): string {
  if (e.state === "expired") return `expired on ${e.expiresOn}`;
  if (e.daysLeft === 0) return `expires today (${e.expiresOn})`;
  return `expires on ${e.expiresOn}, in ${e.daysLeft} ${e.daysLeft === 1 ? "day" : "days"}`;
}

/** The expiry notice: nothing when nothing expires within 60 days. `showPerson` on the team view. */
export function ExpiryNotice({ items, showPerson, linked }: { items: Expiring[]; showPerson: boolean; linked: boolean }) {
  if (items.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="expiry-heading" data-testid="certification-expiry">
      <h2 id="expiry-heading">Certifications expiring</h2>
      <ul className="plain">
        {items.map((e) => (
          <li key={e.id} data-state={e.state}>
            <span className={`badge ${e.state === "expired" ? "returned" : "submitted"}`}>
              {e.state === "expired" ? "Expired" : "Expiring"}
            </span>{" "}
            {showPerson ? `${e.personName}: ` : ""}
            {linked ? <Link to={`/certifications/${e.id}`}>{e.name}</Link> : e.name} {when(e)}
          </li>
        ))}
      </ul>
      <p className="muted small">Record the renewal as a new certification; an expired one no longer counts as evidence.</p>
    </section>
  );
}
