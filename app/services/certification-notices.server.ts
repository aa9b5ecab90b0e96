// Which certifications expire soon or have expired (issue 17, part 2): the dashboard shows a person's own,
// the team view a manager's reports'. The notifications of the organisation-workflows issue do not exist
// yet; when they do, they call `certificationsExpiring` for a person or a team at `now` (README,
// "Certifications").
import type { DB } from "~/db.server";
import { type ExpiringCertification, expiringOn } from "~/domain/certifications";
import { asHeld, certificationToday, heldBy } from "~/models/certifications.server";

/**
 * The certifications expiring for these people at `now`: verified records that expire within 60 days
 * (EXPIRY_NOTICE_DAYS) or have expired and were not renewed, soonest first. The caller scopes the people
 * (one person, or a manager's reporting line) through the permission module.
 */
export async function certificationsExpiring(db: DB, personIds: number[], now: Date): Promise<ExpiringCertification[]> {
  const rows = await heldBy(db, personIds);
  return expiringOn(rows.map(asHeld), certificationToday(now));
}
