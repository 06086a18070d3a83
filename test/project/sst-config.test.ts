import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { StatewardError } from "../../src/errors.js";
import { defaultSstStage, findSstConfig, loadSstConfig } from "../../src/project/sst-config.js";

const EXAMPLE = `/// <reference path="./.sst/platform/config.d.ts" />
export default $config({
  app(input) {
    return {
      name: "acme",
      removal: input?.stage === "production" ? "retain" : "remove",
      protect: ["production"].includes(input?.stage),
      home: "aws",
      providers: { aws: { region: "eu-west-1", profile: input.stage === "production" ? "acme-prod" : "acme-dev" } },
    };
  },
  async run() {
    const table = new sst.aws.Dynamo("Sessions", { fields: { id: "string" }, primaryKey: { hashKey: "id" } });
    return { table: table.name };
  },
});
`;

/** A config whose app() returns `body` (an object literal or statements ending in a return). */
function config(appBody: string, options: { async?: boolean; prelude?: string } = {}): string {
  return `/// <reference path="./.sst/platform/config.d.ts" />
${options.prelude ?? ""}
export default $config({
  ${options.async ? "async " : ""}app(input) {
    ${appBody}
  },
  run() {
    // Never called; if it were, every test using this helper would time out.
    for (;;) {}
  },
});
`;
}

const dirs: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "stateward-"));
  dirs.push(dir);
  return dir;
}

async function project(source: string): Promise<string> {
  const dir = await tempDir();
  const file = path.join(dir, "sst.config.ts");
  await writeFile(file, source);
  return file;
}

/** The StatewardError that `promise` rejects with. */
async function failure(promise: Promise<unknown>): Promise<StatewardError> {
  const e: unknown = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(StatewardError);
  const error = e as StatewardError;
  expect(error.message).not.toMatch(/\n\s+at /);
  expect(error.hint).toBeTruthy();
  return error;
}

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe("loadSstConfig", () => {
  it("evaluates the example config for the dev stage", async () => {
    const file = await project(EXAMPLE);
    expect(await loadSstConfig(file, "dev", {})).toEqual({
      configPath: file,
      root: path.dirname(file),
      name: "acme",
      home: "aws",
      removal: "remove",
      region: "eu-west-1",
      profile: "acme-dev",
      awsProvider: true,
    });
  });

  it("evaluates the example config for the production stage", async () => {
    const file = await project(EXAMPLE);
    const app = await loadSstConfig(file, "production", {});
    expect(app).toMatchObject({ name: "acme", removal: "retain", region: "eu-west-1", profile: "acme-prod" });
  });

  it("resolves a relative config path", async () => {
    const file = await project(EXAMPLE);
    const relative = path.relative(process.cwd(), file);
    const app = await loadSstConfig(relative, "dev", {});
    expect(app.configPath).toBe(file);
    expect(app.root).toBe(path.dirname(file));
  });

  it("reads SST's protect for the stage (the deletion gate's protected stages)", async () => {
    const file = await project(
      config(`return { name: "a", home: "aws", protect: ["production", "qa"].includes(input.stage) };`),
    );
    expect((await loadSstConfig(file, "qa", {})).protect).toBe(true);
    expect((await loadSstConfig(file, "production", {})).protect).toBe(true);
    expect((await loadSstConfig(file, "dev", {})).protect).toBeUndefined();
    const truthy = await project(config(`return { name: "a", home: "aws", protect: "yes" };`));
    expect((await loadSstConfig(truthy, "dev", {})).protect).toBeUndefined();
  });

  it("accepts providers.aws: true", async () => {
    const file = await project(config(`return { name: "a", home: "aws", providers: { aws: true } };`));
    const app = await loadSstConfig(file, "dev", {});
    expect(app.awsProvider).toBe(true);
    expect(app.region).toBeUndefined();
    expect(app.profile).toBeUndefined();
    expect(app.removal).toBeUndefined();
  });

  it("accepts providers.aws as a version string", async () => {
    const file = await project(
      config(`return { name: "a", home: "aws", providers: { aws: "6.66.2", cloudflare: true } };`),
    );
    const app = await loadSstConfig(file, "dev", {});
    expect(app.awsProvider).toBe(true);
    expect(app.region).toBeUndefined();
  });

  it("reports no AWS provider when providers is absent or has no aws key", async () => {
    const none = await project(config(`return { name: "a", home: "local" };`));
    expect(await loadSstConfig(none, "dev", {})).toMatchObject({ home: "local", awsProvider: false });
    const other = await project(
      config(`return { name: "a", home: "cloudflare", providers: { cloudflare: true } };`),
    );
    expect(await loadSstConfig(other, "dev", {})).toMatchObject({ home: "cloudflare", awsProvider: false });
  });

  it("ignores an empty region or profile", async () => {
    const file = await project(
      config(`return { name: "a", home: "aws", providers: { aws: { region: "", profile: "" } } };`),
    );
    const app = await loadSstConfig(file, "dev", {});
    expect(app).not.toHaveProperty("region");
    expect(app).not.toHaveProperty("profile");
  });

  it("awaits an async app()", async () => {
    const file = await project(
      config(
        `const region = await Promise.resolve("ap-southeast-2");
    await null;
    return { name: "async-" + input.stage, home: "aws", providers: { aws: { region } } };`,
        { async: true },
      ),
    );
    expect(await loadSstConfig(file, "qa", {})).toMatchObject({ name: "async-qa", region: "ap-southeast-2" });
  });

  it("takes process.env from the env argument, not the real environment", async () => {
    const file = await project(
      config(
        `return { name: "env", home: "aws", providers: { aws: { region: process.env.STATEWARD_TEST_REGION, profile: process.env.HOME_PROFILE ?? "none" } } };`,
      ),
    );
    process.env.STATEWARD_TEST_REGION = "us-west-2";
    try {
      const app = await loadSstConfig(file, "dev", { STATEWARD_TEST_REGION: "eu-central-1" });
      expect(app.region).toBe("eu-central-1");
      expect(app.profile).toBe("none");
      const without = await loadSstConfig(file, "dev", {});
      expect(without.region).toBeUndefined();
    } finally {
      delete process.env.STATEWARD_TEST_REGION;
    }
  });

  it("does not let the config change the real environment", async () => {
    const file = await project(
      config(`process.env.STATEWARD_LEAK = "yes";
    return { name: "a", home: "aws" };`),
    );
    const env: NodeJS.ProcessEnv = {};
    await loadSstConfig(file, "dev", env);
    expect(process.env.STATEWARD_LEAK).toBeUndefined();
    expect(env.STATEWARD_LEAK).toBeUndefined();
  });

  it("keeps console output of the config quiet", async () => {
    const stdout = vi.spyOn(process.stdout, "write");
    const stderr = vi.spyOn(process.stderr, "write");
    const file = await project(
      config(
        `console.log("app says hi"); console.error("oops"); console.table([1]); console.group("g");
    return { name: "quiet", home: "aws" };`,
        { prelude: `console.log("top level says hi");` },
      ),
    );
    expect((await loadSstConfig(file, "dev", {})).name).toBe("quiet");
    expect(stdout).not.toHaveBeenCalled();
    expect(stderr).not.toHaveBeenCalled();
  });

  it("erases `import type` and unused imports, as SST's bundler does", async () => {
    const file = await project(
      config(`return { name: "typed", home: "aws" } satisfies Partial<Unused>;`, {
        prelude: `import type { Unused } from "./types";\nimport { helper } from "./helper";\ntype T = typeof helper;`,
      }),
    );
    expect((await loadSstConfig(file, "dev", {})).name).toBe("typed");
  });

  it("does not call run()", async () => {
    // run() loops forever in the helper's template; a call would surface as a timeout here.
    const file = await project(config(`return { name: "a", home: "aws" };`));
    await expect(loadSstConfig(file, "dev", {}, { timeoutMs: 500 })).resolves.toMatchObject({ name: "a" });
  });
});

describe("loadSstConfig errors", () => {
  it("reports a missing file", async () => {
    const dir = await tempDir();
    const e = await failure(loadSstConfig(path.join(dir, "sst.config.ts"), "dev", {}));
    expect(e.code).toBe("SST_CONFIG_READ");
    expect(e.message).toContain(path.join(dir, "sst.config.ts"));
  });

  it("reports a syntax error with its line", async () => {
    const file = await project(`export default $config({
  app(input) {
    return { name: "a", home: "aws" ;
  },
});
`);
    const e = await failure(loadSstConfig(file, "dev", {}));
    expect(e.code).toBe("SST_CONFIG_SYNTAX");
    expect(e.message).toContain(file);
    expect(e.message).toContain("line 3");
  });

  it("reports what app() threw", async () => {
    const file = await project(config(`throw new Error("no stage called " + input.stage);`));
    const e = await failure(loadSstConfig(file, "staging", {}));
    expect(e.code).toBe("SST_CONFIG_EVAL");
    expect(e.message).toContain(file);
    expect(e.message).toContain("no stage called staging");
    expect(e.hint).toBe("Pass --app and --region explicitly to skip reading sst.config.ts.");
  });

  it("reports a rejection from an async app() and a thrown non-Error", async () => {
    const rejected = await project(config(`await null; throw new TypeError("later");`, { async: true }));
    const e1 = await failure(loadSstConfig(rejected, "dev", {}));
    expect(e1.code).toBe("SST_CONFIG_EVAL");
    expect(e1.message).toContain("later");
    const thrownString = await project(config(`throw "just a string";`));
    const e2 = await failure(loadSstConfig(thrownString, "dev", {}));
    expect(e2.message).toContain("just a string");
  });

  it("refuses a top-level import and names the module", async () => {
    const file = await project(
      config(`return { name: fs.existsSync("x") ? "a" : "b", home: "aws" };`, {
        prelude: `import fs from "fs";`,
      }),
    );
    const e = await failure(loadSstConfig(file, "dev", {}));
    expect(e.code).toBe("SST_CONFIG_EVAL");
    expect(e.message).toContain('"fs"');
    expect(e.message).toContain("top level");
  });

  it("refuses a require() and a dynamic import inside app()", async () => {
    const required = await project(config(`require("child_process"); return { name: "a", home: "aws" };`));
    const e1 = await failure(loadSstConfig(required, "dev", {}));
    expect(e1.code).toBe("SST_CONFIG_EVAL");
    expect(e1.message).toContain('"child_process"');
    const dynamic = await project(
      config(`const os = await import("node:os"); return { name: os.hostname(), home: "aws" };`, {
        async: true,
      }),
    );
    const e2 = await failure(loadSstConfig(dynamic, "dev", {}));
    expect(e2.code).toBe("SST_CONFIG_EVAL");
    expect(e2.message).toContain('"node:os"');
  });

  it("times out an infinite loop in app()", async () => {
    const file = await project(config(`while (true) {}`));
    const started = Date.now();
    const e = await failure(loadSstConfig(file, "dev", {}, { timeoutMs: 200 }));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(e.code).toBe("SST_CONFIG_EVAL");
    expect(e.message).toContain("200 ms");
  });

  it("times out an infinite loop after an await in an async app()", async () => {
    const file = await project(config(`await null; for (;;) {}`, { async: true }));
    const e = await failure(loadSstConfig(file, "dev", {}, { timeoutMs: 200 }));
    expect(e.code).toBe("SST_CONFIG_EVAL");
    expect(e.message).toContain("200 ms");
  });

  it("reports an app() promise that never settles", async () => {
    const file = await project(
      config(`await new Promise(() => {}); return { name: "a", home: "aws" };`, { async: true }),
    );
    const e = await failure(loadSstConfig(file, "dev", {}));
    expect(e.code).toBe("SST_CONFIG_EVAL");
    expect(e.message).toContain("never settled");
  });

  it("requires a string name", async () => {
    const missing = await project(config(`return { home: "aws" };`));
    const e1 = await failure(loadSstConfig(missing, "dev", {}));
    expect(e1.code).toBe("SST_CONFIG_SHAPE");
    expect(e1.message).toContain("name");
    expect(e1.message).toContain(missing);
    const numeric = await project(config(`return { name: 42, home: "aws" };`));
    const e2 = await failure(loadSstConfig(numeric, "dev", {}));
    expect(e2.code).toBe("SST_CONFIG_SHAPE");
    expect(e2.message).toContain("number");
  });

  it("requires a string home", async () => {
    const file = await project(config(`return { name: "a" };`));
    const e = await failure(loadSstConfig(file, "dev", {}));
    expect(e.code).toBe("SST_CONFIG_SHAPE");
    expect(e.message).toContain("home");
  });

  it("requires app() to return an object", async () => {
    const file = await project(config(`return "acme";`));
    const e = await failure(loadSstConfig(file, "dev", {}));
    expect(e.code).toBe("SST_CONFIG_SHAPE");
    expect(e.message).toContain("string");
  });

  it("requires a default export of $config with an app function", async () => {
    const noDefault = await project(
      `export const x = $config({ app() { return { name: "a", home: "aws" }; } });\n`,
    );
    const e1 = await failure(loadSstConfig(noDefault, "dev", {}));
    expect(e1.code).toBe("SST_CONFIG_SHAPE");
    expect(e1.message).toContain("undefined");
    const noApp = await project(`export default $config({ async run() {} });\n`);
    const e2 = await failure(loadSstConfig(noApp, "dev", {}));
    expect(e2.code).toBe("SST_CONFIG_SHAPE");
    expect(e2.message).toContain("without an app() function");
  });
});

describe("findSstConfig", () => {
  it("walks up from a nested directory", async () => {
    const file = await project(EXAMPLE);
    const nested = path.join(path.dirname(file), "packages", "functions", "src");
    await mkdir(nested, { recursive: true });
    expect(await findSstConfig(nested)).toBe(file);
    expect(await findSstConfig(path.dirname(file))).toBe(file);
  });

  it("returns undefined when there is none up to the root", async () => {
    const dir = await tempDir();
    const nested = path.join(dir, "a", "b");
    await mkdir(nested, { recursive: true });
    // A directory with the name is not a config.
    await mkdir(path.join(dir, "a", "sst.config.ts"));
    // The temp dir lives under os.tmpdir(); that tree is assumed not to hold an sst.config.ts.
    expect(await findSstConfig(nested)).toBeUndefined();
  });
});

describe("defaultSstStage", () => {
  it("prefers SST_STAGE", async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, ".sst"));
    await writeFile(path.join(dir, ".sst", "stage"), "from-file\n");
    expect(await defaultSstStage(dir, { SST_STAGE: "from-env" })).toBe("from-env");
  });

  it("reads and trims .sst/stage", async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, ".sst"));
    await writeFile(path.join(dir, ".sst", "stage"), "  alice \n");
    expect(await defaultSstStage(dir, {})).toBe("alice");
    expect(await defaultSstStage(dir, { SST_STAGE: "" })).toBe("alice");
  });

  it("returns undefined without either", async () => {
    const dir = await tempDir();
    expect(await defaultSstStage(dir, {})).toBeUndefined();
    await mkdir(path.join(dir, ".sst"));
    await writeFile(path.join(dir, ".sst", "stage"), "\n");
    expect(await defaultSstStage(dir, {})).toBeUndefined();
  });
});
