// ESLint for Bro's own scripts (`npm run lint`, a stage of scripts/test.sh): the recommended rules, browser globals
// for the site's scripts (classic scripts sharing window.bro, loadable from file://), node globals for the tests.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["node_modules/", "site/", "dist/", ".venv/", "**/.site-staging-*/"] },
  js.configs.recommended,
  {
    files: ["overrides/assets/bro/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: {
        ...globals.browser,
        lunr: "readonly",          // lunr.js and its Danish/Swedish stemmers, loaded before the directory's scripts
        module: "readonly",        // each script also exports its logic to node's test runner (tests/js/)
      },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
  {
    files: ["tests/js/**/*.js", "eslint.config.mjs"],
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: { ...globals.node } },
  },
  { files: ["eslint.config.mjs"], languageOptions: { sourceType: "module" } },
];
