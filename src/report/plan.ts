/** Human renderings of repair plans and of applying them. */
import type { ActionOutcome, ApplyReport } from "../actions/plan.js";
import { t } from "../i18n/index.js";
import type { RepairPlan } from "../repair/plan.js";
import type { ActionTarget } from "../rules/remedy.js";
import { padColumns, type Colors } from "./style.js";

function targetLabel(target: Exclude<ActionTarget, "none">): string {
  switch (target) {
    case "state":
      return t("report.plan.target.state");
    case "cloud":
      return t("report.plan.target.cloud");
    case "lock":
      return t("report.plan.target.lock");
    case "home-state":
      return t("report.plan.target.home-state");
  }
}

function resultLabel(result: ActionOutcome["result"]): string {
  switch (result) {
    case "done":
      return t("report.apply.done");
    case "pending":
      return t("report.apply.pending");
    case "failed":
      return t("report.apply.failed");
    case "skipped":
      return t("report.apply.skipped");
    case "refused":
      return t("report.apply.refused");
    case "advice":
      return t("report.apply.advice");
  }
}

function closing(p: RepairPlan & { out?: string }, confirms: string | undefined): string {
  const params = {
    actions:
      p.actions.length === 1
        ? t("report.count.action.one", { count: p.actions.length })
        : t("report.count.action.other", { count: p.actions.length }),
    file: p.out ?? "plan.json",
  };
  if (p.out === undefined)
    return confirms === undefined
      ? t("report.plan.closing.unsaved", params)
      : t("report.plan.closing.unsaved-deletions", { ...params, confirms });
  return confirms === undefined
    ? t("report.plan.closing.saved", params)
    : t("report.plan.closing.saved-deletions", { ...params, confirms });
}

export function renderPlan(p: RepairPlan & { out?: string }, c: Colors): string {
  const lines = [`${c.bold(t("report.plan.title"))} ${p.backend}`];
  if (p.actions.length === 0) lines.push(c.green(`  ${t("report.plan.nothing")}`));
  // What deletes comes first, each with its stage, type, physical id and region.
  const deletes = p.actions.filter((a) => a.destructive);
  if (deletes.length > 0) {
    const n = deletes.length;
    const deletions =
      n === 1 ? t("report.count.deletion.one", { count: n }) : t("report.count.deletion.other", { count: n });
    lines.push(c.red(c.bold(`  ${t("report.plan.deletions", { deletions })}`)));
    for (const a of deletes) {
      const r = a.resource;
      lines.push(
        `  ${a.id.padEnd(4)} ${c.red(t("report.cleanup.delete"))}  ${t("report.stage", { stage: a.stage })}  ${r?.type ?? a.kind}  ${r?.id ?? r?.name ?? ""}  ${r?.region ?? ""}  ${c.dim(`(${a.finding})`)}`,
      );
    }
    lines.push("");
  }
  for (const a of p.actions.filter((x) => !x.destructive)) {
    const tag =
      a.target === "none"
        ? c.dim(padColumns(t("report.plan.advice"), 6))
        : c.green(padColumns(targetLabel(a.target), 6));
    lines.push(
      `  ${a.id.padEnd(4)} ${tag} ${a.kind.padEnd(16)} ${c.dim(`${a.stage}, ${a.finding}`)}  ${a.change}${a.reversible ? "" : c.dim(` ${t("report.plan.not-reversible")}`)}`,
    );
  }
  const stages = [...new Set(deletes.map((a) => a.stage))];
  const confirms = stages.length === 0 ? undefined : stages.map((s) => `--confirm ${s}`).join(" ");
  lines.push("", c.dim(closing(p, confirms)));
  return lines.join("\n");
}

export function renderApply(r: ApplyReport, c: Colors): string {
  const lines = [`${c.bold(r.dryRun ? t("report.apply.title-dry-run") : t("report.apply.title"))} ${r.app}`];
  for (const o of r.outcomes) {
    const word = padColumns(resultLabel(o.result), 8);
    const mark =
      o.result === "done"
        ? c.green(word)
        : o.result === "failed"
          ? c.red(word)
          : o.result === "pending"
            ? c.yellow(word)
            : c.dim(word);
    lines.push(`  ${o.id.padEnd(4)} ${mark} ${o.kind.padEnd(16)} ${c.dim(o.stage)}  ${o.detail}`);
  }
  for (const d of r.diffs) {
    lines.push(
      "",
      t("report.apply.diff", {
        state: c.bold(t("report.apply.state-of", { stage: d.stage })),
        written:
          d.written === undefined
            ? c.dim(t("report.apply.not-written"))
            : t("report.apply.written-to", { location: d.written }),
        added: d.diff.added.length,
        removed: d.diff.removed.length,
        changed: d.diff.changed.length,
        pending: d.diff.pendingRemoved.length,
      }),
    );
    for (const a of d.diff.added) lines.push(c.green(`  + ${a.urn}`));
    for (const a of d.diff.removed) lines.push(c.red(`  - ${a.urn}`));
    for (const a of d.diff.changed) lines.push(c.yellow(`  ~ ${a.urn}`));
    for (const a of d.diff.pendingRemoved)
      lines.push(c.dim(`  - ${t("report.apply.pending-removed", { type: a.type, urn: a.urn })}`));
  }
  return lines.join("\n");
}
