/**
 * The help pages `npm run build` stores for src/cli/help-pages.ts, rendered by the program itself
 * (scripts/bundle.js bundles this as a second entry, runs it, and removes it).
 */
import type { Command } from "commander";
import { setLang, type Lang } from "../i18n/index.js";
import type { CliIO } from "./io.js";
import { build, runCli } from "./program.js";
import { Run } from "./run.js";

/** Every command of the program, by its words (`""`: the program itself, `"history list"`). */
export function helpPaths(): string[] {
  const paths: string[] = [];
  const walk = (command: Command, path: string[]): void => {
    paths.push(path.join(" "));
    for (const sub of command.commands) walk(sub, [...path, sub.name()]);
  };
  const quiet = { write: () => true, isTTY: false };
  walk(build(new Run({ stdout: quiet, stderr: quiet, env: {} }, false)), []);
  return paths;
}

/**
 * Every help page as a user sees it (`stateward <command…> --help` off a terminal), by command
 * (`""`: the program's own, `"history list"`): what `npm run build` stores for src/cli/help-pages.ts.
 */
export async function renderHelpPages(lang: Lang): Promise<Record<string, string>> {
  setLang(lang);
  const pages: Record<string, string> = {};
  for (const words of helpPaths()) {
    const path = words === "" ? [] : words.split(" ");
    let page = "";
    let errors = "";
    const io: CliIO = {
      stdout: { write: (s: string) => (page += s), isTTY: false },
      stderr: { write: (s: string) => (errors += s), isTTY: false },
      env: {},
    };
    const code = await runCli(["--lang", lang, ...path, "--help"], io);
    // i18n-exempt: a build failure, for whoever runs the build
    if (code !== 0 || errors !== "") throw new Error(`help of "${path.join(" ")}" exited ${code}: ${errors}`);
    pages[words] = page;
  }
  return pages;
}
