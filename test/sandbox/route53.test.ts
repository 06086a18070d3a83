import {
  ChangeResourceRecordSetsCommand,
  ChangeTagsForResourceCommand,
  CreateHostedZoneCommand,
  DeleteHostedZoneCommand,
  GetChangeCommand,
  GetHostedZoneCommand,
  ListHostedZonesByNameCommand,
  ListHostedZonesCommand,
  ListResourceRecordSetsCommand,
  ListTagsForResourceCommand,
  Route53Client,
  paginateListHostedZones,
  waitUntilResourceRecordSetsChanged,
  type Change,
  type ResourceRecordSet,
} from "@aws-sdk/client-route-53";
import { describe, expect, it } from "vitest";
import { sdkError, useSandbox } from "./harness.js";

const DELAY_MS = 200;
const sandbox = useSandbox({ accountId: "111122223333", deployDelayMs: DELAY_MS });
const client = (extra: Record<string, unknown> = {}) => new Route53Client({ ...sandbox.config(), ...extra });

let refs = 0;
async function zone(name: string): Promise<string> {
  const out = await client().send(
    new CreateHostedZoneCommand({ Name: name, CallerReference: `ref-${name}-${++refs}` }),
  );
  return out.HostedZone!.Id!;
}

const a = (name: string, ...values: string[]): ResourceRecordSet => ({
  Name: name,
  Type: "A",
  TTL: 300,
  ResourceRecords: values.map((Value) => ({ Value })),
});

const change = (zoneId: string, ...changes: Change[]) =>
  client().send(
    new ChangeResourceRecordSetsCommand({ HostedZoneId: zoneId, ChangeBatch: { Changes: changes } }),
  );

async function records(zoneId: string): Promise<ResourceRecordSet[]> {
  const out = await client().send(new ListResourceRecordSetsCommand({ HostedZoneId: zoneId }));
  return out.ResourceRecordSets ?? [];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("Route53 hosted zones", () => {
  it("creates a zone with its SOA and NS records and a pending change", async () => {
    const out = await client().send(
      new CreateHostedZoneCommand({
        Name: "Example.com",
        CallerReference: "create-1",
        HostedZoneConfig: { Comment: "main zone" },
      }),
    );
    expect(out.HostedZone).toMatchObject({
      Name: "example.com.",
      CallerReference: "create-1",
      Config: { Comment: "main zone", PrivateZone: false },
      ResourceRecordSetCount: 2,
    });
    expect(out.HostedZone!.Id).toMatch(/^\/hostedzone\/Z[A-Z0-9]{20}$/);
    expect(out.Location).toBe(`https://route53.amazonaws.com/2013-04-01${out.HostedZone!.Id}`);
    expect(out.ChangeInfo?.Id).toMatch(/^\/change\/C[A-Z0-9]+$/);
    expect(out.ChangeInfo?.Status).toBe("PENDING");
    expect(out.ChangeInfo?.SubmittedAt).toBeInstanceOf(Date);
    const servers = out.DelegationSet?.NameServers ?? [];
    expect(servers).toHaveLength(4);
    expect(servers[0]).toMatch(/^ns-\d+\.awsdns-\d{2}\.com$/);

    // The SDK strips the `/hostedzone/` prefix before the id goes into the path.
    const got = await client().send(new GetHostedZoneCommand({ Id: out.HostedZone!.Id! }));
    expect(got.HostedZone?.Id).toBe(out.HostedZone!.Id);
    expect(got.DelegationSet?.NameServers).toEqual(servers);

    const rrs = await records(out.HostedZone!.Id!);
    expect(rrs.map((r) => [r.Name, r.Type, r.TTL])).toEqual([
      ["example.com.", "NS", 172800],
      ["example.com.", "SOA", 900],
    ]);
    expect(rrs[0]!.ResourceRecords!.map((r) => r.Value)).toEqual(servers.map((s) => `${s}.`));
    expect(rrs[1]!.ResourceRecords![0]!.Value).toBe(
      `${servers[0]}. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400`,
    );
  });

  it("refuses a reused caller reference with HostedZoneAlreadyExists (409)", async () => {
    await client().send(new CreateHostedZoneCommand({ Name: "dup.test", CallerReference: "same-ref" }));
    const e = await sdkError(() =>
      client().send(new CreateHostedZoneCommand({ Name: "other.test", CallerReference: "same-ref" })),
    );
    expect(e).toMatchObject({ name: "HostedZoneAlreadyExists", status: 409 });
    expect(e.message).toBe("A hosted zone has already been created with the specified caller reference.");
  });

  it("answers NoSuchHostedZone (404) for an unknown zone", async () => {
    const missing = "/hostedzone/Z0000000000000000000X";
    for (const call of [
      () => client().send(new GetHostedZoneCommand({ Id: missing })),
      () => client().send(new DeleteHostedZoneCommand({ Id: missing })),
      () => client().send(new ListResourceRecordSetsCommand({ HostedZoneId: missing })),
      () => change(missing, { Action: "CREATE", ResourceRecordSet: a("x.example.com", "1.1.1.1") }),
    ]) {
      const e = await sdkError(call);
      expect(e).toMatchObject({ name: "NoSuchHostedZone", status: 404 });
      expect(e.message).toBe("No hosted zone found with ID: Z0000000000000000000X");
    }
  });

  it("refuses to delete a zone with records (HostedZoneNotEmpty, 400), then deletes it", async () => {
    const id = await zone("delete-me.test");
    await change(id, { Action: "CREATE", ResourceRecordSet: a("www.delete-me.test", "10.0.0.1") });
    const e = await sdkError(() => client().send(new DeleteHostedZoneCommand({ Id: id })));
    expect(e).toMatchObject({ name: "HostedZoneNotEmpty", status: 400 });
    expect(e.message).toBe(
      "The specified hosted zone contains non-required resource record sets and so cannot be deleted.",
    );
    await change(id, { Action: "DELETE", ResourceRecordSet: a("www.delete-me.test", "10.0.0.1") });
    const out = await client().send(new DeleteHostedZoneCommand({ Id: id }));
    expect(out.ChangeInfo?.Status).toBe("PENDING");
    const gone = await sdkError(() => client().send(new GetHostedZoneCommand({ Id: id })));
    expect(gone).toMatchObject({ name: "NoSuchHostedZone", status: 404 });
  });

  it("lists zones page by page, and by name with NextDNSName", async () => {
    for (const name of ["b.list.test", "a.list.test", "www.a.list.test", "c.list.test"]) await zone(name);
    const ids: string[] = [];
    for await (const page of paginateListHostedZones({ client: client() }, { MaxItems: 2 })) {
      expect(page.HostedZones!.length).toBeLessThanOrEqual(2);
      ids.push(...page.HostedZones!.map((z) => z.Id!));
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(4);

    const first = await client().send(
      new ListHostedZonesByNameCommand({ DNSName: "a.list.test", MaxItems: 2 }),
    );
    // Labels reversed: test.list.a < test.list.a.www < test.list.b
    expect(first.HostedZones!.map((z) => z.Name)).toEqual(["a.list.test.", "www.a.list.test."]);
    expect(first).toMatchObject({ IsTruncated: true, NextDNSName: "b.list.test.", MaxItems: 2 });
    expect(first.DNSName).toBe("a.list.test");
    const second = await client().send(
      new ListHostedZonesByNameCommand({
        DNSName: first.NextDNSName!,
        HostedZoneId: first.NextHostedZoneId!,
        MaxItems: 2,
      }),
    );
    expect(second.HostedZones!.map((z) => z.Name)).toEqual(["b.list.test.", "c.list.test."]);
  });

  it("tags a zone and reports it to the tagging API", async () => {
    const id = await zone("tagged.test");
    const bare = id.replace("/hostedzone/", "");
    await client().send(
      new ChangeTagsForResourceCommand({
        ResourceType: "hostedzone",
        ResourceId: bare,
        AddTags: [
          { Key: "sst:app", Value: "acme" },
          { Key: "drop", Value: "me" },
        ],
      }),
    );
    await client().send(
      new ChangeTagsForResourceCommand({
        ResourceType: "hostedzone",
        ResourceId: bare,
        RemoveTagKeys: ["drop"],
      }),
    );
    const tags = await client().send(
      new ListTagsForResourceCommand({ ResourceType: "hostedzone", ResourceId: bare }),
    );
    expect(tags.ResourceTagSet).toEqual({
      ResourceType: "hostedzone",
      ResourceId: bare,
      Tags: [{ Key: "sst:app", Value: "acme" }],
    });
    const reported = sandbox
      .server()
      .taggedResources("us-east-1")
      .find((r) => r.arn === `arn:aws:route53:::hostedzone/${bare}`);
    expect(reported).toEqual({
      arn: `arn:aws:route53:::hostedzone/${bare}`,
      resourceType: "route53:hostedzone",
      tags: { "sst:app": "acme" },
    });
    expect(
      sandbox
        .server()
        .taggedResources("eu-west-1")
        .some((r) => r.arn.includes(bare)),
    ).toBe(false);
  });
});

describe("Route53 record sets", () => {
  it("applies CREATE, UPSERT and DELETE in one batch, normalising names and keeping alias and weights", async () => {
    const id = await zone("batch.test");
    await change(id, { Action: "CREATE", ResourceRecordSet: a("old.batch.test", "10.0.0.9") });
    const out = await change(
      id,
      { Action: "CREATE", ResourceRecordSet: a("WWW.Batch.Test", "10.0.0.1", "10.0.0.2") },
      {
        Action: "UPSERT",
        ResourceRecordSet: {
          Name: "cdn.batch.test.",
          Type: "A",
          AliasTarget: {
            HostedZoneId: "/hostedzone/Z2FDTNDATAQYW2",
            DNSName: "D111111ABCDEF8.cloudfront.net",
            EvaluateTargetHealth: false,
          },
        },
      },
      {
        Action: "CREATE",
        ResourceRecordSet: { ...a("api.batch.test", "10.1.0.1"), SetIdentifier: "blue", Weight: 70 },
      },
      { Action: "CREATE", ResourceRecordSet: a("*.batch.test", "10.2.0.1") },
      { Action: "DELETE", ResourceRecordSet: a("old.batch.test", "10.0.0.9") },
    );
    expect(out.ChangeInfo).toMatchObject({ Status: "PENDING" });
    expect(out.ChangeInfo!.Id).toMatch(/^\/change\/C/);

    const rrs = await records(id);
    expect(rrs.map((r) => `${r.Name} ${r.Type}`)).toEqual([
      "batch.test. NS",
      "batch.test. SOA",
      "\\052.batch.test. A",
      "api.batch.test. A",
      "cdn.batch.test. A",
      "www.batch.test. A",
    ]);
    const byName = (n: string) => rrs.find((r) => r.Name === n)!;
    expect(byName("cdn.batch.test.")).toEqual({
      Name: "cdn.batch.test.",
      Type: "A",
      AliasTarget: {
        HostedZoneId: "Z2FDTNDATAQYW2",
        DNSName: "d111111abcdef8.cloudfront.net.",
        EvaluateTargetHealth: false,
      },
    });
    expect(byName("api.batch.test.")).toMatchObject({ SetIdentifier: "blue", Weight: 70, TTL: 300 });
    expect(byName("www.batch.test.").ResourceRecords).toEqual([{ Value: "10.0.0.1" }, { Value: "10.0.0.2" }]);

    // UPSERT replaces in place.
    await change(id, { Action: "UPSERT", ResourceRecordSet: a("www.batch.test", "10.0.0.3") });
    const after = (await records(id)).find((r) => r.Name === "www.batch.test.");
    expect(after?.ResourceRecords).toEqual([{ Value: "10.0.0.3" }]);
  });

  it("refuses a duplicate CREATE with Route 53's InvalidChangeBatch (400) wording", async () => {
    const id = await zone("example.com");
    const cname: ResourceRecordSet = {
      Name: "www.example.com",
      Type: "CNAME",
      TTL: 60,
      ResourceRecords: [{ Value: "example.net" }],
    };
    await change(id, { Action: "CREATE", ResourceRecordSet: cname });
    const e = await sdkError(() => change(id, { Action: "CREATE", ResourceRecordSet: cname }));
    expect(e).toMatchObject({ name: "InvalidChangeBatch", status: 400 });
    expect(e.message).toBe(
      "[Tried to create resource record set [name='www.example.com.', type='CNAME'] but it already exists]",
    );
  });

  it("refuses a DELETE of a missing or different record set", async () => {
    const id = await zone("del.example.com");
    const missing = await sdkError(() =>
      change(id, { Action: "DELETE", ResourceRecordSet: a("x.del.example.com", "1.2.3.4") }),
    );
    expect(missing).toMatchObject({ name: "InvalidChangeBatch", status: 400 });
    expect(missing.message).toBe(
      "[Tried to delete resource record set [name='x.del.example.com.', type='A'] but it was not found]",
    );
    await change(id, { Action: "CREATE", ResourceRecordSet: a("y.del.example.com", "1.2.3.4", "5.6.7.8") });
    const different = await sdkError(() =>
      change(id, { Action: "DELETE", ResourceRecordSet: a("y.del.example.com", "1.2.3.4") }),
    );
    expect(different.message).toBe(
      "[Tried to delete resource record set [name='y.del.example.com.', type='A'] but the values provided do not match the current values]",
    );
    // Values in another order still match.
    await change(id, { Action: "DELETE", ResourceRecordSet: a("y.del.example.com", "5.6.7.8", "1.2.3.4") });
    expect((await records(id)).some((r) => r.Name === "y.del.example.com.")).toBe(false);
  });

  it("is atomic: one bad change rejects the whole batch and every problem is listed", async () => {
    const id = await zone("atomic.test");
    await change(id, { Action: "CREATE", ResourceRecordSet: a("taken.atomic.test", "1.1.1.1") });
    const e = await sdkError(() =>
      change(
        id,
        { Action: "CREATE", ResourceRecordSet: a("fresh.atomic.test", "2.2.2.2") },
        { Action: "CREATE", ResourceRecordSet: a("taken.atomic.test", "3.3.3.3") },
        {
          Action: "DELETE",
          ResourceRecordSet: { ...a("w.atomic.test", "4.4.4.4"), SetIdentifier: "one", Weight: 1 },
        },
      ),
    );
    expect(e).toMatchObject({ name: "InvalidChangeBatch", status: 400 });
    expect(e.message).toBe(
      "[Tried to create resource record set [name='taken.atomic.test.', type='A'] but it already exists, " +
        "Tried to delete resource record set [name='w.atomic.test.', type='A', set-identifier='one'] but it was not found]",
    );
    expect((await records(id)).some((r) => r.Name === "fresh.atomic.test.")).toBe(false);
  });

  it("keeps CNAMEs alone at their name and off the apex", async () => {
    const id = await zone("cname.test");
    await change(id, { Action: "CREATE", ResourceRecordSet: a("host.cname.test", "1.1.1.1") });
    const cname = (name: string): ResourceRecordSet => ({
      Name: name,
      Type: "CNAME",
      TTL: 60,
      ResourceRecords: [{ Value: "elsewhere.test" }],
    });
    const beside = await sdkError(() =>
      change(id, { Action: "CREATE", ResourceRecordSet: cname("host.cname.test") }),
    );
    expect(beside.message).toBe(
      "[RRSet of type CNAME with DNS name host.cname.test. is not permitted as it conflicts with other records with the same DNS name in zone cname.test.]",
    );
    await change(id, { Action: "CREATE", ResourceRecordSet: cname("alias.cname.test") });
    const under = await sdkError(() =>
      change(id, { Action: "CREATE", ResourceRecordSet: a("alias.cname.test", "1.1.1.1") }),
    );
    expect(under.message).toBe(
      "[RRSet of type A with DNS name alias.cname.test. is not permitted because a conflicting RRSet of type CNAME with the same DNS name already exists in zone cname.test.]",
    );
    const apex = await sdkError(() =>
      change(id, { Action: "CREATE", ResourceRecordSet: cname("cname.test") }),
    );
    expect(apex).toMatchObject({ name: "InvalidChangeBatch", status: 400 });
    expect(apex.message).toBe(
      "[RRSet of type CNAME with DNS name cname.test. is not permitted at apex in zone cname.test.]",
    );
    const outside = await sdkError(() =>
      change(id, { Action: "CREATE", ResourceRecordSet: a("www.other.test", "1.1.1.1") }),
    );
    expect(outside.message).toBe(
      "[RRSet with DNS name www.other.test. is not permitted in zone cname.test.]",
    );
  });

  it("refuses a record set that is neither alias nor TTL+records with InvalidInput (400)", async () => {
    const id = await zone("input.test");
    const e = await sdkError(() =>
      change(id, { Action: "DELETE", ResourceRecordSet: { Name: "x.input.test", Type: "A" } }),
    );
    expect(e).toMatchObject({ name: "InvalidInput", status: 400 });
    expect(e.message).toBe(
      "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found none in Change with [Action=DELETE, Name=x.input.test., Type=A, SetIdentifier=null]",
    );
  });

  it("pages through more than 300 record sets in Route 53's order", async () => {
    const id = await zone("many.test");
    const changes: Change[] = [];
    for (let i = 0; i < 320; i++) {
      changes.push({
        Action: "CREATE",
        ResourceRecordSet: a(`h${String(i).padStart(3, "0")}.many.test`, "10.0.0.1"),
      });
    }
    changes.push({
      Action: "CREATE",
      ResourceRecordSet: {
        Name: "h000.many.test",
        Type: "TXT",
        TTL: 60,
        ResourceRecords: [{ Value: '"v"' }],
      },
    });
    await change(id, ...changes);

    const first = await client().send(new ListResourceRecordSetsCommand({ HostedZoneId: id }));
    expect(first.ResourceRecordSets).toHaveLength(300);
    expect(first).toMatchObject({ IsTruncated: true, MaxItems: 300 });
    // apex NS, SOA, then h000 A, h000 TXT, h001 A … so the 301st record is h297 A.
    expect(first.ResourceRecordSets!.slice(0, 4).map((r) => `${r.Name} ${r.Type}`)).toEqual([
      "many.test. NS",
      "many.test. SOA",
      "h000.many.test. A",
      "h000.many.test. TXT",
    ]);
    expect(first.NextRecordName).toBe("h297.many.test.");
    expect(first.NextRecordType).toBe("A");
    expect(first.NextRecordIdentifier).toBeUndefined();

    const all = [...first.ResourceRecordSets!];
    let next = { name: first.NextRecordName, type: first.NextRecordType };
    while (next.name !== undefined) {
      const page = await client().send(
        new ListResourceRecordSetsCommand({
          HostedZoneId: id,
          StartRecordName: next.name,
          StartRecordType: next.type,
          MaxItems: 10,
        }),
      );
      expect(page.ResourceRecordSets!.length).toBeLessThanOrEqual(10);
      all.push(...page.ResourceRecordSets!);
      next = { name: page.IsTruncated ? page.NextRecordName : undefined, type: page.NextRecordType };
    }
    expect(all).toHaveLength(323);
    expect(new Set(all.map((r) => `${r.Name} ${r.Type}`)).size).toBe(323);
  });

  it("starts a listing at a name, type and set identifier", async () => {
    const id = await zone("start.test");
    const weighted = (sid: string): Change => ({
      Action: "CREATE",
      ResourceRecordSet: { ...a("w.start.test", "1.1.1.1"), SetIdentifier: sid, Weight: 1 },
    });
    await change(id, weighted("a"), weighted("b"), weighted("c"));
    const page = await client().send(
      new ListResourceRecordSetsCommand({
        HostedZoneId: id,
        StartRecordName: "w.start.test",
        StartRecordType: "A",
        StartRecordIdentifier: "b",
        MaxItems: 1,
      }),
    );
    expect(page.ResourceRecordSets!.map((r) => r.SetIdentifier)).toEqual(["b"]);
    expect(page).toMatchObject({
      IsTruncated: true,
      NextRecordName: "w.start.test.",
      NextRecordType: "A",
      NextRecordIdentifier: "c",
    });
  });

  it("reports a change PENDING, then INSYNC once the deploy delay has passed", async () => {
    const id = await zone("sync.test");
    const out = await change(id, { Action: "CREATE", ResourceRecordSet: a("s.sync.test", "1.1.1.1") });
    const pending = await client().send(new GetChangeCommand({ Id: out.ChangeInfo!.Id! }));
    expect(pending.ChangeInfo).toMatchObject({ Id: out.ChangeInfo!.Id, Status: "PENDING" });
    await sleep(DELAY_MS + 50);
    const done = await client().send(new GetChangeCommand({ Id: out.ChangeInfo!.Id! }));
    expect(done.ChangeInfo?.Status).toBe("INSYNC");
    expect(done.ChangeInfo?.SubmittedAt?.getTime()).toBe(out.ChangeInfo!.SubmittedAt!.getTime());

    const again = await change(id, { Action: "DELETE", ResourceRecordSet: a("s.sync.test", "1.1.1.1") });
    const waited = await waitUntilResourceRecordSetsChanged(
      { client: client(), maxWaitTime: 10, minDelay: 0.1, maxDelay: 0.3 },
      { Id: again.ChangeInfo!.Id! },
    );
    expect(waited.state).toBe("SUCCESS");

    const e = await sdkError(() => client().send(new GetChangeCommand({ Id: "/change/CNOSUCHCHANGE" })));
    expect(e).toMatchObject({ name: "NoSuchChange", status: 404 });
  });

  it("keeps its state as plain JSON", () => {
    const state = sandbox.server().service("route53").snapshot();
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it("throttles with Throttling (400, Rate exceeded)", async () => {
    sandbox
      .server()
      .faults.configure({ rules: [{ service: "route53", operation: "ListHostedZones", throttleRate: 1 }] });
    try {
      const e = await sdkError(() => client({ maxAttempts: 1 }).send(new ListHostedZonesCommand({})));
      expect(e).toMatchObject({ name: "Throttling", status: 400, message: "Rate exceeded" });
    } finally {
      sandbox.server().faults.configure({ rules: [] });
    }
  });
});
