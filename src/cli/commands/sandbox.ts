/** `sandbox`: the local AWS-compatible cloud, seeded with a broken SST app. */
import { getLang, t } from "../../i18n/index.js";
import { splitWords } from "../words.js";
import { Help, Option, type Command } from "commander";
import { SCENARIOS, type ScenarioName } from "../../actions/sandbox-options.js";
import type { RunningSandbox } from "../../actions/sandbox.js";
import type { CliIO } from "../io.js";
import { CANCELLED_EXIT, usageError } from "../exit-codes.js";
import { accountOption, integerOption, jsonOption, type CommonOptions } from "../options.js";
import type { Run } from "../run.js";

type SandboxFlags = CommonOptions & {
  port: string;
  scenario: ScenarioName;
  data?: string;
  account: string;
  deployDelay: string;
  exec?: string;
  tls?: boolean;
};

/** The CLI itself, for --exec (passed in: program.ts assembles this command). */
type RunCli = (argv: readonly string[], io: CliIO) => Promise<number>;

export function registerSandbox(program: Command, run: Run, runCli: RunCli): void {
  const sandbox = program
    .command("sandbox")
    .description(t("sandbox.cli.description"))
    .option("--port <n>", t("sandbox.cli.opt.port"), "4599")
    .addOption(
      new Option("--scenario <name>", t("sandbox.cli.opt.scenario")).choices([...SCENARIOS]).default("acme"),
    )
    .option("--data <dir>", t("sandbox.cli.opt.data"))
    .option("--account <id>", t("sandbox.cli.opt.account"), "123456789012")
    .option("--tls", t("sandbox.cli.opt.tls"))
    .option("--deploy-delay <ms>", t("sandbox.cli.opt.deploy-delay"), "2000")
    .option("--exec <command>", t("sandbox.cli.opt.exec"))
    .addOption(jsonOption())
    .action(async (opts: SandboxFlags) => {
      // Listen for Ctrl-C / SIGTERM from the start, so a stop during seeding still shuts down cleanly.
      // i18n-exempt: an internal value, never printed
      const stopped = run.io.untilStopped?.() ?? Promise.resolve("no stop signal");
      // Loaded on demand: the sandbox pulls in the AWS SDK, which every other command would pay for.
      const { startSandbox } = await import("../../actions/sandbox.js");
      const running = await startSandbox({
        port: integerOption("--port", opts.port, 0, 65535),
        scenario: opts.scenario,
        dataDir: opts.data,
        accountId: accountOption(opts.account),
        deployDelayMs: integerOption("--deploy-delay", opts.deployDelay, 0, 3_600_000),
        tls: opts.tls === true || opts.scenario === "typical-app",
      });
      try {
        if (opts.exec === undefined) return await serve(run, running, opts, stopped);
        const args = execArgs(opts.exec);
        const banner = t("sandbox.cli.exec-banner", {
          endpoint: running.endpoint,
          scenario: opts.scenario,
          command: args.join(" "),
        });
        run.io.stderr.write(`${banner}\n\n`);
        run.exitCode = await runCli(execArgv(run, opts, args), {
          ...run.io,
          env: { ...run.io.env, ...running.env },
        });
      } finally {
        await running.server.stop();
      }
    });
  registerReset(sandbox, run);
}

/** `sandbox reset`: the running local cloud back to its scenario (or, with --empty, emptied). */
function registerReset(sandbox: Command, run: Run): void {
  const reset = sandbox.command("reset");
  // Its help lists stateward's global options, not sandbox's own (--port, --exec… mean nothing here).
  reset.configureHelp({
    ...reset.configureHelp(),
    visibleGlobalOptions(this: Help, cmd: Command) {
      return Help.prototype.visibleGlobalOptions.call(this, cmd).filter((o) => !sandbox.options.includes(o));
    },
  });
  reset
    .description(t("sandbox.reset.description"))
    .option("--endpoint <url>", t("sandbox.reset.opt.endpoint"))
    .option("--empty", t("sandbox.reset.opt.empty"))
    .addOption(jsonOption())
    .action(async (_: unknown, command: Command) => {
      // With the options `sandbox` itself takes (its --json too: commander gives it the parent's).
      const opts = command.optsWithGlobals<CommonOptions & { endpoint?: string; empty?: boolean }>();
      const { resetSandbox, sandboxEndpoint } = await import("../../actions/sandbox-reset.js");
      const endpoint = sandboxEndpoint(opts.endpoint, run.io.env);
      const report = await resetSandbox(endpoint, {
        ...(opts.empty === true ? { empty: true } : {}),
        ...(run.io.env.AWS_CA_BUNDLE === undefined ? {} : { caBundle: run.io.env.AWS_CA_BUNDLE }),
      });
      run.emit(opts, report, (r) =>
        r.scenario === null
          ? t("sandbox.reset.emptied", { endpoint: r.endpoint })
          : t("sandbox.reset.reseeded", { endpoint: r.endpoint, scenario: r.scenario }),
      );
    });
}

/** Without --exec: print how to reach the local cloud, and run until stopped. */
async function serve(run: Run, running: RunningSandbox, opts: SandboxFlags, stopped: Promise<string>) {
  const { describeSandbox } = await import("../../actions/sandbox.js");
  const { renderSandbox } = await import("../../report/sandbox.js");
  run.emit(opts, describeSandbox(running), renderSandbox);
  await stopped;
  // Stopped by Ctrl-C or SIGTERM, as `ui` is: one line, and the exit code of an interrupted run.
  run.io.stderr.write(`${t("sandbox.cli.stopped")}\n`);
  run.exitCode = CANCELLED_EXIT;
}

/**
 * The command line --exec runs: the command, with what was said to `sandbox` itself passed on unless the
 * command says otherwise — the language (`--lang zh sandbox --exec …`), --no-color, --debug, --timeout,
 * and sandbox's --json (the command's one document; put before a `--`, after which guard's command
 * starts).
 */
function execArgv(run: Run, opts: SandboxFlags, args: string[]): string[] {
  const names = (flag: string) => {
    const end = args.indexOf("--");
    return (end < 0 ? args : args.slice(0, end)).some((a) => a === flag || a.startsWith(`${flag}=`));
  };
  const globals = [
    ...(names("--lang") ? [] : ["--lang", getLang()]),
    ...(opts.color === false && !names("--no-color") ? ["--no-color"] : []),
    ...(run.debug && !names("--debug") ? ["--debug"] : []),
    ...(run.timeoutMs !== undefined && !names("--timeout") ? ["--timeout", `${run.timeoutMs}ms`] : []),
  ];
  if (opts.json !== true || names("--json")) return [...globals, ...args];
  const end = args.indexOf("--");
  return end < 0
    ? [...globals, ...args, "--json"]
    : [...globals, ...args.slice(0, end), "--json", ...args.slice(end)];
}

/** --exec: the stateward command to run against the local cloud (any but sandbox itself). */
function execArgs(exec: string): string[] {
  const args = splitWords(exec);
  if (args === undefined) throw usageError(t("sandbox.cli.exec-quote", { exec }));
  if (args[0] === "sandbox" || args.length === 0) {
    throw usageError(t("sandbox.cli.exec-invalid", { exec }));
  }
  return args;
}
