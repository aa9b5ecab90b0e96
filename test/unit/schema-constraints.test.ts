import * as z from "zod";
import { describe, expect, it } from "vitest";
import { schemaConstraint } from "~/components/schema-constraints";
import { GOAL_TITLE_MAX } from "~/domain/limits";
import { goalSchema } from "~/schemas/goal";
import { EMAIL_MAX, NAME_MAX, PASSWORD_MAX, TOKEN_NAME_MAX } from "~/domain/limits";
import { tokenCreateSchema } from "~/schemas/api-token";
import { passwordChangeSchema, setPasswordSchema } from "~/schemas/password";
import { newPersonSchema, personSchema } from "~/schemas/person";

describe("HTML constraints from a shared schema", () => {
  it("carry the domain's limits to the form", () => {
    const c = schemaConstraint(goalSchema);
    expect(c.title).toMatchObject({ required: true, maxLength: GOAL_TITLE_MAX });
    expect(c.skill?.required).toBe(false);
  });

  it("give the admin and account forms their limits, so the components write none", () => {
    expect(schemaConstraint(personSchema)).toMatchObject({ name: { maxLength: NAME_MAX }, email: { maxLength: EMAIL_MAX } });
    expect(schemaConstraint(newPersonSchema).password).toMatchObject({ required: false, maxLength: PASSWORD_MAX });
    expect(schemaConstraint(passwordChangeSchema)).toMatchObject({
      current: { maxLength: PASSWORD_MAX },
      password: { maxLength: PASSWORD_MAX },
    });
    expect(schemaConstraint(setPasswordSchema).password).toMatchObject({ maxLength: PASSWORD_MAX });
    expect(schemaConstraint(tokenCreateSchema).name).toMatchObject({ maxLength: TOKEN_NAME_MAX });
  });

  it("read lengths and inclusive ranges through optional, default and pipes", () => {
    const c = schemaConstraint(
      z.object({
        level: z.number().int().min(0).max(7).optional(),
        code: z
          .string()
          .trim()
          .min(2)
          .max(3)
          .transform((v) => v.toUpperCase()),
        pin: z.string().length(4).default("0000"),
      }),
    );
    expect(c.level).toEqual({ required: false, min: 0, max: 7 });
    expect(c.code).toMatchObject({ required: true, minLength: 2, maxLength: 3 });
    expect(c.pin).toMatchObject({ minLength: 4, maxLength: 4 });
  });
});
