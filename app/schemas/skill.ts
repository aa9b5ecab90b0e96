// The skills catalogue's forms (admin, issue 17 part 1). The key is chosen once, when a skill is added;
// editing changes its name, description and SFIA codes; retire / restore and the ▲/▼ order are buttons.
// The rules themselves are the pure app/domain/skill-catalogue.ts, so the browser and the server refuse the
// same values with the same words.
import * as z from "zod";
import {
  SKILL_DESCRIPTION_MAX,
  SKILL_KEY_MAX,
  SKILL_NAME_MAX,
  sfiaCodesProblem,
  skillKeyProblem,
} from "~/domain/skill-catalogue";
import { optionalTextRule, requiredText } from "./rules";

const sfiaCodes = z
  .string()
  .trim()
  .max(200, "Use at most 200 characters.")
  .default("")
  .superRefine((v, ctx) => {
    const problem = sfiaCodesProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const skillFields = {
  name: requiredText(SKILL_NAME_MAX, "a name"),
  description: optionalTextRule(SKILL_DESCRIPTION_MAX, "a description", { multiline: true }).default(""),
  sfiaCodes,
};

/** Editing a skill (its key stays). */
export const skillSchema = z.object(skillFields);

/** Adding a skill: its key too, checked by the key rule (unique in the catalogue: the command checks). */
export const newSkillSchema = z.object({
  key: z
    .string({ error: "Enter a key." })
    .trim()
    .max(SKILL_KEY_MAX, `Use at most ${SKILL_KEY_MAX} characters.`)
    .superRefine((v, ctx) => {
      const problem = skillKeyProblem(v);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  ...skillFields,
});

export type SkillValues = z.infer<typeof skillSchema>;
export type NewSkillValues = z.infer<typeof newSkillSchema>;

const pick = "Choose a skill from the catalogue.";
const skillKey = z.string({ error: pick }).trim().min(1, pick).max(SKILL_KEY_MAX, pick);

/** The ▲/▼ buttons: move a skill one place in the catalogue's order. */
export const skillMoveSchema = z.object({
  key: skillKey,
  direction: z.enum(["up", "down"], { error: "Choose a skill and a direction." }),
});

/** Retire or restore a skill: a button, with the version of the page it was pressed on. */
export const skillStateSchema = z.object({ intent: z.enum(["retire", "restore"]), key: skillKey });

export type SkillMoveValues = z.infer<typeof skillMoveSchema>;
