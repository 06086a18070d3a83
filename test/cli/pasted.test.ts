/**
 * Every command doctor (and explain) prints for the user to run works as pasted on a terminal (issue 12): on the
 * sandbox scenario, each finding's remedy — the command lines, and each alternative a comment offers
 * after a colon — is run as a person would (a terminal that says yes and types the stage name when
 * asked), each command must succeed, and afterwards doctor no longer reports that finding.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Prompter } from "../../src/cli/io.js";
import { seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { promises as fs } from "node:fs";
import path from "node:path";
import { cli, tempDir, type CliRun } from "../helpers.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";

const sandbox = useSandbox({ deployDelayMs: 200 });
const env = () => sandboxEnv(sandbox);

interface Finding {
  rule: string;
  stage: string;
  fix: string[];
}

/** A person at a terminal: yes to every question, the stage name when asked to type it. */
const person: Prompter = {
  select: (_m, choices) => Promise.resolve(choices[0]!.value),
  confirm: () => Promise.resolve(true),
  checkbox: (_m, choices) => Promise.resolve(choices.filter((c) => c.checked).map((c) => c.value)),
  text: (m) => Promise.resolve(/\(([^)]+)\)/.exec(m)?.[1] ?? ""),
};

/** Splits a command line as a POSIX shell would (plain words and single-quoted strings). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated quote in: ${line}`);
      word = (word ?? "") + line.slice(i + 1, end);
      i = end;
    } else if (ch === "\\" && i + 1 < line.length) {
      word = (word ?? "") + line[++i];
    } else if (/\s/.test(ch)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? "") + ch;
  }
  if (word !== undefined) words.push(word);
  return words;
}

/**
 * A finding's remedies: the command lines together, then each command a comment offers after a colon
 * (`# or …: stateward …`, several joined by "; "). Only stateward's own commands are run here.
 */
function remedies(fix: string[]): string[][] {
  const primary = fix.filter((l) => l.startsWith("stateward "));
  const alternatives = fix
    .filter((l) => l.startsWith("#") && /: stateward /.test(l))
    .map((l) =>
      l
        .slice(l.indexOf(": stateward ") + 2)
        .split("; ")
        .filter((c) => c.startsWith("stateward ")),
    );
  return [primary, ...alternatives].filter((r) => r.length > 0);
}

/** Commands that only read: the finding stays (they are advice), they must just succeed. */
const readOnly = (command: string) =>
  /^stateward (scan|names|history diff|history list|doctor)\b/.test(command);

async function findings(): Promise<Finding[]> {
  const r = await cli(["doctor", "--app", "acme", "--all-stages", "--json"], env());
  return (JSON.parse(r.stdout) as { findings: Finding[] }).findings;
}

async function run(command: string): Promise<CliRun> {
  return cli(shellWords(command).slice(1), env(), { prompt: person });
}

async function seed(): Promise<void> {
  sandbox.server().reset();
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
}

beforeEach(seed, 30_000);

describe("doctor's fix commands work as pasted", () => {
  it("every remedy of every finding on the scenario succeeds and the finding is gone after it", async () => {
    const initial = await findings();
    expect(initial.length).toBeGreaterThan(5);
    const tried: string[] = [];
    for (const first of initial) {
      for (let k = 0; k < remedies(first.fix).length; k++) {
        // A fresh scenario for each remedy; its ids (versions, zones) are new, so doctor is asked again.
        await seed();
        const now = await findings();
        const f = now.find((x) => x.rule === first.rule && x.stage === first.stage)!;
        const remedy = remedies(f.fix)[k]!;
        // A person releases a stale lock first: nothing can be written to the stage before that.
        const lock = now.find(
          (x) => x.rule === "stale-lock" && x.stage === f.stage && f.rule !== "stale-lock",
        );
        for (const command of lock === undefined ? [] : remedies(lock.fix)[0]!)
          expect((await run(command)).code).toBe(0);
        // CloudFront deletes finish over more than one pass: a person runs the cleanup again.
        for (let pass = 0; pass < 3; pass++) {
          for (const command of remedy) {
            const r = await run(command);
            if (r.code !== 0 && r.code !== 4)
              expect.fail(`${f.rule}/${f.stage}: \`${command}\` exited ${r.code}: ${r.stderr}${r.stdout}`);
          }
          const still = (await findings()).some((x) => x.rule === f.rule && x.stage === f.stage);
          if (!still || remedy.every(readOnly)) break;
          if (pass === 2)
            expect({ finding: `${f.rule} ${f.stage}`, remedy, still }).toEqual({
              finding: `${f.rule} ${f.stage}`,
              remedy,
              still: false,
            });
          await new Promise((r) => setTimeout(r, 300));
        }
        tried.push(`${f.rule}/${f.stage}: ${remedy.join(" && ")}`);
      }
    }
    // Each rule of the scenario had at least one remedy run.
    const rules = new Set(initial.map((f) => f.rule));
    for (const rule of rules)
      expect(
        tried.some((t) => t.startsWith(`${rule}/`)),
        rule,
      ).toBe(true);
  }, 240_000);

  it("explain's commands, for logs of the scenario's failures, work as pasted", async () => {
    const dir = tempDir();
    // Logs as `sst deploy` prints them (modelled on test/fixtures/logs), for what the scenario broke.
    const logs: Record<string, string> = {
      production: [
        "$ npx sst deploy --stage production",
        "SST 3.9.14  ready!",
        "",
        "➜  App:        acme",
        "   Stage:      production",
        "",
        "~  Deploy",
        "",
        "|  Error       Sessions sst:aws:Dynamo → SessionsTable aws:dynamodb:Table",
        "|    sdk-v2/provider2.go:520: sdk.helper_schema: creating AWS DynamoDB Table (acme-production-SessionsTable-btvzwchr): operation error DynamoDB: CreateTable, https response error StatusCode: 400, RequestID: 18VP4KLBL89AAAAAAAAAAAAAAAAAAA, ResourceInUseException: Table already exists: acme-production-SessionsTable-btvzwchr: provider=aws@6.66.2",
        "",
        "✕  Failed",
        "   Sessions sst:aws:Dynamo → SessionsTable aws:dynamodb:Table",
        "   DynamoDB: CreateTable, https response error StatusCode: 400, RequestID: 18VP4KLBL89AAAAAAAAAAAAAAAAAAA, ResourceInUseException: Table already exists: acme-production-SessionsTable-btvzwchr",
      ].join("\n"),
      staging: [
        "$ npx sst deploy --stage staging",
        "SST 3.9.14  ready!",
        "",
        "➜  App:        acme",
        "   Stage:      staging",
        "",
        "~  Deploy",
        "",
        "|  Locked      A concurrent update was detected on the app. Run `sst unlock` to remove the lock and try again.",
        "",
        "✕  Concurrent update detected, run `sst unlock --stage=<stage>` to delete lock file and retry.",
      ].join("\n"),
    };
    let ran = 0;
    for (const [stage, text] of Object.entries(logs)) {
      await seed();
      const file = path.join(dir, `${stage}.log`);
      await fs.writeFile(file, text);
      const r = await cli(["explain", file, "--app", "acme", "--stage", stage, "--json"], env());
      expect(r.code).toBe(3);
      const report = JSON.parse(r.stdout) as { problems: { fix: string[] }[] };
      const commands = report.problems
        .flatMap((p) => p.fix)
        .filter((l) => l.startsWith("stateward ") && !l.includes("<"));
      expect(commands.length).toBeGreaterThan(0);
      for (const command of commands) {
        const done = await run(command);
        if (done.code !== 0 && done.code !== 3 && done.code !== 4)
          expect.fail(`explain (${stage}): \`${command}\` exited ${done.code}: ${done.stderr}${done.stdout}`);
        ran++;
      }
    }
    expect(ran).toBeGreaterThan(2);
  }, 120_000);

  it("splits commands as a shell does", () => {
    expect(shellWords(`stateward forget 'urn:a$b::c' --app acme`)).toEqual([
      "stateward",
      "forget",
      "urn:a$b::c",
      "--app",
      "acme",
    ]);
    expect(shellWords(`x 'it'\\''s'`)).toEqual(["x", "it's"]);
  });
});
