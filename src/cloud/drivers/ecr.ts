/**
 * Amazon ECR, the driver for repositories (src/kinds/ecr-repository.ts): DescribeRepositories by name
 * (RepositoryNotFoundException: not there) and ListTagsForResource to read one; DescribeRepositories
 * paged (1,000 a page) to list by name; ListImages to count what a repository holds; DeleteRepository
 * to delete.
 *
 * Deleting a repository deletes the images in it. AWS refuses that without `force`
 * (RepositoryNotEmptyException); the deletion gate's permit for the repository is the confirmation
 * that it goes, images included — as a bucket is emptied before it is deleted. So the driver first
 * counts the images (ListImages, paged), then deletes with `force` only when it counted some, and
 * says how many went. A repository it found empty is deleted without `force`: if images were pushed
 * in between, AWS refuses, nothing is deleted, and the result says so (pending) instead of deleting
 * images nobody counted.
 */
import {
  DeleteRepositoryCommand,
  DescribeRepositoriesCommand,
  ECRClient,
  ListImagesCommand,
  ListTagsForResourceCommand,
  type Repository,
} from "@aws-sdk/client-ecr";
import { ecrRepository as kind } from "../../kinds/ecr-repository.js";
import { nameMatches, type CloudResource, type Identity } from "../../kinds/types.js";
import type { PropertyMap } from "../../state/index.js";
import {
  awsCode,
  callUnlessMissing,
  found,
  gatedDelete,
  tagMap,
  type Adopter,
  type CloudContext,
  type KindDriver,
} from "./types.js";
import { t } from "../../i18n/index.js";

const SERVICE = "ecr";
const MISSING = ["RepositoryNotFoundException"];
/** API_DescribeRepositories / API_ListImages, maxResults: 1 to 1,000. */
const PAGE = 1000;

const client = (ctx: CloudContext, region: string) => ctx.clients.client(ECRClient, "ECR", region);

/** The repository's name, also when given its ARN. */
const nameOf = (identity: Identity): string => /:repository\/(.+)$/.exec(identity.name)?.[1] ?? identity.name;

async function describe(ctx: CloudContext, region: string, name: string): Promise<Repository | undefined> {
  const got = await callUnlessMissing(ctx, MISSING, SERVICE, `DescribeRepositories ${name}`, (signal) =>
    client(ctx, region).send(new DescribeRepositoriesCommand({ repositoryNames: [name] }), {
      abortSignal: signal,
    }),
  );
  return got?.repositories?.find((r) => r.repositoryName === name);
}

async function tagsOf(ctx: CloudContext, region: string, arn: string): Promise<Record<string, string>> {
  const got = await callUnlessMissing(ctx, MISSING, SERVICE, `ListTagsForResource ${arn}`, (signal) =>
    client(ctx, region).send(new ListTagsForResourceCommand({ resourceArn: arn }), { abortSignal: signal }),
  );
  return tagMap(got?.tags);
}

function detailOf(r: Repository) {
  return {
    imageTagMutability: r.imageTagMutability ?? "MUTABLE",
    imageScanningConfiguration: { scanOnPush: r.imageScanningConfiguration?.scanOnPush ?? false },
    encryptionConfigurations: [
      {
        encryptionType: r.encryptionConfiguration?.encryptionType ?? "AES256",
        kmsKey: r.encryptionConfiguration?.kmsKey ?? "",
      },
    ],
  };
}

function toResource(
  r: Repository,
  region: string,
  tags: Record<string, string> | undefined,
  foundBy: CloudResource["foundBy"],
) {
  return found(kind, {
    name: r.repositoryName!,
    region,
    arn: r.repositoryArn,
    foundBy,
    detail: detailOf(r),
    ...(tags === undefined ? {} : { tags }),
  });
}

/** How many images the repository holds (ListImages, paged); undefined when it is gone. */
async function imageCount(ctx: CloudContext, region: string, name: string): Promise<number | undefined> {
  let count = 0;
  let token: string | undefined;
  do {
    const page = await callUnlessMissing(ctx, MISSING, SERVICE, `ListImages ${name}`, (signal) =>
      client(ctx, region).send(
        new ListImagesCommand({ repositoryName: name, maxResults: PAGE, nextToken: token }),
        {
          abortSignal: signal,
        },
      ),
    );
    if (page === undefined) return undefined;
    // An image with several tags is listed once per tag: count digests.
    count += new Set((page.imageIds ?? []).map((i) => i.imageDigest)).size;
    token = page.nextToken || undefined;
  } while (token !== undefined);
  return count;
}

export const ecrRepositoryDriver: KindDriver = {
  ...kind,

  async read(ctx, identity) {
    const r = await describe(ctx, identity.region, nameOf(identity));
    if (r === undefined) return undefined;
    const tags = await tagsOf(ctx, identity.region, r.repositoryArn!);
    return toResource(r, identity.region, tags, "read");
  },

  async listByName(ctx, region, filter) {
    const out: CloudResource[] = [];
    let token: string | undefined;
    do {
      const page = await ctx.call(
        SERVICE,
        t("cloud.call.in-region", { call: "DescribeRepositories", region }),
        (signal) =>
          client(ctx, region).send(new DescribeRepositoriesCommand({ maxResults: PAGE, nextToken: token }), {
            abortSignal: signal,
          }),
      );
      for (const r of page.repositories ?? []) {
        if (r.repositoryName !== undefined && nameMatches(filter, r.repositoryName)) {
          out.push(toResource(r, region, undefined, "name"));
        }
      }
      token = page.nextToken || undefined;
    } while (token !== undefined);
    return out;
  },

  delete: gatedDelete(kind.kind, async (ctx, identity) => {
    const name = nameOf(identity);
    const images = await imageCount(ctx, identity.region, name);
    if (images === undefined) return { deleted: true, steps: [t("cloud.step.already-gone")] };
    try {
      const done = await callUnlessMissing(ctx, MISSING, SERVICE, `DeleteRepository ${name}`, (signal) =>
        client(ctx, identity.region).send(
          new DeleteRepositoryCommand({ repositoryName: name, ...(images > 0 && { force: true }) }),
          { abortSignal: signal },
        ),
      );
      if (done === undefined) return { deleted: true, steps: [t("cloud.step.already-gone")] };
    } catch (e) {
      if (awsCode(e) !== "RepositoryNotEmptyException") throw e;
      return {
        deleted: false,
        pending: t("cloud.ecr.pushed-meanwhile", { name }),
        steps: [],
      };
    }
    const step =
      images === 0
        ? t("cloud.ecr.deleted.empty", { name })
        : t(images === 1 ? "cloud.ecr.deleted.one" : "cloud.ecr.deleted.other", { name, count: images });
    return { deleted: true, steps: [step] };
  }),

  adopt: (ctx, identity) => ecrRepositoryAdopter.read(ctx, identity),
};

export const drivers: readonly KindDriver[] = [ecrRepositoryDriver];

/* Adopting ------------------------------------------------------------------------------------------ */

/** pulumi-aws's `__meta` for a repository: the Terraform resource's delete timeout (20 min), alone. */
const ECR_META = JSON.stringify({ "e2bfb730-ecaa-11e6-8f88-34363bc7c4c0": { delete: 1_200_000_000_000 } });

/**
 * Adopting an ECR repository (`aws:ecr/repository:Repository`): the entry pulumi-aws writes, from
 * DescribeRepositories and ListTagsForResource. Id and `name` are the repository name. Checked key by
 * key against pulumi-aws 5.42.0's export (../shared/fixtures/pulumi-aws/ecr-repository-5.42.0-stack.json):
 * outputs `__meta` (delete timeout only), `arn`, `encryptionConfigurations` (`kmsKey` "" with AES256),
 * `id`, `imageScanningConfiguration`, `imageTagMutability`, `name`, `registryId`, `repositoryUrl`,
 * `tags`, `tagsAll`; inputs `name`, `imageTagMutability` and `imageScanningConfiguration` (with its own
 * empty `__defaults`), plus the KMS encryption and tags when the repository has them. `forceDelete`
 * is not written: AWS does not keep it, and pulumi-aws records it only when the program sets it.
 */
export const ecrRepositoryAdopter: Adopter = {
  kind: kind.kind,

  async read(ctx, identity) {
    const r = await describe(ctx, identity.region, nameOf(identity));
    if (r?.repositoryArn === undefined || r.repositoryName === undefined) return undefined;
    const tags = await tagsOf(ctx, identity.region, r.repositoryArn);
    const d = detailOf(r);
    const encryption = d.encryptionConfigurations[0]!;
    const inputs: PropertyMap = {
      __defaults: [],
      ...(encryption.encryptionType === "KMS"
        ? { encryptionConfigurations: [{ __defaults: [], ...encryption }] }
        : {}),
      imageScanningConfiguration: { __defaults: [], ...d.imageScanningConfiguration },
      imageTagMutability: d.imageTagMutability,
      name: r.repositoryName,
      ...(Object.keys(tags).length === 0 ? {} : { tags: { ...tags } }),
    };
    const outputs: PropertyMap = {
      __meta: ECR_META,
      arn: r.repositoryArn,
      encryptionConfigurations: d.encryptionConfigurations,
      id: r.repositoryName,
      imageScanningConfiguration: d.imageScanningConfiguration,
      imageTagMutability: d.imageTagMutability,
      name: r.repositoryName,
      registryId: r.registryId ?? "",
      repositoryUrl: r.repositoryUri ?? "",
      tags: { ...tags },
      tagsAll: { ...tags },
    };
    return { id: r.repositoryName, inputs, outputs };
  },
};
