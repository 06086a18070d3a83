/**
 * `stateward explain`: reads the output of a failed `sst deploy`, `sst refresh` or `pulumi up` and
 * recognises the state problems in it, wherever the provider wrapped the AWS message: "already exists"
 * (a resource AWS has and the state does not), locks, passphrases, integrity, pending operations,
 * missing stages and region mix-ups. Each problem comes with the doctor rule that explains it, its
 * cause in plain words and the stateward commands that fix it.
 *
 * Pure (no file system, no process, no AWS) and one pass over the lines: every pattern is compiled
 * once, anchored or literal-led, and free of nested quantifiers, so a 50 MB log takes well under a
 * second or two.
 */
import { adviseAll } from "./advice.js";
import { fullType, parseUrn, sameType, T, typeOfWording, urnsIn } from "./resources.js";

export type ProblemKind =
  | "already-exists"
  | "locked"
  | "passphrase"
  | "integrity"
  | "pending-operations"
  | "stage-not-found"
  | "region";

export interface ProblemResource {
  /** The full Pulumi type token (`aws:cloudwatch/logGroup:LogGroup`), mapped from the short form shown. */
  type?: string;
  /** The physical name (or id) AWS reports. */
  name?: string;
  urn?: string;
  /** The name the program gives the resource (the last part of its URN). */
  logicalName?: string;
  /** For region problems: the region the resource or state lives in. */
  region?: string;
  /** For Route 53 records: the record type (`CNAME`, `A`, …). */
  recordType?: string;
}

export interface Problem {
  kind: ProblemKind;
  /**
   * The doctor rule that explains it: already-exists → "pending-create" when the log also shows the
   * resource as pending / interrupted, "orphan" when the name carries the stage (the stage's own
   * leftover that no state holds), else "name-taken"; locked → "stale-lock"; integrity → "integrity";
   * pending-operations → "pending-create"; region → "region-mismatch"; passphrase/stage-not-found → undefined.
   */
  rule?: string;
  resource?: ProblemResource;
  /** The log line(s) it was recognised from (trimmed, at most 3 lines). */
  excerpt: string;
  /** 1-based line number of the first matching line. */
  line: number;
  /** Plain-words cause, 1–2 sentences. */
  cause: string;
  /** stateward commands ready to paste (lines starting with `#` say what to do). */
  fix: string[];
  /** passphrase: what went wrong (none given, a wrong one, or the secrets provider). */
  secrets?: "missing" | "wrong" | "provider";
}

/** A line of the log, 1-based, trimmed and clipped. */
export interface LogLine {
  line: number;
  text: string;
}

export interface ExplainResult {
  problems: Problem[];
  lines: number;
  /**
   * What the log shows of the command itself: "failed" (an error line, or a recognised problem),
   * "completed" (SST's `✓  Complete` and the like, Pulumi's `Duration:` with no error), or "unknown"
   * (neither: not a deploy's output, or cut off before its end).
   */
  outcome: "failed" | "completed" | "unknown";
  /** The first line that shows the failure. */
  failure?: LogLine;
  /** The line that shows the command completed. */
  completed?: LogLine;
  /** Which tool printed the log, when it shows. */
  tool?: "sst" | "pulumi";
  /** the app and stage the log shows, when it does */
  app?: string;
  stage?: string;
}

/** What the scan found, before causes and fixes are written (they need the whole log: stage, pending). */
export interface Draft {
  kind: ProblemKind;
  resource: ProblemResource;
  /** 0-based line indexes the problem was recognised from. */
  at: number[];
  /** The AWS error code, when the log names one. */
  code?: string;
  /** pending-operations: creating, updating, deleting, reading. */
  operation?: string;
  /** locked: who reported it. */
  lockBy?: "sst" | "pulumi" | "pulumi-cloud";
  /** passphrase: what went wrong. */
  secrets?: "missing" | "wrong" | "provider";
  /** stage-not-found: who reported it. */
  notFoundBy?: "sst" | "pulumi";
  /** region: which kind of mix-up, and the region the command used. */
  regionIssue?: "signed" | "redirect" | "token" | "missing" | "mismatch";
  usedRegion?: string;
}

/** What the whole log tells, for the advice. */
export interface LogFacts {
  app?: string;
  stage?: string;
  tool?: "sst" | "pulumi";
  /** Resources with a pending (interrupted) operation: their URN, keyed by URN and by `<type>|<logicalName>`. */
  pending: Map<string, string>;
}

// ---- patterns (compiled once) -------------------------------------------------------------------

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
const LINE_BREAK = /\r\n|\r|\n/;

const TYPE = "[a-z][\\w-]*:[\\w/-]+:[A-Z]\\w*";
/** SST: `[|  Error  ]<parent> <parentType> → <name> <type>` or `<name> <type>` at the start of a line. */
const SST_RESOURCE = new RegExp(
  `^(?:\\|\\s+Error\\s+)?(?:[^\\s|]+ ${TYPE} → )?([^\\s|]*[^\\s|:]) (${TYPE})(?=\\s|$)`,
);
/** Pulumi's Diagnostics: `aws:cloudwatch:LogGroup (WorkerLogGroup):`. */
const PULUMI_RESOURCE = new RegExp(`^(${TYPE}) \\(([^()]+)\\):$`);
/** The provider's wording: `creating CloudWatch Logs Log Group (/aws/lambda/x)`, `updating CloudFront Distribution (E2…)`. */
const CREATING = /\b(?:[Cc]reating|[Uu]pdating) ([A-Z][\w ]{0,60}?) \(([^()\s]{0,1024})(\))?/;

const SST_APP = /^(?:➜\s+)?App:\s+(\S+)$/;
const SST_STAGE = /^Stage:\s+(\S+)$/;
const SST_READY = /^SST \d[\w.-]*(?: \(experimental\))?\s+ready!/;
/** The command line a CI log echoes: `$ npx sst deploy --stage dev`, `pulumi up --stack dev`. */
const TOOL_COMMAND =
  /^(?:\$\s*)?(?:(?:npx|pnpm|pnpx|yarn|bunx|bun)\s+)?(sst|pulumi)\s+(?:deploy|up|refresh|remove|destroy|preview|diff|dev|unlock|cancel|state|stack)\b/;
const STAGE_FLAG = /--stage[= ]([A-Za-z0-9][\w-]*)/;
const STACK_FLAG = /(?:--stack[= ]|\s-s\s+)([A-Za-z0-9][\w./-]*)/;
const PULUMI_HEADER =
  /^(?:Updating|Previewing update|Refreshing|Previewing refresh|Destroying|Previewing destroy) \(([^()\s]+)\)/;
const PULUMI_CONSOLE = /app\.pulumi\.com\/[^/\s]+\/([^/\s]+)\/([^/\s]+)/;
const LOCK_PATH_PARTS = /\.pulumi\/locks\/(?:organization\/)?([^/\s]+)\/([^/\s]+)\/[^/\s]+\.json/;

/** Lines worth a closer look; everything else is only read for context. */
const TRIGGER =
  /AlreadyExist|AlreadyOwnedByYou|already exist|InvalidChangeBatch|oncurrent update|currently locked|Another update is currently in progress|passphrase|decrypt|secrets manager|integrity|refusing to|corrupt|deserialize|refers to (?:unknown|missing)|dependency on a resource|comes after it|duplicate resource|pending operation|tage not found|no stack named|AuthorizationHeaderMalformed|BucketRegionError|PermanentRedirect|InvalidClientTokenId|does not match|resolve region|egion is missing|MissingRegion|aws:region|AWS Region/;

interface Signature {
  re: RegExp;
  type: string;
  code: string;
  /** Which group holds the name; route53 also has the record type in group 2. */
  nameGroup?: number;
}

/** How AWS words "already exists" for the resources SST and Pulumi programs most often collide on. */
const ALREADY_EXISTS: readonly Signature[] = [
  {
    re: /ResourceInUseException: Table already exists: ([\w.-]+)/,
    type: T.table,
    code: "ResourceInUseException",
    nameGroup: 1,
  },
  {
    re: /ResourceAlreadyExistsException: The specified log group already exists/,
    type: T.logGroup,
    code: "ResourceAlreadyExistsException",
  },
  {
    re: /EntityAlreadyExists(?:Exception)?: Role with name ([\w+=,.@-]+?)\.? already exists/,
    type: T.role,
    code: "EntityAlreadyExists",
    nameGroup: 1,
  },
  { re: /FunctionAlreadyExists/, type: T.cfFunction, code: "FunctionAlreadyExists" },
  { re: /CNAMEAlreadyExists/, type: T.distribution, code: "CNAMEAlreadyExists" },
  {
    re: /AlreadyExistsException: Email identity (\S+?)\.? already exist/,
    type: T.emailIdentity,
    code: "AlreadyExistsException",
    nameGroup: 1,
  },
  {
    re: /ResourceConflictException: Function already exist: ([\w-]+)/,
    type: T.lambda,
    code: "ResourceConflictException",
    nameGroup: 1,
  },
  { re: /BucketAlreadyOwnedByYou/, type: T.bucketV2, code: "BucketAlreadyOwnedByYou" },
  { re: /BucketAlreadyExists/, type: T.bucketV2, code: "BucketAlreadyExists" },
];
const RECORD_EXISTS = /Tried to create resource record set \[name='([^']*)', type='([A-Z]+)'/g;
const RECORD_CONFLICT =
  /RRSet of type ([A-Z]+) with DNS name (\S+) is not permitted because a conflicting RRSet of type [A-Z]+ with the same DNS name already exists/;
const LOG_GROUP_NAME = /Log Group '([^']+)' already exists/;
const GENERIC_CODE = /\b([A-Z]\w*AlreadyExists(?:Exception)?)\b/;
const GENERIC_WORDS = /already exists?\b/;
const AWS_ERROR = /StatusCode: 4\d\d|status code: 4\d\d|operation error |https response error/;

const SST_LOCK = /Concurrent update detected|A concurrent update was detected on the app/;
const PULUMI_LOCK = /the stack is currently locked by \d+ lock/;
const CLOUD_LOCK = /\[409\] Conflict: Another update is currently in progress/;

const SECRETS =
  /incorrect passphrase|failed to decrypt|passphrase must be set|unable to find either `?PULUMI_CONFIG_PASSPHRASE|(?:getting|constructing) secrets manager|could not decrypt|decrypting secret value|message authentication failed/;
const SECRETS_MISSING = /passphrase must be set|unable to find either `?PULUMI_CONFIG_PASSPHRASE/;
const SECRETS_WRONG =
  /incorrect passphrase|failed to decrypt|could not decrypt|message authentication failed/;

const INTEGRITY =
  /snapshot integrity (?:failure|error)|refusing to (?:proceed|use it)|state file is corrupt|could not deserialize deployment|refers to (?:unknown|missing) (?:parent|resource|provider)|has a dependency on a resource that doesn't exist|comes after it|\(not marked for deletion\)/;

const PENDING_HEADER =
  /\d+ pending operations? from previous deployment|resource\(s\) with pending operations/;
const PENDING_URN = /(urn:pulumi:\S{1,2048}?),?\s+interrupted while ([a-z]+)/;

const SST_NO_STAGE = /\b[Ss]tage not found\b/;
const NO_STACK = /no stack named '([^']+)' found/;

const REGION_NAME = "(?:us|eu|ap|sa|ca|me|af|il|mx|cn)(?:-gov|-iso[a-z]?)?-[a-z]+-\\d";
const SIGNED_REGION = /the region '([\w-]+)' is wrong; expecting '([\w-]+)'/;
const BUCKET_REGION = /the bucket is not in '([\w-]+)' region.{0,300}?bucket is in '([\w-]+)' region/;
const ENDPOINT_REGION = new RegExp(`s3[.-](${REGION_NAME})\\.amazonaws\\.com`);
const ANY_REGION = new RegExp(`\\b(${REGION_NAME})\\b`);
const MISSING_REGION =
  /Could not resolve region|[Rr]egion is missing|MissingRegion|missing required configuration key "aws:region"|unable to find a configured AWS Region/;
const PROVIDED_REGION = /provided region\b.{0,200}?does not match/i;
const BUCKET_NAME = /<Bucket>([^<]+)<\/Bucket>|\bBucket: ?"?([a-z0-9][a-z0-9.-]{1,62})/;

/**
 * A line that shows the command failing: SST's `✕  Failed` / `✕  Unexpected error…` and `|  Error …`
 * (pkg cmd/sst/mosaic/ui), Pulumi's `error: …` (under Diagnostics, ending in `error: update failed`),
 * and the usual wrappers (npm, CI runners, shells).
 */
const FAILURE =
  /^(?:✕\s+\S|\|\s+(?:Build )?Error\b|error:|Error:|ERROR\b|fatal:|FATAL\b|panic:|npm ERR!)|exit (?:code|status):? [1-9]|ELIFECYCLE|Command failed with exit code [1-9]/;
/** SST's end of a run that went through (`✓  Complete`, `✓  Removed`, …), or Pulumi's summary. */
const COMPLETED =
  /^(?:✓\s+(?:Complete|Removed|Refreshed|Generated|Deployed|No changes|No resources to remove)\b|Duration: \S)/;

/** How far (in lines) a resource heading still explains an error below it. */
const CONTEXT_WINDOW = 8;
/** Lines longer than this are likely hard-wrapped by a terminal; a name cut at their end goes on. */
const WRAP_MIN = 70;
const EXCERPT_MAX = 500;

interface Context {
  at: number;
  type?: string;
  logicalName?: string;
  urn?: string;
}

interface Creating {
  at: number;
  type?: string;
  name: string;
}

/** A name cut off at the end of a hard-wrapped line continues at the start of the next. */
function unwrap(raw: string, line: string, name: string, end: number, next: string | undefined): string {
  if (next === undefined || end < line.length || raw.length < WRAP_MIN) return name;
  const more = /^[\w./@+=-]+/.exec(next);
  return more === null ? name : name + more[0];
}

function lastSegment(s: string): string {
  const parts = s.split("/");
  return parts[parts.length - 1]!;
}

export function explainLog(text: string): ExplainResult {
  const clean = text.includes("\x1b") ? text.replace(ANSI, "") : text;
  const lines = clean === "" ? [] : clean.split(LINE_BREAK);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();

  const drafts: Draft[] = [];
  const facts: LogFacts = { pending: new Map() };
  let appRank = 0;
  let stageRank = 0;
  const setApp = (v: string, rank: number) => {
    if (rank > appRank) [facts.app, appRank] = [v, rank];
  };
  const setStage = (v: string, rank: number) => {
    if (rank > stageRank) [facts.stage, stageRank] = [v, rank];
  };
  let ctx: Context | undefined;
  let creating: Creating | undefined;
  let pendingHeader: number | undefined;
  let pendingFound = false;
  let failureAt: number | undefined;
  let completedAt: number | undefined;

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.trim();
    if (line === "") continue;
    const next = lines[i + 1];

    // -- how the command ended --------------------------------------------------------------------
    if (failureAt === undefined && FAILURE.test(line)) failureAt = i;
    if (
      completedAt === undefined &&
      (line.startsWith("✓") || line.startsWith("Duration:")) &&
      COMPLETED.test(line)
    ) {
      completedAt = i;
    }

    // -- what the log says about itself: tool, app, stage -----------------------------------------
    if (line.startsWith("SST ") && SST_READY.test(line)) facts.tool = "sst";
    if (facts.tool === undefined && (line.includes("sst ") || line.includes("pulumi "))) {
      const m = TOOL_COMMAND.exec(line);
      if (m !== null) facts.tool = m[1] as "sst" | "pulumi";
    }
    if (line.includes("App:")) {
      const m = SST_APP.exec(line);
      if (m !== null) {
        facts.tool = "sst";
        setApp(m[1]!, 3);
      }
    }
    if (line.startsWith("Stage:")) {
      const m = SST_STAGE.exec(line);
      if (m !== null) setStage(m[1]!, 3);
    }
    if (line.includes("--stage")) {
      const m = STAGE_FLAG.exec(line);
      if (m !== null) setStage(m[1]!, 1);
    }
    if (line.includes("--stack") || line.includes(" -s ")) {
      const m = STACK_FLAG.exec(line);
      if (m !== null) setStage(lastSegment(m[1]!), 1);
    }
    if (line.endsWith(":") || line.includes("(")) {
      const m = PULUMI_HEADER.exec(line);
      if (m !== null) {
        facts.tool ??= "pulumi";
        setStage(lastSegment(m[1]!), 2);
      }
    }
    if (line === "Diagnostics:") facts.tool ??= "pulumi";
    if (line.includes("app.pulumi.com/")) {
      const m = PULUMI_CONSOLE.exec(line);
      if (m !== null) {
        setApp(m[1]!, 2);
        setStage(m[2]!, 2);
      }
    }
    if (line.includes(".pulumi/locks/")) {
      const m = LOCK_PATH_PARTS.exec(line);
      if (m !== null) {
        setApp(m[1]!, 2);
        setStage(m[2]!, 2);
      }
    }

    // -- URNs: pending operations, or the resource the next error is about ------------------------
    if (line.includes("urn:pulumi:")) {
      const urns = urnsIn(line);
      const first = urns[0] === undefined ? undefined : parseUrn(urns[0]);
      if (first !== undefined) {
        setStage(first.stage, 3);
        setApp(first.app, 3);
      }
      const p = line.includes("interrupted while") ? PENDING_URN.exec(line) : null;
      const urn = p === null ? undefined : urns.find((u) => p[1]!.startsWith(u));
      const parsed = urn === undefined ? undefined : parseUrn(urn);
      if (p !== null && urn !== undefined && parsed !== undefined) {
        pendingFound = true;
        facts.pending.set(urn, urn);
        facts.pending.set(`${parsed.type}|${parsed.name}`, urn);
        drafts.push({
          kind: "pending-operations",
          resource: { type: parsed.type, urn, logicalName: parsed.name },
          at: [i],
          operation: p[2]!,
        });
        continue;
      }
      if (first !== undefined) {
        // `error: <urn>: …` under Pulumi's `type (name):` heading adds the URN to that heading.
        const same =
          ctx !== undefined &&
          i - ctx.at <= CONTEXT_WINDOW &&
          ctx.logicalName === first.name &&
          (ctx.type === undefined || sameType(ctx.type, first.type));
        if (same) ctx!.urn = urns[0];
        else ctx = { at: i, type: first.type, logicalName: first.name, urn: urns[0] };
      }
    }

    // -- resource headings: SST's progress and summary, Pulumi's Diagnostics -----------------------
    const sst = SST_RESOURCE.exec(line);
    if (sst !== null) {
      ctx = { at: i, type: fullType(sst[2]!), logicalName: sst[1]! };
    } else if (line.endsWith("):")) {
      const m = PULUMI_RESOURCE.exec(line);
      if (m !== null) ctx = { at: i, type: fullType(m[1]!), logicalName: m[2]! };
    }
    if (line.includes("reating ") || line.includes("pdating ")) {
      const m = CREATING.exec(line);
      if (m !== null) {
        let name = m[2]!;
        if (m[3] === undefined && m.index + m[0].length === line.length) {
          // `(…` cut at the end of a wrapped line: the rest and the `)` start the next one.
          const rest = next === undefined ? null : /^([^()\s]*)\)/.exec(next);
          name = rest === null ? "" : name + rest[1]!;
        } else if (m[3] === undefined) {
          name = "";
        }
        if (name !== "") creating = { at: i, type: typeOfWording(m[1]!), name };
      }
    }

    if (!TRIGGER.test(line)) continue;

    const near = <X extends { at: number }>(x: X | undefined): X | undefined =>
      x !== undefined && i - x.at <= CONTEXT_WINDOW ? x : undefined;

    // -- passphrase (before integrity: "could not deserialize deployment: … failed to decrypt") ----
    if (SECRETS.test(line)) {
      drafts.push({
        kind: "passphrase",
        resource: {},
        at: [i],
        secrets: SECRETS_MISSING.test(line) ? "missing" : SECRETS_WRONG.test(line) ? "wrong" : "provider",
      });
      continue;
    }

    // -- already exists ---------------------------------------------------------------------------
    const found: Draft[] = [];
    for (const sig of ALREADY_EXISTS) {
      const m = sig.re.exec(line);
      if (m === null) continue;
      let name: string | undefined;
      const at = [i];
      if (sig.nameGroup !== undefined) {
        const g = m[sig.nameGroup]!;
        name = unwrap(raw, line, g, line.indexOf(g, m.index) + g.length, next);
        if (name !== g) at.push(i + 1);
      }
      if (name === undefined && sig.type === T.logGroup) name = LOG_GROUP_NAME.exec(line)?.[1];
      found.push({
        kind: "already-exists",
        resource: { type: sig.type, ...(name && { name }) },
        at,
        code: sig.code,
      });
      break;
    }
    if (line.includes("Tried to create resource record set")) {
      for (const m of line.matchAll(RECORD_EXISTS)) {
        found.push({
          kind: "already-exists",
          resource: { type: T.record, name: m[1]!.replace(/\.$/, ""), recordType: m[2]! },
          at: [i],
          code: "InvalidChangeBatch",
        });
      }
    } else if (line.includes("conflicting RRSet")) {
      const m = RECORD_CONFLICT.exec(line);
      if (m !== null) {
        found.push({
          kind: "already-exists",
          resource: { type: T.record, name: m[2]!.replace(/\.$/, ""), recordType: m[1]! },
          at: [i],
          code: "InvalidChangeBatch",
        });
      }
    }
    if (found.length === 0) {
      const code = GENERIC_CODE.exec(line)?.[1];
      if (code !== undefined || (GENERIC_WORDS.test(line) && AWS_ERROR.test(line))) {
        found.push({ kind: "already-exists", resource: {}, at: [i], ...(code && { code }) });
      }
    }
    if (found.length > 0) {
      const c = near(ctx);
      // The provider's "creating X (name)" counts only below the heading it belongs to.
      const cr = c !== undefined && creating !== undefined && creating.at < c.at ? undefined : near(creating);
      for (const d of found) {
        const r = d.resource;
        // The heading above names the resource when it is of the same kind (or the error names none).
        if (c !== undefined && (r.type === undefined || c.type === undefined || sameType(r.type, c.type))) {
          if (c.type !== undefined && (r.type === undefined || r.type === T.bucketV2)) r.type = c.type;
          if (c.logicalName !== undefined) r.logicalName = c.logicalName;
          if (c.urn !== undefined) r.urn = c.urn;
          d.at.unshift(c.at);
        }
        if (
          cr !== undefined &&
          (r.type === undefined || cr.type === undefined || sameType(r.type, cr.type))
        ) {
          r.name ??= cr.name;
          r.type ??= cr.type;
          d.at.push(cr.at);
        }
        if (r.type === undefined) delete r.type;
        drafts.push(d);
      }
      continue;
    }

    // -- locks ------------------------------------------------------------------------------------
    if (SST_LOCK.test(line) || PULUMI_LOCK.test(line) || CLOUD_LOCK.test(line)) {
      const d: Draft = {
        kind: "locked",
        resource: {},
        at: [i],
        lockBy: SST_LOCK.test(line) ? "sst" : PULUMI_LOCK.test(line) ? "pulumi" : "pulumi-cloud",
      };
      if (d.lockBy === "sst") facts.tool ??= "sst";
      // Pulumi names the lock file on the next line: `s3://…/.pulumi/locks/…/<id>.json: created by …`.
      const where = [line, next ?? ""].map(lockPath).find((p) => p !== undefined);
      if (where !== undefined) {
        d.resource = { type: "pulumi:lock", name: where };
        if (!line.includes(where)) d.at.push(i + 1);
      }
      drafts.push(d);
      continue;
    }

    // -- integrity --------------------------------------------------------------------------------
    if (INTEGRITY.test(line)) {
      const urn = urnsIn(line)[0];
      drafts.push({ kind: "integrity", resource: urn === undefined ? {} : { urn }, at: [i] });
      continue;
    }

    // -- pending operations (the URNs below it are read above) -----------------------------------
    if (PENDING_HEADER.test(line)) {
      pendingHeader ??= i;
      continue;
    }

    // -- stage not found --------------------------------------------------------------------------
    const noStack = line.includes("no stack named") ? NO_STACK.exec(line) : null;
    if (noStack !== null) {
      setStage(lastSegment(noStack[1]!), 2);
      drafts.push({ kind: "stage-not-found", resource: {}, at: [i], notFoundBy: "pulumi" });
      continue;
    }
    if (SST_NO_STAGE.test(line)) {
      drafts.push({ kind: "stage-not-found", resource: {}, at: [i], notFoundBy: "sst" });
      continue;
    }

    // -- regions ----------------------------------------------------------------------------------
    const region = recogniseRegion(line, i);
    if (region !== undefined) {
      const c = near(ctx);
      const cr = c !== undefined && creating !== undefined && creating.at < c.at ? undefined : near(creating);
      const bucket = BUCKET_NAME.exec(line);
      const name = bucket?.[1] ?? bucket?.[2] ?? (cr !== undefined ? cr.name : undefined);
      if (name !== undefined) region.resource.name = name;
      if (cr !== undefined && cr.type !== undefined) region.resource.type = cr.type;
      if (c !== undefined) {
        region.at.unshift(c.at);
        if (c.type !== undefined) region.resource.type = c.type;
        if (c.logicalName !== undefined) region.resource.logicalName = c.logicalName;
        if (c.urn !== undefined) region.resource.urn = c.urn;
      }
      drafts.push(region);
    }
  }

  if (pendingHeader !== undefined && !pendingFound) {
    drafts.push({ kind: "pending-operations", resource: {}, at: [pendingHeader] });
  }

  const merged = dedupe(drafts);
  const problems = adviseAll(merged, facts).map((p, n) => {
    const d = merged[n]!;
    const at = [...new Set(d.at)].sort((a, b) => a - b).slice(0, 3);
    return {
      ...p,
      excerpt: at.map((k) => clip(lines[k]!.trim())).join("\n"),
      line: at[0]! + 1,
    };
  });
  problems.sort((a, b) => a.line - b.line);

  const at = (i: number): LogLine => ({ line: i + 1, text: clip(lines[i]!.trim()) });
  const failed = failureAt !== undefined || problems.length > 0;
  const result: ExplainResult = {
    problems,
    lines: lines.length,
    outcome: failed ? "failed" : completedAt !== undefined ? "completed" : "unknown",
  };
  if (failureAt !== undefined) result.failure = at(failureAt);
  else if (problems.length > 0)
    result.failure = { line: problems[0]!.line, text: problems[0]!.excerpt.split("\n")[0]! };
  if (completedAt !== undefined && !failed) result.completed = at(completedAt);
  if (facts.tool !== undefined) result.tool = facts.tool;
  if (facts.app !== undefined) result.app = facts.app;
  if (facts.stage !== undefined) result.stage = facts.stage;
  return result;
}

function recogniseRegion(line: string, i: number): Draft | undefined {
  const d = (issue: Draft["regionIssue"], expected?: string, used?: string): Draft => ({
    kind: "region",
    resource: expected === undefined ? {} : { region: expected },
    at: [i],
    regionIssue: issue,
    ...(used !== undefined && { usedRegion: used }),
  });
  if (line.includes("AuthorizationHeaderMalformed")) {
    const m = SIGNED_REGION.exec(line);
    return m === null ? d("signed") : d("signed", m[2], m[1]);
  }
  if (line.includes("BucketRegionError")) {
    const m = BUCKET_REGION.exec(line);
    return m === null ? d("redirect") : d("redirect", m[2], m[1]);
  }
  if (line.includes("PermanentRedirect")) return d("redirect", ENDPOINT_REGION.exec(line)?.[1]);
  if (line.includes("InvalidClientTokenId")) {
    // Bad credentials are not a state problem; the same error in a named region is (opt-in regions).
    const m = ANY_REGION.exec(line);
    return m === null ? undefined : d("token", m[1], m[1]);
  }
  if (MISSING_REGION.test(line)) return d("missing");
  if (PROVIDED_REGION.test(line)) return d("mismatch", undefined, ANY_REGION.exec(line)?.[1]);
  return undefined;
}

/** The whitespace-delimited token holding `.pulumi/locks/…json`, without the `:` Pulumi puts after it. */
function lockPath(line: string): string | undefined {
  const at = line.indexOf(".pulumi/locks/");
  if (at < 0) return undefined;
  let start = at;
  while (start > 0 && !/\s/.test(line.charAt(start - 1))) start--;
  const end = line.indexOf(".json", at);
  if (end < 0 || /\s/.test(line.slice(at, end))) return undefined;
  return line.slice(start, end + ".json".length);
}

function clip(s: string): string {
  return s.length <= EXCERPT_MAX ? s : `${s.slice(0, EXCERPT_MAX - 1)}…`;
}

/**
 * One problem per resource: SST prints every error twice (in the progress and in the summary), once
 * perhaps with the physical name and once only with the logical one, so a later sighting that shares
 * any identity (URN, logical name, physical name) with an earlier one of the same kind and type is
 * merged into it. Kinds about the whole stage (lock, passphrase, integrity, missing stage) are one each.
 */
function dedupe(drafts: Draft[]): Draft[] {
  const out: Draft[] = [];
  const byKey = new Map<string, Draft>();
  for (const d of drafts) {
    const keys = keysOf(d);
    const hit = keys.map((k) => byKey.get(k)).find((x) => x !== undefined);
    if (hit === undefined) {
      out.push(d);
      for (const k of keys) byKey.set(k, d);
      continue;
    }
    const r = hit.resource;
    for (const [k, v] of Object.entries(d.resource) as [keyof ProblemResource, string][]) r[k] ??= v;
    for (const k of keysOf(hit)) if (!byKey.has(k)) byKey.set(k, hit);
  }
  return out;
}

function keysOf(d: Draft): string[] {
  const r = d.resource;
  switch (d.kind) {
    case "already-exists": {
      const t = r.type === T.bucket ? T.bucketV2 : (r.type ?? "?");
      const keys: string[] = [];
      if (r.urn !== undefined) keys.push(`ae|u|${r.urn}`);
      if (r.logicalName !== undefined) keys.push(`ae|${t}|l|${r.logicalName}`);
      if (r.name !== undefined) keys.push(`ae|${t}|n|${r.name}|${r.recordType ?? ""}`);
      if (keys.length === 0) keys.push(`ae|${t}|${d.code ?? ""}`);
      return keys;
    }
    case "pending-operations":
      return [`po|${r.urn ?? ""}`];
    case "region":
      return [`region|${r.name ?? r.logicalName ?? ""}`];
    default:
      return [d.kind];
  }
}
