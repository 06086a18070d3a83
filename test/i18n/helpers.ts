/** What the Chinese-output tests share: how to tell Chinese text, measure it, and compare JSON shapes. */
import { cli } from "../helpers.js";

/** A Chinese (Han) character. */
export const HAN = /[\u4e00-\u9fff]/;

/** Columns on a terminal, CJK and full-width characters two each (the tests' own count, not the code's). */
export function columns(line: string): number {
  let n = 0;
  for (const ch of line) n += /[\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(ch) ? 2 : 1;
  return n;
}

/** Every key path of a JSON value (array items merged), sorted: the document's shape without its text. */
export function keys(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return [...new Set(value.flatMap((v) => keys(v, `${prefix}[]`)))].sort();
  if (value !== null && typeof value === "object")
    return Object.entries(value)
      .flatMap(([k, v]) => [`${prefix}.${k}`, ...keys(v, `${prefix}.${k}`)])
      .sort();
  return [];
}

/**
 * A command run on a fresh acme sandbox (`sandbox --port 0 --scenario acme --exec …`), in English or
 * with `--lang zh` given to the sandbox and to the command.
 */
export function onAcme(lang: "en" | "zh", inner: string[]) {
  const args = lang === "zh" ? [...inner, "--lang", "zh"] : inner;
  const outer = ["sandbox", "--port", "0", "--scenario", "acme", "--exec", args.join(" ")];
  return cli(lang === "zh" ? ["--lang", "zh", ...outer] : outer);
}
