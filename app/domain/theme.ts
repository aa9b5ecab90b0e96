// The colour scheme a person picks on /profile (issue 16, point 2). "system" is stored as null and follows the
// browser's prefers-color-scheme; the other two pin the scheme. Rendered as <html data-theme> by app/root.tsx,
// which app/styles/app.css reads.
export const THEMES = ["system", "light", "dark"] as const;

export type Theme = (typeof THEMES)[number];

export const THEME_LABELS: Record<Theme, string> = {
  system: "Follow this device's setting",
  light: "Light",
  dark: "Dark",
};

/** The stored value (null, "light", "dark") as the choice it stands for; anything else follows the system. */
export function themeOf(stored: string | null | undefined): Theme {
  return stored === "light" || stored === "dark" ? stored : "system";
}

/** The value to store for a choice: null for "system". */
export function storedTheme(theme: Theme): "light" | "dark" | null {
  return theme === "system" ? null : theme;
}
