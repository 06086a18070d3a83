/**
 * The one time format (src/report/time.ts): ISO 8601 in UTC to the second, a relative part on a
 * terminal, ages in s/min/h/d in the current language, and every time of a JSON result rewritten to
 * the same form while data (tags, diff values) stays as read.
 */
import { afterEach, describe, expect, it } from "vitest";
import { setLang } from "../../src/i18n/index.js";
import {
  TIME_PATTERN,
  age,
  ago,
  agoSeconds,
  isoTime,
  jsonTimes,
  setTimeDisplay,
  when,
} from "../../src/report/time.js";

const NOW = Date.UTC(2026, 11, 4, 4, 24, 1, 987);

afterEach(() => {
  setLang("en");
  setTimeDisplay({ relative: false, now: () => Date.now() });
});

describe("isoTime", () => {
  it("writes UTC to the whole second, whatever the input's precision or offset", () => {
    expect(isoTime(new Date(NOW))).toBe("2026-12-04T04:24:01Z");
    expect(isoTime(NOW)).toBe("2026-12-04T04:24:01Z");
    expect(isoTime("2026-12-04T04:24:01.987Z")).toBe("2026-12-04T04:24:01Z");
    expect(isoTime("2026-12-04T04:24:01Z")).toBe("2026-12-04T04:24:01Z");
    // SST's lock: RFC 3339 nano in local time.
    expect(isoTime("2026-12-03T23:24:01.123456789-05:00")).toBe("2026-12-04T04:24:01Z");
    expect(isoTime("2026-12-04T09:54:01+05:30")).toBe("2026-12-04T04:24:01Z");
    // Truncated, not rounded: a time never moves into the next second.
    expect(isoTime("2026-12-04T04:24:01.999Z")).toBe("2026-12-04T04:24:01Z");
  });

  it("leaves what is not a time alone", () => {
    for (const s of [
      "",
      "?",
      "us-east-1",
      "2026-12-04",
      "fe5dc5d039922b3c4d021758",
      "not 2026-12-04T04:24:01Z",
    ])
      expect(isoTime(s)).toBe(s);
  });

  it("every output matches TIME_PATTERN", () => {
    for (const ms of [0, 1, 999, 1000, NOW, Date.UTC(2200, 0, 1)]) expect(isoTime(ms)).toMatch(TIME_PATTERN);
  });
});

describe("ages", () => {
  it("use the largest unit that fits whole, at each boundary", () => {
    const cases: [number, string][] = [
      [0, "0 s"],
      [59.9, "59 s"],
      [60, "1 min"],
      [3599, "59 min"],
      [3600, "1 h"],
      [3 * 3600 + 3599, "3 h"],
      [86_399, "23 h"],
      [86_400, "1 d"],
      [15 * 86_400 + 80_000, "15 d"],
      [-5, "0 s"],
    ];
    expect(cases.map(([s]) => age(s))).toEqual(cases.map(([, text]) => text));
  });

  it("read as ago, or ahead for a clock that runs fast", () => {
    expect(ago(NOW - 3 * 3600_000 - 5_000, NOW)).toBe("3 h ago");
    expect(ago(new Date(NOW - 45_000), NOW)).toBe("45 s ago");
    expect(ago(NOW + 5 * 60_000, NOW)).toBe("in 5 min");
    expect(ago("no time", NOW)).toBeUndefined();
    expect(agoSeconds(120)).toBe("2 min ago");
  });

  it("speak Chinese when the language is zh", () => {
    setLang("zh");
    expect([age(12), age(300), age(3 * 3600), age(2 * 86_400)]).toEqual([
      "12 秒",
      "5 分钟",
      "3 小时",
      "2 天",
    ]);
    expect(ago(NOW - 3 * 3600_000, NOW)).toBe("3 小时前");
    expect(ago(NOW + 60_000, NOW)).toBe("1 分钟后");
  });
});

describe("when", () => {
  it("adds the relative part only when asked (a terminal)", () => {
    setTimeDisplay({ now: () => NOW });
    const t = "2026-12-04T01:24:01.000Z";
    expect(when(t)).toBe("2026-12-04T01:24:01Z");
    setTimeDisplay({ relative: true });
    expect(when(t)).toBe("2026-12-04T01:24:01Z (3 h ago)");
    expect(when(t, false)).toBe("2026-12-04T01:24:01Z");
    expect(when("unknown")).toBe("unknown");
    setLang("zh");
    expect(when(t)).toBe("2026-12-04T01:24:01Z (3 小时前)");
  });
});

describe("jsonTimes", () => {
  it("rewrites stateward's time fields at any depth, and only those", () => {
    const result = {
      time: "2026-12-04T04:24:01.987Z",
      lock: { created: "2026-12-03T23:24:01.123456789-05:00", ageSeconds: 60, at: "us-east-1" },
      versions: [
        { id: "v1", time: "2026-12-04T04:24:01.000Z", update: { timeStarted: "2026-12-04T04:20:00.5Z" } },
      ],
      when: new Date(NOW),
      resources: [{ tags: { time: "2026-12-04T04:24:01.987Z" } }],
      diff: { changed: [{ before: { time: "2026-12-04T04:24:01.987Z" }, after: { time: "x" } }] },
      note: "2026-12-04T04:24:01.987Z",
    };
    const copy = structuredClone(result);
    expect(jsonTimes(result)).toEqual({
      time: "2026-12-04T04:24:01Z",
      lock: { created: "2026-12-04T04:24:01Z", ageSeconds: 60, at: "us-east-1" },
      versions: [{ id: "v1", time: "2026-12-04T04:24:01Z", update: { timeStarted: "2026-12-04T04:20:00Z" } }],
      when: "2026-12-04T04:24:01Z",
      // Data read from the cloud or a state, and a person's note, are shown as they are.
      resources: [{ tags: { time: "2026-12-04T04:24:01.987Z" } }],
      diff: { changed: [{ before: { time: "2026-12-04T04:24:01.987Z" }, after: { time: "x" } }] },
      note: "2026-12-04T04:24:01.987Z",
    });
    expect(result).toEqual(copy);
  });
});
