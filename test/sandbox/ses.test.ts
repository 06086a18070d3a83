import {
  DeleteIdentityCommand,
  GetIdentityVerificationAttributesCommand,
  ListIdentitiesCommand,
  SESClient,
  VerifyDomainIdentityCommand,
  VerifyEmailIdentityCommand,
  paginateListIdentities,
} from "@aws-sdk/client-ses";
import { describe, expect, it } from "vitest";
import { sdkError, useSandbox } from "./harness.js";

let clock = new Date("2025-03-01T00:00:00.000Z");
const sandbox = useSandbox({ accountId: "246813579024", now: () => clock });
const client = (region = "us-east-1", extra = {}) => new SESClient(sandbox.config(region, extra));

describe("SES classic identities", () => {
  it("verifies an email address and reports it Pending", async () => {
    const out = await client().send(new VerifyEmailIdentityCommand({ EmailAddress: "ops@acme.dev" }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    const attrs = await client().send(
      new GetIdentityVerificationAttributesCommand({ Identities: ["ops@acme.dev", "unknown@acme.dev"] }),
    );
    // Unknown identities are left out of the map rather than failing the call.
    expect(attrs.VerificationAttributes).toEqual({ "ops@acme.dev": { VerificationStatus: "Pending" } });
  });

  it("verifies a domain and returns a stable verification token", async () => {
    const first = await client().send(new VerifyDomainIdentityCommand({ Domain: "acme.dev" }));
    expect(first.VerificationToken).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const again = await client().send(new VerifyDomainIdentityCommand({ Domain: "acme.dev" }));
    expect(again.VerificationToken).toBe(first.VerificationToken);
    const attrs = await client().send(
      new GetIdentityVerificationAttributesCommand({ Identities: ["acme.dev"] }),
    );
    expect(attrs.VerificationAttributes).toEqual({
      "acme.dev": { VerificationStatus: "Pending", VerificationToken: first.VerificationToken },
    });
  });

  it("turns a pending verification Failed after the documented window, and restarts it on request", async () => {
    await client().send(new VerifyEmailIdentityCommand({ EmailAddress: "late@acme.dev" }));
    await client().send(new VerifyDomainIdentityCommand({ Domain: "late.acme.dev" }));
    const identities = ["late@acme.dev", "late.acme.dev"];
    const read = async () =>
      (await client().send(new GetIdentityVerificationAttributesCommand({ Identities: identities })))
        .VerificationAttributes!;
    const start = clock;
    try {
      clock = new Date(start.getTime() + 25 * 3600 * 1000);
      let attrs = await read();
      expect(attrs["late@acme.dev"]?.VerificationStatus).toBe("Failed");
      expect(attrs["late.acme.dev"]?.VerificationStatus).toBe("Pending");
      clock = new Date(start.getTime() + 73 * 3600 * 1000);
      attrs = await read();
      expect(attrs["late.acme.dev"]?.VerificationStatus).toBe("Failed");
      await client().send(new VerifyEmailIdentityCommand({ EmailAddress: "late@acme.dev" }));
      attrs = await read();
      expect(attrs["late@acme.dev"]?.VerificationStatus).toBe("Pending");
    } finally {
      clock = start;
    }
  });

  it("reports Success for an identity marked verified in the state", async () => {
    await client().send(new VerifyEmailIdentityCommand({ EmailAddress: "verified@acme.dev" }));
    const state = sandbox.server().service("ses", "us-east-1") as unknown as {
      state: { identities: Record<string, { status: string }> };
    };
    state.state.identities["verified@acme.dev"]!.status = "Success";
    const attrs = await client().send(
      new GetIdentityVerificationAttributesCommand({ Identities: ["verified@acme.dev"] }),
    );
    expect(attrs.VerificationAttributes).toEqual({ "verified@acme.dev": { VerificationStatus: "Success" } });
  });

  it("rejects malformed addresses and domains with InvalidParameterValue (400)", async () => {
    const email = await sdkError(() =>
      client().send(new VerifyEmailIdentityCommand({ EmailAddress: "not-an-email" })),
    );
    expect(email).toMatchObject({
      name: "InvalidParameterValue",
      status: 400,
      message: "Invalid email address<not-an-email>.",
    });
    const domain = await sdkError(() =>
      client().send(new VerifyDomainIdentityCommand({ Domain: "bad domain" })),
    );
    expect(domain).toMatchObject({ name: "InvalidParameterValue", status: 400 });
  });

  it("lists identities by type, page by page", async () => {
    const region = "eu-west-1";
    for (let i = 0; i < 7; i++) {
      await client(region).send(new VerifyEmailIdentityCommand({ EmailAddress: `user${i}@acme.dev` }));
    }
    await client(region).send(new VerifyDomainIdentityCommand({ Domain: "acme.dev" }));
    await client(region).send(new VerifyDomainIdentityCommand({ Domain: "mail.acme.dev" }));

    const all = await client(region).send(new ListIdentitiesCommand({}));
    expect(all.Identities).toHaveLength(9);
    expect(all.NextToken).toBeUndefined();
    const domains = await client(region).send(new ListIdentitiesCommand({ IdentityType: "Domain" }));
    expect(domains.Identities).toEqual(["acme.dev", "mail.acme.dev"]);

    const first = await client(region).send(
      new ListIdentitiesCommand({ IdentityType: "EmailAddress", MaxItems: 3 }),
    );
    expect(first.Identities).toEqual(["user0@acme.dev", "user1@acme.dev", "user2@acme.dev"]);
    expect(first.NextToken).toEqual(expect.any(String));
    const emails: string[] = [];
    for await (const page of paginateListIdentities(
      { client: client(region), pageSize: 2 },
      { IdentityType: "EmailAddress" },
    )) {
      emails.push(...page.Identities!);
    }
    expect(emails).toEqual(Array.from({ length: 7 }, (_, i) => `user${i}@acme.dev`));

    // Identities are regional.
    const other = await client("ap-northeast-1").send(new ListIdentitiesCommand({}));
    expect(other.Identities).toEqual([]);

    const bad = await sdkError(() =>
      client(region).send(new ListIdentitiesCommand({ IdentityType: "Phone" as "Domain" })),
    );
    expect(bad).toMatchObject({ name: "ValidationError", status: 400 });
  });

  it("deletes identities, idempotently", async () => {
    await client().send(new VerifyEmailIdentityCommand({ EmailAddress: "gone@acme.dev" }));
    await client().send(new DeleteIdentityCommand({ Identity: "gone@acme.dev" }));
    await client().send(new DeleteIdentityCommand({ Identity: "gone@acme.dev" }));
    const list = await client().send(new ListIdentitiesCommand({ IdentityType: "EmailAddress" }));
    expect(list.Identities).not.toContain("gone@acme.dev");
    const attrs = await client().send(
      new GetIdentityVerificationAttributesCommand({ Identities: ["gone@acme.dev"] }),
    );
    expect(attrs.VerificationAttributes).toEqual({});
  });

  it("throttles with Throttling (400, Rate exceeded)", async () => {
    const admin = `${sandbox.server().url}/_sandbox/faults`;
    await fetch(admin, {
      method: "PUT",
      body: JSON.stringify({ rules: [{ service: "ses", operation: "ListIdentities", throttleRate: 1 }] }),
    });
    try {
      const e = await sdkError(() =>
        client("us-east-1", { maxAttempts: 1 }).send(new ListIdentitiesCommand({})),
      );
      expect(e).toMatchObject({ name: "Throttling", status: 400, message: "Rate exceeded" });
    } finally {
      await fetch(admin, { method: "PUT", body: JSON.stringify({ rules: [] }) });
    }
  });

  it("reports nothing to the tagging API (SES classic identities carry no tags)", () => {
    expect(
      sandbox
        .server()
        .taggedResources("us-east-1")
        .filter((r) => r.arn.includes(":ses:")),
    ).toEqual([]);
  });
});
