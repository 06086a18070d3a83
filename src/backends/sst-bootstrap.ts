/** The SST home's bootstrap parameter: SSM `/sst/bootstrap` in the home region names the state bucket. */
import { GetParameterCommand } from "@aws-sdk/client-ssm";
import { awsError, awsErrorCode, type AwsClients } from "../cloud/clients.js";
import { StatewardError } from "../errors.js";
import { sstKeys } from "../state/sst.js";
import { parseJsonObject } from "./records.js";

export interface SstBootstrap {
  version?: number;
  state: string;
  raw: Record<string, unknown>;
}

/** Reads `/sst/bootstrap` in the region; never creates anything. */
export async function readSstBootstrap(
  clients: AwsClients,
  region: string,
  signal?: AbortSignal,
): Promise<SstBootstrap> {
  let value: string | undefined;
  try {
    const res = await clients
      .ssm(region)
      .send(new GetParameterCommand({ Name: sstKeys.bootstrap }), { abortSignal: signal });
    value = res.Parameter?.Value;
  } catch (e) {
    if (awsErrorCode(e) !== "ParameterNotFound")
      throw awsError(e, `Reading ${sstKeys.bootstrap} in ${region}`);
    const identity = await clients.callerIdentity(signal).catch(() => undefined);
    throw new StatewardError(
      "NO_SST_HOME",
      `There is no SST home in ${region}${identity === undefined ? "" : ` of account ${identity.account}`}: the SSM parameter ${sstKeys.bootstrap} does not exist there.`,
      {
        hint: "Check the region (--region, or providers.aws.region in sst.config.ts) and the account (--profile / AWS_PROFILE). stateward never creates an SST home; the first `sst deploy` does.",
      },
    );
  }
  const raw = value === undefined ? undefined : parseJsonObject(Buffer.from(value));
  if (raw === undefined || typeof raw.state !== "string" || raw.state === "") {
    throw new StatewardError(
      "BAD_SST_HOME",
      `The SSM parameter ${sstKeys.bootstrap} in ${region} does not name a state bucket (expected JSON with a "state" field).`,
      { hint: "It is written by SST's bootstrap; `sst deploy` repairs it." },
    );
  }
  const bootstrap: SstBootstrap = { state: raw.state, raw };
  if (typeof raw.version === "number") bootstrap.version = raw.version;
  return bootstrap;
}
