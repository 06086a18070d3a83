/**
 * `--notify <url>` (issue 16, alerts): the message's fields and `text`, the Feishu/Lark and DingTalk
 * shapes chosen by host, retries with backoff, and that a webhook that fails or never answers changes
 * nothing but one warning line — never guard's exit code, never a word of the URL's secret part.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { alertBody, failedDeployAlert, webhookFlavor } from "../../src/notify/message.js";
import { notifyTarget, notifyTiming, postJson } from "../../src/notify/webhook.js";
import { explainLog } from "../../src/explain/index.js";
import { seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";
import { cli } from "../helpers.js";
import { ROLE, failingDeploy } from "./deploy-script.js";
import { receiver, type Receiver } from "./receiver.js";

const sandbox = useSandbox();
const env = () => sandboxEnv(sandbox);
const SECRET_PATH = "/services/T000/B000/s3cr3t-hook-token";
const open: Receiver[] = [];
const listen = async (answer?: (n: number) => number | "hang") => {
  const r = await receiver(answer);
  open.push(r);
  return r;
};
const saved = { ...notifyTiming };

beforeAll(async () => {
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
}, 60_000);

afterEach(async () => {
  Object.assign(notifyTiming, saved);
  await Promise.all(open.splice(0).map((r) => r.close()));
});

type Body = Record<string, unknown> & {
  problems: { kind?: string; rule?: string; type?: string; name?: string }[];
};

describe("the alert's body", () => {
  const explained = explainLog(
    `|    creating IAM Role (${ROLE}): operation error IAM: CreateRole, https response error StatusCode: 409, RequestID: x, EntityAlreadyExists: Role with name ${ROLE} already exists.\n✕  Failed\n`,
  );
  const alert = failedDeployAlert({ app: "acme", stage: "dev" }, ["sst", "deploy"], 1, explained);

  it("chooses the shape by the URL's host and keeps the plain fields in every body", () => {
    const feishu = alertBody(alert, new URL("https://open.feishu.cn/open-apis/bot/v2/hook/abc"));
    expect(feishu.msg_type).toBe("text");
    expect(feishu.content).toEqual({ text: alert.text });
    const lark = alertBody(alert, new URL("https://open.larksuite.com/open-apis/bot/v2/hook/abc"));
    expect(lark.msg_type).toBe("text");
    expect(lark.content).toEqual({ text: alert.text });
    const ding = alertBody(alert, new URL("https://oapi.dingtalk.com/robot/send?access_token=abc"));
    expect(ding.msgtype).toBe("text");
    expect(ding.text).toEqual({ content: alert.text });
    const slack = alertBody(alert, new URL("https://hooks.slack.com/services/T/B/x"));
    expect(slack.text).toBe(alert.text);
    expect(slack.msg_type).toBeUndefined();
    expect(slack.msgtype).toBeUndefined();
    for (const body of [feishu, lark, ding, slack]) {
      expect(body).toMatchObject({ app: "acme", stage: "dev", command: "sst deploy", exitCode: 1 });
      expect(body.event).toBe("deploy-failed");
    }
    expect(webhookFlavor(new URL("https://open.feishu.cn.evil.example/x"))).toBe("plain");
  });

  it("carries explain's problem and its fix commands, in the fields and in the text", () => {
    expect(explained.problems.length).toBeGreaterThan(0);
    expect(alert.problems[0]).toMatchObject({ kind: "already-exists", name: ROLE });
    expect(alert.fix).toEqual([...new Set(explained.problems.flatMap((p) => p.fix))]);
    expect(alert.text).toContain(ROLE);
    expect(alert.text).toContain("exit code 1");
    for (const f of alert.fix) expect(alert.text).toContain(f);
  });
});

describe("the sender", () => {
  it("a receiver that answers 500 twice then 200 gets three tries, waiting as told", async () => {
    const r = await listen((n) => (n < 2 ? 500 : 200));
    const waits: number[] = [];
    const sleep = (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    };
    const result = await postJson(
      notifyTarget(r.url("/hook"))!,
      { text: "hi" },
      { delaysMs: [7, 21], sleep },
    );
    expect(result).toEqual({ ok: true, attempts: 3, status: 200 });
    expect(r.received).toHaveLength(3);
    expect(waits).toEqual([7, 21]);
  });

  it("gives up after the last try, and does not retry a 4xx other than 429", async () => {
    const always500 = await listen(() => 503);
    const failed = await postJson(notifyTarget(always500.url("/x"))!, {}, { delaysMs: [1, 1] });
    expect(failed).toMatchObject({ ok: false, attempts: 3 });
    const r404 = await listen(() => 404);
    expect(await postJson(notifyTarget(r404.url("/x"))!, {}, { delaysMs: [1, 1] })).toMatchObject({
      ok: false,
      attempts: 1,
    });
    const r429 = await listen((n) => (n === 0 ? 429 : 200));
    expect(await postJson(notifyTarget(r429.url("/x"))!, {}, { delaysMs: [1, 1] })).toMatchObject({
      ok: true,
      attempts: 2,
    });
  });

  it("stays within its total time when nothing answers", async () => {
    const r = await listen(() => "hang");
    const t0 = Date.now();
    const result = await postJson(
      notifyTarget(r.url("/x"))!,
      {},
      {
        delaysMs: [50, 50],
        attemptTimeoutMs: 300,
        totalMs: 500,
      },
    );
    expect(result.ok).toBe(false);
    expect(Date.now() - t0).toBeLessThan(1500);
  });
});

describe("guard --notify", () => {
  it("a deploy preflight stops (a predicted name is taken) posts one deploy-stopped message; the command never runs", async () => {
    const r = await listen();
    const run = await cli(
      [
        "guard",
        "--app",
        "acme",
        "--stage",
        "pr-9",
        "--preflight",
        "--notify",
        r.url(SECRET_PATH),
        "--",
        ...failingDeploy(9),
      ],
      env(),
    );
    expect(run.code).toBe(3);
    expect(run.stdout).not.toContain("deploying acme");
    expect(r.received).toHaveLength(1);
    const body = r.received[0]!.body as Body;
    expect(body).toMatchObject({ app: "acme", stage: "pr-9", exitCode: 3, event: "deploy-stopped" });
    expect(body.problems.some((p) => p.kind === "already-exists" && p.name === "acme-WebRewrite")).toBe(true);
    expect(body.text as string).toContain("acme-WebRewrite");
    expect(run.stderr).not.toContain(SECRET_PATH);
  }, 60_000);

  it("a failed deploy posts one message with the right fields and text; guard keeps the command's exit code", async () => {
    const r = await listen();
    const run = await cli(
      [
        "guard",
        "--app",
        "acme",
        "--stage",
        "notify-1",
        "--notify",
        r.url(SECRET_PATH),
        "--",
        ...failingDeploy(1),
      ],
      env(),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("deploying acme");
    expect(r.received).toHaveLength(1);
    expect(r.received[0]!.path).toBe(SECRET_PATH);
    const body = r.received[0]!.body as Body;
    expect(body).toMatchObject({ app: "acme", stage: "notify-1", exitCode: 1, event: "deploy-failed" });
    expect(body.command).toContain("deploy.mjs");
    expect(body.problems.some((p) => p.kind === "already-exists" && p.name === ROLE)).toBe(true);
    expect(Array.isArray(body.fix) && (body.fix as string[]).length > 0).toBe(true);
    expect(typeof body.text).toBe("string");
    expect(body.text as string).toContain(ROLE);
    expect(run.stderr).not.toContain(SECRET_PATH);
    expect(run.stderr).not.toMatch(/could not notify/);
    // The deploy's audit record says the alert went out.
    const audit = await cli(["audit", "list", "--app", "acme", "--stage", "notify-1", "--json"], env());
    const records = (JSON.parse(audit.stdout) as { records: { deploy?: { notified?: boolean } }[] }).records;
    expect(records.find((x) => x.deploy !== undefined)?.deploy?.notified).toBe(true);
  }, 60_000);

  it("STATEWARD_NOTIFY_URL stands in for --notify; --no-notify turns it off; a successful deploy posts nothing", async () => {
    const r = await listen();
    const e = { ...env(), STATEWARD_NOTIFY_URL: r.url(SECRET_PATH) };
    const failed = await cli(["guard", "--app", "acme", "--stage", "notify-2", "--", ...failingDeploy(2)], e);
    expect(failed.code).toBe(2);
    expect(r.received).toHaveLength(1);
    const off = await cli(
      ["guard", "--app", "acme", "--stage", "notify-2", "--no-notify", "--", ...failingDeploy(2)],
      e,
    );
    expect(off.code).toBe(2);
    const ok = await cli(
      ["guard", "--app", "acme", "--stage", "notify-2", "--", process.execPath, "-e", "0"],
      e,
    );
    expect(ok.code).toBe(0);
    expect(r.received).toHaveLength(1);
  }, 90_000);

  it("a receiver that never answers: same exit code, one warning naming only scheme and host, even with --debug", async () => {
    const r = await listen(() => "hang");
    Object.assign(notifyTiming, { delaysMs: [20, 20], attemptTimeoutMs: 300, totalMs: 2000 });
    const url = `${r.url(SECRET_PATH)}?token=qq-secret-query`;
    const run = await cli(
      [
        "guard",
        "--debug",
        "--app",
        "acme",
        "--stage",
        "notify-3",
        "--notify",
        url,
        "--",
        ...failingDeploy(1),
      ],
      env(),
    );
    expect(run.code).toBe(1);
    expect(r.received.length).toBe(3);
    const warnings = run.stderr.split("\n").filter((l) => /could not notify/.test(l));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(new URL(url).origin);
    expect(warnings[0]).toMatch(/after 3 tries/);
    for (const secret of ["s3cr3t-hook-token", "qq-secret-query", "/services/"]) {
      expect(run.stdout).not.toContain(secret);
      expect(run.stderr).not.toContain(secret);
    }
  }, 60_000);

  it("doctor stopping the deploy on blockers posts one message (deploy-stopped) with the blockers' fixes", async () => {
    const r = await listen();
    const run = await cli(
      [
        "guard",
        "--app",
        "acme",
        "--stage",
        "dev",
        "--notify",
        r.url(SECRET_PATH),
        "--",
        "touch",
        "/nonexistent/x",
      ],
      env(),
    );
    expect(run.code).toBe(3);
    expect(r.received).toHaveLength(1);
    const body = r.received[0]!.body as Body;
    expect(body).toMatchObject({ event: "deploy-stopped", app: "acme", stage: "dev", exitCode: 3 });
    expect(body.problems.some((p) => p.rule === "pending-create")).toBe(true);
    expect((body.fix as string[]).some((f) => f.startsWith("stateward"))).toBe(true);
  }, 60_000);

  it("a value that is not a URL is a usage error (exit 2) that does not repeat it, and nothing runs", async () => {
    const run = await cli(
      ["guard", "--app", "acme", "--stage", "notify-4", "--notify", "not-a-url-s3cr3t", "--", "touch", "/x"],
      env(),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--notify needs an http/);
    expect(run.stderr).not.toContain("s3cr3t");
  });
});

describe("doctor --notify", () => {
  it("posts one message when doctor finds blockers; doctor's exit code and JSON are unchanged", async () => {
    const r = await listen();
    const run = await cli(
      ["doctor", "--app", "acme", "--stage", "dev", "--json", "--notify", r.url(SECRET_PATH)],
      env(),
    );
    expect(run.code).toBe(3);
    const doc = JSON.parse(run.stdout) as { summary: { blockers: number } };
    expect(r.received).toHaveLength(1);
    const body = r.received[0]!.body as Body;
    expect(body).toMatchObject({ event: "blockers", app: "acme", stage: "dev", exitCode: 3 });
    expect(body.problems).toHaveLength(doc.summary.blockers);
    expect(body.command).toBeUndefined();
  }, 60_000);

  it("a webhook that answers 500 is one warning; doctor's exit code stays", async () => {
    const r = await listen(() => 500);
    Object.assign(notifyTiming, { delaysMs: [5, 5] });
    const run = await cli(
      ["doctor", "--app", "acme", "--stage", "dev", "--notify", r.url(SECRET_PATH)],
      env(),
    );
    expect(run.code).toBe(3);
    expect(r.received).toHaveLength(3);
    expect(run.stderr.match(/could not notify/g)).toHaveLength(1);
    expect(run.stderr).toMatch(/HTTP 500/);
    expect(run.stderr + run.stdout).not.toContain(SECRET_PATH);
  }, 60_000);
});
