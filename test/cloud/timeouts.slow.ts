/**
 * An endpoint that refuses, or accepts and never answers, is reported within the call budget (20 s by
 * default, `--timeout` to change it) as one paragraph naming it — real SDK clients over real sockets.
 * Throttling and 5xx from the local cloud are retried with backoff; a scan that still misses parts is
 * incomplete (exit 5), never clean.
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3Store } from "../../src/backends/s3-store.js";
import {
  AwsClients,
  DEFAULT_TIMEOUT_MS,
  MAX_ATTEMPTS,
  attemptTimeoutMs,
  awsError,
  callFacts,
  parseTimeout,
} from "../../src/cloud/clients.js";
import { errorExitCode } from "../../src/cli/exit-codes.js";
import { isStatewardError, type StatewardError } from "../../src/errors.js";
import { seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { bin, cli, tempDir, closedPort } from "../helpers.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";

/** A TCP server that accepts every connection and never writes a byte back. */
class SilentServer {
  private readonly server = net.createServer((socket) => {
    this.connections++;
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    socket.on("error", () => undefined);
  });
  private readonly sockets = new Set<net.Socket>();
  connections = 0;

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const keys = {
  AWS_ACCESS_KEY_ID: "AKIASANDBOXTEST",
  AWS_SECRET_ACCESS_KEY: "sandbox-secret",
  AWS_REGION: "us-east-1",
  AWS_EC2_METADATA_DISABLED: "true",
};

async function failure(p: Promise<unknown>): Promise<StatewardError> {
  try {
    await p;
  } catch (e) {
    if (isStatewardError(e)) return e;
    throw e;
  }
  throw new Error("expected a failure");
}

/** Runs `fn`, returning what it gave and how long it took. */
async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await fn();
  return { value, ms: Date.now() - started };
}

const silent = new SilentServer();
let silentUrl = "";
beforeAll(async () => {
  silentUrl = await silent.start();
});
afterAll(() => silent.stop());

describe("--timeout", () => {
  it("takes 5s, 1.5s, 500ms, 2m and a plain number of seconds; refuses anything else as a usage error", () => {
    expect(parseTimeout("5s")).toBe(5_000);
    expect(parseTimeout("1.5s")).toBe(1_500);
    expect(parseTimeout("500ms")).toBe(500);
    expect(parseTimeout("2m")).toBe(120_000);
    expect(parseTimeout("30")).toBe(30_000);
    for (const bad of ["", "fast", "0s", "-5s", "10ms", "2h", "5 seconds"]) {
      let error: unknown;
      try {
        parseTimeout(bad);
      } catch (e) {
        error = e;
      }
      expect(isStatewardError(error) && error.code === "USAGE" && errorExitCode(error) === 2).toBe(true);
    }
  });

  it("leaves room for more than one attempt per call, each bounded", () => {
    expect(DEFAULT_TIMEOUT_MS).toBeLessThanOrEqual(20_000);
    const attempt = attemptTimeoutMs({});
    expect(attempt * 2).toBeLessThan(DEFAULT_TIMEOUT_MS);
    expect(attemptTimeoutMs({ timeoutMs: 2_000 })).toBeLessThanOrEqual(1_000);
  });

  it("a bad value is a usage error before anything is called (exit 2)", async () => {
    const r = await cli(["--timeout", "soon", "lock", "status", "--app", "acme", "--stage", "dev"], {
      ...keys,
      AWS_ENDPOINT_URL: silentUrl,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--timeout "soon" is not a duration/);
  });
});

describe("a silent endpoint (accepts, never answers)", () => {
  it("by default: one paragraph naming the endpoint within 20 s, after a bounded number of attempts", async () => {
    const before = silent.connections;
    const { value: r, ms } = await timed(() =>
      cli(["lock", "status", "--app", "acme", "--stage", "dev"], { ...keys, AWS_ENDPOINT_URL: silentUrl }),
    );
    expect(r.code).toBe(1);
    expect(ms).toBeLessThan(20_000);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(silentUrl);
    expect(r.stderr).toMatch(/no answer in time/);
    expect(r.stderr).toMatch(/--timeout/);
    // One paragraph: the message and its hint, no stack, no SDK prefix.
    expect(r.stderr.trim().split("\n").length).toBeLessThanOrEqual(2);
    expect(r.stderr).not.toMatch(/@smithy|\n\s+at /);
    // Retried, but not forever.
    const attempts = silent.connections - before;
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(attempts).toBeLessThanOrEqual(MAX_ATTEMPTS);
  }, 60_000);

  it("--timeout 2s: the error comes within a few seconds, and says what the budget was", async () => {
    const { value: r, ms } = await timed(() =>
      cli(["--timeout", "2s", "history", "list", "--app", "acme", "--stage", "dev", "--json"], {
        ...keys,
        AWS_ENDPOINT_URL: silentUrl,
      }),
    );
    expect(r.code).toBe(1);
    expect(ms).toBeLessThan(8_000);
    const doc = JSON.parse(r.stdout) as { error: { code: string; message: string; hint: string } };
    expect(doc.error.code).toBe("AWS_TIMEOUT");
    expect(doc.error.message).toContain(silentUrl);
    expect(doc.error.message).toMatch(/2\.0 s --timeout/);
  }, 30_000);

  it("the flag works after the command too, and in the built binary", async () => {
    const { value: r, ms } = await timed(() =>
      bin(["lock", "status", "--app", "acme", "--stage", "dev", "--timeout", "1s"], {
        env: { ...keys, AWS_ENDPOINT_URL: silentUrl },
        cwd: tempDir(),
      }),
    );
    expect(r.code).toBe(1);
    expect(ms).toBeLessThan(10_000);
    expect(r.stderr).toContain(silentUrl);
    expect(r.stderr.trim().split("\n").length).toBeLessThanOrEqual(2);
  }, 30_000);

  it("a library caller's own clients: the error keeps what was tried (endpoint, attempts, time)", async () => {
    const clients = new AwsClients(
      { region: "us-east-1", timeoutMs: 1_500 },
      { ...keys, AWS_ENDPOINT_URL: silentUrl },
    );
    try {
      const { value: e, ms } = await timed(() =>
        failure(new S3Store(clients.s3(), "some-bucket").get("app/acme/dev.json")),
      );
      expect(ms).toBeLessThan(1_500 + 1_000);
      expect(e.code).toBe("AWS_TIMEOUT");
      expect(e.message).toContain(silentUrl);
      const facts = callFacts(e.cause);
      expect(facts?.endpoint).toBe(silentUrl);
      expect(facts?.attempts).toBeGreaterThanOrEqual(1);
      expect(facts?.elapsedMs).toBeLessThanOrEqual(1_500);
    } finally {
      clients.destroy();
    }
  }, 30_000);
});

describe("a closed port", () => {
  it("is reported at once as unreachable, naming the endpoint", async () => {
    const url = await closedPort();
    const { value: r, ms } = await timed(() =>
      cli(["doctor", "--app", "acme", "--stage", "dev"], { ...keys, AWS_ENDPOINT_URL: url }),
    );
    expect(r.code).toBe(1);
    expect(ms).toBeLessThan(10_000);
    expect(r.stderr).toContain(`${url} could not be reached (connection refused`);
    expect(r.stderr).toMatch(/stateward sandbox/);
    expect(r.stderr.trim().split("\n").length).toBeLessThanOrEqual(2);
  }, 30_000);

  it("names an endpoint given only to the client, not in the environment", () => {
    const e = awsError(
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), {
        code: "ECONNREFUSED",
        address: "127.0.0.1",
        port: 1,
      }),
      "Reading x",
      {},
    );
    expect(e.code).toBe("AWS_UNREACHABLE");
    expect(e.message).toContain("127.0.0.1:1 could not be reached");
  });
});

describe("the local cloud's faults", () => {
  const sandbox = useSandbox();
  const env = () => sandboxEnv(sandbox);
  beforeAll(async () => {
    await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
  }, 30_000);

  it("a service that keeps throttling: retried with backoff, then the scan is incomplete (exit 5), never clean", async () => {
    sandbox.server().faults.configure({ seed: 3, rules: [{ service: "logs", throttleRate: 1 }] });
    try {
      // Each throttled call backs off for up to 1 + 2 + 4 + 8 + 16 s: both commands at once.
      const [r, human] = await Promise.all([
        cli(["scan", "--app", "acme", "--stage", "dev", "--json"], env()),
        cli(["doctor", "--app", "acme", "--stage", "dev"], env()),
      ]);
      expect(r.code).toBe(5);
      const doc = JSON.parse(r.stdout) as { incomplete: { kind: string; error: string }[] };
      const logs = doc.incomplete.filter((i) => i.kind === "log-group");
      expect(logs.length).toBeGreaterThan(0);
      expect(logs[0]!.error).toMatch(/throttl/i);
      expect(logs[0]!.error).toContain(`${MAX_ATTEMPTS} attempts`);
      expect(human.code === 5 || human.code === 3).toBe(true);
      expect(human.stdout).not.toMatch(/No problems/);
      expect(human.stdout).toMatch(/Incomplete scan/);
    } finally {
      sandbox.server().faults.configure({ rules: [] });
    }
  }, 120_000);

  it("a service that answers too slowly for --timeout: its part is incomplete, the rest is scanned, in bounded time", async () => {
    sandbox.server().faults.configure({ rules: [{ service: "iam", latencyMs: 6_000 }] });
    sandbox.server().resetCounts();
    try {
      const { value: r, ms } = await timed(() =>
        cli(["--timeout", "1s", "scan", "--app", "acme", "--stage", "staging", "--json"], env()),
      );
      expect(r.code).toBe(5);
      expect(ms).toBeLessThan(30_000);
      const doc = JSON.parse(r.stdout) as {
        incomplete: { kind: string; error: string }[];
        stages: { entries: { kind: string }[] }[];
      };
      expect(doc.incomplete.map((i) => i.kind)).toContain("iam-role");
      expect(doc.incomplete.find((i) => i.kind === "iam-role")!.error).toMatch(/no answer in time from http/);
      // The other services were read as usual.
      expect(doc.stages[0]!.entries.some((e) => e.kind === "dynamodb-table")).toBe(true);
      // One call's attempts, not a budget per role: once IAM gave no answer, its other reads were not sent.
      const error = doc.incomplete.find((i) => i.kind === "iam-role")!.error;
      const attempts = Number(/\((\d+) attempts? in/.exec(error)?.[1]);
      const iam = Object.values(sandbox.server().requestCounts.byService.iam ?? {});
      expect(iam.reduce((a, b) => a + b, 0)).toBe(attempts);
    } finally {
      sandbox.server().faults.configure({ rules: [] });
    }
  }, 60_000);

  it("dropped connections and 5xx on every call of a service: retried, then incomplete with the endpoint named", async () => {
    sandbox
      .server()
      .faults.configure({ seed: 5, rules: [{ service: "iam", dropRate: 0.5, errorRate: 0.5 }] });
    try {
      const r = await cli(["scan", "--app", "acme", "--stage", "production", "--json"], env());
      expect(r.code).toBe(5);
      const doc = JSON.parse(r.stdout) as { incomplete: { kind: string; error: string }[] };
      const part = doc.incomplete.find((i) => i.kind === "iam-role");
      expect(part?.error).toContain(sandbox.server().url);
    } finally {
      sandbox.server().faults.configure({ rules: [] });
    }
  }, 60_000);
});
