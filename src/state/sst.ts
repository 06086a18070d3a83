/**
 * SST's naming of updates (FORMATS.md §2): an update id is 16 hex digits holding the bitwise NOT of
 * the unix time in milliseconds (so keys sort newest first), followed by 8 random hex digits.
 */

const MASK = (1n << 64n) - 1n;

export function makeUpdateId(time: Date, random: string): string {
  if (!/^[0-9a-f]{8}$/.test(random))
    throw new Error("the random part of an update id is 8 lower-case hex digits");
  const inverted = ~BigInt(time.getTime()) & MASK;
  return inverted.toString(16).padStart(16, "0") + random;
}

/** The time an update id was made, or undefined when it is not one. */
export function updateIdTime(id: string): Date | undefined {
  if (!/^[0-9a-f]{24}$/.test(id)) return undefined;
  const ms = ~BigInt(`0x${id.slice(0, 16)}`) & MASK;
  if (ms > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return new Date(Number(ms));
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
  errors: { urn: string; message: string }[];
  timeStarted: string;
  timeCompleted?: string;
  [unknown: string]: unknown;
}
