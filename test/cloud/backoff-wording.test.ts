/**
 * A 5xx or throttling error says "with backoff" only when a retry was made: `doctor` with the tagging
 * API failing printed "(HTTP 500 InternalFailure; 1 attempt in 0.0 s, with backoff)".
 */
import { describe, expect, it } from "vitest";
import { awsError } from "../../src/cloud/aws-errors.js";
import { boundCalls, type MiddlewareStack } from "../../src/cloud/call-budget.js";

type Handler = (args: { request?: unknown }) => Promise<unknown>;
type Middleware = (next: Handler, context: Record<string | symbol, unknown>) => Handler;

/** A call through boundCalls' two middlewares that fails with HTTP 500 on each of `attempts` tries. */
async function failedCall(attempts: number): Promise<unknown> {
  const added: Record<string, Middleware> = {};
  const stack: MiddlewareStack = { add: (m, o) => void (added[o.step] = m) };
  boundCalls(stack, 20_000, 5_000);
  const context: Record<string | symbol, unknown> = { commandName: "GetResourcesCommand" };
  const serverError = () =>
    Promise.reject(
      Object.assign(new Error("We encountered an internal error."), {
        name: "InternalFailure",
        $metadata: { httpStatusCode: 500 },
      }),
    );
  const attempt = added.finalizeRequest!(serverError, context);
  // The SDK's retry loop, between the two middlewares.
  const retryLoop: Handler = async (args) => {
    let last: unknown;
    for (let i = 0; i < attempts; i++) await attempt(args).catch((e: unknown) => (last = e));
    throw last;
  };
  return added.initialize!(
    retryLoop,
    context,
  )({ request: { hostname: "127.0.0.1", port: 4599 } }).catch((e: unknown) => e);
}

describe("a server error that outlasted the retries", () => {
  it("says 'with backoff' after retries, not after a single attempt", async () => {
    const once = awsError(await failedCall(1), "Listing tagged SQS queue resources in us-east-1").message;
    expect(once).toMatch(/1 attempt in \d+\.\d s\)/);
    expect(once).not.toContain("backoff");
    const retried = awsError(await failedCall(3), "Listing tagged SQS queue resources in us-east-1").message;
    expect(retried).toMatch(/3 attempts in \d+\.\d s, with backoff/);
  });
});
