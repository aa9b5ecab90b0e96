// The ladder import page's two posts (/admin/ladder/import): the upload that asks for a preview, and the
// confirmation that writes the previewed template. Server-only: neither form validates in the browser, so the
// page ships no zod; the template file itself is read by ./ladder-template.server.ts.
import * as z from "zod";

const chooseFile = "Choose a ladder template (a .json file exported from SupportPath or shipped in seeds/ladders/).";

export const ladderUploadSchema = z.object({
  intent: z.literal("preview"),
  file: z.instanceof(File, { error: chooseFile }).refine((f) => f.size > 0, chooseFile),
});

export const ladderApplySchema = z.object({
  intent: z.literal("apply"),
  template: z.string({ error: "The previewed template is missing: upload the file again." }).min(2),
  fingerprint: z
    .string({ error: "The preview is missing: upload the file again." })
    .regex(/^[0-9a-f]{32}$/, "The preview is missing: upload the file again."),
});
