/**
 * The local cloud's S3 bucket settings, driven by the real SDK: CORS, public access block and
 * notification configuration are kept as put; absent ones answer as S3 does (GetBucketCors →
 * 404 NoSuchCORSConfiguration, GetPublicAccessBlock → 404 NoSuchPublicAccessBlockConfiguration "The
 * public access block configuration was not found", GetBucketNotificationConfiguration → an empty
 * configuration); the deletes answer 204 whether or not there was one.
 */
import {
  CreateBucketCommand,
  DeleteBucketCorsCommand,
  DeletePublicAccessBlockCommand,
  GetBucketCorsCommand,
  GetBucketNotificationConfigurationCommand,
  GetPublicAccessBlockCommand,
  PutBucketCorsCommand,
  PutBucketNotificationConfigurationCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { sdkError, useSandbox } from "./harness.js";

const sandbox = useSandbox();

describe("S3 bucket settings", () => {
  it("CORS, public access block and notification: put, read back, absent, deleted", async () => {
    const s3 = new S3Client(sandbox.config("us-east-1"));
    try {
      const Bucket = "settings-test";
      await s3.send(new CreateBucketCommand({ Bucket }));
      // Absent.
      expect(await sdkError(() => s3.send(new GetBucketCorsCommand({ Bucket })))).toMatchObject({
        name: "NoSuchCORSConfiguration",
        status: 404,
      });
      expect(await sdkError(() => s3.send(new GetPublicAccessBlockCommand({ Bucket })))).toEqual({
        name: "NoSuchPublicAccessBlockConfiguration",
        status: 404,
        message: "The public access block configuration was not found",
      });
      const empty = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket }));
      expect(empty.LambdaFunctionConfigurations ?? []).toEqual([]);
      // Put, read back.
      await s3.send(
        new PutBucketCorsCommand({
          Bucket,
          CORSConfiguration: {
            CORSRules: [{ AllowedMethods: ["GET"], AllowedOrigins: ["*"], MaxAgeSeconds: 0 }],
          },
        }),
      );
      const cors = await s3.send(new GetBucketCorsCommand({ Bucket }));
      expect(cors.CORSRules).toEqual([{ AllowedMethods: ["GET"], AllowedOrigins: ["*"], MaxAgeSeconds: 0 }]);
      await s3.send(
        new PutPublicAccessBlockCommand({
          Bucket,
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: false },
        }),
      );
      const pab = await s3.send(new GetPublicAccessBlockCommand({ Bucket }));
      expect(pab.PublicAccessBlockConfiguration).toMatchObject({
        BlockPublicAcls: true,
        RestrictPublicBuckets: false,
      });
      const arn = "arn:aws:lambda:us-east-1:123456789012:function:f";
      await s3.send(
        new PutBucketNotificationConfigurationCommand({
          Bucket,
          NotificationConfiguration: {
            LambdaFunctionConfigurations: [
              { Id: "n", LambdaFunctionArn: arn, Events: ["s3:ObjectCreated:*"] },
            ],
          },
        }),
      );
      const n = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket }));
      expect(n.LambdaFunctionConfigurations).toEqual([
        { Id: "n", LambdaFunctionArn: arn, Events: ["s3:ObjectCreated:*"] },
      ]);
      // Deleted: gone again (and a second delete is no error).
      await s3.send(new DeleteBucketCorsCommand({ Bucket }));
      await s3.send(new DeleteBucketCorsCommand({ Bucket }));
      await s3.send(new DeletePublicAccessBlockCommand({ Bucket }));
      expect((await sdkError(() => s3.send(new GetBucketCorsCommand({ Bucket })))).name).toBe(
        "NoSuchCORSConfiguration",
      );
      expect((await sdkError(() => s3.send(new GetPublicAccessBlockCommand({ Bucket })))).name).toBe(
        "NoSuchPublicAccessBlockConfiguration",
      );
      // A bucket that does not exist.
      expect((await sdkError(() => s3.send(new GetBucketCorsCommand({ Bucket: "nope-nope" })))).name).toBe(
        "NoSuchBucket",
      );
    } finally {
      s3.destroy();
    }
  });
});
