/**
 * The inventory scanner against a naive baseline, on one app stage of ~5,000 resources across the
 * nine handled types, with 20 ms of latency injected on every call of `stateward sandbox` (own
 * process). The baseline reads every state entry one by one — what a refresh does — with the same
 * concurrency budget (8 calls in flight per service). Calls are counted by the server.
 * Aim: at least 20× fewer calls and 10× less time than the baseline.
 */
import { CreateHostedZoneCommand } from "@aws-sdk/client-route-53";
import { performance } from "node:perf_hooks";
import { AwsClients } from "../src/cloud/clients.js";
import { cloudContext } from "../src/cloud/context.js";
import { scanInventory } from "../src/cloud/inventory.js";
import { driverForType } from "../src/cloud/drivers/index.js";
import { kindForType as handlerForType } from "../src/kinds/registry.js";
import { Clients } from "../src/sandbox/scenarios/clients.js";
import { materialize } from "../src/sandbox/scenarios/materialize.js";
import type { DeploymentV3, ResourceV3 } from "../src/state/index.js";
import { mapLimit } from "../src/util/map-limit.js";
import { SstStateBuilder, type Resource } from "../test/fixtures/builder.js";
import { startServer } from "./server.js";
import { report } from "./verdict.js";

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const REGION = "us-east-1";

async function requests(endpoint: string): Promise<number> {
  const counts = (await (await fetch(`${endpoint}/_sandbox/requests`)).json()) as { total: number };
  return counts.total;
}

async function reset(endpoint: string): Promise<void> {
  await fetch(`${endpoint}/_sandbox/requests`, { method: "DELETE" });
}

async function setLatency(endpoint: string, ms: number): Promise<void> {
  await fetch(`${endpoint}/_sandbox/faults`, {
    method: "PUT",
    body: JSON.stringify({ rules: ms > 0 ? [{ latencyMs: ms }] : [] }),
  });
}

async function scanBench(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const { endpoint, stop } = await startServer();
  const seedClients = new Clients({ url: endpoint });
  const env = { AWS_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: "AKIABENCH", AWS_SECRET_ACCESS_KEY: "bench" };
  try {
    const zone = await seedClients
      .route53()
      .send(new CreateHostedZoneCommand({ Name: "bench.example", CallerReference: "bench" }));
    const zoneId = zone.HostedZone!.Id!.replace("/hostedzone/", "");
    const b = new SstStateBuilder({ app: "bench", stage: "prod", account: "123456789012" });
    for (let i = 0; i < 1000 * SCALE; i++) b.addFunction(`Fn${i}`);
    for (let i = 0; i < 700 * SCALE; i++) b.addDynamo(`Table${i}`);
    for (let i = 0; i < 100 * SCALE; i++) {
      const site = b.addNextjs(`Site${i}`, { domain: `site${i}.bench.example` });
      b.addDnsRecord(site.cdn, `Site${i}`, { zoneId, recordName: `site${i}.bench.example` });
    }
    for (let i = 0; i < 300 * SCALE; i++) b.addEmail(`Mail${i}`, `sender${i}@bench.example`);
    const hosts = b.addNextjs("Hosts");
    for (let i = 0; i < 300 * SCALE; i++) {
      b.addDnsRecord(hosts.cdn, `Host${i}`, { zoneId, recordName: `host${i}.bench.example` });
    }
    const seedStart = performance.now();
    const handled = b.resources.filter((r) => r.custom && handlerForType(String(r.type)) !== undefined);
    // Distributions name their CloudFront function: create everything else first.
    const isDistribution = (r: Resource) => r.type === "aws:cloudfront/distribution:Distribution";
    await mapLimit(
      handled.filter((r) => !isDistribution(r)),
      16,
      (r) => materialize(r, REGION, seedClients),
    );
    await mapLimit(handled.filter(isDistribution), 16, (r) => materialize(r, REGION, seedClients));
    const seedMs = performance.now() - seedStart;
    // The state as written after the cloud chose its ids (distribution ids).
    const deployment = (b.versioned() as { checkpoint: { latest: DeploymentV3 } }).checkpoint.latest;
    const entries: ResourceV3[] = (deployment.resources ?? []).filter(
      (r) => r.custom && handlerForType(r.type) !== undefined,
    );
    const types = new Set(entries.map((r) => handlerForType(r.type)!.kind));

    await setLatency(endpoint, LATENCY_MS);
    const clients = new AwsClients({ region: REGION }, env);

    // The scanner.
    await reset(endpoint);
    let start = performance.now();
    const result = await scanInventory(cloudContext(clients, { concurrency: 8 }), {
      app: "bench",
      homeRegion: REGION,
      stages: [{ stage: "prod", deployment }],
    });
    const scanMs = performance.now() - start;
    const scanCalls = await requests(endpoint);
    const stage = result.stages[0]!;
    const managed = stage.entries.filter((e) => e.status === "managed").length;
    const missing = stage.entries.filter((e) => e.status === "missing").length;

    // The baseline: one read per state entry, the same 8 calls in flight per service.
    await reset(endpoint);
    const ctx = cloudContext(clients, { concurrency: 8 });
    start = performance.now();
    let present = 0;
    await mapLimit(entries, 256, async (r) => {
      const handler = (await driverForType(r.type))!;
      const identity = handler.identify(r, handler.global ? "us-east-1" : REGION);
      if (identity !== undefined && (await handler.read(ctx, identity)) !== undefined) present++;
    });
    const naiveMs = performance.now() - start;
    const naiveCalls = await requests(endpoint);
    clients.destroy();

    console.log("");
    console.log(
      `cloud scan — one stage, ${entries.length} resources of ${types.size} types (seeded in ${(seedMs / 1000).toFixed(1)} s), ${LATENCY_MS} ms latency per call, stateward sandbox in its own process:`,
    );
    console.log(
      `  scanner: ${scanCalls} API calls, ${(scanMs / 1000).toFixed(2)} s — ${managed} managed, ${missing} missing, ${result.incomplete.length} incomplete parts`,
    );
    console.log(
      `  naive (one read per state entry): ${naiveCalls} API calls, ${(naiveMs / 1000).toFixed(2)} s — ${present} present`,
    );
    // Calls grow with list pages and kinds (one tag walk or listing each), not with resources.
    const perThousand = (scanCalls / entries.length) * 1000;
    const byService = Object.entries(result.calls.byService)
      .sort((a, b) => b[1] - a[1])
      .map(([service, n]) => `${service} ${n}`)
      .join(", ");
    console.log(
      `  scanner calls per 1,000 resources: ${perThousand.toFixed(1)} (naive: ${((naiveCalls / entries.length) * 1000).toFixed(0)}); by service: ${byService}`,
    );
    report([
      {
        group: "scan",
        name: `naive calls ÷ scanner calls, ${entries.length} resources`,
        value: naiveCalls / scanCalls,
        unit: "",
        target: { min: 20 },
      },
      {
        group: "scan",
        name: `naive time ÷ scanner time, ${LATENCY_MS} ms per call`,
        value: naiveMs / scanMs,
        unit: "",
        target: { min: 10 },
      },
    ]);
  } finally {
    seedClients.destroy();
    stop();
  }
}

await scanBench();
