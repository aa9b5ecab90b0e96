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
import { importMaxBytes } from "~/services/import.server";
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
  | { ok: true; filename: string; path: string; size: number; discard: () => Promise<void> }
  | { ok: false; malformed: boolean; message: string };

interface Saved {
  filename: string;
  path: string;
  size: number;
}

/** Streams the part named "file" to a temporary file, refusing it as soon as it passes `limit` bytes. */
function fileToDisk(limit: number, saved: Saved[]): UploadHandler {
  return async ({ name, filename, data }) => {
    if (name !== "file" || typeof filename !== "string") {
      // a form value, not a file (as Remix's memory handler does: text)
      const chunks: Uint8Array[] = [];
      let length = 0;
      for await (const c of data) {
        length += c.byteLength;
        if (length > limit) throw new MaxPartSizeExceededError(name, limit);
        chunks.push(c);
      }
      return new TextDecoder().decode(Buffer.concat(chunks));
    }
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
 * memory. Request parsing, not a command: `malformed` (not a multipart post, no file) is the route's 400,
 * the rest 422.
 */
export async function readUpload(request: Request): Promise<UploadRead> {
  const fail = (malformed: boolean, message: string) => ({ ok: false as const, malformed, message });
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) return fail(true, "Choose a CSV file to upload.");
  const limit = importMaxBytes();
  const saved: Saved[] = [];
  const discardAll = () => Promise.all(saved.map((s) => rm(s.path, { force: true }))).then(() => undefined);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, fileToDisk(limit + 1, saved));
  } catch (e) {
    await discardAll();
    if (e instanceof MaxPartSizeExceededError) return fail(false, `The file is too large; the limit is ${mbText(limit)}.`);
    return fail(true, "The upload could not be read. Try again.");
  }
  const marker = form.get("file");
  const file = typeof marker === "string" && marker.startsWith("uploaded:") ? saved[Number(marker.slice(9))] : undefined;
  if (!file || (file.size === 0 && !file.filename)) {
    await discardAll();
    return fail(true, "Choose a CSV file to upload.");
  }
  return {
    ok: true,
    filename: (file.filename || "upload.csv").slice(0, 200),
    path: file.path,
    size: file.size,
    discard: discardAll,
  };
}
