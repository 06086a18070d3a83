/**
 * The CloudFront origin access control kind, pure: its ARN and state entries (the id is the OAC id,
 * the name its `name`), SST's naming through its own provider, its place in a deletion (after the
 * distribution that uses it), and `explain` recognising the real texts users pasted
 * (anomalyco/sst#4118: `OriginAccessControlAlreadyExists`; aws-samples/bedrock-chat#794:
 * CloudFormation's `Resource of type 'AWS::CloudFront::OriginAccessControl' … already exists`).
 */
import { describe, expect, it } from "vitest";
import { alreadyExistsLog as fixture } from "../fixtures/files.js";
import { explainLog } from "../../src/explain/index.js";
import { cloudfrontOac as kind, sstOacName } from "../../src/kinds/cloudfront-oac.js";
import {
  deleteRank,
  isGlobal,
  kindForArn,
  kindForShownType,
  sameType,
  NAME_RULES,
  typeOfWording,
} from "../../src/kinds/registry.js";
import type { CloudResource } from "../../src/kinds/types.js";
import type { ResourceV3 } from "../../src/state/index.js";

const TOKEN = "aws:cloudfront/originAccessControl:OriginAccessControl";
const ID = "E327GJI25M56DG";
const ARN = `arn:aws:cloudfront::123456789012:origin-access-control/${ID}`;

describe("cloudfront-oac kind", () => {
  it("reads the id out of an ARN; global, in us-east-1", () => {
    expect(kind.fromArn(ARN)).toEqual({ name: ID, id: ID, region: "us-east-1", arn: ARN });
    expect(kind.fromArn("arn:aws:cloudfront::123456789012:distribution/E1ABCDEF")).toBeUndefined();
    expect(kindForArn(ARN)?.kind).toBe("cloudfront-oac");
    expect(kindForShownType("aws:cloudfront:OriginAccessControl")?.kind).toBe("cloudfront-oac");
    expect(isGlobal(TOKEN)).toBe(true);
    expect(kind.taggable).toBe(false);
  });

  it("identifies a state entry by its name, with the OAC id as id", () => {
    const entry = {
      urn: "urn:pulumi:dev::acme::aws:cloudfront/originAccessControl:OriginAccessControl::Oac",
      type: TOKEN,
      custom: true,
      id: ID,
      inputs: { name: "acme-dev-Oac", signingBehavior: "always" },
      outputs: { id: ID, name: "acme-dev-Oac", etag: "E2QWRUHAPOMQZL" },
    } as unknown as ResourceV3;
    expect(kind.identify(entry, "eu-west-1")).toEqual({ name: "acme-dev-Oac", id: ID, region: "us-east-1" });
    // A pending create has no id yet: its name.
    const pending = { urn: entry.urn, type: TOKEN, custom: true, inputs: { name: "acme-dev-Oac" } };
    expect(kind.identify(pending as unknown as ResourceV3, "us-east-1")).toMatchObject({
      name: "acme-dev-Oac",
      id: "acme-dev-Oac",
    });
  });

  it("names like SST's provider, lists the stage's prefix, and goes right after distributions", () => {
    const physical = "acme-dev-WebS3AccessControl-abcdefgh";
    expect(sstOacName(physical, "x1y2z3w4")).toBe("acme-dev-WebS3AccessControl-abcdefgh-x1y2z3w4");
    expect(sstOacName("a".repeat(64), "x1y2z3w4")).toHaveLength(64);
    // SST does not create the pulumi-aws token itself: no naming rule to generate.
    expect(NAME_RULES[TOKEN]).toBeUndefined();
    expect(kind.stagePrefixes?.("acme", "dev")).toEqual(["acme-dev-"]);
    expect(deleteRank("aws:cloudfront/distribution:Distribution")).toBeLessThan(deleteRank(TOKEN));
    expect(deleteRank(TOKEN)).toBeLessThan(deleteRank("aws:route53/record:Record"));
    expect(kind.deleteAfter).toEqual(["cloudfront-distribution"]);
    expect(typeOfWording("CloudFront Origin Access Control")).toBe(TOKEN);
  });

  it("reports changed signing settings as drift", () => {
    const entry = {
      type: TOKEN,
      id: ID,
      outputs: { signingBehavior: "always", signingProtocol: "sigv4", originAccessControlOriginType: "s3" },
    } as unknown as ResourceV3;
    const cloud = {
      detail: {
        signingBehavior: "no-override",
        signingProtocol: "sigv4",
        originAccessControlOriginType: "s3",
      },
    } as unknown as CloudResource;
    expect(kind.drift(entry, cloud)).toEqual([
      { property: "signingBehavior", state: "always", cloud: "no-override" },
    ]);
  });
});

describe("explain on CloudFront's OAC texts", () => {
  it("OriginAccessControlAlreadyExists (SST 3.0.124, sst#4118): an origin access control", () => {
    const r = explainLog(fixture("cloudfront-origin-access-control.log"));
    expect(r.problems).toHaveLength(1);
    // The log's heading shows SST's own component type (its dynamic provider made the OAC): kept, and
    // the same kind as the pulumi-aws token.
    expect(r.problems[0]).toMatchObject({
      kind: "already-exists",
      resource: { type: "sst:aws:OriginAccessControl", logicalName: "MyWebS3AccessControl" },
    });
    expect(sameType(r.problems[0]!.resource!.type!, TOKEN)).toBe(true);
  });

  it("CloudFormation's form (bedrock-chat#794): the type and the name it gives", () => {
    const r = explainLog(fixture("cloudfront-origin-access-control-cfn.log"));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      kind: "already-exists",
      resource: { type: TOKEN, name: "BedrockChatStackFrontendDistOrigin1S3OriginAccessControlA46AADB6" },
    });
  });
});
