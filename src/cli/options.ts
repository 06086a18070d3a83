/** Options shared by several commands, and the checks of their values. */
import { Option, type Command } from "commander";
import type { StageOptions } from "../backends/resolve.js";
import { t } from "../i18n/index.js";
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
    .option("--app <name>", t("cli.opt.app"))
    .option("--stage <name>", t("cli.opt.stage"))
    .option("--region <region>", t("cli.opt.region"))
    .option("--profile <name>", t("cli.opt.profile"))
    .option("--backend <url>", t("cli.opt.backend"));
}

/** `--confirm <stage>`, once per stage whose resources may be deleted (repeatable). */
export function confirmOptions(cmd: Command): Command {
  return cmd
    .option("--confirm <stage>", t("cli.opt.confirm"), (value: string, previous: string[] = []) => [
      ...previous,
      value,
    ])
    .option("--confirm-protected", t("cli.opt.confirm-protected"));
}

export function jsonOption(): Option {
  return new Option("--json", t("cli.opt.json"));
}

export function integerOption(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw usageError(t("cli.usage.integer", { flag, min, max, value }));
  }
  return n;
}

export function accountOption(value: string): string {
  if (!/^\d{12}$/.test(value)) {
    throw usageError(t("cli.usage.account", { value }));
  }
  return value;
}
