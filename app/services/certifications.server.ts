// Certification commands (issue 17, part 2): (db, actor, input, now) → Result. Authorise through the
// permission module (CERTIFICATION_ACTIONS), check against the database, write in one transaction, audit.
import { type Actor, auditActorId, refuse, refuseCapability } from "~/auth/authorize.server";
import { CERTIFICATION_ACTIONS } from "~/auth/permissions";
import { type DB, inTransaction } from "~/db.server";
import { defaultExpiry as defaultExpiryOf } from "~/domain/certifications";
import type { Labels, Snapshot } from "~/domain/stale-changes";
import { recordAudit } from "~/models/audit.server";
import { listPositionsWithRequirements, listSkills } from "~/models/catalog.server";
import {
  type Attachment,
  type CatalogueInput,
  type HeldInput,
  catalogueEntry,
  certificationKeyTaken,
  certificationNameTaken,
  getCertification,
  getHeld,
  insertCertification,
  insertHeld,
  reviewHeld,
  updateCertificationRow,
  updateHeld,
} from "~/models/certifications.server";
import { uniqueOr } from "~/models/constraint-errors.server";
import type { CertificationValues, HeldValues } from "~/schemas/certification";
import type { PageVersion } from "~/schemas/version";
import { type FieldErrors, type Failure, type Result, conflict, failIfAny, invalid, notFound, ok } from "~/utils/result";
import { checkAttachment } from "./certification-attachments.server";
import { pageVersion, staleFailure } from "./stale.server";

// ---- the catalogue (admins) ----

export const CATALOGUE_LABELS: Labels = {
  name: "Name",
  key: "Key",
  issuer: "Issuer",
  validity: "Validity",
  description: "Description",
  skills: "Skills and points",
  positions: "Required by",
  retired: "Retired",
};

type Entry = NonNullable<Awaited<ReturnType<typeof catalogueEntry>>>;

export function catalogueSnapshot(c: Entry, skillNames: Record<string, string>): Snapshot {
  return {
    name: c.name,
    key: c.key,
    issuer: c.issuer,
    validity: c.validity_months === null ? "does not expire" : `${c.validity_months} months`,
    description: c.description ?? "(none)",
    skills:
      Object.entries(c.skills)
        .map(([k, p]) => `${skillNames[k] ?? k} +${p}`)
        .join(", ") || "(none)",
    positions: c.positions.map((p) => p.name).join(", ") || "(none)",
    retired: c.retired ? "yes" : "no",
  };
}

export async function cataloguePageVersion(db: DB, c: Entry): Promise<PageVersion> {
  const skills = await listSkills(db, { includeRetired: true });
  return pageVersion(c.version, catalogueSnapshot(c, Object.fromEntries(skills.map((s) => [s.key, s.name]))));
}

/** The live skills' keys: the catalogue form has one points field per skill. */
export async function certificationSkillKeys(db: DB): Promise<string[]> {
  return (await listSkills(db)).map((s) => s.key);
}

const toInput = (v: CertificationValues): CatalogueInput => ({
  key: v.key,
  name: v.name,
  issuer: v.issuer,
  validityMonths: v.validityMonths,
  description: v.description,
  retired: v.retired,
  skills: Object.fromEntries(Object.entries(v.points as Record<string, number>).filter(([, p]) => p > 0)),
  positions: v.positions,
});

async function checkCatalogue(db: DB, v: CatalogueInput, id: number | null, kept: number[] = []): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  if (await certificationNameTaken(db, v.name, id)) errors.name = `Another certification is already called "${v.name}".`;
  if (await certificationKeyTaken(db, v.key, id)) errors.key = `The key "${v.key}" is already used by another certification.`;
  const live = new Set([...(await listPositionsWithRequirements(db)).map((p) => p.id), ...kept]);
  if (v.positions.some((p) => !live.has(p))) errors.positions = "Choose positions from the list.";
  return errors;
}

const KEY_TAKEN = [
  {
    names: ["certifications_key_key", "certifications.key"],
    field: "key",
    message: "A certification with this key was just created: choose another key.",
  },
];

export async function createCertification(
  db: DB,
  actor: Actor,
  values: CertificationValues,
  now: Date,
): Promise<Result<{ id: number }>> {
  const refused = refuseCapability(actor, CERTIFICATION_ACTIONS.catalogue);
  if (refused) return refused;
  const v = { ...toInput(values), retired: false };
  const failed = failIfAny(await checkCatalogue(db, v, null));
  if (failed) return failed;
  const written = await uniqueOr(
    () =>
      inTransaction(db, async (tx) => {
        const id = await insertCertification(tx, v, now);
        await recordAudit(
          tx,
          {
            actorId: auditActorId(actor),
            action: "certification_create",
            entity: "certification",
            entityId: id,
            subjectPersonId: null,
            after: v,
          },
          now,
        );
        return id;
      }),
    KEY_TAKEN,
  );
  return written.ok ? ok({ id: written.value }) : invalid(written.errors);
}

export async function updateCertification(
  db: DB,
  actor: Actor,
  id: number,
  values: CertificationValues,
  now: Date,
  page: PageVersion | null = null,
): Promise<Result<{ id: number }>> {
  const refused = refuseCapability(actor, CERTIFICATION_ACTIONS.catalogue);
  if (refused) return refused;
  const before = await catalogueEntry(db, id);
  if (!before) return notFound("This certification no longer exists.");
  const stale = () => staleCatalogue(db, id, actor.id, page!);
  if (page && page.version !== before.version) return stale();
  const v = toInput(values);
  // Skills retired since the entry was made keep their points: the form only shows live skills.
  const live = new Set(await certificationSkillKeys(db));
  for (const [k, p] of Object.entries(before.skills)) if (!live.has(k)) v.skills[k] = p;
  // Likewise positions retired since: the form lists live positions only.
  const livePositions = new Set((await listPositionsWithRequirements(db)).map((p) => p.id));
  for (const p of before.positions) if (!livePositions.has(p.id) && !v.positions.includes(p.id)) v.positions.push(p.id);
  const failed = failIfAny(
    await checkCatalogue(
      db,
      v,
      id,
      before.positions.map((p) => p.id),
    ),
  );
  if (failed) return failed;
  const written = await uniqueOr(
    () =>
      inTransaction(db, async (tx) => {
        if (!(await updateCertificationRow(tx, id, v, now, page?.version ?? before.version))) return false;
        await recordAudit(
          tx,
          {
            actorId: auditActorId(actor),
            action: v.retired && !before.retired ? "certification_retire" : "certification_update",
            entity: "certification",
            entityId: id,
            subjectPersonId: null,
            before: { ...before, positions: before.positions.map((p) => p.id) },
            after: v,
          },
          now,
        );
        return true;
      }),
    KEY_TAKEN,
  );
  if (!written.ok) return invalid(written.errors);
  if (!written.value)
    return page ? stale() : conflict("This certification was changed meanwhile: reload the page and try again.");
  return ok({ id });
}

async function staleCatalogue(db: DB, id: number, viewerId: number, page: PageVersion): Promise<Failure> {
  const c = await catalogueEntry(db, id);
  if (!c) return notFound("This certification no longer exists.");
  const skills = await listSkills(db, { includeRetired: true });
  return staleFailure(db, {
    entity: "certification",
    entityId: id,
    noun: "this certification",
    page,
    current: catalogueSnapshot(c, Object.fromEntries(skills.map((s) => [s.key, s.name]))),
    labels: CATALOGUE_LABELS,
    updatedAt: c.updated_at,
    viewerId,
  });
}

// ---- the records people hold ----

export const HELD_LABELS: Labels = {
  certification: "Certification",
  issuedOn: "Issued",
  expiresOn: "Expires",
  credentialRef: "Credential id",
  linkUrl: "Link",
  attachment: "Attachment",
  status: "Status",
};

type Held = NonNullable<Awaited<ReturnType<typeof getHeld>>>;

export function heldSnapshot(h: Held): Snapshot {
  return {
    certification: h.certification_name,
    issuedOn: h.issued_on,
    expiresOn: h.expires_on ?? "does not expire",
    credentialRef: h.credential_ref ?? "(none)",
    linkUrl: h.link_url ?? "(none)",
    attachment: h.attachment_name ?? "(none)",
    status: h.status,
  };
}

export function heldPageVersion(h: Held): PageVersion {
  return pageVersion(h.version, heldSnapshot(h));
}

async function staleHeld(db: DB, id: number, viewerId: number, page: PageVersion): Promise<Failure> {
  const h = await getHeld(db, id);
  if (!h) return notFound("This certification record no longer exists.");
  return staleFailure(db, {
    entity: "person_certification",
    entityId: id,
    noun: "this certification record",
    page,
    current: heldSnapshot(h),
    labels: HELD_LABELS,
    updatedAt: h.updated_at,
    viewerId,
  });
}

/** The record as stored: the expiry defaults to issued + validity when the person left it empty. */
async function checkHeld(
  db: DB,
  v: HeldValues,
  existingCertificationId: number | null,
): Promise<{ errors: FieldErrors; input: HeldInput | null }> {
  const errors: FieldErrors = {};
  const cert = await getCertification(db, v.certificationId);
  // A record may keep a certification retired since; a new choice must be live.
  if (!cert || (cert.retired && cert.id !== existingCertificationId)) {
    errors.certificationId = "Choose a certification from the list.";
    return { errors, input: null };
  }
  const expiresOn = v.expiresOn ?? defaultExpiryOf(v.issuedOn, cert.validity_months);
  return {
    errors,
    input: {
      certificationId: v.certificationId,
      issuedOn: v.issuedOn,
      expiresOn,
      credentialRef: v.credentialRef,
      linkUrl: v.linkUrl,
    },
  };
}

/** The audited shape of a record: never the attachment's bytes. */
const audited = (v: HeldInput, attachment: { name: string } | null | "keep" | "remove") => ({
  ...v,
  attachment: attachment === "keep" ? "unchanged" : attachment === "remove" ? null : (attachment?.name ?? null),
});

export async function recordCertification(
  db: DB,
  actor: Actor,
  personId: number,
  values: HeldValues,
  file: File | null,
  now: Date,
): Promise<Result<{ id: number }>> {
  const refused = await refuse(db, actor, CERTIFICATION_ACTIONS.record, personId);
  if (refused) return refused;
  const { errors, input } = await checkHeld(db, values, null);
  const attachment = await checkAttachment(file);
  if (!attachment.ok) errors.attachment = attachment.message;
  const failed = failIfAny(errors);
  if (failed || !input || !attachment.ok) return failed ?? invalid(errors);
  const id = await inTransaction(db, async (tx) => {
    const id = await insertHeld(tx, personId, input, attachment.value, now);
    await recordAudit(
      tx,
      {
        actorId: auditActorId(actor),
        action: "certification_record",
        entity: "person_certification",
        entityId: id,
        subjectPersonId: personId,
        after: audited(input, attachment.value),
      },
      now,
    );
    return id;
  });
  return ok({ id });
}

/** The owner's edit while the record is not verified; a returned record is sent for verification again. */
export async function editCertification(
  db: DB,
  actor: Actor,
  id: number,
  values: HeldValues,
  file: File | null,
  now: Date,
  page: PageVersion | null = null,
): Promise<Result<{ id: number }>> {
  const held = await getHeld(db, id);
  if (!held) return notFound("This certification record no longer exists.");
  const refused = await refuse(db, actor, CERTIFICATION_ACTIONS.record, held.person_id);
  if (refused) return refused;
  if (page && page.version !== held.version) return staleHeld(db, id, actor.id, page);
  if (held.status === "verified")
    return conflict("This certification is verified and can no longer be edited: record a renewal as a new certification.");
  const { errors, input } = await checkHeld(db, values, held.certification_id);
  const attachment = await checkAttachment(file);
  if (!attachment.ok) errors.attachment = attachment.message;
  const failed = failIfAny(errors);
  if (failed || !input || !attachment.ok) return failed ?? invalid(errors);
  const change: Attachment | "keep" | "remove" = attachment.value ?? (values.removeAttachment ? "remove" : "keep");
  const written = await inTransaction(db, async (tx) => {
    if (!(await updateHeld(tx, id, input, change, now, page?.version ?? held.version))) return false;
    await recordAudit(
      tx,
      {
        actorId: auditActorId(actor),
        action: "certification_edit",
        entity: "person_certification",
        entityId: id,
        subjectPersonId: held.person_id,
        before: { ...heldSnapshot(held) },
        after: audited(input, change),
      },
      now,
    );
    return true;
  });
  if (!written)
    return page ? staleHeld(db, id, actor.id, page) : conflict("This record was changed meanwhile: reload and try again.");
  return ok({ id });
}

/** The manager verifies or returns a submitted record: the same grant as verifying evidence. */
export async function reviewCertification(
  db: DB,
  actor: Actor,
  id: number,
  review: { intent: "verify" } | { intent: "return"; reason: string },
  now: Date,
): Promise<Result<{ id: number; personId: number }>> {
  const held = await getHeld(db, id);
  if (!held) return notFound("This certification record no longer exists.");
  const refused = await refuse(db, actor, CERTIFICATION_ACTIONS.verify, held.person_id);
  if (refused) return refused;
  if (held.status !== "submitted")
    return conflict(
      held.status === "verified"
        ? "This certification is already verified."
        : "This certification was returned: the owner sends it again.",
    );
  const written = await inTransaction(db, async (tx) => {
    const done = await reviewHeld(
      tx,
      id,
      review.intent === "verify" ? { event: "verify", by: actor.id } : { event: "return", reason: review.reason },
      now,
    );
    if (!done) return false;
    await recordAudit(
      tx,
      {
        actorId: auditActorId(actor),
        action: review.intent === "verify" ? "certification_verify" : "certification_return",
        entity: "person_certification",
        entityId: id,
        subjectPersonId: held.person_id,
        before: { status: held.status },
        after: { status: review.intent === "verify" ? "verified" : "returned" },
        reason: review.intent === "return" ? review.reason : null,
      },
      now,
    );
    return true;
  });
  if (!written) return conflict("This certification was reviewed meanwhile: reload the page.");
  return ok({ id, personId: held.person_id });
}
