/**
 * Why a resource "already exists": the situations that end in that error, ranked for the one at hand.
 * The AWS code narrows them but never decides alone (`BucketAlreadyExists` also answers for the user's
 * own bucket kept by `removal: "retain"`), so explain lists every cause that fits, most likely first,
 * each with how to tell it from the others; what the log itself shows (a replacement, two resources
 * with one name, a pending create, a name in its deletion window) puts its cause first.
 */
import { kindForType } from "../kinds/registry.js";
import { nameHasStage, quote } from "./resources.js";
import type { Cause, CauseId, Draft } from "./types.js";

/** What the causes are written with: the resource in words and the commands for its stage. */
export interface CauseContext {
  /** `the S3 bucket acme-assets`. */
  what: string;
  /** The program's name for it (`Assets`), or `the resource`. */
  logical: string;
  name?: string;
  stage?: string;
  /** `stateward doctor --app … --stage …`. */
  doctor: string;
  /** `stateward adopt …` lines (empty when the URN or type is unknown). */
  adopt: string[];
  /** `--app … --stage …`. */
  flags: string;
  /** The URN of the pending create the log shows for it. */
  pendingUrn?: string;
  /** Another tool's log (its causes differ: Terraform has no removal: "retain"). */
  tool?: "cloudformation" | "terraform";
  /** The kind's own words for a name held elsewhere (another distribution's alias, …). */
  taken?: { cause: string; fix: string[] };
}

/** Kinds SST keeps with `removal: "retain"` (its default outside dev): buckets and tables hold data. */
const RETAINED_BY_DEFAULT = new Set(["s3-bucket", "dynamodb-table"]);

type Builder = (d: Draft, c: CauseContext) => Cause;

const replacement: Builder = (_d, c) => ({
  id: "replacement",
  cause: `${c.logical} is being replaced with a fixed name: Pulumi creates the replacement before it deletes the original (create-before-delete), and AWS refuses a second resource with the same name.`,
  tell: "the deploy shows it as `replacing` / `creating replacement` (or `+-` in the preview), or its logical name, parent or SST version changed since the last deploy",
  fix: [
    `# set deleteBeforeReplace: true on ${c.logical} (in SST: transform: { … }, opts), or drop its fixed name and let SST/Pulumi name it, then deploy again`,
    '# a rename of the logical name keeps the resource with aliases: [{ name: "<old logical name>" }] instead of replacing it',
  ],
});

const duplicate: Builder = (d, c) => ({
  id: "duplicate-in-program",
  cause: `Two resources of the same program ask for ${c.name ?? "the same name"}${d.sameNameAs === undefined || d.sameNameAs.length === 0 ? "" : ` (${[...(d.resource.logicalName === undefined ? [] : [d.resource.logicalName]), ...d.sameNameAs].join(" and ")})`}: the first one created holds it, so the other cannot be created.`,
  tell: "the log shows two logical names (URNs, CloudFormation logical ids or stacks of one app) creating one physical name",
  fix: [`# give each of them its own name (or let SST/Pulumi name them), then deploy again`],
});

const retained: Builder = (_d, c) => ({
  id: "retained-leftover",
  rule: "retained-leftover",
  cause: `${capital(c.what)} was kept by removal: "retain" when it left the app (or when the stage was removed) and is still in AWS with its data; deploying it again asks AWS for a name it already has.`,
  tell: `with --app/--stage explain checks the stage's history: an older version held it with retainOnDelete${c.stage === undefined ? "" : `; its tags name stage ${c.stage}`}`,
  fix: [
    c.doctor,
    ...(c.adopt.length > 0
      ? c.adopt.map((a) => `${a} --retain-on-delete`)
      : [`# adopt it (doctor prints the stateward adopt command), so the deploy keeps it and its data`]),
  ],
});

const leftover: Builder = (_d, c) => ({
  id: "leftover",
  rule: "orphan",
  cause: `${capital(c.what)} is ${c.stage === undefined ? "the stage's" : `${c.stage}'s`} own, left behind by a deploy that was interrupted, an \`sst remove\` that stopped half way, a refresh or a restored state: no state holds it any more.`,
  tell: "it carries the stage's tags (sst:app / sst:stage) or its name, and no state version lists it as retained",
  fix: [
    c.doctor,
    ...c.adopt,
    `# adopt it${c.adopt.length > 0 ? " (above)" : " (doctor shows how)"}, or delete it in AWS if nothing in it is needed, then deploy again`,
  ],
});

const pending: Builder = (_d, c) => ({
  id: "pending-create",
  rule: "pending-create",
  cause: `An earlier deploy was interrupted while creating ${c.what}: AWS created it but the state only recorded an unfinished operation, so this deploy tried to create it again.`,
  tell: "the log (or the state) shows a pending operation `creating` for it",
  fix: [c.doctor, ...c.adopt, `# or delete ${c.name ?? "it"} in AWS and deploy again to recreate it`],
});

const otherStage: Builder = (_d, c) => ({
  id: "other-stage",
  rule: "name-taken",
  cause: `Another stage or app may use the same fixed name${c.name === undefined ? "" : ` ${c.name}`}: if its state holds ${c.what}, this stage cannot create it too.`,
  tell: "its tags (sst:app / sst:stage) name another stage, or another stage's state holds it (doctor --all-stages)",
  fix: [
    c.doctor,
    `stateward doctor --all-stages${c.flags.includes("--app") ? ` ${c.flags.replace(/\s*--stage \S+/, "")}` : ""}`,
    `# give ${c.logical} a name with the stage in it (or let SST generate one), then deploy again`,
    ...(c.adopt.length > 0
      ? ["# if doctor shows it is this stage's own (no other stage holds it), adopt it instead:", ...c.adopt]
      : []),
  ],
});

const otherAccount: Builder = (_d, c) => ({
  id: "other-account",
  cause: `S3 bucket names are global: ${c.name ?? "this name"} may belong to another AWS account, which no stage of this app can adopt.`,
  tell: "BucketAlreadyExists means another account's only when the bucket is not yours: `aws s3api head-bucket --bucket <name>` answers 200 for your own bucket, 403 for another account's; BucketAlreadyOwnedByYou means it is yours",
  fix: [
    `# if it is not yours: give ${c.logical} another bucket name (or let SST generate one), then deploy again`,
  ],
});

const takenElsewhere: Builder = (_d, c) => ({
  id: "taken-elsewhere",
  rule: "name-taken",
  cause:
    c.taken?.cause ??
    `${capital(c.what)} is held by another resource (another distribution, user pool, function or account) that this stage's state does not hold.`,
  tell: "the AWS message names what holds it; doctor --all-stages shows whether one of the app's stages does",
  fix: c.taken?.fix ?? [c.doctor],
});

/** A name AWS keeps while it deletes the resource (Secrets Manager's recovery window). */
const scheduled: Builder = (d, c) => {
  const name = c.name ?? d.resource.logicalName ?? c.logical;
  const kind = d.resource.type === undefined ? undefined : kindForType(d.resource.type);
  const region = d.resource.region ?? "<region>";
  const own = (
    kind as
      | { whileDeleting?: { restore(n: string, r: string): string; purge(n: string, r: string): string } }
      | undefined
  )?.whileDeleting;
  const restore =
    own?.restore(name, region) ?? `aws secretsmanager restore-secret --secret-id ${quote(name)}`;
  const purge =
    own?.purge(name, region) ??
    `aws secretsmanager delete-secret --secret-id ${quote(name)} --force-delete-without-recovery`;
  return {
    id: "scheduled-for-deletion",
    cause: `A secret named ${name} is scheduled for deletion (deleted, in its recovery window): Secrets Manager keeps a deleted secret, name included, for 7 to 30 days (30 unless set), so no new secret can take the name until then.`,
    tell: "`aws secretsmanager describe-secret --secret-id <name>` shows a DeletedDate",
    fix: [
      `# keep the old secret: ${restore}, then adopt it (${c.doctor} shows how)`,
      `# or let the name go now: ${purge}, then deploy again`,
      "# or wait until the recovery window ends",
    ],
  };
};

const BUILDERS: Record<string, Builder> = {
  replacement,
  "duplicate-in-program": duplicate,
  "retained-leftover": retained,
  leftover,
  "pending-create": pending,
  "other-stage": otherStage,
  "other-account": otherAccount,
  "taken-elsewhere": takenElsewhere,
  "scheduled-for-deletion": scheduled,
};

/** The causes of one "already exists", most likely first (no cause twice). */
export function alreadyExistsCauses(d: Draft, c: CauseContext): Cause[] {
  const order: CauseId[] = [];
  const kind = d.resource.type === undefined ? undefined : kindForType(d.resource.type);
  // What the log shows decides the first place.
  if (d.scheduledForDeletion === true) order.push("scheduled-for-deletion");
  if (c.pendingUrn !== undefined) order.push("pending-create");
  if (d.replacing === true) order.push("replacement");
  if (d.sameNameAs !== undefined) order.push("duplicate-in-program");
  const bucketCode = d.code === "BucketAlreadyExists";
  const held = (c.taken !== undefined && !bucketCode) || d.heldByAnother === true;
  if (held && d.scheduledForDeletion !== true) order.push("taken-elsewhere");
  // Then the situations that fit the name.
  const staged = c.name !== undefined && c.stage !== undefined && nameHasStage(c.name, c.stage);
  const keeps = kind !== undefined && RETAINED_BY_DEFAULT.has(kind.kind);
  if (bucketCode && staged) order.push("retained-leftover", "leftover", "other-account", "other-stage");
  else if (bucketCode) order.push("other-account", "retained-leftover", "leftover", "other-stage");
  else if (staged && keeps) order.push("retained-leftover", "leftover", "replacement", "other-stage");
  else if (staged) order.push("leftover", "replacement", "retained-leftover", "other-stage");
  else order.push("other-stage", "leftover", "replacement", "retained-leftover");
  order.push("duplicate-in-program");
  if (kind?.kind === "s3-bucket" && !bucketCode) order.push("other-account");
  // Terraform has no `removal: "retain"`: a kept resource is a leftover like any other there.
  const fits = c.tool === "terraform" ? order.filter((id) => id !== "retained-leftover") : order;
  return [...new Set(fits)].map((id) => BUILDERS[id]!(d, c));
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
