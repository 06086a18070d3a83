/**
 * What stateward knows about one kind of AWS resource, as data and small pure functions (FORMATS.md
 * §4): its Pulumi type tokens, how a state entry and an ARN name it, where it lives, how SST names it,
 * how the provider words its errors, and where it goes in a deletion order. One file per kind in this
 * folder, listed once in `registry.ts`. What calls AWS for a kind is its driver
 * (`src/cloud/drivers/<service>.ts`); this folder imports nothing from `cloud/`.
 */
import type { JsonValue, ResourceV3 } from "../state/index.js";

/** Where a resource is, as far as state or an ARN tells. */
export interface Identity {
  /** The physical name (table name, role name, record name, bucket, distribution id, …). */
  name: string;
  /** The Pulumi state id for it (equal to the name for most types). */
  id: string;
  /** Its region; global services say `us-east-1`. */
  region: string;
  arn?: string;
}

export type FoundBy = "tag" | "name" | "read";

export interface CloudResource extends Identity {
  /** The kind that found it (`log-group`, …). */
  kind: string;
  /** The Pulumi type token a state entry for it has. */
  type: string;
  tags: Record<string, string>;
  foundBy: FoundBy;
  /** The few properties that count for drift, when the resource was read in full. */
  detail?: Record<string, JsonValue>;
  /**
   * AWS is deleting it and keeps its name taken meanwhile (a secret in its recovery window): when it
   * was scheduled. Such a resource cannot be adopted, and its name cannot be created again until then.
   */
  deleting?: string;
}

export interface DriftItem {
  property: string;
  state: JsonValue | undefined;
  cloud: JsonValue | undefined;
}

/** Names a name-based listing keeps: any with one of the prefixes, or exactly one of the names. */
export interface NameFilter {
  prefixes: string[];
  names: Set<string>;
}

/** How SST names a kind (platform/src/components/naming.ts; FORMATS.md §2). */
export interface NamingRule {
  /** The service's length limit. */
  max: number;
  /** Lower-case only (S3 buckets). */
  lower?: boolean;
  /** The input that carries the physical name. */
  field: string;
  /** A fixed prefix AWS adds (`/aws/lambda/` for a function's log group). */
  prefix?: string;
}

/** One way AWS words "this already exists" for a kind, as a deploy log shows it. */
export interface AlreadyExistsSignature {
  re: RegExp;
  /** The AWS error code it means. */
  code: string;
  /** Which group holds the name. */
  nameGroup?: number;
  /**
   * The name is held by something no stage of this app can adopt (another distribution's alias,
   * another account's bucket): why, in a sentence about `what` (the resource as a report names it),
   * and the fix (`doctor` is the doctor command for the stage).
   */
  takenElsewhere?: {
    cause(what: string, name: string | undefined): string;
    fix(logical: string, doctor: string): string[];
  };
}

/** How AWS and the provider word a kind in a deploy log (what `explain` recognises it by). */
export interface Wording {
  /** How a report names it, in plain words ("CloudWatch log group"). */
  label: string;
  /** Lower-case words in the provider's "creating <what> (<name>)" that mean this kind. */
  says: readonly string[];
  /** "Already exists" errors, first match wins. */
  alreadyExists?: readonly AlreadyExistsSignature[];
  /** Where the name is when the "already exists" error itself gives none. */
  nameInMessage?: RegExp;
  /** Errors that name one or more resources of a subtype each (Route 53's record sets): every match counts. */
  subtyped?: readonly SubtypedSignature[];
  /** The import id pulumi-aws expects, where it is not the name itself (placeholders in `<…>`). */
  importId?(name: string, subtype: string | undefined): string | undefined;
}

/** An "already exists" wording that also names a subtype (a record set's type): name and subtype groups. */
export interface SubtypedSignature {
  /** With the `g` flag when one line can name several. */
  re: RegExp;
  code: string;
  nameGroup: number;
  subtypeGroup: number;
}

export interface Kind {
  /** Stable id: `dynamodb-table`, `iam-role`, … */
  readonly kind: string;
  /** For people: "DynamoDB table". */
  readonly label: string;
  /** Pulumi type tokens (the first is the one stateward writes). */
  readonly types: readonly string[];
  /** Its CloudFormation type, where it has one. */
  readonly cfnType?: string;
  /**
   * SST component types a deploy log may show for this resource when SST creates it through its own
   * dynamic provider (`sst:aws:OriginAccessControl`): the same kind of resource, not a state token.
   */
  readonly componentTypes?: readonly string[];
  /**
   * Whether a resource found in the cloud is the one a state entry names although their keys (kind,
   * region, name) differ: an entry that records the resource's id but not its real name (SST's OAC
   * provider adds a random suffix to the name it was given). The scan asks only on a key miss.
   */
  sameResource?(resource: ResourceV3, identity: Identity, cloud: CloudResource): boolean;
  /** The driver module that calls AWS for it (`src/cloud/drivers/<service>.ts`). */
  readonly service: string;
  /** IAM, CloudFront and Route 53 are global: listed once, in their API region, not per region. */
  readonly global: boolean;
  /** The region a global kind's API lives in (us-east-1). */
  readonly apiRegion?: string;
  /** Tagged resources of this kind come back from the Resource Groups Tagging API. */
  readonly taggable: boolean;
  /** Its `ResourceTypeFilters` value there (`service[:type]`): each kind is walked on its own, in parallel. */
  readonly tagType?: string;
  /** Also listed by name where tags could find it (log groups Lambda creates, SES identities). */
  readonly nameListed?: boolean;
  /**
   * Listed only through its parent, one call per parent (a function's URL and policy, a topic's
   * subscriptions, a user pool's domain): a scan looks up the ones states name, and walks every parent
   * of the stage's name prefix only when asked for per-resource reads (`--drift`), so a scan's calls
   * grow with list pages, not with resources.
   */
  readonly perParent?: boolean;
  /** Resources share names across record types: identified by their state id, not their name. */
  readonly keyedById?: boolean;
  /**
   * The id prefix of the group a name listing walks whole (a record's hosted zone, `<zoneId>_`): the
   * group's resources no state holds belong to the stage whose state holds others of it.
   */
  groupPrefix?(id: string): string | undefined;
  /** Plumbing every group has (a zone's NS and SOA records): never anyone's orphan. */
  plumbing?(id: string): boolean;
  /**
   * The state fields (outputs first, then inputs) that hold its physical name: `["name"]` when left
   * out; `[]` when it has no name of its own and AWS chose its id (a distribution).
   */
  readonly nameFields?: readonly string[];
  /**
   * The part of a physical name or id that SST made from the logical name, where that is not the
   * name itself (a record's name and type, from its id); app/stage prefix and hash suffix still on.
   */
  logicalPart?(physical: string): string;
  /** How a finding says it was found through its group (`groupPrefix`): a record by its zone. */
  foundInGroup?(stage: string): string;
  /**
   * `sst remove` is often cancelled half way through deleting it (a distribution takes minutes to
   * disable): a removed stage's leftovers of it are reported on their own (`cloudfront-leftover`).
   */
  readonly slowRemove?: boolean;
  /** Whether an ARN from the tagging API is of this kind, and what it names. */
  fromArn(arn: string): Identity | undefined;
  /** What a state entry (or a pending operation's resource) names; `region` is its provider's. */
  identify(resource: ResourceV3, region: string): Identity | undefined;
  /** The properties of a state entry that count for drift, against what the cloud says. */
  drift(resource: ResourceV3, cloud: CloudResource): DriftItem[];
  /** The name prefixes SST gives a stage's resources of this kind (FORMATS.md §2). */
  stagePrefixes?(app: string, stage: string): string[];
  /** How SST generates its physical name, per type token. */
  readonly naming?: Readonly<Record<string, NamingRule>>;
  /** How deploy logs word it. */
  readonly wording?: Wording;
  /**
   * Where it goes in a deletion order (lower first: what refers to others goes before them — a
   * distribution before its function); a kind's tokens follow each other in their listed order.
   */
  readonly deleteRank: number;
  /** The kinds that must be gone before this one can be deleted. */
  readonly deleteAfter?: readonly string[];
  /**
   * How to end AWS's deletion of one (a secret in its recovery window, `deleting`): the command that
   * restores it, and the one that deletes it for good at once (both take the quoted name and region).
   */
  readonly whileDeleting?: {
    restore(name: string, region: string): string;
    purge(name: string, region: string): string;
  };
  /**
   * The inputs whose change makes the provider replace it (Terraform's ForceNew): adopting a live one
   * that differs in any of them from what the pending create asks for is refused, since the next deploy
   * would delete and re-create it. `region` compares where it lives with the region asked for.
   */
  readonly replaceOn?: readonly string[];
  /** The state fields an adopted entry of it must carry. */
  readonly adoptFields?: readonly string[];
}

/** The state fields that hold a kind's physical name (`nameFields`, `["name"]` when it names none). */
export function nameFieldsOf(kind: Kind): readonly string[] {
  return kind.nameFields ?? ["name"];
}

/**
 * The part of a physical name SST made from the logical name: the kind's own `logicalPart`, else the
 * name without the fixed prefix AWS adds for its type (`/aws/lambda/` of a function's log group).
 */
export function logicalPartOf(kind: Kind, type: string, physical: string): string {
  if (kind.logicalPart !== undefined) return kind.logicalPart(physical);
  const prefix = kind.naming?.[type]?.prefix;
  return prefix !== undefined && physical.startsWith(prefix) ? physical.slice(prefix.length) : physical;
}

export function nameMatches(filter: NameFilter, name: string): boolean {
  return filter.names.has(name) || filter.prefixes.some((p) => name.startsWith(p));
}

/** A string input or output of a state entry (outputs win: they are what the provider saw). */
export function prop(resource: ResourceV3, name: string): string | undefined {
  const out = resource.outputs?.[name];
  if (typeof out === "string" && out !== "") return out;
  const input = resource.inputs?.[name];
  return typeof input === "string" && input !== "" ? input : undefined;
}

/**
 * The identity of a state entry named by one of `nameProps` (else its id), in `region`, with the ARN
 * its outputs record (through `arnOf`, for kinds whose ARNs need normalizing).
 */
export function namedIdentity(
  resource: ResourceV3,
  region: string,
  nameProps: readonly string[],
  arnOf: (arn: string | undefined) => string | undefined = (a) => a,
): Identity | undefined {
  const name = nameProps.map((p) => prop(resource, p)).find((n) => n !== undefined) ?? resource.id;
  if (name === undefined) return undefined;
  const identity: Identity = { name, id: resource.id ?? name, region };
  const arn = arnOf(prop(resource, "arn"));
  if (arn !== undefined) identity.arn = arn;
  return identity;
}

/** Any JSON property of a state entry, outputs first. */
export function value(resource: ResourceV3, name: string): JsonValue | undefined {
  return resource.outputs?.[name] ?? resource.inputs?.[name];
}

/** Compares the listed properties of state and cloud detail, JSON-equal, skipping what state lacks. */
export function compareProps(
  resource: ResourceV3,
  cloud: CloudResource,
  props: readonly string[],
): DriftItem[] {
  const items: DriftItem[] = [];
  for (const property of props) {
    const state = value(resource, property);
    const actual = cloud.detail?.[property];
    if (state === undefined || actual === undefined) continue;
    if (JSON.stringify(state) !== JSON.stringify(actual)) items.push({ property, state, cloud: actual });
  }
  return items;
}

/** The parts of an ARN: `arn:partition:service:region:account:resource`. */
export function splitArn(
  arn: string,
): { service: string; region: string; account: string; resource: string } | undefined {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  return { service: parts[2]!, region: parts[3]!, account: parts[4]!, resource: parts.slice(5).join(":") };
}

/** The short form the Pulumi and SST CLIs print for a pulumi-aws token (`aws:iam/role:Role` → `aws:iam:Role`). */
export function shortType(token: string): string {
  const m = /^aws:([\w-]+)\/([a-z]\w*):([A-Z]\w*)$/.exec(token);
  if (m === null || m[2]!.charAt(0).toUpperCase() + m[2]!.slice(1) !== m[3]) return token;
  return `aws:${m[1]}:${m[3]}`;
}
