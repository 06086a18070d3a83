import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  Route53Client,
} from "@aws-sdk/client-route-53";
import { afterAll, describe, expect, it } from "vitest";
import {
  cloudfrontDistributionAdopter,
  cloudfrontFunctionAdopter,
} from "../../../src/cloud/drivers/adopt/cloudfront.js";
import { route53RecordAdopter } from "../../../src/cloud/drivers/adopt/route53-record.js";
import { AwsClients } from "../../../src/cloud/clients.js";
import { cloudContext } from "../../../src/cloud/context.js";
import type { Identity } from "../../../src/kinds/types.js";
import { Clients } from "../../../src/sandbox/scenarios/clients.js";
import { materialize } from "../../../src/sandbox/scenarios/materialize.js";
import { SstStateBuilder, type Resource } from "../../fixtures/builder.js";
import { useSandbox } from "../../sandbox/harness.js";

const sandbox = useSandbox();
const REGION = "us-east-1";

const made: { destroy(): void }[] = [];
afterAll(() => {
  for (const c of made) c.destroy();
});

function context() {
  const clients = new AwsClients(
    { region: REGION },
    { AWS_ENDPOINT_URL: sandbox.server().url, AWS_ACCESS_KEY_ID: "AKIATEST", AWS_SECRET_ACCESS_KEY: "x" },
  );
  return cloudContext(clients);
}

function seeder(): Clients {
  const clients = new Clients({ url: sandbox.server().url });
  made.push(clients);
  return clients;
}

function props(r: Resource, which: "inputs" | "outputs"): Record<string, unknown> {
  return (r[which] ?? {}) as Record<string, unknown>;
}

function identity(name: string, id: string): Identity {
  return { name, id, region: REGION };
}

/** A value without the `__defaults` pulumi-aws puts in nested input objects (the builder writes none). */
function withoutNestedDefaults(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNestedDefaults);
  if (v === null || typeof v !== "object") return v;
  return Object.fromEntries(
    Object.entries(v as Record<string, unknown>)
      .filter(([k]) => k !== "__defaults")
      .map(([k, x]) => [k, withoutNestedDefaults(x)]),
  );
}

/** Every listed key the builder wrote in its inputs is adopted with the builder's value. */
function expectInputs(r: Resource, adopted: Record<string, unknown>, keys: string[]): void {
  const inputs = props(r, "inputs");
  for (const key of keys) {
    expect(inputs, key).toHaveProperty(key);
    expect(withoutNestedDefaults(adopted[key]), key).toEqual(inputs[key]);
  }
}

describe("CloudFront adopters", () => {
  it("adopt a function and a distribution as the builder writes them", async () => {
    const b = new SstStateBuilder({ seed: 7 });
    const web = b.addNextjs("Web", { domain: "www.adopt-edge.example.com" });
    const clients = seeder();
    await materialize(web.cfFunction, REGION, clients);
    await materialize(web.distribution, REGION, clients);
    const ctx = context();

    // The function: id and name are its name.
    const fn = web.cfFunction;
    const name = props(fn, "inputs").name as string;
    const adoptedFn = await cloudfrontFunctionAdopter.read(ctx, identity(name, name));
    expect(adoptedFn).toBeDefined();
    expect(adoptedFn!.id).toBe(fn.id);
    expectInputs(fn, adoptedFn!.inputs, ["name", "runtime", "publish", "code"]);
    expect(adoptedFn!.inputs.__defaults).toEqual([]);
    expect(Object.keys(adoptedFn!.inputs).sort()).toEqual(Object.keys(props(fn, "inputs")).sort());
    const fnOut = adoptedFn!.outputs;
    expect(Object.keys(fnOut).sort()).toEqual(Object.keys(props(fn, "outputs")).sort());
    expect(fnOut.arn).toBe(props(fn, "outputs").arn);
    expect(fnOut.id).toBe(name);
    expect(fnOut.etag).toMatch(/^E[A-Z0-9]+$/);
    expect(fnOut.liveStageEtag).toMatch(/^E[A-Z0-9]+$/);
    // The DEVELOPMENT and LIVE stages each have their own ETag.
    expect(fnOut.liveStageEtag).not.toBe(fnOut.etag);
    expect(fnOut.comment).toBe("");
    expect(fnOut.status).toBe("DEPLOYED");

    // The distribution: its id is the one CloudFront chose (materialize wrote it back).
    const dist = web.distribution;
    const id = dist.id as string;
    const adopted = await cloudfrontDistributionAdopter.read(ctx, identity(id, id));
    expect(adopted).toBeDefined();
    expect(adopted!.id).toBe(id);
    expectInputs(dist, adopted!.inputs, ["aliases", "enabled", "comment", "tags", "tagsAll"]);
    const behaviour = adopted!.inputs.defaultCacheBehavior as Record<string, unknown>;
    const wanted = props(dist, "inputs").defaultCacheBehavior as Record<string, unknown>;
    for (const key of ["targetOriginId", "viewerProtocolPolicy", "functionAssociations", "cachedMethods"]) {
      expect(withoutNestedDefaults(behaviour[key]), key).toEqual(wanted[key]);
    }
    expect(adopted!.inputs.origins).toEqual([
      expect.objectContaining({ originId: "default", domainName: "origin.invalid" }),
    ]);
    const out = adopted!.outputs;
    const builderOut = props(dist, "outputs");
    for (const key of ["arn", "etag", "domainName", "aliases", "enabled", "tags", "tagsAll", "id"]) {
      expect(out[key], key).toEqual(builderOut[key]);
    }
    expect(out.hostedZoneId).toBe("Z2FDTNDATAQYW2");
    expect(out.callerReference).toBe(dist.urn);
    expect(["InProgress", "Deployed"]).toContain(out.status);
    // Every key the builder writes is there.
    for (const key of Object.keys(props(dist, "inputs"))) expect(adopted!.inputs, key).toHaveProperty(key);
    for (const key of Object.keys(builderOut)) expect(out, key).toHaveProperty(key);
  });

  it("adopts an unpublished function with publish false and no live ETag", async () => {
    const b = new SstStateBuilder({ seed: 8 });
    const web = b.addNextjs("Draft", { cloudfrontFunctionName: "adopt-edge-draft" });
    (web.cfFunction.inputs as Record<string, unknown>).publish = false;
    await materialize(web.cfFunction, REGION, seeder());
    const adopted = await cloudfrontFunctionAdopter.read(
      context(),
      identity("adopt-edge-draft", "adopt-edge-draft"),
    );
    expect(adopted?.inputs.publish).toBe(false);
    expect(adopted?.outputs.liveStageEtag).toBe("");
    expect(adopted?.outputs.status).toBe("UNPUBLISHED");
  });

  it("returns undefined for a missing function or distribution", async () => {
    const ctx = context();
    expect(await cloudfrontFunctionAdopter.read(ctx, identity("no-such-fn", "no-such-fn"))).toBeUndefined();
    expect(
      await cloudfrontDistributionAdopter.read(ctx, identity("E0000000000000", "E0000000000000")),
    ).toBeUndefined();
  });
});

describe("Route 53 record adopter", () => {
  async function zone(name: string): Promise<string> {
    const r53 = new Route53Client(sandbox.config());
    made.push(r53);
    const out = await r53.send(new CreateHostedZoneCommand({ Name: name, CallerReference: `ref-${name}` }));
    return out.HostedZone!.Id!.replace(/^\/hostedzone\//, "");
  }

  it("adopts a record as the builder writes it", async () => {
    const zoneId = await zone("adopt-edge.example.com");
    const b = new SstStateBuilder({ seed: 9 });
    const web = b.addNextjs("Web");
    const { record } = b.addDnsRecord(web.cdn, "WebCdn", {
      zoneId,
      recordName: "www.adopt-edge.example.com",
    });
    const { record: txt } = b.addDnsRecord(web.cdn, "WebCdn", {
      zoneId,
      recordName: "_verify.adopt-edge.example.com",
      type: "TXT",
      value: '"v=spf1 -all"',
    });
    await materialize(record, REGION, seeder());
    await materialize(txt, REGION, seeder());
    const ctx = context();

    const id = record.id as string;
    const adopted = await route53RecordAdopter.read(ctx, identity("www.adopt-edge.example.com", id));
    expect(adopted).toBeDefined();
    expect(adopted!.id).toBe(id);
    expectInputs(record, adopted!.inputs, ["name", "type", "zoneId", "ttl", "records", "allowOverwrite"]);
    expect(adopted!.inputs).toEqual(props(record, "inputs"));
    // The builder's outputs, and what pulumi-aws also records (see test/cloud/adopt-shape).
    expect(adopted!.outputs).toEqual({
      ...props(record, "outputs"),
      __meta: '{"schema_version":"2"}',
      healthCheckId: "",
      multivalueAnswerRoutingPolicy: false,
      setIdentifier: "",
    });
    expect(adopted!.outputs.fqdn).toBe("www.adopt-edge.example.com");

    // TXT values lose their quotes; an underscore in the name survives the id.
    const txtAdopted = await route53RecordAdopter.read(ctx, identity("", txt.id as string));
    expect(txtAdopted?.id).toBe(txt.id);
    expect(txtAdopted?.inputs.records).toEqual(["v=spf1 -all"]);
    expect(txtAdopted?.inputs.name).toBe("_verify.adopt-edge.example.com");
  });

  it("adopts an alias record with aliases instead of records and ttl", async () => {
    const zoneId = await zone("adopt-edge-alias.example.com");
    const r53 = new Route53Client(sandbox.config());
    made.push(r53);
    await r53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        ChangeBatch: {
          Changes: [
            {
              Action: "CREATE",
              ResourceRecordSet: {
                Name: "adopt-edge-alias.example.com.",
                Type: "A",
                AliasTarget: {
                  DNSName: "dualstack.D111111ABCDEF8.cloudfront.net.",
                  HostedZoneId: "Z2FDTNDATAQYW2",
                  EvaluateTargetHealth: false,
                },
              },
            },
          ],
        },
      }),
    );
    const id = `${zoneId}_adopt-edge-alias.example.com_A`;
    const adopted = await route53RecordAdopter.read(context(), identity("adopt-edge-alias.example.com", id));
    expect(adopted?.id).toBe(id);
    expect(adopted?.inputs).toEqual({
      __defaults: [],
      aliases: [
        {
          __defaults: [],
          evaluateTargetHealth: false,
          name: "d111111abcdef8.cloudfront.net",
          zoneId: "Z2FDTNDATAQYW2",
        },
      ],
      allowOverwrite: false,
      name: "adopt-edge-alias.example.com",
      type: "A",
      zoneId,
    });
    expect(adopted?.outputs.fqdn).toBe("adopt-edge-alias.example.com");
    expect(adopted?.outputs).not.toHaveProperty("ttl");
  });

  it("returns undefined for a missing record or zone, and rejects a bad id", async () => {
    const zoneId = await zone("adopt-edge-missing.example.com");
    const ctx = context();
    expect(
      await route53RecordAdopter.read(ctx, identity("", `${zoneId}_nope.adopt-edge-missing.example.com_A`)),
    ).toBeUndefined();
    expect(
      await route53RecordAdopter.read(ctx, identity("", "ZNOSUCHZONE000_www.example.com_CNAME")),
    ).toBeUndefined();
    await expect(route53RecordAdopter.read(ctx, identity("", "not-a-record-id"))).rejects.toMatchObject({
      code: "BAD_RECORD_ID",
    });
  });
});
