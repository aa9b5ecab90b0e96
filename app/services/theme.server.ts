// The signed-in person chooses their colour scheme (issue 16, point 2).
import { type Actor, refuse } from "~/auth/authorize.server";
import type { DB } from "~/db.server";
import { storedTheme } from "~/domain/theme";
import { setTheme } from "~/models/people-writes.server";
import type { ThemeValues } from "~/schemas/theme";
import { type Result, ok } from "~/utils/result";

/** Stores the choice for the actor's own profile; every page renders it from the next response on. */
export async function chooseTheme(db: DB, actor: Actor, input: ThemeValues): Promise<Result> {
  const refusal = await refuse(db, actor, "profile:write", actor.id);
  if (refusal) return refusal;
  await setTheme(db, actor.id, storedTheme(input.theme));
  return ok();
}
