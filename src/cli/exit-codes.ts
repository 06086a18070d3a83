/**
 * Every exit-code rule of the CLI, in one place (exit codes are part of the interface: PRODUCT.md).
 * The library reports errors with a stable `code` and results as data; this module decides the number.
 */
import { StatewardError } from "../errors.js";
import { t } from "../i18n/index.js";

/** Exit codes are part of the interface (PRODUCT.md); only the CLI knows them. */
export const ExitCode = {
  ok: 0,
  error: 1,
  usage: 2,
  blockers: 3,
  warnings: 4,
  incomplete: 5,
} as const;

/** Exit code of a run the person stopped (128 + SIGINT), as shells report Ctrl-C. */
export const CANCELLED_EXIT = 130;

/** Error codes whose exit code is not 1 (every other code is an error: 1). */
export const ERROR_EXIT_CODES: Readonly<Record<string, number>> = {
  // The command line or its input named something that cannot be: fix the invocation.
  USAGE: ExitCode.usage,
  CONFIRMATION_REQUIRED: ExitCode.usage,
  DELETE_REFUSED: ExitCode.usage,
  PLAN_MISMATCH: ExitCode.usage,
  AMBIGUOUS_VERSION: ExitCode.usage,
  NO_SUCH_VERSION: ExitCode.usage,
  NOT_A_LEFTOVER: ExitCode.usage,
  // Something the next deploy would break on (or undo: a replace of what adopt would record).
  RESTORE_BLOCKED: ExitCode.blockers,
  WOULD_REPLACE: ExitCode.blockers,
  // Part of the cloud could not be read, so nothing may be decided from it.
  INCOMPLETE_SCAN: ExitCode.incomplete,
  // Ctrl-C, SIGTERM or a prompt ended by the person: stopped, not failed.
  CANCELLED: CANCELLED_EXIT,
  INTERRUPTED: CANCELLED_EXIT,
  ABORTED: CANCELLED_EXIT,
};

/**
 * The person answered "no" at a yes/no question: nothing was written, and the run failed (exit 1) —
 * unlike Ctrl-C at the same question (CANCELLED, 130). Same code, so `--json` reads alike.
 */
export class Declined extends StatewardError {
  constructor(message?: string) {
    super("CANCELLED", message ?? t("cli.declined"));
    this.name = "Declined";
  }
}

/** The exit code for an error: from its code (the library knows no exit codes); 1 for any other code. */
export function errorExitCode(e: StatewardError): number {
  if (e instanceof Declined) return ExitCode.error;
  return ERROR_EXIT_CODES[e.code] ?? ExitCode.error;
}

/** Whether an error ends the run as stopped by the person (130) rather than failed. */
export function isStopped(e: unknown): boolean {
  return e instanceof StatewardError && errorExitCode(e) === CANCELLED_EXIT;
}

/** A usage error: the exit code comes from its code (USAGE, 2). */
export function usageError(message: string, hint?: string): StatewardError {
  return new StatewardError("USAGE", message, hint === undefined ? {} : { hint });
}

/** doctor: 3 blockers, 5 incomplete (with --strict also when anything was not checked), 4 warnings. */
export function doctorExitCode(
  report: {
    summary: { blockers: number; warnings: number };
    incomplete: readonly unknown[];
    coverage: { checked: number; total: number };
  },
  options: { strict?: boolean } = {},
): number {
  if (report.summary.blockers > 0) return ExitCode.blockers;
  if (report.incomplete.length > 0) return ExitCode.incomplete;
  if (options.strict === true && report.coverage.checked < report.coverage.total) return ExitCode.incomplete;
  if (report.summary.warnings > 0) return ExitCode.warnings;
  return ExitCode.ok;
}

/** apply, fix and cleanup: 1 when an action failed, 4 when one is pending or the deletion gate kept it. */
export function applyExitCode(report: { outcomes?: readonly { result: string }[] | undefined }): number {
  const outcomes = report.outcomes ?? [];
  if (outcomes.some((o) => o.result === "failed")) return ExitCode.error;
  if (outcomes.some((o) => o.result === "pending" || o.result === "refused")) return ExitCode.warnings;
  return ExitCode.ok;
}

/** 3 when the result holds anything the next deploy breaks on (violations, problems, blockers). */
export function blockersExitCode(count: number): number {
  return count > 0 ? ExitCode.blockers : ExitCode.ok;
}

/** 4 when the result holds warnings only (a held lock, name problems). */
export function warningsExitCode(warned: boolean): number {
  return warned ? ExitCode.warnings : ExitCode.ok;
}

/** scan: 5 when part of it failed. */
/** preflight: 3 when a planned name is taken, else 5 when a lookup failed. */
export function preflightExitCode(report: {
  blockers: readonly unknown[];
  incomplete: readonly unknown[];
}): number {
  if (report.blockers.length > 0) return ExitCode.blockers;
  return report.incomplete.length > 0 ? ExitCode.incomplete : ExitCode.ok;
}

export function scanExitCode(report: { incomplete: readonly unknown[] }): number {
  return report.incomplete.length > 0 ? ExitCode.incomplete : ExitCode.ok;
}
