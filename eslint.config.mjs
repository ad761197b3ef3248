// ESLint for Bro's own scripts (`npm run lint`, a stage of scripts/test.sh): the recommended rules, browser globals
// for the site's scripts (classic scripts sharing window.bro, loadable from file://), node globals for the tests.
import js from "@eslint/js";
import globals from "globals";

export default [
  // what the build, `make offline` and the tools write (the theme's own scripts among them): not Bro's code
  { ignores: ["node_modules/", "site/", "build/", "dist/", ".venv/", ".venv-lock/", ".site-staging-*/", "pr-summary/"] },
  js.configs.recommended,
  {
    files: ["overrides/assets/bro/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,         // what the browsers Bro supports all run, without a build step
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
