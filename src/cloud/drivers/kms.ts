/**
 * AWS KMS, the driver for aliases (src/kinds/kms-alias.ts): DescribeKey by alias name to read one (an
 * unknown alias is NotFoundException; the answer is the key it points at, and its state),
 * ListAliases (paged, Limit 100, the largest) to list by name, DeleteAlias to delete.
 *
 * Deleting removes the alias only. Its key is left as it is: stateward never calls
 * ScheduleKeyDeletion (a key cannot be deleted at once, and data encrypted under it would be lost
 * with it); the result names the key that stays. AWS managed aliases (`alias/aws/…`) are never listed.
 */
import {
  DeleteAliasCommand,
  DescribeKeyCommand,
  KMSClient,
  ListAliasesCommand,
  type KeyMetadata,
} from "@aws-sdk/client-kms";
import { aliasArnOf, kmsAlias as kind } from "../../kinds/kms-alias.js";
import { nameMatches, splitArn, type CloudResource, type Identity } from "../../kinds/types.js";
import type { PropertyMap } from "../../state/index.js";
import {
  callUnlessMissing,
  found,
  gatedDelete,
  type Adopter,
  type CloudContext,
  type KindDriver,
} from "./types.js";
import { t } from "../../i18n/index.js";

const SERVICE = "kms";
const MISSING = ["NotFoundException"];
/** API_ListAliases, Limit: 1 to 100. */
const PAGE = 100;

const client = (ctx: CloudContext, region: string) => ctx.clients.client(KMSClient, "KMS", region);

/** The alias name (`alias/…`), also when given its ARN. */
const nameOf = (identity: Identity): string => /:(alias\/.+)$/.exec(identity.name)?.[1] ?? identity.name;

/** The key an alias points at; undefined when there is no such alias. */
async function keyOf(ctx: CloudContext, region: string, alias: string): Promise<KeyMetadata | undefined> {
  const got = await callUnlessMissing(ctx, MISSING, SERVICE, `DescribeKey ${alias}`, (signal) =>
    client(ctx, region).send(new DescribeKeyCommand({ KeyId: alias }), { abortSignal: signal }),
  );
  return got?.KeyMetadata;
}

function toResource(
  name: string,
  region: string,
  arn: string | undefined,
  detail: { targetKeyId: string; keyState?: string },
  foundBy: CloudResource["foundBy"],
): CloudResource {
  return found(kind, { name, region, arn, foundBy, detail: { ...detail } });
}

/** The alias ARN from its key's ARN (same partition, region and account). */
function arnFromKey(key: KeyMetadata, name: string, region: string): string | undefined {
  const k = key.Arn === undefined ? undefined : splitArn(key.Arn);
  return k === undefined ? undefined : aliasArnOf(k.region || region, k.account, name);
}

export const kmsAliasDriver: KindDriver = {
  ...kind,

  async read(ctx, identity) {
    const name = nameOf(identity);
    const key = await keyOf(ctx, identity.region, name);
    if (key?.KeyId === undefined) return undefined;
    const detail = {
      targetKeyId: key.KeyId,
      ...(key.KeyState === undefined ? {} : { keyState: key.KeyState }),
    };
    return toResource(name, identity.region, arnFromKey(key, name, identity.region), detail, "read");
  },

  async listByName(ctx, region, filter) {
    const out: CloudResource[] = [];
    let marker: string | undefined;
    do {
      const page = await ctx.call(
        SERVICE,
        t("cloud.call.in-region", { call: "ListAliases", region }),
        (signal) =>
          client(ctx, region).send(new ListAliasesCommand({ Limit: PAGE, Marker: marker }), {
            abortSignal: signal,
          }),
      );
      for (const a of page.Aliases ?? []) {
        const name = a.AliasName;
        if (name === undefined || name.startsWith("alias/aws/") || !nameMatches(filter, name)) continue;
        out.push(toResource(name, region, a.AliasArn, { targetKeyId: a.TargetKeyId ?? "" }, "name"));
      }
      marker = page.Truncated === true ? page.NextMarker || undefined : undefined;
    } while (marker !== undefined);
    return out;
  },

  delete: gatedDelete(kind.kind, async (ctx, identity) => {
    const name = nameOf(identity);
    const key = await keyOf(ctx, identity.region, name);
    if (key === undefined) return { deleted: true, steps: [t("cloud.step.already-gone")] };
    const done = await callUnlessMissing(ctx, MISSING, SERVICE, `DeleteAlias ${name}`, (signal) =>
      client(ctx, identity.region).send(new DeleteAliasCommand({ AliasName: name }), { abortSignal: signal }),
    );
    if (done === undefined) return { deleted: true, steps: [t("cloud.step.already-gone")] };
    return {
      deleted: true,
      steps: [t("cloud.kms.deleted-alias", { name, key: key.KeyId ?? "?" })],
    };
  }),

  adopt: (ctx, identity) => kmsAliasAdopter.read(ctx, identity),
};

export const drivers: readonly KindDriver[] = [kmsAliasDriver];

/* Adopting ------------------------------------------------------------------------------------------ */

/**
 * Adopting a KMS alias (`aws:kms/alias:Alias`): the entry pulumi-aws writes after a read, field by
 * field as terraform-provider-aws's `resourceAliasRead` sets them (internal/service/kms/alias.go):
 * `arn` (the alias ARN), `name`, `namePrefix` ("" — the provider derives a prefix only from names it
 * generated with one), `targetKeyArn`, `targetKeyId`; id = name. No `__meta` (no timeouts). There is
 * no pulumi-aws export of this type in ../shared/fixtures/pulumi-aws/ (only `kms-key`, a different
 * type). Inputs: `name` and `targetKeyId` (the key id), with an empty `__defaults`.
 */
export const kmsAliasAdopter: Adopter = {
  kind: kind.kind,

  async read(ctx, identity) {
    const name = nameOf(identity);
    const key = await keyOf(ctx, identity.region, name);
    if (key?.KeyId === undefined || key.Arn === undefined) return undefined;
    const inputs: PropertyMap = { __defaults: [], name, targetKeyId: key.KeyId };
    const outputs: PropertyMap = {
      arn: arnFromKey(key, name, identity.region) ?? "",
      id: name,
      name,
      namePrefix: "",
      targetKeyArn: key.Arn,
      targetKeyId: key.KeyId,
    };
    return { id: name, inputs, outputs };
  },
};
