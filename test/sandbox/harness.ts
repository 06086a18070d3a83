import { afterAll, beforeAll } from "vitest";
import { SandboxServer, type SandboxOptions } from "../../src/sandbox/server.js";

export interface ClientConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  forcePathStyle: boolean;
  maxAttempts?: number;
}

/** Starts a local cloud for the file's tests; `config(region)` points a real SDK client at it. */
export function useSandbox(options: SandboxOptions = {}): {
  server: () => SandboxServer;
  config: (region?: string, extra?: Partial<ClientConfig>) => ClientConfig;
} {
  let server: SandboxServer | undefined;
  beforeAll(async () => {
    server = new SandboxServer(options);
    await server.start();
  });
  afterAll(async () => {
    await server?.stop();
  });
  return {
    server: () => server!,
    config: (region = "us-east-1", extra = {}) => ({
      endpoint: server!.url,
      region,
      credentials: { accessKeyId: "AKIASANDBOXTEST", secretAccessKey: "sandbox-secret" },
      forcePathStyle: true,
      ...extra,
    }),
  };
}

/** Runs `fn` and returns the SDK error it throws (fails the test if it does not throw). */
export async function sdkError(
  fn: () => Promise<unknown>,
): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await fn();
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, status: err.$metadata?.httpStatusCode, message: err.message };
  }
  throw new Error("expected the call to fail");
}
