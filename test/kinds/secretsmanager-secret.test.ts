/**
 * The Secrets Manager secret kind, pure: its ARN (name plus AWS's six-character suffix) and state
 * entries, SST's naming, and `explain` recognising the real texts users pasted (pulumi/pulumi#4172,
 * hashicorp/terraform-provider-aws#4467), including a name held by a secret scheduled for deletion.
 */
import { describe, expect, it } from "vitest";
import { alreadyExistsLog as fixture } from "../fixtures/files.js";
import { explainLog } from "../../src/explain/index.js";
import {
  alreadyExistsSignature,
  deleteRank,
  kindForArn,
  kindForShownType,
  typeOfWording,
} from "../../src/kinds/registry.js";
import { secretNameOfArn, secretsmanagerSecret as kind } from "../../src/kinds/secretsmanager-secret.js";
import type { CloudResource } from "../../src/kinds/types.js";
import { generateName } from "../../src/state/names.js";
import type { ResourceV3 } from "../../src/state/index.js";

const TOKEN = "aws:secretsmanager/secret:Secret";
const ARN = "arn:aws:secretsmanager:us-west-2:616138583583:secret:example-NG8X21";

describe("secretsmanager-secret kind", () => {
  it("reads the name out of an ARN, without AWS's suffix; the id is the ARN", () => {
    expect(kind.fromArn(ARN)).toEqual({ name: "example", id: ARN, region: "us-west-2", arn: ARN });
    expect(secretNameOfArn("arn:aws:secretsmanager:eu-west-1:1:secret:acme/dev/db-x-AbC123")).toBe(
      "acme/dev/db-x",
    );
    expect(kind.fromArn("arn:aws:secretsmanager:us-east-1:1:secret:short")).toBeUndefined();
    expect(kind.fromArn("arn:aws:ssm:us-east-1:1:parameter/x")).toBeUndefined();
    expect(kindForArn(ARN)?.kind).toBe("secretsmanager-secret");
    expect(kindForShownType("aws:secretsmanager:Secret")?.kind).toBe("secretsmanager-secret");
  });

  it("identifies a state entry by its name input, with the ARN as id", () => {
    const entry = {
      urn: "urn:pulumi:dev::acme::aws:secretsmanager/secret:Secret::Db",
      type: TOKEN,
      custom: true,
      id: ARN,
      inputs: { name: "example" },
      outputs: { arn: ARN, id: ARN, name: "example" },
    } as ResourceV3;
    expect(kind.identify(entry, "us-west-2")).toEqual({
      name: "example",
      id: ARN,
      region: "us-west-2",
      arn: ARN,
    });
    // No name recorded: the ARN id still says it.
    const bare = { ...entry, inputs: {}, outputs: {} } as ResourceV3;
    expect(kind.identify(bare, "us-west-2")).toEqual({
      name: "example",
      id: ARN,
      region: "us-west-2",
      arn: ARN,
    });
    // A pending create has no id yet: its name.
    const pending = { urn: entry.urn, type: TOKEN, custom: true, inputs: { name: "acme-dev-Db-abcdefgh" } };
    expect(kind.identify(pending as ResourceV3, "us-east-1")).toMatchObject({
      name: "acme-dev-Db-abcdefgh",
      id: "acme-dev-Db-abcdefgh",
    });
  });

  it("names like SST (rule 512) and goes after functions and tables in a deletion", () => {
    expect(generateName("acme", "dev", "DbProxySecret", TOKEN).name).toMatch(
      /^acme-dev-DbProxySecret-[a-z]{8}$/,
    );
    expect(kind.naming?.[TOKEN]?.max).toBe(512);
    expect(deleteRank("aws:lambda/function:Function")).toBeLessThan(deleteRank(TOKEN));
    expect(deleteRank("aws:dynamodb/table:Table")).toBeLessThan(deleteRank(TOKEN));
    expect(deleteRank(TOKEN)).toBeLessThan(deleteRank("aws:iam/role:Role"));
    expect(typeOfWording("Secrets Manager Secret")).toBe(TOKEN);
  });

  it("reports a secret AWS has scheduled for deletion as drift, and its description", () => {
    const entry = {
      type: TOKEN,
      id: ARN,
      outputs: { description: "db", kmsKeyId: "" },
    } as unknown as ResourceV3;
    const cloud = {
      detail: { description: "db", kmsKeyId: "" },
      deleting: "2026-12-01T00:00:00.000Z",
    } as unknown as CloudResource;
    expect(kind.drift(entry, cloud)).toEqual([
      { property: "deletedDate", state: null, cloud: "2026-12-01T00:00:00.000Z" },
    ]);
  });
});

describe("explain on real Secrets Manager texts", () => {
  it("ResourceExistsException (Pulumi, pulumi#4172): the secret and its name", () => {
    const r = explainLog(fixture("secretsmanager-secret-exists.log"));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      kind: "already-exists",
      resource: { type: TOKEN, name: "myAwesomeName" },
    });
  });

  it("ResourceExistsException (Terraform 0.11 layout): a name with a slash", () => {
    const r = explainLog(fixture("secretsmanager-secret-exists-terraform.log"));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      kind: "already-exists",
      resource: { type: TOKEN, name: "CapeCloud/MongoDB_root_Credential" },
    });
  });

  it("already scheduled for deletion: says the deleted secret holds the name, restore+adopt or force-delete", () => {
    const line = fixture("secretsmanager-secret-scheduled-for-deletion.log")
      .split("\n")
      .find((l) => l.includes("InvalidRequestException"))!;
    const sig = kind.wording!.alreadyExists!.find((s) => s.re.test(line))!;
    expect(sig.code).toBe("InvalidRequestException");
    expect(alreadyExistsSignature("InvalidRequestException")).toBe(sig);
    const cause = sig.takenElsewhere!.cause("the Secrets Manager secret (myAwesomeName)", undefined);
    expect(cause).toMatch(/scheduled for deletion/);
    expect(cause).toMatch(/recovery window/);
    const fix = sig.takenElsewhere!.fix("myAwesomeName", "stateward doctor --stage dev").join("\n");
    expect(fix).toContain("stateward doctor --stage dev");
    expect(fix).toContain("aws secretsmanager restore-secret");
    expect(fix).toContain("stateward adopt aws:secretsmanager/secret:Secret");
    expect(fix).toContain("--force-delete-without-recovery");
    expect(fix).not.toMatch(/get-secret-value/);
  });

  it("explainLog recognises the scheduled-for-deletion text as the name taken by the deleted secret", () => {
    const r = explainLog(fixture("secretsmanager-secret-scheduled-for-deletion.log"));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      kind: "already-exists",
      rule: "name-taken",
      resource: { type: TOKEN, logicalName: "myAwesomeName" },
    });
    expect(r.problems[0]!.cause).toMatch(/scheduled for deletion/);
    expect(r.problems[0]!.fix.join("\n")).toContain("--force-delete-without-recovery");
  });
});
