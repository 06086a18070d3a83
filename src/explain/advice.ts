/**
 * The words `explain` puts on each problem it recognised: the doctor rule that explains it, the cause
 * in plain words, and the stateward commands that fix it, filled with the app and stage the log shows
 * (placeholders only where it shows none). Lines of a fix that start with `#` say what to do by hand.
 */
import { alreadyExistsSignature, kindForType, wordingLabel } from "../kinds/registry.js";
import { alreadyExistsCauses } from "./causes.js";
import { forTool } from "./foreign-advice.js";
import { integrityAdvice, pendingAdvice } from "./advice-state.js";
import { nameHasStage, parseUrn, quote } from "./resources.js";
import type { Cause, CauseId, Draft, LogFacts, Problem } from "./types.js";

type Advice = Pick<Problem, "kind" | "rule" | "resource" | "cause" | "fix" | "secrets" | "causes">;

interface Where {
  app?: string;
  stage?: string;
  /** `[--app <app>] --stage <stage>` */
  flags: string;
  /** The stage in words: `dev`, or `the stage` when the log does not say. */
  stageWords: string;
}

function where(d: Draft, facts: LogFacts): Where {
  // A problem's own URN says which stage it is about; otherwise what the log says overall.
  const urn = d.resource.urn === undefined ? undefined : parseUrn(d.resource.urn);
  const app = urn?.app ?? facts.app;
  const stage = urn?.stage ?? facts.stage;
  const flags = [
    ...(app === undefined ? [] : [`--app ${quote(app)}`]),
    `--stage ${stage === undefined ? "<stage>" : quote(stage)}`,
  ].join(" ");
  return { app, stage, flags, stageWords: stage ?? "the stage" };
}

export function adviseAll(drafts: Draft[], facts: LogFacts): Advice[] {
  return drafts.map((d) => {
    // A pending operation names the URN that the heading above an "already exists" error did not.
    if (d.kind === "already-exists") {
      d.resource.urn ??= pendingUrn(d, facts);
      noteSituation(d, facts);
    }
    if (d.resource.urn === undefined) delete d.resource.urn;
    const w = where(d, facts);
    const advice = ADVISE[d.kind](d, w, facts);
    const resource = Object.fromEntries(
      Object.entries(d.resource).filter(([, v]) => v !== undefined && v !== ""),
    );
    return {
      kind: d.kind,
      ...advice,
      ...(Object.keys(resource).length > 0 && { resource }),
      ...(d.secrets !== undefined && { secrets: d.secrets }),
    };
  });
}

/** What the rest of the log says of this resource: replaced, or its name held by another stack of the app. */
function noteSituation(d: Draft, facts: LogFacts): void {
  const r = d.resource;
  const keys = [
    r.urn,
    r.type === undefined || r.logicalName === undefined ? undefined : `${r.type}|${r.logicalName}`,
  ];
  if (keys.some((k) => k !== undefined && facts.replacing.has(k))) d.replacing = true;
  // "already exists in stack X" while deploying stack Y of the same app: the app creates it twice.
  if (r.stack !== undefined && facts.failingStack !== undefined && r.stack !== facts.failingStack) {
    d.sameNameAs ??= [`stack ${r.stack}`];
  }
}

type Adviser = (d: Draft, w: Where, facts: LogFacts) => Pick<Problem, "rule" | "cause" | "fix" | "causes">;

/** `the CloudWatch log group /aws/lambda/x`, `the Route 53 record api.example.com (CNAME)`. */
function describe(d: Draft): string {
  const r = d.resource;
  const label = r.type === undefined ? "the resource" : `the ${wordingLabel(r.type) ?? r.type}`;
  if (r.name !== undefined)
    return `${label} ${r.name}${r.recordType === undefined ? "" : ` (${r.recordType})`}`;
  return r.logicalName === undefined ? label : `${label} (${r.logicalName})`;
}

/** The URN of the pending operation the log shows for this resource, if it shows one. */
function pendingUrn(d: Draft, facts: LogFacts): string | undefined {
  const r = d.resource;
  if (r.urn !== undefined) return facts.pending.get(r.urn);
  return r.type === undefined || r.logicalName === undefined
    ? undefined
    : facts.pending.get(`${r.type}|${r.logicalName}`);
}

/** The import id pulumi-aws expects where it is not the name itself. */
function importId(d: Draft): string {
  const r = d.resource;
  const kind = r.type === undefined ? undefined : kindForType(r.type);
  const id = r.name === undefined ? undefined : kind?.wording?.importId?.(r.name, r.recordType);
  return id ?? r.name ?? "<id>";
}

const alreadyExists: Adviser = (d, w, facts) => {
  const r = d.resource;
  const pending = pendingUrn(d, facts);
  const doctor = `stateward doctor ${w.flags}`;
  // adopt <type> <id> --urn <urn>: the entry the deploy was creating, under the URN it declares.
  const id = importId(d);
  const adoptLine =
    r.urn === undefined || r.type === undefined
      ? undefined
      : `stateward adopt ${quote(r.type)} ${quote(id)} --urn ${quote(r.urn)} ${w.flags}`;
  const adopt =
    adoptLine === undefined
      ? []
      : id.includes("<")
        ? [`# once its id is known (doctor shows it): ${adoptLine}`]
        : [adoptLine];
  const logical = r.logicalName ?? "the resource";
  // The kind's wording says when the name is someone else's (another distribution's alias, …).
  const sig = d.code === undefined ? undefined : alreadyExistsSignature(d.code)?.takenElsewhere;
  const causes = alreadyExistsCauses(d, {
    what: describe(d),
    logical,
    ...(r.name !== undefined && { name: r.name }),
    ...(w.stage !== undefined && { stage: w.stage }),
    doctor,
    adopt,
    flags: w.flags,
    ...(pending !== undefined && { pendingUrn: pending }),
    ...(facts.foreign !== undefined && { tool: facts.foreign.tool }),
    ...(sig !== undefined && {
      taken: { cause: sig.cause(describe(d), r.name), fix: sig.fix(logical, doctor) },
    }),
  });
  const shown = facts.foreign === undefined ? causes : causes.map((c) => forTool(c, d, facts.foreign!));
  const first = shown[0]!;
  return {
    // A doctor rule only where doctor can look: not for another tool's log.
    ...(facts.foreign === undefined && { rule: ruleOf(d, w, pending, sig !== undefined) }),
    cause: first.cause + otherCauses(shown),
    fix: first.fix,
    causes: shown,
  };
};

/** The doctor rule that explains it, as before causes were ranked (kept for `--json` readers). */
function ruleOf(d: Draft, w: Where, pending: string | undefined, taken: boolean): string {
  if (taken && d.scheduledForDeletion !== true) return "name-taken";
  if (pending !== undefined) return "pending-create";
  const r = d.resource;
  return r.name !== undefined && w.stage !== undefined && nameHasStage(r.name, w.stage)
    ? "orphan"
    : "name-taken";
}

/** " Other possible causes: …" — the rest of the ranked list, in a sentence. */
function otherCauses(causes: Cause[]): string {
  if (causes.length < 2) return "";
  return ` Other possible causes, in order: ${causes
    .slice(1)
    .map((c) => CAUSE_WORDS[c.id])
    .join("; ")} (with --app/--stage explain checks which).`;
}

const CAUSE_WORDS: Record<CauseId, string> = {
  replacement: "a replacement with a fixed name (create-before-delete)",
  "duplicate-in-program": "two resources of the program with the same name",
  "retained-leftover": 'kept by removal: "retain" (adopt it)',
  leftover: "the stage's own leftover from an interrupted deploy or remove",
  "pending-create": "an interrupted create",
  "other-stage": "another stage or app with the same fixed name",
  "other-account": "another AWS account's (S3 names are global)",
  "taken-elsewhere": "held by another resource",
  "scheduled-for-deletion": "a deleted one still in its recovery window",
  "interrupted-update": "an interrupted update",
  "unknown-provider": "a provider missing from the state",
  integrity: "a broken state",
  "foreign-tool": "another tool's resource",
};

const locked: Adviser = (d, w) => {
  const fix = [
    `stateward lock status ${w.flags}`,
    `stateward lock release ${w.flags}`,
    "# lock release refuses a lock younger than 15 minutes: make sure no deploy is running (CI, a teammate, the SST Console) before adding --force",
  ];
  if (d.lockBy === "pulumi-cloud") {
    return {
      rule: "stale-lock",
      cause: `Pulumi Cloud reports another update of ${w.stageWords} in progress; when none is running, an update that was killed or cancelled is still open.`,
      fix: [
        `# on Pulumi Cloud: pulumi cancel --stack ${w.stage === undefined ? "<stage>" : quote(w.stage)}`,
        ...fix.slice(0, 1),
      ],
    };
  }
  return {
    rule: "stale-lock",
    cause: `Another deploy, refresh or remove of ${w.stageWords} holds its lock, or one was killed or cancelled without releasing it, so every command on ${w.stageWords} stops until the lock is gone.`,
    fix,
  };
};

/** What `explain --app --stage` found when it looked for SST's passphrase parameter. */
export interface PassphraseLookup {
  /** `/sst/passphrase/<app>/<stage>` */
  parameter: string;
  /** The region looked in (the stage's home region). */
  region: string;
  /** The account looked in, when STS said. */
  account?: string;
  /** Whether the parameter is there; undefined when the lookup failed. */
  found?: boolean;
  version?: number;
  lastModified?: string;
  /** Why the lookup failed. */
  error?: string;
}

export interface PassphraseFacts {
  secrets?: Draft["secrets"];
  app?: string;
  stage?: string;
  tool?: LogFacts["tool"];
}

/**
 * The cause and fix of a passphrase error. SST keeps each stage's passphrase in the SSM parameter
 * `/sst/passphrase/<app>/<stage>` (SecureString, in the home region) and hands it to Pulumi, creating
 * a new one when it is missing; so for SST the question is which parameter, in which account and
 * region, and whether it changed — not PULUMI_CONFIG_PASSPHRASE, which the error message names.
 */
export function passphraseAdvice(
  f: PassphraseFacts,
  lookup?: PassphraseLookup,
): Pick<Problem, "cause" | "fix"> {
  const parameter = lookup?.parameter ?? `/sst/passphrase/${f.app ?? "<app>"}/${f.stage ?? "<stage>"}`;
  const flags = [
    ...(f.app === undefined ? [] : [`--app ${quote(f.app)}`]),
    `--stage ${f.stage === undefined ? "<stage>" : quote(f.stage)}`,
  ].join(" ");
  const region = lookup === undefined ? "" : ` --region ${lookup.region}`;
  const where =
    lookup === undefined
      ? ""
      : ` in ${lookup.region}${lookup.account === undefined ? "" : ` of account ${lookup.account}`}`;
  const history = [
    `stateward history list ${flags}`,
    "# if the state was written with another passphrase recently, the list shows the versions before it",
  ];
  const pulumiCause =
    f.secrets === "missing"
      ? "The stack's secrets are encrypted with a passphrase and none was given: PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE) is not set where the command ran."
      : f.secrets === "wrong"
        ? "The passphrase given does not decrypt the stack's secrets: it differs from the one the stack was created with, or the state was written with another one."
        : "Pulumi could not open the stack's secrets provider (a passphrase or a KMS key), so it cannot read the secrets in the state.";
  const pulumiFix =
    "# set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE) to the passphrase the stack was created with, or give access to its KMS key, then run the command again";
  if (f.tool === "pulumi") return { cause: pulumiCause, fix: [pulumiFix, ...history] };

  const stage = f.stage ?? "the stage";
  let found = "";
  if (lookup !== undefined) {
    if (lookup.found === true) {
      found = ` stateward found ${parameter}${where}${lookup.version === undefined ? "" : `, version ${lookup.version}`}${lookup.lastModified === undefined ? "" : `, last changed ${lookup.lastModified}`}: if it changed after the state was written, its previous value is the one that decrypts the state.`;
    } else if (lookup.found === false) {
      found = ` ${parameter} does not exist${where}: it was deleted, or ${stage} was deployed from another account or region. SST creates a new passphrase when the parameter is missing, and a new one cannot decrypt secrets written with the old one.`;
    } else {
      found = ` stateward could not look for ${parameter}${where}${lookup.error === undefined ? "" : ` (${lookup.error})`}.`;
    }
  }
  const sstCause =
    f.tool === "sst"
      ? `SST keeps ${stage}'s passphrase in the SSM parameter ${parameter} (a SecureString in the stage's home region) and hands it to Pulumi, and that passphrase does not decrypt the secrets in the state: the parameter was deleted or overwritten, or the command ran with another AWS account or region than ${stage} was deployed with.`
      : `${pulumiCause} In an SST app the passphrase is the SSM parameter ${parameter} (a SecureString in the stage's home region), so check the account and region the command ran with.`;
  return {
    cause: sstCause + found,
    fix: [
      `# run with the AWS account and region ${stage} was deployed with (\`aws sts get-caller-identity\` names the account; the region is providers.aws.region in sst.config.ts)`,
      `# see when the parameter changed: aws ssm get-parameter-history --name ${parameter}${region} --query "Parameters[].[Version,LastModifiedDate]"; if it was overwritten, put the previous value back with aws ssm put-parameter --overwrite`,
      ...(f.tool === "sst" ? [] : [pulumiFix]),
      ...history,
    ],
  };
}

const passphrase: Adviser = (d, w, facts) =>
  passphraseAdvice({
    ...(d.secrets === undefined ? {} : { secrets: d.secrets }),
    ...(w.app === undefined ? {} : { app: w.app }),
    ...(w.stage === undefined ? {} : { stage: w.stage }),
    ...(facts.tool === undefined ? {} : { tool: facts.tool }),
  });

const integrity: Adviser = (d, w) => integrityAdvice(d, w);

const pendingOperations: Adviser = (d, w) => pendingAdvice(d, w);

const stageNotFound: Adviser = (d, w) => {
  const app = w.app === undefined ? "" : ` --app ${quote(w.app)}`;
  const cause =
    d.notFoundBy === "pulumi"
      ? `The backend has no stack named ${w.stageWords}: a typo, another backend (PULUMI_BACKEND_URL), or a stack that was removed.`
      : `No state exists for ${w.stage === undefined ? "the stage" : `stage ${w.stage}`}${w.app === undefined ? "" : ` of ${w.app}`} in this SST home: it was never deployed there, was removed, or the command ran with another stage, region, profile or account.`;
  return {
    cause,
    fix: [
      `stateward doctor --all-stages${app}`,
      `stateward history list ${w.flags}`,
      "# check the stage name, AWS_PROFILE and the region: a stage deployed from another account or region is not found here",
    ],
  };
};

const region: Adviser = (d, w) => {
  const r = d.resource;
  const at = r.region;
  const used = d.usedRegion;
  const thing = r.name === undefined ? (r.logicalName ?? "the resource") : r.name;
  const causes: Record<NonNullable<Draft["regionIssue"]>, string> = {
    signed: `A request was signed for ${used ?? "one region"} but ${thing} lives in ${at ?? "another"}: the command ran with another region than the one the stage was deployed to.`,
    redirect:
      `The S3 bucket ${r.name ?? ""} is in ${at ?? "another region"}${used === undefined ? "" : `, not ${used}`}, so S3 refused the request: the command ran with another region than the one the stage was deployed to.`.replace(
        "bucket  is",
        "bucket is",
      ),
    token: `The credentials are not valid in ${at ?? "that region"}: the region is not enabled for the account (opt-in regions), or the stage points at a region the account does not use.`,
    missing:
      "No AWS region was configured for the command (no providers.aws.region, AWS_REGION or profile region), so the provider could not start.",
    mismatch: `The region given${used === undefined ? "" : ` (${used})`} does not match the region the resource or the state lives in.`,
  };
  const withRegion = at === undefined ? w.flags : `${w.flags} --region ${quote(at)}`;
  return {
    rule: "region-mismatch",
    cause: causes[d.regionIssue ?? "mismatch"],
    fix: [
      `stateward doctor ${withRegion}`,
      ...(at === undefined ? [] : [`stateward scan ${withRegion}`]),
      "# use one region everywhere the stage deploys from (providers.aws.region in sst.config.ts, aws:region, AWS_REGION, the profile), then deploy again",
    ],
  };
};

const ADVISE: Record<Draft["kind"], Adviser> = {
  "already-exists": alreadyExists,
  locked,
  passphrase,
  integrity,
  "pending-operations": pendingOperations,
  "stage-not-found": stageNotFound,
  region,
};
