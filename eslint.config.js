import js from "@eslint/js";
import tseslint from "typescript-eslint";

// One deletion gate: only src/cloud/deletion-gate.ts issues the permits drivers' deletes require. Every
// block that sets no-restricted-imports repeats this pattern (a later block replaces the rule's options).
const PERMIT = {
  group: ["**/permit.js", "**/permit"],
  importNames: ["issuePermit"],
  message: "Only the deletion gate (src/cloud/deletion-gate.ts) issues deletion permits.",
};

export default tseslint.config(
  { ignores: ["dist/", ".bench-build/", "node_modules/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-restricted-imports": "off",
    },
  },
  {
    files: ["**/*.ts"],
    ignores: ["src/cloud/deletion-gate.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [PERMIT] }] },
  },
  {
    // Small files and functions (issue 14): the sandbox's protocol tables are the one exception.
    files: ["src/**/*.ts"],
    ignores: ["src/sandbox/**"],
    rules: {
      "max-lines": ["error", { max: 400 }],
      "max-lines-per-function": ["error", { max: 80 }],
    },
  },
  {
    // Explain reads logs as given: no file system, no process, no AWS (ARCHITECTURE.md).
    files: ["src/explain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["node:fs", "fs", "node:fs/promises", "node:process", "process", "node:child_process"],
          patterns: [PERMIT, { group: ["@aws-sdk/*"], message: "explain makes no AWS call." }],
        },
      ],
      "no-restricted-globals": ["error", "process"],
    },
  },
  {
    // The pure layers (ARCHITECTURE.md): functions of data. No node: module, no process, no AWS SDK,
    // nothing from cloud/ (AWS calls) or backends/ (state storage).
    files: ["src/state/**/*.ts", "src/rules/**/*.ts", "src/repair/**/*.ts", "src/kinds/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["fs", "fs/promises", "process", "child_process", "zlib", "crypto", "path", "os"],
          patterns: [
            { group: ["node:*", "@aws-sdk/*"], message: "A pure layer: no node: modules, no AWS SDK." },
            {
              group: ["**/cloud/**", "**/backends/**"],
              message: "A pure layer: what calls AWS or touches storage lives in cloud/ and backends/.",
            },
          ],
        },
      ],
      "no-restricted-globals": ["error", "process"],
    },
  },
  { files: ["eslint.config.js"], ...tseslint.configs.disableTypeChecked },
  {
    // Build scripts (scripts/bundle.js): plain Node ES modules, run as they are.
    files: ["scripts/**/*.js"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: "module",
      globals: Object.fromEntries(["process", "Buffer", "console"].map((name) => [name, "readonly"])),
    },
  },
  {
    // The ui page (web/): browser ES modules served as they are (no build step, not in the TS project).
    files: ["web/**/*.js"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: "module",
      globals: Object.fromEntries(
        ["window", "document", "navigator", "location", "fetch", "setTimeout", "clearTimeout"]
          .concat(["addEventListener", "removeEventListener", "console"])
          .map((name) => [name, "readonly"]),
      ),
    },
  },
);
