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
  /** For integrity problems: the provider URN the resource refers to and the state lacks. */
  provider?: string;
  /** For CloudFormation logs: the stack that holds the name ("already exists in stack …"). */
  stack?: string;
}

/** Why a resource "already exists" (or a state problem arose): the situations explain tells apart. */
export type CauseId =
  | "replacement"
  | "duplicate-in-program"
  | "retained-leftover"
  | "leftover"
  | "pending-create"
  | "other-stage"
  | "other-account"
  | "taken-elsewhere"
  | "scheduled-for-deletion"
  | "interrupted-update"
  | "unknown-provider"
  | "integrity"
  | "foreign-tool";

/** One possible cause, in plain words, with how to tell it from the others and what fixes it. */
export interface Cause {
  id: CauseId;
  /** The doctor rule that finds it, where one does. */
  rule?: string;
  cause: string;
  /** How to tell this cause from the others (what to look at, or what `--app/--stage` checks). */
  tell: string;
  fix: string[];
}

export interface Problem {
  kind: ProblemKind;
  /**
   * The doctor rule that explains it: already-exists → "pending-create" when the log also shows the
   * resource as pending / interrupted, "orphan" when the name carries the stage (the stage's own
   * leftover that no state holds), else "name-taken"; locked → "stale-lock"; integrity → "integrity";
   * pending-operations → "pending-create" (an interrupted create) or "pending-operation" (an interrupted
   * update, delete, …); region → "region-mismatch"; passphrase/stage-not-found → undefined; none for
   * another tool's log (doctor does not look there). With --app/--stage, the decided cause's rule.
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
  /**
   * The possible causes, most likely first. Without state access explain cannot tell them apart for
   * sure: the log narrows them (an AWS code, a replacement, two resources with one name) and `tell`
   * says how to decide; with `--app/--stage`, `decided` says which one the state and the cloud show.
   */
  causes?: Cause[];
  /** With --app/--stage: the cause the state, its history and the cloud show, and what showed it. */
  decided?: { id: CauseId; evidence: string };
}

/** A line of the log, 1-based, trimmed and clipped. */
export interface LogLine {
  line: number;
  text: string;
}

export type Tool = "sst" | "pulumi" | "cloudformation" | "terraform";

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
  tool?: Tool;
  /** The tool in words, for logs of other tools ("CloudFormation (SST v1/v2 / CDK)"). */
  toolLabel?: string;
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
  /** already-exists: the log shows the resource being replaced (create-before-delete). */
  replacing?: boolean;
  /** already-exists: other resources of the program the log shows creating the same name. */
  sameNameAs?: string[];
  /** already-exists: the AWS message says another resource holds the name ("associated with another …"). */
  heldByAnother?: boolean;
  /** already-exists: AWS keeps the name for a resource it is deleting (a secret's recovery window). */
  scheduledForDeletion?: boolean;
  /** already-exists: what another tool's or an older provider's wording names, used where the headings name nothing. */
  fallback?: ProblemResource;
  /** integrity: what the state lacks (`unknown-provider`, …). */
  violation?: "unknown-provider" | "other";
  /** region: which kind of mix-up, and the region the command used. */
  regionIssue?: "signed" | "redirect" | "token" | "missing" | "mismatch";
  usedRegion?: string;
}

/** What the whole log tells, for the advice. */
export interface LogFacts {
  app?: string;
  stage?: string;
  tool?: "sst" | "pulumi";
  /** Another tool's log (CloudFormation, Terraform), and its words. */
  foreign?: { tool: "cloudformation" | "terraform"; label: string };
  /** The CloudFormation stack the log shows failing. */
  failingStack?: string;
  /** Resources the log shows being replaced: their URN, and `<type>|<logicalName>`. */
  replacing: Set<string>;
  /** Resources with a pending (interrupted) operation: their URN, keyed by URN and by `<type>|<logicalName>`. */
  pending: Map<string, string>;
}
