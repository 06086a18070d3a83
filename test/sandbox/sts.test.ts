import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { expect, it } from "vitest";
import { useSandbox } from "./harness.js";

const sandbox = useSandbox({ accountId: "444455556666" });

it("GetCallerIdentity returns the configured account for any credentials", async () => {
  const out = await new STSClient(sandbox.config("eu-central-1")).send(new GetCallerIdentityCommand({}));
  expect(out.Account).toBe("444455556666");
  expect(out.Arn).toMatch(/^arn:aws:iam::444455556666:user\//);
  expect(out.UserId).toMatch(/^AIDA/);
});
