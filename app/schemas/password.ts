// Signing in and choosing a password. Shared by the forms and the actions; whether a password is right
// is the server's business (app/auth/sign-in.server.ts, app/services/passwords.server.ts).
// Passwords are never sent back to the form (`hideFields: PASSWORD_FIELDS`).
import * as z from "zod";
import { characterProblem } from "~/domain/input-rules";
import { EMAIL_MAX, PASSWORD_MAX, PASSWORD_MIN } from "~/domain/limits";

export const PASSWORD_FIELDS = ["password", "current", "confirm"];

const newPassword = z
  .string({ error: `Use at least ${PASSWORD_MIN} characters.` })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`);

const sameAsPassword = <T extends { password: string; confirm: string }>(v: T) => v.password === v.confirm;

export const loginSchema = z.object({
  // A control character can be in no address: the same answer as a wrong one (and no database error).
  email: z
    .string({ error: "Enter your email and password." })
    .trim()
    .max(EMAIL_MAX, "Email or password is incorrect.")
    .refine((v) => characterProblem(v) === null, "Email or password is incorrect."),
  // Not checked for length: an old password shorter than today's minimum must still sign in.
  password: z.string({ error: "Enter your email and password." }).max(PASSWORD_MAX, "Email or password is incorrect."),
  redirectTo: z.string().optional(),
});

export type LoginValues = z.infer<typeof loginSchema>;

export const passwordChangeSchema = z
  .object({
    current: z.string({ error: "Enter your current password." }).max(PASSWORD_MAX, "Your current password is not correct."),
    password: newPassword,
    confirm: z.string({ error: "Repeat the new password." }),
  })
  .refine(sameAsPassword, { path: ["confirm"], message: "The two passwords differ." });

export type PasswordChangeValues = z.infer<typeof passwordChangeSchema>;

export const setPasswordSchema = z
  .object({
    password: newPassword,
    confirm: z.string({ error: "Repeat the password." }),
  })
  .refine(sameAsPassword, { path: ["confirm"], message: "The two passwords differ." });

export type SetPasswordValues = z.infer<typeof setPasswordSchema>;
