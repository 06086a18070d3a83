/**
 * Hints name only flags that exist — on the command they are given for. The commander program that
 * runCli builds is introspected; every `--flag` is checked:
 *
 * - in every `stateward <command> … --flag` line anywhere in the source (hints, doctor/plan/explain
 *   fixes, notes), against that command;
 * - bare in an error's hint or a fix: in a command's action, against that command; in a helper, against
 *   every command whose action calls it; in src/actions/<x>.ts, against every command that uses it;
 *   anywhere else, against at least one command;
 * - as the CLI prints them: the hints every stage command gives for a mistyped stage and an unreachable
 *   endpoint, and the fixes doctor, plan and explain print for the sandbox scenario.
 */
import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { Command } from "commander";
import ts from "typescript";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { ROOT, cli, tempDir, closedPort } from "../helpers.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";

// ---------------------------------------------------------------------------------------------------
// The command tree, as runCli builds it (its parse is stopped before anything runs).

async function commandTree(): Promise<Command> {
  const parse = vi.spyOn(Command.prototype, "parseAsync").mockResolvedValue(new Command());
  try {
    await runCli([], { stdout: { write: () => true }, stderr: { write: () => true }, env: {} });
    const captured = parse.mock.contexts[0];
    if (!(captured instanceof Command)) throw new Error("runCli built no program");
    return captured;
  } finally {
    parse.mockRestore();
  }
}

let program: Command;

function find(words: readonly string[]): Command | undefined {
  let cmd: Command | undefined = program;
  for (const w of words) cmd = cmd?.commands.find((c) => c.name() === w || c.aliases().includes(w));
  return cmd;
}

function flagsOf(cmd: Command): Set<string> {
  const longs = [...cmd.options, ...program.options].map((o) => o.long).filter((l) => l !== undefined);
  return new Set([...longs, "--help"]);
}

function everyCommand(cmd: Command = program, prefix: string[] = []): { path: string[]; cmd: Command }[] {
  return cmd.commands.flatMap((c) => {
    const p = [...prefix, c.name()];
    return c.commands.length === 0 ? [{ path: p, cmd: c }] : everyCommand(c, p);
  });
}

/** Flags in a text: `--name`, without a value or trailing punctuation. */
function flagsIn(text: string): string[] {
  return [...text.matchAll(/(?<![\w-])--([a-z][a-z0-9-]*[a-z0-9])/g)].map((m) => `--${m[1]}`);
}

interface CommandLine {
  words: string[];
  flags: string[];
}

/**
 * `stateward <command> <args and flags>` lines in a text. A line ends at a backtick, a new line,
 * `;`, `|`, `&&`, `#`, `)` or the end of a sentence; prose such as "stateward never creates" is not
 * a command line (its first word names no command).
 */
function commandLines(text: string): CommandLine[] {
  const out: CommandLine[] = [];
  for (const m of text.matchAll(/\bstateward\s+/g)) {
    // A quoted argument is a value, not this command's flags (`sandbox --exec 'doctor --app acme'`).
    const rest = text
      .slice(m.index + m[0].length)
      .split(/[`\n;|#)]|&&|\.\s|\.$/)[0]!
      .replace(/'[^']*'|"[^"]*"/g, "''");
    const tokens = rest.split(/\s+/).filter((t) => t !== "");
    const words: string[] = [];
    let cmd: Command | undefined = program;
    for (const t of tokens) {
      const sub: Command | undefined = cmd?.commands.find((c) => c.name() === t);
      if (sub === undefined) break;
      words.push(t);
      cmd = sub;
    }
    if (words.length === 0) continue;
    out.push({ words, flags: flagsIn(tokens.slice(words.length).join(" ")) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// The source: every string, with where it is.

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "sandbox" ? [] : sourceFiles(p);
    return p.endsWith(".ts") ? [p] : [];
  });
}

/** A string expression as text: template holes and other values as `X`, both sides of a `?:`. */
function flatten(node: ts.Node): string {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    return (
      node.head.text +
      node.templateSpans.map((s) => ` ${flattenValue(s.expression)} ${s.literal.text}`).join("")
    );
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return flatten(node.left) + flatten(node.right);
  if (ts.isParenthesizedExpression(node)) return flatten(node.expression);
  if (ts.isConditionalExpression(node)) return `${flatten(node.whenTrue)} ${flatten(node.whenFalse)}`;
  return "X";
}
function flattenValue(node: ts.Node): string {
  const text = flatten(node);
  return text === "" ? "" : text;
}

function isStringish(node: ts.Node): boolean {
  return (
    ts.isStringLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    ts.isTemplateExpression(node) ||
    (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken)
  );
}

/** Inside a part of a bigger string expression (then the bigger one is read instead). */
function isPart(node: ts.Node): boolean {
  const p = node.parent;
  return (
    (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.PlusToken) ||
    ts.isTemplateSpan(p) ||
    (ts.isParenthesizedExpression(p) && isStringish(p.parent)) ||
    (ts.isConditionalExpression(p) && ts.isTemplateSpan(p.parent))
  );
}

interface SourceText {
  file: string;
  line: number;
  text: string;
  node: ts.Node;
  /** In a hint, an error, or a fix: where a flag is advice to the user. */
  advice: boolean;
}

function isAdvice(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n !== undefined; n = n.parent) {
    if (ts.isPropertyAssignment(n) && ["hint", "fix"].includes(n.name.getText())) return true;
    if (ts.isNewExpression(n) && /Error$/.test(n.expression.getText())) return true;
    if (ts.isThrowStatement(n)) return true;
    if (ts.isFunctionLike(n) || ts.isSourceFile(n)) return false;
  }
  return false;
}

function sourceTexts(): { texts: SourceText[]; sources: Map<string, ts.SourceFile> } {
  const texts: SourceText[] = [];
  const sources = new Map<string, ts.SourceFile>();
  for (const file of sourceFiles(path.join(ROOT, "src"))) {
    const rel = path.relative(ROOT, file);
    const sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    sources.set(rel, sf);
    const visit = (node: ts.Node) => {
      if (isStringish(node) && !isPart(node)) {
        const text = flatten(node);
        if (text.includes("--")) {
          const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
          texts.push({ file: rel, line, text, node, advice: isAdvice(node) });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { texts, sources };
}

// ---------------------------------------------------------------------------------------------------
// Which commands a piece of src/cli or src/actions/<x>.ts speaks for.

interface ActionSite {
  path: string[];
  body: ts.Node;
  /** The file of src/cli it is in. */
  file: string;
}

/** Each command's `.action(…)` in a file of src/cli, with the command path its chain builds. */
function actionSites(sf: ts.SourceFile): ActionSite[] {
  const parents = new Map<string, string[]>([["program", []]]);
  const sites: ActionSite[] = [];
  const commandCall = (chain: ts.Node): { name: string; receiver: string } | undefined => {
    let found: { name: string; receiver: string } | undefined;
    const walk = (n: ts.Node) => {
      if (found !== undefined) return;
      if (
        ts.isCallExpression(n) &&
        ts.isPropertyAccessExpression(n.expression) &&
        n.expression.name.text === "command" &&
        n.arguments[0] !== undefined &&
        ts.isStringLiteral(n.arguments[0])
      ) {
        found = { name: n.arguments[0].text.split(" ")[0]!, receiver: n.expression.expression.getText() };
        return;
      }
      ts.forEachChild(n, walk);
    };
    walk(chain);
    return found;
  };
  const visit = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && node.initializer !== undefined) {
      const c = commandCall(node.initializer);
      const parent = c === undefined ? undefined : parents.get(c.receiver);
      if (c !== undefined && parent !== undefined) parents.set(node.name.getText(), [...parent, c.name]);
    }
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === "action" &&
      node.arguments[0] !== undefined
    ) {
      const c = commandCall(node.expression.expression);
      const parent = c === undefined ? undefined : parents.get(c.receiver);
      if (c !== undefined && parent !== undefined)
        sites.push({
          path: [...parent, c.name],
          body: node.arguments[0],
          file: path.relative(ROOT, sf.fileName),
        });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return sites;
}

function contains(outer: ts.Node, inner: ts.Node): boolean {
  return inner.getStart() >= outer.getStart() && inner.getEnd() <= outer.getEnd();
}

/** The name of the function or method a node is in, outside any action. */
function enclosingFunction(node: ts.Node): string | undefined {
  for (let n: ts.Node | undefined = node.parent; n !== undefined; n = n.parent) {
    if ((ts.isMethodDeclaration(n) || ts.isFunctionDeclaration(n)) && n.name !== undefined)
      return n.name.getText();
  }
  return undefined;
}

/** Commands whose action calls `name` (`run.name(…)` or `name(…)`). */
function callers(sites: ActionSite[], name: string): string[][] {
  return sites
    .filter((s) => new RegExp(`(^|[^\\w.])(run\\.)?${name}\\(`).test(s.body.getText()))
    .map((s) => s.path);
}

/** The module's top-level functions: name, whether exported, and its node. */
function topLevelFunctions(sf: ts.SourceFile): { name: string; exported: boolean; node: ts.Node }[] {
  const out: { name: string; exported: boolean; node: ts.Node }[] = [];
  for (const st of sf.statements) {
    const exported =
      ts.canHaveModifiers(st) &&
      (ts.getModifiers(st) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (ts.isFunctionDeclaration(st) && st.name !== undefined)
      out.push({ name: st.name.text, exported, node: st });
    if (ts.isVariableStatement(st))
      for (const d of st.declarationList.declarations)
        if (
          d.initializer !== undefined &&
          (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))
        )
          out.push({ name: d.name.getText(), exported, node: st });
  }
  return out;
}

const calls = (text: string, name: string) => new RegExp(`(^|[^\\w.])${name}\\(`).test(text);

/**
 * Commands that can show a hint of src/actions/<x>.ts: those whose action calls an exported function of
 * it that is (or calls, within the module) the function the hint is in.
 */
function users(sites: ActionSite[], module: ts.SourceFile, node: ts.Node): string[][] {
  /** How a file of src/cli names the module, and what it imports from it statically. */
  const specOf = (file: string) =>
    `${path.relative(path.dirname(file), "src/actions")}/${path.basename(module.fileName, ".ts")}.js`;
  const importedBy = (file: string): string[] => {
    const imported: string[] = [];
    for (const st of sources.get(file)!.statements) {
      if (!ts.isImportDeclaration(st) || (st.moduleSpecifier as ts.StringLiteral).text !== specOf(file))
        continue;
      const bindings = st.importClause?.namedBindings;
      if (bindings !== undefined && ts.isNamedImports(bindings) && st.importClause?.isTypeOnly !== true)
        for (const e of bindings.elements) if (!e.isTypeOnly) imported.push(e.name.text);
    }
    return imported;
  };
  const fns = topLevelFunctions(module);
  const home = fns.find((f) => contains(f.node, node));
  const reaching = new Set(
    home === undefined ? fns.filter((f) => f.exported).map((f) => f.name) : [home.name],
  );
  for (let grew = true; grew;) {
    grew = false;
    for (const f of fns)
      if (!reaching.has(f.name) && [...reaching].some((r) => calls(f.node.getText(), r))) {
        reaching.add(f.name);
        grew = true;
      }
  }
  const entry = fns.filter((f) => f.exported && reaching.has(f.name)).map((f) => f.name);
  return sites
    .filter((s) => {
      const body = s.body.getText();
      const loaded = body.includes(`"${specOf(s.file)}"`);
      return entry.some((e) => calls(body, e) && (loaded || importedBy(s.file).includes(e)));
    })
    .map((s) => s.path);
}

/**
 * Printed hints known to name a flag that some command they are given for does not have, left to the
 * owner of the file they are in (reported on issue 12). Remove an entry when it is fixed: an entry that
 * is no longer seen fails the test.
 */
const KNOWN: { flag: string; hint: RegExp; file: string; why: string }[] = [];

/** Modules whose errors any command that opens a stage can show. */
const SHARED = [
  "src/cloud/clients.ts",
  "src/backends/resolve.ts",
  "src/backends/sst-home.ts",
  "src/backends/s3-store.ts",
];

// ---------------------------------------------------------------------------------------------------

let texts: SourceText[];
let sources: Map<string, ts.SourceFile>;

/** The command line's files: program.ts assembles the commands of src/cli/commands/. */
const isCli = (file: string) => file.startsWith("src/cli/");
/** Every command's action, in whichever file of src/cli defines it. */
const cliSites = () => [...sources].filter(([f]) => isCli(f)).flatMap(([, sf]) => actionSites(sf));
beforeAll(async () => {
  program = await commandTree();
  ({ texts, sources } = sourceTexts());
});

interface Problem {
  where: string;
  flag: string;
  command: string;
}

function report(problems: Problem[]): string[] {
  return problems.map((p) => `${p.where}: ${p.flag} is not a flag of \`stateward ${p.command}\``).sort();
}

describe("the command tree", () => {
  it("is the real one (so the checks below check something)", () => {
    expect(find(["doctor"])).toBeDefined();
    expect(flagsOf(find(["doctor"])!).has("--format")).toBe(true);
    expect(flagsOf(find(["lock", "release"])!).has("--older-than")).toBe(true);
    expect(flagsOf(find(["lock", "status"])!).has("--timeout")).toBe(true);
    expect(flagsOf(find(["lock", "status"])!).has("--older-than")).toBe(false);
    expect(commandLines("run `stateward lock release --app a --stage b --force`.")).toEqual([
      { words: ["lock", "release"], flags: ["--app", "--stage", "--force"] },
    ]);
    expect(commandLines("stateward never creates a stage; --all-stages")).toEqual([]);
  });
});

describe("hints and fixes in the source", () => {
  it("every `stateward <command> … --flag` line names flags of that command", () => {
    const problems: Problem[] = [];
    let lines = 0;
    for (const t of texts) {
      for (const l of commandLines(t.text)) {
        lines++;
        const cmd = find(l.words)!;
        const flags = flagsOf(cmd);
        for (const flag of l.flags)
          if (!flags.has(flag))
            problems.push({ where: `${t.file}:${t.line}`, flag, command: l.words.join(" ") });
      }
    }
    expect(lines).toBeGreaterThan(30);
    expect(report(problems)).toEqual([]);
  });

  it("a bare --flag in a hint of a command's action, or of a helper it calls, is a flag of that command", () => {
    const sites = cliSites();
    expect(sites.length).toBeGreaterThan(20);
    const problems: Problem[] = [];
    for (const t of texts.filter((x) => isCli(x.file) && x.advice)) {
      const bare = t.text.replace(/\bstateward\s+[^`\n;|#)]*/g, "");
      const site = sites.find((s) => s.file === t.file && contains(s.body, t.node));
      const fn = site === undefined ? enclosingFunction(t.node) : undefined;
      const owners = site !== undefined ? [site.path] : fn === undefined ? [] : callers(sites, fn);
      for (const flag of flagsIn(bare))
        for (const owner of owners)
          if (!flagsOf(find(owner)!).has(flag))
            problems.push({ where: `${t.file}:${t.line}`, flag, command: owner.join(" ") });
    }
    expect(report(problems)).toEqual([]);
  });

  it("a bare --flag in a hint of src/actions/<x>.ts is a flag of every command that uses it", () => {
    const sites = cliSites();
    const problems: Problem[] = [];
    for (const t of texts.filter((x) => x.file.startsWith("src/actions/") && x.advice)) {
      const bare = t.text.replace(/\bstateward\s+[^`\n;|#)]*/g, "");
      for (const flag of flagsIn(bare))
        for (const owner of users(sites, sources.get(t.file)!, t.node))
          if (!flagsOf(find(owner)!).has(flag))
            problems.push({ where: `${t.file}:${t.line}`, flag, command: owner.join(" ") });
    }
    expect(report(problems)).toEqual([]);
  });

  it("a bare --flag in a hint any stage can give (AWS errors, opening the stage) is a flag of every stage command", () => {
    const sites = cliSites();
    const stageCommands = sites.filter((s) => s.body.getText().includes("run.stage(")).map((s) => s.path);
    expect(stageCommands.length).toBeGreaterThan(15);
    const problems: Problem[] = [];
    for (const t of texts.filter((x) => SHARED.includes(x.file) && x.advice)) {
      const bare = t.text.replace(/\b(stateward|sst|pulumi|aws)\s+[^`\n;|#)]*/g, "");
      for (const flag of flagsIn(bare)) {
        if (KNOWN.some((k) => k.file === t.file && k.flag === flag && k.hint.test(t.text))) continue;
        for (const owner of stageCommands)
          if (!flagsOf(find(owner)!).has(flag))
            problems.push({ where: `${t.file}:${t.line}`, flag, command: owner.join(" ") });
      }
    }
    expect(report(problems)).toEqual([]);
  });

  it("any other bare --flag in a hint or fix is a flag of some command", () => {
    const all = new Set(everyCommand().flatMap((c) => [...flagsOf(c.cmd)]));
    const missing = texts
      .filter((t) => t.advice)
      .flatMap((t) =>
        // Without stateward's own command lines (checked above) and other tools' (sst, pulumi, aws).
        flagsIn(t.text.replace(/\b(stateward|sst|pulumi|aws)\s+[^`\n;|#)]*/g, ""))
          .filter((f) => !all.has(f))
          .map((f) => `${t.file}:${t.line}: ${f}`),
      );
    expect(missing).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
// As printed.

const sandbox = useSandbox();
const env = () => sandboxEnv(sandbox);

/** Arguments a command needs before it opens the stage. */
function argsFor(words: string[], dir: string): string[] | undefined {
  const key = words.join(" ");
  const plan = path.join(dir, "plan.json");
  const extra: Record<string, string[]> = {
    "history show": ["current"],
    "history diff": ["previous", "current"],
    "history restore": ["previous", "--dry-run"],
    adopt: ["aws:dynamodb/table:Table", "t", "--dry-run"],
    forget: ["urn:pulumi:x::acme::aws:s3/bucket:Bucket::b", "--dry-run"],
    apply: [plan, "--dry-run"],
    fix: ["--dry-run"],
    cleanup: [],
    "state repair": ["--dry-run"],
    "lock release": ["--dry-run"],
    "names check": [],
    explain: [path.join(ROOT, "test/fixtures/logs/sst-log-group-exists.log")],
    guard: ["--", "true"],
    preflight: ["--plan", path.join(ROOT, "test/fixtures/plans/seeds-preview.json")],
  };
  if (key === "sandbox" || key === "names generate") return undefined;
  return extra[key] ?? [];
}

describe("hints and fixes as printed", () => {
  beforeAll(async () => {
    await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
  }, 30_000);

  it("every stage command's hints for a mistyped stage, an unreachable or a silent endpoint name its own flags", async () => {
    const dir = tempDir();
    const unreachable = { ...env(), AWS_ENDPOINT_URL: await closedPort() };
    // Accepts connections, never answers (with --timeout 1s, each command gives up in about a second).
    const sockets = new Set<net.Socket>();
    const silentServer = net.createServer((socket) => {
      sockets.add(socket);
      socket.on("error", () => undefined);
    });
    await new Promise<void>((resolve) => silentServer.listen(0, "127.0.0.1", resolve));
    const silent = {
      ...env(),
      AWS_ENDPOINT_URL: `http://127.0.0.1:${(silentServer.address() as net.AddressInfo).port}`,
    };
    const problems: Problem[] = [];
    let hints = 0;
    for (const { path: words, cmd } of everyCommand()) {
      if (!flagsOf(cmd).has("--stage")) continue;
      const args = argsFor(words, dir);
      if (args === undefined) continue;
      for (const [situation, stage, environment] of [
        ["a mistyped stage", "productio", env()],
        ["no such stage", "zzz", env()],
        ["an unreachable endpoint", "dev", unreachable],
        ["a silent endpoint", "dev", silent],
      ] as const) {
        const r = await cli(
          ["--timeout", "1s", ...words, ...args, "--app", "acme", "--stage", stage],
          environment,
        );
        if (r.code === 0) continue;
        const hint = r.stderr.split("\n").slice(1).join(" ");
        if (hint.trim() !== "") hints++;
        for (const flag of flagsIn(hint.replace(/\bstateward\s+[^`\n;|#)]*/g, "")))
          if (!flagsOf(cmd).has(flag))
            problems.push({ where: `${situation} (${hint.trim()})`, flag, command: words.join(" ") });
        for (const l of commandLines(hint))
          for (const flag of l.flags)
            if (!flagsOf(find(l.words)!).has(flag))
              problems.push({ where: `${situation} (${hint.trim()})`, flag, command: l.words.join(" ") });
      }
    }
    expect(hints).toBeGreaterThan(20);
    const isKnown = (p: Problem) => KNOWN.some((k) => p.flag === k.flag && k.hint.test(p.where));
    expect(problems.filter((p) => !isKnown(p)).map((p) => `${p.command}: ${p.flag} — ${p.where}`)).toEqual(
      [],
    );
    for (const s of sockets) s.destroy();
    silentServer.close();
    // Still there (else drop the entry).
    for (const k of KNOWN)
      expect(
        problems.some((p) => p.flag === k.flag && k.hint.test(p.where)),
        `${k.file}: ${k.flag}`,
      ).toBe(true);
  }, 180_000);

  it("the fixes doctor, plan and explain print for the scenario name flags of their commands", async () => {
    const printed: string[] = [];
    const doctor = await cli(
      ["doctor", "--app", "acme", "--stage", "production", "--all-stages", "--json"],
      env(),
    );
    for (const f of (JSON.parse(doctor.stdout) as { findings: { fix: string[] }[] }).findings)
      printed.push(...f.fix);
    const plan = await cli(["plan", "--app", "acme", "--stage", "production", "--all-stages"], env());
    printed.push(plan.stdout);
    for (const log of readdirSync(path.join(ROOT, "test/fixtures/logs"))) {
      const r = await cli(["explain", path.join(ROOT, "test/fixtures/logs", log), "--json"], env());
      if (r.stdout.trim() === "") continue;
      const doc = JSON.parse(r.stdout) as { problems?: { fix: string[] }[] };
      for (const p of doc.problems ?? []) printed.push(...p.fix);
    }
    const lines = printed.flatMap(commandLines);
    expect(lines.length).toBeGreaterThan(10);
    const problems = lines.flatMap((l) =>
      l.flags
        .filter((f) => !flagsOf(find(l.words)!).has(f))
        .map((f) => `stateward ${l.words.join(" ")}: ${f}`),
    );
    expect(problems).toEqual([]);
  }, 120_000);
});
