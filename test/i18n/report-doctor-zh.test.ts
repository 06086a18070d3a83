/**
 * The README's first job in Chinese: `stateward sandbox --port 0 --scenario acme --exec "doctor --app
 * acme --stage dev"` with `--lang zh`. The report's heading, finding labels, coverage line and summary
 * are Chinese; the JSON's keys, the rule ids, severities and the exit code are those of the English run.
 */
import { afterEach, describe, expect, it } from "vitest";
import { setLang, tIn } from "../../src/i18n/index.js";
import { HAN, keys, onAcme } from "./helpers.js";

afterEach(() => setLang("en"));

/** The first job, in English or with `--lang zh` (given to the sandbox and to the command it runs). */
const doctor = (lang: "en" | "zh", ...extra: string[]) =>
  onAcme(lang, ["doctor", "--app", "acme", "--stage", "dev", ...extra]);

interface DoctorJson {
  findings: { rule: string; severity: string; stage: string }[];
  summary: { blockers: number; warnings: number; info: number };
}

describe("stateward --lang zh: the README's first job", () => {
  it("prints the doctor report's heading, labels, coverage and summary in Chinese, with the same exit code", async () => {
    const en = await doctor("en");
    const zh = await doctor("zh");
    expect(en.code, en.stderr).toBe(3);
    expect(zh.code, zh.stderr).toBe(en.code);

    const enLines = en.stdout.trimEnd().split("\n");
    const zhLines = zh.stdout.trimEnd().split("\n");
    // Heading: "Doctor <backend>" becomes "诊断 <backend>", the backend named in Chinese, its URL unchanged.
    expect(enLines[0]).toMatch(/^Doctor SST home (s3:\/\/\S+) \(us-east-1\), app acme, stage dev$/);
    const url = /s3:\/\/\S+/.exec(enLines[0]!)![0];
    expect(zhLines[0]).toBe(`诊断 SST 状态存储 ${url}（us-east-1），应用 acme，阶段 dev`);
    // Summary: the last line, a Chinese sentence with the same counts.
    const enSummary =
      /^(\d+) blockers?, (\d+) warnings? in 1 stage of acme \((\d+) API calls?, [\d.]+ s\)\.$/.exec(
        enLines.at(-1)!,
      );
    expect(enSummary, enLines.at(-1)).not.toBeNull();
    const [, blockers, warnings] = enSummary!;
    expect(zhLines.at(-1)).toMatch(
      new RegExp(
        `^acme 的 1 个阶段中共有 ${blockers} 个阻断问题，${warnings} 个警告（\\d+ 次 API 调用，用时 [\\d.]+ 秒）。$`,
      ),
    );
    // Each finding's heading: the severity word in Chinese, the rule id as it is.
    const heads = (lines: string[], word: string) =>
      lines.filter((l) => l.startsWith(`${word}  `)).map((l) => l.slice(word.length));
    const blockerZh = tIn("zh", "core.severity.blocker");
    expect(heads(zhLines, blockerZh)).toEqual(
      heads(enLines, "BLOCKER").map((l) => l.replace(/ stage (\S+)$/, " 阶段 $1")),
    );
    expect(heads(zhLines, blockerZh).length).toBe(Number(blockers));
    // The finding labels and the coverage line.
    expect(zhLines.filter((l) => l.startsWith("  现象：")).length).toBe(
      enLines.filter((l) => l.startsWith("  seen:")).length,
    );
    expect(zhLines.some((l) => /^已检查/.test(l))).toBe(true);
    for (const english of ["Doctor ", "seen:", "why:", "BLOCKER", " in 1 stage of ", "Checked "])
      expect(zh.stdout).not.toContain(english);
    // The fixes are commands: the same in both languages.
    const fixes = (out: string) =>
      out
        .split("\n")
        .filter((l) => /^\s+(fix:|修复：)/.test(l))
        .map((l) => l.replace(/^\s+\S+\s+/, ""))
        .filter((cmd) => !cmd.startsWith("#"));
    expect(fixes(zh.stdout)).toEqual(fixes(en.stdout));
  }, 240_000);

  it("keeps --json's keys, rule ids, severities, counts and exit code; only text for a person changes", async () => {
    const en = await doctor("en", "--json");
    const zh = await doctor("zh", "--json");
    expect(zh.code, zh.stderr).toBe(en.code);
    const a = JSON.parse(en.stdout) as DoctorJson;
    const b = JSON.parse(zh.stdout) as DoctorJson;
    expect(keys(b)).toEqual(keys(a));
    const ids = (r: DoctorJson) => r.findings.map((f) => `${f.stage} ${f.rule} ${f.severity}`);
    expect(ids(b)).toEqual(ids(a));
    expect(ids(a).length).toBeGreaterThan(0);
    expect(b.summary).toEqual(a.summary);
  }, 240_000);

  it("writes the Markdown headings and table in Chinese and keeps SARIF's rule ids and levels", async () => {
    const md = await doctor("zh", "--format", "markdown");
    expect(md.stdout).toMatch(/^## stateward doctor — acme（阶段 dev）$/m);
    expect(md.stdout).toContain("| 严重程度 | 规则 | 阶段 | 资源 |");
    expect(md.stdout).toMatch(/^- \*\*现象：\*\* /m);
    expect(md.stdout).not.toMatch(/\| severity \| rule \|/);

    const en = await doctor("en", "--format", "sarif");
    const zh = await doctor("zh", "--format", "sarif");
    expect(zh.code).toBe(en.code);
    type Sarif = { runs: { results: { ruleId: string; level: string; message: { text: string } }[] }[] };
    const results = (s: string) => (JSON.parse(s) as Sarif).runs[0]!.results;
    const ruleLevels = (s: string) => results(s).map((r) => `${r.ruleId} ${r.level}`);
    expect(ruleLevels(zh.stdout)).toEqual(ruleLevels(en.stdout));
    expect(keys(JSON.parse(zh.stdout))).toEqual(keys(JSON.parse(en.stdout)));
    // A result's message is for a person: "Fix:" becomes "修复：".
    expect(
      results(zh.stdout).every((r) => r.message.text.includes("修复：") && HAN.test(r.message.text)),
    ).toBe(true);
  }, 240_000);
});
