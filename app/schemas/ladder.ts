// The career-ladder forms (admin). A position's required levels are one field per live skill
// (`req.<skill>`, read by conform as `req: { <skill>: level }`), so the schema is built from the skill
// keys, on the server from the catalogue and in the browser from the loader's list.
import * as z from "zod";
import { ID_MAX } from "~/domain/input-rules";
import { characters } from "./rules";
import { MAX_LEVEL, POSITION_NAME_MAX, RANK_MAX } from "~/domain/limits";
import { TRACKS, type Track } from "~/domain/ladder-tracks";

/** A position's description: one line for people choosing a target (ladder templates carry it too). */
export const POSITION_DESCRIPTION_MAX = 500;

const levelMessage = `Enter a level from 0 to ${MAX_LEVEL}.`;
const level = z
  .number({ error: (issue) => (issue.input === undefined ? levelMessage : `Enter a whole level from 0 to ${MAX_LEVEL}.`) })
  .int(`Enter a whole level from 0 to ${MAX_LEVEL}.`)
  .min(0, levelMessage)
  .max(MAX_LEVEL, levelMessage);

const rankMessage = "Enter a whole number (1 is the first rung).";

function positionFields(skillKeys: readonly string[]) {
  return {
    name: z
      .string({ error: "Enter a name." })
      .trim()
      .min(1, "Enter a name.")
      .max(POSITION_NAME_MAX, `Use at most ${POSITION_NAME_MAX} characters.`)
      .superRefine(characters()),
    rank: z
      .number({ error: rankMessage })
      .int(rankMessage)
      .min(1, `Use a rank from 1 to ${RANK_MAX}.`)
      .max(RANK_MAX, `Use a rank from 1 to ${RANK_MAX}.`),
    isManagement: z.boolean().default(false),
    // Optional, so a post from before tracks keeps its meaning: a new position then goes on the management
    // track when it is a management position, else on the shared rungs; an edit keeps the stored track.
    track: z.enum(TRACKS, { error: "Choose the track this position is on." }).optional(),
    description: z
      .string()
      .trim()
      .max(POSITION_DESCRIPTION_MAX, `Use at most ${POSITION_DESCRIPTION_MAX} characters.`)
      .superRefine(characters())
      .optional()
      .transform((d) => (d === undefined ? undefined : d || null)),
    req: z.object(Object.fromEntries(skillKeys.map((k) => [k, level]))),
  };
}

/** Editing a position: retiring it is an edit. */
export function positionSchema(skillKeys: readonly string[]) {
  return z.object({ ...positionFields(skillKeys), retired: z.boolean().default(false) });
}

/** A new position starts live (the command sets `retired: false`). */
export function newPositionSchema(skillKeys: readonly string[]) {
  return z.object(positionFields(skillKeys));
}

/** A position as the form sends it: `req` holds the required level per skill key. */
export type PositionValues = {
  name: string;
  rank: number;
  isManagement: boolean;
  retired: boolean;
  /** absent: see the schema */
  track?: Track;
  /** absent: kept as stored (a new position: none) */
  description?: string | null;
  req: Record<string, number>;
};

/** The ▲/▼ buttons on the ladder: swap a live position with its neighbour. */
export const moveSchema = z.object({
  id: z
    .number({ error: "Choose a position and a direction." })
    .int("Choose a position and a direction.")
    .positive("Choose a position and a direction.")
    .max(ID_MAX, "Choose a position and a direction."),
  direction: z.enum(["up", "down"], { error: "Choose a position and a direction." }),
});

export type MoveValues = z.infer<typeof moveSchema>;
