/**
 * `state verify` speaks Chinese with `--lang zh`: the same violations, exit code and JSON keys as in
 * English; only the sentences for a person change.
 */
import { afterEach, describe, expect, it } from "vitest";
import { setLang } from "../../src/i18n/index.js";
import { fixturePath } from "../fixtures/files.js";
import { cli } from "../helpers.js";

interface VerifyJson {
  violations: { code: string; message: string; urn?: string; index?: number; target?: string }[];
  [key: string]: unknown;
}

const keys = (value: unknown): string[] =>
  value !== null && typeof value === "object"
    ? Object.entries(value as Record<string, unknown>)
        .flatMap(([k, v]) => [k, ...keys(v).map((inner) => `${k}.${inner}`)])
        .sort()
    : [];

describe("state verify --lang zh", () => {
  afterEach(() => setLang("en"));

  it("prints the violations of a broken state in Chinese, with the English exit code", async () => {
    const file = fixturePath("broken-integrity.json");
    const en = await cli(["state", "verify", file]);
    const zh = await cli(["state", "verify", file, "--lang", "zh"]);
    expect(en.code).toBe(3);
    expect(zh.code).toBe(en.code);
    expect(en.stdout).toMatch(/11 integrity violations/);
    expect(zh.stdout).toMatch(/中有 11 处违反完整性。修复之前，Pulumi 和 SST 都会拒绝使用此状态。/);
    expect(zh.stdout).not.toMatch(/integrity violations|Pulumi and SST refuse/);
    expect(zh.stdout).toMatch(/修复：stateward state repair .*broken-integrity\.json --out repaired\.json/);
    expect(zh.stdout).toMatch(/需要人工处理/);
    // The codes are identifiers, the same in both languages.
    for (const code of ["magic", "late-parent", "missing-dependency", "duplicate-urn", "missing-urn"])
      expect(zh.stdout).toContain(code);
  });

  it("keeps the JSON keys, codes and targets, and translates only the messages", async () => {
    const file = fixturePath("broken-integrity.json");
    const en = await cli(["state", "verify", file, "--json"]);
    const zh = await cli(["state", "verify", file, "--json", "--lang", "zh"]);
    expect(zh.code).toBe(en.code);
    const a = JSON.parse(en.stdout) as VerifyJson;
    const b = JSON.parse(zh.stdout) as VerifyJson;
    expect(keys(b)).toEqual(keys(a));
    expect(b.violations.map((v) => [v.code, v.urn, v.index, v.target])).toEqual(
      a.violations.map((v) => [v.code, v.urn, v.index, v.target]),
    );
    const magic = b.violations.find((v) => v.code === "magic")!;
    expect(magic.message).toMatch(/manifest 的 magic .* 不是版本“.*”的 SHA-256/);
    for (const [i, v] of b.violations.entries()) {
      expect(v.message).not.toBe(a.violations[i]!.message);
      expect(v.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
