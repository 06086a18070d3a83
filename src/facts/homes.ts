/**
 * Other regions' SST homes: a stage deployed from two places with different regions has a second
 * home (its own bootstrap parameter and state bucket) holding a second copy of the stage's state.
 */
import { parseState } from "../backends/encoding.js";
import type { OpenStage } from "../backends/resolve.js";
import { S3Store } from "../backends/s3-store.js";
import { parseJsonObject } from "../backends/records.js";
import { sdk } from "../cloud/sdk.js";
import { sstKeys, type DeploymentV3 } from "../state/index.js";
import type { StageInventory } from "./inventory.js";
import type { OtherHome } from "./types.js";

/**
 * Regions probed for a second SST home (a stage deployed from two places with different regions) —
 * only when a rule needs the answer (`needsOtherHomes`), all at once, once per run.
 */
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

/**
 * Other regions' SST homes of one run, read only when asked: the first question probes every other
 * region's bootstrap parameter at once (in parallel) and keeps the answer; each stage's copy in each
 * home found is read once. A region with no home (ParameterNotFound), not enabled, or not readable
 * has nothing to compare.
 */
export class HomeProbe {
  private buckets: Promise<{ region: string; bucket: string }[]> | undefined;
  private readonly stages = new Map<string, Promise<OtherHome[]>>();

  constructor(
    private readonly open: OpenStage,
    private readonly signal?: AbortSignal,
  ) {}

  /** Whether other homes can exist at all (an SST home, clients, a known region). */
  get applies(): boolean {
    return (
      this.open.backend.kind === "sst" && this.open.clients !== undefined && this.open.region !== undefined
    );
  }

  /** The other regions' home buckets, probed once per run, every region at the same time. */
  private homes(): Promise<{ region: string; bucket: string }[]> {
    this.buckets ??= (async () => {
      const clients = this.open.clients!;
      const regions = HOME_REGIONS.filter((r) => r !== this.open.region);
      const found = await Promise.all(
        regions.map(async (region) => {
          try {
            const res = await clients
              .ssm(region)
              .send(new (sdk.ssm().GetParameterCommand)({ Name: sstKeys.bootstrap }), {
                abortSignal: this.signal,
              });
            const raw =
              res.Parameter?.Value === undefined
                ? undefined
                : parseJsonObject(Buffer.from(res.Parameter.Value));
            return typeof raw?.state === "string" && raw.state !== ""
              ? { region, bucket: raw.state }
              : undefined;
          } catch (e) {
            if (this.signal?.aborted === true) throw e;
            return undefined;
          }
        }),
      );
      return found.filter((h) => h !== undefined);
    })();
    return this.buckets;
  }

  /** The stage's copies in other regions' homes (read once per stage and run). */
  forStage(stage: string): Promise<OtherHome[]> {
    if (!this.applies) return Promise.resolve([]);
    let copies = this.stages.get(stage);
    if (copies === undefined) {
      copies = this.read(stage);
      this.stages.set(stage, copies);
    }
    return copies;
  }

  private async read(stage: string): Promise<OtherHome[]> {
    const clients = this.open.clients!;
    const app = this.open.backend.app;
    const key = sstKeys.state(app, stage);
    const copies = await Promise.all(
      (await this.homes()).map(async ({ region, bucket }) => {
        const store = new S3Store(clients.s3(region), bucket);
        const object = await store.get(key, this.signal).catch(() => undefined);
        if (object === undefined) return undefined;
        const deployment = parseState(object.bytes, store.locate(key)).deployment;
        const home: OtherHome = { region, bucket, deployment };
        const pr = providerRegion(deployment);
        if (pr !== undefined) home.providerRegion = pr;
        return home;
      }),
    );
    return copies.filter((h) => h !== undefined);
  }
}

/**
 * Whether the rules need to know the stage's copies in other regions' homes: `region-mismatch` when
 * the state's provider region is not the home's (a copy elsewhere explains it), and the attribution of
 * unmanaged resources (`unmanagedCause`) when the scan found a resource of the stage that no state
 * here holds — another home's copy may. A stage with neither has nothing another home could change in
 * its report but a region-mismatch warning about a copy that left no trace here (no resource with the
 * stage's tags in a scanned region — global resources such as roles and distributions are scanned).
 */
export function needsOtherHomes(
  homeRegion: string,
  deployment: DeploymentV3 | undefined,
  inventory: StageInventory | undefined,
): boolean {
  const pr = providerRegion(deployment);
  if (pr !== undefined && pr !== homeRegion) return true;
  return (inventory?.entries ?? []).some(
    (e) => e.status === "unmanaged" && e.pending === undefined && e.otherStage === undefined,
  );
}

/** Other regions' SST homes that hold state for these stages (probing every region, once). */
export async function otherHomes(
  open: OpenStage,
  stages: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, OtherHome[]>> {
  const probe = new HomeProbe(open, signal);
  const found = new Map<string, OtherHome[]>();
  for (const stage of stages) {
    const homes = await probe.forStage(stage);
    if (homes.length > 0) found.set(stage, homes);
  }
  return found;
}
