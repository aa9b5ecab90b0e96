// POST /import/upload — the JavaScript upload (XMLHttpRequest, for progress): JSON instead of a redirect.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireCapability } from "~/auth/session.server";
import { now } from "~/clock.server";
import { getDb } from "~/db.server";
import { previewUpload, uploadErrors } from "~/services/import.server";
import { readUpload } from "~/utils/upload.server";
import { respondJson } from "~/utils/respond.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCapability(request, "import:run");
  return json(
    { ok: false, error: "Upload a file with POST.", errors: { form: "Upload a file with POST." } },
    { status: 405, headers: { Allow: "POST" } },
  );
}

/** `{ ok: true, batchId, location }`, or `{ ok: false, error, errors: { file } }` (400 malformed, 413 too large, 422 refused; 403 forged). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCapability(request, "import:run");
  const upload = await readUpload(request);
  if (!upload.ok) return json({ ok: false, error: upload.message, errors: { file: upload.message } }, { status: upload.status });
  let result: Awaited<ReturnType<typeof previewUpload>>;
  try {
    result = await previewUpload(getDb(), user, upload, now(), upload.fields);
  } finally {
    await upload.discard();
  }
  if (result.kind === "invalid") {
    const errors = uploadErrors(result);
    return json({ ok: false, error: errors.file ?? errors.dateOrder ?? errors.timeZone, errors }, { status: 422 });
  }
  return respondJson(result, ({ batchId }) => json({ ok: true, batchId, location: `/import/${batchId}` }));
}
