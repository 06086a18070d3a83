/**
 * The versions of a stage's state as a user points at them: list them (read by backends/history-read),
 * resolve a name, load one, show one or an update record.
 */
import { parseState } from "../backends/encoding.js";
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
import { summarize, type StateDocument, type StateSummary } from "../state/index.js";

export type {
  HistoryEvent,
  HistoryList,
  HistoryOptions,
  HistoryVersion,
  ReadHistory,
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
    throw new StatewardError("NO_STATE", `${list.backend} has no current state.`, {
      hint: "`stateward history list` shows the versions that exist.",
    });
  }
  const prefixed =
    name.length >= 6
      ? list.versions.filter((v) => v.names.some((n) => n.startsWith(name)) || v.contentHash.startsWith(name))
      : [];
  if (prefixed.length === 1) return prefixed[0]!;
  if (prefixed.length > 1 || exact.length > 1) {
    throw new StatewardError(
      "AMBIGUOUS_VERSION",
      `"${name}" names ${Math.max(prefixed.length, exact.length)} versions.`,
      {
        hint: "Use more characters, or the id shown by `stateward history list`.",
      },
    );
  }
  throw new StatewardError("NO_SUCH_VERSION", `${list.backend} has no version named "${name}".`, {
    hint: "`stateward history list` shows every version with its names (update id, S3 VersionId, current, previous, -N).",
  });
}

export interface LoadedVersion {
  version: HistoryVersion;
  bytes: Uint8Array;
  doc: StateDocument;
}

export function loadVersion(list: ReadHistory, name: string): LoadedVersion {
  const version = resolveVersion(list, name);
  const bytes = list.bytesOf(version.id);
  if (bytes === undefined || version.unreadable !== undefined) {
    throw new StatewardError(
      "UNREADABLE_VERSION",
      `Version ${version.id} cannot be read: ${version.unreadable ?? "no bytes"}.`,
      {
        hint: "Pick another version from `stateward history list`.",
      },
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
