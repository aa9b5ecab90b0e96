// The import pages' form input (handle mapping, the batch buttons) and the batch page's query string.
// Server-only: no form on these pages validates in the browser, so the import pages ship no zod.
import * as z from "zod";
import { ID_MAX } from "~/domain/input-rules";
import { REF_MAX } from "~/domain/limits";
import { isTimeZone } from "~/domain/working-time";

/** "Name <email>" as the picker fills it in: a name and an address, with room to spare. */
const PERSON_MAX = 400;

/**
 * Admin, on an organisation preview: give an unknown handle to a person, chosen by id (the suggestion's one
 * click) or typed into the searchable picker by name or email (resolved on the server: it works without JS).
 */
export const mapHandleSchema = z
  .object({
    handle: z
      .string({ error: "Choose the handle to map." })
      .trim()
      .min(1, "Choose the handle to map.")
      .max(REF_MAX, `A handle has at most ${REF_MAX} characters.`),
    personId: z
      .number({ error: "Choose a person." })
      .int("Choose a person.")
      .positive("Choose a person.")
      .max(ID_MAX, "Choose a person.")
      .optional(),
    person: z.string().trim().max(PERSON_MAX, "Type a person's name or email.").optional(),
  })
  .refine((v) => v.personId !== undefined || (v.person ?? "") !== "", {
    path: ["person"],
    message: "Type a person's name or email.",
  });

export type MapHandleValues = z.infer<typeof mapHandleSchema>;

/**
 * The batch page's filter and page (`?show=…&page=…`): an unknown filter falls back to all; a page that is not
 * a whole number from 1 is refused (400, said on the page), one past the end shows the last page.
 */
export const batchViewSchema = z.object({
  show: z.enum(["all", "create", "update", "unchanged", "kept", "skip"]).catch("all"),
  page: z
    .string()
    .regex(/^[0-9]{1,6}$/, "The page is a whole number from 1.")
    .transform(Number)
    .refine((n) => n >= 1, "The page is a whole number from 1.")
    .default(1),
});

/** The batch page's buttons without fields of their own. */
export const batchIntentSchema = z.object({
  intent: z.enum(["confirm", "discard", "undo"], { error: "Unknown action." }),
  /** discard, then back to the upload form with this date order chosen (the preview's date question) */
  again: z.enum(["dmy", "mdy"], { error: "Choose day first or month first." }).optional(),
  /** discard, then back to the upload form with this zone chosen for the times without an offset */
  timeZone: z.string().refine(isTimeZone, { message: "Choose a time zone from the list (such as Europe/London)." }).optional(),
});
