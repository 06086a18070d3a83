/**
 * CloudWatch Logs, the driver for log groups (src/kinds/log-group.ts): DescribeLogGroups by name
 * prefix (few prefix calls, not one per name), tags, DeleteLogGroup.
 */
import {
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  ListTagsForResourceCommand,
  type LogGroup,
} from "@aws-sdk/client-cloudwatch-logs";
import { LAMBDA_LOG_PREFIX, groupArn, logGroup } from "../../kinds/log-group.js";
import { type CloudResource, nameMatches } from "../../kinds/types.js";
import {
  type Adopter,
  type CloudContext,
  type KindDriver,
  type Sighting,
  callUnlessMissing,
  deletedOrGone,
  found,
  gatedDelete,
} from "./types.js";
import type { PropertyMap } from "../../state/index.js";
import { t } from "../../i18n/index.js";

const MISSING = ["ResourceNotFoundException"];

function toResource(group: LogGroup, seen: Pick<Sighting, "region" | "tags" | "foundBy">): CloudResource {
  const detail = { retentionInDays: group.retentionInDays ?? 0 };
  return found(logGroup, { name: group.logGroupName!, arn: groupArn(group.arn), detail, ...seen });
}

/** A group's tags (ListTagsForResource by its ARN); none when it has no ARN or is gone. */
async function groupTags(ctx: CloudContext, region: string, name: string, arn: string | undefined) {
  if (arn === undefined || arn === "") return {};
  const client = ctx.clients.logs(region);
  const got = await callUnlessMissing(ctx, MISSING, "logs", `ListTagsForResource ${name}`, (signal) =>
    client.send(new ListTagsForResourceCommand({ resourceArn: arn }), { abortSignal: signal }),
  );
  return got?.tags ?? {};
}

async function describe(ctx: CloudContext, region: string, prefix: string): Promise<LogGroup[]> {
  const client = ctx.clients.logs(region);
  const groups: LogGroup[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ctx.call("logs", `DescribeLogGroups ${prefix}`, (signal) =>
      client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix, nextToken }), {
        abortSignal: signal,
      }),
    );
    groups.push(...(page.logGroups ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return groups;
}

/** The longest prefix shared by a set of names (a name list is turned into few prefix calls). */
function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

export const logGroupDriver: KindDriver = {
  ...logGroup,

  async read(ctx, identity) {
    const group = (await describe(ctx, identity.region, identity.name)).find(
      (g) => g.logGroupName === identity.name,
    );
    if (group === undefined) return undefined;
    const tags = await groupTags(ctx, identity.region, identity.name, groupArn(group.arn));
    return toResource(group, { region: identity.region, tags, foundBy: "read" });
  },

  async listByName(ctx, region, filter) {
    // One paged call per prefix; exact names are covered by the prefixes they share (few calls, not one per name).
    const prefixes = new Set(filter.prefixes);
    const names = [...filter.names].filter((n) => ![...prefixes].some((p) => n.startsWith(p))).sort();
    for (let i = 0; i < names.length;) {
      let prefix = names[i]!;
      let j = i + 1;
      while (j < names.length && commonPrefix(prefix, names[j]!).length > LAMBDA_LOG_PREFIX.length) {
        prefix = commonPrefix(prefix, names[j]!);
        j++;
      }
      prefixes.add(prefix);
      i = j;
    }
    const listed = new Map<string, CloudResource>();
    for (const prefix of prefixes) {
      for (const group of await describe(ctx, region, prefix)) {
        if (group.logGroupName !== undefined && nameMatches(filter, group.logGroupName)) {
          listed.set(group.logGroupName, toResource(group, { region, foundBy: "name" }));
        }
      }
    }
    return [...listed.values()];
  },

  delete: gatedDelete(logGroup.kind, async (ctx, identity) => {
    const client = ctx.clients.logs(identity.region);
    const done = await callUnlessMissing(ctx, MISSING, "logs", `DeleteLogGroup ${identity.name}`, (signal) =>
      client.send(new DeleteLogGroupCommand({ logGroupName: identity.name }), { abortSignal: signal }),
    );
    return deletedOrGone(done, t("cloud.what.log-group", { name: identity.name }));
  }),

  adopt: (ctx, identity) => logGroupAdopter.read(ctx, identity),
};

export const drivers: readonly KindDriver[] = [logGroupDriver];

/* Adopting ------------------------------------------------------------------------------------------ */

/**
 * Adopting a CloudWatch Logs log group (`aws:cloudwatch/logGroup:LogGroup`): what pulumi-aws v6
 * records for it, from DescribeLogGroups (the exact name) and ListTagsForResource. Id and name are the
 * group name; the ARN is recorded without the `:*` DescribeLogGroups adds. Keys as SST's entries carry
 * them (see `addFunction` in src/sandbox/sst-state.ts).
 */
/** The group named exactly `name` (DescribeLogGroups only filters by prefix: pages until it shows). */
async function findGroup(ctx: CloudContext, region: string, name: string): Promise<LogGroup | undefined> {
  const client = ctx.clients.logs(region);
  let nextToken: string | undefined;
  do {
    const page = await ctx.call("logs", `DescribeLogGroups ${name}`, (signal) =>
      client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name, nextToken }), {
        abortSignal: signal,
      }),
    );
    const found = page.logGroups?.find((g) => g.logGroupName === name);
    if (found !== undefined) return found;
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return undefined;
}

export const logGroupAdopter: Adopter = {
  kind: logGroup.kind,

  async read(ctx, identity) {
    const group = await findGroup(ctx, identity.region, identity.name);
    if (group?.logGroupName === undefined) return undefined;
    const name = group.logGroupName;
    const arn = (group.logGroupArn ?? group.arn ?? "").replace(/:\*$/, "");
    const tags = await groupTags(ctx, identity.region, name, arn);

    const inputs: PropertyMap = {
      __defaults: [],
      name,
      // A group that never expires has no retention: the input is left out, the output reads 0.
      ...(group.retentionInDays === undefined ? {} : { retentionInDays: group.retentionInDays }),
      ...(group.kmsKeyId === undefined ? {} : { kmsKeyId: group.kmsKeyId }),
      tags: { ...tags },
      tagsAll: { ...tags },
    };
    const outputs: PropertyMap = {
      arn,
      id: name,
      kmsKeyId: group.kmsKeyId ?? "",
      logGroupClass: group.logGroupClass ?? "STANDARD",
      name,
      namePrefix: "",
      retentionInDays: group.retentionInDays ?? 0,
      skipDestroy: false,
      tags: { ...tags },
      tagsAll: { ...tags },
    };
    return { id: name, inputs, outputs };
  },
};
