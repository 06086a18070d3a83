/**
 * Rough edges a new user hit on a first pass through the CLI (issue 18): each test names the command
 * that showed it.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Prompter } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/program.js";
import { tIn } from "../../src/i18n/index.js";
import { knownProfile } from "../../src/cloud/profiles.js";
import { KINDS } from "../../src/kinds/registry.js";
import { displayWidth } from "../../src/report/style.js";
import { TIME_PATTERN } from "../../src/report/time.js";
import { seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { ROOT, cli, tempDir } from "../helpers.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";

describe("scan progress on a terminal", () => {
  // `stateward scan` on a TTY printed "listing tagged SES identitys", "KMS aliass", "ECR repositorys".
  it("names each kind without making up an English plural", () => {
    for (const kind of KINDS) {
      const lines = [
        tIn("en", "cloud.discovery.listing-tagged", { found: 0, label: kind.label, region: "us-east-1" }),
        tIn("en", "cloud.discovery.call-tagged", { label: kind.label, region: "us-east-1" }),
        tIn("en", "cloud.discovery.listing-by-name", { found: 0, label: kind.label, region: "us-east-1" }),
      ];
      for (const line of lines) expect(line).toContain(`${kind.label} resources`);
    }
  });
});

describe("sandbox --exec passes on what was said to sandbox", () => {
  async function onTerminal(args: string[]) {
    let stdout = "";
    let stderr = "";
    const code = await runCli(args, {
      stdout: { write: (s: string) => (stdout += s), isTTY: true },
      stderr: { write: (s: string) => (stderr += s), isTTY: true },
      env: {},
      cwd: tmpdir(),
    });
    return { code, stdout, stderr };
  }
  const exec = ["sandbox", "--port", "0", "--exec", "lock status --app acme --stage staging"];
  /** `stateward sandbox --port 0 --json --exec <command>`: the command's one document on stdout. */
  const sandboxJson = (command: string) => cli(["sandbox", "--port", "0", "--json", "--exec", command]);

  // `stateward --no-color sandbox --exec "lock status …"` on a terminal printed colors.
  it("--no-color", async () => {
    const colored = await onTerminal(exec);
    expect(colored.stdout).toContain("\x1b[");
    const plain = await onTerminal(["--no-color", ...exec]);
    expect(plain.code).toBe(4);
    expect(plain.stdout).toContain("Locked");
    expect(plain.stdout).not.toContain("\x1b[");
  }, 60_000);

  // `stateward sandbox --json --exec "lock status …"` printed the human report.
  it("--json: the command's one document", async () => {
    const r = await sandboxJson("lock status --app acme --stage staging");
    expect(r.code).toBe(4);
    expect(JSON.parse(r.stdout)).toMatchObject({ app: "acme", stage: "staging", locked: true });
  }, 60_000);

  it("--json goes before guard's `--`, not to the command guarded", async () => {
    const r = await sandboxJson("guard --app acme --stage production --force --no-recheck -- node -e 0");
    expect(r.code, r.stderr).toBe(0); // the command's own exit code
    expect(JSON.parse(r.stdout)).toMatchObject({ command: ["node", "-e", "0"], ran: true, exitCode: 0 });
  }, 60_000);
});

describe("a file that is not what the command reads", () => {
  const dir = tempDir();
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const missing = path.join(dir, "nosuch.json");

  // `stateward apply nosuch.json` said "pass --yes"; with --yes it then said "(ENOENT)".
  it("apply reads the plan before asking for --yes, and says what is wrong in its own words", async () => {
    const cases: [string, RegExp][] = [
      [missing, /nosuch\.json does not exist/],
      [dir, /is a directory, not a repair plan/],
      [write("empty.json", ""), /is empty: there is no repair plan in it/],
      [write("text.txt", "hello\n"), /is not JSON: unexpected "h" at line 1, column 1/],
      [
        path.join(ROOT, "examples", "stuck-deploy.json"),
        /not a stateward repair plan: it has no "stateward"/,
      ],
      [
        write("v2.json", '{"stateward":"repair-plan","version":2}'),
        /of version 2; this stateward reads version 1/,
      ],
    ];
    for (const [file, message] of cases) {
      const r = await cli(["apply", file]);
      expect(r.code, file).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/ENOENT|EISDIR|Unexpected|Invalid input|--yes/);
    }
  });

  it("apply's complaint about a plan's field is in the catalog's words, in Chinese too", async () => {
    const file = write("bad.json", '{"stateward":"repair-plan","version":1,"app":3}');
    const r = await cli(["--lang", "zh", "apply", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("createdAt：应为 string");
    expect(r.stderr).not.toMatch(/Invalid input|expected/);
  });

  // `stateward explain <dir>` and `preflight --plan <dir>` said "is a directory, not a state file".
  it("explain and preflight name a log and a deploy plan, not a state file", async () => {
    const log = await cli(["explain", dir]);
    expect(log.code).toBe(1);
    expect(log.stderr).toContain("is a directory, not a log file");
    const noLog = await cli(["explain", missing]);
    expect(noLog.stderr).toContain("tee deploy.log");
    expect(noLog.stderr).not.toContain("state export");
    const plan = await cli(["preflight", "--plan", dir, "--app", "acme", "--stage", "pr-7"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain("is a directory, not a deploy plan");
    const noPlan = await cli(["preflight", "--plan", missing, "--app", "acme", "--stage", "pr-7"]);
    expect(noPlan.stderr).toContain("pulumi preview --json > plan.json");
  });
});

// `stateward sandbox --data /etc/passwd` crashed with a stack trace from a timer once it had started;
// a damaged sandbox.json was "a bug in stateward".
describe("sandbox --data that cannot keep the cloud", () => {
  it("is one paragraph and exit 1 before anything starts", async () => {
    const dir = tempDir();
    const file = path.join(dir, "a-file");
    writeFileSync(file, "x");
    const damaged = path.join(dir, "damaged");
    mkdirSync(damaged);
    writeFileSync(path.join(damaged, "sandbox.json"), "garbage");
    for (const [data, reason] of [
      [file, "it is a file, not a directory"],
      [damaged, 'its sandbox.json is not what a local cloud saves (unexpected "g" at line 1, column 1)'],
    ] as const) {
      const r = await cli([
        "sandbox",
        "--port",
        "0",
        "--data",
        data,
        "--exec",
        "lock status --app acme --stage dev",
      ]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        `error: --data ${data} cannot keep the local cloud: ${reason}.\n` +
          "Pass --data a directory of its own (it is made if missing), or leave --data out to keep nothing.\n",
      );
    }
  });
});

describe("on the local cloud", () => {
  const sandbox = useSandbox();
  const env = () => sandboxEnv(sandbox);
  beforeAll(async () => {
    await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
  }, 30_000);

  // `stateward doctor --app acmee --stage dev` named the SST home twice ("… the SST home … holds no
  // stages …") and never the app that is there.
  it("a mistyped --app names the apps the SST home holds, and the closest", async () => {
    const r = await cli(["doctor", "--app", "acmee", "--stage", "dev"], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("It holds no stage of app acmee. The apps there: acme. Did you mean acme?");
    expect(r.stderr.match(/s3:\/\/sst-state-acme0home1/g)).toHaveLength(1);
    expect(r.stderr).toContain("Pass --app acme");
    const all = await cli(["doctor", "--app", "acmee", "--all-stages", "--json"], env());
    const { error } = JSON.parse(all.stdout) as { error: { code: string; message: string; hint: string } };
    expect(error.code).toBe("NO_STAGES");
    expect(error.message).toContain("The apps there: acme. Did you mean acme?");
    expect(error.hint).toContain("--app acme");
  });

  // `stateward preflight --app nope --stage pr-7` looked nothing up and said "No planned name is taken."
  it("preflight that looked nothing up does not call the deploy's names free", async () => {
    const r = await cli(["preflight", "--app", "nope", "--stage", "pr-7"], env());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Nothing was looked up: no create could be predicted.");
    expect(r.stdout).not.toContain("No planned name is taken");
    expect(r.stdout).toContain(
      "App nope has no stage here at all: checked as the app's first deploy. The apps here: acme.",
    );
    const typo = await cli(["preflight", "--app", "acmee", "--stage", "pr-7", "--json"], env());
    expect(JSON.parse(typo.stdout)).toMatchObject({
      firstDeploy: { newApp: { apps: ["acme"], like: "acme" } },
    });
    const plan = path.join(tempDir(), "plan.json");
    writeFileSync(plan, '{"steps":[]}');
    const empty = await cli(["preflight", "--plan", plan, "--app", "acme", "--stage", "pr-7"], env());
    expect(empty.stdout).toContain("Nothing to look up: the plan creates nothing.");
  });

  // `stateward guard --force -- <a command that fails>` ran past doctor's blocker without a word, and
  // when the command failed with nothing stateward recognises, said nothing at all.
  it("guard says it runs despite blockers, and that a failure it cannot explain failed", async () => {
    const r = await cli(
      [
        "guard",
        "--app",
        "acme",
        "--stage",
        "production",
        "--force",
        "--no-recheck",
        "--",
        "node",
        "-e",
        "process.exit(2)",
      ],
      env(),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "stateward guard: running `node -e process.exit(2)` despite 1 blocker (--force).",
    );
    expect(r.stderr).toContain(
      "stateward guard: `node -e process.exit(2)` exited with 2; nothing in its output is a state problem stateward recognises.",
    );
  });

  // `stateward history show previous` said "deploy finished" where `history list` says "deploy ok"
  // (and the zh output kept the English "finished").
  it("history show words an update's outcome as history list does", async () => {
    const args = ["history", "show", "previous", "--app", "acme", "--stage", "production"];
    const en = await cli(args, env());
    expect(en.stdout).toMatch(/update +\w+ deploy ok, started/);
    const zh = await cli(["--lang", "zh", ...args], env());
    expect(zh.stdout).toMatch(/deploy 成功/);
    expect(zh.stdout).not.toContain("finished");
  });

  // `stateward fix --app acme --stage dev --dry-run` listed the adopt and passed over the five
  // deletions the plan holds (which need --allow-delete --confirm dev) without a word.
  it("fix says which of the plan's actions it left out, and why", async () => {
    const r = await cli(["fix", "--app", "acme", "--stage", "dev", "--dry-run", "--json"], env());
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { outcomes: { kind: string; result: string; detail: string }[] };
    const deletions = report.outcomes.filter((o) => o.kind === "delete-in-cloud");
    expect(deletions.length).toBeGreaterThan(0);
    for (const o of deletions) {
      expect(o.result).toBe("skipped");
      expect(o.detail).toContain("only with --allow-delete --confirm dev");
    }
  });

  // `stateward --lang zh lock status --backend s3://no-such-bucket …` said "错误：Reading s3://… 失败".
  it("a failed S3 call says what it was doing in the run's language", async () => {
    const args = ["lock", "status", "--backend", "s3://no-such-bucket", "--app", "acme", "--stage", "dev"];
    const zh = await cli(["--lang", "zh", ...args], env());
    expect(zh.code).toBe(1);
    expect(zh.stderr).toContain("读取 s3://no-such-bucket/");
    expect(zh.stderr).not.toMatch(/Reading|Listing/);
    expect((await cli(args, env())).stderr).toContain("error: Reading s3://no-such-bucket/");
  });

  // `stateward history restore` on a terminal: the picker's rows said "deploy finished" (English in zh
  // output too) where `history list` says "deploy ok".
  it("restore's picker words each update as history list does", async () => {
    const rows: string[] = [];
    const prompt: Prompter = {
      select: (_message, choices) => {
        rows.push(...choices.map((c) => c.name));
        return Promise.reject(Object.assign(new Error("stop"), { name: "ExitPromptError" }));
      },
      confirm: () => Promise.resolve(false),
    };
    const stage = ["--app", "acme", "--stage", "production"];
    await cli(["--lang", "zh", "history", "restore", ...stage], env(), { prompt });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toMatch(/deploy 成功/);
      expect(row).not.toContain("finished");
    }
  });

  // `names check`, `plan` and `cleanup` with --all-stages titled their report "…, stage dev" (the stage
  // that stands for the app), as if only dev was looked at; doctor and scan say the app alone.
  it("--all-stages reports name the app, not the stage standing for it", async () => {
    for (const args of [
      ["names", "check", "--all-stages"],
      ["plan", "--all-stages"],
      ["cleanup", "--all-stages", "--dry-run"],
      ["doctor", "--all-stages"],
    ]) {
      const r = await cli([...args, "--app", "acme"], env());
      const title = r.stdout.split("\n")[0]!;
      expect(title, args.join(" ")).toMatch(/app acme\b/);
      expect(title, args.join(" ")).not.toMatch(/stage dev/);
    }
  }, 60_000);

  // `stateward plan --out plan.json`: the file's createdAt carried milliseconds ("…T16:12:03.477Z"),
  // where `plan --json` (and every other time stateward prints) is to the second.
  it("plan --out writes createdAt in the one time form", async () => {
    const file = path.join(tempDir(), "plan.json");
    const r = await cli(["plan", "--app", "acme", "--stage", "dev", "--out", file], env());
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(readFileSync(file, "utf8")) as { createdAt: string };
    expect(plan.createdAt).toMatch(TIME_PATTERN);
  });

  // doctor's progress on an 80-column terminal: "0 found so far; listing tagged API Gateway custom
  // domain name resources in us-east-1…" wrapped, and "\r\x1b[2K" cleared only its last row.
  it("the progress line fits the terminal, so rewriting it leaves nothing behind", async () => {
    let stderr = "";
    await runCli(["doctor", "--app", "acme", "--stage", "dev"], {
      stdout: { write: () => true, isTTY: true },
      stderr: { write: (s: string) => (stderr += s), isTTY: true, columns: 60 },
      env: env(),
      cwd: tmpdir(),
    });
    const lines = stderr.split("\r\x1b[2K").filter((l) => l !== "");
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(displayWidth(line), line).toBeLessThan(60);
    expect(lines.some((l) => l.endsWith("…"))).toBe(true);
  }, 60_000);

  // `stateward history diff nosuch.json previous …` (a file mistyped) said only that the stage has no
  // version named "nosuch.json".
  it("history diff: a missing file is named as a missing file too", async () => {
    const r = await cli(
      ["history", "diff", "nosuch.json", "previous", "--app", "acme", "--stage", "production"],
      env(),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('has no version named "nosuch.json", and there is no file nosuch.json.');
  });

  // `stateward forget <the role deleted by hand>` without a flag named only --with-dependents, which
  // would remove the function too; doctor's own fix for a hand-deleted resource is --drop-references.
  it("forget's refusal names --drop-references, the fix for a resource deleted by hand", async () => {
    const urn = "urn:pulumi:staging::acme::sst:aws:Function$aws:iam/role:Role::ApiRole";
    const r = await cli(["forget", urn, "--app", "acme", "--stage", "staging", "--dry-run"], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("--with-dependents");
    expect(r.stderr).toContain("--drop-references");
  });

  // `--profile nope` (or AWS_PROFILE, or providers.aws.profile) naming a profile that is not configured
  // said "no AWS credentials were found. Set AWS_PROFILE (or --profile) to a configured profile".
  it("a named profile that is not configured is named, with the files looked in", async () => {
    const dir = tempDir();
    const files = {
      AWS_CONFIG_FILE: path.join(dir, "config"),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "credentials"),
    };
    writeFileSync(
      files.AWS_CONFIG_FILE,
      "[profile dev]\nregion = us-east-1\n\n[profile sso-only]\nsso_session = x\n",
    );
    writeFileSync(
      files.AWS_SHARED_CREDENTIALS_FILE,
      "[dev]\naws_access_key_id = AKIASANDBOXTEST\naws_secret_access_key = x\n",
    );
    const stage = ["lock", "status", "--app", "acme", "--stage", "dev"];
    const missing = await cli([...stage, "--profile", "nope"], { ...env(), ...files });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      `The AWS profile "nope" is not in ${files.AWS_CONFIG_FILE}, ${files.AWS_SHARED_CREDENTIALS_FILE}.`,
    );
    // A configured one passes (the SDK itself reads these files from the process environment).
    expect(knownProfile("dev", files)).toBe("dev");
    // …in either file: `[profile x]` in the config file alone names x too.
    expect(knownProfile("sso-only", files)).toBe("sso-only");
  });

  // `stateward guard --stage prod -- …` (production exists) guarded a "first deploy" of prod in silence.
  it("guard names the stage or app a stage with no state may be a typo of", async () => {
    const run = (app: string, stage: string) =>
      cli(["guard", "--app", app, "--stage", stage, "--no-recheck", "--", "node", "-e", "0"], env());
    const stage = await run("acme", "prod");
    expect(stage.code).toBe(0);
    expect(stage.stderr).toContain(
      "prod has no state yet (its first deploy): doctor has nothing to check. Did you mean production? Then pass --stage production.",
    );
    const app = await run("acmee", "dev");
    expect(app.stderr).toContain(
      "App acmee has no stage here at all; the apps here: acme. Did you mean acme? Then pass --app acme.",
    );
    // --json says it too, as preflight's JSON does; a stage with state has none.
    const json = (app: string, stage: string) =>
      cli(
        ["guard", "--app", app, "--stage", stage, "--no-recheck", "--json", "--", "node", "-e", "0"],
        env(),
      );
    const result = async (app: string, stage: string) =>
      JSON.parse((await json(app, stage)).stdout) as { firstDeploy?: unknown; before: unknown };
    expect((await result("acme", "prod")).firstDeploy).toEqual({ like: "production" });
    expect((await result("acmee", "dev")).firstDeploy).toEqual({ newApp: { apps: ["acme"], like: "acme" } });
    const existing = await result("acme", "production");
    expect(existing).toHaveProperty("before");
    expect(existing).not.toHaveProperty("firstDeploy");
  });

  // `stateward --lang zh history export --git …` listed (and committed) "deploy finished" in English.
  it("history export words each update as history list does", async () => {
    const dir = path.join(tempDir(), "history");
    const args = ["history", "export", "--git", dir, "--app", "acme", "--stage", "production", "--dry-run"];
    const zh = await cli(["--lang", "zh", ...args], env());
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stdout).toMatch(/deploy 成功（状态版本 \w+）/);
    expect(zh.stdout).not.toContain("finished");
    expect((await cli(args, env())).stdout).toMatch(/deploy ok \(state version \w+\)/);
  });

  // `--lang zh doctor --stage nope`: "（位于 us-east-1, 账户 123456789012）" — an English comma.
  it("the place a stage was looked for is punctuated in the run's language", async () => {
    const r = await cli(["--lang", "zh", "doctor", "--app", "acme", "--stage", "nope"], env());
    expect(r.stderr).toMatch(/（位于 us-east-1，账户 \d+）/);
    // …and no space between its closing parenthesis and the 中 after it ("…） 中不存在").
    expect(r.stderr).toMatch(/账户 \d+）中不存在：/);
    // The stages it lists are separated the Chinese way too (every list a message names: items()).
    expect(r.stderr).toContain("那里的阶段：dev，production，staging；");
  });

  // Ctrl-C during `stateward doctor` (or scan, lock status, …) said "Nothing more was written;
  // `stateward lock status` shows whether a lock was left." — of a command that never writes.
  it("Ctrl-C says what a write may have left only for a command that writes", async () => {
    /** The run, stopped (as by SIGINT) before its first AWS call answers. */
    const stopped = async (args: string[]) => {
      let stderr = "";
      const code = await runCli(args, {
        stdout: { write: () => true, isTTY: false },
        stderr: { write: (s: string) => (stderr += s), isTTY: false },
        env: env(),
        cwd: tmpdir(),
        untilStopped: () => Promise.resolve("SIGINT"),
      });
      return { code, stderr };
    };
    const stage = ["--app", "acme", "--stage", "dev"];
    const lockNote = "`stateward lock status` shows whether a lock was left";
    for (const args of [["doctor"], ["scan"], ["lock", "status"], ["history", "list"], ["state", "show"]]) {
      const r = await stopped([...args, ...stage]);
      expect(r.code, args.join(" ")).toBe(130);
      expect(r.stderr, args.join(" ")).toContain("was interrupted.");
      expect(r.stderr, args.join(" ")).toContain(
        "Stopped: this run does not write the stage (it only reads it, or is a dry run), so nothing there changed.",
      );
      expect(r.stderr, args.join(" ")).not.toContain(lockNote);
    }
    const urn = "urn:pulumi:staging::acme::sst:aws:Function$aws:iam/role:Role::ApiRole";
    for (const args of [
      ["history", "snapshot"],
      ["cleanup", "--yes"],
      ["lock", "release", "--yes"],
      ["forget", urn, "--drop-references", "--yes"],
    ]) {
      const r = await stopped([...args, ...stage]);
      expect(r.code, args.join(" ")).toBe(130);
      expect(r.stderr, args.join(" ")).toContain(lockNote);
    }
    // A dry run writes nothing: it is stopped as a read is — so is cleanup without --yes (it only plans).
    for (const args of [
      ["history", "snapshot", "--dry-run"],
      ["forget", urn, "--drop-references", "--dry-run"],
      ["cleanup", "--yes", "--dry-run"],
      ["cleanup"],
    ]) {
      const dry = await stopped([...args, ...stage]);
      expect(dry.code, args.join(" ")).toBe(130);
      expect(dry.stderr, args.join(" ")).toContain("(it only reads it, or is a dry run)");
      expect(dry.stderr, args.join(" ")).not.toContain(lockNote);
    }
  });

  // `stateward adopt … --retain-on-delete --dry-run` did not say the entry would be marked
  // retainOnDelete (and on a pending create the flag was dropped without a word).
  it("adopt --retain-on-delete --dry-run shows the mark, in text and --json", async () => {
    const adopt = (type: string, id: string, stage: string, ...more: string[]) =>
      cli(["adopt", type, id, "--app", "acme", "--stage", stage, "--dry-run", ...more], env());
    const table = [
      "aws:dynamodb/table:Table",
      "acme-production-SessionsTable-btvzwchr",
      "production",
    ] as const;
    const text = await adopt(...table, "--retain-on-delete");
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(
      "  marked retainOnDelete: removing it from the app, or the stage, leaves it in AWS",
    );
    const json = await adopt(...table, "--retain-on-delete", "--json");
    expect(JSON.parse(json.stdout)).toMatchObject({ from: "new-entry", retainOnDelete: true });
    const without = await adopt(...table, "--json");
    expect(JSON.parse(without.stdout)).not.toHaveProperty("retainOnDelete");
    expect((await adopt(...table)).stdout).not.toContain("retainOnDelete");
    const logGroup = "/aws/lambda/acme-dev-WorkerFunction-bcdwmsew";
    const pending = await adopt(
      "aws:cloudwatch/logGroup:LogGroup",
      logGroup,
      "dev",
      "--retain-on-delete",
      "--json",
    );
    expect(JSON.parse(pending.stdout)).toMatchObject({ from: "pending-create", retainOnDelete: true });
  });

  // `stateward history restore previous --dry-run` named what would be orphaned by a Route 53 record id
  // (Z…_status.acme.example_CNAME) and ARNs, where doctor names the same resources by type and name.
  it("restore's plan names what it would orphan by type and name, as doctor does", async () => {
    const r = await cli(
      ["history", "restore", "previous", "--app", "acme", "--stage", "production", "--dry-run"],
      env(),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("orphaned  aws:route53/record:Record  status.acme.example");
    expect(r.stdout).toContain("orphaned  aws:dynamodb/table:Table  acme-production-SessionsTable-");
    expect(r.stdout).not.toMatch(/orphaned {2}arn:/);
  });

  // `stateward history snapshot` printed "of state <S3 VersionId>" where `history list` shows the version
  // by its own id, and --json's "id" (without snapshot:) is no name `history show` takes.
  it("history snapshot names the snapshot and its version as history list and show do", async () => {
    const stage = ["--app", "acme", "--stage", "production"];
    const list = await cli(["history", "list", ...stage, "--json"], env());
    const current = (
      JSON.parse(list.stdout) as { versions: { id: string; current: boolean }[] }
    ).versions.find((v) => v.current)!;
    const dry = await cli(
      ["history", "snapshot", ...stage, "--note", "rough edges", "--dry-run", "--json"],
      env(),
    );
    expect(JSON.parse(dry.stdout)).toMatchObject({ version: current.id });
    const taken = await cli(["history", "snapshot", ...stage, "--note", "rough edges", "--json"], env());
    expect(taken.code, taken.stderr).toBe(0);
    const snap = JSON.parse(taken.stdout) as { ref: string; names: string[]; version: string };
    expect(snap.version).toBe(current.id);
    expect(snap.names).toEqual([snap.ref, "snapshot:rough edges"]);
    for (const name of snap.names) {
      const show = await cli(["history", "show", name, ...stage, "--json"], env());
      expect(show.code, name).toBe(0);
      expect((JSON.parse(show.stdout) as { version: { id: string } }).version.id).toBe(current.id);
    }
    const text = await cli(["history", "snapshot", ...stage, "--note", "rough edges"], env());
    expect(text.stdout).toMatch(/^ {2}name {8}snapshot:\w+, or 'snapshot:rough edges'$/m);
    expect(text.stdout).toContain(`  of version  ${current.id} (resources: `);
  });
});
