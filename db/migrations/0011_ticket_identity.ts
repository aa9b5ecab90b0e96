import type { Kysely } from "kysely";

// Frozen once shipped. One identity per ticket whatever channel brought it (issue 12, ADR 016): the CSV
// import keyed a ticket `servicenow:INC0012345`, the ingest API `api:servicenow:INC0012345` (and kept the
// case and spaces as sent), so the same ticket became two items. The app now builds every key as
// `<system>:<reference>`, system lower-cased without spaces, "-", "_" or "."; reference upper-cased without
// spaces or invisible characters (app/domain/import/evidence.ts, ticketKey). This rewrites the stored keys
// to that form, so a ticket imported before matches the same ticket arriving by the other channel.
// The unique constraint evidence.import_key (0002) stays the enforcement: one item per ticket in the
// organisation. Where two stored items are already the same ticket, the one whose key has that form already
// (else the older one) takes it and the other keeps its old key, which nothing builds any more: nothing is
// deleted by a migration, and the owner can delete the duplicate.
// The normalisation is written out here (not imported) so that this file does not change with the app.

const SYSTEM_NOISE = /[\s\p{Cf}._-]/gu;
const REF_NOISE = /[\s\p{Cf}]/gu;

function canonical(key: string): string | null {
  const rest = key.startsWith("api:") ? key.slice(4) : key;
  const colon = rest.indexOf(":");
  if (colon < 0) return null;
  const system = rest.slice(0, colon).normalize("NFKC").replace(SYSTEM_NOISE, "").toLowerCase() || "api";
  const ref = rest
    .slice(colon + 1)
    .normalize("NFKC")
    .replace(REF_NOISE, "")
    .toUpperCase();
  return ref ? `${system}:${ref}` : null;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const rows: { id: number; import_key: string }[] = await tx
      .selectFrom("evidence")
      .select(["id", "import_key"])
      .where("import_key", "is not", null)
      .orderBy("id")
      .execute();
    const taken = new Set(rows.map((r) => r.import_key));
    for (const row of rows) {
      const key = canonical(row.import_key);
      if (!key || key === row.import_key || taken.has(key)) continue;
      await tx.updateTable("evidence").set({ import_key: key }).where("id", "=", row.id).execute();
      taken.delete(row.import_key);
      taken.add(key);
    }
  });
}

// The old keys are not kept: going down leaves the normalised keys, which the older code reads as keys too.
export async function down(): Promise<void> {}
