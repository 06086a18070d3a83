import { gated } from "../../helpers.js";
import { SESClient, VerifyDomainIdentityCommand, VerifyEmailIdentityCommand } from "@aws-sdk/client-ses";
import { CreateEmailIdentityCommand, SESv2Client } from "@aws-sdk/client-sesv2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../../../src/cloud/clients.js";
import { cloudContext } from "../../../src/cloud/context.js";
import { sesClassicIdentityDriver } from "../../../src/cloud/drivers/ses.js";
import { sesIdentityDriver } from "../../../src/cloud/drivers/sesv2.js";
import type { NameFilter } from "../../../src/kinds/types.js";
import type { ResourceV3 } from "../../../src/state/index.js";
import { SstStateBuilder } from "../../fixtures/builder.js";
import { useSandbox } from "../../sandbox/harness.js";

const ACCOUNT = "135792468024";
const sandbox = useSandbox({ accountId: ACCOUNT });

const env = () => ({
  AWS_ENDPOINT_URL: sandbox.server().url,
  AWS_ACCESS_KEY_ID: "AKIATEST",
  AWS_SECRET_ACCESS_KEY: "x",
});
let clients: AwsClients;
const context = () => cloudContext(clients);

const v2 = (region = "us-east-1") => new SESv2Client(sandbox.config(region));
const classic = (region = "us-east-1") => new SESClient(sandbox.config(region));

const filter = (names: string[], prefixes: string[] = []): NameFilter => ({
  names: new Set(names),
  prefixes,
});
const sorted = (names: string[]) => [...names].sort();

/** Clients whose list calls ask for two items a page, so that paging is walked for real. */
function smallPages(field: "PageSize" | "MaxItems"): AwsClients {
  const small = new AwsClients({ region: "us-east-1" }, env());
  const client = field === "PageSize" ? small.sesv2("us-east-1") : small.ses("us-east-1");
  client.middlewareStack.add(
    (next) => (args) => {
      (args.input as Record<string, unknown>)[field] = 2;
      return next(args);
    },
    { step: "initialize" },
  );
  return small;
}

beforeAll(() => {
  clients = new AwsClients({ region: "us-east-1" }, env());
});
afterAll(() => clients.destroy());

describe("sesIdentityDriver", () => {
  beforeAll(async () => {
    await v2().send(
      new CreateEmailIdentityCommand({
        EmailIdentity: "alerts@acme.example",
        Tags: [
          { Key: "team", Value: "mail" },
          { Key: "sst:stage", Value: "dev" },
        ],
      }),
    );
    await v2().send(new CreateEmailIdentityCommand({ EmailIdentity: "acme.example" }));
    await v2().send(new CreateEmailIdentityCommand({ EmailIdentity: "noise@elsewhere.example" }));
    await v2().send(new CreateEmailIdentityCommand({ EmailIdentity: "acme-billing@acme.example" }));
    await v2("us-west-2").send(new CreateEmailIdentityCommand({ EmailIdentity: "ops@acme.example" }));
  });

  it("describes itself", () => {
    expect(sesIdentityDriver).toMatchObject({
      kind: "ses-identity",
      label: "SES identity",
      types: ["aws:sesv2/emailIdentity:EmailIdentity"],
      service: "sesv2",
      global: false,
      taggable: true,
    });
  });

  it("reads an email address identity with its tags, detail and ARN", async () => {
    const got = await sesIdentityDriver.read(context(), {
      name: "alerts@acme.example",
      id: "alerts@acme.example",
      region: "us-east-1",
    });
    expect(got).toEqual({
      kind: "ses-identity",
      type: "aws:sesv2/emailIdentity:EmailIdentity",
      name: "alerts@acme.example",
      id: "alerts@acme.example",
      region: "us-east-1",
      arn: `arn:aws:ses:us-east-1:${ACCOUNT}:identity/alerts@acme.example`,
      tags: { team: "mail", "sst:stage": "dev" },
      foundBy: "read",
      detail: { identityType: "EMAIL_ADDRESS", verifiedForSendingStatus: false },
    });
  });

  it("reads a domain identity, and a verified one as verified", async () => {
    const svc = sandbox.server().service("sesv2", "us-east-1") as unknown as {
      state: { identities: Record<string, { verified?: boolean }> };
    };
    svc.state.identities["acme.example"]!.verified = true;
    try {
      const got = await sesIdentityDriver.read(context(), {
        name: "acme.example",
        id: "acme.example",
        region: "us-east-1",
      });
      expect(got?.tags).toEqual({});
      expect(got?.detail).toEqual({ identityType: "DOMAIN", verifiedForSendingStatus: true });
    } finally {
      delete svc.state.identities["acme.example"]!.verified;
    }
  });

  it("keeps the ARN it was given when it names the same identity", async () => {
    const arn = "arn:aws:ses:us-east-1:123456789012:identity/alerts@acme.example";
    const got = await sesIdentityDriver.read(context(), {
      name: "alerts@acme.example",
      id: "alerts@acme.example",
      region: "us-east-1",
      arn,
    });
    expect(got?.arn).toBe(arn);
    const stale = await sesIdentityDriver.read(context(), {
      name: "alerts@acme.example",
      id: "alerts@acme.example",
      region: "us-east-1",
      arn: "arn:aws:ses:us-east-1:123456789012:identity/someone@else.example",
    });
    expect(stale?.arn).toBe(`arn:aws:ses:us-east-1:${ACCOUNT}:identity/alerts@acme.example`);
  });

  it("reads a missing identity (or one in another region) as undefined", async () => {
    const ctx = context();
    expect(
      await sesIdentityDriver.read(ctx, {
        name: "ghost@acme.example",
        id: "ghost@acme.example",
        region: "us-east-1",
      }),
    ).toBeUndefined();
    expect(
      await sesIdentityDriver.read(ctx, {
        name: "ops@acme.example",
        id: "ops@acme.example",
        region: "us-east-1",
      }),
    ).toBeUndefined();
    expect(
      await sesIdentityDriver.read(ctx, {
        name: "ops@acme.example",
        id: "ops@acme.example",
        region: "us-west-2",
      }),
    ).toMatchObject({ name: "ops@acme.example", region: "us-west-2" });
  });

  it("lists exactly the identities the filter keeps, in the region asked for", async () => {
    const ctx = context();
    const east = await sesIdentityDriver.listByName!(
      ctx,
      "us-east-1",
      filter(["alerts@acme.example", "ops@acme.example"]),
    );
    expect(east).toEqual([
      {
        kind: "ses-identity",
        type: "aws:sesv2/emailIdentity:EmailIdentity",
        name: "alerts@acme.example",
        id: "alerts@acme.example",
        region: "us-east-1",
        tags: {},
        foundBy: "name",
      },
    ]);
    const west = await sesIdentityDriver.listByName!(
      ctx,
      "us-west-2",
      filter(["alerts@acme.example", "ops@acme.example"]),
    );
    expect(west.map((r) => [r.name, r.region])).toEqual([["ops@acme.example", "us-west-2"]]);
    const byPrefix = await sesIdentityDriver.listByName!(ctx, "us-east-1", filter([], ["acme"]));
    expect(sorted(byPrefix.map((r) => r.name))).toEqual(["acme-billing@acme.example", "acme.example"]);
    // One list call per listing: no per-identity reads.
    expect(ctx.counts.byService.sesv2).toBe(3);
  });

  it("makes no call for an empty filter", async () => {
    const ctx = context();
    expect(await sesIdentityDriver.listByName!(ctx, "us-east-1", filter([]))).toEqual([]);
    expect(ctx.counts.total).toBe(0);
  });

  it("walks every page of the listing", async () => {
    const small = smallPages("PageSize");
    try {
      const ctx = cloudContext(small);
      const got = await sesIdentityDriver.listByName!(
        ctx,
        "us-east-1",
        filter(["noise@elsewhere.example"], ["a"]),
      );
      expect(sorted(got.map((r) => r.name))).toEqual([
        "acme-billing@acme.example",
        "acme.example",
        "alerts@acme.example",
        "noise@elsewhere.example",
      ]);
      expect(ctx.counts.byService.sesv2).toBeGreaterThanOrEqual(2);
    } finally {
      small.destroy();
    }
  });

  it("identifies the identity of SST's Email component", () => {
    const b = new SstStateBuilder({ region: "eu-central-1" });
    const { identity } = b.addEmail("Alerts", "alerts@acme.example");
    expect(sesIdentityDriver.identify(identity as unknown as ResourceV3, "eu-central-1")).toEqual({
      name: "alerts@acme.example",
      id: "alerts@acme.example",
      region: "eu-central-1",
      arn: "arn:aws:ses:eu-central-1:123456789012:identity/alerts@acme.example",
    });
    const bare: ResourceV3 = { urn: "urn:x", custom: true, type: "aws:sesv2/emailIdentity:EmailIdentity" };
    expect(sesIdentityDriver.identify({ ...bare, id: "acme.example" }, "us-east-1")).toEqual({
      name: "acme.example",
      id: "acme.example",
      region: "us-east-1",
    });
    expect(sesIdentityDriver.identify(bare, "us-east-1")).toBeUndefined();
  });

  it("recognises identity ARNs and nothing else", () => {
    const arn = "arn:aws:ses:eu-west-1:123456789012:identity/alerts@acme.example";
    expect(sesIdentityDriver.fromArn(arn)).toEqual({
      name: "alerts@acme.example",
      id: "alerts@acme.example",
      region: "eu-west-1",
      arn,
    });
    expect(
      sesIdentityDriver.fromArn("arn:aws:ses:us-east-1:123456789012:identity/acme.example"),
    ).toMatchObject({
      name: "acme.example",
      region: "us-east-1",
    });
    for (const other of [
      "arn:aws:ses:us-east-1:123456789012:configuration-set/myapp-dev-alertsconfig",
      "arn:aws:ses:us-east-1:123456789012:identity/",
      "arn:aws:dynamodb:us-east-1:123456789012:table/identity/x",
      "arn:aws:sns:us-east-1:123456789012:identity/x",
      "not-an-arn",
    ]) {
      expect(sesIdentityDriver.fromArn(other), other).toBeUndefined();
    }
  });

  it("reports no drift", async () => {
    const b = new SstStateBuilder();
    const { identity } = b.addEmail("Alerts", "alerts@acme.example");
    const cloud = await sesIdentityDriver.read(context(), {
      name: "alerts@acme.example",
      id: "alerts@acme.example",
      region: "us-east-1",
    });
    expect(cloud).toBeDefined();
    expect(sesIdentityDriver.drift(identity as unknown as ResourceV3, cloud!)).toEqual([]);
  });

  it("deletes an identity, and says it is already gone the second time", async () => {
    await v2().send(new CreateEmailIdentityCommand({ EmailIdentity: "bye@acme.example" }));
    const target = { name: "bye@acme.example", id: "bye@acme.example", region: "us-east-1" };
    const ctx = context();
    expect(await gated(sesIdentityDriver).delete(ctx, target)).toEqual({
      deleted: true,
      steps: ["deleted SES identity bye@acme.example"],
    });
    expect(await sesIdentityDriver.read(ctx, target)).toBeUndefined();
    expect(await gated(sesIdentityDriver).delete(ctx, target)).toEqual({
      deleted: true,
      steps: ["already gone"],
    });
    // The others are untouched.
    expect(
      await sesIdentityDriver.read(ctx, {
        name: "alerts@acme.example",
        id: "alerts@acme.example",
        region: "us-east-1",
      }),
    ).toBeDefined();
  });
});

describe("sesClassicIdentityDriver", () => {
  beforeAll(async () => {
    await classic().send(new VerifyEmailIdentityCommand({ EmailAddress: "billing@acme.example" }));
    await classic().send(new VerifyDomainIdentityCommand({ Domain: "mail.acme.example" }));
    await classic().send(new VerifyEmailIdentityCommand({ EmailAddress: "noise@elsewhere.example" }));
    await classic().send(new VerifyEmailIdentityCommand({ EmailAddress: "mailer@acme.example" }));
    await classic("us-west-2").send(new VerifyEmailIdentityCommand({ EmailAddress: "west@acme.example" }));
  });

  it("describes itself", () => {
    expect(sesClassicIdentityDriver).toMatchObject({
      kind: "ses-classic-identity",
      label: "SES identity (classic)",
      types: ["aws:ses/emailIdentity:EmailIdentity", "aws:ses/domainIdentity:DomainIdentity"],
      service: "ses",
      global: false,
      taggable: false,
    });
  });

  it("reads an email address identity with its verification status", async () => {
    const got = await sesClassicIdentityDriver.read(context(), {
      name: "billing@acme.example",
      id: "billing@acme.example",
      region: "us-east-1",
    });
    expect(got).toEqual({
      kind: "ses-classic-identity",
      type: "aws:ses/emailIdentity:EmailIdentity",
      name: "billing@acme.example",
      id: "billing@acme.example",
      region: "us-east-1",
      tags: {},
      foundBy: "read",
      detail: { verificationStatus: "Pending" },
    });
  });

  it("reads a domain identity, verified, keeping the ARN state gave", async () => {
    const svc = sandbox.server().service("ses", "us-east-1") as unknown as {
      state: { identities: Record<string, { status: string }> };
    };
    svc.state.identities["mail.acme.example"]!.status = "Success";
    try {
      const arn = "arn:aws:ses:us-east-1:123456789012:identity/mail.acme.example";
      const got = await sesClassicIdentityDriver.read(context(), {
        name: "mail.acme.example",
        id: "mail.acme.example",
        region: "us-east-1",
        arn,
      });
      expect(got).toMatchObject({
        type: "aws:ses/domainIdentity:DomainIdentity",
        arn,
        tags: {},
        detail: { verificationStatus: "Success" },
      });
    } finally {
      svc.state.identities["mail.acme.example"]!.status = "Pending";
    }
  });

  it("reads a missing identity (or one in another region) as undefined", async () => {
    const ctx = context();
    expect(
      await sesClassicIdentityDriver.read(ctx, {
        name: "ghost@acme.example",
        id: "ghost@acme.example",
        region: "us-east-1",
      }),
    ).toBeUndefined();
    expect(
      await sesClassicIdentityDriver.read(ctx, {
        name: "west@acme.example",
        id: "west@acme.example",
        region: "us-east-1",
      }),
    ).toBeUndefined();
    expect(
      await sesClassicIdentityDriver.read(ctx, {
        name: "west@acme.example",
        id: "west@acme.example",
        region: "us-west-2",
      }),
    ).toMatchObject({ name: "west@acme.example", region: "us-west-2" });
  });

  it("lists exactly the identities the filter keeps, in the region asked for", async () => {
    const ctx = context();
    const east = await sesClassicIdentityDriver.listByName!(
      ctx,
      "us-east-1",
      filter(["billing@acme.example", "west@acme.example"]),
    );
    expect(east).toEqual([
      {
        kind: "ses-classic-identity",
        type: "aws:ses/emailIdentity:EmailIdentity",
        name: "billing@acme.example",
        id: "billing@acme.example",
        region: "us-east-1",
        tags: {},
        foundBy: "name",
      },
    ]);
    const west = await sesClassicIdentityDriver.listByName!(
      ctx,
      "us-west-2",
      filter(["billing@acme.example", "west@acme.example"]),
    );
    expect(west.map((r) => [r.name, r.region])).toEqual([["west@acme.example", "us-west-2"]]);
    const byPrefix = await sesClassicIdentityDriver.listByName!(ctx, "us-east-1", filter([], ["mail"]));
    expect(byPrefix.map((r) => [r.name, r.type]).sort()).toEqual([
      ["mail.acme.example", "aws:ses/domainIdentity:DomainIdentity"],
      ["mailer@acme.example", "aws:ses/emailIdentity:EmailIdentity"],
    ]);
    expect(ctx.counts.byService.ses).toBe(3);
    expect(await sesClassicIdentityDriver.listByName!(ctx, "us-east-1", filter([]))).toEqual([]);
    expect(ctx.counts.byService.ses).toBe(3);
  });

  it("walks every page of the listing", async () => {
    const small = smallPages("MaxItems");
    try {
      const ctx = cloudContext(small);
      const got = await sesClassicIdentityDriver.listByName!(
        ctx,
        "us-east-1",
        filter(["noise@elsewhere.example"], ["m", "b"]),
      );
      expect(sorted(got.map((r) => r.name))).toEqual([
        "billing@acme.example",
        "mail.acme.example",
        "mailer@acme.example",
        "noise@elsewhere.example",
      ]);
      expect(ctx.counts.byService.ses).toBeGreaterThanOrEqual(2);
    } finally {
      small.destroy();
    }
  });

  it("identifies email and domain identities from state", () => {
    const base = { urn: "urn:x", custom: true };
    const email: ResourceV3 = {
      ...base,
      type: "aws:ses/emailIdentity:EmailIdentity",
      id: "billing@acme.example",
      inputs: { email: "billing@acme.example" },
      outputs: {
        arn: "arn:aws:ses:us-east-1:123456789012:identity/billing@acme.example",
        email: "billing@acme.example",
        id: "billing@acme.example",
      },
    };
    expect(sesClassicIdentityDriver.identify(email, "us-east-1")).toEqual({
      name: "billing@acme.example",
      id: "billing@acme.example",
      region: "us-east-1",
      arn: "arn:aws:ses:us-east-1:123456789012:identity/billing@acme.example",
    });
    const domain: ResourceV3 = {
      ...base,
      type: "aws:ses/domainIdentity:DomainIdentity",
      inputs: { domain: "mail.acme.example" },
    };
    expect(sesClassicIdentityDriver.identify(domain, "eu-west-1")).toEqual({
      name: "mail.acme.example",
      id: "mail.acme.example",
      region: "eu-west-1",
    });
    // An SST Email entry has neither `email` nor `domain`: its id is the identity.
    const b = new SstStateBuilder();
    const { identity } = b.addEmail("Alerts", "alerts@acme.example");
    expect(sesClassicIdentityDriver.identify(identity as unknown as ResourceV3, "us-east-1")).toMatchObject({
      name: "alerts@acme.example",
      id: "alerts@acme.example",
    });
    expect(
      sesClassicIdentityDriver.identify(
        { ...base, type: "aws:ses/emailIdentity:EmailIdentity" },
        "us-east-1",
      ),
    ).toBeUndefined();
  });

  it("never claims an ARN (classic identities are not in the tagging API)", () => {
    for (const arn of [
      "arn:aws:ses:us-east-1:123456789012:identity/billing@acme.example",
      "arn:aws:ses:us-east-1:123456789012:identity/mail.acme.example",
      "arn:aws:dynamodb:us-east-1:123456789012:table/x",
      "not-an-arn",
    ]) {
      expect(sesClassicIdentityDriver.fromArn(arn), arn).toBeUndefined();
    }
  });

  it("reports no drift", async () => {
    const cloud = await sesClassicIdentityDriver.read(context(), {
      name: "billing@acme.example",
      id: "billing@acme.example",
      region: "us-east-1",
    });
    expect(cloud).toBeDefined();
    const state: ResourceV3 = {
      urn: "urn:x",
      custom: true,
      type: "aws:ses/emailIdentity:EmailIdentity",
      id: "billing@acme.example",
      outputs: { email: "billing@acme.example", verificationStatus: "Success" },
    };
    expect(sesClassicIdentityDriver.drift(state, cloud!)).toEqual([]);
  });

  it("deletes an identity, and deleting it again is fine", async () => {
    await classic().send(new VerifyEmailIdentityCommand({ EmailAddress: "bye@acme.example" }));
    const target = { name: "bye@acme.example", id: "bye@acme.example", region: "us-east-1" };
    const ctx = context();
    expect(await sesClassicIdentityDriver.read(ctx, target)).toBeDefined();
    expect(await gated(sesClassicIdentityDriver).delete(ctx, target)).toEqual({
      deleted: true,
      steps: ["deleted SES identity bye@acme.example"],
    });
    expect(await sesClassicIdentityDriver.read(ctx, target)).toBeUndefined();
    expect(await gated(sesClassicIdentityDriver).delete(ctx, target)).toMatchObject({ deleted: true });
    expect(await sesClassicIdentityDriver.read(ctx, target)).toBeUndefined();
    expect(
      await sesClassicIdentityDriver.read(ctx, {
        name: "billing@acme.example",
        id: "billing@acme.example",
        region: "us-east-1",
      }),
    ).toBeDefined();
  });
});
