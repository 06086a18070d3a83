/**
 * The one way stateward writes a time, for people and for JSON alike: ISO 8601 in UTC to the whole
 * second (`2026-12-04T04:24:01Z`, the form of SST's own update records). On a terminal a relative
 * part follows (`2026-12-04T04:24:01Z (3 h ago)`); piped or redirected output leaves it out, so a
 * saved report does not carry an age that is wrong by the time it is read, and two runs print the
 * same bytes. Ages read `12 s`, `5 min`, `3 h`, `2 d` (in the current language).
 */
import { t } from "../i18n/index.js";

/** `2026-12-04T04:24:01Z`: what every time in stateward's output matches. */
export const TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** A full RFC 3339 / ISO 8601 date-time (any precision, any offset): what `isoTime` rewrites. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

interface TimeDisplay {
  /** Add `(3 h ago)` after a time: on a terminal only. */
  relative: boolean;
  now: () => number;
}

const display: TimeDisplay = { relative: false, now: () => Date.now() };

/** Set once per command by the CLI (relative ages on a terminal); tests set `now`. */
export function setTimeDisplay(options: { relative?: boolean; now?: () => number }): void {
  if (options.relative !== undefined) display.relative = options.relative;
  if (options.now !== undefined) display.now = options.now;
}

function toMillis(time: Date | string | number): number | undefined {
  if (time instanceof Date) return time.getTime();
  if (typeof time === "number") return time;
  if (!DATE_TIME.test(time.trim())) return undefined;
  // RFC 3339 nano (SST's lock `created`): Date.parse takes milliseconds at most.
  const trimmed = time.trim().replace(/(\.\d{3})\d+/, "$1");
  const ms = Date.parse(trimmed.replace(" ", "T"));
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * `2026-12-04T04:24:01Z` for a Date, epoch milliseconds or any ISO 8601 / RFC 3339 string (local
 * offsets, nanoseconds); a string that is not a time comes back unchanged.
 */
export function isoTime(time: Date | string | number): string {
  const ms = toMillis(time);
  if (ms === undefined || !Number.isFinite(ms)) return typeof time === "string" ? time : String(time);
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** How long `seconds` is, in the largest unit that fits whole: `12 s`, `5 min`, `3 h`, `2 d`. */
export function age(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return t("core.time.seconds", { count: s });
  if (s < 3600) return t("core.time.minutes", { count: Math.floor(s / 60) });
  if (s < 86_400) return t("core.time.hours", { count: Math.floor(s / 3600) });
  return t("core.time.days", { count: Math.floor(s / 86_400) });
}

/** `3 h ago`, or `in 5 min` for a time ahead of this clock (another host's clock runs ahead). */
export function ago(time: Date | string | number, now: number = display.now()): string | undefined {
  const ms = toMillis(time);
  if (ms === undefined) return undefined;
  const seconds = (now - ms) / 1000;
  return seconds >= 0
    ? t("core.time.ago", { age: age(seconds) })
    : t("core.time.ahead", { age: age(-seconds) });
}

/** `3 h ago` for an age in seconds. */
export function agoSeconds(seconds: number): string {
  return t("core.time.ago", { age: age(seconds) });
}

/**
 * A time as people read it: `2026-12-04T04:24:01Z (3 h ago)` on a terminal, `2026-12-04T04:24:01Z`
 * otherwise (or when `relative` says so).
 */
export function when(time: Date | string | number, relative: boolean = display.relative): string {
  const iso = isoTime(time);
  if (!relative) return iso;
  const rel = ago(time);
  return rel === undefined ? iso : `${iso} (${rel})`;
}

/** Keys whose string values are stateward's own times in a JSON document (every command's `--json`). */
const TIME_KEY =
  /^(time|created|createdAt|updated|modified|copied|started|ended|since|at|now|lastModified|deletedAt|deletionDate|deleting|time[A-Z]\w*)$/;

/**
 * Keys whose values are data read from a state or the cloud, shown as found: times in them are not
 * stateward's and are left as they are (a property value in a diff must stay the value).
 */
const DATA_KEY =
  /^(tags|inputs|outputs|state|cloud|before|after|value|values|properties|entry|document|deployment)$/;

/**
 * Every time of a JSON result in the one form (`isoTime`), whatever precision or offset it was
 * read or stored with (older audit records carry milliseconds; SST locks a local offset and
 * nanoseconds). Returns a copy; data subtrees (tags, inputs, outputs, diff values) are untouched.
 */
export function jsonTimes<T>(value: T): T {
  return normalize(value, undefined) as T;
}

function normalize(value: unknown, key: string | undefined): unknown {
  if (typeof value === "string") return key !== undefined && TIME_KEY.test(key) ? isoTime(value) : value;
  if (value instanceof Date) return isoTime(value);
  const toJSON = (value as { toJSON?: unknown } | null)?.toJSON;
  if (typeof toJSON === "function") return normalize((toJSON as () => unknown).call(value), key);
  if (Array.isArray(value)) return value.map((v) => normalize(v, key));
  if (value === null || typeof value !== "object") return value;
  if (key !== undefined && DATA_KEY.test(key)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = normalize(v, k);
  return out;
}
