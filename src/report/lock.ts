/** Human renderings of lock status, lock release and the audit list. */
import { type AuditList, type LockStatus, type ReleaseResult } from "../actions/lock.js";
import { t } from "../i18n/index.js";
import { padColumns, type Colors } from "./style.js";
import { when } from "./time.js";

/** `n word`/`n words` from two catalog entries. */
function count(n: number, one: string, other: string): string {
  return n === 1 ? one : other;
}

export function renderLockStatus(s: LockStatus, c: Colors): string {
  if (!s.locked) return `${c.green(t("history.lock.unlocked"))}  ${s.backend}`;
  const lines = [`${c.yellow(t("history.lock.locked"))}  ${s.backend}`];
  for (const l of s.locks) {
    const field = (k: string, v: string | undefined) =>
      v !== undefined && lines.push(`  ${padColumns(k, 14)}${v}`);
    field(t("history.lock.field.lock"), l.location);
    field(
      t("history.lock.field.held-by"),
      l.holder ?? (l.byStateward ? "stateward" : t("history.lock.sst-run")),
    );
    field(t("history.lock.field.since"), l.created === undefined ? undefined : when(l.created));
    field(t("history.col.command"), l.command);
    field(t("history.col.update"), l.updateId);
    field(t("history.lock.field.run"), l.runId);
    if (l.update !== undefined) field(t("history.lock.field.its-update"), lockUpdateText(l.update, c));
  }
  lines.push("", c.dim(t("history.lock.release-hint")));
  return lines.join("\n");
}

function lockUpdateText(u: NonNullable<LockStatus["locks"][number]["update"]>, c: Colors): string {
  const at = u.timeCompleted === undefined ? "" : t("history.lock.at", { time: when(u.timeCompleted) });
  if (u.outcome === "missing") return c.yellow(t("history.lock.update.missing"));
  if (u.outcome === "finished") return c.green(t("history.lock.update.finished", { at }));
  if (u.outcome === "failed")
    return c.red(t("history.lock.update.failed", { at, message: u.errors[0]?.message ?? "" }));
  return c.yellow(t("history.lock.update.unfinished"));
}

export function renderLockRelease(r: ReleaseResult, c: Colors): string {
  if (r.released.length === 0)
    return `${c.green(t("history.lock.not-locked"))}  ${t("history.lock.nothing", { backend: r.backend })}`;
  const locks = count(
    r.released.length,
    t("history.lock.locks.one", { count: r.released.length }),
    t("history.lock.locks.other", { count: r.released.length }),
  );
  if (r.dryRun === true)
    return [
      t("history.lock.dry-run", { locks, backend: r.backend }),
      ...r.released.map(
        (l) =>
          `  ${l.location}${l.command === undefined ? "" : `  ${l.command}`}${l.created === undefined ? "" : t("history.lock.since-short", { time: when(l.created) })}`,
      ),
    ].join("\n");
  const lines = [c.green(t("history.lock.released", { locks, backend: r.backend }))];
  for (const w of r.wrote) lines.push(t("history.lock.recorded-failed", { location: w }));
  if (r.audit !== undefined) lines.push(t("history.lock.audit", { audit: r.audit }));
  return lines.join("\n");
}

export function renderAudit(a: AuditList, c: Colors): string {
  const lines = [`${c.bold(t("history.audit.title"))} ${a.backend}`];
  if (a.records.length === 0) lines.push(c.dim(t("history.audit.none")));
  for (const r of a.records) {
    lines.push(`${c.bold(when(r.time))}  ${r.action}  ${c.dim(t("history.audit.by", { who: r.who }))}`);
    lines.push(`  ${r.summary}`);
    if (r.changes !== undefined) {
      lines.push(
        c.dim(
          t("history.audit.changes", {
            added: r.changes.added.length,
            removed: r.changes.removed.length,
            changed: r.changes.changed.length,
          }),
        ),
      );
    }
    const side = (s: typeof r.before) =>
      s === undefined || s.revision === undefined
        ? t("history.none")
        : s.resources === undefined
          ? (s.versionId ?? s.revision)
          : t("history.audit.side", { id: s.versionId ?? s.revision, count: s.resources });
    if (r.before !== undefined || r.after !== undefined)
      lines.push(c.dim(t("history.audit.state", { before: side(r.before), after: side(r.after) })));
    if (r.backup !== undefined) lines.push(c.dim(t("history.audit.backup", { backup: r.backup })));
  }
  for (const u of a.unreadable) lines.push(c.yellow(t("history.audit.unreadable", { location: u })));
  return lines.join("\n");
}
