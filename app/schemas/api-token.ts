// The integration-token forms (admin): name a new token, or revoke one from the list.
import * as z from "zod";
import { ID_MAX } from "~/domain/input-rules";
import { characters } from "./rules";
import { TOKEN_NAME_MAX } from "~/domain/limits";

export const tokenCreateSchema = z.object({
  name: z
    .string({ error: "Name the integration, e.g. “ServiceNow production”." })
    .trim()
    .min(1, "Name the integration, e.g. “ServiceNow production”.")
    .max(TOKEN_NAME_MAX, `Use at most ${TOKEN_NAME_MAX} characters.`)
    .superRefine(characters()),
});

export const tokenRevokeSchema = z.object({
  tokenId: z
    .number({ error: "Choose a token." })
    .int("Choose a token.")
    .positive("Choose a token.")
    .max(ID_MAX, "Choose a token."),
});

export type TokenCreateValues = z.infer<typeof tokenCreateSchema>;
export type TokenRevokeValues = z.infer<typeof tokenRevokeSchema>;
