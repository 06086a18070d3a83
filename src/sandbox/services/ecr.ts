/**
 * Amazon ECR repositories (awsJson 1.1, `X-Amz-Target: AmazonEC2ContainerRegistry_V20150921.<Operation>`,
 * signing name `ecr`): create, describe (paged, or by names), delete (refused while images are in it
 * unless `force`), a minimal PutImage / ListImages so a repository can hold images, and tags.
 *
 * What AWS does and the sandbox follows (API reference; messages as the CLI and CloudFormation print
 * them, e.g. CircleCI-Public/aws-ecr-orb#22, and as moto and LocalStack reproduce them):
 * - `RepositoryAlreadyExistsException` "The repository with name '<n>' already exists in the registry with id '<account>'".
 * - `RepositoryNotFoundException` "The repository with name '<n>' does not exist in the registry with id '<account>'":
 *   DescribeRepositories by names fails on the first name that does not exist.
 * - `RepositoryNotEmptyException` "The repository with name '<n>' in registry with id '<account>' cannot be
 *   deleted because it still contains images"; `force: true` deletes the images with it.
 * - DescribeRepositories and ListImages pages: `maxResults` 1–1000 (default 100), `nextToken`; a
 *   page size cannot be given together with `repositoryNames`.
 * Lifecycle policies, replication, scanning and layer uploads are not served.
 */
import { createHash } from "node:crypto";
import { constraintError, epochSeconds, jsonService, paginate, tagList, toTagList } from "../core/service.js";
import { AwsError, type ServiceContext } from "../core/types.js";
import { own, put } from "../core/records.js";

interface Image {
  digest: string;
  tags: string[];
  manifest: string;
  pushedAt: string;
}

interface Repository {
  name: string;
  region: string;
  arn: string;
  uri: string;
  createdAt: string;
  tagMutability: string;
  scanOnPush: boolean;
  encryptionType: string;
  kmsKey?: string;
  tags: Record<string, string>;
  images: Image[];
}

interface State {
  /** By `<region>|<name>`. */
  repos: Record<string, Repository>;
}

/** API_CreateRepository, repositoryName: 2–256 characters of this pattern. */
const NAME = /^(?=.{2,256}$)(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

function invalid(message: string): AwsError {
  return new AwsError("InvalidParameterException", message);
}

function notFound(name: string, account: string): AwsError {
  return new AwsError(
    "RepositoryNotFoundException",
    `The repository with name '${name}' does not exist in the registry with id '${account}'`,
  );
}

function pageSize(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_PAGE;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > MAX_PAGE) {
    throw constraintError(
      "InvalidParameterException",
      "maxResults",
      value,
      `Member must have value ${typeof value === "number" && value < 1 ? "greater than or equal to 1" : "less than or equal to 1000"}`,
    );
  }
  return value;
}

function repoShape(r: Repository, account: string) {
  return {
    repositoryArn: r.arn,
    registryId: account,
    repositoryName: r.name,
    repositoryUri: r.uri,
    createdAt: epochSeconds(r.createdAt),
    imageTagMutability: r.tagMutability,
    imageScanningConfiguration: { scanOnPush: r.scanOnPush },
    encryptionConfiguration: {
      encryptionType: r.encryptionType,
      ...(r.kmsKey === undefined ? {} : { kmsKey: r.kmsKey }),
    },
  };
}

function name(input: Record<string, unknown>): string {
  const v = input.repositoryName;
  if (typeof v !== "string" || v === "") {
    throw constraintError(
      "InvalidParameterException",
      "repositoryName",
      undefined,
      "Member must not be null",
    );
  }
  return v;
}

export const ecr = jsonService<State>({
  signingNames: ["ecr"],
  targetPrefix: "AmazonEC2ContainerRegistry_V20150921",
  version: "1.1",
  throttle: { code: "ThrottlingException", status: 400, message: "Rate exceeded" },
  initial: () => ({ repos: {} }),
  tagged: (state, region) =>
    Object.values(state.repos)
      .filter((r) => r.region === region && Object.keys(r.tags).length > 0)
      .map((r) => ({ arn: r.arn, resourceType: "ecr:repository", tags: r.tags })),
  operations: (svc) => {
    const key = (ctx: ServiceContext, n: string) => `${ctx.region}|${n}`;
    const repo = (input: Record<string, unknown>, ctx: ServiceContext): Repository => {
      const n = name(input);
      const r = own(svc.state.repos, key(ctx, n));
      if (r === undefined) throw notFound(n, ctx.accountId);
      return r;
    };
    const byArn = (input: Record<string, unknown>, ctx: ServiceContext): Repository => {
      const arn = input.resourceArn;
      const m =
        typeof arn === "string"
          ? /^arn:aws[a-z-]*:ecr:([a-z0-9-]+):\d{12}:repository\/(.+)$/.exec(arn)
          : null;
      if (m === null || m[1] !== ctx.region)
        throw invalid(`Invalid parameter at 'resourceArn' failed to satisfy constraint: 'Invalid ARN'`);
      return repo({ repositoryName: m[2] }, ctx);
    };

    return {
      CreateRepository(input, ctx) {
        const n = name(input);
        if (!NAME.test(n)) {
          throw constraintError(
            "InvalidParameterException",
            "repositoryName",
            n,
            "Member must satisfy regular expression pattern: (?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*",
          );
        }
        if (own(svc.state.repos, key(ctx, n)) !== undefined) {
          throw new AwsError(
            "RepositoryAlreadyExistsException",
            `The repository with name '${n}' already exists in the registry with id '${ctx.accountId}'`,
          );
        }
        const scanning = (input.imageScanningConfiguration ?? {}) as { scanOnPush?: unknown };
        const encryption = (input.encryptionConfiguration ?? {}) as {
          encryptionType?: unknown;
          kmsKey?: unknown;
        };
        const r: Repository = {
          name: n,
          region: ctx.region,
          arn: `arn:aws:ecr:${ctx.region}:${ctx.accountId}:repository/${n}`,
          uri: `${ctx.accountId}.dkr.ecr.${ctx.region}.amazonaws.com/${n}`,
          createdAt: ctx.now().toISOString(),
          tagMutability: input.imageTagMutability === "IMMUTABLE" ? "IMMUTABLE" : "MUTABLE",
          scanOnPush: scanning.scanOnPush === true,
          encryptionType: encryption.encryptionType === "KMS" ? "KMS" : "AES256",
          tags: tagList(input.tags),
          images: [],
        };
        if (r.encryptionType === "KMS") {
          r.kmsKey =
            typeof encryption.kmsKey === "string"
              ? encryption.kmsKey
              : `arn:aws:kms:${ctx.region}:${ctx.accountId}:alias/aws/ecr`;
        }
        put(svc.state.repos, key(ctx, n), r);
        return { repository: repoShape(r, ctx.accountId) };
      },

      DescribeRepositories(input, ctx) {
        const names = input.repositoryNames;
        if (Array.isArray(names) && names.length > 0) {
          if (input.maxResults !== undefined || input.nextToken !== undefined) {
            throw invalid("maxResults and nextToken cannot be specified together with repositoryNames");
          }
          const repositories = names.map((n) => repoShape(repo({ repositoryName: n }, ctx), ctx.accountId));
          return { repositories };
        }
        const max = pageSize(input.maxResults);
        const all = Object.values(svc.state.repos)
          .filter((r) => r.region === ctx.region)
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        const token = typeof input.nextToken === "string" ? input.nextToken : undefined;
        const { page, next } = paginate(all, (r) => r.name, token, max);
        const repositories = page.map((r) => repoShape(r, ctx.accountId));
        return next === undefined ? { repositories } : { repositories, nextToken: next };
      },

      DeleteRepository(input, ctx) {
        const r = repo(input, ctx);
        if (r.images.length > 0 && input.force !== true) {
          throw new AwsError(
            "RepositoryNotEmptyException",
            `The repository with name '${r.name}' in registry with id '${ctx.accountId}' cannot be deleted because it still contains images`,
          );
        }
        delete svc.state.repos[key(ctx, r.name)];
        return { repository: repoShape(r, ctx.accountId) };
      },

      PutImage(input, ctx) {
        const r = repo(input, ctx);
        const manifest = input.imageManifest;
        if (typeof manifest !== "string" || manifest === "") {
          throw constraintError(
            "InvalidParameterException",
            "imageManifest",
            undefined,
            "Member must not be null",
          );
        }
        const digest = `sha256:${createHash("sha256").update(manifest).digest("hex")}`;
        const tag = typeof input.imageTag === "string" && input.imageTag !== "" ? input.imageTag : undefined;
        const holder = r.images.find((i) => tag !== undefined && i.tags.includes(tag));
        if (holder !== undefined && holder.digest !== digest && r.tagMutability === "IMMUTABLE") {
          throw new AwsError(
            "ImageTagAlreadyExistsException",
            `The image tag '${tag}' already exists in the '${r.name}' repository and cannot be overwritten because the repository is immutable.`,
          );
        }
        if (holder !== undefined && holder.digest !== digest)
          holder.tags = holder.tags.filter((t) => t !== tag);
        let image = r.images.find((i) => i.digest === digest);
        if (image === undefined) {
          image = { digest, tags: [], manifest, pushedAt: ctx.now().toISOString() };
          r.images.push(image);
        }
        if (tag !== undefined && !image.tags.includes(tag)) image.tags.push(tag);
        return {
          image: {
            registryId: ctx.accountId,
            repositoryName: r.name,
            imageId: { imageDigest: digest, ...(tag === undefined ? {} : { imageTag: tag }) },
            imageManifest: manifest,
          },
        };
      },

      ListImages(input, ctx) {
        const r = repo(input, ctx);
        const max = pageSize(input.maxResults);
        const status = ((input.filter ?? {}) as { tagStatus?: unknown }).tagStatus ?? "ANY";
        const ids = r.images
          .flatMap((i) =>
            i.tags.length === 0
              ? [{ imageDigest: i.digest }]
              : i.tags.map((t) => ({ imageDigest: i.digest, imageTag: t })),
          )
          .filter((id) => status === "ANY" || (status === "TAGGED") === "imageTag" in id);
        const idKey = (id: { imageDigest: string; imageTag?: string }) =>
          `${id.imageDigest}|${id.imageTag ?? ""}`;
        ids.sort((a, b) => (idKey(a) < idKey(b) ? -1 : idKey(a) > idKey(b) ? 1 : 0));
        const token = typeof input.nextToken === "string" ? input.nextToken : undefined;
        const { page, next } = paginate(ids, idKey, token, max);
        return next === undefined ? { imageIds: page } : { imageIds: page, nextToken: next };
      },

      TagResource(input, ctx) {
        const r = byArn(input, ctx);
        for (const [k, v] of Object.entries(tagList(input.tags))) put(r.tags, k, v);
        return {};
      },

      UntagResource(input, ctx) {
        const r = byArn(input, ctx);
        const keys = Array.isArray(input.tagKeys) ? input.tagKeys : [];
        for (const k of keys) if (typeof k === "string") delete r.tags[k];
        return {};
      },

      ListTagsForResource(input, ctx) {
        return { tags: toTagList(byArn(input, ctx).tags) };
      },
    };
  },
});
