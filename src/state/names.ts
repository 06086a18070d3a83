/**
 * Physical names the way SST ≥ 3.8 makes them (platform/src/components/naming.ts): the logical name
 * prefixed with app and stage, truncated to the service's limit (app first, then stage), and an
 * 8-character suffix over `abcdefhkmnorstuvwxz`. SST draws that suffix at random once and keeps it in
 * state; stateward derives it from app, stage, type and logical name instead, so the same question
 * always gets the same answer and two people generate the same name.
 */
import { t } from "../i18n/index.js";
import { NAME_RULES } from "../kinds/registry.js";
import type { NamingRule } from "../kinds/types.js";

/** How SST names one type (each kind's `naming`, src/kinds). */
export type NameRule = NamingRule;

/** The types whose physical names SST generates, and their limits (FORMATS.md §2): the kinds' rules. */
export { NAME_RULES };

const PRETTY = "abcdefhkmnorstuvwxz";

/** 32-bit FNV-1a: small, stable, good enough to spread suffixes. */
function fnv1a(text: string, seed = 2166136261): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** A stable 8-character suffix in SST's alphabet. */
export function prettySuffix(input: string, length = 8): string {
  // Two 32-bit hashes, four characters from each (19^4 < 2^32).
  let out = "";
  for (const seed of [2166136261, 0x5bd1e995]) {
    let n = fnv1a(input, seed);
    for (let i = 0; i < length / 2; i++) {
      out += PRETTY[n % PRETTY.length];
      n = Math.floor(n / PRETTY.length);
    }
  }
  return out.slice(0, length);
}

/** SST's prefixName: `app-stage-name`, cutting the app, then the stage, then the name to fit `max`. */
export function prefixName(
  app: string,
  stage: string,
  max: number,
  logical: string,
): { name: string; cut: "none" | "app" | "stage" | "name" } {
  const name = logical.replace(/[^a-zA-Z0-9]/g, "");
  if (name.length + 1 >= max) return { name: name.substring(0, max), cut: "name" };
  if (name.length + stage.length + 2 >= max) {
    return { name: `${stage.substring(0, max - name.length - 1)}-${name}`, cut: "stage" };
  }
  const room = max - stage.length - name.length - 2;
  return { name: `${app.substring(0, room)}-${stage}-${name}`, cut: app.length > room ? "app" : "none" };
}

export interface GeneratedName {
  type: string;
  name: string;
  max: number;
  /** What had to be shortened to fit (`stage` and `name` lose what tells stages apart). */
  cut: "none" | "app" | "stage" | "name";
}

export function generateName(app: string, stage: string, logical: string, type: string): GeneratedName {
  const rule = NAME_RULES[type];
  if (rule === undefined) {
    throw new Error(`no naming rule for ${type}`); // i18n-exempt: internal invariant (callers check NAME_RULES)
  }
  const room = rule.max - (rule.prefix?.length ?? 0);
  const main = prefixName(app, stage, room - 9, logical);
  let name = `${main.name}-${prettySuffix(`${app}/${stage}/${type}/${logical}`)}`;
  if (rule.lower === true) name = name.toLowerCase();
  return { type, name: `${rule.prefix ?? ""}${name}`, max: rule.max, cut: main.cut };
}

export interface NameClaim {
  app: string;
  stage: string;
  type: string;
  name: string;
  urn?: string;
  pending?: boolean;
}

export interface NameProblem {
  kind: "collision" | "no-stage-no-suffix" | "stage-truncated";
  name: string;
  type: string;
  claims: NameClaim[];
  message: string;
}

const SUFFIX = new RegExp(`-[${PRETTY}]{8}$`);

/**
 * Names claimed twice (same type and name, different app or stage); names with neither the stage nor
 * an SST suffix (they collide when another stage deploys); names whose stage was cut to fit.
 */
export function checkNames(claims: readonly NameClaim[]): NameProblem[] {
  const problems: NameProblem[] = [];
  const byName = new Map<string, NameClaim[]>();
  for (const c of claims) {
    const key = `${c.type}|${c.name}`;
    byName.set(key, [...(byName.get(key) ?? []), c]);
  }
  for (const group of byName.values()) {
    const owners = new Set(group.map((c) => `${c.app}/${c.stage}`));
    if (owners.size > 1) {
      problems.push({
        kind: "collision",
        name: group[0]!.name,
        type: group[0]!.type,
        claims: group,
        message: t("state.names.collision", {
          name: group[0]!.name,
          owners: [...owners].join(t("state.names.and")),
        }),
      });
    }
  }
  for (const c of claims) {
    if (NAME_RULES[c.type] === undefined) continue;
    const base = c.name.replace(/^\/aws\/lambda\//, "");
    const hasStage =
      base.toLowerCase().includes(`-${c.stage.toLowerCase()}-`) ||
      base.toLowerCase().startsWith(`${c.stage.toLowerCase()}-`);
    const hasSuffix = SUFFIX.test(base);
    if (!hasStage && !hasSuffix) {
      problems.push({
        kind: "no-stage-no-suffix",
        name: c.name,
        type: c.type,
        claims: [c],
        message: t("state.names.noStageNoSuffix", { name: c.name, stage: c.stage }),
      });
    } else if (
      !hasStage &&
      hasSuffix &&
      base.length >= NAME_RULES[c.type]!.max - (NAME_RULES[c.type]!.prefix?.length ?? 0) - 1
    ) {
      problems.push({
        kind: "stage-truncated",
        name: c.name,
        type: c.type,
        claims: [c],
        message: t("state.names.stageTruncated", {
          name: c.name,
          max: NAME_RULES[c.type]!.max,
          stage: c.stage,
        }),
      });
    }
  }
  return problems;
}
