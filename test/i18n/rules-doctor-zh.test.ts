/**
 * Doctor's findings in Chinese, end to end: every stage of the acme scenario on the local cloud
 * (`stateward sandbox --scenario acme --exec "doctor --all-stages"`), once in English and once with
 * `--lang zh`. Each finding's evidence, cause and fix comments are Chinese; its rule id, severity,
 * stage, resources, the commands in its fix and the JSON's keys are those of the English run.
 */
import { afterEach, describe, expect, it } from "vitest";
import { setLang } from "../../src/i18n/index.js";
import { HAN, keys, onAcme } from "./helpers.js";

afterEach(() => setLang("en"));

interface Finding {
  rule: string;
  severity: string;
  stage: string;
  resources: unknown[];
  evidence: string;
  cause: string;
  fix: string[];
}

/** Doctor over every stage of acme, in English or Chinese (`--lang zh` to the sandbox and to doctor). */
const doctor = (lang: "en" | "zh", ...extra: string[]) =>
  onAcme(lang, ["doctor", "--app", "acme", "--all-stages", ...extra]);

/**
 * Text with what the local cloud makes up anew each run (distribution and zone ids, update ids)
 * replaced, so two runs of the scenario compare.
 */
function stable(text: string): string {
  return text
    .replace(/\b[0-9a-f]{24}\b/g, "<update>")
    .replace(/(?<![A-Za-z0-9])[A-Z][A-Z0-9]{12,}(?![A-Za-z0-9])/g, "<id>");
}

/** The part of the JSON after the sandbox's own lines (its banner goes to stderr or before the `{`). */
function json(stdout: string): { findings: Finding[] } {
  return JSON.parse(stdout.slice(stdout.indexOf("{"))) as { findings: Finding[] };
}

describe("doctor --lang zh: the rules' words", () => {
  it("gives every finding Chinese evidence, cause and fix comments, and the same rule ids, resources, commands and JSON keys", async () => {
    const en = await doctor("en", "--json");
    const zh = await doctor("zh", "--json");
    expect(zh.code, zh.stderr).toBe(en.code);
    const e = json(en.stdout);
    const z = json(zh.stdout);
    expect(keys(z)).toEqual(keys(e));
    const id = (f: Finding) => ({
      rule: f.rule,
      severity: f.severity,
      stage: f.stage,
      resources: JSON.parse(stable(JSON.stringify(f.resources))) as unknown,
    });
    expect(z.findings.map(id)).toEqual(e.findings.map(id));
    // The scenario has one case per cause: many rules, each worded in Chinese.
    expect(new Set(e.findings.map((f) => f.rule)).size).toBeGreaterThanOrEqual(8);

    e.findings.forEach((ef, i) => {
      const zf = z.findings[i]!;
      const where = `${ef.rule} ${ef.stage}`;
      expect(zf.evidence, where).toMatch(HAN);
      expect(zf.cause, where).toMatch(HAN);
      expect(zf.evidence, where).not.toBe(ef.evidence);
      expect(zf.cause, where).not.toBe(ef.cause);
      // Commands are the same; comment lines (`# …`) are Chinese and still comments.
      expect(zf.fix, where).toHaveLength(ef.fix.length);
      ef.fix.forEach((line, j) => {
        if (line.startsWith("#")) {
          expect(zf.fix[j], where).toMatch(/^# /);
          expect(zf.fix[j], where).toMatch(HAN);
        } else expect(stable(zf.fix[j]!), where).toBe(stable(line));
      });
    });

    // One finding read whole: the stage whose deploy was killed mid-create.
    const pending = z.findings.find((f) => f.rule === "pending-create" && f.stage === "dev")!;
    expect(pending.evidence).toMatch(
      /^状态中有一个针对 \S+ 的 `creating` 未完成的操作，而 \S+（日志组）存在于 us-east-1/,
    );
    expect(pending.cause).toContain("因“已存在”而失败");
  }, 120_000);

  it("prints the findings' Chinese evidence, cause and fix comments in the text report", async () => {
    const text = await doctor("zh");
    const zh = await doctor("zh", "--json");
    const findings = json(zh.stdout).findings;
    const stale = findings.find((f) => f.rule === "stale")!;
    expect(stale.evidence).toMatch(/的状态中，但 \S+ 中没有它/);
    const lock = findings.find((f) => f.rule === "stale-lock")!;
    expect(lock.evidence).toMatch(/^锁由 `deploy`（运行 run-\w+，更新 \w+）获取，已存在 \d+ 小时；/);
    const printed = stable(text.stdout);
    for (const f of findings) {
      expect(printed, f.rule).toContain(stable(f.cause));
      expect(printed, f.rule).toContain(stable(f.evidence));
      for (const line of f.fix.filter((l) => l.startsWith("# ")))
        expect(printed, f.rule).toContain(stable(line));
    }
  }, 120_000);
});
