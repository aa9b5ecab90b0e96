// The import pages' form input (handle mapping, the batch buttons) and the batch page's query string.
// Server-only: no form on these pages validates in the browser, so the import pages ship no zod.
import * as z from "zod";
import { ID_MAX } from "~/domain/input-rules";
import { REF_MAX } from "~/domain/limits";

/** Admin, on an organisation preview: give an unknown handle to a person. */
export const mapHandleSchema = z.object({
  handle: z
    .string({ error: "Choose the handle to map." })
    .trim()
    .min(1, "Choose the handle to map.")
    .max(REF_MAX, `A handle has at most ${REF_MAX} characters.`),
  personId: z
    .number({ error: "Choose a person." })
    .int("Choose a person.")
    .positive("Choose a person.")
    .max(ID_MAX, "Choose a person."),
});

export type MapHandleValues = z.infer<typeof mapHandleSchema>;

/** The batch page's filter and page (`?show=…&page=…`): anything unreadable falls back to the default. */
export const batchViewSchema = z.object({
  show: z.enum(["all", "create", "update", "unchanged", "kept", "skip"]).catch("all"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** The batch page's buttons without fields of their own. */
export const batchIntentSchema = z.object({ intent: z.enum(["confirm", "discard", "undo"], { error: "Unknown action." }) });
