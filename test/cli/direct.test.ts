/**
 * The direct path (src/cli/direct.ts, issue 17): `state show|verify|repair` and `explain` run from the
 * bin without commander when their arguments read one way. The grammar the build stored must be the
 * program's own, and the bin must print exactly what commander prints — the same stdout, stderr and
 * exit code — both for the forms it runs itself and for those it hands to commander. Needs
 * `npm run build`.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runInNewContext } from "node:vm";
import { afterAll, describe, expect, it } from "vitest";
import { BUILT_GRAMMAR, readDirect, type Grammar } from "../../src/cli/direct.js";
import { directGrammar } from "../../src/cli/prerender.js";
import { bin, cli, ROOT, tempDir } from "../helpers.js";

const STATE = "test/fixtures/files/sst-production-indented.json";
const BROKEN = "test/fixtures/files/broken-integrity.json";
const LOG = "test/fixtures/logs/pulumi-bucket-exists.log";
/**
 * The grammar the build wrote into the bundle's direct chunk (src/cli/direct.ts BUILT_GRAMMAR): the
 * object literal of commands by their words, each with its options (`={"state show":{"options":…`),
 * read back (the chunk exports only what the bin uses, and its local names are shortened).
 */
function stored(): Grammar {
  const chunk = readFileSync(path.join(ROOT, "dist", "cli", "main.cjs"), "utf8").match(
    /chunks\/(direct-[\w-]+\.cjs)/,
  )![1]!;
  const code = readFileSync(path.join(ROOT, "dist", "chunks", chunk), "utf8");
  const start = code.search(/=\{"[a-z ]+":\{"options":/) + 1;
  expect(start).toBeGreaterThan(0);
  let depth = 0;
  let end = start;
  for (; end < code.length; end++) {
    if (code[end] === "{") depth++;
    else if (code[end] === "}" && --depth === 0) break;
  }
  return runInNewContext(`(${code.slice(start, end + 1)})`) as Grammar;
}

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const OUT = path.join(dir, "repaired.json");
/** A state whose only problem repair fixes: the table depends on a resource the state does not hold. */
const REPAIRABLE = path.join(dir, "repairable.json");
{
  const doc = JSON.parse(readFileSync(path.join(ROOT, STATE), "utf8")) as {
    checkpoint: { latest: { resources: { type: string; dependencies?: string[] }[] } };
  };
  const table = doc.checkpoint.latest.resources.find((r) => r.type === "aws:dynamodb/table:Table")!;
  table.dependencies = ["urn:pulumi:production::acme::aws:iam/role:Role::Gone"];
  writeFileSync(REPAIRABLE, JSON.stringify(doc, null, 2));
}

describe("the stored grammar", () => {
  it("is each direct command's options and arguments as commander has them in the sources now", () => {
    const grammar = directGrammar();
    expect(Object.keys(grammar).sort()).toEqual(["explain", "state repair", "state show", "state verify"]);
    expect(grammar["state repair"]!.options.map((o) => o.flags.join(" "))).toContain("-o --out");
    expect(stored()).toEqual(grammar);
  });

  it("is in the bundle only: run from the sources (a tsc build), every run goes to commander", () => {
    expect(BUILT_GRAMMAR).toBeUndefined();
  });
});

/** Runs read directly: each must also be what commander prints. */
const DIRECT: ReadonlyArray<{ args: string[]; env?: Record<string, string> }> = [
  { args: ["state", "show", STATE] },
  { args: ["state", "show", STATE, "--json"] },
  { args: ["state", "show", "--json", STATE] },
  { args: ["--no-color", "state", "show", STATE] },
  { args: ["state", "show", STATE, "--no-color"], env: { FORCE_COLOR: "1" } },
  { args: ["--lang", "zh", "state", "show", STATE] },
  { args: ["state", "show", STATE, "--lang=zh"] },
  { args: ["state", "show", STATE], env: { LANG: "zh_CN.UTF-8" } },
  { args: ["state", "verify", STATE] },
  { args: ["state", "verify", BROKEN, "--json"] },
  { args: ["state", "repair", BROKEN, "--dry-run"] },
  { args: ["state", "repair", "--dry-run", "--json", BROKEN] },
  // Refused before anything is read: no --yes, and nobody at a terminal to ask.
  { args: ["state", "repair", BROKEN, "--in-place"] },
  { args: ["state", "repair", REPAIRABLE, "-o", OUT] },
  { args: ["state", "repair", REPAIRABLE, `--out=${OUT}`, "--json"] },
  // Errors, in one paragraph or one JSON document, with their exit codes.
  { args: ["state", "show", "test/fixtures/files/no-such-file.json"] },
  { args: ["state", "show", "test/fixtures/files/no-such-file.json", "--json"] },
  { args: ["state", "show", STATE, "--stage", "dev"] },
  { args: ["state", "verify", LOG] },
  { args: ["explain", LOG] },
  { args: ["explain", LOG, "--json"] },
  { args: ["--lang", "zh", "explain", LOG] },
  { args: ["explain", "test/fixtures/logs/no-such.log"] },
];

/** Runs handed to commander as they are (the direct path reads none of them). */
const COMMANDER: ReadonlyArray<{ args: string[]; env?: Record<string, string> }> = [
  { args: ["state", "show", STATE, "--bogus"] },
  { args: ["state", "show", STATE, "extra"] },
  { args: ["state", "show", "--", STATE] },
  { args: ["state", "show", STATE, "--json", "--json"] },
  { args: ["state", "--json", "show", STATE] },
  { args: ["--json", "state", "show", STATE] },
  { args: ["state", "repair", BROKEN, "-o"] },
  { args: ["state", "repair", BROKEN, "--out", "--dry-run"] },
  { args: ["state", "repair", BROKEN, `-o${OUT}`] },
  { args: ["state", "show", STATE, "--json=yes"] },
  { args: ["state", "show", STATE, "--lang", "fr"] },
  { args: ["state", "show", STATE, "--lang"] },
  { args: ["state", "show", STATE, "--no-color", "--no-color"] },
  { args: ["state", "show", STATE, "--timeout", "5s"] },
  { args: ["state", "show", STATE, "-h"] },
  { args: ["state"] },
  { args: ["state", "nosuch", STATE] },
  { args: ["explain", LOG, LOG] },
  // One argument with a space is not a command's two words.
  { args: ["state show", STATE] },
  { args: ["state repair", REPAIRABLE, "--in-place", "--yes"] },
];

describe("the bin", () => {
  const grammar = stored();
  for (const [kind, cases] of [
    ["direct", DIRECT],
    ["commander", COMMANDER],
  ] as const) {
    for (const c of cases) {
      it(`stateward ${c.args.join(" ")} (${kind}) prints what commander prints, with its exit code`, async () => {
        expect(readDirect(c.args, grammar) !== undefined, "read directly").toBe(kind === "direct");
        const env = { LANG: "en_US.UTF-8", ...c.env };
        // One after the other: a repair --out writes the file, which the next run would find taken.
        const direct = await bin(c.args, { env });
        const wrote = existsSync(OUT);
        rmSync(OUT, { force: true });
        const commander = await cli(c.args, env);
        expect(existsSync(OUT)).toBe(wrote);
        rmSync(OUT, { force: true });
        expect(direct.stdout).toBe(commander.stdout);
        expect(direct.stderr).toBe(commander.stderr);
        expect(direct.code).toBe(commander.code);
      });
    }
  }

  it("explain with no file reads standard input when it is not a terminal", async () => {
    const piped = await bin(["explain"], { env: { LANG: "en_US.UTF-8" }, input: readFileSync(LOG) });
    const named = await bin(["explain", LOG], { env: { LANG: "en_US.UTF-8" } });
    expect(piped.code).toBe(3);
    // The same explanation, of "standard input" in place of the file's name.
    expect(piped.stdout).toBe(named.stdout.replaceAll(LOG, "standard input"));
  });

  it("a repair to --out writes the same file by either path", async () => {
    expect((await bin(["state", "repair", REPAIRABLE, "-o", OUT], { env: {} })).code).toBe(0);
    const direct = readFileSync(OUT, "utf8");
    expect(direct).not.toContain("::Gone");
    rmSync(OUT);
    await cli(["state", "repair", REPAIRABLE, "-o", OUT], {});
    expect(readFileSync(OUT, "utf8")).toBe(direct);
    rmSync(OUT);
  });
});

describe("reading the arguments", () => {
  const grammar = stored();
  it("gives the command its options as commander does: by attribute, --no-color as color: false", () => {
    expect(
      readDirect(["--debug", "state", "repair", BROKEN, "-o", "x.json", "--dry-run", "--no-color"], grammar),
    ).toEqual({
      words: ["state", "repair"],
      file: BROKEN,
      opts: { out: "x.json", dryRun: true, color: false },
      debug: true,
    });
    expect(readDirect(["explain"], grammar)).toEqual({
      words: ["explain"],
      file: undefined,
      opts: {},
      debug: false,
    });
  });

  it("hands every other command to commander", () => {
    for (const args of [["doctor"], ["history", "list"], ["state", "show2", STATE], ["--version"], []])
      expect(readDirect(args, grammar), args.join(" ")).toBeUndefined();
  });
});
