// Reading an import upload from the request: request parsing for the import routes, not a command, so
// it lives beside the other request helpers and may use Remix's multipart parser.
import { importMaxBytes } from "~/services/import.server";
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";

function mbText(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}

export type UploadRead = { ok: true; filename: string; bytes: Uint8Array } | { ok: false; malformed: boolean; message: string };

/**
 * Reads the multipart upload (field "file") without ever holding more than the limit in memory. Request
 * parsing, not a command: `malformed` (not a multipart post, no file) is the route's 400, the rest 422.
 */
export async function readUpload(request: Request): Promise<UploadRead> {
  const fail = (malformed: boolean, message: string) => ({ ok: false as const, malformed, message });
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) return fail(true, "Choose a CSV file to upload.");
  const limit = importMaxBytes();
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: limit + 1 }));
  } catch (e) {
    if (e instanceof MaxPartSizeExceededError) return fail(false, `The file is too large; the limit is ${mbText(limit)}.`);
    return fail(true, "The upload could not be read. Try again.");
  }
  const file = form.get("file");
  if (!file || typeof file === "string" || (file.size === 0 && !file.name)) return fail(true, "Choose a CSV file to upload.");
  return { ok: true, filename: (file.name || "upload.csv").slice(0, 200), bytes: new Uint8Array(await file.arrayBuffer()) };
}
