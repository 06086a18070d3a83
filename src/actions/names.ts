/** `stateward names generate|check`: SST-style physical names, and the names that will collide. */
import { appLabel, type OpenStage } from "../backends/resolve.js";
import { defaultSstStage, findSstConfig, loadSstConfig } from "../project/sst-config.js";
import path from "node:path";
import { StatewardError } from "../errors.js";
import { t, items } from "../i18n/index.js";
import {
  checkNames,
  generateName,
  NAME_RULES,
  type GeneratedName,
  type NameClaim,
  type NameProblem,
} from "../state/index.js";
import { mapLimit } from "../util/map-limit.js";

export function generate(app: string, stage: string, logical: string, type?: string): GeneratedName[] {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(logical)) {
    throw new StatewardError("USAGE", t("actions.names.bad-logical", { logical }), {});
  }
  if (type !== undefined && NAME_RULES[type] === undefined) {
    throw new StatewardError("USAGE", t("actions.names.no-rule", { type }), {
      hint: t("actions.names.no-rule-hint", { types: items(Object.keys(NAME_RULES)) }),
    });
  }
  return (type === undefined ? Object.keys(NAME_RULES) : [type]).map((t) =>
    generateName(app, stage, logical, t),
  );
}

export interface NamesCheck {
  backend: string;
  stages: string[];
  problems: NameProblem[];
}

/** The physical names every stage's state holds (and pending creates ask for). */
export async function checkStageNames(open: OpenStage, allStages: boolean): Promise<NamesCheck> {
  const stages = allStages ? await open.backend.listStages(open.signal) : [open.backend.stage];
  const every = await open.backend.listStages(open.signal);
  const claims: NameClaim[] = [];
  await mapLimit([...new Set([...stages, ...every])], 4, async (stage) => {
    const backend = stage === open.backend.stage ? open.backend : await open.backend.forStage(stage);
    const d = (await backend.readState(open.signal))?.doc.deployment;
    const add = (
      r: { urn: string; type: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> },
      pending: boolean,
    ) => {
      const rule = NAME_RULES[r.type];
      const name = rule === undefined ? undefined : (r.outputs?.[rule.field] ?? r.inputs?.[rule.field]);
      if (typeof name === "string" && name !== "")
        claims.push({ app: open.backend.app, stage, type: r.type, name, urn: r.urn, pending });
    };
    for (const r of d?.resources ?? []) if (r.custom) add(r, false);
    for (const op of d?.pending_operations ?? []) if (op.type === "creating") add(op.resource, true);
  });
  // Problems of the stages asked about (collisions are reported when one of them is involved).
  const problems = checkNames(claims).filter((p) => p.claims.some((c) => stages.includes(c.stage)));
  return { backend: appLabel(open), stages, problems };
}

/** App and stage for naming, from flags or the project: no AWS call is needed to make a name. */
export async function appAndStage(
  flags: { app?: string; stage?: string },
  context: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<{ app: string; stage: string }> {
  const config =
    flags.app !== undefined && flags.stage !== undefined ? undefined : await findSstConfig(context.cwd);
  const stage =
    flags.stage ??
    (config === undefined
      ? context.env.SST_STAGE || undefined
      : await defaultSstStage(path.dirname(config), context.env));
  if (stage === undefined) {
    throw new StatewardError("USAGE", t("actions.names.which-stage"), {});
  }
  const app =
    flags.app ?? (config === undefined ? undefined : (await loadSstConfig(config, stage, context.env)).name);
  if (app === undefined) {
    throw new StatewardError("USAGE", t("actions.names.which-app"), {});
  }
  return { app, stage };
}
