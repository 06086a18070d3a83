/**
 * What every page of `stateward ui` shares: the message catalog (every visible text comes from the
 * session's `ui.*` messages, in the page's language), the API client, times, the copy button, the
 * polite live region and the fixed-row-height virtual table. No build step: plain ES modules, Preact
 * through htm (both served from node_modules as /assets/vendor/preact-htm.js).
 */
import { html, useEffect, useLayoutEffect, useRef, useState } from "./vendor/preact-htm.js";
// The CLI's own placeholder filler (src/i18n/format.ts), served by `stateward ui`.
import { format } from "./format.js";

export { html };

let messages = {};

/** Sets the catalog from `GET /api/session`. */
export function setMessages(m) {
  messages = m;
}

/** A message of the catalog with its `{name}` placeholders filled as the CLI fills them; a missing key shows as itself. */
export function t(key, params) {
  return format(messages[key] ?? key, params);
}

/**
 * The messages for values the server names (an outcome, a source, a status): each key written out once
 * here; a value with no message shows as itself.
 */
export const VALUES = {
  outcome: {
    finished: "ui.page.outcome.finished",
    failed: "ui.page.outcome.failed",
    unfinished: "ui.page.outcome.unfinished",
    missing: "ui.page.outcome.missing",
  },
  source: {
    "s3-version": "ui.page.source.s3-version",
    "sst-snapshot": "ui.page.source.sst-snapshot",
    "diy-history": "ui.page.source.diy-history",
    "diy-backup": "ui.page.source.diy-backup",
    "diy-bak": "ui.page.source.diy-bak",
    "stateward-backup": "ui.page.source.stateward-backup",
    "stateward-snapshot": "ui.page.source.stateward-snapshot",
    current: "ui.page.source.current",
  },
  status: {
    ok: "ui.page.status.ok",
    missing: "ui.page.status.missing",
    unmanaged: "ui.page.status.unmanaged",
    pending: "ui.page.status.pending",
    unchecked: "ui.page.status.unchecked",
  },
  severity: {
    blocker: "ui.page.severity.blocker",
    warning: "ui.page.severity.warning",
    info: "ui.page.severity.info",
  },
  problem: {
    "already-exists": "ui.page.problem.already-exists",
    locked: "ui.page.problem.locked",
    passphrase: "ui.page.problem.passphrase",
    integrity: "ui.page.problem.integrity",
    "pending-operations": "ui.page.problem.pending-operations",
    "stage-not-found": "ui.page.problem.stage-not-found",
    region: "ui.page.problem.region",
  },
  explainOutcome: {
    failed: "ui.page.explain.outcome.failed",
    completed: "ui.page.explain.outcome.completed",
    unknown: "ui.page.explain.outcome.unknown",
  },
  diff: {
    added: "ui.page.diff.added",
    removed: "ui.page.diff.removed",
    pendingAdded: "ui.page.diff.pendingAdded",
    pendingRemoved: "ui.page.diff.pendingRemoved",
  },
};

/** The message for `value` of a family of VALUES (`tValue("outcome", "failed")`). */
export function tValue(family, value, params) {
  const key = VALUES[family]?.[value];
  return key === undefined ? String(value) : t(key, params);
}

/** An API error: the server's `{error: {code, message, hint}}`. */
export class ApiError extends Error {
  constructor(status, error) {
    super(error?.message ?? String(status));
    this.status = status;
    this.code = error?.code ?? "";
    this.hint = error?.hint ?? "";
  }
}

/** GET (or POST with a text body) a JSON document of the API. */
export async function api(path, body) {
  const init =
    body === undefined
      ? { credentials: "same-origin" }
      : {
          method: "POST",
          credentials: "same-origin",
          headers: { "content-type": "text/plain; charset=utf-8" },
          body,
        };
  const res = await fetch(path, init);
  let doc;
  try {
    doc = await res.json();
  } catch {
    doc = undefined;
  }
  if (!res.ok) throw new ApiError(res.status, doc?.error);
  return doc;
}

/**
 * Loads a document when `path` changes: `{ data, error, loading }`. The request starts as the change is
 * rendered (a layout effect), not a frame later: a diff's request leaves with the keypress.
 */
export function useApi(path, body) {
  const [state, setState] = useState({ data: undefined, error: undefined, loading: true });
  useLayoutEffect(() => {
    if (path === undefined) {
      setState({ data: undefined, error: undefined, loading: false });
      return undefined;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    api(path, body).then(
      (data) => live && setState({ data, error: undefined, loading: false }),
      (error) => live && setState({ data: undefined, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [path, body]);
  return state;
}

export const enc = encodeURIComponent;

export const API = {
  session: "/api/session",
  overview: (refresh) => `/api/overview${refresh ? "?refresh=1" : ""}`,
  stage: (s, refresh) => `/api/stages/${enc(s)}${refresh ? "?refresh=1" : ""}`,
  history: (s) => `/api/stages/${enc(s)}/history`,
  counts: (s) => `/api/stages/${enc(s)}/history/counts`,
  diff: (s, a, b) => `/api/stages/${enc(s)}/diff?a=${enc(a)}&b=${enc(b)}`,
  explain: (s) => (s ? `/api/explain?stage=${enc(s)}` : "/api/explain"),
};

/** The pages' addresses (hash routes). */
export const href = {
  overview: () => "#/",
  stage: (s) => `#/stage/${enc(s)}`,
  history: (s) => `#/stage/${enc(s)}/history`,
  explain: () => "#/explain",
};

/** "3 h ago" in the page's language. */
export function relative(iso, now = Date.now()) {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return "";
  const s = Math.round((now - then) / 1000);
  if (s < 0) return t("ui.page.time.future");
  if (s < 60) return t("ui.page.time.justNow");
  if (s < 3600) return t("ui.page.time.minutesAgo", { n: Math.floor(s / 60) });
  if (s < 48 * 3600) return t("ui.page.time.hoursAgo", { n: Math.floor(s / 3600) });
  return t("ui.page.time.daysAgo", { n: Math.floor(s / 86400) });
}

/** An ISO time with its relative age beside it. */
export function Time({ iso }) {
  if (iso === undefined || iso === null || iso === "") return html`<span>${t("ui.page.none")}</span>`;
  return html`<span class="time"
    ><time datetime=${iso}>${iso}</time> <span class="rel">(${relative(iso)})</span></span
  >`;
}

/** Seconds between two ISO times, as "95 s" / "1 min 35 s"; "" when either is missing. */
export function duration(from, to) {
  const a = Date.parse(from ?? "");
  const b = Date.parse(to ?? "");
  if (Number.isNaN(a) || Number.isNaN(b)) return "";
  const s = Math.max(0, Math.round((b - a) / 1000));
  if (s < 60) return t("ui.page.duration.seconds", { s });
  return t("ui.page.duration.minutes", { m: Math.floor(s / 60), s: s % 60 });
}

/* The polite live region: one per page, for "Copied", "Loading the diff", … */
let announceTo = () => {};

export function Announcer() {
  const [text, setText] = useState("");
  useEffect(() => {
    announceTo = (message) => {
      setText("");
      setTimeout(() => setText(message), 30);
    };
    return () => {
      announceTo = () => {};
    };
  }, []);
  return html`<div class="visually-hidden" role="status" aria-live="polite" id="announcer">${text}</div>`;
}

export function announce(message) {
  announceTo(message);
}

/** A command as code, with a button that copies exactly that text and says "Copied" when done. */
export function Command({ text }) {
  const [state, setState] = useState("idle");
  const timer = useRef(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  if (text.startsWith("#")) return html`<span class="note">${text.replace(/^#\s*/, "")}</span>`;
  const copy = () => {
    navigator.clipboard.writeText(text).then(
      () => {
        setState("copied");
        announce(t("ui.page.copied"));
      },
      () => {
        setState("failed");
        announce(t("ui.page.copyFailed"));
      },
    );
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState("idle"), 2500);
  };
  const label =
    state === "copied"
      ? t("ui.page.copied")
      : state === "failed"
        ? t("ui.page.copyFailed")
        : t("ui.page.copy");
  return html`<span class="command"
    ><code>${text}</code>
    <button type="button" class="copy" data-command=${text} onClick=${copy} aria-label=${`${label}: ${text}`}>
      ${label}
    </button></span
  >`;
}

/** An API error as an alert: message and hint. */
export function ErrorBox({ error }) {
  return html`<div class="error" role="alert">
    <p><strong>${t("ui.page.error")}</strong> ${error.message}</p>
    ${error.hint ? html`<p>${error.hint}</p>` : null}
  </div>`;
}

export function Loading() {
  return html`<p class="loading" aria-busy="true">${t("ui.page.loading")}</p>`;
}

/**
 * A table of `rows` that renders only the rows in view (fixed row height, `rowHeight` px, set in
 * app.css too): 5,000 rows cost what 30 do. `head` is the header row; `row(item, index)` one <tr>.
 * The scroll box is focusable (arrow keys and Page Up/Down scroll it) and named by `label`.
 */
export function VirtualTable({ rows, rowHeight, height, head, row, label, columns, className }) {
  const [top, setTop] = useState(0);
  const box = useRef(null);
  const over = 10;
  const first = Math.max(0, Math.floor(top / rowHeight) - over);
  const last = Math.min(rows.length, first + Math.ceil(height / rowHeight) + 2 * over);
  const onScroll = (e) => setTop(e.currentTarget.scrollTop);
  useEffect(() => {
    if (box.current !== null && box.current.scrollTop > rows.length * rowHeight) {
      box.current.scrollTop = 0;
      setTop(0);
    }
  }, [rows.length, rowHeight]);
  const spacer = (px) =>
    html`<tr class="spacer" aria-hidden="true" style=${{ height: `${px}px` }}>
      <td colspan=${columns}></td>
    </tr>`;
  return html`<div
    class=${`vscroll ${className ?? ""}`}
    ref=${box}
    onScroll=${onScroll}
    tabindex="0"
    role="region"
    aria-label=${label}
    style=${{ maxHeight: `${height}px` }}
  >
    <table aria-rowcount=${rows.length + 1} class="vtable">
      <thead>
        ${head}
      </thead>
      <tbody>
        ${first > 0 ? spacer(first * rowHeight) : null}
        ${rows.slice(first, last).map((item, i) => row(item, first + i))}
        ${last < rows.length ? spacer((rows.length - last) * rowHeight) : null}
      </tbody>
    </table>
  </div>`;
}
