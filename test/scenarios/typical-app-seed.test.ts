/**
 * `seedTypicalApp`, the entry point a `stateward sandbox` scenario would call: it seeds the healthy and
 * the broken stage into a fresh local cloud and reports one case per breakage; doctor then finds the
 * healthy stage clean and the broken one broken (through the CLI).
 */
import { describe, expect, it } from "vitest";
import { seedTypicalApp, TYPICAL } from "../../src/sandbox/scenarios/typical-app.js";
import { cli } from "../helpers.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";

// Over HTTPS, as AWS is: SST's bucket policies deny insecure transport, so the buckets' settings are
// put and read over TLS; this process (seeding clients, in-process CLI) accepts the self-signed cert.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
const sandbox = useSandbox({ tls: true });

describe("seedTypicalApp", () => {
  it("seeds both stages and reports each breakage as a case of the broken stage", async () => {
    const seeded = await seedTypicalApp({ url: sandbox.server().url }, sandbox.server().accountId);
    expect(seeded).toMatchObject({
      app: TYPICAL.app,
      stages: [TYPICAL.healthy, TYPICAL.broken],
      homeRegion: TYPICAL.region,
      stateBucket: TYPICAL.stateBucket,
    });
    const ids = seeded.cases.map((c) => c.id);
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => i + 1));
    expect(ids.length).toBeGreaterThanOrEqual(10);
    expect(new Set(seeded.cases.map((c) => c.stage))).toEqual(new Set([TYPICAL.broken]));
    const doctor = (stage: string) =>
      cli(["doctor", "--app", TYPICAL.app, "--stage", stage], sandboxEnv(sandbox));
    const healthy = await doctor(TYPICAL.healthy);
    expect(healthy.code, healthy.stdout).toBe(0);
    expect((await doctor(TYPICAL.broken)).code).toBe(3);
  }, 120_000);
});
