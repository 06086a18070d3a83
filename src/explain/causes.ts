/**
 * Why a resource "already exists": the situations that end in that error, ranked for the one at hand.
 * The AWS code narrows them but never decides alone (`BucketAlreadyExists` also answers for the user's
 * own bucket kept by `removal: "retain"`), so explain lists every cause that fits, most likely first,
 * each with how to tell it from the others; what the log itself shows (a replacement, two resources
 * with one name, a pending create, a name in its deletion window) puts its cause first.
 */
import { t } from "../i18n/index.js";
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
  cause: t("explain.cause.replacement.cause", { logical: c.logical }),
  tell: t("explain.cause.replacement.tell"),
  fix: [
    t("explain.cause.replacement.fix-delete-first", { logical: c.logical, transform: "transform: { … }" }),
    // i18n-exempt: code to paste (Pulumi's aliases option)
    t("explain.cause.replacement.fix-alias", { aliases: '[{ name: "<old logical name>" }]' }),
  ],
});

const duplicate: Builder = (d, c) => ({
  id: "duplicate-in-program",
  cause:
    d.sameNameAs === undefined || d.sameNameAs.length === 0
      ? t("explain.cause.duplicate.cause", { name: c.name ?? t("explain.cause.duplicate.same-name") })
      : t("explain.cause.duplicate.cause-named", {
          name: c.name ?? t("explain.cause.duplicate.same-name"),
          names: [
            ...(d.resource.logicalName === undefined ? [] : [d.resource.logicalName]),
            ...d.sameNameAs,
          ].join(t("explain.what.and")),
        }),
  tell: t("explain.cause.duplicate.tell"),
  fix: [t("explain.cause.duplicate.fix")],
});

const retained: Builder = (_d, c) => ({
  id: "retained-leftover",
  rule: "retained-leftover",
  cause: t("explain.cause.retained.cause", { what: capital(c.what) }),
  tell:
    c.stage === undefined
      ? t("explain.cause.retained.tell")
      : t("explain.cause.retained.tell-tags", { stage: c.stage }),
  fix: [
    c.doctor,
    ...(c.adopt.length > 0
      ? c.adopt.map((a) => `${a} --retain-on-delete`)
      : [t("explain.cause.retained.fix-adopt")]),
  ],
});

const leftover: Builder = (_d, c) => ({
  id: "leftover",
  rule: "orphan",
  cause:
    c.stage === undefined
      ? t("explain.cause.leftover.cause-stage", { what: capital(c.what) })
      : t("explain.cause.leftover.cause", { what: capital(c.what), stage: c.stage }),
  tell: t("explain.cause.leftover.tell"),
  fix: [
    c.doctor,
    ...c.adopt,
    c.adopt.length > 0 ? t("explain.cause.leftover.fix-above") : t("explain.cause.leftover.fix-doctor"),
  ],
});

const pending: Builder = (_d, c) => ({
  id: "pending-create",
  rule: "pending-create",
  cause: t("explain.cause.pending.cause", { what: c.what }),
  tell: t("explain.cause.pending.tell"),
  fix: [
    c.doctor,
    ...c.adopt,
    c.name === undefined
      ? t("explain.cause.pending.fix-delete")
      : t("explain.cause.pending.fix-delete-named", { name: c.name }),
  ],
});

const otherStage: Builder = (_d, c) => ({
  id: "other-stage",
  rule: "name-taken",
  cause:
    c.name === undefined
      ? t("explain.cause.other-stage.cause", { what: c.what })
      : t("explain.cause.other-stage.cause-named", { what: c.what, name: c.name }),
  tell: t("explain.cause.other-stage.tell"),
  fix: [
    c.doctor,
    `stateward doctor --all-stages${c.flags.includes("--app") ? ` ${c.flags.replace(/\s*--stage \S+/, "")}` : ""}`,
    t("explain.cause.other-stage.fix-rename", { logical: c.logical }),
    ...(c.adopt.length > 0 ? [t("explain.cause.other-stage.fix-adopt"), ...c.adopt] : []),
  ],
});

const otherAccount: Builder = (_d, c) => ({
  id: "other-account",
  cause: t("explain.cause.other-account.cause", {
    name: c.name ?? t("explain.cause.other-account.this-name"),
  }),
  tell: t("explain.cause.other-account.tell"),
  fix: [t("explain.cause.other-account.fix", { logical: c.logical })],
});

const takenElsewhere: Builder = (_d, c) => ({
  id: "taken-elsewhere",
  rule: "name-taken",
  cause: c.taken?.cause ?? t("explain.cause.taken.cause", { what: capital(c.what) }),
  tell: t("explain.cause.taken.tell"),
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
    cause: t("explain.cause.scheduled.cause", { name }),
    tell: t("explain.cause.scheduled.tell"),
    fix: [
      t("explain.cause.scheduled.fix-restore", { restore, doctor: c.doctor }),
      t("explain.cause.scheduled.fix-purge", { purge }),
      t("explain.cause.scheduled.fix-wait"),
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
