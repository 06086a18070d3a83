/**
 * KMS keys and aliases in the local cloud, driven by the real SDK client: keys created, described by
 * id, ARN or alias, scheduled for deletion (never deleted at once); aliases created (the real
 * AlreadyExistsException text), listed over pages (Limit ≤ 100), updated and deleted without
 * touching their key; key tags and the tagging API.
 */
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  KMSClient,
  ListAliasesCommand,
  ListResourceTagsCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  UpdateAliasCommand,
  paginateListAliases,
} from "@aws-sdk/client-kms";
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from "@aws-sdk/client-resource-groups-tagging-api";
import { describe, expect, it } from "vitest";
import { alreadyExistsLog as fixture } from "../fixtures/files.js";
import { sdkError, useSandbox } from "./harness.js";

const ACCOUNT = "123456789012";
const clock = new Date("2025-04-01T12:00:00.000Z");
const sandbox = useSandbox({ accountId: ACCOUNT, now: () => clock });
const client = (region = "us-east-1") => new KMSClient(sandbox.config(region));
const newKey = async (region = "us-east-1") =>
  (await client(region).send(new CreateKeyCommand({ Description: "k" }))).KeyMetadata!;

describe("KMS keys and aliases (awsJson 1.1)", () => {
  it("creates a key and describes it by id, ARN, alias name and alias ARN", async () => {
    const k = await newKey();
    expect(k.Arn).toBe(`arn:aws:kms:us-east-1:${ACCOUNT}:key/${k.KeyId}`);
    expect(k).toMatchObject({ KeyState: "Enabled", Enabled: true, KeyManager: "CUSTOMER" });
    await client().send(new CreateAliasCommand({ AliasName: "alias/acme-dev-key", TargetKeyId: k.KeyId }));
    for (const ref of [
      k.KeyId!,
      k.Arn!,
      "alias/acme-dev-key",
      `arn:aws:kms:us-east-1:${ACCOUNT}:alias/acme-dev-key`,
    ]) {
      const d = await client().send(new DescribeKeyCommand({ KeyId: ref }));
      expect(d.KeyMetadata?.KeyId).toBe(k.KeyId);
    }
    const missing = await sdkError(() => client().send(new DescribeKeyCommand({ KeyId: "alias/none" })));
    expect(missing).toEqual({
      name: "NotFoundException",
      status: 400,
      message: `Alias arn:aws:kms:us-east-1:${ACCOUNT}:alias/none is not found.`,
    });
  });

  it("refuses a taken alias name with the text users hit, and a name without alias/", async () => {
    const k = await newKey();
    await client().send(
      new CreateAliasCommand({ AliasName: "alias/eks/cbci-bp01-ci-v2-eks", TargetKeyId: k.KeyId }),
    );
    const e = await sdkError(() =>
      client().send(
        new CreateAliasCommand({ AliasName: "alias/eks/cbci-bp01-ci-v2-eks", TargetKeyId: k.KeyId }),
      ),
    );
    expect(e).toEqual({
      name: "AlreadyExistsException",
      status: 400,
      message: `An alias with the name arn:aws:kms:us-east-1:${ACCOUNT}:alias/eks/cbci-bp01-ci-v2-eks already exists`,
    });
    expect(fixture("kms-alias.log")).toContain(`${e.name}: ${e.message}`);
    const bare = await sdkError(() =>
      client().send(new CreateAliasCommand({ AliasName: "my-key", TargetKeyId: k.KeyId })),
    );
    expect(bare.name).toBe("ValidationException");
    expect(bare.message).toMatch(/^Alias must start with the prefix "alias\/"/);
    // Aliases are per region.
    const west = await newKey("us-west-2");
    await client("us-west-2").send(
      new CreateAliasCommand({ AliasName: "alias/eks/cbci-bp01-ci-v2-eks", TargetKeyId: west.KeyId }),
    );
  });

  it("lists aliases over pages of at most 100 (Marker, Truncated), by key too", async () => {
    const region = "eu-west-3";
    const k = await newKey(region);
    const other = await newKey(region);
    for (let i = 0; i < 5; i++) {
      await client(region).send(
        new CreateAliasCommand({
          AliasName: `alias/acme-${i}`,
          TargetKeyId: i === 4 ? other.KeyId : k.KeyId,
        }),
      );
    }
    const first = await client(region).send(new ListAliasesCommand({ Limit: 2 }));
    expect(first).toMatchObject({ Truncated: true });
    expect(first.Aliases?.[0]).toMatchObject({
      AliasName: "alias/acme-0",
      AliasArn: `arn:aws:kms:${region}:${ACCOUNT}:alias/acme-0`,
      TargetKeyId: k.KeyId,
    });
    const names: string[] = [];
    let pages = 0;
    for await (const page of paginateListAliases({ client: client(region), pageSize: 2 }, {})) {
      pages++;
      names.push(...(page.Aliases ?? []).map((a) => a.AliasName!));
    }
    expect(pages).toBe(3);
    expect(names).toEqual([0, 1, 2, 3, 4].map((i) => `alias/acme-${i}`));
    const byKey = await client(region).send(new ListAliasesCommand({ KeyId: other.KeyId }));
    expect(byKey.Aliases?.map((a) => a.AliasName)).toEqual(["alias/acme-4"]);
    const big = await sdkError(() => client(region).send(new ListAliasesCommand({ Limit: 101 })));
    expect(big.name).toBe("ValidationException");
  });

  it("deletes an alias and leaves its key; keys are only scheduled for deletion", async () => {
    const k = await newKey();
    const k2 = await newKey();
    await client().send(new CreateAliasCommand({ AliasName: "alias/doomed", TargetKeyId: k.KeyId }));
    await client().send(new UpdateAliasCommand({ AliasName: "alias/doomed", TargetKeyId: k2.KeyId }));
    expect((await client().send(new DescribeKeyCommand({ KeyId: "alias/doomed" }))).KeyMetadata?.KeyId).toBe(
      k2.KeyId,
    );
    await client().send(new DeleteAliasCommand({ AliasName: "alias/doomed" }));
    const again = await sdkError(() => client().send(new DeleteAliasCommand({ AliasName: "alias/doomed" })));
    expect(again).toEqual({
      name: "NotFoundException",
      status: 400,
      message: `Alias arn:aws:kms:us-east-1:${ACCOUNT}:alias/doomed is not found.`,
    });
    expect((await client().send(new DescribeKeyCommand({ KeyId: k2.KeyId }))).KeyMetadata?.KeyState).toBe(
      "Enabled",
    );
    const tooSoon = await sdkError(() =>
      client().send(new ScheduleKeyDeletionCommand({ KeyId: k2.KeyId, PendingWindowInDays: 6 })),
    );
    expect(tooSoon.name).toBe("ValidationException");
    const scheduled = await client().send(
      new ScheduleKeyDeletionCommand({ KeyId: k2.KeyId, PendingWindowInDays: 7 }),
    );
    expect(scheduled).toMatchObject({ KeyState: "PendingDeletion", PendingWindowInDays: 7, KeyId: k2.Arn });
    expect(scheduled.DeletionDate).toEqual(new Date(clock.getTime() + 7 * 24 * 3600 * 1000));
    const d = await client().send(new DescribeKeyCommand({ KeyId: k2.KeyId }));
    expect(d.KeyMetadata).toMatchObject({ KeyState: "PendingDeletion", Enabled: false });
    const pointAt = await sdkError(() =>
      client().send(new CreateAliasCommand({ AliasName: "alias/late", TargetKeyId: k2.KeyId })),
    );
    expect(pointAt.name).toBe("KMSInvalidStateException");
  });

  it("tags keys and reports them to the tagging API as kms:key", async () => {
    const region = "ap-northeast-1";
    const k = (
      await client(region).send(new CreateKeyCommand({ Tags: [{ TagKey: "sst:app", TagValue: "acme" }] }))
    ).KeyMetadata!;
    await client(region).send(
      new TagResourceCommand({ KeyId: k.KeyId, Tags: [{ TagKey: "sst:stage", TagValue: "dev" }] }),
    );
    const tags = await client(region).send(new ListResourceTagsCommand({ KeyId: k.KeyId }));
    expect(tags.Tags).toEqual([
      { TagKey: "sst:app", TagValue: "acme" },
      { TagKey: "sst:stage", TagValue: "dev" },
    ]);
    const tagging = new ResourceGroupsTaggingAPIClient(sandbox.config(region));
    const got = await tagging.send(new GetResourcesCommand({ ResourceTypeFilters: ["kms:key"] }));
    expect(got.ResourceTagMappingList?.map((m) => m.ResourceARN)).toEqual([k.Arn]);
  });
});
