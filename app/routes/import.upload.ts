// POST /import/upload — the JavaScript upload (XMLHttpRequest, for progress): JSON instead of a redirect.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireCapability } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { previewUpload, readUpload } from "~/services/import.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "import:run");
  return json({ ok: false, errors: { form: "Upload a file with POST." } }, { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCapability(request, "import:run");
  const upload = await readUpload(request);
  if (!upload.ok) return json({ ok: false, errors: upload.errors }, { status: upload.status });
  const result = await previewUpload(getDb(), user, upload);
  if (!result.ok) return json({ ok: false, errors: result.errors }, { status: result.status });
  return json({ ok: true, batchId: result.batchId, location: `/import/${result.batchId}` });
}
