import { gated } from "../../helpers.js";
import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  ListResourceRecordSetsCommand,
  Route53Client,
  type Change,
  type ResourceRecordSet,
} from "@aws-sdk/client-route-53";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../../../src/cloud/clients.js";
import { cloudContext } from "../../../src/cloud/context.js";
import { route53RecordDriver } from "../../../src/cloud/drivers/route53.js";
import { parseRecordId, recordId } from "../../../src/kinds/route53-record.js";
import type { CloudResource, Identity, NameFilter } from "../../../src/kinds/types.js";
import type { ResourceV3 } from "../../../src/state/index.js";
import { SstStateBuilder } from "../../fixtures/builder.js";
import { useSandbox } from "../../sandbox/harness.js";

const sandbox = useSandbox();

let clients: AwsClients;
let r53: Route53Client;

beforeAll(() => {
  clients = new AwsClients(
    { region: "us-east-1" },
    { AWS_ENDPOINT_URL: sandbox.server().url, AWS_ACCESS_KEY_ID: "AKIATEST", AWS_SECRET_ACCESS_KEY: "x" },
  );
  r53 = new Route53Client(sandbox.config());
});
afterAll(() => {
  clients.destroy();
  r53.destroy();
});

/** A fresh counting context, so each test sees only its own calls. */
const context = () => cloudContext(clients);

let refs = 0;
/** Creates a public hosted zone; its id without `/hostedzone/`. */
async function zone(name: string): Promise<string> {
  const out = await r53.send(
    new CreateHostedZoneCommand({
      Name: name,
      CallerReference: `route53-record-test-${++refs}-${Date.now()}`,
    }),
  );
  return out.HostedZone!.Id!.replace("/hostedzone/", "");
}

async function change(zoneId: string, ...changes: Change[]): Promise<void> {
  await r53.send(
    new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: changes } }),
  );
}

function create(...sets: ResourceRecordSet[]): Change[] {
  return sets.map((ResourceRecordSet) => ({ Action: "CREATE", ResourceRecordSet }));
}

function rrs(
  name: string,
  type: ResourceRecordSet["Type"],
  ttl: number,
  ...values: string[]
): ResourceRecordSet {
  return { Name: name, Type: type, TTL: ttl, ResourceRecords: values.map((Value) => ({ Value })) };
}

async function listed(zoneId: string): Promise<ResourceRecordSet[]> {
  return (
    (await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }))).ResourceRecordSets ?? []
  );
}

function identity(id: string, name = parseRecordId(id)!.name): Identity {
  return { name, id, region: "us-east-1" };
}

function filter(prefixes: string[], names: string[] = []): NameFilter {
  return { prefixes, names: new Set(names) };
}

/** A builder record entry as a state entry. */
function dnsEntry(zoneId: string, recordName: string, options: { type?: string; value?: string } = {}) {
  const b = new SstStateBuilder();
  const web = b.addNextjs("Web");
  return b.addDnsRecord(web.distribution, "WebCdn", { zoneId, recordName, ...options })
    .record as unknown as ResourceV3;
}

describe("Route 53 record ids", () => {
  it("names itself and its type", () => {
    expect(route53RecordDriver).toMatchObject({
      kind: "route53-record",
      label: "Route 53 record",
      types: ["aws:route53/record:Record"],
      service: "route53",
      global: true,
      taggable: false,
    });
    expect(route53RecordDriver.fromArn("arn:aws:route53:::hostedzone/Z0ABC")).toBeUndefined();
  });

  it("builds the provider's id and parses it back, underscores and set identifiers included", () => {
    expect(recordId("/hostedzone/Z0ABC", "WWW.Example.com.", "A")).toBe("Z0ABC_www.example.com_A");
    const withSet = recordId("Z0ABC", "_acme-challenge.Example.com", "TXT", "blue_v2");
    expect(withSet).toBe("Z0ABC__acme-challenge.example.com_TXT_blue_v2");
    expect(parseRecordId(withSet)).toEqual({
      zoneId: "Z0ABC",
      name: "_acme-challenge.example.com",
      type: "TXT",
      setIdentifier: "blue_v2",
    });
    expect(parseRecordId("Z0ABC_www.example.com_CNAME")).toEqual({
      zoneId: "Z0ABC",
      name: "www.example.com",
      type: "CNAME",
    });
    // The type is the first type-looking part; what follows is the set identifier, whatever it says.
    expect(parseRecordId("Z0ABC_x_y.example.com_AAAA_A_TXT")).toEqual({
      zoneId: "Z0ABC",
      name: "x_y.example.com",
      type: "AAAA",
      setIdentifier: "A_TXT",
    });
    // A relative apex name is empty.
    expect(parseRecordId("Z0ABC__A")).toEqual({ zoneId: "Z0ABC", name: "", type: "A" });
    for (const bad of [
      "Z0ABC",
      "Z0ABC_www.example.com",
      "_www.example.com_A",
      "Z0ABC_www_cname",
      "Z0ABC_A",
    ]) {
      expect(parseRecordId(bad), bad).toBeUndefined();
    }
    for (const [zoneId, name, type, set] of [
      ["Z1", "a_b_c.example.com", "SRV", undefined],
      ["Z2", "*.example.com", "A", "eu_west_1"],
      ["Z3", "", "NS", undefined],
    ] as const) {
      expect(parseRecordId(recordId(zoneId, name, type, set))).toEqual({
        zoneId,
        name,
        type,
        ...(set === undefined ? {} : { setIdentifier: set }),
      });
    }
  });

  it("identifies builder entries, pending creates and relative names", () => {
    const entry = dnsEntry("Z0123456789ABCDEFGHIJ", "WWW.Example.com");
    expect(route53RecordDriver.identify(entry, "eu-west-1")).toEqual({
      name: "www.example.com",
      id: "Z0123456789ABCDEFGHIJ_www.example.com_CNAME",
      region: "us-east-1",
    });
    // No id yet (a pending create): the id is built from the inputs the way the provider will.
    const pending = new SstStateBuilder().addPendingCreate("aws:route53/record:Record", "Api", {
      name: "API.example.com.",
      type: "A",
      zoneId: "/hostedzone/Z0PENDING",
      setIdentifier: "blue",
      records: ["10.0.0.1"],
      ttl: 60,
    }) as unknown as ResourceV3;
    expect(route53RecordDriver.identify(pending, "us-east-1")).toEqual({
      name: "api.example.com",
      id: "Z0PENDING_api.example.com_A_blue",
      region: "us-east-1",
    });
    // A name relative to the zone stays relative in the id; `fqdn` gives the full name.
    const relative: ResourceV3 = {
      urn: "u",
      custom: true,
      type: "aws:route53/record:Record",
      id: "Z0REL_www_A",
      inputs: { name: "www", type: "A", zoneId: "Z0REL" },
      outputs: { fqdn: "www.example.org", name: "www", type: "A", zoneId: "Z0REL" },
    };
    expect(route53RecordDriver.identify(relative, "us-east-1")).toEqual({
      name: "www.example.org",
      id: "Z0REL_www_A",
      region: "us-east-1",
    });
    expect(route53RecordDriver.identify({ urn: "u", custom: true, type: relative.type }, "us-east-1")).toBe(
      undefined,
    );
  });
});

describe("Route 53 record handler", () => {
  it("reads a record set with its TTL and sorted values, and reports a missing one or zone as undefined", async () => {
    const zoneId = await zone("read.test");
    await change(
      zoneId,
      ...create(
        rrs("www.read.test", "A", 300, "10.0.0.2", "10.0.0.1"),
        rrs("_dmarc.read.test", "TXT", 60, '"v=DMARC1; p=none"'),
        rrs("*.read.test", "A", 120, "10.9.9.9"),
        {
          Name: "cdn.read.test",
          Type: "A",
          AliasTarget: {
            HostedZoneId: "Z2FDTNDATAQYW2",
            DNSName: "D111111ABCDEF8.cloudfront.net.",
            EvaluateTargetHealth: false,
          },
        },
      ),
    );
    const ctx = context();
    const www = await route53RecordDriver.read(ctx, identity(recordId(zoneId, "www.read.test", "A")));
    expect(www).toEqual({
      kind: "route53-record",
      type: "aws:route53/record:Record",
      name: "www.read.test",
      id: `${zoneId}_www.read.test_A`,
      region: "us-east-1",
      tags: {},
      foundBy: "read",
      detail: { type: "A", ttl: 300, records: ["10.0.0.1", "10.0.0.2"] },
    });
    expect(ctx.counts.byService.route53).toBe(1);

    // TXT values lose their quotes, as the provider keeps them.
    const txt = await route53RecordDriver.read(ctx, identity(`${zoneId}__dmarc.read.test_TXT`));
    expect(txt?.detail).toEqual({ type: "TXT", ttl: 60, records: ["v=DMARC1; p=none"] });
    const wildcard = await route53RecordDriver.read(ctx, identity(`${zoneId}_*.read.test_A`));
    expect(wildcard).toMatchObject({ name: "*.read.test", detail: { records: ["10.9.9.9"] } });
    const alias = await route53RecordDriver.read(ctx, identity(`${zoneId}_cdn.read.test_A`));
    expect(alias?.detail).toEqual({ type: "A", records: { alias: "d111111abcdef8.cloudfront.net" } });

    // A name relative to the zone in the id is made full with the zone's name.
    const relative = await route53RecordDriver.read(ctx, identity(`${zoneId}_www_A`, "www"));
    expect(relative).toMatchObject({ id: `${zoneId}_www_A`, name: "www.read.test" });

    // Same name, other type; a name that is not there; a zone that is not there.
    expect(await route53RecordDriver.read(ctx, identity(`${zoneId}_www.read.test_AAAA`))).toBeUndefined();
    expect(await route53RecordDriver.read(ctx, identity(`${zoneId}_gone.read.test_A`))).toBeUndefined();
    expect(
      await route53RecordDriver.read(ctx, identity("Z0NOSUCHZONE0000000_www.read.test_A")),
    ).toBeUndefined();
  });

  it("reads one set of a routed (weighted) record by its set identifier", async () => {
    const zoneId = await zone("weighted.test");
    const weighted = (id: string, ip: string): ResourceRecordSet => ({
      ...rrs("api.weighted.test", "A", 60, ip),
      SetIdentifier: id,
      Weight: 10,
    });
    await change(zoneId, ...create(weighted("blue", "10.0.0.1"), weighted("green_2", "10.0.0.2")));
    const ctx = context();
    const green = await route53RecordDriver.read(
      ctx,
      identity(recordId(zoneId, "api.weighted.test", "A", "green_2")),
    );
    expect(green).toMatchObject({
      id: `${zoneId}_api.weighted.test_A_green_2`,
      detail: { records: ["10.0.0.2"], setIdentifier: "green_2" },
    });
    // No set identifier in the id: the routed sets are not it.
    expect(await route53RecordDriver.read(ctx, identity(`${zoneId}_api.weighted.test_A`))).toBeUndefined();
    expect(
      await route53RecordDriver.read(ctx, identity(`${zoneId}_api.weighted.test_A_red`)),
    ).toBeUndefined();
  });

  it("refuses an id that is not a record id", async () => {
    await expect(route53RecordDriver.read(context(), identity("not-a-record-id", "x"))).rejects.toMatchObject(
      {
        code: "BAD_RECORD_ID",
      },
    );
  });

  it("lists a zone of 320 records in pages, keeping exactly the ids asked for", async () => {
    const many = await zone("many.test");
    const other = await zone("other.test");
    const hosts = Array.from({ length: 320 }, (_, i) => `h${String(i).padStart(3, "0")}.many.test`);
    await change(many, ...create(...hosts.map((h) => rrs(h, "A", 60, "10.0.0.1"))));
    await change(
      other,
      ...create(rrs("www.other.test", "A", 60, "10.1.0.1"), rrs("h005.other.test", "A", 60, "10.1.0.2")),
    );
    // 322 record sets with the apex NS and SOA: two pages of 300.
    expect((await listed(many)).length).toBe(300);

    const wanted = [
      recordId(many, "h000.many.test", "A"),
      recordId(many, "h150.many.test", "A"),
      recordId(many, "h319.many.test", "A"),
      `${other}_www_A`, // relative to its zone
    ];
    const ctx = context();
    const found = await route53RecordDriver.listByName!(
      ctx,
      "us-east-1",
      filter(
        [],
        [...wanted, recordId(many, "h999.many.test", "A"), recordId(other, "h005.other.test", "AAAA")],
      ),
    );
    expect(found.map((r) => r.id).sort()).toEqual([...wanted].sort());
    expect(found.find((r) => r.id === `${other}_www_A`)).toMatchObject({
      name: "www.other.test",
      foundBy: "name",
      detail: { type: "A", ttl: 60, records: ["10.1.0.1"] },
    });
    // One walk per zone: 2 pages for the big zone, 1 for the other; not one call per record.
    expect(ctx.counts.byService.route53).toBe(3);
    expect(ctx.counts.total).toBe(3);
  });

  it("lists a whole zone for a zone-wide prefix, and none of another zone", async () => {
    const big = await zone("prefix.test");
    const beside = await zone("beside.test");
    const hosts = Array.from({ length: 320 }, (_, i) => `n${String(i).padStart(3, "0")}.prefix.test`);
    await change(big, ...create(...hosts.map((h) => rrs(h, "CNAME", 60, "target.example.net"))));
    await change(beside, ...create(rrs("n001.beside.test", "A", 60, "10.2.0.1")));
    const ctx = context();
    const found = await route53RecordDriver.listByName!(ctx, "us-east-1", filter([`${big}_`]));
    // 320 records, the apex NS and SOA.
    expect(found).toHaveLength(322);
    expect(new Set(found.map((r) => r.id)).size).toBe(322);
    expect(found.every((r) => r.id.startsWith(`${big}_`))).toBe(true);
    expect(found.map((r) => r.id)).toContain(`${big}_n319.prefix.test_CNAME`);
    expect(found.map((r) => r.id)).toContain(`${big}_prefix.test_SOA`);
    expect(ctx.counts.byService.route53).toBe(2);

    // A name-style prefix within a zone keeps only those names; a zone that is gone lists nothing.
    const some = await route53RecordDriver.listByName!(
      context(),
      "us-east-1",
      filter([`${big}_n31`, "Z0NOSUCHZONE0000000_"]),
    );
    expect(some.map((r) => r.name).sort()).toEqual(hosts.filter((h) => h.startsWith("n31")));

    // A bare name (no zone) cannot be listed: an error, not an empty answer that would mean "gone".
    await expect(
      route53RecordDriver.listByName!(context(), "us-east-1", filter([], ["n001.prefix.test"])),
    ).rejects.toMatchObject({ code: "BAD_RECORD_ID" });
  });

  it("reports drift in TTL and values", async () => {
    const zoneId = await zone("drift.test");
    await change(
      zoneId,
      ...create(
        rrs("www.drift.test", "CNAME", 300, "other.cloudfront.net"),
        rrs("ok.drift.test", "CNAME", 60, "ok.net"),
      ),
    );
    const ctx = context();
    const entry = dnsEntry(zoneId, "www.drift.test", { value: "mine.cloudfront.net" });
    const cloud = await route53RecordDriver.read(ctx, route53RecordDriver.identify(entry, "us-east-1")!);
    expect(cloud).toBeDefined();
    expect(route53RecordDriver.drift(entry, cloud!)).toEqual([
      { property: "ttl", state: 60, cloud: 300 },
      { property: "records", state: ["mine.cloudfront.net"], cloud: ["other.cloudfront.net"] },
    ]);
    const same = dnsEntry(zoneId, "ok.drift.test", { value: "ok.net" });
    const okCloud = await route53RecordDriver.read(ctx, route53RecordDriver.identify(same, "us-east-1")!);
    expect(route53RecordDriver.drift(same, okCloud!)).toEqual([]);

    // Values in another order are no drift; an alias is compared by its DNS name.
    const base: CloudResource = {
      ...okCloud!,
      detail: { type: "A", ttl: 60, records: ["1.1.1.1", "2.2.2.2"] },
    };
    const entryWith = (inputs: Record<string, unknown>): ResourceV3 =>
      ({ urn: "u", custom: true, type: "aws:route53/record:Record", inputs }) as ResourceV3;
    expect(route53RecordDriver.drift(entryWith({ ttl: 60, records: ["2.2.2.2", "1.1.1.1"] }), base)).toEqual(
      [],
    );
    const aliasCloud: CloudResource = {
      ...base,
      detail: { type: "A", records: { alias: "d1.cloudfront.net" } },
    };
    const aliasState = (name: string) =>
      entryWith({ aliases: [{ name, zoneId: "Z2FDTNDATAQYW2", evaluateTargetHealth: false }] });
    expect(route53RecordDriver.drift(aliasState("D1.cloudfront.net."), aliasCloud)).toEqual([]);
    expect(route53RecordDriver.drift(aliasState("d2.cloudfront.net"), aliasCloud)).toEqual([
      { property: "records", state: { alias: "d2.cloudfront.net" }, cloud: { alias: "d1.cloudfront.net" } },
    ]);
  });

  it("deletes a record set with its current values; a second delete finds it gone", async () => {
    const zoneId = await zone("delete.test");
    const weighted = (id: string, ip: string): ResourceRecordSet => ({
      ...rrs("w.delete.test", "A", 60, ip),
      SetIdentifier: id,
      Weight: 1,
    });
    await change(
      zoneId,
      ...create(
        rrs("www.delete.test", "A", 300, "10.0.0.1", "10.0.0.2"),
        weighted("a", "10.1.0.1"),
        weighted("b", "10.1.0.2"),
      ),
    );
    const ctx = context();
    const www = identity(recordId(zoneId, "www.delete.test", "A"));
    const result = await gated(route53RecordDriver).delete(ctx, www);
    expect(result.deleted).toBe(true);
    expect(result.pending).toBeUndefined();
    expect(result.steps[0]).toBe("read the current A record www.delete.test (2 values)");
    expect(result.steps[1]).toMatch(/^deleted A record www\.delete\.test \(change C[A-Z0-9]+\)$/);
    expect(await route53RecordDriver.read(ctx, www)).toBeUndefined();
    expect((await listed(zoneId)).some((r) => r.Name === "www.delete.test.")).toBe(false);

    expect(await gated(route53RecordDriver).delete(ctx, www)).toEqual({
      deleted: true,
      steps: ["already gone"],
    });

    // One set of a routed record goes; its sibling stays.
    const a = identity(recordId(zoneId, "w.delete.test", "A", "a"));
    expect((await gated(route53RecordDriver).delete(ctx, a)).steps[1]).toMatch(
      /^deleted A record w\.delete\.test \(set a\)/,
    );
    expect(
      (await listed(zoneId)).filter((r) => r.Name === "w.delete.test.").map((r) => r.SetIdentifier),
    ).toEqual(["b"]);

    // A record in a zone that is gone is gone too.
    expect(
      await gated(route53RecordDriver).delete(ctx, identity("Z0NOSUCHZONE0000000_www.delete.test_A")),
    ).toEqual({
      deleted: true,
      steps: ["already gone"],
    });
  });
});
