/**
 * `npx stateward …` works (issue 18), for real, with the npm on this machine: from a clone after
 * `npm ci && npm run build` (npm exec runs the project's own bin), and from the package as the
 * registry would serve it — `npm pack` (its `prepack` builds dist/ afresh) → installed into an empty
 * project → `npx stateward` there, with the examples/ and web/ files the CLI reads at run time.
 * Slow by design: a clean build, a pack and an install (dependencies from npm's cache, or the registry).
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../helpers.js";

const VERSION = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string })
  .version;
const work = tempDir();
const started: ChildProcess[] = [];

afterAll(() => {
  // npx runs the CLI as its child: stop the whole process group each was started in.
  for (const child of started) {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  }
  rmSync(work, { recursive: true, force: true });
});

/** PATH without any node_modules/.bin (`npm run` puts the project's on it): stateward is not on it. */
function plainEnv(extra: Record<string, string> = {}): Record<string, string> {
  const PATH = (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((dir) => !dir.includes(`node_modules${path.sep}.bin`))
    .join(path.delimiter);
  return { PATH, HOME: process.env.HOME ?? work, ...extra };
}

function run(
  command: string,
  args: string[],
  cwd: string,
  env = plainEnv(),
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, encoding: "utf8", maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts a long-running command and resolves with its output once `ready` matches it. */
function serve(args: string[], cwd: string, env: Record<string, string>, ready: RegExp): Promise<string> {
  const child = spawn("npx", args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  started.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    const onData = (chunk: Buffer) => {
      out += chunk.toString("utf8");
      if (ready.test(out)) resolve(out);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`npx ${args.join(" ")} exited (${code}):\n${out}`)));
  });
}

describe("npx stateward", () => {
  it("runs the clone's own CLI after npm ci && npm run build, from the root and from a sub-folder", async () => {
    const version = await run("npx", ["stateward", "--version"], ROOT);
    expect(version.stdout.trim()).toBe(VERSION);
    expect((await run("npx", ["stateward", "--version"], path.join(ROOT, "src"))).stdout.trim()).toBe(
      VERSION,
    );
    const show = await run("npx", ["stateward", "state", "show", "examples/stuck-deploy.json"], ROOT);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain("organization/acme/dev");
  });

  it("runs from the packed package installed in an empty project, with examples/ and web/", async () => {
    // A copy of what the package is built from, so prepack's clean build never touches this tree's dist/.
    const source = path.join(work, "source");
    mkdirSync(source);
    for (const name of [
      "package.json",
      "README.md",
      "tsconfig.json",
      "tsconfig.build.json",
      "scripts",
      "src",
      "examples",
      "web",
    ])
      cpSync(path.join(ROOT, name), path.join(source, name), { recursive: true });
    symlinkSync(path.join(ROOT, "node_modules"), path.join(source, "node_modules"), "dir");
    const pack = await run("npm", ["pack", "--json", "--pack-destination", work], source);
    expect(pack.code, pack.stderr).toBe(0);
    const [packed] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf("["))) as {
      filename: string;
      files: { path: string }[];
    }[];
    const files = packed!.files.map((f) => f.path);
    for (const needed of [
      "dist/cli/main.cjs",
      "dist/cli/main.js",
      "dist/index.js",
      "dist/index.d.ts",
      "examples/stuck-deploy.json",
      "examples/deploy-failed.log",
      "web/index.html",
      "README.md",
    ])
      expect(files).toContain(needed);
    // prepack builds from src/ alone: nothing in dist/ without its source (a stale build is not shipped).
    const built = new Set(files.filter((f) => f.startsWith("dist/") && f.endsWith(".js")));
    const sources = new Set(listTs(path.join(source, "src")).map((f) => `dist/${f.replace(/\.ts$/, ".js")}`));
    expect([...built].filter((f) => !sources.has(f))).toEqual([]);

    const project = path.join(work, "project");
    mkdirSync(project);
    writeFileSync(
      path.join(project, "package.json"),
      JSON.stringify({ name: "try-stateward", private: true }),
    );
    const install = await run(
      "npm",
      ["install", path.join(work, packed!.filename), "--prefer-offline", "--no-audit", "--no-fund"],
      project,
    );
    expect(install.code, install.stderr).toBe(0);

    const version = await run("npx", ["stateward", "--version"], project);
    expect(version.stdout.trim()).toBe(VERSION);
    const example = path.join("node_modules", "stateward", "examples", "stuck-deploy.json");
    const show = await run("npx", ["stateward", "state", "show", example], project);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain("organization/acme/dev");
    // The AWS SDK and the local cloud from the installed dependencies: dev's pending create is a blocker.
    const doctor = await run(
      "npx",
      ["stateward", "sandbox", "--port", "0", "--exec", "doctor --app acme --stage dev --json"],
      project,
    );
    expect(doctor.code, doctor.stderr).toBe(3);
    expect(doctor.stdout).toContain('"pending-create"');

    // The ui page comes from the package's web/, not the placeholder shown without it.
    const sandbox = await serve(["stateward", "sandbox", "--port", "0"], project, plainEnv(), /Ctrl-C/);
    const exports = Object.fromEntries(
      [...sandbox.matchAll(/export (\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]),
    );
    const ui = await serve(
      ["stateward", "ui", "--app", "acme", "--stage", "dev"],
      project,
      plainEnv(exports),
      /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/,
    );
    const url = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(ui)![0];
    // The address trades its token for a cookie, then the page.
    const entry = await fetch(url, { redirect: "manual" });
    expect(entry.status).toBe(302);
    const cookie = (entry.headers.get("set-cookie") ?? "").split(";")[0]!;
    const page = await fetch(new URL("/", url), { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('src="/assets/app.js"');
  }, 600_000);
});

function listTs(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? listTs(path.join(dir, e.name), `${prefix}${e.name}/`)
      : e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")
        ? [`${prefix}${e.name}`]
        : [],
  );
}
