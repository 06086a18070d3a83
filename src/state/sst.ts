/**
 * SST's naming of updates (FORMATS.md §2, `pkg/id/id.go` `Descending()` in anomalyco/sst): an update id
 * is 24 hex digits, 12 of time — the low 48 bits of the bitwise NOT of the unix time in milliseconds,
 * big-endian, so that keys sort newest first — and 12 random. SST before the 4.x layout (the sst/sst
 * mirror) wrote 16 hex digits of the 64-bit NOT followed by 8 random; those are still read.
 */

const MASK48 = (1n << 48n) - 1n;
const MASK64 = (1n << 64n) - 1n;
/** Ids from before 2001 or after 2200 are not times: the id is something else. */
const EARLIEST = Date.UTC(2001, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

/**
 * A descending update id in SST's layout for `time`. `random` is 12 lower-case hex digits (made
 * from 6 random bytes when omitted).
 */
export function makeUpdateId(time: Date, random: string = randomHex(6)): string {
  if (!/^[0-9a-f]{12}$/.test(random))
    throw new Error("the random part of an update id is 12 lower-case hex digits"); // i18n-exempt: internal invariant
  const inverted = ~BigInt(time.getTime()) & MASK48;
  return inverted.toString(16).padStart(12, "0") + random;
}

/** `bytes` random bytes as lower-case hex, from the global Web Crypto (no Node import: state/ stays pure). */
function randomHex(bytes: number): string {
  const buffer = globalThis.crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(buffer, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Which layout an id has: SST 4.x's 12 + 12, the older 16 + 8, or none. */
export function updateIdLayout(id: string): "12+12" | "16+8" | undefined {
  if (!/^[0-9a-f]{24}$/.test(id)) return undefined;
  // The old layout NOTs all 64 bits: its first 16 bits are set for any time after 1970-01-01.
  // The new layout starts with them only for times in the first seven weeks of 1970.
  if (id.startsWith("ffff")) return plausible(old(id)) ? "16+8" : undefined;
  return plausible(current(id)) ? "12+12" : undefined;
}

const current = (id: string) => Number(~BigInt(`0x${id.slice(0, 12)}`) & MASK48);
const old = (id: string) => Number(~BigInt(`0x${id.slice(0, 16)}`) & MASK64);
const plausible = (ms: number) => ms >= EARLIEST && ms < LATEST;

/** The time an update id was made (either layout), or undefined when it is not one. */
export function updateIdTime(id: string): Date | undefined {
  const layout = updateIdLayout(id);
  if (layout === undefined) return undefined;
  return new Date(layout === "12+12" ? current(id) : old(id));
}

/**
 * Orders update ids newest first by the time they carry (ids of both layouts mixed); ids without a
 * time go last, in string order.
 */
export function compareUpdateIds(a: string, b: string): number {
  const ta = updateIdTime(a)?.getTime();
  const tb = updateIdTime(b)?.getTime();
  if (ta !== undefined && tb !== undefined && ta !== tb) return tb - ta;
  if (ta !== undefined && tb === undefined) return -1;
  if (ta === undefined && tb !== undefined) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The S3 keys SST keeps for an app and stage in its state bucket. */
export const sstKeys = {
  state: (app: string, stage: string) => `app/${app}/${stage}.json`,
  lock: (app: string, stage: string) => `lock/${app}/${stage}.json`,
  update: (app: string, stage: string, updateId: string) => `update/${app}/${stage}/${updateId}.json`,
  snapshot: (app: string, stage: string, updateId: string) => `snapshot/${app}/${stage}/${updateId}.json`,
  eventlog: (app: string, stage: string, updateId: string) => `eventlog/${app}/${stage}/${updateId}.json`,
  passphrase: (app: string, stage: string) => `/sst/passphrase/${app}/${stage}`,
  bootstrap: "/sst/bootstrap",
};

/** The message `sst unlock` records in the update record of the lock it deletes. */
export const SST_UNLOCK_MESSAGE =
  // i18n-exempt: SST's own text, written in its update records
  "Update did not complete and was force unlocked with the `sst unlock` command";

/** The lock SST writes at `lock/<app>/<stage>.json`. */
export interface SstLock {
  created: string;
  updateID: string;
  runID?: string;
  command: string;
  ignore?: boolean;
  [unknown: string]: unknown;
}

/** An update record at `update/<app>/<stage>/<updateID>.json`. */
export interface SstUpdate {
  id: string;
  runID?: string;
  version: string;
  command: string;
  /** `null` while the update runs, and after one that had no errors. */
  errors: { urn: string; message: string }[] | null;
  /** Blank in the record `sst unlock` leaves. */
  timeStarted: string;
  timeCompleted?: string;
  [unknown: string]: unknown;
}
