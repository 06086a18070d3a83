/**
 * Other regions' SST homes: a stage deployed from two places with different regions has a second
 * home (its own bootstrap parameter and state bucket) holding a second copy of the stage's state.
 */
import { parseState } from "../backends/encoding.js";
import type { OpenStage } from "../backends/resolve.js";
import { S3Store } from "../backends/s3-store.js";
import { readSstBootstrap } from "../backends/sst-bootstrap.js";
import { sstKeys, type DeploymentV3 } from "../state/index.js";
import { mapLimit } from "../util/map-limit.js";
import type { OtherHome } from "./types.js";

/** Regions probed for a second SST home (a stage deployed from two places with different regions). */
export const HOME_REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "ca-central-1",
  "sa-east-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-central-1",
  "eu-north-1",
  "ap-south-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-southeast-1",
  "ap-southeast-2",
];

/** The region the state's default AWS provider names. */
export function providerRegion(deployment: DeploymentV3 | undefined): string | undefined {
  for (const r of deployment?.resources ?? []) {
    if (!r.type.startsWith("pulumi:providers:aws")) continue;
    const region = r.outputs?.region ?? r.inputs?.region;
    if (typeof region === "string" && region !== "") return region;
  }
  return undefined;
}

/** The state bucket of the SST home in a region, undefined when there is none to compare. */
async function homeBucket(
  open: OpenStage,
  region: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  try {
    return (await readSstBootstrap(open.clients!, region, signal)).state;
  } catch (e) {
    // No home there (ParameterNotFound), a region not enabled, no permission: nothing to compare.
    if (signal?.aborted === true) throw e;
    return undefined;
  }
}

/** Other regions' SST homes that hold state for these stages. */
export async function otherHomes(
  open: OpenStage,
  stages: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, OtherHome[]>> {
  const found = new Map<string, OtherHome[]>();
  const clients = open.clients;
  if (open.backend.kind !== "sst" || clients === undefined || open.region === undefined) return found;
  const app = open.backend.app;
  await mapLimit(
    HOME_REGIONS.filter((r) => r !== open.region),
    8,
    async (region) => {
      const bucket = await homeBucket(open, region, signal);
      if (bucket === undefined) return;
      const store = new S3Store(clients.s3(region), bucket);
      for (const stage of stages) {
        const object = await store.get(sstKeys.state(app, stage), signal).catch(() => undefined);
        if (object === undefined) continue;
        const deployment = parseState(object.bytes, store.locate(sstKeys.state(app, stage))).deployment;
        const home: OtherHome = { region, bucket, deployment };
        const pr = providerRegion(deployment);
        if (pr !== undefined) home.providerRegion = pr;
        found.set(stage, [...(found.get(stage) ?? []), home]);
      }
    },
  );
  return found;
}
