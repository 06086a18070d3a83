/**
 * What `explain` finds in a deploy log: the problems (each with its doctor rule, cause and fix), and
 * the drafts and log facts the recogniser hands to the advice. Types only.
 */
export type ProblemKind =
  | "already-exists"
  | "locked"
  | "passphrase"
  | "integrity"
  | "pending-operations"
  | "stage-not-found"
  | "region";

export interface ProblemResource {
  /** The full Pulumi type token (`aws:cloudwatch/logGroup:LogGroup`), mapped from the short form shown. */
  type?: string;
  /** The physical name (or id) AWS reports. */
  name?: string;
  urn?: string;
  /** The name the program gives the resource (the last part of its URN). */
  logicalName?: string;
  /** For region problems: the region the resource or state lives in. */
  region?: string;
  /** For Route 53 records: the record type (`CNAME`, `A`, …). */
  recordType?: string;
}

export interface Problem {
  kind: ProblemKind;
  /**
   * The doctor rule that explains it: already-exists → "pending-create" when the log also shows the
   * resource as pending / interrupted, "orphan" when the name carries the stage (the stage's own
   * leftover that no state holds), else "name-taken"; locked → "stale-lock"; integrity → "integrity";
   * pending-operations → "pending-create"; region → "region-mismatch"; passphrase/stage-not-found → undefined.
   */
  rule?: string;
  resource?: ProblemResource;
  /** The log line(s) it was recognised from (trimmed, at most 3 lines). */
  excerpt: string;
  /** 1-based line number of the first matching line. */
  line: number;
  /** Plain-words cause, 1–2 sentences. */
  cause: string;
  /** stateward commands ready to paste (lines starting with `#` say what to do). */
  fix: string[];
  /** passphrase: what went wrong (none given, a wrong one, or the secrets provider). */
  secrets?: "missing" | "wrong" | "provider";
}

/** A line of the log, 1-based, trimmed and clipped. */
export interface LogLine {
  line: number;
  text: string;
}

export interface ExplainResult {
  problems: Problem[];
  lines: number;
  /**
   * What the log shows of the command itself: "failed" (an error line, or a recognised problem),
   * "completed" (SST's `✓  Complete` and the like, Pulumi's `Duration:` with no error), or "unknown"
   * (neither: not a deploy's output, or cut off before its end).
   */
  outcome: "failed" | "completed" | "unknown";
  /** The first line that shows the failure. */
  failure?: LogLine;
  /** The line that shows the command completed. */
  completed?: LogLine;
  /** Which tool printed the log, when it shows. */
  tool?: "sst" | "pulumi";
  /** the app and stage the log shows, when it does */
  app?: string;
  stage?: string;
}

/** What the scan found, before causes and fixes are written (they need the whole log: stage, pending). */
export interface Draft {
  kind: ProblemKind;
  resource: ProblemResource;
  /** 0-based line indexes the problem was recognised from. */
  at: number[];
  /** The AWS error code, when the log names one. */
  code?: string;
  /** pending-operations: creating, updating, deleting, reading. */
  operation?: string;
  /** locked: who reported it. */
  lockBy?: "sst" | "pulumi" | "pulumi-cloud";
  /** passphrase: what went wrong. */
  secrets?: "missing" | "wrong" | "provider";
  /** stage-not-found: who reported it. */
  notFoundBy?: "sst" | "pulumi";
  /** region: which kind of mix-up, and the region the command used. */
  regionIssue?: "signed" | "redirect" | "token" | "missing" | "mismatch";
  usedRegion?: string;
}

/** What the whole log tells, for the advice. */
export interface LogFacts {
  app?: string;
  stage?: string;
  tool?: "sst" | "pulumi";
  /** Resources with a pending (interrupted) operation: their URN, keyed by URN and by `<type>|<logicalName>`. */
  pending: Map<string, string>;
}
