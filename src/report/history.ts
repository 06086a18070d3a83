/** Human renderings of history, restore, lock and audit results. */
import type {
  HistoryEvent,
  HistoryList,
  HistoryVersion,
  ShowEventResult,
  ShowVersionResult,
  UpdateView,
} from "../actions/history.js";
import type { RestorePlan, RestoreResult } from "../actions/restore.js";
import { t, items } from "../i18n/index.js";
import { renderShow } from "./state.js";
import { table, type Colors } from "./style.js";
import { when } from "./time.js";

/** Where a copy came from, in the list's `source` column. */
function sourceLabel(source: string): string {
  switch (source) {
    case "s3-version":
      return "s3"; // i18n-exempt: the store's name
    case "sst-snapshot":
      return t("history.source.sst-snapshot");
    case "diy-history":
      return t("history.source.diy-history");
    case "diy-backup":
      return t("history.source.diy-backup");
    case "diy-bak":
      return ".bak"; // i18n-exempt: a file suffix
    case "stateward-backup":
      return t("history.source.stateward-backup");
    case "stateward-snapshot":
      return t("history.source.stateward-snapshot");
    case "current":
      return t("history.source.current");
    default:
      return source;
  }
}

function kib(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

/** An update's outcome in the words every history report uses: ok, failed, unfinished, force-unlocked. */
export function outcomeWord(u: UpdateView): string {
  if (u.forceUnlocked !== undefined) return t("history.outcome.force-unlocked");
  return u.outcome === "finished"
    ? t("history.outcome.ok")
    : u.outcome === "failed"
      ? t("history.outcome.failed")
      : t("history.outcome.unfinished");
}

function outcomeText(u: UpdateView, c: Colors): string {
  const word = outcomeWord(u);
  if (u.forceUnlocked !== undefined) return c.yellow(word);
  return u.outcome === "finished" ? c.green(word) : u.outcome === "failed" ? c.red(word) : c.yellow(word);
}

/** `n word`/`n words` from two catalog entries. */
function count(n: number, one: string, other: string): string {
  return n === 1 ? one : other;
}

/** A version's update in a few words: `deploy ok`, `deploy failed: …` (history list, restore's picker). */
export function updateText(v: HistoryVersion, c: Colors): string {
  const u = v.update;
  if (u === undefined) return "";
  const error = u.errors[0] === undefined ? "" : `: ${u.errors[0].message.split("\n")[0]!.slice(0, 60)}`;
  const more =
    (v.updates?.length ?? 1) > 1 ? c.dim(t("history.list.more", { count: v.updates!.length - 1 })) : "";
  return `${u.command ?? t("history.update")} ${outcomeText(u, c)}${error}${more}`;
}

function eventLines(events: HistoryEvent[], c: Colors): string[] {
  if (events.length === 0) return [];
  return [
    "",
    c.bold(t("history.list.updates")),
    table(
      [
        t("history.col.time"),
        t("history.col.update"),
        t("history.col.command"),
        t("history.col.outcome"),
        t("history.col.version"),
        t("history.col.note"),
      ],
      events.map((e) => [
        e.time === undefined ? "?" : when(e.time),
        e.id,
        e.command ?? "?",
        outcomeText(e, c),
        e.version ?? c.dim(e.snapshot ? t("history.list.snapshot-unreadable") : t("history.none")),
        c.dim(e.note ?? ""),
      ]),
      c,
    ),
  ];
}

/** The named snapshots (`history snapshot`), newest first, with the version each one holds. */
function snapshotLines(versions: HistoryVersion[], c: Colors): string[] {
  const rows = versions
    .flatMap((v) => (v.snapshots ?? []).map((s) => ({ s, v })))
    .sort((a, b) => (a.s.time < b.s.time ? 1 : a.s.time > b.s.time ? -1 : 0));
  if (rows.length === 0) return [];
  return [
    "",
    c.bold(t("history.list.snapshots")),
    table(
      [
        t("history.col.time"),
        t("history.col.snapshot"),
        t("history.col.version"),
        t("history.col.by"),
        t("history.col.note"),
      ],
      rows.map(({ s, v }) => [when(s.time), s.ref, v.id, s.who ?? "?", s.note ?? ""]),
      c,
    ),
  ];
}

export function renderHistoryList(r: HistoryList, c: Colors): string {
  const lines = [`${c.bold(t("history.list.title"))} ${r.backend}`];
  if (r.versions.length === 0) {
    lines.push(c.dim(t("history.list.none")));
    return lines.join("\n");
  }
  lines.push(
    table(
      [
        "",
        "id", // i18n-exempt: the field's name
        t("history.col.also"),
        t("history.col.time"),
        t("history.col.size"),
        t("history.col.resources"),
        t("history.col.source"),
        t("history.col.update"),
      ],
      r.versions.map((v) => [
        v.current ? c.green("*") : "",
        v.id,
        v.names
          .filter((n) => n !== v.id)
          .slice(0, 3)
          .join(" "),
        when(v.time),
        kib(v.size),
        v.unreadable === undefined ? v.resources : c.red(t("history.unreadable")),
        v.sources.map(sourceLabel).join("+"),
        updateText(v, c),
      ]),
      c,
    ),
  );
  lines.push(...snapshotLines(r.versions, c));
  lines.push(...eventLines(r.events, c));
  const versions = count(
    r.versions.length,
    t("history.list.versions.one", { count: r.versions.length }),
    t("history.list.versions.other", { count: r.versions.length }),
  );
  const copies = count(
    r.copies,
    t("history.list.copies.one", { count: r.copies }),
    t("history.list.copies.other", { count: r.copies }),
  );
  const records =
    r.events.length === 0
      ? t("history.list.summary", { versions, copies })
      : t("history.list.summary-records", {
          versions,
          copies,
          records: count(
            r.events.length,
            t("history.list.records.one", { count: r.events.length }),
            t("history.list.records.other", { count: r.events.length }),
          ),
        });
  lines.push("", c.dim(records), c.dim(t("history.list.naming")));
  return lines.join("\n");
}

function updateLines(u: UpdateView, c: Colors): string[] {
  const started =
    u.timeStarted === undefined
      ? ""
      : u.timeStartedFrom === "id"
        ? t("history.show.started-from-id", { time: when(u.timeStarted) })
        : t("history.show.started", { time: when(u.timeStarted) });
  const completed =
    u.timeCompleted === undefined ? "" : t("history.show.completed", { time: when(u.timeCompleted) });
  const lines = [
    t("history.show.update", {
      id: u.id,
      command: u.command ?? "",
      outcome: outcomeText(u, c),
      started,
      completed,
    }),
  ];
  if (u.runId !== undefined) lines.push(t("history.show.run", { run: u.runId }));
  if (u.sstVersion !== undefined) lines.push(t("history.show.written-by", { tool: u.sstVersion }));
  for (const e of u.errors)
    lines.push(
      c.red(
        e.urn === undefined
          ? t("history.show.error", { message: e.message })
          : t("history.show.error-urn", { urn: e.urn, message: e.message }),
      ),
    );
  return lines;
}

export function renderVersionShow(r: ShowVersionResult | ShowEventResult, c: Colors): string {
  if (!("version" in r)) {
    const e = r.event;
    const head = [
      `${c.bold(t("history.show.update-title"))} ${e.id}  ${c.dim(t("history.show.no-version"))}`,
      ...updateLines(e, c),
      t("history.show.time", { time: e.time === undefined ? t("history.unknown") : when(e.time) }),
      t("history.show.snapshot", { state: e.snapshot ? t("history.stored") : t("history.none") }),
    ];
    if (e.note !== undefined) head.push(t("history.show.note", { note: e.note }));
    return head.join("\n");
  }
  const v = r.version;
  const head = [
    `${c.bold(t("history.show.version-title"))} ${v.id}${v.current ? c.green(t("history.show.current")) : ""}`,
    t("history.show.names", { names: items(v.names) }),
    t("history.show.time", { time: when(v.time) }),
    t("history.show.stored-at", { locations: v.locations.join("\n                    ") }),
  ];
  for (const s of v.snapshots ?? [])
    head.push(
      s.note === undefined
        ? t("history.show.snapshot-by", { ref: s.ref, who: s.who ?? "?", time: when(s.time) })
        : t("history.show.snapshot-note", {
            ref: s.ref,
            who: s.who ?? "?",
            time: when(s.time),
            note: s.note,
          }),
    );
  for (const u of v.updates ?? (v.update === undefined ? [] : [v.update])) head.push(...updateLines(u, c));
  return `${head.join("\n")}\n\n${renderShow({ file: v.locations[0] ?? v.id, summary: r.summary }, c)}`;
}

export function renderRestorePlan(p: RestorePlan, c: Colors): string {
  const resources = (n: number) =>
    count(n, t("history.resources.one", { count: n }), t("history.resources.other", { count: n }));
  const lines = [
    `${c.bold(t("history.restore.title"))} ${p.backend}`,
    t("history.restore.to", {
      id: p.target.id,
      time: when(p.target.time),
      resources: resources(p.target.resources),
    }),
    p.current === undefined
      ? t("history.restore.current-none")
      : t("history.restore.current", {
          id: p.current.id ?? p.current.revision,
          resources: resources(p.current.resources),
        }),
  ];
  if (p.noop) {
    lines.push("", c.green(t("history.restore.noop")));
    return lines.join("\n");
  }
  const d = p.diff;
  lines.push("", c.bold(t("history.restore.changes")));
  for (const a of d.added) lines.push(c.green(`  + ${a.type}  ${a.urn}`));
  for (const a of d.removed) lines.push(c.red(`  - ${a.type}  ${a.urn}`));
  for (const ch of d.changed)
    lines.push(
      c.yellow(
        `  ~ ${ch.type}  ${ch.urn}  (${count(
          ch.changes.length,
          t("history.properties.one", { count: ch.changes.length }),
          t("history.properties.other", { count: ch.changes.length }),
        )})`,
      ),
    );
  lines.push(
    c.dim(
      t("history.restore.counts", {
        added: d.added.length,
        removed: d.removed.length,
        changed: d.changed.length,
        unchanged: d.unchanged,
      }),
    ),
  );
  lines.push(...cloudLines(p, c));
  for (const w of p.warnings) lines.push(c.yellow(t("history.warning", { text: w })));
  for (const b of p.blockers) lines.push(c.red(t("history.blocker", { text: b })));
  return lines.join("\n");
}

function cloudLines(p: RestorePlan, c: Colors): string[] {
  const lines = ["", c.bold(t("history.restore.cloud"))];
  const cl = p.cloud;
  if (!cl.checked) {
    lines.push(c.yellow(t("history.restore.not-checked", { reason: cl.reason ?? t("history.skipped") })));
    return lines;
  }
  lines.push(
    c.dim(
      count(
        cl.tagged,
        t("history.restore.tagged.one", {
          count: cl.tagged,
          app: p.app,
          stage: p.stage,
          regions: items(cl.regions),
        }),
        t("history.restore.tagged.other", {
          count: cl.tagged,
          app: p.app,
          stage: p.stage,
          regions: items(cl.regions),
        }),
      ),
    ),
  );
  if (cl.orphaned.length === 0 && cl.stale.length === 0) lines.push(c.green(t("history.restore.all-match")));
  for (const o of cl.orphaned) {
    lines.push(
      // Named as doctor names a resource (type and name); the ARN or id when the finding had none.
      c.yellow(
        t("history.restore.orphaned", {
          what: o.type !== undefined && o.name !== undefined ? `${o.type}  ${o.name}` : o.arn,
        }),
      ) + c.dim(o.inCurrent ? t("history.restore.orphaned-current") : t("history.restore.orphaned-already")),
    );
  }
  for (const s of cl.stale)
    lines.push(
      c.yellow(t("history.restore.stale", { urn: s.urn })) +
        c.dim(t("history.restore.stale-why", { arn: s.arn })),
    );
  return lines;
}

export function renderRestoreResult(r: RestoreResult & { dryRun?: boolean }, c: Colors): string {
  const lines = [renderRestorePlan(r.plan, c)];
  if (r.written !== undefined) {
    lines.push(
      "",
      c.green(t("history.restore.done", { id: r.plan.target.id, location: r.written.location })),
      t("history.restore.backup", { backup: r.written.backup ?? t("history.restore.backup-none") }),
      t("history.restore.audit", { audit: r.written.audit }),
    );
    if (r.written.unlockWarning !== undefined)
      lines.push(c.yellow(t("history.warning", { text: r.written.unlockWarning })));
  } else if (r.dryRun === true && !r.plan.noop) {
    lines.push("", c.dim(t("history.restore.dry-run")));
  }
  return lines.join("\n");
}

export { renderAudit, renderLockRelease, renderLockStatus } from "./lock.js";
