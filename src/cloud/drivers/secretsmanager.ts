/**
 * Secrets Manager, the driver for secrets (src/kinds/secretsmanager-secret.ts): DescribeSecret,
 * ListSecrets by name prefix (secrets in their recovery window included: they still hold their name),
 * DeleteSecret with the shortest recovery window. No call here reads a secret's value.
 */
import {
  DeleteSecretCommand,
  DescribeSecretCommand,
  type DescribeSecretResponse,
  ListSecretsCommand,
  type SecretListEntry,
} from "@aws-sdk/client-secrets-manager";
import { secretNameOfArn, secretsmanagerSecret } from "../../kinds/secretsmanager-secret.js";
import { type CloudResource, type Identity, nameMatches } from "../../kinds/types.js";
import { StatewardError } from "../../errors.js";
import type { PropertyMap } from "../../state/index.js";
import {
  type Adopter,
  type CloudContext,
  type KindDriver,
  type Sighting,
  callUnlessMissing,
  found,
  gatedDelete,
  tagMap,
} from "./types.js";
import { t } from "../../i18n/index.js";
import { isoTime } from "../../report/time.js";

const MISSING = ["ResourceNotFoundException"];

/**
 * The recovery window stateward deletes a secret with: AWS's shortest (7 days; 30 when not given).
 * Cleanup never force-deletes: for a week the secret, value included, can be restored
 * (RestoreSecret) if it was not a leftover after all. SST names its secrets with a random suffix, so
 * the next deploy does not need the name back; a fixed name stays taken until the window ends, and
 * `explain` prints the force-delete for whoever decides the value can go.
 */
export const RECOVERY_WINDOW_DAYS = 7;

type Described = DescribeSecretResponse | SecretListEntry;

const isoDate = (d: Date | undefined) => (d === undefined ? undefined : d.toISOString());

function toResource(s: Described, seen: Pick<Sighting, "region" | "tags" | "foundBy">): CloudResource {
  const deleted = s.DeletedDate === undefined ? undefined : isoTime(s.DeletedDate);
  const detail = { description: s.Description ?? "", kmsKeyId: s.KmsKeyId ?? "" };
  const resource = found(secretsmanagerSecret, { name: s.Name!, id: s.ARN, arn: s.ARN, detail, ...seen });
  if (deleted !== undefined) resource.deleting = deleted;
  return resource;
}

/** DescribeSecret by name or ARN (one in its recovery window too); undefined when there is none. */
async function describe(ctx: CloudContext, identity: Identity): Promise<DescribeSecretResponse | undefined> {
  const client = ctx.clients.secretsmanager(identity.region);
  const secretId = identity.arn ?? identity.name;
  const got = await callUnlessMissing(
    ctx,
    MISSING,
    "secretsmanager",
    `DescribeSecret ${identity.name}`,
    (signal) => client.send(new DescribeSecretCommand({ SecretId: secretId }), { abortSignal: signal }),
  );
  // Asked for by ARN (`adopt <arn>`), the name is the ARN's; a secret of another name is not it.
  const wanted = secretNameOfArn(identity.name) ?? identity.name;
  return got?.Name === undefined || got.Name !== wanted ? undefined : got;
}

/** Every secret whose name starts with `prefix`, those scheduled for deletion included. */
async function listPrefix(ctx: CloudContext, region: string, prefix: string): Promise<SecretListEntry[]> {
  const client = ctx.clients.secretsmanager(region);
  const out: SecretListEntry[] = [];
  let token: string | undefined;
  do {
    const page = await ctx.call("secretsmanager", `ListSecrets ${prefix}`, (signal) =>
      client.send(
        new ListSecretsCommand({
          Filters: [{ Key: "name", Values: [prefix] }],
          IncludePlannedDeletion: true,
          NextToken: token,
        }),
        { abortSignal: signal },
      ),
    );
    out.push(...(page.SecretList ?? []));
    token = page.NextToken || undefined;
  } while (token !== undefined);
  return out;
}

export const secretsmanagerSecretDriver: KindDriver = {
  ...secretsmanagerSecret,

  async read(ctx, identity) {
    const s = await describe(ctx, identity);
    if (s === undefined) return undefined;
    return toResource(s, { region: identity.region, tags: tagMap(s.Tags), foundBy: "read" });
  },

  async listByName(ctx, region, filter) {
    // One paged call per prefix, and one per exact name no prefix covers (the name filter is a prefix match).
    const prefixes = new Set(filter.prefixes);
    for (const n of filter.names) if (![...filter.prefixes].some((p) => n.startsWith(p))) prefixes.add(n);
    const listed = new Map<string, CloudResource>();
    for (const prefix of prefixes) {
      for (const s of await listPrefix(ctx, region, prefix)) {
        if (s.Name !== undefined && s.ARN !== undefined && nameMatches(filter, s.Name)) {
          listed.set(s.ARN, toResource(s, { region, tags: tagMap(s.Tags), foundBy: "name" }));
        }
      }
    }
    return [...listed.values()];
  },

  delete: gatedDelete(secretsmanagerSecret.kind, async (ctx, identity) => {
    const s = await describe(ctx, identity);
    if (s === undefined) return { deleted: true, steps: [t("cloud.step.already-gone")] };
    const scheduled = (since: string | undefined) => ({
      deleted: false,
      pending:
        since === undefined
          ? t("cloud.secret.scheduled", { name: identity.name })
          : t("cloud.secret.scheduled.since", { name: identity.name, since: isoTime(since) }),
      steps: [] as string[],
    });
    if (s.DeletedDate !== undefined) return scheduled(isoDate(s.DeletedDate));
    const client = ctx.clients.secretsmanager(identity.region);
    const done = await callUnlessMissing(
      ctx,
      MISSING,
      "secretsmanager",
      `DeleteSecret ${identity.name}`,
      (signal) =>
        client.send(
          new DeleteSecretCommand({
            SecretId: s.ARN ?? identity.name,
            RecoveryWindowInDays: RECOVERY_WINDOW_DAYS,
          }),
          { abortSignal: signal },
        ),
    );
    if (done === undefined) return { deleted: true, steps: [t("cloud.step.already-gone")] };
    const result = scheduled(isoDate(done.DeletionDate));
    result.steps.push(t("cloud.secret.scheduled-step", { name: identity.name, days: RECOVERY_WINDOW_DAYS }));
    return result;
  }),

  adopt: (ctx, identity) => secretsmanagerSecretAdopter.read(ctx, identity),
};

export const drivers: readonly KindDriver[] = [secretsmanagerSecretDriver];

/* Adopting ------------------------------------------------------------------------------------------ */

/**
 * Adopting a secret (`aws:secretsmanager/secret:Secret`): the entry pulumi-aws writes, from
 * DescribeSecret (never GetSecretValue: the value is `aws:secretsmanager/secretVersion`'s, not this
 * type's). Id and `arn` are the full ARN. Checked field by field against pulumi-aws 5.42.0's export
 * (../shared/fixtures/pulumi-aws/secretsmanager-secret-5.42.0-stack.json): inputs `name`,
 * `forceOverwriteReplicaSecret` and `recoveryWindowInDays` (the last two defaults, named in
 * `__defaults`); outputs as below, no `__meta`. By version: pulumi-aws 6 writes the same keys; 7 (SST 4)
 * adds a `region` output (its per-resource region) and keeps the rest. `policy` is written "" — the
 * resource policy (GetResourcePolicy) is not read, and SST's secrets have none. `recoveryWindowInDays`
 * is not kept by AWS: 30 is the provider's default, what the program had unless it said otherwise.
 */
export const secretsmanagerSecretAdopter: Adopter = {
  kind: secretsmanagerSecret.kind,

  async read(ctx, identity) {
    const s = await describe(ctx, identity);
    if (s?.ARN === undefined || s.Name === undefined) return undefined;
    if (s.DeletedDate !== undefined) {
      // An entry for it would describe a secret AWS is about to delete: it has to be restored first.
      throw new StatewardError(
        "SCHEDULED_FOR_DELETION",
        t("cloud.secret.adopt-scheduled", {
          name: s.Name ?? "",
          date: s.DeletedDate === undefined ? "" : isoTime(s.DeletedDate),
        }),
        { hint: t("cloud.secret.adopt-scheduled.hint", { name: s.Name ?? "" }) },
      );
    }
    const tags = tagMap(s.Tags);
    const replicas = (s.ReplicationStatus ?? []).map((r) => ({
      kmsKeyId: r.KmsKeyId ?? "",
      lastAccessedDate: isoDate(r.LastAccessedDate) ?? "",
      region: r.Region ?? "",
      status: r.Status ?? "",
      statusMessage: r.StatusMessage ?? "",
    }));
    const inputs: PropertyMap = {
      __defaults: ["forceOverwriteReplicaSecret", "recoveryWindowInDays"],
      ...(s.Description === undefined ? {} : { description: s.Description }),
      forceOverwriteReplicaSecret: false,
      ...(s.KmsKeyId === undefined ? {} : { kmsKeyId: s.KmsKeyId }),
      name: s.Name,
      recoveryWindowInDays: 30,
      ...(Object.keys(tags).length === 0 ? {} : { tags: { ...tags } }),
    };
    const outputs: PropertyMap = {
      arn: s.ARN,
      description: s.Description ?? "",
      forceOverwriteReplicaSecret: false,
      id: s.ARN,
      kmsKeyId: s.KmsKeyId ?? "",
      name: s.Name,
      namePrefix: "",
      policy: "",
      recoveryWindowInDays: 30,
      replicas,
      tags: { ...tags },
      tagsAll: { ...tags },
    };
    return { id: s.ARN, inputs, outputs };
  },
};
