/**
 * `history backup --to <dir|s3://bucket/prefix>`: copies every stored version of a stage's history —
 * the S3 object versions of the state (or its content, where the store keeps no versions), SST's
 * snapshots and update records, Pulumi DIY history and backups, stateward's snapshots, backups and
 * audit records — to a directory or an S3 prefix, mirroring their keys.
 *
 * Idempotent and resumable: a manifest per stage (`stateward-backup-manifest/<app>/<stage>.json` in
 * the target) records each object copied with the SHA-256 of its bytes; it is written as the run goes
 * and at its end, and an object is written whole or not at all (a temp file renamed into place, or one
 * S3 put), so an interrupted run leaves nothing that counts as done without being verified. Every
 * copy is read back and its SHA-256 compared with the bytes read from the source; `verify` re-reads
 * every object already copied.
 */
import { sha256Hex } from "../backends/file.js";
import type { BlobStore } from "../backends/store.js";
import type { StageBackend } from "../backends/types.js";
import { StatewardError } from "../errors.js";
import { t } from "../i18n/index.js";
import { collect, mapLimit } from "../util/map-limit.js";
import { listItems, type BackupItem } from "./backup-items.js";
import type { BackupTarget } from "./backup-target.js";

export { openBackupTarget, type BackupTarget } from "./backup-target.js";

export const MANIFEST_FORMAT = "stateward-backup/1";

interface ManifestEntry {
  source: string;
  sha256: string;
  size: number;
  revision?: string;
  modified?: string;
  copied: string;
}

interface Manifest {
  format: string;
  backend: string;
  app: string;
  stage: string;
  updated: string;
  objects: Record<string, ManifestEntry>;
}

export interface CorruptObject {
  /** Its key in the target, and where that is. */
  target: string;
  location: string;
  reason: "missing" | "size" | "hash";
  expected?: string;
  found?: string;
}

export interface StageBackup {
  app: string;
  stage: string;
  backend: string;
  manifest: string;
  /** Objects of the stage's history found in the source. */
  objects: number;
  copied: number;
  skipped: number;
  /** Objects whose bytes were read back from the target and matched the source's SHA-256. */
  verified: number;
  /** A dry run: the target keys that would be copied. */
  wouldCopy?: string[];
  corrupt: CorruptObject[];
}

export interface BackupResult {
  to: string;
  dryRun: boolean;
  verify: boolean;
  stages: StageBackup[];
  totals: { objects: number; copied: number; skipped: number; verified: number; corrupt: number };
}

export interface BackupOptions {
  dryRun?: boolean;
  /** Re-read every object already in the target and compare its SHA-256 with the manifest. */
  verify?: boolean;
  concurrency?: number;
  signal?: AbortSignal;
  /** After each object is settled (copied, skipped or found corrupt). */
  onObject?: (done: number, total: number) => void;
  /** How often the manifest is written during a run, at most (ms); it is always written at the end. */
  manifestEveryMs?: number;
}

export async function backupStages(
  backends: StageBackend[],
  target: BackupTarget,
  options: BackupOptions = {},
): Promise<BackupResult> {
  const stages: StageBackup[] = [];
  for (const backend of backends) stages.push(await backupStage(backend, target, options));
  const sum = (f: (s: StageBackup) => number) => stages.reduce((n, s) => n + f(s), 0);
  return {
    to: target.url,
    dryRun: options.dryRun === true,
    verify: options.verify === true,
    stages,
    totals: {
      objects: sum((s) => s.objects),
      copied: sum((s) => s.copied),
      skipped: sum((s) => s.skipped),
      verified: sum((s) => s.verified),
      corrupt: sum((s) => s.corrupt.length),
    },
  };
}

export function manifestKey(backend: StageBackend): string {
  return `stateward-backup-manifest/${backend.app}/${backend.stage}.json`;
}

/** The source is what the manifest recorded: same revision (ETag), else same size and time. */
function sameSource(entry: ManifestEntry, item: BackupItem): boolean {
  if (item.revision !== undefined && entry.revision !== undefined) return item.revision === entry.revision;
  if (item.bytes !== undefined) return true; // content-addressed: the key is the content
  return entry.size === item.size && entry.modified !== undefined && entry.modified === item.modified;
}

async function readManifest(
  store: BlobStore,
  key: string,
  signal?: AbortSignal,
): Promise<Manifest | undefined> {
  const object = await store.get(key, signal);
  if (object === undefined) return undefined;
  try {
    const m = JSON.parse(Buffer.from(object.bytes).toString("utf8")) as Manifest;
    if (m.format !== MANIFEST_FORMAT || typeof m.objects !== "object" || m.objects === null) return undefined;
    return m;
  } catch {
    // An unreadable manifest: every object in the target is verified against the source again.
    return undefined;
  }
}

/** One stage's run: the manifest as it goes, the counts, and where things are. */
class StageRun {
  readonly result: StageBackup;
  readonly manifest: Manifest;
  private dirty = false;
  private lastWrite = Date.now();
  private writing: Promise<void> = Promise.resolve();

  constructor(
    readonly store: BlobStore,
    readonly key: string,
    readonly options: BackupOptions,
    backend: StageBackend,
    existing: Manifest | undefined,
    objects: number,
  ) {
    this.manifest = existing ?? {
      format: MANIFEST_FORMAT,
      backend: backend.label,
      app: backend.app,
      stage: backend.stage,
      updated: "",
      objects: {},
    };
    this.result = {
      app: backend.app,
      stage: backend.stage,
      backend: backend.label,
      manifest: store.locate(key),
      objects,
      copied: 0,
      skipped: 0,
      verified: 0,
      corrupt: [],
      ...(options.dryRun === true ? { wouldCopy: [] } : {}),
    };
  }

  /** Writes the manifest (after the writes before it); never in a dry run. */
  save(): Promise<void> {
    if (this.options.dryRun === true || !this.dirty) return this.writing;
    this.dirty = false;
    this.lastWrite = Date.now();
    this.manifest.updated = new Date().toISOString();
    const bytes = Buffer.from(JSON.stringify(this.manifest, null, 2) + "\n");
    this.writing = this.writing.then(() =>
      this.store.put(this.key, bytes, { contentType: "application/json" }).then(() => {}),
    );
    return this.writing;
  }

  record(item: BackupItem, sha256: string, size: number): void {
    if (this.options.dryRun === true) return;
    this.manifest.objects[item.target] = {
      source: item.source,
      sha256,
      size,
      ...(item.revision === undefined ? {} : { revision: item.revision }),
      ...(item.modified === undefined ? {} : { modified: item.modified }),
      copied: new Date().toISOString(),
    };
    this.dirty = true;
    if (Date.now() - this.lastWrite >= (this.options.manifestEveryMs ?? 1000)) void this.save();
  }

  corrupt(item: BackupItem, reason: CorruptObject["reason"], expected?: string, found?: string): void {
    this.result.corrupt.push({
      target: item.target,
      location: this.store.locate(item.target),
      reason,
      ...(expected === undefined ? {} : { expected }),
      ...(found === undefined ? {} : { found }),
    });
  }
}

async function backupStage(
  backend: StageBackend,
  target: BackupTarget,
  options: BackupOptions,
): Promise<StageBackup> {
  const { signal } = options;
  const store = target.store;
  const key = manifestKey(backend);
  const [items, existing, present] = await Promise.all([
    listItems(backend, signal),
    target.missing === true ? undefined : readManifest(store, key, signal),
    target.missing === true ? [] : collect(store.list("", signal)),
  ]);
  const sizes = new Map(present.map((o) => [o.key, o.size]));
  const run = new StageRun(store, key, options, backend, existing, items.length);
  let done = 0;
  try {
    await mapLimit(items, options.concurrency ?? 4, async (item) => {
      if (signal?.aborted === true) throw aborted();
      const entry = run.manifest.objects[item.target];
      const size = sizes.get(item.target);
      if (entry !== undefined && sameSource(entry, item) && size !== undefined)
        await checkCopied(run, item, entry, size);
      else await copy(run, item, size);
      options.onObject?.(++done, items.length);
    });
  } finally {
    await run.save();
  }
  return run.result;
}

/** Copied before: only its presence and size are checked, or (verify) its bytes. */
async function checkCopied(run: StageRun, item: BackupItem, entry: ManifestEntry, size: number) {
  if (size !== entry.size) run.corrupt(item, "size", String(entry.size), String(size));
  else if (run.options.verify === true) {
    const back = await run.store.get(item.target, run.options.signal);
    const found = back === undefined ? undefined : sha256Hex(back.bytes);
    if (found === entry.sha256) run.result.verified++;
    else run.corrupt(item, back === undefined ? "missing" : "hash", entry.sha256, found);
  }
  run.result.skipped++;
}

/** Not copied yet (or changed at the source): copied, read back and compared. */
async function copy(run: StageRun, item: BackupItem, size: number | undefined) {
  const { store, result } = run;
  const signal = run.options.signal;
  const bytes = item.bytes ?? (await item.load(signal));
  const sha = sha256Hex(bytes);
  // Already there with these bytes (a run stopped before its manifest said so): verified, kept.
  const there = size === bytes.length ? await store.get(item.target, signal) : undefined;
  if (there !== undefined && sha256Hex(there.bytes) === sha) {
    run.record(item, sha, bytes.length);
    result.verified++;
    result.skipped++;
    return;
  }
  if (run.options.dryRun === true) {
    result.wouldCopy!.push(item.target);
    return;
  }
  await store.put(item.target, bytes, signal === undefined ? {} : { signal });
  const back = await store.get(item.target, signal);
  const found = back === undefined ? undefined : sha256Hex(back.bytes);
  if (found !== sha) {
    throw new StatewardError(
      "BACKUP_VERIFY_FAILED",
      t("history.backup.error.verify", {
        location: store.locate(item.target),
        source: item.source,
        expected: sha,
        found: found ?? t("history.backup.nothing"),
      }),
      { hint: t("history.backup.hint.run-again") },
    );
  }
  run.record(item, sha, bytes.length);
  result.copied++;
  result.verified++;
}

function aborted(): StatewardError {
  return new StatewardError("INTERRUPTED", t("history.backup.error.interrupted"), {
    hint: t("history.backup.hint.run-again"),
  });
}
