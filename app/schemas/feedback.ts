// 360 feedback's forms (issue 17, part 3), shared by the forms and the actions: asking colleagues (on the
// appraisal page) and answering or declining a request (/feedback/<id>). Which colleagues may be asked and
// whether a request is still open are the service's checks (app/services/feedback/); these give the
// submission its shape: a level 0-5 or "can't say" per skill, a short comment, ids from the list.
import { parseWithZod } from "@conform-to/zod/v4";
import * as z from "zod";
import { CANT_SAY, FEEDBACK_MAX_LEVEL, MAX_FEEDBACK_COMMENT_LENGTH, MAX_RESPONDENTS_PER_REQUEST } from "~/domain/feedback";
import type { SkillAnswer } from "~/domain/feedback";
import { characters } from "./rules";

export const REQUEST_INTENT = "request_feedback";

const CHOOSE = "Choose at least one colleague.";

export const feedbackRequestSchema = z.object({
  intent: z.literal(REQUEST_INTENT),
  respondents: z
    .array(z.string().regex(/^\d{1,9}$/, "Choose colleagues from the list."), { error: CHOOSE })
    .min(1, CHOOSE)
    .max(MAX_RESPONDENTS_PER_REQUEST, `Ask at most ${MAX_RESPONDENTS_PER_REQUEST} colleagues at a time.`),
});

const LEVEL_ERROR = `Choose a level from 0 to ${FEEDBACK_MAX_LEVEL}, or "Can't say".`;
const LEVEL_CHOICES = [CANT_SAY, ...Array.from({ length: FEEDBACK_MAX_LEVEL + 1 }, (_, i) => String(i))] as [string, ...string[]];

const answer = z.object({
  level: z.enum(LEVEL_CHOICES, { error: LEVEL_ERROR }),
  comment: z
    .string()
    .trim()
    .max(MAX_FEEDBACK_COMMENT_LENGTH, `Use at most ${MAX_FEEDBACK_COMMENT_LENGTH.toLocaleString("en")} characters.`)
    .superRefine(characters({ multiline: true }))
    .default(""),
});

/** One answer per skill the organisation rates now; every skill needs a choice ("Can't say" is one). */
export function feedbackAnswerSchema(skills: readonly string[]) {
  return z.object({
    intent: z.literal("answer"),
    answers: z.object(Object.fromEntries(skills.map((k) => [k, answer])), { error: LEVEL_ERROR }),
  });
}

export const declineSchema = z.object({ intent: z.literal("decline") });

/** The answer's values as the tallies take them: a level number, or null for "can't say". */
export function skillAnswers(v: Record<string, { level: string; comment: string }>): Record<string, SkillAnswer> {
  return Object.fromEntries(
    Object.entries(v).map(([k, a]) => [k, { level: a.level === CANT_SAY ? null : Number(a.level), comment: a.comment }]),
  );
}

/** The answer page's submission (answer or decline) with the command it asks for; null for another intent. */
export function parseFeedbackAnswer(formData: FormData, skills: readonly string[]) {
  const intent = formData.get("intent");
  if (intent === "decline") {
    const submission = parseWithZod(formData, { schema: declineSchema });
    return { submission, command: submission.status === "success" ? ({ decline: true } as const) : null };
  }
  if (intent !== "answer") return null;
  const submission = parseWithZod(formData, { schema: feedbackAnswerSchema(skills) });
  return {
    submission,
    command:
      submission.status === "success"
        ? ({
            decline: false,
            answers: skillAnswers(submission.value.answers as Record<string, { level: string; comment: string }>),
          } as const)
        : null,
  };
}
