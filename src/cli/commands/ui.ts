/** `ui`: a local web page of the app's stages (src/ui/server.ts), on 127.0.0.1, until Ctrl-C. */
import type { Command } from "commander";
import { getLang, t } from "../../i18n/index.js";
import { CANCELLED_EXIT } from "../exit-codes.js";
import { integerOption, jsonOption, stageOptions, type StageFlags } from "../options.js";
import type { Run } from "../run.js";
import { nodeChildProcess } from "../../util/lazy-require.js";

type UiFlags = StageFlags & { allStages?: boolean; port: string; open?: boolean };

export function registerUi(program: Command, run: Run): void {
  stageOptions(program.command("ui").description(t("ui.cli.description")))
    .option("--all-stages", t("ui.cli.opt.all-stages"))
    .option("--port <n>", t("ui.cli.opt.port"), "0")
    .option("--open", t("ui.cli.opt.open"))
    .addOption(jsonOption())
    .action(async (opts: UiFlags) => {
      const port = integerOption("--port", opts.port, 0, 65535);
      // Listen for Ctrl-C / SIGTERM from the start, so a stop while the stages are read still ends cleanly.
      // i18n-exempt: an internal value, never printed
      const stopped = run.io.untilStopped?.() ?? Promise.resolve("no stop signal");
      // Ctrl-C while the stages are read stops that reading too.
      const stop = new AbortController();
      void stopped.then(() => stop.abort());
      const { startUi } = await import("../../ui/server.js");
      const ui = await startUi({
        signal: stop.signal,
        app: opts.app,
        stage: opts.stage,
        region: opts.region,
        profile: opts.profile,
        backend: opts.backend,
        allStages: opts.allStages === true || opts.stage === undefined,
        env: run.io.env,
        cwd: run.io.cwd ?? process.cwd(),
        lang: getLang(),
        port,
        ...(run.timeoutMs === undefined ? {} : { timeoutMs: run.timeoutMs }),
      }).catch((e: unknown) => {
        if (!stop.signal.aborted) throw e;
        return undefined;
      });
      if (ui === undefined) {
        run.io.stderr.write(`${t("ui.cli.stopped")}\n`);
        run.exitCode = CANCELLED_EXIT;
        return;
      }
      try {
        // The one line that shows the token: the address to open.
        if (opts.json === true)
          run.io.stdout.write(JSON.stringify({ url: ui.url, port: ui.port, token: ui.token }) + "\n");
        else
          run.io.stdout.write(
            `${t("ui.cli.listening", { app: ui.app, url: ui.url })}\n${t("ui.cli.listening-hint")}\n`,
          );
        if (opts.open === true) await openBrowser(ui.url, run);
        await stopped;
        run.io.stderr.write(`${t("ui.cli.stopped")}\n`);
        run.exitCode = CANCELLED_EXIT;
      } finally {
        await ui.close();
      }
    });
}

/** Opens the address in the default browser; a failure is a note, never the command's failure. */
async function openBrowser(url: string, run: Run): Promise<void> {
  const { spawn } = nodeChildProcess();
  const [command, args] =
    process.platform === "darwin"
      ? ["open", [url]]
      : process.platform === "win32"
        ? ["cmd", ["/c", "start", '""', url]]
        : ["xdg-open", [url]];
  await new Promise<void>((resolve) => {
    const note = (message: string) => {
      run.io.stderr.write(`${t("ui.cli.open-failed", { message })}\n`);
      resolve();
    };
    try {
      const child = spawn(command, args, { stdio: "ignore", detached: true });
      child.once("error", (e) => note(e.message));
      child.once("spawn", () => {
        child.unref();
        resolve();
      });
    } catch (e) {
      note(e instanceof Error ? e.message : String(e));
    }
  });
}
