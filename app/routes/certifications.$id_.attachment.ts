// The proof attached to a certification record, for whoever may see the record. Always a download
// (Content-Disposition: attachment) of one of three fixed types, never rendered inline; nosniff is global.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { CERTIFICATION_ACTIONS } from "~/auth/permissions";
import { notFound, permits, requireUser } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { attachmentOf } from "~/models/certifications.server";
import { ATTACHMENT_TYPES } from "~/services/certification-attachments.server";
import { attachment } from "~/utils/download.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!/^\d{1,9}$/.test(params.id ?? "")) throw notFound();
  const db = getDb();
  const row = await attachmentOf(db, Number(params.id));
  if (!row) throw notFound();
  const [mayRead, mayVerify] = await Promise.all([
    permits(db, user, CERTIFICATION_ACTIONS.read, row.person_id),
    permits(db, user, CERTIFICATION_ACTIONS.verify, row.person_id),
  ]);
  if (!mayRead && !mayVerify) throw notFound();
  if (!row.attachment_base64 || !row.attachment_type || !(row.attachment_type in ATTACHMENT_TYPES)) throw notFound();
  const name = row.attachment_name ?? "certificate";
  return new Response(new Uint8Array(Buffer.from(row.attachment_base64, "base64")), {
    headers: {
      "Content-Type": row.attachment_type,
      "Content-Disposition": attachment({ ascii: name.replace(/[^\x20-\x7e]|"/g, "_"), unicode: name }),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
