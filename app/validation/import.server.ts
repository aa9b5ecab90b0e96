// Form input of the import pages and the token admin page (server-only: zod).
import { z } from "zod";

export const mapHandleSchema = z.object({
  handle: z.string().trim().min(1, "Choose the handle to map.").max(80, "A handle has at most 80 characters."),
  personId: z
    .string({ error: "Choose a person." })
    .trim()
    .regex(/^\d+$/, "Choose a person.")
    .transform(Number),
});

export const tokenCreateSchema = z.object({
  name: z.string({ error: "Name the integration." }).trim().min(1, "Name the integration, e.g. “ServiceNow production”.").max(80, "Use at most 80 characters."),
});

export const tokenRevokeSchema = z.object({
  tokenId: z.string({ error: "Choose a token." }).trim().regex(/^\d+$/, "Choose a token.").transform(Number),
});

export const batchViewSchema = z.object({
  show: z.enum(["all", "create", "update", "unchanged", "kept", "skip"]).catch("all"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
