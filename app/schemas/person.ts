// The person form (admin): who someone is, where they sit in the organisation, and the ITSM handles their
// tickets are attributed by. Shared by the form and the action; uniqueness and reporting-line loops need
// the database and are checked by the command (app/services/people-admin.server.ts).
import * as z from "zod";
import { ID_MAX, MESSAGES, characterProblem, hasVisibleText } from "~/domain/input-rules";
import { emailRule, requiredText } from "./rules";
import type { Role } from "~/domain/types";
import { EMAIL_MAX, HANDLES_MAX, NAME_MAX, PASSWORD_MAX, PASSWORD_MIN, REF_MAX } from "~/domain/limits";

export const ROLES = ["engineer", "manager", "admin"] as const satisfies readonly Role[];

const choice = (message: string) =>
  z
    .number({ error: message })
    .int(message)
    .positive(message)
    .max(ID_MAX, message)
    .optional()
    .transform((v) => v ?? null);

export const personSchema = z.object({
  name: requiredText(NAME_MAX, "a name"),
  // The HTML limit; the rule itself (length first, then the form of an address) is emailRule's.
  email: emailRule().max(EMAIL_MAX, `Use at most ${EMAIL_MAX} characters.`),
  role: z.enum(ROLES, { error: "Choose a role." }),
  managerId: choice("Choose a manager from the list."),
  teamId: choice("Choose a team from the list."),
  positionId: choice("Choose a position from the list."),
  /** One per line (or comma-separated), as typed in the textarea. */
  handles: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(/[\n,]/)
        .map((h) => h.trim())
        .filter(Boolean),
    )
    .refine((hs) => hs.every((h) => h.length <= REF_MAX), `A handle has at most ${REF_MAX} characters.`)
    .refine((hs) => hs.every((h) => characterProblem(h) === null && hasVisibleText(h)), MESSAGES.controlSingleLine)
    .refine((hs) => hs.length <= HANDLES_MAX, `List at most ${HANDLES_MAX} handles.`),
});

export type PersonValues = z.infer<typeof personSchema>;

/** A new person may be given a first password; without one the admin gets a one-time set-password link. */
export const newPersonSchema = personSchema.extend({
  password: z
    .string()
    .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters, or leave empty to send a set-password link.`)
    .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`)
    .optional(),
});

export type NewPersonValues = z.infer<typeof newPersonSchema>;

/** The account buttons on a person's page; none carries fields. */
export const PERSON_ACCOUNT_INTENTS = ["deactivate", "reactivate", "password-link"] as const;
export const personAccountSchema = z.object({ intent: z.enum(PERSON_ACCOUNT_INTENTS) });
