/**
 * The command line in Chinese: --help (commander's titles and words included), usage errors, the
 * error printer, prompts' refusals and the sandbox's banner; English stays exactly as it was.
 */
import { afterEach, describe, expect, it } from "vitest";
import { keysHelpTip, yesNo } from "../../src/cli/io.js";
import { setLang, tIn } from "../../src/i18n/index.js";
import { renderSandbox } from "../../src/report/sandbox.js";
import { makeColors } from "../../src/report/style.js";
import { CASES } from "../../src/sandbox/scenarios/acme.js";
import { cli } from "../helpers.js";
import { columns, HAN } from "./helpers.js";

/** Help text without its wrapping: every run of whitespace dropped (Chinese wraps between characters). */
const squash = (text: string): string => text.replace(/\s+/g, "");

afterEach(() => setLang("en"));

describe("stateward --lang zh --help", () => {
  it("shows the program's help in Chinese: titles, descriptions and commander's own words", async () => {
    const r = await cli(["--lang", "zh", "--help"]);
    expect(r.code).toBe(0);
    for (const title of ["用法：", "选项：", "命令："])
      expect(r.stdout).toMatch(new RegExp(`^${title}`, "m"));
    for (const english of [
      "Usage:",
      "Options:",
      "Commands:",
      "display help for command",
      "output the version",
    ])
      expect(r.stdout).not.toContain(english);
    const text = squash(r.stdout);
    expect(text).toContain(squash(tIn("zh", "cli.program.description")));
    expect(text).toContain(squash(tIn("zh", "cli.doctor.description")));
    expect(text).toContain(squash(tIn("zh", "cli.option.version")));
    expect(text).toContain(squash(tIn("zh", "cli.option.help")));
    // The exit codes and examples: explanations in Chinese, the commands as they are typed.
    expect(r.stdout).toContain("退出码：");
    expect(r.stdout).toContain(
      `  ${tIn("zh", "examples.state.show.file")}\n    npx stateward state show examples/stuck-deploy.json\n`,
    );
    expect(r.stdout).toContain("npx stateward lock status --app acme --stage staging");
  });

  it("wraps Chinese descriptions within the help's width", async () => {
    const r = await cli(["--lang", "zh", "--help"]);
    const list = r.stdout.slice(0, r.stdout.indexOf("退出码"));
    const wide = list.split("\n").filter((line) => columns(line) > 80);
    expect(wide).toEqual([]);
    // Wrapped, not cut: the doctor description spans several lines and is whole.
    const doctorLines = list.split("\n").filter((line) => /^ {2}doctor /.test(line));
    expect(doctorLines).toHaveLength(1);
  });

  it("shows a command's help in Chinese, its options, defaults and choices included", async () => {
    const r = await cli(["--lang", "zh", "doctor", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^用法： stateward doctor \[选项\]$/m);
    expect(r.stdout).not.toMatch(/\[options\]|\[command\]/);
    expect(r.stdout).toMatch(/^选项：$/m);
    expect(r.stdout).toMatch(/^全局选项：$/m);
    const text = squash(r.stdout);
    expect(text).toContain(squash(tIn("zh", "cli.doctor.description")));
    expect(text).toContain(squash(tIn("zh", "cli.opt.app")));
    expect(text).toContain(squash(tIn("zh", "cli.opt.json")));
    expect(text).toContain('每个服务同时进行的调用数（默认："8"）');
    expect(text).toContain('（可选值："table"，"json"，"markdown"，"sarif"，默认："table"）');
    expect(r.stdout).not.toMatch(/\(default: |choices: |Global Options:/);
    // Flags never change with the language.
    expect(r.stdout).toMatch(/^ {2}--all-stages +一次检查/m);
  });

  it("leaves the English help exactly as commander writes it", async () => {
    const r = await cli(["doctor", "--help"]);
    expect(r.stdout).toMatch(/^Usage: stateward doctor \[options\]$/m);
    expect(r.stdout).toMatch(/^Global Options:$/m);
    expect(r.stdout.replace(/\s+/g, " ")).toContain(
      '(choices: "table", "json", "markdown", "sarif", default: "table")',
    );
    expect(r.stdout).toContain("display help for command");
    expect(r.stdout).not.toMatch(HAN);
  });
});

describe("usage errors in Chinese", () => {
  it("an unknown option: a Chinese usage error, exit 2", async () => {
    const r = await cli(["--lang", "zh", "doctor", "--frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `错误：${tIn("zh", "cli.parse.unknown-option", { flag: "--frobnicate" })}\n${tIn("zh", "cli.parse.hint")}\n`,
    );
  });

  it("--json: the same Chinese message in the document, its keys and code unchanged", async () => {
    const r = await cli(["--lang", "zh", "doctor", "--frobnicate", "--json"]);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as { error: Record<string, string> };
    expect(Object.keys(doc.error).sort()).toEqual(["code", "hint", "message"]);
    expect(doc.error.code).toBe("USAGE");
    expect(doc.error.message).toBe("未知选项 '--frobnicate'");
  });

  it("each of commander's parse errors by its code, with its suggestion", async () => {
    const cases: [string[], string][] = [
      [["stat"], "未知命令 'stat' （您是想输入 state 吗？）"],
      [["names", "generate"], "缺少必需的参数 'logical'"],
      [["names", "generate", "a", "b"], "'generate' 的参数过多：应为 1 个，实际收到 2 个。"],
      [["doctor", "--app"], "选项 '--app <name>' 缺少参数值"],
      [
        ["doctor", "--format", "xml"],
        "选项 '--format <format>' 的参数值 'xml' 无效。可选值：table, json, markdown, sarif。",
      ],
    ];
    for (const [args, message] of cases) {
      const r = await cli(["--lang", "zh", ...args]);
      expect([args.join(" "), r.code]).toEqual([args.join(" "), 2]);
      expect(r.stderr.split("\n")[0]).toBe(`错误：${message}`);
    }
  });

  it("keeps commander's English words exactly in English", async () => {
    const cases: [string[], string][] = [
      [["stat"], "error: unknown command 'stat' (Did you mean state?)"],
      [
        ["names", "generate", "a", "b"],
        "error: too many arguments for 'generate'. Expected 1 argument but got 2.",
      ],
      [["doctor", "--app"], "error: option '--app <name>' argument missing"],
    ];
    for (const [args, line] of cases) {
      const r = await cli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`${line}\nRun with --help to see the commands and their options.\n`);
    }
  });

  it("a write off a terminal without --yes is refused in Chinese", async () => {
    const r = await cli(["--lang", "zh", "forget", "urn:pulumi:dev::acme::x::y", "--json"]);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as { error: { code: string; message: string; hint: string } };
    expect(doc.error.code).toBe("CONFIRMATION_REQUIRED");
    expect(doc.error.message).toBe(tIn("zh", "cli.consent.required", { what: "forget" }));
    expect(doc.error.hint).toBe(tIn("zh", "cli.consent.required.hint"));
  });

  it("a value out of range is a Chinese usage error", async () => {
    const r = await cli(["--lang", "zh", "doctor", "--concurrency", "0"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('错误：--concurrency 必须是 1 到 64 之间的整数，而不是 "0"。');
  });
});

describe("the language from the environment, and a language stateward does not speak", () => {
  it("LANG=zh_CN.UTF-8 gives Chinese help and errors", async () => {
    const help = await cli(["lock", "--help"], { LANG: "zh_CN.UTF-8" });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^命令：$/m);
    expect(squash(help.stdout)).toContain(squash(tIn("zh", "cli.lock.status.description")));
    const error = await cli(["doctor", "--frobnicate"], { LANG: "zh_CN.UTF-8" });
    expect(error.code).toBe(2);
    expect(error.stderr).toMatch(/^错误：未知选项 '--frobnicate'$/m);
  });

  it("--lang en wins over a Chinese LANG", async () => {
    const r = await cli(["--lang", "en", "doctor", "--frobnicate"], { LANG: "zh_CN.UTF-8" });
    expect(r.stderr).toMatch(/^error: unknown option '--frobnicate'$/m);
    expect(r.stderr).not.toMatch(HAN);
  });

  it("--lang fr is a usage error (exit 2), in either spelling", async () => {
    for (const args of [
      ["--lang", "fr", "doctor"],
      ["--lang=fr", "--help"],
    ]) {
      const r = await cli(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain("--lang fr");
      expect(r.stderr).toMatch(/en, zh/);
    }
  });
});

describe("stateward sandbox in Chinese", () => {
  const report = {
    endpoint: "http://127.0.0.1:4599",
    scenario: "acme" as const,
    accountId: "123456789012",
    env: { AWS_ENDPOINT_URL: "http://127.0.0.1:4599" },
    seeded: true,
    app: "acme",
    stages: ["dev", "production"],
    homeRegion: "us-east-1",
    stateBucket: "sst-state-bucket",
    cases: CASES,
  };

  it("prints its banner and the scenario's cases in Chinese, the commands as they are", () => {
    setLang("zh");
    const text = renderSandbox(report, makeColors(false));
    expect(text).toContain("本地云正在监听 http://127.0.0.1:4599（账户 123456789012）。");
    expect(text).toContain(`1. ${tIn("zh", "sandbox.case.acme.1")} (dev)`);
    expect(text).toContain(`9. ${tIn("zh", "sandbox.case.acme.9")} (pr-42)`);
    expect(text).toContain("  export AWS_ENDPOINT_URL=http://127.0.0.1:4599");
    expect(text).toContain("按 Ctrl-C 停止。");
  });

  it("prints the English as before, and a case whose title changed keeps the scenario's words", () => {
    const english = renderSandbox(report, makeColors(false));
    expect(english).toContain(`1. ${CASES[0]!.title} (dev)`);
    expect(english).toContain("Press Ctrl-C to stop.");
    setLang("zh");
    const changed = { ...report, cases: [{ id: 1, title: "a reworded case", stage: "dev" }] };
    expect(renderSandbox(changed, makeColors(false))).toContain("1. a reworded case (dev)");
  });
});

describe("sandbox --exec keeps the language", () => {
  it("`--lang zh sandbox --exec doctor` runs doctor in Chinese; the command's own --lang wins", async () => {
    const zh = await cli([
      "--lang",
      "zh",
      "sandbox",
      "--port",
      "0",
      "--exec",
      "doctor --app acme --stage dev",
    ]);
    expect(zh.code).toBe(3);
    expect(zh.stdout).toMatch(/已检查全部 \d+ 个资源/);
    const en = await cli([
      "--lang",
      "zh",
      "sandbox",
      "--port",
      "0",
      "--exec",
      "doctor --app acme --stage dev --lang en",
    ]);
    expect(en.stdout).toMatch(/Checked all \d+ resources/);
  }, 60_000);
});

describe("prompts in Chinese", () => {
  it("names the keys of a checklist and the yes/no answer in the run's language", () => {
    const keys: [string, string][] = [
      ["↑↓", "navigate"],
      ["space", "select"],
      ["⏎", "submit"],
    ];
    // eslint-disable-next-line no-control-regex
    const plain = (text: string): string => text.replace(/\x1b\[\d+m/g, "");
    expect(plain(keysHelpTip(keys))).toBe("↑↓ navigate • space select • ⏎ submit");
    expect(yesNo(true)).toBe("Yes");
    setLang("zh");
    expect(plain(keysHelpTip(keys))).toBe("↑↓ 移动 • space 选择 • ⏎ 确认");
    expect([yesNo(true), yesNo(false)]).toEqual(["是", "否"]);
  });

  it("the prompt's key help is coloured by the CLI's rule: FORCE_COLOR on, --no-color off", () => {
    const keys: [string, string][] = [["⏎", "submit"]];
    const argv = process.argv;
    const { FORCE_COLOR: force, NO_COLOR: noColor } = process.env;
    try {
      delete process.env.NO_COLOR;
      process.env.FORCE_COLOR = "1";
      expect(keysHelpTip(keys)).toContain("\x1b[1m⏎\x1b[22m");
      process.argv = [...argv, "--no-color"];
      expect(keysHelpTip(keys)).not.toContain("\x1b[");
    } finally {
      process.argv = argv;
      if (force === undefined) delete process.env.FORCE_COLOR;
      else process.env.FORCE_COLOR = force;
      if (noColor !== undefined) process.env.NO_COLOR = noColor;
    }
  });
});
