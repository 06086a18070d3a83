/** Options shared by several commands, and the checks of their values. */
import { Option, type Command } from "commander";
import type { StageOptions } from "../backends/resolve.js";
import { usageError } from "./exit-codes.js";

export interface CommonOptions {
  json?: boolean;
  color?: boolean;
}

export type StageFlags = CommonOptions & StageOptions;

/** --yes and --dry-run, as the commands that write take them. */
export interface WriteFlags {
  yes?: boolean;
  dryRun?: boolean;
}

/** --confirm and --confirm-protected (confirmOptions). */
export interface ConfirmFlags {
  confirm?: string[];
  confirmProtected?: boolean;
}

/** --app --stage --region --profile --backend: which stage, where. */
export function stageOptions(cmd: Command): Command {
  return cmd
    .option("--app <name>", "SST app (Pulumi project for DIY); default: the name in sst.config.ts")
    .option("--stage <name>", "stage (Pulumi stack for DIY); default: SST_STAGE or .sst/stage")
    .option(
      "--region <region>",
      "AWS region of the SST home; default: providers.aws.region, AWS_REGION, the profile's, us-east-1",
    )
    .option("--profile <name>", "AWS profile; default: AWS_PROFILE, then providers.aws.profile")
    .option(
      "--backend <url>",
      "sst (the SST home; default inside an SST project), file://<dir> or s3://<bucket>[/<prefix>] (Pulumi DIY; default PULUMI_BACKEND_URL)",
    );
}

/** `--confirm <stage>`, once per stage whose resources may be deleted (repeatable). */
export function confirmOptions(cmd: Command): Command {
  return cmd
    .option(
      "--confirm <stage>",
      "a stage whose resources this run may delete, named in advance (once per stage; needed off a terminal)",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      "--confirm-protected",
      "also allow deletions in protected stages (prod*, production, `protect` in sst.config.ts, STATEWARD_PROTECTED_STAGES)",
    );
}

export function jsonOption(): Option {
  return new Option("--json", "print exactly one JSON document on stdout (errors included)");
}

export function hasStageFlags(opts: StageOptions): boolean {
  return [opts.app, opts.stage, opts.region, opts.profile, opts.backend].some((v) => v !== undefined);
}

/** `state show|verify|repair` take either a file or a stage, not both. */
export function fileOrStage(file: string | undefined, opts: StageOptions): "file" | "stage" {
  if (file !== undefined && hasStageFlags(opts)) {
    throw usageError(`Give either a state file ("${file}") or --app/--stage/--backend, not both.`);
  }
  return file === undefined ? "stage" : "file";
}

export function integerOption(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw usageError(`${flag} must be a whole number from ${min} to ${max}, not "${value}".`);
  }
  return n;
}

export function accountOption(value: string): string {
  if (!/^\d{12}$/.test(value)) {
    throw usageError(`--account must be a 12-digit AWS account id, not "${value}".`);
  }
  return value;
}
