/**
 * The stage's resources as the Resource Groups Tagging API sees them: every resource tagged
 * `sst:app=<app>` and `sst:stage=<stage>`, one paged call per region (API calls grow with pages,
 * not resources). Global services (IAM, CloudFront, Route 53) answer in us-east-1.
 */
import { GetResourcesCommand } from "@aws-sdk/client-resource-groups-tagging-api";
import { awsError, type AwsClients } from "./clients.js";

export interface TaggedResource {
  arn: string;
  region: string;
  tags: Record<string, string>;
}

export const GLOBAL_REGION = "us-east-1";

export async function listTaggedResources(
  clients: AwsClients,
  regions: readonly string[],
  tags: Record<string, string>,
  signal?: AbortSignal,
): Promise<TaggedResource[]> {
  const out = new Map<string, TaggedResource>();
  const filters = Object.entries(tags).map(([Key, value]) => ({ Key, Values: [value] }));
  await Promise.all(
    [...new Set(regions)].map(async (region) => {
      let token: string | undefined;
      do {
        let res;
        try {
          res = await clients
            .tagging(region)
            .send(
              new GetResourcesCommand({ TagFilters: filters, ResourcesPerPage: 100, PaginationToken: token }),
              {
                abortSignal: signal,
              },
            );
        } catch (e) {
          throw awsError(e, `Listing the tagged resources in ${region}`);
        }
        for (const r of res.ResourceTagMappingList ?? []) {
          if (r.ResourceARN === undefined) continue;
          const tagMap: Record<string, string> = {};
          for (const t of r.Tags ?? []) if (t.Key !== undefined) tagMap[t.Key] = t.Value ?? "";
          out.set(normalizeArn(r.ResourceARN), { arn: r.ResourceARN, region, tags: tagMap });
        }
        token = res.PaginationToken === "" ? undefined : res.PaginationToken;
      } while (token !== undefined);
    }),
  );
  return [...out.values()].sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
}

/** Log-group ARNs come with and without a trailing `:*`; compare them without. */
export function normalizeArn(arn: string): string {
  return arn.endsWith(":*") ? arn.slice(0, -2) : arn;
}

/** The region part of an ARN ("" for global services such as IAM). */
export function arnRegion(arn: string): string {
  return arn.split(":")[3] ?? "";
}

/**
 * ARN kinds the Resource Groups Tagging API lists when tagged, so their absence from its answer means
 * they are gone. IAM roles and users are documented as never returned by GetResources; other kinds
 * are judged by their own service's inventory, not here.
 */
const VISIBLE: readonly RegExp[] = [
  /^arn:aws[a-z-]*:lambda:[^:]*:\d*:function:/,
  /^arn:aws[a-z-]*:dynamodb:[^:]*:\d*:table\//,
  /^arn:aws[a-z-]*:logs:[^:]*:\d*:log-group:/,
  /^arn:aws[a-z-]*:ses:[^:]*:\d*:identity\//,
  /^arn:aws[a-z-]*:cloudfront::\d*:distribution\//,
  /^arn:aws[a-z-]*:s3:::[^/]+$/,
  /^arn:aws[a-z-]*:ssm:[^:]*:\d*:parameter\//,
  /^arn:aws[a-z-]*:route53:::hostedzone\//,
];

export function visibleToTagging(arn: string): boolean {
  return VISIBLE.some((re) => re.test(arn));
}
