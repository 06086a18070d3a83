/**
 * An SST home in the local cloud, as `sst` bootstraps one: a versioned state bucket, an asset bucket,
 * and the `/sst/bootstrap` parameter naming them (overwritten when there is one).
 */
import { CreateBucketCommand, PutBucketVersioningCommand } from "@aws-sdk/client-s3";
import { PutParameterCommand } from "@aws-sdk/client-ssm";
import { sstKeys } from "../../state/sst.js";
import type { Clients } from "./clients.js";

export async function makeSstHome(
  clients: Clients,
  region: string,
  bucket: string,
  asset: string,
): Promise<void> {
  const s3 = clients.s3(region);
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await s3.send(
    new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: "Enabled" } }),
  );
  await s3.send(new CreateBucketCommand({ Bucket: asset }));
  await clients.ssm(region).send(
    new PutParameterCommand({
      Name: sstKeys.bootstrap,
      Type: "String",
      Value: JSON.stringify({ version: 5, asset, assetEcrRegistryId: "", assetEcrUrl: "", state: bucket }),
      Overwrite: true,
    }),
  );
}
