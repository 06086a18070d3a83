/**
 * What rules, repair and explain read from a kind instead of naming kinds themselves: which state
 * fields hold a name, which part of a physical name SST made from the logical one, how a record found
 * through its zone is worded, which kinds a removed stage leaves as `cloudfront-leftover`, and which
 * "already exists" codes mean the name is someone else's.
 */
import { describe, expect, it } from "vitest";
import { alreadyExistsSignature, KINDS, kindById } from "../../src/kinds/registry.js";
import { nameFieldsOf } from "../../src/kinds/types.js";
import { logicalFrom } from "../../src/repair/adopt-entry.js";
import { namesIn } from "../../src/rules/unmanaged.js";
import type { DeploymentV3 } from "../../src/state/index.js";

describe("what a kind tells the rules", () => {
  it("names the state fields that hold its physical name (none for a distribution)", () => {
    expect(nameFieldsOf(kindById("lambda-function")!)).toEqual(["name"]);
    expect(nameFieldsOf(kindById("s3-bucket")!)).toEqual(["bucket"]);
    expect(nameFieldsOf(kindById("ses-identity")!)).toEqual(["emailIdentity"]);
    expect(nameFieldsOf(kindById("route53-record")!)).toEqual(["name", "fqdn"]);
    expect(nameFieldsOf(kindById("cloudfront-distribution")!)).toEqual([]);
  });

  it("keys a deployment's names by kind, through the fields its kind names", () => {
    const deployment: DeploymentV3 = {
      resources: [
        {
          urn: "urn:pulumi:dev::acme::aws:s3/bucketV2:BucketV2::Site",
          custom: true,
          type: "aws:s3/bucketV2:BucketV2",
          id: "acme-dev-site-abcdefhk",
          inputs: { bucket: "acme-dev-site-abcdefhk", name: "not-a-bucket-name" },
        },
        {
          urn: "urn:pulumi:dev::acme::aws:cloudfront/distribution:Distribution::Cdn",
          custom: true,
          type: "aws:cloudfront/distribution:Distribution",
          id: "E2ABCDEF",
          outputs: { name: "not-its-name" },
        },
      ],
    } as unknown as DeploymentV3;
    expect([...namesIn(deployment).keys()].sort()).toEqual([
      "cloudfront-distribution|e2abcdef",
      "s3-bucket|acme-dev-site-abcdefhk",
    ]);
  });

  it("says which part of a physical name came from the logical name", () => {
    expect(logicalFrom("acme-dev-OrdersTable-abcdefhk", "aws:dynamodb/table:Table", "acme", "dev")).toBe(
      "OrdersTable",
    );
    expect(
      logicalFrom("/aws/lambda/acme-dev-Worker-abcdefhk", "aws:cloudwatch/logGroup:LogGroup", "acme", "dev"),
    ).toBe("Worker");
    expect(
      logicalFrom("Z0123456789ABC_api.example.com_CNAME", "aws:route53/record:Record", "acme", "dev"),
    ).toBe("apiexamplecomCNAME");
    // Only a log group's name loses `/aws/lambda/`.
    expect(logicalFrom("/aws/lambda/x", "aws:dynamodb/table:Table", "acme", "dev")).toBe("awslambdax");
  });

  it("words a find through a group only for kinds that have groups", () => {
    for (const kind of KINDS) {
      expect(kind.foundInGroup !== undefined).toBe(kind.groupPrefix !== undefined);
    }
    expect(kindById("route53-record")!.foundInGroup!("dev")).toBe(
      "listing the zone that dev's records are in",
    );
  });

  it("marks CloudFront's kinds as the ones a cancelled remove leaves (cloudfront-leftover)", () => {
    expect(KINDS.filter((k) => k.slowRemove === true).map((k) => k.kind)).toEqual([
      "cloudfront-function",
      "cloudfront-distribution",
    ]);
  });

  it("knows which 'already exists' codes mean the name is someone else's", () => {
    expect(alreadyExistsSignature("CNAMEAlreadyExists")?.takenElsewhere).toBeDefined();
    expect(alreadyExistsSignature("BucketAlreadyExists")?.takenElsewhere).toBeDefined();
    expect(alreadyExistsSignature("BucketAlreadyOwnedByYou")?.takenElsewhere).toBeUndefined();
    expect(alreadyExistsSignature("NoSuchCode")).toBeUndefined();
    const bucket = alreadyExistsSignature("BucketAlreadyExists")!.takenElsewhere!;
    expect(bucket.cause("the S3 bucket site", "site")).toBe(
      "S3 bucket names are global and site belongs to another AWS account, so the deploy cannot create it and stateward cannot adopt it.",
    );
    expect(bucket.fix("Site", "stateward doctor")).toEqual([
      "# give Site another bucket name (or let SST generate one), then deploy again",
    ]);
  });
});
