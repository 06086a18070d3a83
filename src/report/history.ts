/** Human renderings of history, restore, lock and audit results. */
import type {
  HistoryEvent,
  HistoryList,
  HistoryVersion,
  ShowEventResult,
  ShowVersionResult,
  UpdateView,
} from "../actions/history.js";
import { formatAge, type AuditList, type LockStatus, type ReleaseResult } from "../actions/lock.js";
import type { RestorePlan, RestoreResult } from "../actions/restore.js";
import { renderShow } from "./state.js";
import { plural, table, type Colors } from "./style.js";

const SOURCE: Record<string, string> = {
  "s3-version": "s3",
  "sst-snapshot": "snapshot",
  "diy-history": "history",
  "diy-backup": "backup",
  "diy-bak": ".bak",
  "stateward-backup": "stateward backup",
  current: "current",
};

function when(iso: string): string {
  return iso.replace("T", " ").replace(/\.\d+Z$/, "Z");
}

function kib(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

function outcomeText(u: UpdateView, c: Colors): string {
  if (u.forceUnlocked !== undefined) return c.yellow("force-unlocked");
  return u.outcome === "finished"
    ? c.green("ok")
    : u.outcome === "failed"
      ? c.red("failed")
      : c.yellow("unfinished");
}

function updateText(v: HistoryVersion, c: Colors): string {
  const u = v.update;
  if (u === undefined) return "";
  const error = u.errors[0] === undefined ? "" : `: ${u.errors[0].message.split("\n")[0]!.slice(0, 60)}`;
  const more = (v.updates?.length ?? 1) > 1 ? c.dim(` (+${v.updates!.length - 1} more)`) : "";
  return `${u.command ?? "update"} ${outcomeText(u, c)}${error}${more}`;
}

function eventLines(events: HistoryEvent[], c: Colors): string[] {
  if (events.length === 0) return [];
  return [
    "",
    c.bold("Updates"),
    table(
      ["time", "update", "command", "outcome", "version", "note"],
      events.map((e) => [
        e.time === undefined ? "?" : when(e.time),
        e.id,
        e.command ?? "?",
        outcomeText(e, c),
        e.version ?? c.dim(e.snapshot ? "(snapshot unreadable)" : "none"),
        c.dim(e.note ?? ""),
      ]),
      c,
    ),
  ];
}

export function renderHistoryList(r: HistoryList, c: Colors): string {
  const lines = [`${c.bold("History")} ${r.backend}`];
  if (r.versions.length === 0) {
    lines.push(c.dim("  No versions found."));
    return lines.join("\n");
  }
  lines.push(
    table(
      ["", "id", "also", "time", "size", "resources", "source", "update"],
      r.versions.map((v) => [
        v.current ? c.green("*") : "",
        v.id,
        v.names
          .filter((n) => n !== v.id)
          .slice(0, 3)
          .join(" "),
        when(v.time),
        kib(v.size),
        v.unreadable === undefined ? v.resources : c.red("unreadable"),
        v.sources.map((s) => SOURCE[s] ?? s).join("+"),
        updateText(v, c),
      ]),
      c,
    ),
  );
  lines.push(...eventLines(r.events, c));
  lines.push(
    "",
    c.dim(
      `${plural(r.versions.length, "version")} (${plural(r.copies, "stored copy", "stored copies")} merged by content)${r.events.length === 0 ? "" : `, ${plural(r.events.length, "update record")}`}; * is the current state.`,
    ),
    c.dim(
      "Name a version by its id, any name in `also`, current, previous or -N, or an update by its id: `stateward history show <version>`.",
    ),
  );
  return lines.join("\n");
}

function updateLines(u: UpdateView, c: Colors): string[] {
  const started =
    u.timeStarted === undefined
      ? ""
      : `, started ${when(u.timeStarted)}${u.timeStartedFrom === "id" ? " (the time in its id; the record leaves it blank)" : ""}`;
  const lines = [
    `  update            ${u.id} ${u.command ?? ""} ${u.outcome}${started}` +
      `${u.timeCompleted === undefined ? "" : `, completed ${when(u.timeCompleted)}`}`,
  ];
  if (u.runId !== undefined) lines.push(`    run             ${u.runId}`);
  if (u.sstVersion !== undefined) lines.push(`    written by      ${u.sstVersion}`);
  for (const e of u.errors)
    lines.push(c.red(`    error: ${e.urn === undefined ? "" : `${e.urn}: `}${e.message}`));
  return lines;
}

export function renderVersionShow(r: ShowVersionResult | ShowEventResult, c: Colors): string {
  if (!("version" in r)) {
    const e = r.event;
    const head = [
      `${c.bold("Update")} ${e.id}  ${c.dim("(no version of the state of its own)")}`,
      ...updateLines(e, c),
      `  time              ${e.time === undefined ? "unknown" : when(e.time)}`,
      `  snapshot          ${e.snapshot ? "stored" : "none"}`,
    ];
    if (e.note !== undefined) head.push(`  note              ${e.note}`);
    return head.join("\n");
  }
  const v = r.version;
  const head = [
    `${c.bold("Version")} ${v.id}${v.current ? c.green("  (current)") : ""}`,
    `  names             ${v.names.join(", ")}`,
    `  time              ${when(v.time)}`,
    `  stored at         ${v.locations.join("\n                    ")}`,
  ];
  for (const u of v.updates ?? (v.update === undefined ? [] : [v.update])) head.push(...updateLines(u, c));
  return `${head.join("\n")}\n\n${renderShow({ file: v.locations[0] ?? v.id, summary: r.summary }, c)}`;
}

export function renderRestorePlan(p: RestorePlan, c: Colors): string {
  const lines = [
    `${c.bold("Restore")} ${p.backend}`,
    `  to version        ${p.target.id}  (${when(p.target.time)}, ${plural(p.target.resources, "resource")})`,
    `  current           ${p.current === undefined ? "none (the stage has no state)" : `${p.current.id ?? p.current.revision}  (${plural(p.current.resources, "resource")})`}`,
  ];
  if (p.noop) {
    lines.push("", c.green("That version is the current state already; nothing to restore."));
    return lines.join("\n");
  }
  const d = p.diff;
  lines.push("", c.bold("What restoring changes in the state"));
  for (const a of d.added) lines.push(c.green(`  + ${a.type}  ${a.urn}`));
  for (const a of d.removed) lines.push(c.red(`  - ${a.type}  ${a.urn}`));
  for (const ch of d.changed)
    lines.push(
      c.yellow(`  ~ ${ch.type}  ${ch.urn}  (${plural(ch.changes.length, "property", "properties")})`),
    );
  lines.push(
    c.dim(
      `  ${d.added.length} come back, ${d.removed.length} leave the state, ${d.changed.length} change, ${d.unchanged} unchanged`,
    ),
  );

  lines.push("", c.bold("Against the cloud"));
  const cl = p.cloud;
  if (!cl.checked) lines.push(c.yellow(`  not checked: ${cl.reason ?? "skipped"}`));
  else {
    lines.push(
      c.dim(`  ${plural(cl.tagged, "tagged resource")} of ${p.app}/${p.stage} in ${cl.regions.join(", ")}`),
    );
    if (cl.orphaned.length === 0 && cl.stale.length === 0)
      lines.push(c.green("  every tagged resource is in the restored state, and nothing in it is missing"));
    for (const o of cl.orphaned) {
      lines.push(
        c.yellow(`  orphaned  ${o.arn}`) +
          c.dim(
            o.inCurrent
              ? '  (in the current state; restoring drops it: the next deploy fails with "already exists")'
              : "  (already unmanaged today)",
          ),
      );
    }
    for (const s of cl.stale)
      lines.push(c.yellow(`  stale     ${s.urn}`) + c.dim(`  (${s.arn} is not in the cloud)`));
  }
  for (const w of p.warnings) lines.push(c.yellow(`warning: ${w}`));
  for (const b of p.blockers) lines.push(c.red(`blocker: ${b}`));
  return lines.join("\n");
}

export function renderRestoreResult(r: RestoreResult & { dryRun?: boolean }, c: Colors): string {
  const lines = [renderRestorePlan(r.plan, c)];
  if (r.written !== undefined) {
    lines.push(
      "",
      c.green(`Restored version ${r.plan.target.id} to ${r.written.location}.`),
      `  backup of the replaced state  ${r.written.backup ?? "none (there was no state)"}`,
      `  audit record                  ${r.written.audit}`,
    );
    if (r.written.unlockWarning !== undefined) lines.push(c.yellow(`warning: ${r.written.unlockWarning}`));
  } else if (r.dryRun === true && !r.plan.noop) {
    lines.push("", c.dim("Dry run: nothing was written. Run again without --dry-run to restore."));
  }
  return lines.join("\n");
}

export function renderLockStatus(s: LockStatus, c: Colors): string {
  if (!s.locked) return `${c.green("Unlocked")}  ${s.backend}`;
  const lines = [`${c.yellow("Locked")}  ${s.backend}`];
  for (const l of s.locks) {
    const field = (k: string, v: string | undefined) =>
      v !== undefined && lines.push(`  ${k.padEnd(14)}${v}`);
    field("lock", l.location);
    field(
      "held by",
      l.holder ?? (l.byStateward ? "stateward" : "an SST run (SST locks do not name the user)"),
    );
    field(
      "since",
      l.created === undefined ? undefined : `${when(l.created)}  (${formatAge(l.ageSeconds ?? 0)} ago)`,
    );
    field("command", l.command);
    field("update", l.updateId);
    field("run", l.runId);
    if (l.update !== undefined) {
      const u = l.update;
      const text =
        u.outcome === "missing"
          ? c.yellow("no update record: the run died before writing it")
          : u.outcome === "finished"
            ? c.green(
                `finished${u.timeCompleted === undefined ? "" : ` at ${when(u.timeCompleted)}`}: the lock is left over`,
              )
            : u.outcome === "failed"
              ? c.red(
                  `failed${u.timeCompleted === undefined ? "" : ` at ${when(u.timeCompleted)}`}: ${u.errors[0]?.message ?? ""}`,
                )
              : c.yellow("never completed (still running, or killed)");
      field("its update", text);
    }
  }
  lines.push(
    "",
    c.dim("`stateward lock release` breaks a lock older than 15 minutes; --force breaks a fresh one."),
  );
  return lines.join("\n");
}

export function renderLockRelease(r: ReleaseResult, c: Colors): string {
  if (r.released.length === 0) return `${c.green("Not locked")}  ${r.backend}: nothing to release.`;
  if (r.dryRun === true)
    return [
      `Dry run: would release ${plural(r.released.length, "lock")} of ${r.backend} (nothing was written):`,
      ...r.released.map(
        (l) =>
          `  ${l.location}${l.command === undefined ? "" : `  ${l.command}`}${l.created === undefined ? "" : `  since ${l.created}`}`,
      ),
    ].join("\n");
  const lines = [c.green(`Released ${plural(r.released.length, "lock")} of ${r.backend}.`)];
  for (const w of r.wrote) lines.push(`  recorded the unfinished update as failed in ${w}`);
  if (r.audit !== undefined) lines.push(`  audit record  ${r.audit}`);
  return lines.join("\n");
}

export function renderAudit(a: AuditList, c: Colors): string {
  const lines = [`${c.bold("Audit")} ${a.backend}`];
  if (a.records.length === 0) lines.push(c.dim("  stateward has not changed this stage."));
  for (const r of a.records) {
    lines.push(`${c.bold(when(r.time))}  ${r.action}  ${c.dim(`by ${r.who}`)}`);
    lines.push(`  ${r.summary}`);
    if (r.changes !== undefined) {
      lines.push(
        c.dim(
          `  ${r.changes.added.length} added, ${r.changes.removed.length} removed, ${r.changes.changed.length} changed`,
        ),
      );
    }
    const side = (s: typeof r.before) =>
      s === undefined || s.revision === undefined
        ? "none"
        : `${s.versionId ?? s.revision}${s.resources === undefined ? "" : ` (${s.resources} resources)`}`;
    if (r.before !== undefined || r.after !== undefined)
      lines.push(c.dim(`  state ${side(r.before)} → ${side(r.after)}`));
    if (r.backup !== undefined) lines.push(c.dim(`  backup ${r.backup}`));
  }
  for (const u of a.unreadable) lines.push(c.yellow(`warning: ${u} is not a readable audit record`));
  return lines.join("\n");
}
