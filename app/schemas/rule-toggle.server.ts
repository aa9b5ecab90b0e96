// The rules list's and a rule page's activate/deactivate buttons: server-only (no form validates them in
// the browser), so the rules list ships no zod.
import * as z from "zod";
import { ID_MAX } from "~/domain/input-rules";

/** Activate or deactivate a rule from the list (`id`) or its own page (the id is in the URL). */
export const ruleToggleSchema = z.object({
  intent: z.enum(["activate", "deactivate"], { error: "Unknown action." }),
  id: z.number({ error: "Choose a rule." }).int().positive().max(ID_MAX).optional(),
});
