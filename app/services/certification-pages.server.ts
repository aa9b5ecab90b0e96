// What the certification pages show (issue 17, part 2), as plain data: a person's records with where each
// stands today, the manager's queue, the form's choices. Access is checked by the routes and commands.
import { type CurrentUser, permits } from "~/auth/session.server";
import { CERTIFICATION_ACTIONS, hasAnyScope } from "~/auth/permissions";
import type { DB } from "~/db.server";
import { STATUS_LABELS, VALIDITY_LABELS, countsOn, defaultExpiry, validityOn } from "~/domain/certifications";
import { listSkills } from "~/models/catalog.server";
import { asHeld, awaitingReview, certificationToday, getHeld, heldBy, listCatalogue } from "~/models/certifications.server";
import { subtreeIds } from "~/models/people.server";

/** A record as a list shows it. */
function listed(r: Awaited<ReturnType<typeof heldBy>>[number], today: string) {
  const held = asHeld(r);
  const { state, daysLeft } = validityOn(held, today);
  return {
    id: r.id,
    name: r.name,
    issuer: r.issuer,
    issuedOn: r.issued_on,
    expiresOn: r.expires_on,
    status: r.status,
    statusLabel: STATUS_LABELS[held.status],
    validity: state,
    validityLabel: VALIDITY_LABELS[state],
    daysLeft,
    counts: countsOn(held, today),
    hasAttachment: r.attachment_name !== null,
    hasLink: r.link_url !== null,
  };
}

/** The catalogue's live entries for the form: the default expiry is worked out in the browser from these. */
export async function certificationChoices(db: DB) {
  const [catalogue, skills] = await Promise.all([listCatalogue(db), listSkills(db, { includeRetired: true })]);
  const names = Object.fromEntries(skills.map((s) => [s.key, s.name]));
  return catalogue.map((c) => ({
    id: c.id,
    name: c.name,
    issuer: c.issuer,
    validityMonths: c.validity_months,
    supports: Object.entries(c.skills)
      .map(([k, p]) => `${names[k] ?? k} +${p}`)
      .join(", "),
  }));
}

/** The /certifications page: one's own records, and the reports' records awaiting one's verification. */
export async function certificationsPage(db: DB, viewer: CurrentUser, now: Date) {
  const today = certificationToday(now);
  const mayVerify = hasAnyScope(viewer.role, CERTIFICATION_ACTIONS.verify);
  const [mine, queue] = await Promise.all([
    heldBy(db, [viewer.id]),
    mayVerify ? subtreeIds(db, viewer.id).then((ids) => awaitingReview(db, ids)) : Promise.resolve([]),
  ]);
  return { today, mine: mine.map((r) => listed(r, today)), queue };
}

/** One record's page: the record, what the viewer may do with it, and (for the owner) the form's choices. */
export async function heldPage(db: DB, viewer: CurrentUser, id: number, now: Date) {
  const held = await getHeld(db, id);
  if (!held) return null;
  const [mayRead, mayEdit, mayVerify] = await Promise.all([
    permits(db, viewer, CERTIFICATION_ACTIONS.read, held.person_id),
    permits(db, viewer, CERTIFICATION_ACTIONS.record, held.person_id),
    permits(db, viewer, CERTIFICATION_ACTIONS.verify, held.person_id),
  ]);
  if (!mayRead && !mayVerify) return null;
  const today = certificationToday(now);
  const rules = asHeld({ ...held, name: held.certification_name });
  const { state, daysLeft } = validityOn(rules, today);
  return {
    held,
    validity: state,
    validityLabel: VALIDITY_LABELS[state],
    statusLabel: STATUS_LABELS[rules.status],
    daysLeft,
    counts: countsOn(rules, today),
    defaultExpiry: defaultExpiry(held.issued_on, held.validity_months),
    canEdit: mayEdit && held.status !== "verified",
    canVerify: mayVerify && held.status === "submitted",
  };
}

/** A person's records for the dashboard's list: where each stands today. */
export async function certificationsOf(db: DB, personId: number, now: Date) {
  const today = certificationToday(now);
  return (await heldBy(db, [personId])).map((r) => listed(r, today));
}
