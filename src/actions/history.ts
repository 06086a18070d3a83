/**
 * The versions of a stage's state as a user points at them: list them (read by backends/history-read),
 * resolve a name, load one, show one or an update record.
 */
import { parseState } from "../backends/encoding.js";
import { HistoryIndex } from "../backends/history-index.js";
import {
  readHistory,
  type HistoryEvent,
  type HistoryList,
  type HistoryOptions,
  type HistoryVersion,
  type ReadHistory,
} from "../backends/history-read.js";
import type { StageBackend } from "../backends/types.js";
import { StatewardError } from "../errors.js";
import { t } from "../i18n/index.js";
import { summarize, type StateDocument, type StateSummary } from "../state/index.js";

export type {
  HistoryEvent,
  HistoryList,
  HistoryOptions,
  HistoryVersion,
  ReadHistory,
  SnapshotView,
  UpdateView,
} from "../backends/history-read.js";

/** Every version of the stage's state, newest first, merged by content. */
export function listHistory(backend: StageBackend, options: HistoryOptions = {}): Promise<ReadHistory> {
  return readHistory(backend, options);
}

/** Finds a version by any of its names, or by a unique prefix (≥ 6 characters) of its id or hash. */
export function resolveVersion(list: HistoryList, name: string): HistoryVersion {
  const exact = list.versions.filter((v) => v.names.includes(name) || v.id === name);
  if (exact.length === 1) return exact[0]!;
  if (name === "current") {
    throw new StatewardError("NO_STATE", t("history.error.no-current", { backend: list.backend }), {
      hint: t("history.hint.list-versions"),
    });
  }
  if (exact.length === 0 && name.startsWith(SNAPSHOT_REF)) return resolveSnapshot(list, name);
  const prefixed =
    name.length >= 6
      ? list.versions.filter((v) => v.names.some((n) => n.startsWith(name)) || v.contentHash.startsWith(name))
      : [];
  if (prefixed.length === 1) return prefixed[0]!;
  if (prefixed.length > 1 || exact.length > 1) {
    throw new StatewardError(
      "AMBIGUOUS_VERSION",
      t("history.error.ambiguous", { name, count: Math.max(prefixed.length, exact.length) }),
      { hint: t("history.hint.ambiguous") },
    );
  }
  // A name that looks like a path was meant as a file (an existing one is read as one): say it is missing.
  const path = /[/\\]|\.(json|gz)$/i.test(name);
  throw new StatewardError(
    "NO_SUCH_VERSION",
    t(path ? "history.error.no-such-version-or-file" : "history.error.no-such-version", {
      backend: list.backend,
      name,
    }),
    { hint: t("history.hint.no-such-version") },
  );
}

/** How a snapshot is named: `snapshot:<id>` (or a unique prefix of it), or `snapshot:<its note>`. */
export const SNAPSHOT_REF = "snapshot:";

/** `snapshot:<note>`: the version holding the one snapshot with exactly that note. */
function resolveSnapshot(list: HistoryList, name: string): HistoryVersion {
  const rest = name.slice(SNAPSHOT_REF.length);
  const byNote = list.versions.filter((v) => (v.snapshots ?? []).some((s) => s.note === rest));
  const byId =
    rest.length >= 4
      ? list.versions.filter((v) => (v.snapshots ?? []).some((s) => s.id.startsWith(rest)))
      : [];
  const holding = byNote.length > 0 ? byNote : byId;
  if (holding.length === 1) return holding[0]!;
  const snapshots = list.versions.reduce((n, v) => n + (v.snapshots?.length ?? 0), 0);
  if (holding.length > 1) {
    throw new StatewardError(
      "AMBIGUOUS_VERSION",
      t("history.error.ambiguous-note", { name, count: holding.length }),
      { hint: t("history.hint.snapshot-by-id") },
    );
  }
  throw new StatewardError(
    "NO_SUCH_VERSION",
    t("history.error.no-such-snapshot", { backend: list.backend, name, count: snapshots }),
    { hint: t("history.hint.no-such-snapshot") },
  );
}

export interface LoadedVersion {
  version: HistoryVersion;
  bytes: Uint8Array;
  doc: StateDocument;
}

export function loadVersion(list: ReadHistory, name: string): LoadedVersion {
  const version = resolveVersion(list, name);
  return loaded(version, list.bytesOf(version.id));
}

function loaded(version: HistoryVersion, bytes: Uint8Array | undefined): LoadedVersion {
  if (bytes === undefined || version.unreadable !== undefined) {
    throw new StatewardError(
      "UNREADABLE_VERSION",
      t("history.error.unreadable-version", {
        id: version.id,
        reason: version.unreadable ?? t("history.no-bytes"),
      }),
      { hint: t("history.hint.pick-another") },
    );
  }
  return { version, bytes, doc: parseState(bytes, `version ${version.id}`) };
}

export interface ShowVersionResult {
  backend: string;
  version: HistoryVersion;
  summary: StateSummary;
  /** The update records that wrote this version (newest first). */
  events?: HistoryEvent[];
}

/** An update record that left no version of its own: what its record says, and nothing more. */
export interface ShowEventResult {
  backend: string;
  event: HistoryEvent;
}

export function showVersion(
  loaded: LoadedVersion,
  backend: string,
  events: HistoryEvent[] = [],
): ShowVersionResult {
  const result: ShowVersionResult = { backend, version: loaded.version, summary: summarize(loaded.doc) };
  const own = events.filter((e) => e.version === loaded.version.id);
  if (own.length > 0) result.events = own;
  return result;
}

/** The update record named `name` (its id, or a unique prefix of at least 6 characters). */
export function findEvent(list: HistoryList, name: string): HistoryEvent | undefined {
  const exact = list.events.find((e) => e.id === name);
  if (exact !== undefined) return exact;
  const prefixed = name.length >= 6 ? list.events.filter((e) => e.id.startsWith(name)) : [];
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/**
 * `history show <name>`: a version by any of its names, or else an update record by its id — one
 * that wrote no version of its own (a killed run, the record `sst unlock` leaves) is shown as it is.
 */
export function showHistory(
  list: ReadHistory,
  name: string,
  backend: string,
): ShowVersionResult | ShowEventResult {
  try {
    return showVersion(loadVersion(list, name), backend, list.events);
  } catch (e) {
    if (!(e instanceof StatewardError) || e.code !== "NO_SUCH_VERSION") throw e;
    const event = findEvent(list, name);
    if (event === undefined) throw e;
    if (event.version !== undefined)
      return showVersion(loadVersion(list, event.version), backend, list.events);
    return { backend, event };
  }
}

/** A version found from the listing, with its bytes and the update records known of it. */
interface Found {
  version: HistoryVersion;
  bytes: Uint8Array | undefined;
  events: HistoryEvent[];
}

/** Names that count versions from the current one: all versions up to it must be read to be sure. */
function isRelative(name: string): boolean {
  return name === "current" || name === "previous" || /^-\d+$/.test(name);
}

/**
 * The versions of a stage as `history show` and `history diff` name them, reading only the bodies a
 * name needs: a name the listing has (an S3 version id, an update id, `snapshot:…`, a backup, a
 * unique prefix of one) reads that version; `current`, `previous` and `-N` read the versions from the
 * newest down to it (two for `-1`, unless two stored revisions turn out to hold the same content). A
 * name the listing cannot settle (a prefix of a content hash, an update record that left no version,
 * an unknown or ambiguous name) reads the whole history once, as `history list` does, and is
 * answered from it exactly.
 */
export class StageVersions {
  private index: Promise<HistoryIndex> | undefined;
  private full: Promise<ReadHistory> | undefined;

  constructor(
    private readonly backend: StageBackend,
    private readonly options: HistoryOptions = {},
  ) {}

  private all(): Promise<ReadHistory> {
    return (this.full ??= readHistory(this.backend, this.options));
  }

  private async find(name: string): Promise<Found | undefined> {
    const index = await (this.index ??= HistoryIndex.open(this.backend, this.options));
    for (;;) {
      const list = index.list();
      let target: HistoryVersion;
      try {
        target = resolveVersion(
          { ...list, backend: this.backend.label, app: "", stage: "", copies: 0 },
          name,
        );
      } catch (e) {
        if (e instanceof StatewardError) return undefined;
        throw e;
      }
      const needed = isRelative(name) ? list.versions.slice(0, list.versions.indexOf(target) + 1) : [target];
      const unread = needed.filter((v) => !index.isLoaded(v));
      if (unread.length === 0) return { version: target, bytes: list.bytesOf(target), events: list.events };
      await index.load(unread);
    }
  }

  /**
   * The version `name` answers to, from the listings and the bodies it needs alone: undefined where
   * they cannot settle it (an unknown or ambiguous name), never a read of the whole history.
   */
  async version(name: string): Promise<HistoryVersion | undefined> {
    return (await this.find(name))?.version;
  }

  async load(name: string): Promise<LoadedVersion> {
    const found = await this.find(name);
    if (found === undefined) return loadVersion(await this.all(), name);
    return loaded(found.version, found.bytes);
  }

  async show(name: string): Promise<ShowVersionResult | ShowEventResult> {
    const found = await this.find(name);
    if (found === undefined) return showHistory(await this.all(), name, this.backend.label);
    return showVersion(loaded(found.version, found.bytes), this.backend.label, found.events);
  }
}
