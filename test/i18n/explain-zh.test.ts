/**
 * `stateward explain --lang zh` on real deploy logs (test/fixtures/explain, from public issue threads):
 * the explanation in Chinese — causes, how to tell them apart, fixes, the report's own words — while
 * the log's text and the commands stay as they are, and `--json` keeps its keys, kinds, rules and
 * cause ids; only the words for a person change.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { setLang } from "../../src/i18n/index.js";
import { ROOT, cli, tempDir } from "../helpers.js";
import { columns, HAN } from "./helpers.js";

interface Report {
  outcome: string;
  tool?: string;
  toolLabel?: string;
  lines: number;
  problems: {
    kind: string;
    rule?: string;
    resource?: Record<string, string>;
    excerpt: string;
    line: number;
    cause: string;
    causes: { id: string; tell: string }[];
    fix: string[];
  }[];
}

/** `stateward explain … --json`, parsed. */
async function json(args: string[]): Promise<Report> {
  return JSON.parse((await cli([...args, "--json"])).stdout) as Report;
}

const fixture = (name: string) => path.join(ROOT, "test", "fixtures", "explain", name);

/** Every key path of a JSON value (array items by position), so two reports' shapes compare. */
function keys(value: unknown, at = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keys(v, `${at}[${i}]`));
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => [`${at}.${k}`, ...keys(v, `${at}.${k}`)]);
  return [];
}

afterEach(() => setLang("en"));

describe('explain --lang zh on a real SST log (an "already exists" of a log group)', () => {
  const log = fixture("sst-log-group-subscriber.log");

  it("explains it in Chinese: the report's words, the causes, how to tell them apart, the fixes", async () => {
    const r = await cli(["--lang", "zh", "explain", log]);
    expect(r.code).toBe(3);
    const out = r.stdout;
    expect(out).toMatch(/^解释 \S+sst-log-group-subscriber\.log {2}（5 行）$/m);
    expect(out).toMatch(/^已存在 {2}（1）$/m);
    expect(out).toMatch(/^ {2}第 2 行 {2}规则 name-taken /m);
    expect(out).toMatch(
      /^ {4}原因： 另一个阶段或应用可能使用了相同的固定名称 \/aws\/lambda\/platform-dev-StaticBucketSubscriberOznouaFunctionFunction：如果它的状态持有名为 .*，本阶段就无法再创建它。其他可能的原因，按可能性排列：被中断的部署或移除留下的本阶段残留资源；/m,
    );
    expect(out).toContain("（加上 --app/--stage 时 explain 会确认是哪一个）。");
    expect(out).toMatch(/^ {4}区分： 可能的原因（最可能的在前），以及如何区分：$/m);
    expect(out).toMatch(/^ {6}1\. other-stage: 它的标签（sst:app \/ sst:stage）指向另一个阶段/m);
    expect(out).toMatch(
      /^ {4}修复： # 给 StaticBucketSubscriberOznouaFunctionLogGroup 一个包含阶段名的名称（或让 SST 生成），然后重新部署$/m,
    );
    expect(out).toMatch(/ 中有 1 个问题：已存在 1 个。$/m);
    // Commands and the log's own words are not translated.
    expect(out).toMatch(/^ {4}修复： stateward doctor --all-stages$/m);
    expect(out).toContain("ResourceAlreadyExistsException: The specified log group already exists");
    for (const english of [
      "why:",
      "fix:",
      "which:",
      "Other possible causes",
      "Another stage or app",
      "problem in",
    ])
      expect(out).not.toContain(english);
  });

  it("starts the text after every label in one column, Chinese labels included", async () => {
    const r = await cli(["--lang", "zh", "explain", log]);
    const labelled = r.stdout.split("\n").filter((l) => /^ {4}(日志|原因|区分|修复)：/.test(l));
    expect(labelled.length).toBeGreaterThanOrEqual(4);
    const starts = labelled.map((l) => columns(/^ {4}\S+ +/.exec(l)![0]));
    expect(new Set(starts).size).toBe(1);
    // The excerpt's next lines line up under its first.
    const seen = r.stdout.split("\n").findIndex((l) => l.startsWith("    日志："));
    const next = r.stdout.split("\n")[seen + 1]!;
    expect(next.length - next.trimStart().length).toBe(starts[0]);
  });

  it("keeps --json keys, kinds, rules and cause ids; only the words for a person change", async () => {
    const en = await json(["explain", log]);
    const zh = await json(["--lang", "zh", "explain", log]);
    expect(keys(zh)).toEqual(keys(en));
    expect(zh.problems.length).toBe(1);
    const [p, q] = [en.problems[0]!, zh.problems[0]!];
    for (const field of ["kind", "rule", "resource", "excerpt", "line"] as const)
      expect(q[field]).toEqual(p[field]);
    expect(q.causes.map((c) => c.id)).toEqual(p.causes.map((c) => c.id));
    expect(q.causes.map((c) => c.id)[0]).toBe("other-stage");
    expect(p.cause).toMatch(/^Another stage or app may use the same fixed name /);
    expect(q.cause).toMatch(HAN);
    expect(q.causes.every((c) => HAN.test(c.tell))).toBe(true);
    // Commands in the fix stay commands; what a person does by hand is in Chinese.
    expect(q.fix.filter((l) => !l.startsWith("#"))).toEqual(p.fix.filter((l) => !l.startsWith("#")));
    expect(q.fix.filter((l) => l.startsWith("#")).every((l) => HAN.test(l))).toBe(true);
    expect({ outcome: zh.outcome, tool: zh.tool, lines: zh.lines }).toEqual({
      outcome: en.outcome,
      tool: en.tool,
      lines: en.lines,
    });
  });
});

describe("explain --lang zh on other real logs", () => {
  it("a CloudFormation log of SST v1: the tool and that tool's fixes in Chinese, kind and ids kept", async () => {
    const log = fixture("sst1-bucket-cfn.log");
    const r = await cli(["--lang", "zh", "explain", log]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain(
      "这是 CloudFormation（SST v1/v2，通过 AWS CDK）的日志：stateward 修复的是 Pulumi / SST v3 的状态",
    );
    expect(r.stdout).toMatch(
      /^ {4}修复： # 或者，如果其中没有需要的内容，在 AWS 中删除 staging-static-assets$/m,
    );
    const en = await json(["explain", log]);
    const zh = await json(["--lang", "zh", "explain", log]);
    expect(zh.tool).toBe("cloudformation");
    expect(zh.tool).toBe(en.tool);
    expect(zh.toolLabel).not.toBe(en.toolLabel);
    expect(zh.problems[0]!.causes.map((c) => c.id)).toEqual(en.problems[0]!.causes.map((c) => c.id));
  });

  it("an interrupted update in a Pulumi log: said to be an update, not a create", async () => {
    const r = await cli(["--lang", "zh", "explain", fixture("pulumi-interrupted-updating.log")]);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^未完成的操作 {2}（5）$/m);
    expect(r.stdout).toContain("（被中断的是更新，不是创建）");
    expect(r.stdout).toMatch(
      /^ {4}修复： # 然后刷新阶段 pulumi\.io-staging（sst refresh \/ pulumi refresh）/m,
    );
    expect(r.stdout).toMatch(/ 中有 5 个问题：未完成的操作 5 个。$/m);
  });

  it("what is not a log: the error in Chinese, with the same exit code as in English", async () => {
    const empty = path.join(tempDir(), "empty.log");
    writeFileSync(empty, "\n \n");
    const en = await cli(["explain", empty]);
    const zh = await cli(["--lang", "zh", "explain", empty]);
    expect(en.stderr).toContain("is empty (only whitespace)");
    expect(zh.code).toBe(en.code);
    expect(zh.stderr).toContain("是空的（只有空白字符）：其中没有可以解释的部署输出。");
    expect(zh.stderr).not.toContain("is empty");
  });
});
