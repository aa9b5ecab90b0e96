// The two downloads of ADR 018: the whole organisation (admins; audited, since it is everyone's data)
// and all of one person's own data. Commands: authorised here, SQL in the models.
import { type Actor, auditActorId, refuse, refuseCapability } from "~/auth/authorize.server";
import type { DB } from "~/db.server";
import { recordAudit } from "~/models/audit.server";
import { exportOrganisation } from "~/models/org-export.server";
import { type PersonalData, personalData } from "~/models/personal-data.server";
import { type Result, notFound, ok } from "~/utils/result";

export async function exportOrganisationFor(db: DB, actor: Actor, now: Date): Promise<Result<{ chunks: string[] }>> {
  const refused = refuseCapability(actor, "org:export");
  if (refused) return refused;
  const { chunks, counts } = await exportOrganisation(db, now);
  await recordAudit(
    db,
    {
      actorId: auditActorId(actor),
      action: "org_export",
      entity: "organisation",
      entityId: null,
      subjectPersonId: null,
      after: counts,
    },
    now,
  );
  return ok({ chunks });
}

export async function personalDataFor(db: DB, actor: Actor, now: Date): Promise<Result<PersonalData>> {
  const refused = await refuse(db, actor, "data:export", actor.id);
  if (refused) return refused;
  const data = await personalData(db, actor.id, now);
  return data ? ok(data) : notFound();
}
