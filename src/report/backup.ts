/** Human renderings of `history snapshot`, `history backup` and `history export`. */
import type { BackupResult } from "../actions/backup.js";
import type { ExportResult } from "../actions/export-git.js";
import type { SnapshotResult } from "../actions/snapshot.js";
import { t } from "../i18n/index.js";
import { shellQuote } from "./state.js";
import type { Colors } from "./style.js";
import { when } from "./time.js";

export function renderSnapshot(r: SnapshotResult, c: Colors): string {
  const lines = [
    r.dryRun
      ? t("history.snapshot.dry-run", { backend: r.backend })
      : c.green(t("history.snapshot.taken", { backend: r.backend })),
    // Named as `history show|restore` take it (a note with spaces quoted for the shell).
    r.names.length > 1
      ? t("history.snapshot.field.ref-or-note", { ref: r.ref, note: shellQuote(r.names[1]!) })
      : t("history.snapshot.field.ref", { ref: r.ref }),
    t("history.snapshot.field.stored", { location: r.location }),
    // The version it holds by the id `history list` shows it under (not the S3 VersionId).
    r.version === undefined
      ? t("history.snapshot.field.resources", { count: r.resources })
      : t("history.snapshot.field.version", { version: r.version, count: r.resources }),
    t("history.snapshot.field.by", { who: r.who, time: when(r.time) }),
  ];
  if (r.note !== undefined) lines.push(t("history.snapshot.field.note", { note: r.note }));
  lines.push(
    "",
    c.dim(
      r.dryRun
        ? t("history.dry-run.nothing-written")
        : t("history.snapshot.restore-hint", { ref: r.ref, app: r.app, stage: r.stage }),
    ),
  );
  return lines.join("\n");
}

export function renderBackup(r: BackupResult, c: Colors): string {
  const lines = [c.bold(t("history.backup.title", { to: r.to }))];
  for (const s of r.stages) {
    lines.push(
      t("history.backup.stage", {
        app: s.app,
        stage: s.stage,
        objects: s.objects,
        copied: r.dryRun ? (s.wouldCopy?.length ?? 0) : s.copied,
        skipped: s.skipped,
        verified: s.verified,
      }),
    );
    for (const k of s.wouldCopy ?? []) lines.push(c.dim(t("history.backup.would-copy", { key: k })));
    for (const x of s.corrupt) {
      lines.push(
        c.red(
          x.reason === "size"
            ? t("history.backup.corrupt.size", {
                location: x.location,
                expected: x.expected ?? "?",
                found: x.found ?? "?",
              })
            : x.reason === "missing"
              ? t("history.backup.corrupt.missing", { location: x.location })
              : t("history.backup.corrupt.hash", {
                  location: x.location,
                  expected: x.expected ?? "?",
                  found: x.found ?? "?",
                }),
        ),
      );
    }
  }
  const tot = r.totals;
  lines.push(
    "",
    r.dryRun
      ? t("history.backup.total.dry-run", {
          count: r.stages.reduce((n, s) => n + (s.wouldCopy?.length ?? 0), 0),
        })
      : t("history.backup.total", { copied: tot.copied, skipped: tot.skipped, verified: tot.verified }),
  );
  if (tot.corrupt > 0) lines.push(c.red(t("history.backup.total.corrupt", { count: tot.corrupt })));
  else if (r.verify) lines.push(c.green(t("history.backup.total.verified-all")));
  return lines.join("\n");
}

export function renderExport(r: ExportResult, c: Colors): string {
  const lines = [c.bold(t("history.export.title", { dir: r.dir, backend: r.backend }))];
  for (const a of r.added) {
    lines.push(
      `  ${a.commit === undefined ? "" : `${a.commit.slice(0, 10)}  `}${when(a.time)}  ${a.subject}`,
    );
  }
  for (const u of r.unreadable) lines.push(c.yellow(t("history.export.unreadable", { id: u })));
  lines.push(
    "",
    r.dryRun
      ? t("history.export.total.dry-run", { count: r.added.length, present: r.present })
      : t("history.export.total", { count: r.added.length, present: r.present }),
  );
  if (!r.dryRun && r.added.length > 0) lines.push(c.dim(t("history.export.log-hint", { dir: r.dir })));
  return lines.join("\n");
}
