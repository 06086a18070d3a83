/** Human renderings of the state commands' results. */
import type { DiffResult, RepairResult, ShowResult, VerifyResult } from "../actions/state.js";
import type { PathChange } from "../state/diff.js";
import type { Violation } from "../state/integrity.js";
import { isRepairable } from "../state/repair.js";
import type { JsonValue } from "../state/types.js";
import { parseUrn } from "../state/urn.js";
import { t, items } from "../i18n/index.js";
import { padColumns, table, type Colors } from "./style.js";
import { when } from "./time.js";

function shapeLabel(shape: string): string {
  if (shape === "versioned") return t("state.show.shape.versioned");
  if (shape === "export") return "pulumi stack export";
  if (shape === "bare") return t("state.show.shape.bare");
  return shape;
}

function resourceCount(n: number): string {
  return n === 1
    ? t("state.count.resource.one", { count: n })
    : t("state.count.resource.other", { count: n });
}

/** The file, its format, and the one-line facts of a summary. */
function showHeader(r: ShowResult, c: Colors): string[] {
  const s = r.summary;
  const lines: string[] = [];
  const format = `${shapeLabel(s.shape)}, ${s.format.indent === "compact" ? t("state.show.json.compact") : t("state.show.json.indented")}${s.format.gzip ? ", gzip" : ""}`;
  lines.push(`${c.bold(t("state.show.title"))} ${r.file}  ${c.dim(`(${format})`)}`);
  const field = (k: string, v: string) => lines.push(`  ${padColumns(k, 18)}${v}`);
  if (s.stack !== undefined) field(t("state.show.field.stack"), s.stack);
  field(t("state.show.field.appStage"), `${s.app ?? "?"} / ${s.stage ?? "?"}`);
  const checkpoint =
    s.version === undefined
      ? ""
      : s.features.length > 0
        ? t("state.show.checkpointFeatures", { version: s.version, features: items(s.features) })
        : t("state.show.checkpoint", { version: s.version });
  field("pulumi", `${s.pulumiVersion ?? t("state.show.unknown")}${checkpoint}`);
  if (s.time !== undefined) field(t("state.show.field.written"), when(s.time));
  if (s.secretsProvider !== undefined)
    field(
      t("state.show.field.secrets"),
      s.secrets === 1
        ? t("state.show.secrets.one", { provider: s.secretsProvider, count: s.secrets })
        : t("state.show.secrets.other", { provider: s.secretsProvider, count: s.secrets }),
    );
  const components =
    s.components === 1
      ? t("state.show.components.one", { count: s.components })
      : t("state.show.components.other", { count: s.components });
  field(
    t("state.show.field.resources"),
    s.pendingDeletes > 0
      ? t("state.show.resourcesDeleting", {
          total: s.resources,
          custom: s.customResources,
          components,
          deleting: s.pendingDeletes,
        })
      : t("state.show.resources", { total: s.resources, custom: s.customResources, components }),
  );
  for (const p of s.providers) {
    field(
      p.default ? t("state.show.field.defaultProvider") : t("state.show.field.provider"),
      [p.urn.split("::").pop(), p.region, p.version].filter(Boolean).join("  "),
    );
  }
  for (const w of s.warnings) lines.push(c.yellow(`  ${t("state.warning", { text: w })}`));
  return lines;
}

export function renderShow(r: ShowResult, c: Colors): string {
  const s = r.summary;
  const lines = showHeader(r, c);
  if (s.byType.length > 0) {
    lines.push("", c.bold(t("state.show.byType")));
    lines.push(
      table(
        [t("state.show.col.count"), t("state.show.col.type")],
        s.byType.map((b) => [b.count, b.type]),
        c,
      ),
    );
  }
  lines.push("", c.bold(t("state.show.pending", { count: s.pendingOperations.length })));
  if (s.pendingOperations.length === 0) lines.push(c.dim(`  ${t("state.show.none")}`));
  else {
    lines.push(
      table(
        [t("state.show.col.operation"), t("state.show.col.type"), t("state.show.col.name"), "urn"],
        s.pendingOperations.map((p) => [c.yellow(p.type), p.resourceType, p.name ?? "", p.urn]),
        c,
      ),
    );
    if (s.pendingOperations.some((p) => p.type === "creating")) {
      lines.push(c.dim(`  ${t("state.show.pendingCreateNote")}`));
    }
  }
  for (const [title, list] of [
    [t("state.show.protected", { count: s.protected.length }), s.protected],
    [t("state.show.retained", { count: s.retained.length }), s.retained],
  ] as const) {
    lines.push("", c.bold(title));
    if (list.length === 0) lines.push(c.dim(`  ${t("state.show.none")}`));
    else
      lines.push(
        table(
          [t("state.show.col.type"), t("state.show.col.name"), "id"],
          list.map((b) => [b.type, b.name, b.id ?? ""]),
          c,
        ),
      );
  }
  return lines.join("\n");
}

export function renderVerify(r: VerifyResult, c: Colors): string {
  const lines: string[] = [];
  for (const w of r.warnings) lines.push(c.yellow(t("state.warning", { text: w })));
  if (r.violations.length === 0) {
    lines.push(
      `${c.green("✓")} ${t("state.verify.clean", { file: r.file, resources: resourceCount(r.resources) })}`,
    );
    return lines.join("\n");
  }
  const n = r.violations.length;
  const params = { file: r.file, count: n, resources: resourceCount(r.resources) };
  lines.push(
    `${c.red("✗")} ${n === 1 ? t("state.verify.violations.one", params) : t("state.verify.violations.other", params)}`,
    "",
    renderViolations(r.violations, c),
    "",
  );
  const manual = r.violations.filter((v) => !isRepairable(v.code));
  if (manual.length < r.violations.length) {
    lines.push(
      t("state.verify.fix", {
        command: c.cyan(`stateward state repair ${shellQuote(r.file)} --out repaired.json`),
      }),
    );
  }
  if (manual.length > 0) {
    lines.push(
      t(manual.length === 1 ? "state.verify.manual.one" : "state.verify.manual.other", {
        count: manual.length,
        codes: items([...new Set(manual.map((v) => v.code))]),
      }),
    );
  }
  return lines.join("\n");
}

/** Violations grouped by resource, URNs shortened to names (the JSON output keeps them whole). */
function renderViolations(violations: readonly Violation[], c: Colors): string {
  const groups = new Map<string, Violation[]>();
  for (const v of violations) {
    const key =
      v.urn ??
      (v.index === undefined ? t("state.verify.manifest") : t("state.verify.resourceAt", { index: v.index }));
    const list = groups.get(key);
    if (list) list.push(v);
    else groups.set(key, [v]);
  }
  const width = Math.max(...violations.map((v) => v.code.length)) + 2;
  const lines: string[] = [];
  for (const [key, list] of groups) {
    const urn = parseUrn(key);
    lines.push(urn === undefined ? `  ${c.bold(key)}` : `  ${c.bold(urn.name)}  ${c.dim(urn.type)}`);
    for (const v of list) lines.push(`    ${c.red(v.code.padEnd(width))}${shortenUrns(v.message)}`);
  }
  return lines.join("\n");
}

/** Replaces each URN in a sentence by its resource name. */
function shortenUrns(text: string): string {
  return text.replace(/urn:pulumi:[^\s']+/g, (u) => {
    const trimmed = u.replace(/[.,:]$/, "");
    const name = parseUrn(trimmed)?.name;
    return name === undefined ? u : name + u.slice(trimmed.length);
  });
}

export function renderRepair(r: RepairResult, c: Colors): string {
  const lines: string[] = [];
  if (r.changes.length > 0) {
    const count = r.changes.length;
    lines.push(
      c.bold(
        count === 1
          ? t("state.repair.title.one", { file: r.file, count })
          : t("state.repair.title.other", { file: r.file, count }),
      ),
    );
    for (const ch of r.changes) lines.push(`  ${c.yellow(ch.kind.padEnd(30))}${shortenUrns(ch.message)}`);
  }
  if (r.remaining.length > 0) {
    lines.push(
      "",
      c.red(
        r.remaining.length === 1
          ? t("state.repair.remaining.one", { count: r.remaining.length })
          : t("state.repair.remaining.other", { count: r.remaining.length }),
      ),
      renderViolations(r.remaining, c),
      "",
      t("state.repair.remainingHint"),
    );
    return lines.join("\n");
  }
  switch (r.notWritten) {
    case "nothing-to-repair":
      lines.push(`${c.green("✓")} ${t("state.repair.nothing", { file: r.file })}`);
      break;
    case "dry-run":
      lines.push(
        "",
        r.wouldWrite === undefined
          ? t("state.repair.dryRun")
          : t("state.repair.dryRunTarget", { target: r.wouldWrite }),
      );
      break;
    case "no-output":
      lines.push(
        "",
        t("state.repair.noOutput", {
          out: c.cyan("--out <file>"),
          inPlace: c.cyan("--in-place"),
          file: r.file,
        }),
      );
      break;
    default:
      if (r.written !== undefined) {
        lines.push(
          "",
          `${c.green("✓")} ${
            r.written.backup === undefined
              ? t("state.repair.wrote", { path: r.written.path, bytes: r.written.bytes })
              : t("state.repair.wroteBackup", {
                  path: r.written.path,
                  bytes: r.written.bytes,
                  backup: r.written.backup,
                })
          }`,
        );
      }
  }
  return lines.join("\n");
}

export function renderDiff(r: DiffResult, c: Colors): string {
  const d = r.diff;
  const lines: string[] = [`${c.bold(t("state.diff.title"))} ${r.a} → ${r.b}`];
  for (const w of r.warnings) lines.push(c.yellow(t("state.warning", { text: w })));
  const total = d.added.length + d.removed.length + d.changed.length;
  if (total === 0 && d.pendingAdded.length === 0 && d.pendingRemoved.length === 0) {
    lines.push(
      d.unchanged === 1
        ? t("state.diff.none.one", { count: d.unchanged })
        : t("state.diff.none.other", { count: d.unchanged }),
    );
    for (const m of d.manifest) lines.push(c.dim(`  ${formatChange(m)}`));
    return lines.join("\n");
  }
  for (const a of d.added)
    lines.push(c.green(`+ ${a.type}  ${a.urn}${a.id === undefined ? "" : `  (id ${a.id})`}`));
  for (const a of d.removed)
    lines.push(c.red(`- ${a.type}  ${a.urn}${a.id === undefined ? "" : `  (id ${a.id})`}`));
  for (const ch of d.changed) {
    lines.push(c.yellow(`~ ${ch.type}  ${ch.urn}`));
    for (const p of ch.changes) lines.push(`    ${formatChange(p)}`);
  }
  for (const p of d.pendingAdded)
    lines.push(c.yellow(`+ ${t("state.diff.pending", { operation: p.type })}  ${p.urn}`));
  for (const p of d.pendingRemoved)
    lines.push(c.dim(`- ${t("state.diff.pending", { operation: p.type })}  ${p.urn}`));
  const counts = {
    added: d.added.length,
    removed: d.removed.length,
    changed: d.changed.length,
    unchanged: d.unchanged,
  };
  lines.push(
    "",
    d.pendingAdded.length + d.pendingRemoved.length > 0
      ? t("state.diff.totalsPending", {
          ...counts,
          pendingNew: d.pendingAdded.length,
          pendingGone: d.pendingRemoved.length,
        })
      : t("state.diff.totals", counts),
  );
  return lines.join("\n");
}

function formatChange(p: PathChange): string {
  if (p.before === undefined) return t("state.diff.pathAdded", { path: p.path, value: short(p.after) });
  if (p.after === undefined) return t("state.diff.pathRemoved", { path: p.path, value: short(p.before) });
  return `${p.path}: ${short(p.before)} → ${short(p.after)}`;
}

function short(v: JsonValue | undefined): string {
  const text = JSON.stringify(v) ?? "undefined";
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./@:=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
