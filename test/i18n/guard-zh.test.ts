/**
 * guard, its alert and the deploy log in Chinese, end to end: `--lang zh` gives Chinese lines and
 * a Chinese alert text, while JSON keys and codes stay as they are.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";
import { cli } from "../helpers.js";
import { failingDeploy } from "../guard-features/deploy-script.js";
import { receiver, type Receiver } from "../guard-features/receiver.js";

const sandbox = useSandbox();
const env = () => sandboxEnv(sandbox);
let r: Receiver | undefined;

beforeAll(async () => {
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
}, 60_000);

afterEach(async () => {
  await r?.close();
  r = undefined;
});

describe("guard --lang zh", () => {
  it("prints Chinese lines and posts a Chinese alert text; the alert's keys and event stay", async () => {
    r = await receiver();
    const run = await cli(
      [
        "guard",
        "--lang",
        "zh",
        "--app",
        "acme",
        "--stage",
        "zh-1",
        "--notify",
        r.url("/hook/x"),
        "--",
        ...failingDeploy(1),
      ],
      env(),
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("zh-1 还没有状态（首次部署）");
    const body = r.received[0]!.body as Record<string, unknown>;
    expect(body.event).toBe("deploy-failed");
    expect(body.exitCode).toBe(1);
    expect(body.text as string).toContain("stateward：acme/zh-1 部署失败（退出码 1）");
    expect(body.summary as string).toMatch(/输出中有 \d+ 个已知问题/);
  }, 60_000);

  it("audit list in Chinese shows the deploy; its JSON keys do not change", async () => {
    await cli(["guard", "--app", "acme", "--stage", "zh-2", "--", ...failingDeploy(5)], env());
    const human = await cli(["audit", "list", "--lang", "zh", "--app", "acme", "--stage", "zh-2"], env());
    expect(human.stdout).toContain("部署");
    expect(human.stdout).toContain("退出码 5");
    expect(human.stdout).toContain("部署前：尚无状态");
    const json = await cli(
      ["audit", "list", "--lang", "zh", "--app", "acme", "--stage", "zh-2", "--json"],
      env(),
    );
    const doc = JSON.parse(json.stdout) as { records: Record<string, unknown>[] };
    const record = doc.records.find((x) => x.deploy !== undefined)!;
    expect(Object.keys(record.deploy as object)).toEqual(
      expect.arrayContaining(["command", "started", "ended", "exitCode", "before", "after"]),
    );
    expect((record.deploy as { before: { status: string } }).before.status).toBe("no-state");
  }, 60_000);

  it("a bad --notify value is a Chinese usage error (exit 2)", async () => {
    const run = await cli(
      ["guard", "--lang", "zh", "--app", "acme", "--stage", "zh-3", "--notify", "nope", "--", "true"],
      env(),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--notify 需要一个 http:// 或 https:// 的 webhook URL");
  });
});
