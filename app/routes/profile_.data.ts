// All of the signed-in person's own data as one JSON download (ADR 018).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCapability } from "~/auth/session.server";
import { now as clockNow } from "~/clock.server";
import { getDb } from "~/db.server";
import { personalDataFileName } from "~/domain/personal-data";
import { personalDataFor } from "~/services/data-export.server";
import { DOWNLOAD_HEADERS, attachment } from "~/utils/download.server";
import { respondJson } from "~/utils/respond.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCapability(request, "data:export");
  const now = clockNow();
  const result = await personalDataFor(getDb(), user, now);
  if (result.kind !== "ok") return respondJson(result);
  return new Response(`${JSON.stringify(result.value, null, 2)}\n`, {
    headers: { ...DOWNLOAD_HEADERS, "Content-Disposition": attachment(personalDataFileName(user.name, user.id, now)) },
  });
}
