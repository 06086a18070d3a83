/**
 * Issue 15's measurements, on the typical SST app (src/sandbox/scenarios/typical-app.ts) seeded into
 * the local cloud through the real SDK:
 *
 * (a) coverage — the app's state holds every `aws:*` type docs/coverage/sst-resources.md §4 marks
 *     "typical" (read from the table at test time, so the test follows the list); `stateward doctor`
 *     on its healthy stage finds nothing, checks every entry of a collidable type, and names every type
 *     it did not check; every collidable type of §4 has a kind; the share of entries checked is printed
 *     (and held against the issue's 95 % target);
 * (b) the broken stage — each of its twenty user-hit breakages is found by doctor (through the CLI) with
 *     the right rule and resource, its real log text (test/fixtures/already-exists/) is recognised by
 *     `stateward explain` as that type, and running the printed fix makes doctor stop reporting it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  CloudFrontClient,
  CreateCachePolicyCommand,
  DeleteCachePolicyCommand,
} from "@aws-sdk/client-cloudfront";
import { RestoreSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { beforeAll, describe, expect, it } from "vitest";
import { kindForType } from "../../src/kinds/registry.js";
import {
  Clients,
  MoreClients,
  makeTypicalHome,
  seedBrokenStage,
  seedTypicalStage,
  TYPICAL,
  type Breakage,
  type TypicalApp,
} from "../../src/sandbox/scenarios/typical-app.js";
import { cli, ROOT } from "../helpers.js";
import { sandboxEnv, sdkError, useSandbox } from "../sandbox/harness.js";

// Over HTTPS, as every AWS SDK call is: the app's buckets deny insecure transport (SST's bucket policy,
// `aws:SecureTransport` false), so their settings are read over TLS. The local cloud's certificate is
// self-signed and made at start: this process (the seeding clients and the in-process CLI) accepts it.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
const sandbox = useSandbox({ tls: true });
const env = () => sandboxEnv(sandbox);

interface Finding {
  rule: string;
  severity: string;
  evidence: string;
  resources: { type: string; name: string }[];
  fix: string[];
}
interface Report {
  findings: Finding[];
  coverage: {
    checked: number;
    total: number;
    unchecked: { type: string; count: number; reason?: string }[];
    nothingToCheck: { type: string; count: number; reason: string }[];
  };
}

/** The rows of §4 ("Table of all distinct types"): token, where it is in the app, whether it collides. */
function section4(): { token: string; inApp: string; collidable: string }[] {
  const doc = readFileSync(path.join(ROOT, "docs/coverage/sst-resources.md"), "utf8");
  const start = doc.indexOf("\n## 4.");
  const end = doc.indexOf("\n## 5.", start);
  expect(start, "§4 of the coverage doc").toBeGreaterThan(0);
  return doc
    .slice(start, end)
    .split("\n")
    .filter((l) => l.startsWith("|") && !/^\|\s*-/.test(l))
    .map((l) => l.split("|").map((c) => c.trim()))
    .map((c) => ({
      token: /`([^`]+)`/.exec(c[1] ?? "")?.[1] ?? "",
      inApp: c[3] ?? "",
      collidable: c[4] ?? "",
    }))
    .filter((r) => r.token !== "" && r.token !== "token");
}

const ROWS = section4();
const TYPICAL_TYPES = [
  ...new Set(
    ROWS.filter((r) => r.inApp.startsWith("typical") && r.token.startsWith("aws:")).map((r) => r.token),
  ),
];
/** Collidable types of the typical app and the user-hit ones (§4: "yes…"). */
const COLLIDABLE = [
  ...new Set(
    ROWS.filter(
      (r) =>
        r.collidable.startsWith("yes") && r.token.startsWith("aws:") && /^(typical|user-hit)/.test(r.inApp),
    ).map((r) => r.token),
  ),
];

/**
 * doctor on a stage, through the CLI. The broken stage is checked with `--deep`: an orphan found only
 * through its parent (a topic's subscription, #5) is looked for only then, since that costs a call per
 * parent.
 */
async function doctor(stage: string): Promise<{ code: number; report: Report }> {
  const deep = stage === TYPICAL.broken ? ["--deep"] : [];
  const r = await cli(["doctor", "--app", TYPICAL.app, "--stage", stage, "--json", ...deep], env());
  return { code: r.code, report: JSON.parse(r.stdout) as Report };
}

/** A printed command's words (the fixes quote URNs in single quotes, as a shell reads them). */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

let healthy: TypicalApp;
let broken: { app: TypicalApp; breakages: Breakage[] };

beforeAll(async () => {
  const endpoint = { url: sandbox.server().url };
  const clients = new Clients(endpoint);
  const more = new MoreClients(endpoint);
  try {
    const account = sandbox.server().accountId;
    const zoneId = await makeTypicalHome(clients);
    healthy = await seedTypicalStage(clients, more, TYPICAL.healthy, account, zoneId, 11);
    broken = await seedBrokenStage(clients, more, account, zoneId);
  } finally {
    clients.destroy();
    more.destroy();
  }
}, 120_000);

describe("(a) coverage of the typical app", () => {
  it("the §4 table is read: 38 typical aws:* types, and the collidable ones", () => {
    // §3 of the doc counts 38 distinct typical aws:* types; the parse must find them all.
    expect(TYPICAL_TYPES).toHaveLength(38);
    expect(COLLIDABLE).toContain("aws:sqs/queue:Queue");
    expect(COLLIDABLE).toContain("aws:secretsmanager/secret:Secret");
    expect(COLLIDABLE).not.toContain("aws:apigatewayv2/api:Api");
  });

  it("the healthy stage's state holds every typical type of §4", () => {
    const types = new Set(healthy.b.resources.map((r) => r.type as string));
    expect(TYPICAL_TYPES.filter((t) => !types.has(t))).toEqual([]);
  });

  it("doctor finds nothing on the healthy stage, checks every collidable entry, and names what it did not check", async () => {
    const { code, report } = await doctor(TYPICAL.healthy);
    expect(report.findings.map((f) => `${f.rule}: ${f.evidence}`)).toEqual([]);
    expect(code).toBe(0);
    const { checked, total, unchecked, nothingToCheck } = report.coverage;
    const custom = healthy.b.resources.filter(
      (r) => r.custom && !String(r.type).startsWith("pulumi:providers:"),
    );
    // Entries with nothing in AWS of their own (the Lambda invocation, SST's dynamic helpers) are
    // named, with why, and left out of the resources to check; every SST helper is recognised.
    const helpers = custom.filter(
      (r) => r.type === "pulumi-nodejs:dynamic:Resource" && !r.urn.endsWith(".sst.aws.OriginAccessControl"),
    );
    const invocations = custom.filter((r) => r.type === "aws:lambda/invocation:Invocation");
    expect(nothingToCheck.reduce((n, u) => n + u.count, 0)).toBe(helpers.length + invocations.length);
    expect(nothingToCheck.every((u) => u.reason.length > 0)).toBe(true);
    for (const h of helpers) {
      const provider = h.urn.slice(h.urn.lastIndexOf(".") + 1);
      expect(nothingToCheck.map((u) => u.reason).join("\n")).toContain(`SST's ${provider}:`);
    }
    const nothing = nothingToCheck.reduce((n, u) => n + u.count, 0);
    expect(total).toBe(custom.length - nothing);
    // Never silent: what was not checked adds up, by type, with a reason.
    expect(unchecked.reduce((n, u) => n + u.count, 0)).toBe(total - checked);
    const collidableUnchecked = unchecked.filter((u) => COLLIDABLE.includes(u.type));
    const awsTotal = custom.filter((r) => String(r.type).startsWith("aws:")).length;
    const awsUnchecked = unchecked.filter((u) => u.type.startsWith("aws:")).reduce((n, u) => n + u.count, 0);
    const collidableTotal = custom.filter((r) => COLLIDABLE.includes(r.type as string)).length;
    console.log(
      [
        `typical app, stage ${TYPICAL.healthy}: ${checked} of ${total} state entries checked (${((100 * checked) / total).toFixed(1)} %)`,
        `  aws:* entries: ${awsTotal - awsUnchecked} of ${awsTotal} (${((100 * (awsTotal - awsUnchecked)) / awsTotal).toFixed(1)} %)`,
        `  entries of collidable types: ${collidableTotal - collidableUnchecked.reduce((n, u) => n + u.count, 0)} of ${collidableTotal}`,
        "  not checked, by type:",
        ...unchecked.map((u) => `    ${u.count} × ${u.type} — ${u.reason ?? "(no reason given)"}`),
        `  nothing in AWS to check (${nothing} of ${custom.length} entries, not counted above):`,
        ...nothingToCheck.map((u) => `    ${u.count} × ${u.type} — ${u.reason}`),
      ].join("\n"),
    );
    expect(collidableUnchecked).toEqual([]);
  });

  it("doctor --deep (orphans found through their parents too) finds nothing on the healthy stage either", async () => {
    const r = await cli(
      ["doctor", "--app", TYPICAL.app, "--stage", TYPICAL.healthy, "--deep", "--json"],
      env(),
    );
    expect((JSON.parse(r.stdout) as Report).findings.map((f) => `${f.rule}: ${f.evidence}`)).toEqual([]);
    expect(r.code).toBe(0);
  });

  it("every collidable type of §4 (typical and user-hit) has a kind", () => {
    const missing = COLLIDABLE.filter((t) => kindForType(t) === undefined);
    console.log(
      `collidable aws:* types of §4: ${COLLIDABLE.length}; without a kind: ${missing.join(", ") || "none"}`,
    );
    expect(missing).toEqual([]);
  });

  // Issue 15's target: ≥ 95 % of the typical app's entries to check (those with nothing in AWS of
  // their own excluded, and listed) checked.
  it("checks at least 95 % of the healthy stage's entries (issue 15's target)", async () => {
    const { report } = await doctor(TYPICAL.healthy);
    expect(report.coverage.checked / report.coverage.total).toBeGreaterThanOrEqual(0.95);
  });
});

describe("(b) the broken stage: twenty user-hit breakages", () => {
  const flags = ["--app", TYPICAL.app, "--stage", TYPICAL.broken];
  const matches = (f: Finding, b: Pick<Breakage, "rule" | "type" | "name">) =>
    f.rule === b.rule && f.resources.some((r) => r.type === b.type && r.name === b.name);
  const matchesAny = (f: Finding, b: Breakage) => [b, ...(b.also ?? [])].some((x) => matches(f, x));

  it("doctor finds each with the right rule and resource (and nothing else), exit 3", async () => {
    expect(broken.breakages.length).toBeGreaterThanOrEqual(10);
    const { code, report } = await doctor(TYPICAL.broken);
    const onStaging = broken.breakages.filter((x) => x.stages === undefined);
    for (const b of onStaging.flatMap((x) => [x, ...(x.also ?? []).map((a) => ({ ...x, ...a }))])) {
      expect(
        report.findings.some((f) => matches(f, b)),
        `#${b.id} ${b.title}: ${b.rule} ${b.name}\nfound: ${report.findings.map((f) => `${f.rule} ${f.resources.map((r) => r.name).join(",")}`).join("; ")}`,
      ).toBe(true);
    }
    // Every finding is one of the breakages.
    for (const f of report.findings) {
      expect(
        broken.breakages.some((b) => matchesAny(f, b)),
        `${f.rule}: ${f.evidence}`,
      ).toBe(true);
    }
    expect(code).toBe(3);
  });

  it("#17: the quota is reached (CreateCachePolicy fails with TooManyCachePolicies); doctor finds every removed preview stage's leftover policies there", async () => {
    const b = broken.breakages.find((x) => x.stages !== undefined)!;
    expect(b.stages).toHaveLength(16);
    const refused = await sdkError(() => createPolicy("shop-staging-quota-probe"));
    expect(refused.name).toBe("TooManyCachePolicies");
    for (const stage of new Set(b.stages!.map((s) => s.stage))) {
      const { report } = await doctor(stage);
      const names = b.stages!.filter((s) => s.stage === stage).map((s) => s.name);
      for (const name of names) {
        expect(
          report.findings.some((f) => matches(f, { ...b, name })),
          `${stage} ${name}`,
        ).toBe(true);
      }
      expect(report.findings.every((f) => f.rule === b.rule)).toBe(true);
    }
  });

  // explain's gaps on real texts, owned elsewhere (src/explain): the CloudFormation text of #1 names
  // neither the cause nor the name ("Internal error reported from downstream service",
  // serverless-next.js#952); #12's only real text is SES v1's. `it.fails` keeps each visible: when
  // explain learns it, the case fails here and becomes a plain `it`.
  const EXPLAIN_GAPS: Record<number, string> = {
    1: "CloudFormation's 'Internal error reported from downstream service' for a cache policy",
  };
  /** The breakages with a real log text (the others: `log` undefined, checked below). */
  const WITH_LOG = [1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13, 14, 18, 19, 20];
  for (const id of WITH_LOG) {
    const title = `explain recognises #${id}'s real log text as its type${EXPLAIN_GAPS[id] === undefined ? "" : ` (known gap: ${EXPLAIN_GAPS[id]})`}`;
    (EXPLAIN_GAPS[id] === undefined ? it : it.fails)(title, async () => {
      const b = broken.breakages.find((x) => x.id === id)!;
      expect(b.log, `#${id} has a real log text`).toBeDefined();
      const file = path.join(ROOT, "test/fixtures/already-exists", b.log!);
      const r = await cli(["explain", file, "--json"], env());
      const problems = (
        JSON.parse(r.stdout) as { problems: { kind: string; resource?: { type?: string } }[] }
      ).problems;
      console.log(
        `explain #${id} ${b.log}: ${problems.map((p) => `${p.kind} ${p.resource?.type ?? "?"}`).join("; ") || "nothing recognised"}`,
      );
      expect(
        problems.some((p) => p.kind === "already-exists" && p.resource?.type === (b.logType ?? b.type)),
      ).toBe(true);
      expect(r.code).toBe(3);
    });
  }
  it("the others have no real log text: a deploy does not fail on them (stale, orphans), or none was found", () => {
    expect(broken.breakages.filter((b) => b.log !== undefined).map((b) => b.id)).toEqual(WITH_LOG);
  });

  it("the printed fixes, run in order, clear each one; doctor is clean afterwards", async () => {
    const ran = new Set<string>();
    // Orphans last: a cleanup also meets the retained table, and refuses it until it is adopted.
    const last = (b: Breakage) => Number(b.rule === "orphan" && b.keep !== true);
    const order = [...broken.breakages].sort((x, y) => last(x) - last(y));
    for (const b of order) {
      if (b.stages !== undefined) {
        await fixElsewhere(b, ran);
        continue;
      }
      const before = (await doctor(TYPICAL.broken)).report.findings.find((f) => matches(f, b));
      if (before === undefined) {
        // Only an orphan may be gone already: one cleanup deletes all the stage's orphans.
        const cleaned = [...ran].some((l) =>
          l.startsWith(`stateward cleanup --app ${TYPICAL.app} --stage ${TYPICAL.broken} `),
        );
        expect(b.rule === "orphan" && cleaned, `#${b.id} ${b.title}: not reported before its fix ran`).toBe(
          true,
        );
        continue;
      }
      for (const line of commandsOf(before, b)) {
        if (ran.has(line)) continue;
        ran.add(line);
        if (line.startsWith("aws secretsmanager restore-secret ")) {
          // The AWS CLI's command, run as the CLI would run it (the same API call).
          const [, , , , id, , region] = words(line);
          const sm = new SecretsManagerClient(sandbox.config(region));
          await sm.send(new RestoreSecretCommand({ SecretId: id }));
          sm.destroy();
          continue;
        }
        const args = words(line).slice(1);
        const confirm = args.includes("--yes") && args[0] === "cleanup" ? ["--confirm", TYPICAL.broken] : [];
        const yes = args.includes("--yes") ? [] : ["--yes"];
        const r = await cli([...args, ...yes, ...confirm], env());
        expect(r.code, `${line}\n${r.stdout}\n${r.stderr}`).toBe(0);
      }
      const after = (await doctor(TYPICAL.broken)).report.findings.find((f) => matchesAny(f, b));
      expect(after, `#${b.id} ${b.title} still reported after: ${[...ran].join(" ; ")}`).toBeUndefined();
    }
    const { code, report } = await doctor(TYPICAL.broken);
    expect(report.findings.map((f) => `${f.rule}: ${f.evidence}`)).toEqual([]);
    expect(code).toBe(0);
    void flags;
  }, 120_000);
});

async function createPolicy(name: string): Promise<{ id: string; etag: string }> {
  const cf = new CloudFrontClient(sandbox.config("us-east-1"));
  try {
    const out = await cf.send(
      new CreateCachePolicyCommand({
        CachePolicyConfig: {
          Name: name,
          MinTTL: 0,
          ParametersInCacheKeyAndForwardedToOrigin: {
            EnableAcceptEncodingGzip: false,
            HeadersConfig: { HeaderBehavior: "none" },
            CookiesConfig: { CookieBehavior: "none" },
            QueryStringsConfig: { QueryStringBehavior: "none" },
          },
        },
      }),
    );
    return { id: out.CachePolicy!.Id!, etag: out.ETag! };
  } finally {
    cf.destroy();
  }
}

/** A breakage found on other stages (#17): each stage's printed cleanup, then the quota is free again. */
async function fixElsewhere(b: Breakage, ran: Set<string>): Promise<void> {
  for (const stage of new Set(b.stages!.map((s) => s.stage))) {
    const finding = (await doctor(stage)).report.findings.find((f) => f.rule === b.rule)!;
    const [line] = commandsOf(finding, b);
    ran.add(line!);
    const r = await cli([...words(line!).slice(1), "--confirm", stage], env());
    expect(r.code, `${line}\n${r.stdout}\n${r.stderr}`).toBe(0);
    expect((await doctor(stage)).report.findings).toEqual([]);
  }
  // The deploy that met the quota can create its policy now (the probe is removed again).
  const probe = await createPolicy("shop-staging-quota-probe");
  const cf = new CloudFrontClient(sandbox.config("us-east-1"));
  await cf.send(new DeleteCachePolicyCommand({ Id: probe.id, IfMatch: probe.etag }));
  cf.destroy();
}

describe("(c) the whole app after the fixes", () => {
  // With two stages of the app, the long tail's names unique only inside a parent (every HTTP API's
  // stage is "$default", a user pool client "Web") are no collisions: name-collision looks at kinds only.
  it("doctor --all-stages finds nothing on any stage (scoped long-tail names are no collisions)", async () => {
    const r = await cli(["doctor", "--app", TYPICAL.app, "--all-stages", "--json"], env());
    const { findings } = JSON.parse(r.stdout) as { findings: (Finding & { stage: string })[] };
    console.log(
      `--all-stages after the fixes:\n${findings.map((f) => `  ${f.stage} ${f.rule}: ${f.resources.map((x) => `${x.type} ${x.name}`).join(", ")}`).join("\n") || "  nothing"}`,
    );
    expect(findings).toEqual([]);
  });
});

/**
 * The commands a person runs from a finding's printed fix: its stateward and AWS CLI lines, taking the
 * first way out where it offers two (keep the secret: restore then adopt; an orphan no one wants:
 * cleanup; a stale entry: the `forget` line, since `sst refresh` needs the app's code).
 */
function commandsOf(f: Finding, b: Breakage): string[] {
  const lines = f.fix.map((l) => l.trim());
  switch (b.rule) {
    case "orphan":
      if (b.keep === true) return lines.filter((l) => l.startsWith(`stateward adopt ${b.type} ${b.name} `));
      return [
        lines
          .find((l) => l.startsWith("# or, if they are no longer wanted: "))!
          .replace(/^# or, if they are no longer wanted: /, ""),
      ];
    case "stale":
      return [lines.find((l) => l.includes("stateward forget"))!.replace(/^# .*?: (?=stateward)/, "")];
    case "name-taken":
      return lines.filter((l) => l.startsWith("stateward forget --pending"));
    default: {
      const out: string[] = [];
      for (const l of lines) {
        if (l.startsWith("# or")) break;
        if (l.startsWith("stateward ") || l.startsWith("aws ")) out.push(l);
      }
      return out;
    }
  }
}
