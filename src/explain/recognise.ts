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
import { sameType, typeOfWording } from "../kinds/registry.js";
import { adviseAll } from "./advice.js";
import { alreadyExistsOn } from "./already-exists.js";
import { dedupe } from "./dedupe.js";
import { recogniseRegion } from "./region.js";
import {
  cfnFailedHeading,
  foreignNamed,
  foreignToolOn,
  isSstClassic,
  terraformTypeOn,
  tokenOfTerraformType,
  failingStackOn,
} from "./foreign.js";
import {
  integrityDraft,
  lockDraft,
  placeDraft,
  replacementOn,
  type Context,
  type Creating,
} from "./lines.js";
import * as P from "./patterns.js";
import { fullType, parseUrn, urnsIn } from "./resources.js";
import type { Draft, ExplainResult, LogFacts, LogLine } from "./types.js";

export type {
  Draft,
  ExplainResult,
  LogFacts,
  LogLine,
  Problem,
  ProblemKind,
  ProblemResource,
} from "./types.js";

/** How far (in lines) a resource heading still explains an error below it. */
const CONTEXT_WINDOW = 8;
const EXCERPT_MAX = 500;

function lastSegment(s: string): string {
  const parts = s.split("/");
  return parts[parts.length - 1]!;
}

/** One pass over a log: what it says of itself, and the drafts of the problems it shows. */
class LogReader {
  readonly drafts: Draft[] = [];
  readonly facts: LogFacts = { pending: new Map(), replacing: new Set() };
  /** Pulumi's own output shows (URNs, type tokens, SST v3's UI): not another tool's log. */
  private pulumiSeen = false;
  private sstClassic = false;
  private foreign: ReturnType<typeof foreignToolOn>;
  /** The last "already exists" read, for the Terraform `with aws_x.y` line below it. */
  private lastFound: { at: number; drafts: Draft[] } | undefined;
  failureAt: number | undefined;
  completedAt: number | undefined;
  private appRank = 0;
  private stageRank = 0;
  private ctx: Context | undefined;
  private creating: Creating | undefined;
  private pendingHeader: number | undefined;
  private pendingFound = false;

  constructor(readonly lines: readonly string[]) {}

  read(): void {
    for (let i = 0; i < this.lines.length; i++) {
      const raw = this.lines[i]!;
      const line = raw.trim();
      if (line === "") continue;
      const next = this.lines[i + 1];
      this.noteEnding(line, i);
      this.noteSelf(line);
      this.noteForeign(line, i);
      if (line.includes("urn:pulumi:") && this.noteUrns(line, i)) continue; // i18n-exempt: log text
      this.noteHeadings(line, i, next);
      if (P.TRIGGER.test(line)) this.recognise(raw, line, i, next);
    }
    if (this.pendingHeader !== undefined && !this.pendingFound) {
      this.drafts.push({ kind: "pending-operations", resource: {}, at: [this.pendingHeader] });
    }
    if (!this.pulumiSeen && this.foreign !== undefined) {
      this.facts.foreign = foreignNamed(this.foreign, this.sstClassic);
    }
  }

  /** Other tools' words, replacements, and the Terraform type of the "already exists" above. */
  private noteForeign(line: string, i: number): void {
    // Once Pulumi's own output shows, the log is SST v3's or Pulumi's whatever else it quotes.
    if (!this.pulumiSeen) {
      const seen = foreignToolOn(line);
      if (seen !== undefined && (this.foreign?.label === undefined || this.foreign === undefined)) {
        if (this.foreign === undefined || seen.label !== undefined) this.foreign = seen;
      }
      if (!this.sstClassic && isSstClassic(line)) this.sstClassic = true;
      const heading = cfnFailedHeading(line);
      if (heading !== undefined) this.ctx = { at: i, ...heading };
      this.facts.failingStack ??= failingStackOn(line);
    } else {
      const c = line.charCodeAt(0);
      const op = c === 43 || c === 45; // `+-`, `++`, `-+`: Pulumi's replacement ops
      if (op || line.includes("replac")) {
        const replacing = replacementOn(line);
        if (replacing !== undefined) this.facts.replacing.add(replacing);
      }
    }
    const last = this.lastFound;
    if (last === undefined || i - last.at > CONTEXT_WINDOW || !line.includes("aws_")) return;
    // Only the lines Terraform prints under an error (`with aws_x.y,`, `on main.tf line 1, in resource "aws_x"`).
    if (!/^(?:[│|]\s*)?(?:with |on \S+ line \d+, in resource )/.test(line)) return;
    const tf = terraformTypeOn(line);
    const type = tf === undefined ? undefined : tokenOfTerraformType(tf);
    // Terraform names the exact resource type (`aws_ses_configuration_set`, SES v1, not v2): it wins
    // over the type the AWS code suggests, unless a Pulumi heading set it.
    if (type !== undefined)
      for (const d of last.drafts) if (d.resource.logicalName === undefined) d.resource.type = type;
  }

  private setApp(v: string, rank: number): void {
    if (rank > this.appRank) [this.facts.app, this.appRank] = [v, rank];
  }

  private setStage(v: string, rank: number): void {
    if (rank > this.stageRank) [this.facts.stage, this.stageRank] = [v, rank];
  }

  /** How the command ended. */
  private noteEnding(line: string, i: number): void {
    if (this.failureAt === undefined && P.FAILURE.test(line)) this.failureAt = i;
    if (
      this.completedAt === undefined &&
      (line.startsWith("✓") || line.startsWith("Duration:")) &&
      P.COMPLETED.test(line)
    ) {
      this.completedAt = i;
    }
  }

  /** What the log says about itself: tool, app, stage (the more specific sighting wins). */
  private noteSelf(line: string): void {
    const facts = this.facts;
    if (line.startsWith("SST ") && P.SST_READY.test(line)) {
      facts.tool = "sst";
      this.pulumiSeen = true;
    }
    if (facts.tool === undefined && (line.includes("sst ") || line.includes("pulumi "))) {
      const m = P.TOOL_COMMAND.exec(line);
      if (m !== null) facts.tool = m[1] as "sst" | "pulumi";
    }
    if (line.includes("App:")) {
      const m = P.SST_APP.exec(line);
      if (m !== null) {
        facts.tool = "sst";
        this.setApp(m[1]!, 3);
      }
    }
    if (line.startsWith("Stage:")) {
      const m = P.SST_STAGE.exec(line);
      if (m !== null) this.setStage(m[1]!, 3);
    }
    if (line.includes("--stage")) {
      const m = P.STAGE_FLAG.exec(line);
      if (m !== null) this.setStage(m[1]!, 1);
    }
    if (line.includes("--stack") || line.includes(" -s ")) {
      const m = P.STACK_FLAG.exec(line);
      if (m !== null) this.setStage(lastSegment(m[1]!), 1);
    }
    this.notePulumiSelf(line);
  }

  private notePulumiSelf(line: string): void {
    if (line.endsWith(":") || line.includes("(")) {
      const m = P.PULUMI_HEADER.exec(line);
      if (m !== null) {
        this.facts.tool ??= "pulumi";
        this.pulumiSeen = true;
        this.setStage(lastSegment(m[1]!), 2);
      }
    }
    if (line === "Diagnostics:") {
      this.facts.tool ??= "pulumi";
      this.pulumiSeen = true;
    }
    for (const [literal, re] of [
      ["app.pulumi.com/", P.PULUMI_CONSOLE],
      [".pulumi/locks/", P.LOCK_PATH_PARTS],
    ] as const) {
      if (!line.includes(literal)) continue;
      const m = re.exec(line);
      if (m !== null) {
        this.setApp(m[1]!, 2);
        this.setStage(m[2]!, 2);
      }
    }
  }

  /** URNs: a pending operation (true: nothing more on this line), or the resource the next error is about. */
  private noteUrns(line: string, i: number): boolean {
    const urns = urnsIn(line);
    const first = urns[0] === undefined ? undefined : parseUrn(urns[0]);
    if (first !== undefined) this.pulumiSeen = true;
    if (first !== undefined) {
      this.setStage(first.stage, 3);
      this.setApp(first.app, 3);
    }
    const p = line.includes("interrupted while") ? P.PENDING_URN.exec(line) : null; // i18n-exempt: log text
    const urn = p === null ? undefined : urns.find((u) => p[1]!.startsWith(u));
    const parsed = urn === undefined ? undefined : parseUrn(urn);
    if (p !== null && urn !== undefined && parsed !== undefined) {
      this.pendingFound = true;
      this.facts.pending.set(urn, urn);
      this.facts.pending.set(`${parsed.type}|${parsed.name}`, urn);
      this.drafts.push({
        kind: "pending-operations",
        resource: { type: parsed.type, urn, logicalName: parsed.name },
        at: [i],
        operation: p[2]!,
      });
      return true;
    }
    if (first !== undefined) {
      // `error: <urn>: …` under Pulumi's `type (name):` heading adds the URN to that heading.
      const ctx = this.ctx;
      const same =
        ctx !== undefined &&
        i - ctx.at <= CONTEXT_WINDOW &&
        ctx.logicalName === first.name &&
        (ctx.type === undefined || sameType(ctx.type, first.type));
      if (same) ctx.urn = urns[0];
      else this.ctx = { at: i, type: first.type, logicalName: first.name, urn: urns[0] };
    }
    return false;
  }

  /** Resource headings: SST's progress and summary, Pulumi's Diagnostics, the provider's "creating X (name)". */
  private noteHeadings(line: string, i: number, next: string | undefined): void {
    const sst = P.SST_RESOURCE.exec(line);
    if (sst !== null) {
      this.pulumiSeen = true;
      this.ctx = { at: i, type: fullType(sst[2]!), logicalName: sst[1]! };
    } else if (line.endsWith("):")) {
      const m = P.PULUMI_RESOURCE.exec(line);
      if (m !== null) {
        this.pulumiSeen = true;
        this.ctx = { at: i, type: fullType(m[1]!), logicalName: m[2]! };
      }
    }
    if (!line.includes("reating ") && !line.includes("pdating ")) return;
    const m = P.CREATING.exec(line);
    if (m === null) return;
    let name = m[2]!;
    if (m[3] === undefined && m.index + m[0].length === line.length) {
      // `(…` cut at the end of a wrapped line: the rest and the `)` start the next one.
      const rest = next === undefined ? null : /^([^()\s]*)\)/.exec(next);
      name = rest === null ? "" : name + rest[1]!;
    } else if (m[3] === undefined) {
      name = "";
    }
    if (name !== "") this.creating = { at: i, type: typeOfWording(m[1]!), name };
  }

  private near<X extends { at: number }>(x: X | undefined, i: number): X | undefined {
    return x !== undefined && i - x.at <= CONTEXT_WINDOW ? x : undefined;
  }

  /** The heading and the "creating" line near line `i` (the latter only below the heading it belongs to). */
  private around(i: number): { c: Context | undefined; cr: Creating | undefined } {
    const c = this.near(this.ctx, i);
    const cr =
      c !== undefined && this.creating !== undefined && this.creating.at < c.at
        ? undefined
        : this.near(this.creating, i);
    return { c, cr };
  }

  /** A line worth a closer look: the first problem it shows, in order of precedence. */
  private recognise(raw: string, line: string, i: number, next: string | undefined): void {
    // Passphrase before integrity: "could not deserialize deployment: … failed to decrypt".
    if (P.SECRETS.test(line)) {
      const secrets = P.SECRETS_MISSING.test(line)
        ? "missing"
        : P.SECRETS_WRONG.test(line)
          ? "wrong"
          : "provider";
      this.drafts.push({ kind: "passphrase", resource: {}, at: [i], secrets });
      return;
    }
    const found = alreadyExistsOn(raw, line, i, next);
    if (found.length > 0) return this.placeAlreadyExists(found, i);
    if (P.SST_LOCK.test(line) || P.PULUMI_LOCK.test(line) || P.CLOUD_LOCK.test(line)) {
      return this.noteLock(line, i, next);
    }
    if (P.INTEGRITY.test(line)) {
      this.drafts.push(integrityDraft(line, i));
      return;
    }
    // Pending operations: the URNs below the header are read with the other URNs.
    if (P.PENDING_HEADER.test(line)) {
      this.pendingHeader ??= i;
      return;
    }
    const noStack = line.includes("no stack named") ? P.NO_STACK.exec(line) : null; // i18n-exempt: log text
    if (noStack !== null) {
      this.setStage(lastSegment(noStack[1]!), 2);
      this.drafts.push({ kind: "stage-not-found", resource: {}, at: [i], notFoundBy: "pulumi" });
      return;
    }
    if (P.SST_NO_STAGE.test(line)) {
      this.drafts.push({ kind: "stage-not-found", resource: {}, at: [i], notFoundBy: "sst" });
      return;
    }
    this.noteRegion(line, i);
  }

  /** The heading above names the resource when it is of the same kind (or the error names none). */
  private placeAlreadyExists(found: Draft[], i: number): void {
    const { c, cr } = this.around(i);
    for (const d of found) this.drafts.push(placeDraft(d, c, cr));
    this.lastFound = { at: i, drafts: found };
  }

  private noteLock(line: string, i: number, next: string | undefined): void {
    const d = lockDraft(line, i, next);
    if (d.lockBy === "sst") this.facts.tool ??= "sst";
    this.drafts.push(d);
  }

  private noteRegion(line: string, i: number): void {
    const region = recogniseRegion(line, i);
    if (region === undefined) return;
    const { c, cr } = this.around(i);
    const bucket = P.BUCKET_NAME.exec(line);
    const name = bucket?.[1] ?? bucket?.[2] ?? (cr !== undefined ? cr.name : undefined);
    if (name !== undefined) region.resource.name = name;
    if (cr !== undefined && cr.type !== undefined) region.resource.type = cr.type;
    if (c !== undefined) {
      region.at.unshift(c.at);
      if (c.type !== undefined) region.resource.type = c.type;
      if (c.logicalName !== undefined) region.resource.logicalName = c.logicalName;
      if (c.urn !== undefined) region.resource.urn = c.urn;
    }
    this.drafts.push(region);
  }
}

export function explainLog(text: string): ExplainResult {
  const clean = text.includes("\x1b") ? text.replace(P.ANSI, "") : text;
  // A log without a carriage return splits on "\n" alone: the same lines, without a pattern.
  const lines = clean === "" ? [] : clean.includes("\r") ? clean.split(P.LINE_BREAK) : clean.split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const reader = new LogReader(lines);
  reader.read();
  const { facts, failureAt, completedAt } = reader;

  const merged = dedupe(reader.drafts);
  const problems = adviseAll(merged, facts).map((p, n) => {
    const d = merged[n]!;
    const at = [...new Set(d.at)].sort((a, b) => a - b).slice(0, 3);
    return { ...p, excerpt: at.map((k) => clip(lines[k]!.trim())).join("\n"), line: at[0]! + 1 };
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
  if (facts.foreign !== undefined) {
    result.tool = facts.foreign.tool;
    result.toolLabel = facts.foreign.label;
  } else if (facts.tool !== undefined) result.tool = facts.tool;
  if (facts.app !== undefined) result.app = facts.app;
  if (facts.stage !== undefined) result.stage = facts.stage;
  return result;
}

function clip(s: string): string {
  return s.length <= EXCERPT_MAX ? s : `${s.slice(0, EXCERPT_MAX - 1)}…`;
}
