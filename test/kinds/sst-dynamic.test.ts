/**
 * SST's own dynamic-provider entries (`pulumi-nodejs:dynamic:Resource`): the registry tells their
 * kind by the provider their URN names (`<name>.sst.aws.OriginAccessControl`), the OAC kind
 * identifies them from what they record, and doctor checks them against the local cloud — one whose
 * OAC exists is managed, one whose OAC is gone is stale, and a pending create whose OAC SST's
 * provider made is a pending create whose printed adopt turns it into the entry Pulumi would have.
 *
 * The entries are built as SST writes them (anomalyco/sst at 8bfe1c1b):
 * platform/src/components/aws/router.ts creates `new OriginAccessControl(`${name}S3AccessControl`,
 * { name: physicalName(64, name) }, { parent: self, ignoreChanges: ["name"] })`;
 * platform/src/components/aws/providers/origin-access-control.ts names the resource
 * `${name}.sst.aws.OriginAccessControl` under the `Aws.OriginAccessControl` RPC provider; the Go side
 * (pkg/server/resource/aws-origin-access-control.go) creates the OAC named `name[:55]-<8 random>` and
 * returns `{ id: <OAC id>, outs: {} }`; Pulumi's dynamic provider records inputs with `__provider`
 * and outputs = outs + `__provider` (pulumi/pulumi sdk/nodejs/cmd/dynamic-provider/index.ts). The
 * `__provider` value (a serialized module) is shortened here.
 */
import { CloudFrontClient, CreateOriginAccessControlCommand } from "@aws-sdk/client-cloudfront";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { cloudfrontOac, isSstOacName, sstOacName } from "../../src/kinds/cloudfront-oac.js";
import { DYNAMIC_RESOURCE, kindForEntry } from "../../src/kinds/registry.js";
import type { CloudResource } from "../../src/kinds/types.js";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { sstKeys, type ResourceV3 } from "../../src/state/index.js";
import { SstStateBuilder, toBytes } from "../fixtures/builder.js";
import { cli } from "../helpers.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";

const ACCOUNT = "579135791357";
const PROVIDER =
  'exports.handler = __f0;\nfunction __f0() { return new rpc.Provider("Aws.OriginAccessControl"); }';

/** A printed command's words, with the single quotes doctor puts around a URN taken off. */
const shellWords = (line: string) => line.match(/'[^']*'|\S+/g)!.map((w) => w.replace(/^'(.*)'$/, "$1"));

/** The URN SST's provider gives a Router's OAC entry. */
const oacUrn = (stage: string, router: string) =>
  `urn:pulumi:${stage}::acme::sst:aws:Router$${DYNAMIC_RESOURCE}::${router}S3AccessControl.sst.aws.OriginAccessControl`;

describe("kindForEntry", () => {
  it("maps SST's OAC entries by their URN name, and leaves its other dynamic providers unchecked", () => {
    expect(kindForEntry({ type: DYNAMIC_RESOURCE, urn: oacUrn("dev", "Web") })?.kind).toBe("cloudfront-oac");
    const kvKeys = `urn:pulumi:dev::acme::sst:aws:Router$${DYNAMIC_RESOURCE}::WebKvKeys.sst.aws.KvKeys`;
    expect(kindForEntry({ type: DYNAMIC_RESOURCE, urn: kvKeys })).toBeUndefined();
    expect(kindForEntry({ type: DYNAMIC_RESOURCE })).toBeUndefined();
    // A type token decides by itself.
    expect(kindForEntry({ type: "aws:sqs/queue:Queue", urn: oacUrn("dev", "Web") })?.kind).toBe("sqs-queue");
  });

  it("identifies an SST OAC entry by its OAC id, and matches the OAC SST's provider named", () => {
    const entry = {
      urn: oacUrn("dev", "Web"),
      type: DYNAMIC_RESOURCE,
      custom: true,
      id: "E327GJI25M56DG",
      inputs: { __provider: PROVIDER, name: "acme-dev-Web-abcdefgh" },
      outputs: { __provider: PROVIDER },
    } as unknown as ResourceV3;
    const identity = cloudfrontOac.identify(entry, "eu-west-1")!;
    expect(identity).toEqual({ name: "acme-dev-Web-abcdefgh", id: "E327GJI25M56DG", region: "us-east-1" });
    const cloud = (name: string, id: string) => ({ name, id }) as CloudResource;
    expect(
      cloudfrontOac.sameResource!(entry, identity, cloud("acme-dev-Web-abcdefgh-x1y2z3w4", "E327GJI25M56DG")),
    ).toBe(true);
    expect(
      cloudfrontOac.sameResource!(entry, identity, cloud("acme-dev-Web-abcdefgh-x1y2z3w4", "E999GJI25M56DG")),
    ).toBe(false);
    // A pending create (no id yet): the OAC named from its `name`, either way SST has named it.
    const pending = { ...entry, id: undefined } as unknown as ResourceV3;
    const asked = cloudfrontOac.identify(pending, "us-east-1")!;
    expect(cloudfrontOac.sameResource!(pending, asked, cloud("acme-dev-Web-abcdefgh-x1y2z3w4", "E1"))).toBe(
      true,
    );
    expect(cloudfrontOac.sameResource!(pending, asked, cloud("acme-dev-Web-abcdefgh-X1Y2Z3W4", "E1"))).toBe(
      false,
    );
    expect(cloudfrontOac.sameResource!(pending, asked, cloud("acme-dev-Web-abcdefgh-x1y2z3w4-x", "E1"))).toBe(
      false,
    );
    const long = "a".repeat(64);
    expect(isSstOacName(long, sstOacName(long, "k3m9p2q7"))).toBe(true);
    expect(isSstOacName("acme-dev-Web", "acme-dev-Web")).toBe(true);
  });
});

describe("doctor on SST's OAC entries", () => {
  const sandbox = useSandbox({ accountId: ACCOUNT });

  async function createOac(cf: CloudFrontClient, name: string): Promise<string> {
    const out = await cf.send(
      new CreateOriginAccessControlCommand({
        OriginAccessControlConfig: {
          Name: name,
          Description: "Created by SST",
          OriginAccessControlOriginType: "s3",
          SigningBehavior: "always",
          SigningProtocol: "sigv4",
        },
      }),
    );
    return out.OriginAccessControl!.Id!;
  }

  it("checks them: managed when the OAC exists, stale when gone, a pending create whose OAC exists adopts", async () => {
    await seedAcme({ url: sandbox.server().url }, ACCOUNT);
    const cf = new CloudFrontClient(sandbox.config("us-east-1"));
    const liveId = await createOac(cf, sstOacName("acme-dyn-Web-abcdefgh", "x1y2z3w4"));
    const pendingId = await createOac(cf, sstOacName("acme-dyn-Docs-abcdefgh", "k3m9p2q7"));
    cf.destroy();

    const b = new SstStateBuilder({ app: "acme", stage: "dyn", account: ACCOUNT, region: ACME.homeRegion });
    const nodejs = `urn:pulumi:dyn::acme::pulumi:providers:pulumi-nodejs::default`;
    const nodejsId = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    b.resources.push({
      urn: nodejs,
      custom: true,
      id: nodejsId,
      type: "pulumi:providers:pulumi-nodejs",
      inputs: {},
      outputs: {},
    });
    const entry = (router: string, id: string | undefined) => {
      const parent = b.component("sst:aws:Router", router);
      return {
        urn: oacUrn("dyn", router),
        custom: true,
        ...(id === undefined ? {} : { id }),
        type: DYNAMIC_RESOURCE,
        inputs: { __provider: PROVIDER, name: `acme-dyn-${router}-abcdefgh` },
        ...(id === undefined ? {} : { outputs: { __provider: PROVIDER } }),
        parent: parent.urn,
        provider: `${nodejs}::${nodejsId}`,
      };
    };
    b.resources.push(entry("Web", liveId), entry("Gone", "E0GONE0GONE0GO"));
    b.pending.push({ resource: entry("Docs", undefined), type: "creating" });
    const s3 = new S3Client(sandbox.config(ACME.homeRegion));
    const key = sstKeys.state("acme", "dyn");
    await s3.send(new PutObjectCommand({ Bucket: ACME.stateBucket, Key: key, Body: toBytes(b.versioned()) }));

    const flags = ["--app", "acme", "--stage", "dyn"];
    const doctor = async () =>
      JSON.parse((await cli(["doctor", ...flags, "--json"], sandboxEnv(sandbox))).stdout) as {
        findings: {
          rule: string;
          resources: { type: string; name: string; urn?: string }[];
          fix: string[];
        }[];
      };
    const { findings } = await doctor();
    const oacs = findings
      .filter((f) => f.resources.some((r) => r.urn?.includes(".sst.aws.OriginAccessControl") === true))
      .map((f) => `${f.rule} ${f.resources.map((r) => r.name).join(",")}`)
      .sort();
    // Web's OAC exists (managed: no finding), Gone's does not (stale), Docs' was created (pending).
    expect(oacs).toEqual(["pending-create acme-dyn-Docs-abcdefgh", "stale acme-dyn-Gone-abcdefgh"]);
    // No OAC is an orphan: the live ones are the entries' (by id, and by the name SST's provider made).
    expect(findings.filter((f) => f.rule === "orphan")).toEqual([]);
    // Nothing of the OACs is left "not checked".
    expect(JSON.stringify(findings.filter((f) => f.rule === "coverage"))).not.toContain(
      "OriginAccessControl",
    );

    const adopt = findings.find((f) => f.rule === "pending-create")!.fix[0]!;
    expect(adopt).toBe(
      `stateward adopt ${DYNAMIC_RESOURCE} ${pendingId} --urn '${oacUrn("dyn", "Docs")}' --app acme --stage dyn`,
    );
    const adopted = await cli([...shellWords(adopt).slice(1), "--yes"], sandboxEnv(sandbox));
    expect(adopted.code, adopted.stderr).toBe(0);
    const after = await s3.send(new GetObjectCommand({ Bucket: ACME.stateBucket, Key: key }));
    const state = JSON.parse(await after.Body!.transformToString()) as {
      checkpoint: { latest: { resources: ResourceV3[]; pending_operations?: unknown[] } };
    };
    const docs = state.checkpoint.latest.resources.find((r) => r.urn === oacUrn("dyn", "Docs"))!;
    // The entry Pulumi's dynamic provider would have written: the OAC id, the inputs, outs + __provider.
    expect(docs).toMatchObject({
      type: DYNAMIC_RESOURCE,
      id: pendingId,
      inputs: { __provider: PROVIDER, name: "acme-dyn-Docs-abcdefgh" },
    });
    expect(docs.outputs).toEqual({ __provider: PROVIDER });
    expect(state.checkpoint.latest.pending_operations ?? []).toEqual([]);
    const again = await doctor();
    expect(again.findings.filter((f) => f.rule === "pending-create")).toEqual([]);
    s3.destroy();
  });

  it("`fix` adopts such a pending create too (the plan's adopt action)", async () => {
    const cf = new CloudFrontClient(sandbox.config("us-east-1"));
    const id = await createOac(cf, sstOacName("acme-dynfix-Web-abcdefgh", "q1w2e3r4"));
    cf.destroy();
    const b = new SstStateBuilder({
      app: "acme",
      stage: "dynfix",
      account: ACCOUNT,
      region: ACME.homeRegion,
    });
    const parent = b.component("sst:aws:Router", "Web");
    const urn = oacUrn("dynfix", "Web");
    const inputs = { __provider: PROVIDER, name: "acme-dynfix-Web-abcdefgh" };
    b.pending.push({
      resource: { urn, custom: true, type: DYNAMIC_RESOURCE, inputs, parent: parent.urn },
      type: "creating",
    });
    const s3 = new S3Client(sandbox.config(ACME.homeRegion));
    const key = sstKeys.state("acme", "dynfix");
    await s3.send(new PutObjectCommand({ Bucket: ACME.stateBucket, Key: key, Body: toBytes(b.versioned()) }));
    const r = await cli(
      ["fix", "--app", "acme", "--stage", "dynfix", "--yes", "--json"],
      sandboxEnv(sandbox),
    );
    expect(r.code, r.stderr).toBe(0);
    const after = await s3.send(new GetObjectCommand({ Bucket: ACME.stateBucket, Key: key }));
    const state = JSON.parse(await after.Body!.transformToString()) as {
      checkpoint: { latest: { resources: ResourceV3[] } };
    };
    const entry = state.checkpoint.latest.resources.find((x) => x.urn === urn);
    expect(entry).toMatchObject({ id, inputs, outputs: { __provider: PROVIDER } });
    s3.destroy();
  });
});
