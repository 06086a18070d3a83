/**
 * The one list of kinds: every token maps back to its kind, nothing is claimed twice, the deletion
 * order is the one stateward always used, and every kind's service has a driver that serves it.
 */
import { RRType } from "@aws-sdk/client-route-53";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { allDrivers, driverFor } from "../../src/cloud/drivers/index.js";
import {
  deleteRank,
  GLOBAL_REGION,
  isGlobal,
  KINDS,
  kindById,
  kindForArn,
  kindForShownType,
  kindForType,
  NAME_RULES,
  shortToFull,
  typeOfWording,
} from "../../src/kinds/registry.js";
import { RECORD_TYPES } from "../../src/kinds/route53-record.js";
import { shortType } from "../../src/kinds/types.js";

describe("the kinds registry", () => {
  it("maps every kind's tokens, short forms and id back to it", () => {
    for (const kind of KINDS) {
      expect(kindById(kind.kind)).toBe(kind);
      for (const t of kind.types) {
        expect(kindForType(t)).toBe(kind);
        expect(kindForShownType(t)).toBe(kind);
        expect(kindForShownType(shortType(t))).toBe(kind);
        expect(shortToFull()[shortType(t)]).toBe(t);
      }
    }
    expect(kindForType("aws:ec2/vpc:Vpc")).toBeUndefined();
    // A short form is what a CLI shows, never what state holds.
    expect(kindForType("aws:iam:Role")).toBeUndefined();
    expect(kindForShownType("aws:iam:Role")?.kind).toBe("iam-role");
  });

  it("claims no id, token or tag type twice", () => {
    const ids = KINDS.map((k) => k.kind);
    expect(new Set(ids).size).toBe(ids.length);
    const tokens = KINDS.flatMap((k) => k.types);
    expect(new Set(tokens).size).toBe(tokens.length);
    const tagTypes = KINDS.flatMap((k) => (k.tagType === undefined ? [] : [k.tagType]));
    expect(new Set(tagTypes).size).toBe(tagTypes.length);
    const named = KINDS.flatMap((k) => Object.keys(k.naming ?? {}));
    expect(named.every((t) => kindForType(t)?.naming?.[t] !== undefined)).toBe(true);
  });

  it("keeps the deletion order stateward always used (what refers to others first)", () => {
    const order = [
      "aws:cloudfront/distribution:Distribution",
      "aws:route53/record:Record",
      "aws:lambda/eventSourceMapping:EventSourceMapping",
      "aws:lambda/function:Function",
      "aws:cloudfront/function:Function",
      "aws:cloudwatch/logGroup:LogGroup",
      "aws:sqs/queue:Queue",
      "aws:dynamodb/table:Table",
      "aws:sesv2/emailIdentity:EmailIdentity",
      "aws:ses/emailIdentity:EmailIdentity",
      "aws:s3/bucketV2:BucketV2",
      "aws:s3/bucket:Bucket",
      "aws:iam/role:Role",
    ];
    const ranks = order.map(deleteRank);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(new Set(ranks).size).toBe(ranks.length);
    // Types stateward does not know go last.
    expect(deleteRank("aws:ec2/vpc:Vpc")).toBeGreaterThan(Math.max(...ranks));
    // What must go first goes first.
    for (const kind of KINDS) {
      for (const before of kind.deleteAfter ?? []) {
        expect(kindById(before)!.deleteRank).toBeLessThan(kind.deleteRank);
      }
    }
  });

  it("says which kinds are global, with their API region: those of IAM, CloudFront and Route 53", () => {
    // AWS keeps these three services in no region (their APIs answer in us-east-1); every other kind's
    // resources live in a region.
    const globalServices = new Set(["iam", "cloudfront", "route53"]);
    for (const k of KINDS) expect(k.global, k.kind).toBe(globalServices.has(k.service));
    expect(KINDS.filter((k) => k.global).map((k) => k.kind)).toEqual(
      expect.arrayContaining([
        "cloudfront-distribution",
        "cloudfront-function",
        "iam-role",
        "route53-record",
      ]),
    );
    for (const k of KINDS)
      expect(k.global ? k.apiRegion : undefined).toBe(k.global ? GLOBAL_REGION : undefined);
    expect(isGlobal("iam-role")).toBe(true);
    expect(isGlobal("aws:route53/record:Record")).toBe(true);
    expect(isGlobal("aws:s3/bucket:Bucket")).toBe(false);
  });

  it("tells kinds apart by ARN", () => {
    expect(kindForArn("arn:aws:dynamodb:us-east-1:123456789012:table/acme-dev-Orders")?.kind).toBe(
      "dynamodb-table",
    );
    expect(kindForArn("arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/x:*")?.kind).toBe(
      "log-group",
    );
    expect(kindForArn("arn:aws:s3:::acme-dev-assets")?.kind).toBe("s3-bucket");
    expect(kindForArn("arn:aws:ses:us-east-1:123456789012:identity/acme.example")?.kind).toBe("ses-identity");
    expect(kindForArn("arn:aws:ec2:us-east-1:123456789012:vpc/vpc-1")).toBeUndefined();
  });

  it("names the provider's wording and SST's naming rules from the kinds", () => {
    expect(typeOfWording("CloudWatch Logs Log Group")).toBe("aws:cloudwatch/logGroup:LogGroup");
    expect(typeOfWording("S3 Bucket")).toBe("aws:s3/bucketV2:BucketV2");
    expect(typeOfWording("Route 53 Record")).toBe("aws:route53/record:Record");
    expect(typeOfWording("EC2 VPC")).toBeUndefined();
    // SST's naming rules as read from its source (docs/coverage/sst-resources.md §1.1): every rule of a
    // type stateward has a kind for is the kind's, with the same field, limit and case.
    const doc = readFileSync(new URL("../../docs/coverage/sst-resources.md", import.meta.url), "utf8");
    const section = doc.slice(doc.indexOf("Rules relevant to the typical app"), doc.indexOf("### 1.2"));
    const rows = [...section.matchAll(/^\| `(aws:[^`]+)`\s*\| `(\w+)`\s*\| (\d+)\s*\|([^|]*)\|/gm)];
    expect(rows.length).toBeGreaterThan(10);
    const withKind = rows.filter((r) => kindForType(r[1]!) !== undefined);
    for (const [, token, field, max, options] of withKind) {
      expect(NAME_RULES[token!], token).toMatchObject({ field, max: Number(max) });
      expect(NAME_RULES[token!]!.lower === true, token).toBe(/\blower\b/.test(options!));
    }
    // The rules no row has: SST 3.x's bucket token, and the log groups the Function component names.
    const documented = new Set(rows.map((r) => r[1]!));
    expect(
      Object.keys(NAME_RULES)
        .filter((t) => !documented.has(t))
        .sort(),
    ).toEqual(["aws:cloudwatch/logGroup:LogGroup", "aws:s3/bucketV2:BucketV2"]);
  });

  it("knows Route 53's record types as the SDK does", () => {
    expect([...RECORD_TYPES].sort()).toEqual([...Object.values(RRType)].sort());
  });

  it("resolves every kind's service to a driver that reads and deletes it", async () => {
    for (const kind of KINDS) {
      const driver = await driverFor(kind);
      expect(driver, kind.kind).toBeDefined();
      expect(driver!.kind).toBe(kind.kind);
      expect(typeof driver!.read).toBe("function");
      expect(typeof driver!.delete).toBe("function");
      // The driver serves the kind as it is: same tokens, same pure functions.
      expect(driver!.types).toEqual(kind.types);
      expect([driver!.label, driver!.global, driver!.taggable]).toEqual([
        kind.label,
        kind.global,
        kind.taggable,
      ]);
      // Kinds tags cannot (always) find are listed by name.
      if (!kind.taggable || kind.nameListed === true) expect(typeof driver!.listByName).toBe("function");
    }
    expect((await allDrivers()).map((d) => d.kind)).toEqual(KINDS.map((k) => k.kind));
  });
});
