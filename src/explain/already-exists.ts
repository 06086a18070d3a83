/**
 * "Already exists" in a deploy log: which kind of resource AWS says is already there, and its name,
 * from each kind's wording (src/kinds, `wording`); failing those, any `…AlreadyExists` code or an AWS
 * error that says "already exists".
 */
import { KINDS } from "../kinds/registry.js";
import type { AlreadyExistsSignature, Kind, SubtypedSignature } from "../kinds/types.js";
import { AWS_ERROR, GENERIC_CODE, GENERIC_WORDS } from "./patterns.js";
import {
  creatingWords,
  foreignAlreadyExists,
  nameInMessage,
  terraformTypeOn,
  tokenOfTerraformType,
} from "./foreign.js";
import type { Draft, ProblemResource } from "./types.js";
import { once } from "../util/once.js";

/** Lines longer than this are likely hard-wrapped by a terminal; a name cut at their end goes on. */
const WRAP_MIN = 70;

/**
 * The text every match of a pattern starts with, where it has one: its leading characters that stand
 * for themselves (after a `\b`), up to the first that does not, less one a quantifier follows
 * (`Exception:?`). Undefined for a pattern with an alternative at its top level (`a|b`: neither side
 * is required), one that ignores case, or a start shorter than four characters. A line without it
 * cannot match, so the pattern is not tried, nor compiled (issue 17: each pattern a run tries first
 * costs V8 a compilation).
 */
export function requiredStart(re: RegExp): string | undefined {
  if (re.ignoreCase || re.multiline) return undefined;
  // An alternative at the top level: outside every group, and outside a class (`[(|]` is characters).
  // `source` makes a new string each time it is read: once here.
  const all = re.source;
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < all.length; i++) {
    const c = all[i]!;
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) return undefined;
  }
  const source = all.startsWith("\\b") ? all.slice(2) : all;
  const literal = /^[A-Za-z0-9 :'=<>_-]*/.exec(source)![0];
  const quantified = /^[?*{]/.test(source.slice(literal.length));
  const start = quantified ? literal.slice(0, -1) : literal;
  return start.length >= 4 ? start : undefined;
}

/**
 * Every kind's signatures, in the registry's order: the first that matches a line wins (made when a
 * line first needs them; each beside its kind, not copied with it: a run copies none).
 */
const signatures = once(
  (): readonly { sig: AlreadyExistsSignature; kind: Kind; start: string | undefined }[] =>
    KINDS.flatMap((kind) =>
      (kind.wording?.alreadyExists ?? []).map((sig) => ({ sig, kind, start: requiredStart(sig.re) })),
    ),
);
const subtyped = once((): readonly { sig: SubtypedSignature; kind: Kind; start: string | undefined }[] =>
  KINDS.flatMap((kind) =>
    (kind.wording?.subtyped ?? []).map((sig) => ({ sig, kind, start: requiredStart(sig.re) })),
  ),
);

/** A name cut off at the end of a hard-wrapped line continues at the start of the next. */
function unwrap(raw: string, line: string, name: string, end: number, next: string | undefined): string {
  if (next === undefined || end < line.length || raw.length < WRAP_MIN) return name;
  const more = /^[\w./@+=-]+/.exec(next);
  return more === null ? name : name + more[0];
}

/** The one resource a kind's signature names on this line (its name may go on on the next line). */
function bySignature(raw: string, line: string, i: number, next: string | undefined): Draft | undefined {
  for (const { sig, kind, start } of signatures()) {
    if (start !== undefined && !line.includes(start)) continue;
    const m = sig.re.exec(line);
    if (m === null) continue;
    let name: string | undefined;
    const at = [i];
    if (sig.nameGroup !== undefined) {
      const g = m[sig.nameGroup]!;
      name = unwrap(raw, line, g, line.indexOf(g, m.index) + g.length, next);
      if (name !== g) at.push(i + 1);
    }
    const inMessage = kind.wording?.nameInMessage;
    if (name === undefined && inMessage !== undefined) name = inMessage.exec(line)?.[1];
    return {
      kind: "already-exists",
      resource: { type: kind.types[0]!, ...(name && { name }) },
      at,
      code: sig.code,
    };
  }
  return undefined;
}

/** Resources named with a subtype (Route 53 record sets: name and record type), every one on the line. */
function bySubtype(line: string, i: number): Draft[] {
  for (const { sig, kind, start } of subtyped()) {
    if (start !== undefined && !line.includes(start)) continue;
    const matches = sig.re.global
      ? [...line.matchAll(sig.re)]
      : [sig.re.exec(line)].filter((m) => m !== null);
    if (matches.length === 0) continue;
    return matches.map((m) => ({
      kind: "already-exists",
      resource: {
        type: kind.types[0]!,
        name: m[sig.nameGroup]!.replace(/\.$/, ""),
        recordType: m[sig.subtypeGroup]!,
      },
      at: [i],
      code: sig.code,
    }));
  }
  return [];
}

/** What a line says already exists, before the headings around it name it further. */
export function alreadyExistsOn(raw: string, line: string, i: number, next: string | undefined): Draft[] {
  const one = bySignature(raw, line, i, next);
  const found = [...(one === undefined ? [] : [one]), ...bySubtype(line, i)];
  const foreign = foreignAlreadyExists(line);
  if (found.length === 0) {
    const code = GENERIC_CODE.exec(line)?.[1];
    if (code !== undefined || foreign !== undefined || (GENERIC_WORDS.test(line) && AWS_ERROR.test(line))) {
      found.push({ kind: "already-exists", resource: {}, at: [i], ...(code && { code }) });
    }
  }
  if (found.length === 0) return found;
  // CloudFormation's, Terraform's and older providers' wording, and the name the message itself gives.
  const words = creatingWords(line);
  const tf = terraformTypeOn(line);
  const fallback: ProblemResource = {};
  const type = foreign?.type ?? words?.type ?? (tf === undefined ? undefined : tokenOfTerraformType(tf));
  if (type !== undefined) fallback.type = type;
  const name = foreign?.name ?? nameInMessage(line) ?? words?.name;
  if (name !== undefined && !name.includes("=")) fallback.name = name;
  if (foreign?.logicalName !== undefined) fallback.logicalName = foreign.logicalName;
  if (foreign?.stack !== undefined) fallback.stack = foreign.stack;
  for (const d of found) {
    if (Object.keys(fallback).length > 0) d.fallback = fallback;
    if (line.includes("scheduled for deletion")) d.scheduledForDeletion = true; // i18n-exempt: log text
    if (/associated with (?:another|a different)/.test(line)) d.heldByAnother = true;
    // API Gateway: "Another resource with the same parent already has this name" — the parent is the program's own API.
    if (line.includes("with the same parent already has this name")) d.sameNameAs ??= []; // i18n-exempt: log text
  }
  return found;
}
