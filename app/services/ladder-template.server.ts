// Ladder templates as commands (ADR 022): export the ladder to a template, preview what importing one
// changes, apply it in one transaction, audited. The web pages (/admin/ladder/export, /admin/ladder/import)
// and the CLI (export-ladder, import-ladder) call these and nothing else.
import { createHash } from "node:crypto";
import { type Actor, auditActorId, refuseCapability } from "~/auth/authorize.server";
import { type DB, inTransaction } from "~/db.server";
import {
  type LadderPlan,
  type LadderTemplate,
  buildTemplate,
  checkTemplate,
  planIsEmpty,
  planLadderImport,
  requirementSkills,
} from "~/domain/ladder-template";
import { recordAudit } from "~/models/audit.server";
import { listSkills } from "~/models/catalog.server";
import { insertPosition, setRequirements, updatePositionRow } from "~/models/ladder.server";
import {
  certificationCatalogue,
  insertCertification,
  setPositionCertifications,
  storedLadder,
} from "~/models/ladder-template.server";
import { lockLadder } from "~/models/locks.server";
import { parseLadderTemplate } from "~/schemas/ladder-template.server";
import { type FieldErrors, type Result, conflict, invalid, ok } from "~/utils/result";

/** The name an exported ladder carries (a template's own name is shown in the preview, not stored). */
export const EXPORTED_LADDER_NAME = "Support ladder";

export async function exportLadderTemplate(db: DB, actor: Actor): Promise<Result<LadderTemplate>> {
  const refused = refuseCapability(actor, "catalog:manage");
  if (refused) return refused;
  const [positions, certifications, skills] = await Promise.all([
    storedLadder(db),
    certificationCatalogue(db),
    db.selectFrom("skills").select(["key", "name"]).orderBy("sort_order").orderBy("key").execute(),
  ]);
  const rows = positions.map(({ id: _id, holders: _holders, ...p }) => p);
  const certs = certifications.map(({ id: _id, ...c }) => c);
  return ok(buildTemplate(EXPORTED_LADDER_NAME, rows, certs, skills));
}

export interface LadderPreview {
  name: string;
  plan: LadderPlan;
  empty: boolean;
  /** what the preview was computed against: a confirmation against another ladder is refused (409) */
  fingerprint: string;
}

/** The messages as the form's errors: the first (or a count) next to the file, each one listed. */
function problems(messages: string[]): FieldErrors {
  const errors: FieldErrors = {
    file: messages.length === 1 ? messages[0]! : `The template cannot be imported: ${messages.length} problems, listed below.`,
  };
  if (messages.length > 1) messages.forEach((m, i) => (errors[`problem.${i + 1}`] = m));
  return errors;
}

async function planFor(db: DB, text: string): Promise<Result<{ template: LadderTemplate; preview: LadderPreview }>> {
  const parsed = parseLadderTemplate(text);
  if (!parsed.ok) return invalid(problems(parsed.errors));
  const t = parsed.value;
  const [stored, certs, allSkills, live] = await Promise.all([
    storedLadder(db),
    certificationCatalogue(db),
    db.selectFrom("skills").select("key").execute(),
    listSkills(db),
  ]);
  const errors = checkTemplate(t, {
    skillKeys: new Set(allSkills.map((s) => s.key)),
    certificationKeys: new Set(certs.map((c) => c.key)),
    stored,
  });
  if (errors.length) return invalid(problems(errors));
  const plan = planLadderImport(t, stored, { liveSkills: live, certifications: certs });
  const fingerprint = createHash("sha256").update(JSON.stringify({ plan, stored })).digest("hex").slice(0, 32);
  return ok({ template: t, preview: { name: t.name, plan, empty: planIsEmpty(plan), fingerprint } });
}

/** Checks the file and says what importing it would change. Writes nothing. */
export async function previewLadderTemplate(db: DB, actor: Actor, text: string): Promise<Result<LadderPreview>> {
  const refused = refuseCapability(actor, "catalog:manage");
  if (refused) return refused;
  const planned = await planFor(db, text);
  return planned.kind === "ok" ? ok(planned.value.preview) : planned;
}

/**
 * Writes the template in ONE transaction: new certifications, new and changed positions, their requirements
 * and certifications, retirements; one audit entry with the plan. `fingerprint` (from the preview the admin
 * confirmed; null from the CLI, which plans and writes at once) must still match: otherwise 409, nothing written.
 */
export async function applyLadderTemplate(
  db: DB,
  actor: Actor,
  text: string,
  fingerprint: string | null,
  now: Date,
): Promise<Result<LadderPreview>> {
  const refused = refuseCapability(actor, "catalog:manage");
  if (refused) return refused;
  return inTransaction(db, async (tx): Promise<Result<LadderPreview>> => {
    await lockLadder(tx);
    const planned = await planFor(tx, text);
    if (planned.kind !== "ok") return planned;
    const { template: t, preview } = planned.value;
    if (fingerprint !== null && fingerprint !== preview.fingerprint)
      return conflict("The ladder changed since this preview was made: nothing was written. Review the new preview below.");
    if (preview.empty) return ok(preview);
    const certIds = new Map((await certificationCatalogue(tx)).map((c) => [c.key, c.id] as const));
    for (const c of t.certifications) if (!certIds.has(c.key)) certIds.set(c.key, await insertCertification(tx, c, now));
    const stored = new Map((await storedLadder(tx)).map((p) => [p.key, p] as const));
    const live = await listSkills(tx);
    const changed = new Set(preview.plan.changes.map((c) => c.key));
    for (const p of t.positions) {
      if (!changed.has(p.key)) continue;
      const row = { ...p };
      const was = stored.get(p.key);
      const id = was ? was.id : await insertPosition(tx, p.key, row);
      if (was) await updatePositionRow(tx, id, row);
      await setRequirements(tx, id, Object.fromEntries(requirementSkills(p, live).map((k) => [k, p.requirements[k] ?? 0])));
      await setPositionCertifications(
        tx,
        id,
        p.certifications.map((k) => certIds.get(k)!),
      );
      // Each position's own history (its admin page) shows the import too.
      const { id: _id, holders: _holders, ...before } = was ?? { id: 0, holders: 0 };
      await recordAudit(
        tx,
        {
          actorId: auditActorId(actor),
          action: "ladder_import",
          entity: "position",
          entityId: id,
          subjectPersonId: null,
          before: was ? before : undefined,
          after: p,
        },
        now,
      );
    }
    const inFile = new Set(t.positions.map((p) => p.key));
    for (const was of stored.values()) {
      if (inFile.has(was.key) || was.retired) continue;
      await updatePositionRow(tx, was.id, { ...was, retired: true });
      await recordAudit(
        tx,
        {
          actorId: auditActorId(actor),
          action: "ladder_import",
          entity: "position",
          entityId: was.id,
          subjectPersonId: null,
          before: { retired: false },
          after: { retired: true },
        },
        now,
      );
    }
    await recordAudit(
      tx,
      {
        actorId: auditActorId(actor),
        action: "ladder_import",
        entity: "ladder",
        entityId: null,
        subjectPersonId: null,
        after: {
          template: t.name,
          counts: preview.plan.counts,
          changes: preview.plan.changes,
          newCertifications: preview.plan.newCertifications,
        },
      },
      now,
    );
    return ok(preview);
  });
}
