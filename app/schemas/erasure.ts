// The erase form (admin, issue 17 point 6; ADR 023): the person's name typed out as the confirmation. That it
// matches, and that the person may be erased, is the command's to say (app/services/erasure.server.ts).
import * as z from "zod";
import { NAME_MAX } from "~/domain/limits";

export const erasureSchema = z.object({
  confirmName: z
    .string({ error: "Type the person's name to confirm." })
    .trim()
    .min(1, "Type the person's name to confirm.")
    .max(NAME_MAX, `Use at most ${NAME_MAX} characters.`),
});

export type ErasureValues = z.infer<typeof erasureSchema>;
