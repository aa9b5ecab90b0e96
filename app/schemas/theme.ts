// The colour-scheme form on /profile. Shared by the form and the action (app/routes/profile.tsx).
import * as z from "zod";
import { THEMES } from "~/domain/theme";

export const THEME_INTENT = "theme";

export const themeSchema = z.object({
  intent: z.literal(THEME_INTENT),
  theme: z.enum(THEMES, { error: "Choose light, dark, or follow this device's setting." }),
});

export type ThemeValues = z.infer<typeof themeSchema>;
