// The forms of /admin/teams (issue 16, point 9): add a team, rename one, retire or restore one (a button).
import * as z from "zod";
import { TEAM_NAME_MAX } from "~/domain/teams";
import { requiredText } from "./rules";

/** Adding or renaming a team: its name, unique in any case (the command checks against the others). */
export const teamSchema = z.object({ name: requiredText(TEAM_NAME_MAX, "a name") });

/** Retire or restore a team: a button, with the version of the page it was pressed on. */
export const teamStateSchema = z.object({ intent: z.enum(["retire", "restore"]) });

export type TeamValues = z.infer<typeof teamSchema>;
