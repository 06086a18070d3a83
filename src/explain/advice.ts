/**
 * The words `explain` puts on each problem it recognised: the doctor rule that explains it, the cause
 * in plain words, and the stateward commands that fix it, filled with the app and stage the log shows
 * (placeholders only where it shows none). Lines of a fix that start with `#` say what to do by hand.
 */
import { t, type MessageId, clauses, sentences } from "../i18n/index.js";
import { isoTime } from "../report/time.js";
import { alreadyExistsSignature, kindForType, wordingLabel } from "../kinds/registry.js";
import { alreadyExistsCauses } from "./causes.js";
import { forTool } from "./foreign-advice.js";
import { integrityAdvice, pendingAdvice } from "./advice-state.js";
import { nameHasStage, parseUrn, quote } from "./resources.js";
import type { Cause, CauseId, Draft, LogFacts, Problem } from "./types.js";
import { stageWords } from "./words.js";

type Advice = Pick<Problem, "kind" | "rule" | "resource" | "cause" | "fix" | "secrets" | "causes">;

interface Where {
  app?: string;
  stage?: string;
  /** `[--app <app>] --stage <stage>` */
  flags: string;
  /** The stage in words: `dev` (`阶段 dev`), or `the stage` when the log does not say. */
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
  return { app, stage, flags, stageWords: stageWords(stage) };
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
    d.sameNameAs ??= [t("explain.what.stack", { stack: r.stack })];
  }
}

type Adviser = (d: Draft, w: Where, facts: LogFacts) => Pick<Problem, "rule" | "cause" | "fix" | "causes">;

/** `the CloudWatch log group /aws/lambda/x`, `the Route 53 record api.example.com (CNAME)`. */
function describe(d: Draft): string {
  const r = d.resource;
  const kind = r.type === undefined ? undefined : (wordingLabel(r.type) ?? r.type);
  if (kind === undefined) {
    if (r.name !== undefined)
      return r.recordType === undefined
        ? t("explain.what.resource-named", { name: r.name })
        : t("explain.what.resource-record", { name: r.name, recordType: r.recordType });
    return r.logicalName === undefined
      ? t("explain.what.resource")
      : t("explain.what.resource-logical", { logical: r.logicalName });
  }
  if (r.name !== undefined)
    return r.recordType === undefined
      ? t("explain.what.kind-named", { kind, name: r.name })
      : t("explain.what.kind-record", { kind, name: r.name, recordType: r.recordType });
  return r.logicalName === undefined
    ? t("explain.what.kind", { kind })
    : t("explain.what.kind-logical", { kind, logical: r.logicalName });
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
        ? [t("explain.fix.adopt-once-known", { command: adoptLine })]
        : [adoptLine];
  const logical = r.logicalName ?? t("explain.what.resource");
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
    cause: sentences(first.cause, otherCauses(shown)),
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

/** "Other possible causes: …" — the rest of the ranked list, in a sentence. */
function otherCauses(causes: Cause[]): string {
  if (causes.length < 2) return "";
  return t("explain.other-causes", { list: clauses(causes.slice(1).map((c) => t(CAUSE_WORDS[c.id]))) });
}

/** Each cause in a few words (the catalog ids). */
const CAUSE_WORDS = {
  replacement: "explain.cause-words.replacement",
  "duplicate-in-program": "explain.cause-words.duplicate-in-program",
  "retained-leftover": "explain.cause-words.retained-leftover",
  leftover: "explain.cause-words.leftover",
  "pending-create": "explain.cause-words.pending-create",
  "other-stage": "explain.cause-words.other-stage",
  "other-account": "explain.cause-words.other-account",
  "taken-elsewhere": "explain.cause-words.taken-elsewhere",
  "scheduled-for-deletion": "explain.cause-words.scheduled-for-deletion",
  "interrupted-update": "explain.cause-words.interrupted-update",
  "unknown-provider": "explain.cause-words.unknown-provider",
  integrity: "explain.cause-words.integrity",
  "foreign-tool": "explain.cause-words.foreign-tool",
} as const satisfies Record<CauseId, MessageId>;

const locked: Adviser = (d, w) => {
  const fix = [
    `stateward lock status ${w.flags}`,
    `stateward lock release ${w.flags}`,
    t("explain.lock.fix-force"),
  ];
  if (d.lockBy === "pulumi-cloud") {
    return {
      rule: "stale-lock",
      cause: t("explain.lock.cloud-cause", { stage: w.stageWords }),
      fix: [
        t("explain.lock.cloud-fix", {
          command: `pulumi cancel --stack ${w.stage === undefined ? "<stage>" : quote(w.stage)}`,
        }),
        ...fix.slice(0, 1),
      ],
    };
  }
  return {
    rule: "stale-lock",
    cause: t("explain.lock.cause", { stage: w.stageWords }),
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
      : lookup.account === undefined
        ? t("explain.passphrase.where", { region: lookup.region })
        : t("explain.passphrase.where-account", { region: lookup.region, account: lookup.account });
  const history = [`stateward history list ${flags}`, t("explain.passphrase.fix-history")];
  const pulumiCause =
    f.secrets === "missing"
      ? t("explain.passphrase.pulumi-missing")
      : f.secrets === "wrong"
        ? t("explain.passphrase.pulumi-wrong")
        : t("explain.passphrase.pulumi-provider");
  const pulumiFix = t("explain.passphrase.pulumi-fix");
  if (f.tool === "pulumi") return { cause: pulumiCause, fix: [pulumiFix, ...history] };

  const stage = stageWords(f.stage);
  let found = "";
  if (lookup !== undefined) {
    if (lookup.found === true) {
      const details =
        (lookup.version === undefined ? "" : t("explain.passphrase.version", { version: lookup.version })) +
        (lookup.lastModified === undefined
          ? ""
          : t("explain.passphrase.changed", { time: isoTime(lookup.lastModified) }));
      found = t("explain.passphrase.found", { parameter, where, details });
    } else if (lookup.found === false) {
      found = t("explain.passphrase.missing-parameter", { parameter, where, stage });
    } else {
      const error = lookup.error === undefined ? "" : t("explain.passphrase.error", { error: lookup.error });
      found = t("explain.passphrase.lookup-failed", { parameter, where, error });
    }
  }
  const sstCause =
    f.tool === "sst"
      ? t("explain.passphrase.sst-cause", { stage, parameter })
      : sentences(pulumiCause, t("explain.passphrase.in-sst-app", { parameter }));
  return {
    cause: sentences(sstCause, found),
    fix: [
      t("explain.passphrase.fix-account", { stage }),
      t("explain.passphrase.fix-parameter-history", {
        history: `aws ssm get-parameter-history --name ${parameter}${region} --query "Parameters[].[Version,LastModifiedDate]"`,
        put: "aws ssm put-parameter --overwrite",
      }),
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
  const stage = w.stage === undefined ? t("explain.stage.none") : t("explain.stage.word", { stage: w.stage });
  const cause =
    d.notFoundBy === "pulumi"
      ? t("explain.stage-not-found.pulumi", { stack: w.stage ?? t("explain.stage.none") })
      : w.app === undefined
        ? t("explain.stage-not-found.sst", { stage })
        : t("explain.stage-not-found.sst-app", { stage, app: w.app });
  return {
    cause,
    fix: [
      `stateward doctor --all-stages${app}`,
      `stateward history list ${w.flags}`,
      t("explain.stage-not-found.fix"),
    ],
  };
};

const region: Adviser = (d, w) => {
  const r = d.resource;
  const at = r.region;
  const used = d.usedRegion;
  const thing = r.name === undefined ? (r.logicalName ?? t("explain.what.resource")) : r.name;
  const issue = d.regionIssue ?? "mismatch";
  const cause = (): string => {
    switch (issue) {
      case "signed":
        return t("explain.region.signed", {
          used: used ?? t("explain.region.one-region"),
          thing,
          at: at ?? t("explain.region.another"),
        });
      case "redirect": {
        const where = at ?? t("explain.region.another-region");
        if (r.name === undefined)
          return used === undefined
            ? t("explain.region.redirect", { at: where })
            : t("explain.region.redirect-used", { at: where, used });
        return used === undefined
          ? t("explain.region.redirect-named", { name: r.name, at: where })
          : t("explain.region.redirect-named-used", { name: r.name, at: where, used });
      }
      case "token":
        return t("explain.region.token", { at: at ?? t("explain.region.that-region") });
      case "missing":
        return t("explain.region.missing");
      case "mismatch":
        return used === undefined
          ? t("explain.region.mismatch")
          : t("explain.region.mismatch-used", { used });
    }
  };
  const withRegion = at === undefined ? w.flags : `${w.flags} --region ${quote(at)}`;
  return {
    rule: "region-mismatch",
    cause: cause(),
    fix: [
      `stateward doctor ${withRegion}`,
      ...(at === undefined ? [] : [`stateward scan ${withRegion}`]),
      t("explain.region.fix"),
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
