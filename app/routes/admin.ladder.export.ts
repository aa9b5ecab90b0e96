// The career ladder as a ladder template (docs/ladder-template-format.md): the same file as
// `npm run cli -- export-ladder`, importable here or into another organisation.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCapability } from "~/auth/session.server";
import { now as clockNow } from "~/clock.server";
import { getDb } from "~/db.server";
import { ladderFileName } from "~/domain/ladder-template";
import { exportLadderTemplate } from "~/services/ladder-template.server";
import { DOWNLOAD_HEADERS, attachment } from "~/utils/download.server";
import { respondJson } from "~/utils/respond.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCapability(request, "catalog:manage");
  const result = await exportLadderTemplate(getDb(), user);
  if (result.kind !== "ok") return respondJson(result);
  const name = ladderFileName(clockNow());
  return new Response(`${JSON.stringify(result.value, null, 2)}\n`, {
    headers: { ...DOWNLOAD_HEADERS, "Content-Disposition": attachment({ ascii: name, unicode: name }) },
  });
}
