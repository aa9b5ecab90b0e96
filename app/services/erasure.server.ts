// Erasing a person who has left (issue 17, point 6; ADR 023): (db, actor, id, confirmation, now) → Result.
// One transaction: the person's own data (app/models/erasure.server.ts), mentions of them in others' text and
// stored import payloads, then one audit entry that says an erasure happened and names nobody.
import { type Actor, auditActorId, refuse } from "~/auth/authorize.server";
import { ERASE_ACTION } from "~/auth/permissions";
import { type DB, inTransaction } from "~/db.server";
import { erasedEmail, erasedName, erasureRefusal, mentionNeedles, scrubMentions } from "~/domain/erasure";
import { recordAudit } from "~/models/audit.server";
import { uniqueOr } from "~/models/constraint-errors.server";
import {
  type ErasureCounts,
  batchPayloadText,
  deletePreviewBatch,
  eraseOwnData,
  erasureSubject,
  nextErasureNumber,
  payloadBatchIds,
  scrubMentionsEverywhere,
  setBatchPayload,
} from "~/models/erasure.server";
import { type Result, conflict, invalid, ok } from "~/utils/result";
import { decodePayload, encodePayload } from "./import-payload.server";

/** The confirmation is the person's name typed out: a deliberate act, and the admin sees whom they erase. */
export function confirmationMatches(typed: string, name: string): boolean {
  return typed.trim().normalize("NFC").toLowerCase() === name.trim().normalize("NFC").toLowerCase();
}

/** Previews mentioning the person are deleted (they are re-uploaded in a minute); other payloads are scrubbed. */
async function scrubPayloads(db: DB, needles: string[]): Promise<number> {
  let changed = 0;
  for (const batch of await payloadBatchIds(db)) {
    const stored = await batchPayloadText(db, batch.id);
    if (stored === null) continue;
    const text = await decodePayload(stored);
    const scrubbed = scrubMentions(text, needles);
    if (scrubbed === null) continue;
    if (batch.status === "preview") await deletePreviewBatch(db, batch.id);
    else await setBatchPayload(db, batch.id, await encodePayload(scrubbed));
    changed++;
  }
  return changed;
}

export async function erasePerson(
  db: DB,
  actor: Actor,
  id: number,
  input: { confirmName: string },
  now: Date,
): Promise<Result<{ name: string; counts: ErasureCounts }>> {
  const refused = await refuse(db, actor, ERASE_ACTION, id);
  if (refused) return refused;
  const written = await uniqueOr(
    () =>
      inTransaction(db, async (tx): Promise<Result<{ name: string; counts: ErasureCounts }>> => {
        const subject = await erasureSubject(tx, id);
        if (!subject) return conflict("This person no longer exists.");
        const why = erasureRefusal(subject);
        if (why) return conflict(why);
        if (!confirmationMatches(input.confirmName, subject.name))
          return invalid({ confirmName: "Type the person's name exactly as shown to confirm." });
        const n = await nextErasureNumber(tx);
        const placeholder = { name: erasedName(n), email: erasedEmail(n) };
        const own = await eraseOwnData(tx, id, placeholder, now);
        const needles = mentionNeedles(subject);
        const mentionsScrubbed = (await scrubMentionsEverywhere(tx, needles)) + (await scrubPayloads(tx, needles));
        const counts = { ...own, mentionsScrubbed };
        // Says that it happened and what was done, under the placeholder; never who the person was.
        await recordAudit(
          tx,
          {
            actorId: auditActorId(actor),
            action: "person_erase",
            entity: "person",
            entityId: id,
            subjectPersonId: id,
            after: { erasedAs: placeholder.name, ...counts },
          },
          now,
        );
        return ok({ name: placeholder.name, counts });
      }),
    [{ names: ["people_email_key", "people.email"], field: "", message: "Another erasure ran at the same moment: try again." }],
  );
  return written.ok ? written.value : conflict(Object.values(written.errors)[0]!);
}
