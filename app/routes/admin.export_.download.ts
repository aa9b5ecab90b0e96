// The organisation export as a download: the same file as `npm run cli -- export-org` (ADR 018).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCapability } from "~/auth/session.server";
import { now as clockNow } from "~/clock.server";
import { getDb } from "~/db.server";
import { orgExportFileName } from "~/domain/org-export-format";
import { exportOrganisationFor } from "~/services/data-export.server";
import { DOWNLOAD_HEADERS, attachment, streamChunks } from "~/utils/download.server";
import { respondJson } from "~/utils/respond.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCapability(request, "org:export");
  const now = clockNow();
  const result = await exportOrganisationFor(getDb(), user, now);
  if (result.kind !== "ok") return respondJson(result);
  const name = orgExportFileName(now);
  return new Response(streamChunks(result.value.chunks), {
    headers: { ...DOWNLOAD_HEADERS, "Content-Disposition": attachment({ ascii: name, unicode: name }) },
  });
}
