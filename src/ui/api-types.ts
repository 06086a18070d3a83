/**
 * The types of every `stateward ui` API response (the contract between the server, src/ui/server.ts,
 * and the page under web/). Types only: the documents the CLI prints with --json are imported from the
 * modules that build them, so the page reads exactly what `--json` prints. Times are ISO 8601 UTC.
 */
import type { DoctorReport } from "../actions/doctor.js";
import type { ExplainReport } from "../actions/explain.js";
import type { HistoryList } from "../actions/history.js";
import type { DiffResult } from "../actions/state.js";

/**
 * Every error: the document the CLI prints with --json, with a status from its code: 400 USAGE,
 * AMBIGUOUS_VERSION, LOG_FORMAT; 401 UNAUTHORIZED; 403 FORBIDDEN (Host, Origin, Sec-Fetch-Site); 404
 * STAGE_NOT_FOUND, NO_SUCH_VERSION, NO_STATE, NO_VERSIONS, NOT_FOUND; 405 METHOD_NOT_ALLOWED; 413
 * TOO_LARGE; 503 when stopped; 500 for any other code (an unreadable state: STATE_FORMAT).
 */
export interface ApiError {
  error: { code: string; message: string; hint?: string };
}

/** `GET /api/session`. */
export interface SessionResponse {
  version: string;
  lang: "en" | "zh";
  /** Every `ui.*` message of the catalog in the page's language, by key (placeholders as `{name}`). */
  messages: Record<string, string>;
  app: string;
  /** The app's stages, sorted. */
  stages: string[];
  /** The stage named with --stage (without --all-stages), else null. */
  focus: string | null;
  readOnly: true;
}

/** One stage in `GET /api/overview`. */
export interface OverviewStage {
  stage: string;
  /** The newest update record (or version) of the stage; null when it has none. */
  lastDeploy: { time: string; command: string; outcome: string } | null;
  /** The stage's lock, when one is held; `holder` may be "" when the lock does not say. */
  lock: { holder: string; since: string } | null;
  /** Doctor's findings for the stage by severity (the same counts `doctor --all-stages --json` gives). */
  counts: { blocker: number; warning: number; info: number };
  /** Resources a cloud lookup settled, and those not checked (doctor's coverage for the stage). */
  resources: { checked: number; unchecked: number };
  /** This stage could not be read; the other fields are then zero/null. */
  error?: ApiError["error"];
}

/** `GET /api/overview[?refresh=1]`. */
export interface OverviewResponse {
  app: string;
  stages: OverviewStage[];
}

/**
 * A resource's status in the stage table:
 * - `ok`: in the state, found in the cloud;
 * - `missing`: in the state, not found in the cloud;
 * - `unmanaged`: found in the cloud (tagged for this app and stage), not in the state;
 * - `pending`: a pending operation in the state names it (a killed deploy);
 * - `unchecked`: in the state, not looked up (no handler for its type, or the lookup failed).
 */
export type ResourceStatus = "ok" | "missing" | "unmanaged" | "pending" | "unchecked";

export interface UiResource {
  /** The state's URN; "" for a cloud resource no state entry names (unmanaged). */
  urn: string;
  /** Stateward's kind ("s3-bucket"), or the resource type's last segment when no kind handles it. */
  kind: string;
  /** The resource type (Pulumi type token, e.g. `aws:s3/bucketV2:BucketV2`). */
  type: string;
  /** Physical name (or id where a type has no name). */
  name: string;
  /** `global` for IAM, CloudFront and Route 53. */
  region: string;
  status: ResourceStatus;
}

/** `GET /api/stages/<stage>[?refresh=1]`. */
export interface StageResponse {
  /** Exactly the document `doctor --stage <stage> --json` prints. */
  doctor: DoctorReport;
  resources: UiResource[];
}

/**
 * `GET /api/stages/<stage>/history[?refresh=1]`: exactly the document `history list --json` prints.
 * Read once per stage for this and `/history/counts` (kept for the server's life; `?refresh=1` on
 * either reads it again).
 */
export type HistoryResponse = HistoryList;

/** `GET /api/stages/<stage>/history/counts`: resources by kind per version, newest first. */
export interface HistoryCountsResponse {
  versions: { id: string; time: string; counts: Record<string, number> }[];
}

/** `GET /api/stages/<stage>/diff?a=&b=`: exactly the document `history diff <a> <b> --json` prints. */
export type DiffResponse = DiffResult;

/** `POST /api/explain[?stage=]`: exactly the document `explain --json` prints (log on stdin). */
export type ExplainResponse = ExplainReport;

/** The request paths, for the page. */
export const API = {
  session: "/api/session",
  overview: "/api/overview",
  stage: (stage: string) => `/api/stages/${encodeURIComponent(stage)}`,
  history: (stage: string) => `/api/stages/${encodeURIComponent(stage)}/history`,
  historyCounts: (stage: string) => `/api/stages/${encodeURIComponent(stage)}/history/counts`,
  diff: (stage: string, a: string, b: string) =>
    `/api/stages/${encodeURIComponent(stage)}/diff?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`,
  explain: (stage?: string) =>
    stage === undefined ? "/api/explain" : `/api/explain?stage=${encodeURIComponent(stage)}`,
} as const;
