// ESLint (flat config): the recommended sets of ESLint, typescript-eslint, React hooks and jsx-a11y,
// with a few rules adjusted where the recommended default fights the house style (each says why).
// Formatting is Prettier's job (.prettierrc), so no stylistic rules here.
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "build/",
      "public/build/",
      ".cache/",
      "data/",
      "node_modules/",
      "test/.tmp/",
      "bench/.tmp/",
      "test-results/",
      "playwright-report/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      // `_`-prefixed names are deliberately unused (destructuring a field away, a required parameter)
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
      // `!` is used where a lookup is known to succeed (seeded keys, a regex that matched); tsc checks the rest
      "@typescript-eslint/no-non-null-assertion": "off",
      // `as never` / `any` appear at the kysely and test boundaries on purpose; warn, do not fail
      "@typescript-eslint/no-explicit-any": "warn",
    },
  },
  {
    files: ["app/**/*.tsx"],
    ...reactHooks.configs["recommended-latest"],
  },
  {
    files: ["app/**/*.tsx"],
    ...jsxA11y.flatConfigs.recommended,
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      // a scrolling table wrapper is a labelled role="region" with tabIndex 0, so keyboard users can
      // scroll it (axe: scrollable-region-focusable); the rule's default allows only tabpanel
      "jsx-a11y/no-noninteractive-tabindex": ["error", { tags: [], roles: ["tabpanel", "region"], allowExpressionValues: true }],
    },
  },
  {
    // Playwright fixtures take an empty destructuring `{}` as their first argument by design
    files: ["test/e2e/**/*.ts"],
    rules: { "no-empty-pattern": "off" },
  },
);
