/**
 * The versions of a stage's state: every copy the backend keeps (S3 object versions, SST snapshots
 * with their update records, Pulumi DIY history and backups, stateward's backups), merged by content
 * and named so a user can point at one.
 */
import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import type { StageBackend, UpdateInfo, VersionSource } from "../backends/types.js";
import { ExitCode, StatewardError } from "../errors.js";
import { parseState, summarize, type StateDocument, type StateSummary } from "../state/index.js";
import { mapLimit } from "../util/map-limit.js";

export interface HistoryVersion {
  /** The name shown first: the SST update id, the S3 VersionId, or the DIY file's name. */
  id: string;
  /** Every name this version answers to (see `resolveVersion`), including `current`, `previous`, `-N`. */
  names: string[];
  /** When this content was last written as the state. */
  time: string;
  size: number;
  resources: number;
  /** SHA-256 of the (decompressed) checkpoint bytes, the identity used to merge copies. */
  contentHash: string;
  sources: VersionSource[];
  current: boolean;
  /** The update that wrote it, when a record says (SST update record, DIY history). */
  update?: {
    id: string;
    command?: string;
    outcome: UpdateInfo["outcome"];
    timeStarted?: string;
    timeCompleted?: string;
    errors: UpdateInfo["errors"];
  };
  locations: string[];
  /** The stored revisions (S3 ETags) of its copies: what a plan or a write recorded as "read". */
  revisions: string[];
  /** The copy could not be read or parsed; it is listed, but cannot be shown or restored. */
  unreadable?: string;
}

export interface HistoryList {
  backend: string;
  app: string;
  stage: string;
  versions: HistoryVersion[];
  /** Copies found before merging by content (S3 versions + snapshots + backups + …). */
  copies: number;
}

interface LoadedCopy {
  bytes?: Uint8Array;
  hash: string;
  resources: number;
  error?: string;
}

function plain(bytes: Uint8Array): Uint8Array {
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
}

const hashOf = (bytes: Uint8Array) => createHash("sha256").update(plain(bytes)).digest("hex");

function isBackup(source: VersionSource): boolean {
  return source === "stateward-backup" || source === "diy-backup" || source === "diy-bak";
}

/** Every version of the stage's state, newest first, merged by content. */
export async function listHistory(
  backend: StageBackend,
  options: {
    concurrency?: number;
    signal?: AbortSignal;
    onProgress?: (done: number, total: number) => void;
  } = {},
): Promise<HistoryList & { bytesOf(id: string): Uint8Array | undefined }> {
  const raw = await backend.listHistory(options.signal);
  // Equal ETags mean equal bytes, so each distinct revision is downloaded once.
  const byRevision = new Map<string, number[]>();
  const work: number[][] = [];
  raw.forEach((copy, index) => {
    const rev = copy.revision !== undefined && copy.revision !== "" ? `${copy.revision}` : undefined;
    if (rev === undefined) {
      work.push([index]);
      return;
    }
    const group = byRevision.get(rev);
    if (group === undefined) {
      const fresh = [index];
      byRevision.set(rev, fresh);
      work.push(fresh);
    } else group.push(index);
  });
  const loaded = new Array<LoadedCopy>(raw.length);
  let done = 0;
  await mapLimit(work, options.concurrency ?? 16, async (group) => {
    const copy = raw[group[0]!]!;
    let result: LoadedCopy;
    try {
      const bytes = await copy.load(options.signal);
      let resources = 0;
      let error: string | undefined;
      try {
        resources = parseState(bytes, copy.location).deployment?.resources?.length ?? 0;
      } catch (e) {
        error = (e as Error).message;
      }
      result = { bytes, hash: hashOf(bytes), resources, ...(error === undefined ? {} : { error }) };
    } catch (e) {
      if (e instanceof StatewardError && e.code !== "VERSION_GONE") throw e;
      result = { hash: `unreadable:${copy.location}`, resources: 0, error: (e as Error).message };
    }
    for (const i of group) loaded[i] = result;
    options.onProgress?.((done += group.length), raw.length);
  });

  const groups = new Map<string, number[]>();
  raw.forEach((_, i) => {
    const h = loaded[i]!.hash;
    const group = groups.get(h);
    if (group === undefined) groups.set(h, [i]);
    else group.push(i);
  });
  const bytesByHash = new Map<string, Uint8Array>();
  const versions: HistoryVersion[] = [];
  const order = new Map<HistoryVersion, number>();
  for (const [hash, members] of groups) {
    const copies = members.map((i) => raw[i]!);
    const writes = copies.filter((c) => !isBackup(c.source));
    const timed = (writes.length > 0 ? writes : copies).map((c) => c.time.getTime());
    const time = new Date(Math.max(...timed));
    // Prefer the name that links to an update record, then an S3 version, then the rest.
    const rank = (s: VersionSource) =>
      [
        "sst-snapshot",
        "diy-history",
        "s3-version",
        "current",
        "stateward-backup",
        "diy-backup",
        "diy-bak",
      ].indexOf(s);
    const primary = [...copies].sort(
      (a, b) => rank(a.source) - rank(b.source) || b.time.getTime() - a.time.getTime(),
    )[0]!;
    const load = loaded[members[0]!]!;
    const names = [...new Set(copies.map((c) => c.name).filter((n) => n !== "current" && n !== "null"))];
    if (!names.includes(primary.name)) names.unshift(primary.name);
    const version: HistoryVersion = {
      id: primary.name,
      names,
      time: time.toISOString(),
      size: Math.max(...copies.map((c) => c.size)),
      resources: load.resources,
      contentHash: hash.startsWith("unreadable:") ? "" : hash,
      sources: [...new Set(copies.map((c) => c.source))],
      current: copies.some((c) => c.isCurrent),
      locations: [...new Set(copies.map((c) => c.location))],
      revisions: [
        ...new Set(
          copies.flatMap((c) => (c.revision === undefined || c.revision === "" ? [] : [c.revision])),
        ),
      ],
    };
    const withUpdate = copies.find((c) => c.update !== undefined)?.update;
    if (withUpdate !== undefined) version.update = updateView(withUpdate);
    if (load.error !== undefined) version.unreadable = load.error;
    if (load.bytes !== undefined && load.error === undefined) bytesByHash.set(hash, load.bytes);
    versions.push(version);
    order.set(version, Math.min(...copies.map((c) => c.order ?? Number.MAX_SAFE_INTEGER)));
  }
  // Newest first; equal times (S3 keeps seconds) follow the newest-first order of the S3 listing.
  versions.sort(
    (a, b) =>
      (a.time < b.time ? 1 : a.time > b.time ? -1 : 0) ||
      order.get(a)! - order.get(b)! ||
      Number(b.current) - Number(a.current),
  );
  nameRelative(versions);
  return {
    backend: backend.label,
    app: backend.app,
    stage: backend.stage,
    versions,
    copies: raw.length,
    bytesOf: (id) => {
      const v = versions.find((x) => x.id === id);
      return v === undefined ? undefined : bytesByHash.get(v.contentHash);
    },
  };
}

function updateView(u: UpdateInfo): NonNullable<HistoryVersion["update"]> {
  const view: NonNullable<HistoryVersion["update"]> = { id: u.id, outcome: u.outcome, errors: u.errors };
  if (u.command !== undefined) view.command = u.command;
  if (u.timeStarted !== undefined) view.timeStarted = u.timeStarted.toISOString();
  if (u.timeCompleted !== undefined) view.timeCompleted = u.timeCompleted.toISOString();
  return view;
}

/** `current`, `previous` and `-N` (N versions older than the current one). */
function nameRelative(versions: HistoryVersion[]): void {
  const at = versions.findIndex((v) => v.current);
  if (at < 0) return;
  versions[at]!.names.unshift("current");
  for (let n = 1; at + n < versions.length; n++) {
    const v = versions[at + n]!;
    v.names.push(`-${n}`);
    if (n === 1) v.names.splice(v.names.length - 1, 0, "previous");
  }
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
        exitCode: ExitCode.usage,
      },
    );
  }
  throw new StatewardError("NO_SUCH_VERSION", `${list.backend} has no version named "${name}".`, {
    hint: "`stateward history list` shows every version with its names (update id, S3 VersionId, current, previous, -N).",
    exitCode: ExitCode.usage,
  });
}

export interface LoadedVersion {
  version: HistoryVersion;
  bytes: Uint8Array;
  doc: StateDocument;
}

export function loadVersion(
  list: ReturnType<typeof listHistory> extends Promise<infer T> ? T : never,
  name: string,
): LoadedVersion {
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
}

export function showVersion(loaded: LoadedVersion, backend: string): ShowVersionResult {
  return { backend, version: loaded.version, summary: summarize(loaded.doc) };
}
