import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { explainLog, type ExplainResult, type Problem } from "../../src/explain/recognise.js";
import { fullType, nameHasStage, parseUrn, shortToFull } from "../../src/explain/resources.js";
import { renderExplain } from "../../src/report/explain.js";
import { makeColors } from "../../src/report/style.js";

const LOGS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/logs");

function load(name: string): string {
  return readFileSync(path.join(LOGS, name), "utf8");
}

function explain(name: string): ExplainResult {
  return explainLog(load(name));
}

const kinds = (r: ExplainResult) => r.problems.map((p) => p.kind);

/** Every command of a fix (not the `#` advice) names the stage the log shows. */
function expectStage(p: Problem, stage: string): void {
  const commands = p.fix.filter((f) => !f.startsWith("#"));
  expect(commands.length).toBeGreaterThan(0);
  for (const cmd of commands) {
    if (cmd.startsWith("stateward doctor --all-stages")) continue;
    expect(cmd).toMatch(/^stateward /);
    expect(cmd).toContain(`--stage ${stage}`);
  }
  expect(p.fix.join("\n")).not.toContain("<stage>");
}

describe("the samples", () => {
  it("every sample says which thread it was modelled on", () => {
    const files = readdirSync(LOGS).filter((f) => f.endsWith(".log"));
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const f of files)
      expect(load(f).split("\n")[0]).toMatch(/^# .*https:\/\/github\.com\/\S+\/(issues|pull)\/\d+/);
  });

  it("sst-log-group-exists: the log group named once in full, once wrapped, and one only by its logical name", () => {
    const r = explain("sst-log-group-exists.log");
    expect(r).toMatchObject({ app: "platform", stage: "dev", lines: 29 });
    expect(kinds(r)).toEqual(["already-exists", "already-exists"]);
    const [a, b] = r.problems as [Problem, Problem];
    expect(a.resource).toEqual({
      type: "aws:cloudwatch/logGroup:LogGroup",
      name: "/aws/lambda/platform-dev-StaticBucketSubscriberOznouaFunctionFunction",
      logicalName: "StaticBucketSubscriberOznouaFunctionLogGroup",
    });
    // The name carries the stage: the stage's own resource that no state holds.
    expect(a.rule).toBe("orphan");
    expect(a.line).toBe(14);
    expect(a.excerpt.split("\n")).toHaveLength(2);
    expect(a.excerpt).toContain("ResourceAlreadyExistsException");
    expect(b.resource).toEqual({
      type: "aws:cloudwatch/logGroup:LogGroup",
      logicalName: "DLQSubscriberDfuuzxFunctionLogGroup",
    });
    expect(b.rule).toBe("name-taken");
    expect(b.line).toBe(16);
    for (const p of r.problems) {
      expectStage(p, "dev");
      expect(p.fix[0]).toBe("stateward doctor --app platform --stage dev");
    }
  });

  it("sst-dynamo-table-exists: the table reported twice is one problem; a name cut by the terminal is joined", () => {
    const r = explain("sst-dynamo-table-exists.log");
    expect(r).toMatchObject({ app: "portal", stage: "prod" });
    expect(r.problems.map((p) => [p.kind, p.rule, p.resource?.name, p.resource?.logicalName])).toEqual([
      ["already-exists", "orphan", "portal-prod-customersTable", "customersTable"],
      ["already-exists", "orphan", "portal-prod-sessionsTable", "sessionsTable"],
    ]);
    expect(r.problems.every((p) => p.resource?.type === "aws:dynamodb/table:Table")).toBe(true);
    expect(r.problems[1]!.excerpt.split("\n").at(-1)).toBe("sessionsTable");
    for (const p of r.problems) expectStage(p, "prod");
  });

  it("sst-iam-role-exists: a role with the stage in its name is an orphan, a shared one a name taken", () => {
    const r = explain("sst-iam-role-exists.log");
    expect(r).toMatchObject({ app: "jobs", stage: "staging" });
    expect(r.problems.map((p) => [p.rule, p.resource])).toEqual([
      [
        "orphan",
        {
          type: "aws:iam/role:Role",
          name: "jobs-staging-CertSubscriberFxrtbfFunctionRole-eucentral1",
          logicalName: "CertSubscriberFxrtbfFunctionRole",
        },
      ],
      [
        "name-taken",
        {
          type: "aws:iam/role:Role",
          name: "shared-EventsLogSubscriberFunctionRole-eucentral1",
          logicalName: "EventsLogSubscriberBaxsnnFunctionRole",
        },
      ],
    ]);
    for (const p of r.problems) expectStage(p, "staging");
  });

  it("sst-email-identity-exists: heading and error on one line", () => {
    const r = explain("sst-email-identity-exists.log");
    expect(r.problems).toHaveLength(1);
    const p = r.problems[0]!;
    expect(p).toMatchObject({
      kind: "already-exists",
      rule: "name-taken",
      line: 12,
      resource: {
        type: "aws:sesv2/emailIdentity:EmailIdentity",
        name: "example.com",
        logicalName: "MailIdentity",
      },
    });
    expectStage(p, "dev");
  });

  it("sst-cloudfront-exists: a CloudFront function and an alias held by another distribution", () => {
    const r = explain("sst-cloudfront-exists.log");
    expect(r).toMatchObject({ app: "shop", stage: "staging" });
    expect(r.problems).toHaveLength(2);
    const [fn, cdn] = r.problems as [Problem, Problem];
    expect(fn).toMatchObject({
      kind: "already-exists",
      rule: "orphan",
      resource: {
        type: "aws:cloudfront/function:Function",
        name: "shop-staging-MySiteCloudfrontFunction-fcdbbde",
        logicalName: "MySiteCloudfrontFunctionCloudfrontFunction",
      },
    });
    expect(cdn).toMatchObject({
      kind: "already-exists",
      rule: "name-taken",
      resource: { type: "aws:cloudfront/distribution:Distribution", logicalName: "MySiteCdnDistribution" },
    });
    expect(cdn.resource?.name).toBeUndefined();
    expect(cdn.cause).toMatch(/alias/);
    for (const p of r.problems) expectStage(p, "staging");
  });

  it("pulumi-route53-record-exists: the record name without its dot, and the record type", () => {
    const r = explain("pulumi-route53-record-exists.log");
    expect(r).toMatchObject({ app: "api-infra", stage: "dev" });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      kind: "already-exists",
      rule: "name-taken",
      line: 13,
      resource: {
        type: "aws:route53/record:Record",
        name: "_4c1d2e7f90a1.api.example.com",
        recordType: "CNAME",
        logicalName: "api-cert-validation",
      },
    });
    expectStage(r.problems[0]!, "dev");
  });

  it("pulumi-lambda-exists-pending: the interrupted create explains the collision, with the URN to adopt", () => {
    const r = explain("pulumi-lambda-exists-pending.log");
    expect(r).toMatchObject({ app: "billing", stage: "prod" });
    const urn = "urn:pulumi:prod::billing::aws:lambda/function:Function::invoice-worker";
    expect(kinds(r)).toEqual(["pending-operations", "already-exists"]);
    const [pending, exists] = r.problems as [Problem, Problem];
    expect(pending).toMatchObject({
      rule: "pending-create",
      line: 14,
      resource: { type: "aws:lambda/function:Function", urn, logicalName: "invoice-worker" },
    });
    expect(exists).toMatchObject({
      rule: "pending-create",
      resource: {
        type: "aws:lambda/function:Function",
        name: "billing-prod-invoice-worker",
        logicalName: "invoice-worker",
        urn,
      },
    });
    expect(exists.fix).toContain(
      `stateward adopt aws:lambda/function:Function billing-prod-invoice-worker --urn ${urn} --app billing --stage prod`,
    );
    for (const p of r.problems) expectStage(p, "prod");
  });

  it("pulumi-bucket-exists: BucketAlreadyOwnedByYou with the bucket the provider was creating", () => {
    const r = explain("pulumi-bucket-exists.log");
    expect(r.stage).toBe("staging");
    expect(r.app).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      kind: "already-exists",
      rule: "name-taken",
      resource: { type: "aws:s3/bucketV2:BucketV2", name: "acme-site-assets", logicalName: "assets" },
    });
    expect(r.problems[0]!.fix[0]).toBe("stateward doctor --stage staging");
  });

  it("sst-locked: the progress line and the final error are one stale lock; the stage comes from the header", () => {
    const r = explain("sst-locked.log");
    expect(r).toMatchObject({ app: "shopfront", stage: "production" });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ kind: "locked", rule: "stale-lock", line: 10 });
    expect(r.problems[0]!.fix).toContain("stateward lock release --app shopfront --stage production");
    expectStage(r.problems[0]!, "production");
  });

  it("pulumi-locked: the lock file and its stack, reported once for two attempts", () => {
    const r = explain("pulumi-locked.log");
    expect(r).toMatchObject({ app: "orders", stage: "orders-prod" });
    expect(r.problems).toHaveLength(1);
    const p = r.problems[0]!;
    expect(p).toMatchObject({ kind: "locked", rule: "stale-lock", line: 3 });
    expect(p.resource?.name).toMatch(
      /\.pulumi\/locks\/organization\/orders\/orders-prod\/ec3a6b52-.*\.json$/,
    );
    expect(p.excerpt.split("\n")).toHaveLength(2);
    expectStage(p, "orders-prod");
  });

  it("pulumi-passphrase: a wrong passphrase", () => {
    const r = explain("pulumi-passphrase.log");
    expect(kinds(r)).toEqual(["passphrase"]);
    const p = r.problems[0]!;
    expect(p.rule).toBeUndefined();
    expect(p.line).toBe(5);
    expect(p.cause).toMatch(/does not decrypt/);
    expect(p.fix.join("\n")).toContain("PULUMI_CONFIG_PASSPHRASE");
    expectStage(p, "dev");
  });

  it("pulumi-integrity: the snapshot integrity failure and the CLI's bug banner are one problem", () => {
    const r = explain("pulumi-integrity.log");
    expect(r).toMatchObject({ app: "infra", stage: "stage1" });
    expect(r.problems).toHaveLength(1);
    const p = r.problems[0]!;
    expect(p).toMatchObject({
      kind: "integrity",
      rule: "integrity",
      line: 3,
      resource: {
        urn: "urn:pulumi:stage1::infra::aws:lb/loadBalancer:LoadBalancer$aws:route53/record:Record::www.example.com",
      },
    });
    expect(p.fix).toContain("stateward state repair --app infra --stage stage1");
    expect(p.fix.join("\n")).toContain(
      "stateward history restore previous --app infra --stage stage1 --dry-run",
    );
    expectStage(p, "stage1");
  });

  it("pulumi-pending-operations: one problem per URN with its operation", () => {
    const r = explain("pulumi-pending-operations.log");
    expect(r).toMatchObject({ app: "observability", stage: "prod" });
    expect(r.problems.map((p) => [p.kind, p.rule, p.line, p.resource])).toEqual([
      [
        "pending-operations",
        "pending-create",
        6,
        {
          type: "aws:cloudwatch/logGroup:LogGroup",
          logicalName: "DatadogFirehoseErrors",
          urn: "urn:pulumi:prod::observability::acme:platform:Datadog$aws:cloudwatch/logGroup:LogGroup::DatadogFirehoseErrors",
        },
      ],
      [
        "pending-operations",
        "pending-operation",
        7,
        {
          type: "aws:iam/role:Role",
          logicalName: "DatadogCloudWatch",
          urn: "urn:pulumi:prod::observability::acme:platform:Datadog$aws:iam/role:Role::DatadogCloudWatch",
        },
      ],
    ]);
    expect(r.problems[0]!.cause).toMatch(/creating/);
    expect(r.problems[1]!.cause).toMatch(/updating/);
    // An interrupted update is not a pending create: nothing to adopt, the operation to clear.
    expect(r.problems[0]!.causes?.[0]?.id).toBe("pending-create");
    expect(r.problems[1]!.causes?.[0]?.id).toBe("interrupted-update");
    expect(r.problems[1]!.cause).toMatch(/not a create/);
    expect(r.problems[1]!.fix).toContain(
      "stateward forget --pending 'urn:pulumi:prod::observability::acme:platform:Datadog$aws:iam/role:Role::DatadogCloudWatch' --app observability --stage prod",
    );
    for (const p of r.problems) expectStage(p, "prod");
  });

  it("sst-stage-not-found", () => {
    const r = explain("sst-stage-not-found.log");
    expect(r).toMatchObject({ app: "treksly", stage: "foobar" });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ kind: "stage-not-found", line: 10, excerpt: "✕  Stage not found" });
    expect(r.problems[0]!.rule).toBeUndefined();
    expectStage(r.problems[0]!, "foobar");
  });

  it("pulumi-region: the region the bucket expects, and the one the request used", () => {
    const r = explain("pulumi-region.log");
    expect(r).toMatchObject({ app: "media", stage: "dev" });
    expect(r.problems).toHaveLength(1);
    const p = r.problems[0]!;
    expect(p).toMatchObject({
      kind: "region",
      rule: "region-mismatch",
      line: 12,
      resource: {
        type: "aws:s3/bucketV2:BucketV2",
        name: "acme-media-uploads",
        logicalName: "uploads",
        region: "us-east-2",
      },
    });
    expect(p.cause).toContain("us-east-1");
    expect(p.fix).toContain("stateward doctor --app media --stage dev --region us-east-2");
    expectStage(p, "dev");
  });

  it("clean-failure and success: no known problem", () => {
    for (const f of ["clean-failure.log", "success.log"]) {
      const r = explain(f);
      expect(r.problems).toEqual([]);
      expect(r.stage).toBe("dev");
      expect(r.app).toBe("notes");
    }
  });

  it("success: the command completed, and the report says no failure was found", () => {
    const r = explain("success.log");
    expect(r).toMatchObject({ outcome: "completed", completed: { line: 17, text: "✓  Complete" } });
    expect(r.failure).toBeUndefined();
    const text = renderExplain({ ...r, source: "success.log" }, makeColors(false));
    expect(text).toContain(
      "No failure found in success.log (20 lines): the command completed (line 17: ✓  Complete).",
    );
  });

  it("clean-failure: the deploy failed for another reason, and the report points at its first error", () => {
    const r = explain("clean-failure.log");
    expect(r).toMatchObject({
      outcome: "failed",
      failure: { line: 11, text: "|  Build Error packages/functions/src/notes.ts" },
    });
    const text = renderExplain({ ...r, source: "clean-failure.log" }, makeColors(false));
    expect(text).toMatch(/No known state problem in clean-failure\.log/);
    expect(text).toContain("The deploy failed for another reason; the first error is on line 11:");
  });

  it("sst-passphrase: names the stage's SSM parameter, not PULUMI_CONFIG_PASSPHRASE", () => {
    const r = explain("sst-passphrase.log");
    expect(r).toMatchObject({ tool: "sst", app: "billing", stage: "staging", outcome: "failed" });
    expect(kinds(r)).toEqual(["passphrase"]);
    const p = r.problems[0]!;
    expect(p.secrets).toBe("wrong");
    expect(p.cause).toContain("SSM parameter /sst/passphrase/billing/staging");
    expect(p.cause).toMatch(/deleted or overwritten, or the command ran with another AWS account or region/);
    expect(p.fix.join("\n")).toContain(
      'aws ssm get-parameter-history --name /sst/passphrase/billing/staging --query "Parameters[].[Version,LastModifiedDate]"',
    );
    expect(p.fix.join("\n")).not.toContain("PULUMI_CONFIG_PASSPHRASE");
    expectStage(p, "staging");
  });

  it("pulumi-passphrase: a Pulumi (DIY) log is not told about SST's parameter", () => {
    const r = explain("pulumi-passphrase.log");
    expect(r.tool).toBe("pulumi");
    expect(r.problems[0]!.cause + r.problems[0]!.fix.join("\n")).not.toContain("/sst/passphrase");
  });

  it("a bare decrypt error from an unknown tool names both the Pulumi variable and SST's parameter", () => {
    const r = explainLog("error: failed to decrypt: incorrect passphrase\n");
    expect(r.problems[0]!.cause).toContain(
      "In an SST app the passphrase is the SSM parameter /sst/passphrase/<app>/<stage>",
    );
    expect(r.problems[0]!.fix.join("\n")).toContain("PULUMI_CONFIG_PASSPHRASE");
  });

  it("text that shows neither a failure nor a finished command: outcome unknown, no failure found", () => {
    const r = explainLog("building…\nuploading assets\n");
    expect(r).toMatchObject({ outcome: "unknown", problems: [] });
    const text = renderExplain({ ...r, source: "x.log" }, makeColors(false));
    expect(text).toContain(
      "No failure found in x.log (2 lines): no error line and no known state problem in it.",
    );
  });
});

describe("explainLog", () => {
  it("counts lines with or without a final newline; an empty log has none", () => {
    expect(explainLog("").lines).toBe(0);
    expect(explainLog("a\nb").lines).toBe(2);
    expect(explainLog("a\nb\n").lines).toBe(2);
  });

  it("strips ANSI colours first", () => {
    const plain = load("sst-log-group-exists.log");
    const colored = plain
      .split("\n")
      .map((l) =>
        l
          .replace(/^\|/, "\x1b[1;31m|\x1b[0m")
          .replace("ResourceAlreadyExistsException", "\x1b[31mResourceAlreadyExistsException\x1b[39m")
          .replace("App:", "\x1b[1mApp:\x1b[22m"),
      )
      .join("\n");
    expect(colored).toContain("\x1b[");
    expect(explainLog(colored)).toEqual(explainLog(plain));
  });

  it("reads CRLF logs like LF ones", () => {
    for (const f of readdirSync(LOGS)) {
      const plain = load(f);
      expect(explainLog(plain.replace(/\n/g, "\r\n")), f).toEqual(explainLog(plain));
    }
  });

  it("reports the same problem of the same resource once, keeping the first sighting", () => {
    const error = [
      "WorkerLogGroup aws:cloudwatch:LogGroup",
      "creating CloudWatch Logs Log Group (/aws/lambda/x): operation error CloudWatch Logs: CreateLogGroup, https response error StatusCode: 400, RequestID: 1, ResourceAlreadyExistsException: The specified log group already exists",
    ];
    const r = explainLog(["✕  Failed", ...error, "", ...error, "", ...error].join("\n"));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      line: 2,
      resource: {
        type: "aws:cloudwatch/logGroup:LogGroup",
        name: "/aws/lambda/x",
        logicalName: "WorkerLogGroup",
      },
    });
    // Two resources of the same kind stay two problems.
    const other = error.map((l) => l.replace("WorkerLogGroup", "ApiLogGroup").replace("/x)", "/y)"));
    expect(explainLog([...error, ...other].join("\n")).problems).toHaveLength(2);
  });

  it("reads Pulumi's diagnostics with a URN, and offers adopt for it", () => {
    const urn = "urn:pulumi:dev::shop::aws:cloudwatch/logGroup:LogGroup::WorkerLogGroup";
    const log = [
      "Diagnostics:",
      "  aws:cloudwatch:LogGroup (WorkerLogGroup):",
      `    error: ${urn}: 1 error occurred:`,
      "    \t* creating CloudWatch Logs Log Group (/aws/lambda/shop-worker): operation error CloudWatch Logs: CreateLogGroup, https response error StatusCode: 400, RequestID: 5c1, ResourceAlreadyExistsException: The specified log group already exists",
    ].join("\n");
    const r = explainLog(log);
    expect(r).toMatchObject({ app: "shop", stage: "dev" });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      rule: "name-taken",
      line: 2,
      resource: {
        type: "aws:cloudwatch/logGroup:LogGroup",
        name: "/aws/lambda/shop-worker",
        logicalName: "WorkerLogGroup",
        urn,
      },
    });
    expect(r.problems[0]!.fix).toContain(
      `stateward adopt aws:cloudwatch/logGroup:LogGroup /aws/lambda/shop-worker --urn ${urn} --app shop --stage dev`,
    );
    expect(r.problems[0]!.excerpt.split("\n")).toHaveLength(2);
  });

  it("uses placeholders only when the log does not show the stage", () => {
    const r = explainLog(
      "Concurrent update detected, run `sst unlock --stage=<stage>` to delete lock file and retry.",
    );
    expect(r.stage).toBeUndefined();
    expect(r.problems[0]!.fix).toContain("stateward lock release --stage <stage>");
  });

  it("recognises Pulumi Cloud's conflict and a missing stack", () => {
    const conflict = explainLog(
      "stderr: error: [409] Conflict: Another update is currently in progress.\nTo learn more, visit https://www.pulumi.com/docs/troubleshooting/#conflict",
    );
    expect(conflict.problems).toMatchObject([{ kind: "locked", rule: "stale-lock", line: 1 }]);
    expect(conflict.problems[0]!.fix.join("\n")).toContain("pulumi cancel");

    const missing = explainLog(
      "Command failed with exit code 255: pulumi stack select\nerror: no stack named 'acme/base/dev' found",
    );
    expect(missing.stage).toBe("dev");
    expect(missing.problems).toMatchObject([{ kind: "stage-not-found", line: 2 }]);
    expect(missing.problems[0]!.cause).toMatch(/no stack named dev/);
  });

  it("tells a missing passphrase from a wrong one, and leaves a benign prompt alone", () => {
    const missing = explainLog(
      'error: constructing secrets manager of type "passphrase": unable to find either `PULUMI_CONFIG_PASSPHRASE` or `PULUMI_CONFIG_PASSPHRASE_FILE` when trying to access the Passphrase Secrets Provider',
    );
    expect(missing.problems).toMatchObject([{ kind: "passphrase" }]);
    expect(missing.problems[0]!.cause).toMatch(/none was given/);
    expect(
      explainLog(
        "error: passphrase must be set with PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE environment variables",
      ).problems[0]!.cause,
    ).toMatch(/none was given/);
    expect(
      explainLog("error: getting secrets manager: secrets (code=Unknown): AccessDeniedException").problems[0]!
        .cause,
    ).toMatch(/secrets provider/);
    expect(
      explainLog(
        "Enter your passphrase to unlock config/secrets\n    (set PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE to remember):",
      ).problems,
    ).toEqual([]);
    // Not an integrity problem although Pulumi says it could not deserialize the deployment.
    expect(
      kinds(
        explainLog(
          "error: could not deserialize deployment: decrypting secret value: failed to decrypt: incorrect passphrase, please set PULUMI_CONFIG_PASSPHRASE to the correct passphrase",
        ),
      ),
    ).toEqual(["passphrase"]);
  });

  it("recognises the other integrity wordings", () => {
    for (const line of [
      "error: The stack's state file is corrupted",
      "error: snapshot has a dependency on a resource that doesn't exist",
      "error: resource urn:pulumi:dev::a::aws:s3/bucketV2:BucketV2::b refers to unknown provider urn:pulumi:dev::a::pulumi:providers:aws::default",
      "error: refusing to proceed",
    ]) {
      expect(kinds(explainLog(line)), line).toEqual(["integrity"]);
    }
  });

  it("recognises region errors: redirects, tokens in opt-in regions, a missing region", () => {
    const redirect = explainLog(
      "error: reading state: PermanentRedirect: The bucket you are attempting to access must be addressed using the specified endpoint. <Bucket>sst-state-abc</Bucket><Endpoint>sst-state-abc.s3.eu-west-1.amazonaws.com</Endpoint>",
    );
    expect(redirect.problems).toMatchObject([
      { kind: "region", rule: "region-mismatch", resource: { name: "sst-state-abc", region: "eu-west-1" } },
    ]);
    const bucketRegion = explainLog(
      "BucketRegionError: incorrect region, the bucket is not in 'us-east-2' region at endpoint '', bucket is in 'us-west-1' region",
    );
    expect(bucketRegion.problems[0]!.resource).toEqual({ region: "us-west-1" });

    const token = explainLog(
      "operation error STS: GetCallerIdentity, https response error StatusCode: 403, RequestID: 1, api error InvalidClientTokenId: The security token included in the request is invalid (region eu-south-2)",
    );
    expect(token.problems).toMatchObject([{ kind: "region", resource: { region: "eu-south-2" } }]);
    // Without a region it is a credentials problem, not a state one.
    expect(
      explainLog("InvalidClientTokenId: The security token included in the request is invalid.").problems,
    ).toEqual([]);

    for (const line of [
      "Error: Could not resolve region",
      "error: Region is missing",
      'error: missing required configuration key "aws:region": The region where AWS operations will take place.',
      "error: failed to load checkpoint: MissingRegion: could not find region configuration",
      "error: The provided region 'eu-west-3' does not match the region of the state bucket",
    ]) {
      expect(explainLog(line).problems, line).toMatchObject([{ kind: "region", rule: "region-mismatch" }]);
    }
  });

  it("recognises a Route 53 record that conflicts with another type, and every record of a batch", () => {
    const conflict = explainLog(
      "InvalidChangeBatch: [RRSet of type AAAA with DNS name staging.example.de. is not permitted because a conflicting RRSet of type CNAME with the same DNS name already exists in zone example.de.]",
    );
    expect(conflict.problems[0]!.resource).toEqual({
      type: "aws:route53/record:Record",
      name: "staging.example.de",
      recordType: "AAAA",
    });
    const batch = explainLog(
      "InvalidChangeBatch: [Tried to create resource record set [name='a.example.com.', type='A'] but it already exists, Tried to create resource record set [name='a.example.com.', type='AAAA'] but it already exists]",
    );
    expect(batch.problems.map((p) => p.resource?.recordType)).toEqual(["A", "AAAA"]);
  });

  it("recognises the other already-exists wordings", () => {
    const cases: [string, string, string | undefined][] = [
      ["ResourceInUseException: Table already exists: t1", "aws:dynamodb/table:Table", "t1"],
      ["ResourceConflictException: Function already exist: fn-1", "aws:lambda/function:Function", "fn-1"],
      ["EntityAlreadyExists: Role with name r1 already exists.", "aws:iam/role:Role", "r1"],
      [
        "creating S3 Bucket (b1): operation error S3: CreateBucket, https response error StatusCode: 409, BucketAlreadyExists: taken",
        "aws:s3/bucketV2:BucketV2",
        "b1",
      ],
    ];
    for (const [line, type, name] of cases) {
      expect(explainLog(line).problems[0]?.resource, line).toMatchObject({ type, name });
    }
    // A bucket another account owns cannot be adopted.
    expect(explainLog(cases[3]![0]).problems[0]!.fix.join("\n")).not.toContain("adopt");
    // An already-exists code of a type without its own wording takes the type of the heading above.
    const oac = explainLog(
      [
        "✕  Failed",
        "   MyWeb sst:aws:Nextjs → MyWebS3AccessControl sst:aws:OriginAccessControl",
        "   operation error CloudFront: CreateOriginAccessControl, https response error StatusCode: 409, RequestID: cb02, OriginAccessControlAlreadyExists: An origin access control with the same name already exists.",
      ].join("\n"),
    );
    expect(oac.problems).toMatchObject([
      {
        kind: "already-exists",
        resource: { type: "sst:aws:OriginAccessControl", logicalName: "MyWebS3AccessControl" },
      },
    ]);
  });

  it("does not borrow a name from an error above another heading", () => {
    const r = explainLog(
      [
        "A aws:cloudwatch:LogGroup",
        "creating CloudWatch Logs Log Group (/aws/lambda/a): ResourceAlreadyExistsException: The specified log group already exists",
        "B aws:cloudwatch:LogGroup",
        "Logs: CreateLogGroup, https response error StatusCode: 400, ResourceAlreadyExistsException: The specified log group already exists",
      ].join("\n"),
    );
    expect(r.problems.map((p) => p.resource)).toEqual([
      { type: "aws:cloudwatch/logGroup:LogGroup", name: "/aws/lambda/a", logicalName: "A" },
      { type: "aws:cloudwatch/logGroup:LogGroup", logicalName: "B" },
    ]);
  });

  // How long it takes is measured by `npm run bench` (bench/explain.bench.ts), not here.
  it("explains a 50 MB log: every kind of problem in it is found", () => {
    const samples = readdirSync(LOGS).map(load);
    const noise = Array.from(
      { length: 200 },
      (_, i) =>
        `|  Created     Fn${i} sst:aws:Function → Fn${i}Function aws:lambda:Function (${i % 10}.${i % 7}s) ${"x".repeat(i % 40)}`,
    ).join("\n");
    const parts: string[] = [];
    let size = 0;
    for (let k = 0; size < 50 * 1024 * 1024; k++) {
      const part = `${noise}\n${samples[k % samples.length]!}\n${"a(".repeat(2000)} already ${"-".repeat(3000)}\n`;
      parts.push(part);
      size += part.length;
    }
    const log = parts.join("");
    const r = explainLog(log);
    expect(new Set(kinds(r))).toEqual(
      new Set([
        "already-exists",
        "locked",
        "passphrase",
        "integrity",
        "pending-operations",
        "stage-not-found",
        "region",
      ]),
    );
    // The same resources repeated are still reported once each.
    expect(r.problems.length).toBeLessThan(30);
  });
});

describe("hostile input", () => {
  it("stays linear on huge lines built from the words the patterns look for", () => {
    const words = [
      "creating ",
      "Creating A ",
      "urn:pulumi:",
      ".pulumi/locks/",
      "the bucket is not in 'us-east-1' region ",
      "Role with name ",
      "already exists ",
      "aws:s3:Bucket ",
      "PermanentRedirect ",
    ];
    for (const word of words) {
      const line = word.repeat(Math.ceil(2_000_000 / word.length));
      const start = performance.now();
      explainLog(`${line}\n${line}`);
      expect(performance.now() - start, word).toBeLessThan(2000);
    }
  });
});

describe("types and names", () => {
  it("maps the short types Pulumi and SST print to full tokens", () => {
    for (const [short, full] of Object.entries(shortToFull())) expect(fullType(short)).toBe(full);
    expect(fullType("aws:cloudwatch:LogGroup")).toBe("aws:cloudwatch/logGroup:LogGroup");
    expect(fullType("aws:sqs:Queue")).toBe("aws:sqs/queue:Queue");
    expect(fullType("aws:s3/bucketV2:BucketV2")).toBe("aws:s3/bucketV2:BucketV2");
    expect(fullType("sst:aws:Function")).toBe("sst:aws:Function");
  });

  it("parses URNs", () => {
    expect(
      parseUrn("urn:pulumi:dev::app::sst:aws:Function$aws:lambda/function:Function::ApiFunction"),
    ).toEqual({
      stage: "dev",
      app: "app",
      type: "aws:lambda/function:Function",
      name: "ApiFunction",
    });
    expect(parseUrn("urn:pulumi:dev::app")).toBeUndefined();
  });

  it("tells whether a name carries the stage", () => {
    expect(nameHasStage("platform-dev-Api", "dev")).toBe(true);
    expect(nameHasStage("/aws/lambda/app-dev-ApiFunction", "dev")).toBe(true);
    expect(nameHasStage("app-devFunction", "dev")).toBe(true);
    expect(nameHasStage("app-device-Api", "dev")).toBe(false);
    expect(nameHasStage("shared-role", "dev")).toBe(false);
  });
});

describe("renderExplain", () => {
  const c = makeColors(false);

  it("says plainly when the log shows no known problem", () => {
    const out = renderExplain({ ...explain("clean-failure.log"), source: "deploy.log" }, c);
    expect(out).toContain("No known state problem in deploy.log (19 lines)");
    expect(out).toContain("stateward doctor --app notes --stage dev");
  });

  it("groups the problems by kind, each with its resource, line, excerpt, cause and fix", () => {
    const log = `${load("pulumi-lambda-exists-pending.log")}\n${load("sst-locked.log")}`;
    const out = renderExplain({ ...explainLog(log), source: "-" }, c);
    expect(out).toMatch(/^Explain - {2}\(\d+ lines, app billing, stage prod\)/);
    const pending = out.indexOf("Pending operations  (1)");
    const exists = out.indexOf("Already exists  (1)");
    const locked = out.indexOf("Locked  (1)");
    expect(pending).toBeGreaterThan(0);
    expect(exists).toBeGreaterThan(pending);
    expect(locked).toBeGreaterThan(exists);
    expect(out).toContain(
      "line 20  rule pending-create  aws:lambda/function:Function  billing-prod-invoice-worker",
    );
    expect(out).toContain("seen:  aws:lambda:Function (invoice-worker):");
    expect(out).toContain("why:   An earlier deploy was interrupted");
    expect(out).toContain(
      "fix:   stateward adopt aws:lambda/function:Function billing-prod-invoice-worker --urn urn:pulumi:prod::billing::aws:lambda/function:Function::invoice-worker --app billing --stage prod",
    );
    expect(out).toContain("3 problems in -: 1 pending operations, 1 already exists, 1 locked.");
  });

  it("colours when asked", () => {
    const out = renderExplain({ ...explain("sst-locked.log"), source: "x" }, makeColors(true));
    expect(out).toContain("\x1b[");
  });
});
