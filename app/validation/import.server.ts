// The token admin page's form input (server-only: zod). The import pages' schemas live in app/schemas/import.ts.
import { z } from "zod";

export const tokenCreateSchema = z.object({
  name: z.string({ error: "Name the integration." }).trim().min(1, "Name the integration, e.g. “ServiceNow production”.").max(80, "Use at most 80 characters."),
});

export const tokenRevokeSchema = z.object({
  tokenId: z.string({ error: "Choose a token." }).trim().regex(/^\d+$/, "Choose a token.").transform(Number),
});
