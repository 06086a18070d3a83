/**
 * STS AssumeRole in the local cloud, through the real SDK: temporary credentials (an `ASIA…` key, a
 * secret, a session token, an expiry DurationSeconds ahead) that the sandbox accepts — GetCallerIdentity
 * with them answers the assumed-role session, as STS does — and the documented validation errors.
 */
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { ListQueuesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { sdkError, useSandbox } from "./harness.js";

const ACCOUNT = "444455556666";
const sandbox = useSandbox({ accountId: ACCOUNT });
const ROLE = `arn:aws:iam::${ACCOUNT}:role/service-role/acme-dev-Deployer`;

describe("STS AssumeRole", () => {
  it("returns temporary credentials that the sandbox accepts as the assumed-role session", async () => {
    const sts = new STSClient(sandbox.config("eu-central-1"));
    const before = Date.now();
    const out = await sts.send(
      new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: "ci-run.42", DurationSeconds: 900 }),
    );
    sts.destroy();
    const c = out.Credentials!;
    expect(c.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(c.SecretAccessKey!.length).toBe(40);
    expect(c.SessionToken!.length).toBeGreaterThan(100);
    // Whole seconds, 900 s ahead.
    const ahead = c.Expiration!.getTime() - before;
    expect(ahead).toBeGreaterThan(895_000);
    expect(ahead).toBeLessThanOrEqual(901_000);
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/acme-dev-Deployer/ci-run.42`);
    expect(out.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:ci-run\.42$/);

    const credentials = {
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken!,
    };
    const assumed = new STSClient({ ...sandbox.config("us-east-1"), credentials });
    const who = await assumed.send(new GetCallerIdentityCommand({}));
    assumed.destroy();
    expect(who).toMatchObject({
      Account: ACCOUNT,
      Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/acme-dev-Deployer/ci-run.42`,
      UserId: `${out.AssumedRoleUser!.AssumedRoleId}`,
    });
    // Other services take the temporary key too.
    const sqs = new SQSClient({ ...sandbox.config("us-east-1"), credentials });
    await expect(sqs.send(new ListQueuesCommand({}))).resolves.toBeDefined();
    sqs.destroy();

    // Long-term keys are still plain users.
    const plain = new STSClient(sandbox.config("us-east-1"));
    expect((await plain.send(new GetCallerIdentityCommand({}))).Arn).toMatch(/:user\//);
    plain.destroy();
  });

  it("defaults to an hour, and validates the session name, duration and role ARN (ValidationError)", async () => {
    const sts = new STSClient(sandbox.config());
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: "s1" }));
    const ahead = out.Credentials!.Expiration!.getTime() - Date.now();
    expect(ahead).toBeGreaterThan(3_590_000);
    expect(ahead).toBeLessThanOrEqual(3_601_000);
    const cases: [Partial<ConstructorParameters<typeof AssumeRoleCommand>[0]>, RegExp][] = [
      [
        { RoleSessionName: "x" },
        /'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2/,
      ],
      [
        { RoleSessionName: "has space" },
        /'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern/,
      ],
      [{ RoleSessionName: "a".repeat(65) }, /Member must have length less than or equal to 64/],
      [
        { DurationSeconds: 899 },
        /'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900/,
      ],
      [{ DurationSeconds: 43201 }, /Member must have value less than or equal to 43200/],
      [
        { RoleArn: "arn:aws:iam::1:r" },
        /'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20/,
      ],
    ];
    for (const [over, message] of cases) {
      const err = await sdkError(() =>
        sts.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: "ok", ...over })),
      );
      expect(err, JSON.stringify(over)).toMatchObject({ name: "ValidationError", status: 400 });
      expect(err.message).toMatch(message);
    }
    sts.destroy();
  });
});
