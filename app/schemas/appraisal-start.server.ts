// Starting appraisals on a cycle's page: one person, or everyone in one's subtree without one. The page's
// forms are single buttons with nothing to check in the browser, so unlike the other schemas this one is
// server-only: the roster's client bundle stays free of zod.
import { parseWithZod } from "@conform-to/zod/v4";
import * as z from "zod";
import { ID_MAX } from "~/domain/input-rules";

export const startAppraisalSchema = z.object({
  intent: z.literal("start"),
  personId: z
    .number({ error: "Choose a person." })
    .int("Choose a person.")
    .positive("Choose a person.")
    .max(ID_MAX, "Choose a person."),
});

export const startAllSchema = z.object({ intent: z.literal("start_all") });

/** The cycle page's submission parsed with the schema of its intent; null for an intent the page does not have. */
export function parseStartSubmission(formData: FormData) {
  const intent = formData.get("intent");
  if (intent === "start") return { intent, submission: parseWithZod(formData, { schema: startAppraisalSchema }) } as const;
  if (intent === "start_all") return { intent, submission: parseWithZod(formData, { schema: startAllSchema }) } as const;
  return null;
}
