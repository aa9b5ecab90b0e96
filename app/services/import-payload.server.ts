// How a preview batch's payload is stored: its JSON (line per entry, ~/domain/import/json-lines) gzipped on
// libuv's thread pool and kept as base64 text in import_batches.payload_json. Stored as is, 12 MB of JSON for
// a 20,000-ticket preview cost SQLite ~150 ms to write and ~70 ms to read, all of it on the event loop; gzipped it
// is a tenth of that. Text without the prefix (older batches, summaries) is plain JSON and read as it is.
import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";

const PREFIX = "gzip+base64:";
const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Payloads smaller than this are stored as plain JSON (readable in the database as before). */
export const COMPRESS_FROM_CHARS = 64 * 1024;

export async function encodePayload(json: string): Promise<string> {
  if (json.length < COMPRESS_FROM_CHARS) return json;
  const zipped = await gzipAsync(Buffer.from(json, "utf8"), { level: 1 });
  return PREFIX + zipped.toString("base64");
}

/** The JSON text of a stored payload, whichever way it was stored. */
export async function decodePayload(stored: string): Promise<string> {
  if (!stored.startsWith(PREFIX)) return stored;
  const json = await gunzipAsync(Buffer.from(stored.slice(PREFIX.length), "base64"));
  return json.toString("utf8");
}
