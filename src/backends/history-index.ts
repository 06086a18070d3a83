/**
 * The history of a stage as its listings tell it, reading a version's bytes only when a name needs
 * them (`history show`, `history diff`); `readHistory` (history-read.ts) reads them all.
 */
import {
  assemble,
  historyBackend,
  loadCopy,
  revisionUnits,
  type HistoryEvent,
  type HistoryOptions,
  type HistoryVersion,
  type LoadedCopy,
} from "./history-read.js";
import { historyEvents } from "./history-events.js";
import { historyPrefixes, listSnapshots, snapshotCopies, type SnapshotMeta } from "./snapshots.js";
import { collect } from "../util/map-limit.js";
import type { RawVersion, StageBackend, UpdateInfo } from "./types.js";

/**
 * The history as its listings tell it, reading bodies only when asked: what `history show` and
 * `history diff` use, so that naming two versions reads two, however many there are. Until its
 * bytes are read, a stored revision (ETag) stands for its content; `load` reads the copies of some
 * versions (with the SST update records of their snapshots), after which they merge by content as in
 * `readHistory`. SST's update records are not listed; a snapshot not yet loaded is timed by its object.
 */
export class HistoryIndex {
  private readonly units: number[][];
  private readonly unitOf: number[];
  private readonly loaded: (LoadedCopy | undefined)[];
  private readonly reading = new Map<number, Promise<void>>();
  private members = new Map<HistoryVersion, number[]>();

  private constructor(
    private readonly backend: StageBackend,
    private readonly raw: RawVersion[],
    private readonly metas: Map<string, SnapshotMeta>,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.units = revisionUnits(raw);
    this.unitOf = new Array<number>(raw.length);
    this.units.forEach((unit, u) => unit.forEach((i) => (this.unitOf[i] = u)));
    this.loaded = new Array<LoadedCopy | undefined>(this.units.length);
  }

  static async open(backend: StageBackend, options: HistoryOptions = {}): Promise<HistoryIndex> {
    const source = await historyBackend(backend, options.cache, true);
    // With the cache, SST's update records are listed (one page per thousand) so that the few read
    // come from the cache by their ETag; without it, listing them would only cost a call.
    const records = historyPrefixes(backend).find((p) => p.startsWith("update/"));
    const [stored, snapshots] = await Promise.all([
      source.listHistory(options.signal),
      listSnapshots(source, options.signal),
      options.cache !== undefined && backend.kind === "sst" && records !== undefined
        ? collect(source.store.list(records, options.signal))
        : undefined,
    ]);
    const raw = [...stored, ...snapshotCopies(source, snapshots)];
    const metas = new Map(snapshots.map((s) => [`snapshot:${s.id}`, s.meta ?? { id: s.id, time: "" }]));
    return new HistoryIndex(source, raw, metas, options.signal);
  }

  /** The versions as far as they are known: each read one merged by content, the rest by revision. */
  list(): {
    versions: HistoryVersion[];
    events: HistoryEvent[];
    bytesOf(v: HistoryVersion): Uint8Array | undefined;
  } {
    const loaded = this.raw.map(
      (_, i): LoadedCopy =>
        this.loaded[this.unitOf[i]!] ?? { hash: `pending:${this.unitOf[i]!}`, resources: 0 },
    );
    const { versions, bytesByHash, members } = assemble(this.raw, loaded, this.metas);
    this.members = members;
    return {
      versions,
      events: historyEvents(versions, this.raw, undefined),
      bytesOf: (v) => bytesByHash.get(v.contentHash),
    };
  }

  /** Whether every copy of the version (as last listed) has been read. */
  isLoaded(version: HistoryVersion): boolean {
    return (this.members.get(version) ?? []).every((i) => this.loaded[this.unitOf[i]!] !== undefined);
  }

  /** Reads the copies of these versions (as last listed), and the update records of their SST snapshots. */
  async load(versions: HistoryVersion[]): Promise<void> {
    const units = [
      ...new Set(versions.flatMap((v) => (this.members.get(v) ?? []).map((i) => this.unitOf[i]!))),
    ].filter((u) => this.loaded[u] === undefined);
    await Promise.all(
      units.map((u) => {
        let reading = this.reading.get(u);
        if (reading === undefined) {
          reading = this.loadUnit(u);
          this.reading.set(u, reading);
        }
        return reading;
      }),
    );
  }

  private async loadUnit(u: number): Promise<void> {
    const indexes = this.units[u]!;
    const backend = this.backend as {
      readUpdate?: (id: string, signal?: AbortSignal) => Promise<UpdateInfo | undefined>;
    };
    const [load] = await Promise.all([
      loadCopy(this.raw[indexes[0]!]!, this.signal),
      ...indexes.map(async (i) => {
        const copy = this.raw[i]!;
        if (copy.source !== "sst-snapshot" || copy.update !== undefined || backend.readUpdate === undefined)
          return;
        const update = await backend.readUpdate(copy.name, this.signal);
        if (update !== undefined) this.raw[i] = { ...copy, update, time: update.timeCompleted ?? copy.time };
      }),
    ]);
    this.loaded[u] = load;
  }
}
