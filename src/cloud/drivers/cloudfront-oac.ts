/**
 * CloudFront origin access controls (src/kinds/cloudfront-oac.ts), served from the cloudfront driver
 * module (`drivers` of ./cloudfront.ts). CloudFront is global: every call goes to the one client
 * signed for us-east-1. GetOriginAccessControl by id; ListOriginAccessControls (no name filter: every
 * OAC of the account, page by page, kept by name); the gated DeleteOriginAccessControl with the ETag
 * Get answers (If-Match). An identity without an OAC id (a pending create, named by its input) is
 * found by listing for its name.
 */
import {
  DeleteOriginAccessControlCommand,
  GetOriginAccessControlCommand,
  ListOriginAccessControlsCommand,
  type OriginAccessControlSummary,
} from "@aws-sdk/client-cloudfront";
import { CLOUDFRONT_REGION as REGION } from "../../kinds/cloudfront-function.js";
import { cloudfrontOac, isSstOacName, OAC_ID } from "../../kinds/cloudfront-oac.js";
import { nameMatches, type CloudResource, type Identity } from "../../kinds/types.js";
import type { PropertyMap } from "../../state/index.js";
import {
  awsCode,
  callUnlessMissing,
  deletedOrGone,
  found,
  gatedDelete,
  type Adopter,
  type CloudContext,
  type KindDriver,
} from "./types.js";
import { t } from "../../i18n/index.js";

const SERVICE = "cloudfront";
const NO_OAC = ["NoSuchOriginAccessControl"];

/** What doctor and adopt need of one OAC: its config and, from Get, the ETag. */
interface Oac {
  id: string;
  name: string;
  description: string;
  originType: string;
  signingBehavior: string;
  signingProtocol: string;
  etag?: string;
}

function fromSummary(s: OriginAccessControlSummary): Oac {
  return {
    id: s.Id!,
    name: s.Name ?? "",
    description: s.Description ?? "",
    originType: s.OriginAccessControlOriginType ?? "",
    signingBehavior: s.SigningBehavior ?? "",
    signingProtocol: s.SigningProtocol ?? "",
  };
}

/** Every OAC of the account (ListOriginAccessControls, paged by marker). */
async function listOacs(ctx: CloudContext): Promise<Oac[]> {
  const client = ctx.clients.cloudfront();
  const all: Oac[] = [];
  let marker: string | undefined;
  do {
    const page = await ctx.call(SERVICE, "ListOriginAccessControls", (signal) =>
      client.send(new ListOriginAccessControlsCommand({ Marker: marker }), { abortSignal: signal }),
    );
    const list = page.OriginAccessControlList;
    for (const s of list?.Items ?? []) if (s.Id !== undefined) all.push(fromSummary(s));
    marker = list?.IsTruncated === true ? list.NextMarker || undefined : undefined;
  } while (marker !== undefined);
  return all;
}

/** GetOriginAccessControl: config and ETag; undefined when there is no such OAC. */
async function getOac(ctx: CloudContext, id: string): Promise<Oac | undefined> {
  const client = ctx.clients.cloudfront();
  const got = await callUnlessMissing(ctx, NO_OAC, SERVICE, `GetOriginAccessControl ${id}`, (signal) =>
    client.send(new GetOriginAccessControlCommand({ Id: id }), { abortSignal: signal }),
  );
  const config = got?.OriginAccessControl?.OriginAccessControlConfig;
  if (got === undefined || config === undefined) return undefined;
  return {
    ...fromSummary({ ...config, Id: got.OriginAccessControl?.Id ?? id } as OriginAccessControlSummary),
    ...(got.ETag === undefined ? {} : { etag: got.ETag }),
  };
}

/**
 * The OAC an identity names: by its id when it has one (Get), else by listing for its name. An id
 * whose OAC now has another name is still that OAC (names are updatable in place).
 */
export async function findOac(ctx: CloudContext, identity: Identity): Promise<Oac | undefined> {
  const id = [identity.id, identity.name].find((x) => OAC_ID.test(x));
  if (id !== undefined) return getOac(ctx, id);
  const listed = (await listOacs(ctx)).find((o) => o.name === identity.name);
  return listed === undefined ? undefined : getOac(ctx, listed.id);
}

function oacResource(o: Oac, foundBy: CloudResource["foundBy"]): CloudResource {
  return found(cloudfrontOac, {
    name: o.name,
    id: o.id,
    region: REGION,
    foundBy,
    detail: {
      originAccessControlOriginType: o.originType,
      signingBehavior: o.signingBehavior,
      signingProtocol: o.signingProtocol,
      description: o.description,
    },
  });
}

export const cloudfrontOacDriver: KindDriver = {
  ...cloudfrontOac,

  async read(ctx, identity) {
    const o = await findOac(ctx, identity);
    return o === undefined ? undefined : oacResource(o, "read");
  },

  async listByName(ctx, _region, filter) {
    // A name an SST dynamic entry asked for also keeps the OAC SST's provider made of it (`-<8 random>`).
    const given = [...filter.names];
    return (await listOacs(ctx))
      .filter((o) => nameMatches(filter, o.name) || given.some((n) => isSstOacName(n, o.name)))
      .map((o) => oacResource(o, "name"));
  },

  /**
   * DeleteOriginAccessControl needs the ETag Get answers (If-Match). While a distribution's origin
   * still names the OAC, CloudFront refuses with `OriginAccessControlInUse`: reported as pending (the
   * distribution goes first — it is slow to go — and a later cleanup deletes the OAC). Nothing to wait
   * for afterwards: the name is free once the call returns.
   */
  delete: gatedDelete(cloudfrontOac.kind, async (ctx, identity) => {
    const current = await findOac(ctx, identity);
    if (current === undefined) return { deleted: true, steps: [t("cloud.step.already-gone")] };
    const client = ctx.clients.cloudfront();
    try {
      const done = await callUnlessMissing(
        ctx,
        NO_OAC,
        SERVICE,
        `DeleteOriginAccessControl ${current.id}`,
        (signal) =>
          client.send(new DeleteOriginAccessControlCommand({ Id: current.id, IfMatch: current.etag }), {
            abortSignal: signal,
          }),
      );
      return deletedOrGone(done, t("cloud.what.cf-oac", { name: current.name, id: current.id }));
    } catch (e) {
      if (awsCode(e) !== "OriginAccessControlInUse") throw e;
      return {
        deleted: false,
        pending: t("cloud.cf-oac.in-use"),
        steps: [],
      };
    }
  }),

  adopt: (ctx, identity) => cloudfrontOacAdopter.read(ctx, identity),
};

/* Adopting ------------------------------------------------------------------------------------------ */

/** The description pulumi-aws sends when the program sets none (its default, named in `__defaults`). */
const PULUMI_DEFAULT_DESCRIPTION = "Managed by Pulumi"; // i18n-exempt: pulumi-aws's own default value

/**
 * Adopting an OAC (`aws:cloudfront/originAccessControl:OriginAccessControl`): the entry pulumi-aws
 * writes, from GetOriginAccessControl. No pulumi-aws fixture exists for this type; the fields come
 * from pulumi-aws's generated SDK (sdk/python/pulumi_aws/cloudfront/origin_access_control.py, read
 * with the search tools at commit 09c28065): inputs `description`, `name`,
 * `originAccessControlOriginType`, `signingBehavior`, `signingProtocol` (`description` defaults to
 * "Managed by Pulumi", named in `__defaults` when the OAC still has it); outputs those, `id`, `etag`
 * and `arn` (`arn:<partition>:cloudfront::<account>:origin-access-control/<id>`). By version: `arn`
 * is in that recent SDK (SST 4's pulumi-aws 7) and absent in older ones (not checked which release
 * added it); the id is the OAC id; no `region` (CloudFront is global); no `__meta` (no timeouts).
 */
export const cloudfrontOacAdopter: Adopter = {
  kind: cloudfrontOac.kind,

  async read(ctx, identity) {
    const o = await findOac(ctx, identity);
    if (o === undefined) return undefined;
    const caller = await ctx.clients.callerIdentity(ctx.signal);
    const partition = caller.arn.split(":")[1] || "aws";
    const settings = {
      description: o.description,
      name: o.name,
      originAccessControlOriginType: o.originType,
      signingBehavior: o.signingBehavior,
      signingProtocol: o.signingProtocol,
    };
    const inputs: PropertyMap = {
      __defaults: o.description === PULUMI_DEFAULT_DESCRIPTION ? ["description"] : [],
      ...settings,
    };
    const outputs: PropertyMap = Object.fromEntries(
      Object.entries({
        arn: `arn:${partition}:cloudfront::${caller.account}:origin-access-control/${o.id}`,
        ...settings,
        etag: o.etag ?? "",
        id: o.id,
      }).sort(([x], [y]) => (x < y ? -1 : 1)),
    );
    return { id: o.id, inputs, outputs };
  },
};

export const drivers: readonly KindDriver[] = [cloudfrontOacDriver];
