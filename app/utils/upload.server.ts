// Reading an import upload from the request: request parsing for the import routes, not a command, so
// it lives beside the other request helpers and may use Remix's multipart parser. The file is streamed to a
// temporary file as it arrives (a 45 MB upload was held three times over in memory before); the caller
// reads it from there and removes it with `discard()`.
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { type CsrfCheck, checkCsrf, refusal } from "~/auth/csrf.server";
import { BAD_TOKEN, CSRF_FIELD } from "~/auth/csrf-token";
import { importMaxBytes } from "~/services/import.server";
import { UPLOAD_FIELDS_LIMIT } from "./body-limits";
import { mediaType, readForm, refuseDeclaredOver } from "./form-data.server";
import { MaxPartSizeExceededError, type UploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";

function mbText(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}

/** Where uploads wait while they are read (IMPORT_UPLOAD_DIR, else the system's temporary folder). */
export function uploadDirectory(): string {
  return process.env.IMPORT_UPLOAD_DIR?.trim() || path.join(os.tmpdir(), "supportpath-uploads");
}

export type UploadRead =
  | {
      ok: true;
      filename: string;
      path: string;
      size: number;
      /** the form's other text values (the import's choices), by name */
      fields: Record<string, string>;
      discard: () => Promise<void>;
    }
  | { ok: false; malformed: boolean; status: 400 | 413 | 422; message: string };

interface Saved {
  filename: string;
  path: string;
  size: number;
}

/**
 * Streams the part named "file" to a temporary file, refusing it as soon as it passes `limit` bytes. The
 * form's other values (the anti-CSRF token comes first) are text, `UPLOAD_FIELDS_LIMIT` bytes in all, and
 * the token is checked before a byte of the file is taken.
 */
function fileToDisk(limit: number, saved: Saved[], csrf: CsrfCheck): UploadHandler {
  const fields = new Map<string, string>();
  let fieldBytes = 0;
  return async ({ name, filename, data }) => {
    if (name !== "file" || typeof filename !== "string") {
      // a form value, not a file (as Remix's memory handler does: text)
      const chunks: Uint8Array[] = [];
      for await (const c of data) {
        fieldBytes += c.byteLength;
        if (fieldBytes > UPLOAD_FIELDS_LIMIT) throw new MaxPartSizeExceededError(name, UPLOAD_FIELDS_LIMIT);
        chunks.push(c);
      }
      const text = new TextDecoder().decode(Buffer.concat(chunks));
      fields.set(name, text);
      return text;
    }
    csrf.verify(fields.get(CSRF_FIELD));
    const dir = uploadDirectory();
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `upload-${randomUUID()}.csv`);
    let size = 0;
    async function* counted() {
      for await (const chunk of data) {
        size += chunk.byteLength;
        if (size > limit) throw new MaxPartSizeExceededError(name, limit);
        yield chunk;
      }
    }
    try {
      await pipeline(Readable.from(counted()), createWriteStream(file));
    } catch (e) {
      await rm(file, { force: true });
      throw e;
    }
    saved.push({ filename, path: file, size });
    return `uploaded:${saved.length - 1}`;
  };
}

/**
 * Reads the multipart upload (field "file") to a temporary file, never holding more than a chunk of it in
 * memory. Request parsing, not a command: `status` is the route's answer — 400 malformed (not a multipart
 * post, no file), 413 too large (before any of it is read when the request says its length). A forged
 * request (another origin, no or a wrong anti-CSRF token) is thrown as the 403 (ADR 013).
 */
export async function readUpload(request: Request): Promise<UploadRead> {
  const fail = (status: 400 | 413 | 422, message: string) => ({ ok: false as const, malformed: status === 400, status, message });
  const csrf = await checkCsrf(request);
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    // Not an upload, but the token is checked all the same: a forged post is a 403 whatever it carries.
    if (mediaType(request) === "application/x-www-form-urlencoded") await readForm(request);
    else if (!csrf.settled) throw refusal(403, BAD_TOKEN);
    return fail(400, "Choose a CSV file to upload.");
  }
  const limit = importMaxBytes();
  const tooLarge = `The file is too large; the limit is ${mbText(limit)}.`;
  try {
    refuseDeclaredOver(request, limit + UPLOAD_FIELDS_LIMIT);
  } catch {
    return fail(413, tooLarge);
  }
  const saved: Saved[] = [];
  const discardAll = () => Promise.all(saved.map((s) => rm(s.path, { force: true }))).then(() => undefined);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, fileToDisk(limit + 1, saved, csrf));
    csrf.verify(form.get(CSRF_FIELD));
  } catch (e) {
    await discardAll();
    if (e instanceof Response) throw e;
    if (e instanceof MaxPartSizeExceededError) return fail(413, tooLarge);
    return fail(400, "The upload could not be read. Try again.");
  }
  const marker = form.get("file");
  const file = typeof marker === "string" && marker.startsWith("uploaded:") ? saved[Number(marker.slice(9))] : undefined;
  if (!file || (file.size === 0 && !file.filename)) {
    await discardAll();
    return fail(400, "Choose a CSV file to upload.");
  }
  return {
    ok: true,
    filename: (file.filename || "upload.csv").slice(0, 200),
    path: file.path,
    size: file.size,
    fields: Object.fromEntries(
      [...form.entries()].flatMap(([k, v]) => (typeof v === "string" && k !== "file" && k !== CSRF_FIELD ? [[k, v]] : [])),
    ),
    discard: discardAll,
  };
}
