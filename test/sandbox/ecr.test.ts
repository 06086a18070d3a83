/**
 * ECR repositories in the local cloud, driven by the real SDK client: create (the real
 * RepositoryAlreadyExistsException text), describe by names (RepositoryNotFoundException) and over
 * pages, images pushed and listed, delete refused while images are in it unless forced, tags.
 */
import {
  CreateRepositoryCommand,
  DeleteRepositoryCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  ListImagesCommand,
  ListTagsForResourceCommand,
  PutImageCommand,
  TagResourceCommand,
  paginateDescribeRepositories,
} from "@aws-sdk/client-ecr";
import {
  GetResourcesCommand,
  ResourceGroupsTaggingAPIClient,
} from "@aws-sdk/client-resource-groups-tagging-api";
import { describe, expect, it } from "vitest";
import { alreadyExistsLog as fixture } from "../fixtures/files.js";
import { sdkError, useSandbox } from "./harness.js";

const ACCOUNT = "210987654321";
const sandbox = useSandbox({ accountId: ACCOUNT });
const client = (region = "us-east-1") => new ECRClient(sandbox.config(region));
const manifest = (n: number) => JSON.stringify({ schemaVersion: 2, layers: [{ digest: `sha256:${n}` }] });

describe("ECR repositories (awsJson 1.1)", () => {
  it("creates a repository with its ARN and URI; a taken name fails with the real text", async () => {
    const made = await client().send(
      new CreateRepositoryCommand({
        repositoryName: "dummy-service",
        imageScanningConfiguration: { scanOnPush: true },
      }),
    );
    expect(made.repository).toMatchObject({
      repositoryArn: `arn:aws:ecr:us-east-1:${ACCOUNT}:repository/dummy-service`,
      registryId: ACCOUNT,
      repositoryName: "dummy-service",
      repositoryUri: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/dummy-service`,
      imageTagMutability: "MUTABLE",
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfiguration: { encryptionType: "AES256" },
    });
    const e = await sdkError(() =>
      client().send(new CreateRepositoryCommand({ repositoryName: "dummy-service" })),
    );
    expect(e).toEqual({
      name: "RepositoryAlreadyExistsException",
      status: 400,
      message: `The repository with name 'dummy-service' already exists in the registry with id '${ACCOUNT}'`,
    });
    // The user's log has the account id redacted: the text around it is AWS's.
    expect(fixture("ecr-repository.log")).toContain(
      `(${e.name}) when calling the CreateRepository operation: ${e.message.replace(ACCOUNT, "xxxxxxxxxxx")}`,
    );
    const bad = await sdkError(() => client().send(new CreateRepositoryCommand({ repositoryName: "Upper" })));
    expect(bad.name).toBe("InvalidParameterException");
  });

  it("describes by names (a missing one fails) and lists over pages", async () => {
    const region = "eu-central-1";
    for (let i = 0; i < 5; i++)
      await client(region).send(new CreateRepositoryCommand({ repositoryName: `acme/repo-${i}` }));
    const two = await client(region).send(
      new DescribeRepositoriesCommand({ repositoryNames: ["acme/repo-1", "acme/repo-3"] }),
    );
    expect(two.repositories?.map((r) => r.repositoryName)).toEqual(["acme/repo-1", "acme/repo-3"]);
    const e = await sdkError(() =>
      client(region).send(new DescribeRepositoriesCommand({ repositoryNames: ["acme/repo-1", "acme/nope"] })),
    );
    expect(e).toEqual({
      name: "RepositoryNotFoundException",
      status: 400,
      message: `The repository with name 'acme/nope' does not exist in the registry with id '${ACCOUNT}'`,
    });
    const names: string[] = [];
    let pages = 0;
    for await (const page of paginateDescribeRepositories({ client: client(region), pageSize: 2 }, {})) {
      pages++;
      names.push(...(page.repositories ?? []).map((r) => r.repositoryName!));
    }
    expect(pages).toBe(3);
    expect(names).toEqual([0, 1, 2, 3, 4].map((i) => `acme/repo-${i}`));
    const big = await sdkError(() =>
      client(region).send(new DescribeRepositoriesCommand({ maxResults: 1001 })),
    );
    expect(big.name).toBe("InvalidParameterException");
  });

  it("refuses to delete a repository with images unless forced, and lists the images", async () => {
    await client().send(new CreateRepositoryCommand({ repositoryName: "full" }));
    await client().send(
      new PutImageCommand({ repositoryName: "full", imageManifest: manifest(1), imageTag: "v1" }),
    );
    await client().send(
      new PutImageCommand({ repositoryName: "full", imageManifest: manifest(2), imageTag: "v2" }),
    );
    await client().send(new PutImageCommand({ repositoryName: "full", imageManifest: manifest(3) }));
    const first = await client().send(new ListImagesCommand({ repositoryName: "full", maxResults: 2 }));
    expect(first.imageIds).toHaveLength(2);
    const rest = await client().send(
      new ListImagesCommand({ repositoryName: "full", nextToken: first.nextToken }),
    );
    expect([...first.imageIds!, ...rest.imageIds!].map((i) => i.imageTag ?? "-").sort()).toEqual([
      "-",
      "v1",
      "v2",
    ]);
    const tagged = await client().send(
      new ListImagesCommand({ repositoryName: "full", filter: { tagStatus: "TAGGED" } }),
    );
    expect(tagged.imageIds).toHaveLength(2);
    const e = await sdkError(() => client().send(new DeleteRepositoryCommand({ repositoryName: "full" })));
    expect(e).toEqual({
      name: "RepositoryNotEmptyException",
      status: 400,
      message: `The repository with name 'full' in registry with id '${ACCOUNT}' cannot be deleted because it still contains images`,
    });
    const del = await client().send(new DeleteRepositoryCommand({ repositoryName: "full", force: true }));
    expect(del.repository?.repositoryName).toBe("full");
    const gone = await sdkError(() =>
      client().send(new DescribeRepositoriesCommand({ repositoryNames: ["full"] })),
    );
    expect(gone.name).toBe("RepositoryNotFoundException");
    const again = await sdkError(() =>
      client().send(new DeleteRepositoryCommand({ repositoryName: "full" })),
    );
    expect(again.name).toBe("RepositoryNotFoundException");
  });

  it("tags repositories and reports them to the tagging API as ecr:repository", async () => {
    const region = "sa-east-1";
    const made = await client(region).send(
      new CreateRepositoryCommand({ repositoryName: "tagged", tags: [{ Key: "sst:app", Value: "acme" }] }),
    );
    const arn = made.repository!.repositoryArn!;
    await client(region).send(
      new TagResourceCommand({ resourceArn: arn, tags: [{ Key: "sst:stage", Value: "dev" }] }),
    );
    const tags = await client(region).send(new ListTagsForResourceCommand({ resourceArn: arn }));
    expect(tags.tags).toEqual([
      { Key: "sst:app", Value: "acme" },
      { Key: "sst:stage", Value: "dev" },
    ]);
    const tagging = new ResourceGroupsTaggingAPIClient(sandbox.config(region));
    const got = await tagging.send(new GetResourcesCommand({ ResourceTypeFilters: ["ecr:repository"] }));
    expect(got.ResourceTagMappingList?.map((m) => m.ResourceARN)).toEqual([arn]);
  });
});
