/**
 * Adopting a CloudWatch Logs log group (`aws:cloudwatch/logGroup:LogGroup`): what pulumi-aws v6
 * records for it, from DescribeLogGroups (the exact name) and ListTagsForResource. Id and name are the
 * group name; the ARN is recorded without the `:*` DescribeLogGroups adds. Keys as SST's entries carry
 * them (see `addFunction` in src/sandbox/sst-state.ts).
 */
import {
  DescribeLogGroupsCommand,
  ListTagsForResourceCommand,
  type LogGroup,
} from "@aws-sdk/client-cloudwatch-logs";
import { logGroup } from "../../../kinds/log-group.js";
import type { PropertyMap } from "../../../state/index.js";
import { unlessMissing, type CloudContext } from "../types.js";
import type { Adopter } from "./types.js";

const MISSING = ["ResourceNotFoundException"];

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
    const client = ctx.clients.logs(identity.region);
    const tags =
      arn === ""
        ? {}
        : ((
            await unlessMissing(MISSING, () =>
              ctx.call("logs", `ListTagsForResource ${name}`, (signal) =>
                client.send(new ListTagsForResourceCommand({ resourceArn: arn }), { abortSignal: signal }),
              ),
            )
          )?.tags ?? {});

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
