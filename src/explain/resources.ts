/**
 * What `explain` knows about the resources a deploy log names: Pulumi type tokens (the short form the
 * CLIs print and the full token the state holds), URNs, and how AWS and the provider word a name.
 * Pure: strings in, strings out.
 */
import { shortToFull } from "../kinds/registry.js";

/** The short types the CLIs print and the kinds' type tables live with the kinds (src/kinds/registry.ts). */
export { shortToFull, sameType, typeOfWording } from "../kinds/registry.js";

const SHORT_AWS = /^aws:([\w-]+):([A-Z]\w*)$/;

/**
 * The full token for a type as a log shows it: `aws:cloudwatch:LogGroup` → `aws:cloudwatch/logGroup:LogGroup`.
 * Pulumi shortens `pkg:mod/sub:Type` to `pkg:mod:Type` when `sub` is `Type` with a lower-case first
 * letter, which holds for every pulumi-aws resource; other packages' types and full tokens are kept.
 */
export function fullType(shown: string): string {
  const known = shortToFull()[shown];
  if (known !== undefined) return known;
  const m = SHORT_AWS.exec(shown);
  if (m === null) return shown;
  const [, mod, type] = m as unknown as [string, string, string];
  return `aws:${mod}/${type.charAt(0).toLowerCase()}${type.slice(1)}:${type}`;
}

export interface ParsedUrn {
  stage: string;
  app: string;
  /** The resource's own type (the last of the parent chain), as the URN holds it (a full token). */
  type: string;
  name: string;
}

/** `urn:pulumi:<stack>::<project>::<parent$…$type>::<name>`. */
export function parseUrn(urn: string): ParsedUrn | undefined {
  if (!urn.startsWith("urn:pulumi:")) return undefined; // i18n-exempt: URN prefix
  const parts = urn.split("::");
  if (parts.length < 4) return undefined;
  const stage = parts[0]!.slice("urn:pulumi:".length); // i18n-exempt: URN prefix
  const chain = parts[2]!.split("$");
  const type = chain[chain.length - 1]!;
  const name = parts.slice(3).join("::");
  if (stage === "" || parts[1] === "" || type === "" || name === "") return undefined;
  return { stage, app: parts[1]!, type, name };
}

const URN_GLOBAL = /urn:pulumi:[^\s'"`<>()[\]{}]+/g;
const URN_TRAILING = /[,.;:]+$/;

/** Every URN on a line, trailing punctuation removed. */
export function urnsIn(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(URN_GLOBAL)) {
    const urn = m[0].replace(URN_TRAILING, "");
    if (parseUrn(urn) !== undefined) out.push(urn);
  }
  return out;
}

/**
 * Whether a physical name carries the stage as a word of its own (`platform-dev-Api`, `dev_table`,
 * `app-devFunction`): SST names resources `<app>-<stage>-<name>`, so such a name belongs to the stage.
 */
export function nameHasStage(name: string, stage: string): boolean {
  if (stage.length < 2) return false;
  const lower = name.toLowerCase();
  const needle = stage.toLowerCase();
  let from = 0;
  for (;;) {
    const at = lower.indexOf(needle, from);
    if (at < 0) return false;
    const before = at === 0 ? "" : name.charAt(at - 1);
    const after = name.charAt(at + needle.length);
    const okBefore = before === "" || !/[A-Za-z0-9]/.test(before);
    const okAfter = after === "" || !/[a-z0-9]/.test(after);
    if (okBefore && okAfter) return true;
    from = at + 1;
  }
}

/** Shell-quotes one argument of a command meant to be pasted (placeholders stay as they are). */
export function quote(arg: string): string {
  if (/^<[\w -]+>$/.test(arg)) return arg;
  return /^[A-Za-z0-9_./@:=,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
