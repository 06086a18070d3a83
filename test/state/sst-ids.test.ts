/**
 * Update ids as SST 4.17 writes them (`id.Descending()` in anomalyco/sst `pkg/id/id.go`: 6 big-endian
 * bytes of ^UnixMilli, then 6 random bytes, hex), built here independently of the code under test:
 * their times read back, and a restore to an older version with a newer update beside it is seen as
 * a rollback.
 */
import { describe, expect, it } from "vitest";
import { newerThanCurrent } from "../../src/rules/unmanaged.js";
import type { VersionInfo } from "../../src/rules/types.js";
import { compareUpdateIds, makeUpdateId, updateIdTime } from "../../src/state/index.js";

/** Go's generateID(true): time bytes from ^now shifted 40, 32, … 0, each cut to a byte. */
function goDescending(ms: number, random: string): string {
  const now = ~BigInt(ms);
  let hex = "";
  for (let i = 0; i < 6; i++)
    hex += Number((now >> BigInt(40 - 8 * i)) & 0xffn)
      .toString(16)
      .padStart(2, "0");
  return hex + random;
}

describe("SST 4.x update ids", () => {
  it("carry their time, and ids stateward makes sort among them by time", () => {
    const times = [Date.UTC(2025, 1, 5, 12), Date.UTC(2025, 10, 30, 8, 1, 2, 345), Date.UTC(2026, 11, 3, 9)];
    for (const t of times) {
      const id = goDescending(t, "0123456789ab");
      expect(updateIdTime(id)?.getTime()).toBe(t);
      expect(makeUpdateId(new Date(t), "0123456789ab")).toBe(id);
    }
    // SST's retention sorts ids as strings and keeps the first: the newest, whoever made them.
    const sst = [goDescending(times[0]!, "aaaaaaaaaaaa"), goDescending(times[2]!, "bbbbbbbbbbbb")];
    const ours = makeUpdateId(new Date(times[1]!));
    expect([...sst, ours].sort()).toEqual([sst[1], ours, sst[0]]);
    expect([...sst, ours].sort(compareUpdateIds)).toEqual([sst[1], ours, sst[0]]);
  });
});

describe("rolled-back on real ids", () => {
  it("a restored older version with a newer update beside it: the newer version is newer than current", () => {
    const deployment = { manifest: { time: "", magic: "", version: "" }, resources: [] };
    const history: VersionInfo[] = [
      // The current state: a copy of what update A wrote (restored by hand), newest object version.
      {
        id: "current",
        time: "2026-12-03T09:00:00.000Z",
        current: true,
        deployment,
        updateId: goDescending(Date.UTC(2026, 10, 1), "a1a1a1a1a1a1"),
      },
      {
        id: "b",
        time: "2026-11-20T00:00:00.000Z",
        current: false,
        deployment,
        updateId: goDescending(Date.UTC(2026, 10, 20), "b2b2b2b2b2b2"),
      },
      {
        id: "older",
        time: "2026-10-01T00:00:00.000Z",
        current: false,
        deployment,
        updateId: goDescending(Date.UTC(2026, 9, 1), "c3c3c3c3c3c3"),
      },
    ];
    expect(newerThanCurrent(history).map((v) => v.id)).toEqual(["b"]);
  });
});
