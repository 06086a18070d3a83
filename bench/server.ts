/** Starts `stateward sandbox` (built CLI) in its own process, as a user runs it. */
import { spawn } from "node:child_process";
import path from "node:path";

export function startServer(scenario = "empty"): Promise<{ endpoint: string; stop: () => void }> {
  const child = spawn(process.execPath, [
    path.resolve("dist/cli/main.js"),
    "sandbox",
    "--port",
    "0",
    "--scenario",
    scenario,
    "--json",
  ]);
  let out = "";
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`stateward sandbox exited (${String(code)})`)));
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      try {
        const { endpoint } = JSON.parse(out) as { endpoint: string };
        resolve({ endpoint, stop: () => child.kill("SIGTERM") });
      } catch {
        // the document is not complete yet
      }
    });
  });
}
