/**
 * One time format in every command's output, run as a user runs the CLI against the local cloud
 * seeded with the acme scenario (whose staging lock carries SST's local-offset RFC 3339 nano time,
 * whose records and snapshots carry others). Every time-like string anywhere in each JSON document —
 * a field or inside a sentence — is ISO 8601 UTC to the second; piped human output has the same
 * form and no relative part; on a terminal the relative part follows.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { cli } from "../helpers.js";
import { useSandbox } from "../sandbox/harness.js";

const sandbox = useSandbox();

function env(): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: sandbox.server().url,
    AWS_ACCESS_KEY_ID: "AKIASANDBOXTEST",
    AWS_SECRET_ACCESS_KEY: "sandbox-secret",
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

const at = (stage: string) => ["--app", ACME.app, "--stage", stage];
/** Anything that looks like a date and a time, with whatever follows it (fraction, offset). */
const TIME_LIKE = /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}[0-9:.]*(?:Z|[+-]\d{2}:?\d{2})?/g;
const ONE_FORM = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Every time-like text in a JSON value, with the path it was found at. */
function timesIn(value: unknown, path = "$"): { path: string; text: string }[] {
  if (typeof value === "string") return [...value.matchAll(TIME_LIKE)].map((m) => ({ path, text: m[0] }));
  if (Array.isArray(value)) return value.flatMap((v, i) => timesIn(v, `${path}[${i}]`));
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => timesIn(v, `${path}.${k}`));
  return [];
}

async function json(args: string[]): Promise<unknown> {
  const r = await cli([...args, "--json"], env());
  expect(r.stdout, `${args.join(" ")}: ${r.stderr}`).not.toBe("");
  return JSON.parse(r.stdout) as unknown;
}

let snapshotRef: string;

beforeAll(async () => {
  sandbox.server().reset();
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
  // A snapshot and an audit record: stateward's own stored times.
  const snap = (await json(["history", "snapshot", ...at("production"), "--note", "before-time-test"])) as {
    ref: string;
  };
  snapshotRef = snap.ref;
}, 60_000);

describe("every time in every command's JSON has one form", () => {
  const commands: [string, () => string[]][] = [
    ["history list", () => ["history", "list", ...at("staging")]],
    ["history show current", () => ["history", "show", "current", ...at("staging")]],
    ["history show previous", () => ["history", "show", "previous", ...at("staging")]],
    ["history show a snapshot", () => ["history", "show", snapshotRef, ...at("production")]],
    ["history diff", () => ["history", "diff", "previous", "current", ...at("staging")]],
    ["lock status (SST's local-offset nano time)", () => ["lock", "status", ...at("staging")]],
    ["doctor --all-stages", () => ["doctor", ...at("dev"), "--all-stages"]],
    ["scan", () => ["scan", ...at("production")]],
    ["plan", () => ["plan", ...at("dev"), "--all-stages"]],
    ["cleanup (dry run)", () => ["cleanup", ...at("pr-42")]],
    ["lock release, then audit list", () => ["lock", "release", ...at("staging"), "--yes"]],
    ["audit list", () => ["audit", "list", ...at("staging")]],
    ["audit", () => ["audit", ...at("staging")]],
  ];

  for (const [name, args] of commands) {
    it(name, async () => {
      const doc = await json(args());
      const times = timesIn(doc);
      expect(times.filter((t) => !ONE_FORM.test(t.text))).toEqual([]);
      if (!/^(cleanup|scan|plan|doctor)/.test(name)) {
        expect(times.length, `${name} shows no time at all`).toBeGreaterThan(0);
      }
    });
  }

  it("the lock's time is SST's local time, converted to UTC", async () => {
    sandbox.server().reset();
    await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
    const doc = (await json(["lock", "status", ...at("staging")])) as { locks: { created?: string }[] };
    const created = doc.locks[0]?.created;
    expect(created).toMatch(ONE_FORM);
    expect(Math.abs(Date.parse(created!) - Date.now())).toBeGreaterThan(60_000);
  });
});

describe("human output", () => {
  it("piped: the ISO form, no relative part (a saved report does not go stale)", async () => {
    const r = await cli(["history", "list", ...at("staging")], env());
    const times = r.stdout.match(TIME_LIKE) ?? [];
    expect(times.length).toBeGreaterThan(2);
    expect(times.filter((t) => !ONE_FORM.test(t))).toEqual([]);
    expect(r.stdout).not.toMatch(/\bago\)/);
  });

  it("on a terminal: the ISO form and how long ago, in the person's language", async () => {
    const run = async (lang: string) => {
      let out = "";
      const code = await runCli(["lock", "status", ...at("staging"), "--no-color", "--lang", lang], {
        stdout: { write: (s: string) => (out += s), isTTY: true },
        stderr: { write: () => true, isTTY: false },
        env: env(),
        cwd: process.cwd(),
      });
      return { code, out };
    };
    // acme's staging lock was taken three hours before the seed.
    expect((await run("en")).out).toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z \(3 h ago\)/);
    expect((await run("zh")).out).toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z \(3 小时前\)/);
  });
});
