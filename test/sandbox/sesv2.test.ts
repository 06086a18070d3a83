import {
  CreateEmailIdentityCommand,
  DeleteEmailIdentityCommand,
  GetEmailIdentityCommand,
  ListEmailIdentitiesCommand,
  ListTagsForResourceCommand,
  SESv2Client,
  TagResourceCommand,
  UntagResourceCommand,
  paginateListEmailIdentities,
} from "@aws-sdk/client-sesv2";
import { SESClient, VerifyEmailIdentityCommand } from "@aws-sdk/client-ses";
import { describe, expect, it } from "vitest";
import { sdkError, useSandbox } from "./harness.js";

const ACCOUNT = "864213579086";
let clock = new Date("2025-06-01T00:00:00.000Z");
const sandbox = useSandbox({ accountId: ACCOUNT, now: () => clock });
const client = (region = "us-east-1", extra = {}) => new SESv2Client(sandbox.config(region, extra));
const arnOf = (identity: string, region = "us-east-1") =>
  `arn:aws:ses:${region}:${ACCOUNT}:identity/${identity}`;

describe("SESv2 email identities", () => {
  it("creates an email address identity, unverified", async () => {
    const out = await client().send(
      new CreateEmailIdentityCommand({
        EmailIdentity: "noreply@dev.acme.example",
        Tags: [{ Key: "a", Value: "1" }],
      }),
    );
    expect(out).toMatchObject({ IdentityType: "EMAIL_ADDRESS", VerifiedForSendingStatus: false });
    expect(out.DkimAttributes).toMatchObject({ SigningEnabled: false, Status: "NOT_STARTED" });
  });

  it("creates a domain identity with three Easy DKIM tokens", async () => {
    const out = await client().send(new CreateEmailIdentityCommand({ EmailIdentity: "acme.example" }));
    expect(out).toMatchObject({
      IdentityType: "DOMAIN",
      VerifiedForSendingStatus: false,
      DkimAttributes: {
        SigningEnabled: true,
        Status: "NOT_STARTED",
        SigningAttributesOrigin: "AWS_SES",
        NextSigningKeyLength: "RSA_2048_BIT",
        CurrentSigningKeyLength: "RSA_2048_BIT",
        LastKeyGenerationTimestamp: clock,
      },
    });
    expect(out.DkimAttributes?.Tokens).toHaveLength(3);
    for (const t of out.DkimAttributes!.Tokens!) expect(t).toMatch(/^[a-z2-7]{32}$/);

    const got = await client().send(new GetEmailIdentityCommand({ EmailIdentity: "acme.example" }));
    expect(got).toMatchObject({
      IdentityType: "DOMAIN",
      VerifiedForSendingStatus: false,
      VerificationStatus: "PENDING",
      DkimAttributes: { Status: "PENDING", Tokens: out.DkimAttributes!.Tokens },
      Tags: [],
    });
  });

  it("takes bring-your-own DKIM", async () => {
    const out = await client().send(
      new CreateEmailIdentityCommand({
        EmailIdentity: "byo.acme.example",
        DkimSigningAttributes: { DomainSigningSelector: "sel1", DomainSigningPrivateKey: "a2V5" },
      }),
    );
    expect(out.DkimAttributes).toMatchObject({ SigningAttributesOrigin: "EXTERNAL", Tokens: ["sel1"] });
  });

  it("gets an identity with its tags, and 404s an unknown one", async () => {
    const got = await client().send(
      new GetEmailIdentityCommand({ EmailIdentity: "noreply@dev.acme.example" }),
    );
    expect(got).toMatchObject({
      IdentityType: "EMAIL_ADDRESS",
      VerificationStatus: "PENDING",
      VerifiedForSendingStatus: false,
      Tags: [{ Key: "a", Value: "1" }],
    });
    const e = await sdkError(() =>
      client().send(new GetEmailIdentityCommand({ EmailIdentity: "nobody@x.example" })),
    );
    expect(e).toEqual({
      name: "NotFoundException",
      status: 404,
      message: "Identity nobody@x.example does not exist.",
    });
  });

  it("refuses a duplicate with AlreadyExistsException (400)", async () => {
    const e = await sdkError(() =>
      client().send(new CreateEmailIdentityCommand({ EmailIdentity: "acme.example" })),
    );
    expect(e).toEqual({
      name: "AlreadyExistsException",
      status: 400,
      message: "Email identity acme.example already exist.",
    });
  });

  it("refuses a malformed identity with BadRequestException", async () => {
    const e = await sdkError(() => client().send(new CreateEmailIdentityCommand({ EmailIdentity: "a@b@" })));
    expect(e).toMatchObject({ name: "BadRequestException", status: 400 });
  });

  it("marks a pending identity FAILED once the verification window has passed", async () => {
    const start = clock;
    try {
      await client().send(new CreateEmailIdentityCommand({ EmailIdentity: "late@acme.example" }));
      clock = new Date(start.getTime() + 25 * 3600 * 1000);
      const got = await client().send(new GetEmailIdentityCommand({ EmailIdentity: "late@acme.example" }));
      expect(got.VerificationStatus).toBe("FAILED");
      const domain = await client().send(new GetEmailIdentityCommand({ EmailIdentity: "acme.example" }));
      expect(domain.VerificationStatus).toBe("PENDING");
    } finally {
      clock = start;
    }
  });

  it("lists identities with POST /v2/email/list-identities, page by page", async () => {
    const region = "eu-west-1";
    const names = Array.from({ length: 130 }, (_, i) => `user${String(i).padStart(3, "0")}@acme.example`);
    for (const n of names) await client(region).send(new CreateEmailIdentityCommand({ EmailIdentity: n }));
    await client(region).send(new CreateEmailIdentityCommand({ EmailIdentity: "acme.example" }));

    const first = await client(region).send(new ListEmailIdentitiesCommand({}));
    expect(first.EmailIdentities).toHaveLength(100);
    expect(first.EmailIdentities?.[0]).toEqual({
      IdentityType: "DOMAIN",
      IdentityName: "acme.example",
      SendingEnabled: false,
      VerificationStatus: "PENDING",
    });
    expect(first.NextToken).toEqual(expect.any(String));

    const seen: string[] = [];
    const sizes: number[] = [];
    for await (const page of paginateListEmailIdentities({ client: client(region), pageSize: 40 }, {})) {
      sizes.push(page.EmailIdentities?.length ?? 0);
      seen.push(...(page.EmailIdentities ?? []).map((i) => i.IdentityName!));
    }
    expect(sizes).toEqual([40, 40, 40, 11]);
    expect(seen).toEqual(["acme.example", ...names]);

    const domains = await client(region).send(
      new ListEmailIdentitiesCommand({ Filter: { IDENTITY_TYPE: "DOMAIN" } }),
    );
    expect(domains.EmailIdentities?.map((i) => i.IdentityName)).toEqual(["acme.example"]);
  });

  it("also answers the older GET /v2/email/identities listing", async () => {
    // Older SDKs sent ListEmailIdentities as a GET; turn a real (still signed) call into one.
    const c = client("eu-west-1");
    c.middlewareStack.add(
      (next) => (args) => {
        const request = args.request as {
          method: string;
          path: string;
          query: Record<string, string>;
          headers: Record<string, string>;
          body?: unknown;
        };
        request.method = "GET";
        request.path = "/v2/email/identities";
        request.query = { PageSize: "2" };
        delete request.body;
        delete request.headers["content-length"];
        delete request.headers["content-type"];
        return next(args);
      },
      { step: "build", priority: "low" },
    );
    const out = await c.send(new ListEmailIdentitiesCommand({}));
    expect(out.EmailIdentities?.map((i) => i.IdentityName)).toEqual(["acme.example", "user000@acme.example"]);
    expect(out.NextToken).toEqual(expect.any(String));
  });

  it("tags, lists tags and untags by identity ARN", async () => {
    const arn = arnOf("acme.example");
    await client().send(
      new TagResourceCommand({
        ResourceArn: arn,
        Tags: [
          { Key: "team", Value: "mail" },
          { Key: "x", Value: "y" },
        ],
      }),
    );
    await client().send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ["x"] }));
    const out = await client().send(new ListTagsForResourceCommand({ ResourceArn: arn }));
    expect(out.Tags).toEqual([{ Key: "team", Value: "mail" }]);

    const missing = await sdkError(() =>
      client().send(new ListTagsForResourceCommand({ ResourceArn: arnOf("ghost.example") })),
    );
    expect(missing).toMatchObject({ name: "NotFoundException", status: 404 });
    const bad = await sdkError(() =>
      client().send(new ListTagsForResourceCommand({ ResourceArn: "not-an-arn" })),
    );
    expect(bad).toMatchObject({ name: "BadRequestException", status: 400 });
  });

  it("deletes an identity, then 404s deleting it again", async () => {
    await client().send(new CreateEmailIdentityCommand({ EmailIdentity: "bye@acme.example" }));
    const out = await client().send(new DeleteEmailIdentityCommand({ EmailIdentity: "bye@acme.example" }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    const e = await sdkError(() =>
      client().send(new DeleteEmailIdentityCommand({ EmailIdentity: "bye@acme.example" })),
    );
    expect(e).toEqual({
      name: "NotFoundException",
      status: 404,
      message: "Email identity bye@acme.example does not exist.",
    });
  });

  it("leaves SES classic requests to the classic service", async () => {
    const classic = new SESClient(sandbox.config("us-east-1"));
    const out = await classic.send(new VerifyEmailIdentityCommand({ EmailAddress: "classic@acme.example" }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    const e = await sdkError(() =>
      client().send(new GetEmailIdentityCommand({ EmailIdentity: "classic@acme.example" })),
    );
    expect(e.name).toBe("NotFoundException");
  });

  it("reports identities to the tagging API", () => {
    const mine = sandbox
      .server()
      .taggedResources("us-east-1")
      .find((r) => r.arn === arnOf("acme.example"));
    expect(mine).toEqual({
      arn: arnOf("acme.example"),
      resourceType: "ses:identity",
      tags: { team: "mail" },
    });
  });

  it("keeps its state as plain JSON", () => {
    const state = sandbox.server().service("sesv2", "us-east-1").snapshot();
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it("throttles with TooManyRequestsException (429)", async () => {
    sandbox.server().faults.configure({
      rules: [{ service: "sesv2", operation: "GetEmailIdentity", throttleRate: 1 }],
    });
    try {
      const e = await sdkError(() =>
        client("us-east-1", { maxAttempts: 1 }).send(
          new GetEmailIdentityCommand({ EmailIdentity: "acme.example" }),
        ),
      );
      expect(e).toEqual({ name: "TooManyRequestsException", status: 429, message: "Too many requests." });
    } finally {
      sandbox.server().faults.configure({ rules: [] });
    }
  });
});
