// Evidence forms that have no client-side validation (a button, a row of the review queue): server-only,
// so that a route whose page needs no schema ships no zod.
import * as z from "zod";
import { ID_MAX } from "~/domain/input-rules";
import { returnSchema } from "./evidence";

/** The review queue's buttons: which item, verify or return (with the reason). */
export const reviewSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("verify"), id: z.number({ error: "Choose an item." }).int().positive().max(ID_MAX) }),
  z
    .object({ intent: z.literal("return"), id: z.number({ error: "Choose an item." }).int().positive().max(ID_MAX) })
    .extend(returnSchema.shape),
]);

/** Deleting needs the explicit confirmation the delete page's button sends. */
export const evidenceDeleteSchema = z.object({
  confirm: z.literal("yes", { error: "Confirm the deletion with the Delete button." }),
});

/** Buttons without fields of their own (submit, verify). */
export const intentOnly = z.object({});
