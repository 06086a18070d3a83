/**
 * The cloud layer in Chinese, end to end: a deletion the gate refuses, and an AWS call that cannot
 * reach its endpoint, each run with `--lang zh` and without. The words change; the exit code, the
 * JSON keys, the error code and each outcome's `result` do not.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { awsError } from "../../src/cloud/aws-errors.js";
import { parseTimeout } from "../../src/cloud/clients.js";
import { setLang } from "../../src/i18n/index.js";
import { seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { cli } from "../helpers.js";
import { HAN } from "./helpers.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";

const sandbox = useSandbox();
const env = () => sandboxEnv(sandbox);

beforeEach(async () => {
  sandbox.server().reset();
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
}, 30_000);

interface Outcome {
  stage: string;
  result: string;
  detail: string;
}

const keysOf = (o: object): string[] => Object.keys(o).sort();

describe("the cloud layer with --lang zh", () => {
  it("a deletion the gate refuses (protected stage): Chinese reason, same exit code, results and keys", async () => {
    // production is protected: without --confirm-protected every orphan is refused.
    const args = [
      "cleanup",
      "--app",
      "acme",
      "--stage",
      "production",
      "--include",
      "orphans",
      "--yes",
      "--confirm",
      "production",
      "--json",
    ];
    const en = await cli(args, env());
    const zh = await cli([...args, "--lang", "zh"], env());
    expect(zh.code).toBe(en.code);

    const enReport = JSON.parse(en.stdout) as { outcomes: Outcome[] };
    const zhReport = JSON.parse(zh.stdout) as { outcomes: Outcome[] };
    expect(keysOf(zhReport)).toEqual(keysOf(enReport));
    expect(enReport.outcomes.length).toBeGreaterThan(0);
    expect(zhReport.outcomes.map((o) => o.result)).toEqual(enReport.outcomes.map((o) => o.result));
    expect(new Set(zhReport.outcomes.map((o) => o.result))).toEqual(new Set(["refused"]));
    zhReport.outcomes.forEach((o, i) => expect(keysOf(o)).toEqual(keysOf(enReport.outcomes[i]!)));

    const enDetail = enReport.outcomes[0]!.detail;
    const zhDetail = zhReport.outcomes[0]!.detail;
    expect(enDetail).toMatch(/belongs to the protected stage production/);
    expect(zhDetail).toMatch(/属于受保护的阶段 production/);
    expect(zhDetail).toMatch(/还需要 --confirm-protected/);
    expect(zhDetail).not.toMatch(/belongs to/);
  }, 60_000);

  it("an endpoint that cannot be reached: Chinese message and hint, same exit code and error code", async () => {
    const down = { ...env(), AWS_ENDPOINT_URL: "http://127.0.0.1:9" };
    const args = ["lock", "status", "--app", "acme", "--stage", "dev", "--json"];
    const en = await cli(args, down);
    const zh = await cli(["--lang", "zh", ...args], down);
    expect(zh.code).toBe(en.code);
    expect(en.code).not.toBe(0);

    const enError = (JSON.parse(en.stdout) as { error: { code: string; message: string; hint?: string } })
      .error;
    const zhError = (JSON.parse(zh.stdout) as { error: { code: string; message: string; hint?: string } })
      .error;
    expect(zhError.code).toBe("AWS_UNREACHABLE");
    expect(enError.code).toBe(zhError.code);
    expect(keysOf(zhError)).toEqual(keysOf(enError));
    expect(enError.message).toMatch(
      /http:\/\/127\.0\.0\.1:9 could not be reached \(connection refused, ECONNREFUSED/,
    );
    expect(zhError.message).toMatch(/无法连接 http:\/\/127\.0\.0\.1:9（连接被拒绝，ECONNREFUSED/);
    expect(zhError.hint).toMatch(/请检查端点 http:\/\/127\.0\.0\.1:9（AWS_ENDPOINT_URL）是否在运行/);
  }, 60_000);
});

describe("cloud errors in Chinese, one by one", () => {
  it("no credentials: AWS_CREDENTIALS in both languages, the words in the language set", () => {
    const missing = () =>
      Object.assign(new Error("Could not load credentials from any providers"), {
        name: "CredentialsProviderError",
      });
    try {
      setLang("zh");
      const zh = awsError(missing(), "读取 s3://acme-state/app/acme/dev.json");
      setLang("en");
      const en = awsError(missing(), "Reading s3://acme-state/app/acme/dev.json");
      expect(zh.code).toBe("AWS_CREDENTIALS");
      expect(en.code).toBe(zh.code);
      expect(zh.message).toBe("读取 s3://acme-state/app/acme/dev.json 失败：未找到 AWS 凭证。");
      expect(en.message).toBe(
        "Reading s3://acme-state/app/acme/dev.json failed: no AWS credentials were found.",
      );
      expect(zh.hint).toMatch(HAN);
      expect(zh.hint).toContain("`aws sso login`");
    } finally {
      setLang("en");
    }
  });

  it("a bad --timeout: USAGE in both languages, the Chinese sentence keeps the flag", () => {
    const fail = (): { code: string; message: string } => {
      try {
        parseTimeout("soon");
      } catch (e) {
        return e as { code: string; message: string };
      }
      throw new Error("parseTimeout accepted soon");
    };
    try {
      setLang("zh");
      const zh = fail();
      setLang("en");
      const en = fail();
      expect(zh.code).toBe("USAGE");
      expect(en.code).toBe("USAGE");
      expect(zh.message).toBe('--timeout "soon" 不是 100ms 到 1h 之间的时长。');
      expect(en.message).toBe('--timeout "soon" is not a duration from 100ms to 1h.');
    } finally {
      setLang("en");
    }
  });
});
