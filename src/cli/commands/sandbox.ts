/** `sandbox`: the local AWS-compatible cloud, seeded with a broken SST app. */
import { Option, type Command } from "commander";
import { SCENARIOS, type ScenarioName } from "../../actions/sandbox-options.js";
import type { RunningSandbox } from "../../actions/sandbox.js";
import type { CliIO } from "../io.js";
import { usageError } from "../exit-codes.js";
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
  program
    .command("sandbox")
    .description(
      "start the local AWS-compatible cloud on 127.0.0.1 with a broken SST app `acme` in it (no AWS account needed), and print the environment that points stateward at it; runs until Ctrl-C",
    )
    .option("--port <n>", "port to listen on (0 picks a free one)", "4599")
    .addOption(
      new Option(
        "--scenario <name>",
        "what to seed: acme (a small SST 3.x app broken in the guides' ways), typical-app (issue 15's typical SST 4.x app: a healthy stage `production` and a stage `staging` broken twenty ways), or empty",
      )
        .choices([...SCENARIOS])
        .default("acme"),
    )
    .option(
      "--data <dir>",
      "keep the cloud's contents in this directory across restarts (seeded only when empty)",
    )
    .option("--account <id>", "the AWS account id every caller belongs to", "123456789012")
    .option(
      "--tls",
      "serve HTTPS with a self-signed certificate; the printed environment names it in AWS_CA_BUNDLE (the typical-app scenario always does: SST's buckets refuse requests not over TLS)",
    )
    .option("--deploy-delay <ms>", "how long a CloudFront change stays InProgress", "2000")
    .option(
      "--exec <command>",
      'run one stateward command against the local cloud, print its output, stop, and exit with its code (e.g. --exec "doctor --app acme --stage dev --all-stages")',
    )
    .addOption(jsonOption())
    .action(async (opts: SandboxFlags) => {
      // Listen for Ctrl-C / SIGTERM from the start, so a stop during seeding still shuts down cleanly.
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
        run.io.stderr.write(
          `Local cloud on ${running.endpoint}, seeded with "${opts.scenario}" (no AWS account involved). Running: stateward ${args.join(" ")}\n\n`,
        );
        run.exitCode = await runCli(args, { ...run.io, env: { ...run.io.env, ...running.env } });
      } finally {
        await running.server.stop();
      }
    });
}

/** Without --exec: print how to reach the local cloud, and run until stopped. */
async function serve(run: Run, running: RunningSandbox, opts: SandboxFlags, stopped: Promise<string>) {
  const { describeSandbox } = await import("../../actions/sandbox.js");
  const { renderSandbox } = await import("../../report/sandbox.js");
  run.emit(opts, describeSandbox(running), renderSandbox);
  await stopped;
}

/** --exec: the stateward command to run against the local cloud (any but sandbox itself). */
function execArgs(exec: string): string[] {
  const args = exec
    .trim()
    .split(/\s+/)
    .filter((a) => a !== "");
  if (args[0] === "sandbox" || args.length === 0) {
    throw usageError(`--exec needs a stateward command other than sandbox, not "${exec}".`);
  }
  return args;
}
