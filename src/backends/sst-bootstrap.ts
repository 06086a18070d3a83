/** The SST home's bootstrap parameter: SSM `/sst/bootstrap` in the home region names the state bucket. */
import { awsError, awsErrorCode, type AwsClients } from "../cloud/clients.js";
import { sdk } from "../cloud/sdk.js";
import { StatewardError } from "../errors.js";
import { t } from "../i18n/index.js";
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
      .send(new (sdk.ssm().GetParameterCommand)({ Name: sstKeys.bootstrap }), { abortSignal: signal });
    value = res.Parameter?.Value;
  } catch (e) {
    if (awsErrorCode(e) !== "ParameterNotFound")
      throw awsError(e, t("backends.bootstrap.reading", { parameter: sstKeys.bootstrap, region }));
    const identity = await clients.callerIdentity(signal).catch(() => undefined);
    throw new StatewardError(
      "NO_SST_HOME",
      identity === undefined
        ? t("backends.bootstrap.noHome", { region, parameter: sstKeys.bootstrap })
        : t("backends.bootstrap.noHomeAccount", {
            region,
            account: identity.account,
            parameter: sstKeys.bootstrap,
          }),
      {
        hint: t("backends.bootstrap.noHomeHint"),
      },
    );
  }
  const raw = value === undefined ? undefined : parseJsonObject(Buffer.from(value));
  if (raw === undefined || typeof raw.state !== "string" || raw.state === "") {
    throw new StatewardError(
      "BAD_SST_HOME",
      t("backends.bootstrap.bad", { parameter: sstKeys.bootstrap, region }),
      { hint: t("backends.bootstrap.badHint") },
    );
  }
  const bootstrap: SstBootstrap = { state: raw.state, raw };
  if (typeof raw.version === "number") bootstrap.version = raw.version;
  return bootstrap;
}
