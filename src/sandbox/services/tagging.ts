/**
 * Resource Groups Tagging API (awsJson 1.1), read side: GetResources, GetTagKeys and GetTagValues
 * over every service's taggable resources in the caller's region (global services report theirs in
 * us-east-1, where the real API shows them too).
 *
 * It holds no state of its own. As documented, resources without tags are not returned; AWS would
 * still list a resource whose tags were all removed (with `Tags: []`), which the services here do
 * not remember. TagResources / UntagResources are not offered: tag through each service's own API.
 * The last page carries `PaginationToken: ""` (not an absent token), as the real API answers.
 *
 * A walk's filtered, sorted list is kept for its next pages while every service holds what it held
 * (the same tagged-resources list from the sandbox), and built again after any change; the token is
 * the last ARN of a page, so a walk over a changed list goes on after it (what was added after it is
 * listed, what was removed is not).
 */
import { jsonService, KeptLists, paginate } from "../core/service.js";
import { AwsError, type TaggedResource } from "../core/types.js";

const DEFAULT_PER_PAGE = 50;

function invalid(message: string): AwsError {
  return new AwsError("InvalidParameterException", message);
}

function strings(value: unknown, field: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    throw invalid(`${field} must be a list of strings.`);
  }
  return value as string[];
}

function ranged(value: unknown, field: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(`${field} must be between ${min} and ${max}`);
  }
  return value;
}

interface TagFilter {
  Key: string;
  Values: string[] | undefined;
}

function tagFilters(value: unknown): TagFilter[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid("TagFilters must be a list.");
  if (value.length > 50) throw invalid("TagFilters can include up to 50 keys.");
  return value.map((f: unknown) => {
    const { Key, Values } = (f ?? {}) as { Key?: unknown; Values?: unknown };
    if (typeof Key !== "string" || Key === "") throw invalid("Each TagFilter must contain a Key.");
    const values = strings(Values, "TagFilter Values");
    if (values !== undefined && values.length > 20)
      throw invalid("Each TagFilter key can include up to 20 values.");
    // An empty Values list means the same as none: the key with any value.
    return { Key, Values: values === undefined || values.length === 0 ? undefined : values };
  });
}

function matchesTags(r: TaggedResource, filters: TagFilter[]): boolean {
  return filters.every((f) => {
    if (!Object.hasOwn(r.tags, f.Key)) return false;
    return f.Values === undefined || f.Values.includes(r.tags[f.Key]!);
  });
}

/** `service` matches every type of that service; `service:type` only that type. */
function matchesType(r: TaggedResource, filters: string[] | undefined): boolean {
  if (filters === undefined || filters.length === 0) return true;
  return filters.some((f) => (f.includes(":") ? r.resourceType === f : r.resourceType.startsWith(`${f}:`)));
}

function byArn(a: TaggedResource, b: TaggedResource): number {
  return a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0;
}

function tagged(resources: readonly TaggedResource[]): TaggedResource[] {
  return resources.filter((r) => Object.keys(r.tags).length > 0);
}

function token(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

export const tagging = jsonService<Record<string, never>>({
  signingNames: ["tagging"],
  targetPrefix: "ResourceGroupsTaggingAPI_20170126",
  version: "1.1",
  throttle: { code: "ThrottledException", status: 400, message: "Rate exceeded" },
  initial: () => ({}),
  operations: () => {
    /** Each query's list (by its filters), kept while the tagged resources it was built from stand. */
    const walks = new KeptLists<TaggedResource>();
    return {
      GetResources(input, ctx) {
        const arns = strings(input.ResourceARNList, "ResourceARNList");
        const filters = tagFilters(input.TagFilters);
        const types = strings(input.ResourceTypeFilters, "ResourceTypeFilters");
        if (types !== undefined && types.length > 100) {
          throw invalid("ResourceTypeFilters can include up to 100 items.");
        }
        if (arns !== undefined) {
          if (filters.length > 0 || types !== undefined) {
            throw invalid(
              "ResourceARNList cannot be specified together with TagFilters or ResourceTypeFilters.",
            );
          }
          if (
            input.ResourcesPerPage !== undefined ||
            input.TagsPerPage !== undefined ||
            token(input.PaginationToken) !== undefined
          ) {
            throw invalid("ResourceARNList cannot be specified together with pagination parameters.");
          }
          if (arns.length < 1 || arns.length > 100) {
            throw invalid("ResourceARNList must contain between 1 and 100 ARNs.");
          }
        }
        const perPage = ranged(input.ResourcesPerPage, "ResourcesPerPage", 1, 100, DEFAULT_PER_PAGE);
        // Accepted for its range only: pages are cut by resource count, never mid-resource.
        ranged(input.TagsPerPage, "TagsPerPage", 100, 500, 100);

        const wanted = arns === undefined ? undefined : new Set(arns);
        const source = ctx.taggedResources(ctx.region);
        const select = () =>
          tagged(source)
            .filter((r) => wanted === undefined || wanted.has(r.arn))
            .filter((r) => matchesTags(r, filters))
            .filter((r) => matchesType(r, types))
            .sort(byArn);
        // A list of ARNs is one page, never walked: not kept.
        const all =
          wanted === undefined
            ? walks.get(JSON.stringify([ctx.region, filters, types ?? []]), source, select)
            : select();
        const { page, next } = paginate(all, (r) => r.arn, token(input.PaginationToken), perPage);
        return {
          PaginationToken: next ?? "",
          ResourceTagMappingList: page.map((r) => ({
            ResourceARN: r.arn,
            Tags: Object.entries(r.tags).map(([Key, Value]) => ({ Key, Value })),
          })),
        };
      },

      GetTagKeys(_input, ctx) {
        const keys = new Set<string>();
        for (const r of tagged(ctx.taggedResources(ctx.region)))
          for (const k of Object.keys(r.tags)) keys.add(k);
        return { PaginationToken: "", TagKeys: [...keys].sort() };
      },

      GetTagValues(input, ctx) {
        const key = input.Key;
        if (typeof key !== "string" || key === "") {
          throw invalid(
            "1 validation error detected: Value null at 'key' failed to satisfy constraint: Member must not be null",
          );
        }
        const values = new Set<string>();
        for (const r of ctx.taggedResources(ctx.region)) {
          if (Object.hasOwn(r.tags, key)) values.add(r.tags[key]!);
        }
        return { PaginationToken: "", TagValues: [...values].sort() };
      },
    };
  },
});
