/**
 * `stateward ui` as a user runs it (the built binary): the one line it prints, the server it starts,
 * SIGTERM stopping it with exit 130 and one "stopped" line, a port in use as a clear error (exit 1),
 * and its help in both languages.
 */
import { spawn } from "node:child_process";
import { request } from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";
import { BIN, ROOT, bin, tempDir } from "../helpers.js";

const sandbox = useSandbox();
const env = () => ({
  PATH: process.env.PATH ?? "",
  ...sandboxEnv(sandbox, { STATEWARD_CACHE_DIR: tempDir() }),
});

beforeAll(async () => {
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
}, 30_000);

/** Starts `stateward <args>`; resolves with its first line of stdout, and a way to stop it. */
function start(args: string[], extra: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...env(), ...extra } });
  let stdout = "";
  let stderr = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
      if (stdout.includes("\n")) resolve(stdout.split("\n")[0]!);
    });
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    void exited.then((code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  return { child, firstLine, exited, output: () => ({ stdout, stderr }) };
}

function get(port: number, target: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(
      { host: "127.0.0.1", port, path: target, headers: { Authorization: `Bearer ${token}` } },
      (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode!, body }));
      },
    )
      .on("error", reject)
      .end();
  });
}

describe("stateward ui (the command)", () => {
  const blocker = net.createServer();
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it("--json prints one line {url, port, token}; the server answers; SIGTERM stops it: exit 130, one line", async () => {
    const run = start(["ui", "--app", "acme", "--json"]);
    const line = JSON.parse(await run.firstLine) as { url: string; port: number; token: string };
    expect(Object.keys(line).sort()).toEqual(["port", "token", "url"]);
    expect(line.url).toBe(`http://127.0.0.1:${line.port}/?token=${line.token}`);
    const session = await get(line.port, "/api/session", line.token);
    expect(session.status).toBe(200);
    expect((JSON.parse(session.body) as { app: string }).app).toBe("acme");
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(130);
    const { stdout, stderr } = run.output();
    expect(stdout.trim().split("\n")).toHaveLength(1);
    expect(stderr).toBe("stateward ui stopped\n");
    // The token is printed in that one line only, never on stderr.
    expect(stdout).toBe(`${await run.firstLine}\n`);
    expect(stderr).not.toContain(line.token);
  });

  it("without --json: the address line and a hint; the stage named is the page's focus", async () => {
    const run = start(["ui", "--app", "acme", "--stage", "staging"]);
    const first = await run.firstLine;
    const url = /(http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))/.exec(first);
    expect(url, first).not.toBeNull();
    const session = await get(Number(url![2]), "/api/session", url![3]!);
    expect((JSON.parse(session.body) as { focus: string }).focus).toBe("staging");
    run.child.kill("SIGINT");
    expect(await run.exited).toBe(130);
  });

  it("a port in use is a clear error, exit 1", async () => {
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", () => resolve()));
    const port = (blocker.address() as net.AddressInfo).port;
    const r = await bin(["ui", "--app", "acme", "--port", String(port), "--json"], { env: env() });
    expect(r.code).toBe(1);
    const { error } = JSON.parse(r.stdout) as { error: { code: string; message: string; hint: string } };
    expect(Object.keys(error).sort()).toEqual(["code", "hint", "message"]);
    expect(error.code).toBe("PORT_IN_USE");
    expect(error.message).toContain(String(port));
    const human = await bin(["ui", "--app", "acme", "--port", String(port)], { env: env() });
    expect(human.code).toBe(1);
    expect(human.stderr).toContain(`${port}`);
    expect(human.stderr).not.toContain("    at ");
  });

  it("--lang zh: the page's messages in Chinese; --open without a browser is a note, not a failure", async () => {
    // No xdg-open (nor open, nor start) on this PATH: opening fails, the server stays up.
    const run = start(["--lang", "zh", "ui", "--app", "acme", "--json", "--open"], { PATH: tempDir() });
    const line = JSON.parse(await run.firstLine) as { port: number; token: string };
    const session = JSON.parse((await get(line.port, "/api/session", line.token)).body) as {
      lang: string;
      messages: Record<string, string>;
    };
    expect(session.lang).toBe("zh");
    expect(session.messages["ui.cli.stopped"]).toMatch(/[\u4e00-\u9fff]/);
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(130);
    const { stderr } = run.output();
    if (process.platform === "linux") expect(stderr.split("\n")[0]).toMatch(/^提示：/);
    expect(stderr).not.toContain(line.token);
  });

  it("Ctrl-C while the stages are read stops the start: exit 130, one line, no address", async () => {
    const url = sandbox.server().url;
    const faults = (config: unknown) =>
      fetch(`${url}/_sandbox/faults`, { method: "PUT", body: JSON.stringify(config) });
    await fetch(`${url}/_sandbox/requests`, { method: "DELETE" });
    // Every call of the cloud now takes 20 s: the start is still reading when the signal comes.
    await faults({ rules: [{ latencyMs: 20_000 }] });
    try {
      const run = start(["ui", "--app", "acme", "--json"]);
      // It never prints a line: that promise ends with the exit.
      run.firstLine.catch(() => undefined);
      // Once the sandbox has seen a call, the command is past installing its Ctrl-C handler.
      for (let seen = 0; seen === 0;) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        seen = ((await (await fetch(`${url}/_sandbox/requests`)).json()) as { total: number }).total;
      }
      run.child.kill("SIGINT");
      expect(await run.exited).toBe(130);
      expect(run.output().stdout).toBe("");
      expect(run.output().stderr).toBe("stateward ui stopped\n");
    } finally {
      await faults({ rules: [] });
    }
  });

  it("a stage to focus on that does not exist is the CLI's unknown-stage error, before any server", async () => {
    const r = await bin(["ui", "--app", "acme", "--stage", "nope", "--json"], { env: env() });
    const doctor = await bin(["doctor", "--app", "acme", "--stage", "nope", "--json"], { env: env() });
    expect(r.code).toBe(doctor.code);
    expect(r.code).not.toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(doctor.stdout));
  });

  it("--help in English and Chinese", async () => {
    const en = await bin(["ui", "--help"]);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain("127.0.0.1");
    expect(en.stdout).toContain("--port");
    const zh = await bin(["--lang", "zh", "ui", "--help"]);
    expect(zh.stdout).toMatch(/[\u4e00-\u9fff]/);
    expect(zh.stdout).toContain("--open");
  });
});
