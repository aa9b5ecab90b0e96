import * as z from "zod";
import { describe, expect, it } from "vitest";
import { schemaConstraint } from "~/components/schema-constraints";
import { GOAL_TITLE_MAX } from "~/domain/limits";
import { goalSchema } from "~/schemas/goal";

describe("HTML constraints from a shared schema", () => {
  it("carry the domain's limits to the form", () => {
    const c = schemaConstraint(goalSchema);
    expect(c.title).toMatchObject({ required: true, maxLength: GOAL_TITLE_MAX });
    expect(c.skill?.required).toBe(false);
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
