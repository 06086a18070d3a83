/**
 * Whether a command that takes a file or a stage (`state show|verify|repair`, `explain`) was pointed at
 * a stage. Apart from options.ts (which defines the options with commander) so these commands run
 * without loading commander (src/cli/direct.ts).
 */
import type { StageOptions } from "../backends/resolve.js";
import { t } from "../i18n/index.js";
import { usageError } from "./exit-codes.js";

export function hasStageFlags(opts: StageOptions): boolean {
  return [opts.app, opts.stage, opts.region, opts.profile, opts.backend].some((v) => v !== undefined);
}

/** `state show|verify|repair` take either a file or a stage, not both. */
export function fileOrStage(file: string | undefined, opts: StageOptions): "file" | "stage" {
  if (file !== undefined && hasStageFlags(opts)) {
    throw usageError(t("cli.usage.file-or-stage", { file }));
  }
  return file === undefined ? "stage" : "file";
}
