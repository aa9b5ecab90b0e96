// The proof a person attaches to a certification (issue 17, part 2): a PDF, PNG or JPEG of at most
// ATTACHMENT_MAX_BYTES. The type is decided by the file's own first bytes, not by its name or the browser's
// word, and the stored type is one of three fixed values: served back as a download (Content-Disposition:
// attachment, nosniff), a file that is not what it claims can never render as a page.
import type { Attachment } from "~/models/certifications.server";

export const ATTACHMENT_MAX_BYTES = 512 * 1024;

export const ATTACHMENT_TYPES = {
  "application/pdf": { magic: [0x25, 0x50, 0x44, 0x46, 0x2d], ext: "pdf" },
  "image/png": { magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], ext: "png" },
  "image/jpeg": { magic: [0xff, 0xd8, 0xff], ext: "jpg" },
} as const;

export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

/** The type the bytes say, or null when they are none of the three. */
export function sniffType(bytes: Uint8Array): AttachmentType | null {
  for (const [type, { magic }] of Object.entries(ATTACHMENT_TYPES) as [AttachmentType, { magic: readonly number[] }][])
    if (magic.every((b, i) => bytes[i] === b)) return type;
  return null;
}

/** A name safe in a header and on any file system: no path, no quotes or control characters, the right extension. */
export function safeFileName(name: string, type: AttachmentType): string {
  const base = (name.split(/[\\/]/).pop() ?? "")
    .replace(/\.[A-Za-z0-9]{1,5}$/, "")
    .replace(/[^A-Za-z0-9 ._()-]+/g, "_")
    .replace(/^[. ]+/, "")
    .slice(0, 80)
    .trim();
  return `${base || "certificate"}.${ATTACHMENT_TYPES[type].ext}`;
}

/** The form's file part as a stored attachment; null when none was chosen. */
export async function checkAttachment(
  file: File | null,
): Promise<{ ok: true; value: Attachment | null } | { ok: false; message: string }> {
  if (!file || (file.size === 0 && !file.name)) return { ok: true, value: null };
  if (file.size === 0) return { ok: false, message: "The chosen file is empty." };
  if (file.size > ATTACHMENT_MAX_BYTES)
    return {
      ok: false,
      message: `The file is too large: attach a PDF, PNG or JPEG of at most ${ATTACHMENT_MAX_BYTES / 1024} KB.`,
    };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = sniffType(bytes);
  if (!type) return { ok: false, message: "Attach a PDF, PNG or JPEG file (this file is none of them)." };
  return { ok: true, value: { name: safeFileName(file.name, type), type, base64: Buffer.from(bytes).toString("base64") } };
}

/** The form's file part (taken out of the form, so the schema sees text only), or null when none was sent. */
export function attachmentPart(data: FormData): File | null {
  const f = data.get("attachment");
  data.delete("attachment");
  return typeof f === "object" && f !== null ? (f as File) : null;
}
