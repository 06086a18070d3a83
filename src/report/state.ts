/** Human renderings of the state commands' results. */
import type { DiffResult, RepairResult, ShowResult, VerifyResult } from "../actions/state.js";
import { isRepairable, parseUrn, type JsonValue, type PathChange, type Violation } from "../state/index.js";
import { plural, table, type Colors } from "./style.js";

const SHAPE: Record<string, string> = {
  versioned: "versioned checkpoint",
  export: "pulumi stack export",
  bare: "bare checkpoint (sst state export)",
};

export function renderShow(r: ShowResult, c: Colors): string {
  const s = r.summary;
  const lines: string[] = [];
  const format = `${SHAPE[s.shape] ?? s.shape}, ${s.format.indent === "compact" ? "compact JSON" : `indented JSON`}${s.format.gzip ? ", gzip" : ""}`;
  lines.push(`${c.bold("State")} ${r.file}  ${c.dim(`(${format})`)}`);
  const field = (k: string, v: string) => lines.push(`  ${k.padEnd(18)}${v}`);
  if (s.stack !== undefined) field("stack", s.stack);
  field("app / stage", `${s.app ?? "?"} / ${s.stage ?? "?"}`);
  field(
    "pulumi",
    `${s.pulumiVersion ?? "unknown"}${s.version === undefined ? "" : `  (checkpoint version ${s.version}${s.features.length > 0 ? `, features ${s.features.join(", ")}` : ""})`}`,
  );
  if (s.time !== undefined) field("written", s.time);
  if (s.secretsProvider !== undefined)
    field("secrets", `${s.secretsProvider} provider, ${plural(s.secrets, "secret value")} (never shown)`);
  field(
    "resources",
    `${s.resources} (${s.customResources} custom, ${plural(s.components, "component")}${s.pendingDeletes > 0 ? `, ${s.pendingDeletes} awaiting delete` : ""})`,
  );
  for (const p of s.providers) {
    field(
      p.default ? "default provider" : "provider",
      [p.urn.split("::").pop(), p.region, p.version].filter(Boolean).join("  "),
    );
  }
  for (const w of s.warnings) lines.push(c.yellow(`  warning: ${w}`));

  if (s.byType.length > 0) {
    lines.push("", c.bold("Resources by type"));
    lines.push(
      table(
        ["count", "type"],
        s.byType.map((t) => [t.count, t.type]),
        c,
      ),
    );
  }
  lines.push("", c.bold(`Pending operations (${s.pendingOperations.length})`));
  if (s.pendingOperations.length === 0) lines.push(c.dim("  none"));
  else {
    lines.push(
      table(
        ["operation", "type", "name", "urn"],
        s.pendingOperations.map((p) => [c.yellow(p.type), p.resourceType, p.name ?? "", p.urn]),
        c,
      ),
    );
    if (s.pendingOperations.some((p) => p.type === "creating")) {
      lines.push(
        c.dim(
          "  A pending create means a deploy stopped after asking AWS to create the resource; it may exist in the cloud without being in state.",
        ),
      );
    }
  }
  for (const [title, list] of [
    ["Protected", s.protected],
    ["Retained on delete", s.retained],
  ] as const) {
    lines.push("", c.bold(`${title} (${list.length})`));
    if (list.length === 0) lines.push(c.dim("  none"));
    else
      lines.push(
        table(
          ["type", "name", "id"],
          list.map((b) => [b.type, b.name, b.id ?? ""]),
          c,
        ),
      );
  }
  return lines.join("\n");
}

export function renderVerify(r: VerifyResult, c: Colors): string {
  const lines: string[] = [];
  for (const w of r.warnings) lines.push(c.yellow(`warning: ${w}`));
  if (r.violations.length === 0) {
    lines.push(
      `${c.green("✓")} ${r.file} passes every integrity check (${plural(r.resources, "resource")}).`,
    );
    return lines.join("\n");
  }
  lines.push(
    `${c.red("✗")} ${r.file}: ${plural(r.violations.length, "integrity violation")} in ${plural(r.resources, "resource")}. Pulumi and SST refuse to use this state until they are fixed.`,
    "",
    renderViolations(r.violations, c),
    "",
  );
  const manual = r.violations.filter((v) => !isRepairable(v.code));
  if (manual.length < r.violations.length) {
    lines.push(
      `Fix: ${c.cyan(`stateward state repair ${shellQuote(r.file)} --out repaired.json`)} (check it, then copy it in place), or --in-place to keep a .bak.`,
    );
  }
  if (manual.length > 0) {
    lines.push(
      `${plural(manual.length, "violation")} (${[...new Set(manual.map((v) => v.code))].join(", ")}) need a person: repair does not guess provider ids, which duplicate to keep, or missing fields.`,
    );
  }
  return lines.join("\n");
}

/** Violations grouped by resource, URNs shortened to names (the JSON output keeps them whole). */
function renderViolations(violations: readonly Violation[], c: Colors): string {
  const groups = new Map<string, Violation[]>();
  for (const v of violations) {
    const key = v.urn ?? (v.index === undefined ? "manifest" : `resource #${v.index}`);
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
    lines.push(c.bold(`Repair of ${r.file}: ${plural(r.changes.length, "change")}`));
    for (const ch of r.changes) lines.push(`  ${c.yellow(ch.kind.padEnd(30))}${shortenUrns(ch.message)}`);
  }
  if (r.remaining.length > 0) {
    lines.push(
      "",
      c.red(`${plural(r.remaining.length, "problem")} that repair cannot fix, so nothing was written:`),
      renderViolations(r.remaining, c),
      "",
      "Provider references, duplicate URNs and missing fields need a decision a tool should not guess; fix them by hand or restore an earlier version.",
    );
    return lines.join("\n");
  }
  switch (r.notWritten) {
    case "nothing-to-repair":
      lines.push(`${c.green("✓")} ${r.file} needs no repair.`);
      break;
    case "dry-run":
      lines.push(
        "",
        `Dry run: nothing was written${r.wouldWrite === undefined ? "" : ` (without --dry-run the repaired state would go to ${r.wouldWrite})`}.`,
      );
      break;
    case "no-output":
      lines.push(
        "",
        `Nothing written. Add ${c.cyan("--out <file>")} to write the repaired state, or ${c.cyan("--in-place")} to replace ${r.file} (keeping a .bak).`,
      );
      break;
    default:
      if (r.written !== undefined) {
        lines.push(
          "",
          `${c.green("✓")} Wrote ${r.written.path} (${r.written.bytes} bytes)${r.written.backup === undefined ? "" : `; the previous state is in ${r.written.backup}`}.`,
        );
      }
  }
  return lines.join("\n");
}

export function renderDiff(r: DiffResult, c: Colors): string {
  const d = r.diff;
  const lines: string[] = [`${c.bold("Diff")} ${r.a} → ${r.b}`];
  for (const w of r.warnings) lines.push(c.yellow(`warning: ${w}`));
  const total = d.added.length + d.removed.length + d.changed.length;
  if (total === 0 && d.pendingAdded.length === 0 && d.pendingRemoved.length === 0) {
    lines.push(`No resource changes (${plural(d.unchanged, "resource")} identical).`);
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
  for (const p of d.pendingAdded) lines.push(c.yellow(`+ pending ${p.type}  ${p.urn}`));
  for (const p of d.pendingRemoved) lines.push(c.dim(`- pending ${p.type}  ${p.urn}`));
  lines.push(
    "",
    `${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed, ${d.unchanged} unchanged${d.pendingAdded.length + d.pendingRemoved.length > 0 ? `; pending operations: ${d.pendingAdded.length} new, ${d.pendingRemoved.length} gone` : ""}.`,
  );
  return lines.join("\n");
}

function formatChange(p: PathChange): string {
  if (p.before === undefined) return `${p.path}: added ${short(p.after)}`;
  if (p.after === undefined) return `${p.path}: removed (was ${short(p.before)})`;
  return `${p.path}: ${short(p.before)} → ${short(p.after)}`;
}

function short(v: JsonValue | undefined): string {
  const text = JSON.stringify(v) ?? "undefined";
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./@:=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
