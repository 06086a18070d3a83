/**
 * The score on real failure logs: for each log of test/fixtures/already-exists and
 * test/fixtures/explain (texts pasted into public SST, Pulumi, Terraform and CloudFormation threads),
 * does explain name the resource (type and name) and the cause our reading of the thread gives
 * (`corpus.labels.ts`, written before explain ran on them)? The share is printed with every miss;
 * at least 90% must be named right.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { explainLog, type ExplainResult, type Problem } from "../../src/explain/recognise.js";
import { sameType } from "../../src/kinds/registry.js";
import { LABELS, type CauseId, type Label } from "./corpus.labels.js";

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures");

/** The labels' cause words → the causes explain may give for them. */
const SAME_CAUSE: Record<CauseId, readonly string[]> = {
  replacement: ["replacement"],
  "duplicate-in-program": ["duplicate-in-program"],
  leftover: ["leftover", "retained-leftover", "pending-create"],
  "other-stage": ["other-stage"],
  "taken-elsewhere": ["taken-elsewhere"],
  "scheduled-for-deletion": ["scheduled-for-deletion"],
  "pending-create": ["pending-create"],
  "interrupted-update": ["interrupted-update"],
  "unknown-provider": ["unknown-provider"],
};

/** Without evidence in the log, the thread's cause must be among the first three explain lists. */
const LISTED_WITHIN = 3;

function misses(label: Label, r: ExplainResult): string[] {
  const kind = label.kind ?? "already-exists";
  const p: Problem | undefined = r.problems.find((x) => x.kind === kind);
  if (p === undefined)
    return [`no ${kind} problem (found: ${r.problems.map((x) => x.kind).join(", ") || "none"})`];
  const out: string[] = [];
  const t = p.resource?.type;
  if (label.types !== undefined && !label.types.some((l) => t !== undefined && (t === l || sameType(t, l)))) {
    out.push(`type ${t ?? "(none)"}, expected ${label.types.join(" | ")}`);
  }
  const named = [p.resource?.name, p.resource?.provider].filter((x) => x !== undefined);
  if (label.names !== undefined && !label.names.some((n) => named.includes(n))) {
    out.push(`name ${named.join(", ") || "(none)"}, expected ${label.names.join(" | ")}`);
  }
  if (label.cause !== undefined) {
    const ids = (p.causes ?? []).map((c) => c.id);
    const ok = SAME_CAUSE[label.cause];
    const hit =
      label.evidence === true
        ? ok.includes(ids[0] ?? "")
        : ids.slice(0, LISTED_WITHIN).some((id) => ok.includes(id));
    if (!hit)
      out.push(
        `cause ${ids.join(" > ") || "(none)"}, expected ${label.cause}${label.evidence === true ? " first" : ""}`,
      );
  }
  if (label.tool !== undefined && r.tool !== label.tool)
    out.push(`tool ${r.tool ?? "(none)"}, expected ${label.tool}`);
  return out;
}

describe("explain on real failure logs", () => {
  const results = LABELS.map((label) => {
    const r = explainLog(readFileSync(path.join(FIXTURES, label.file), "utf8"));
    return { label, r, misses: misses(label, r) };
  });

  it(`names the resource and cause right in at least 90% of ${LABELS.length} logs`, () => {
    const right = results.filter((x) => x.misses.length === 0).length;
    const share = right / results.length;
    const lines = results
      .filter((x) => x.misses.length > 0)
      .map((x) => `  miss ${x.label.file}: ${x.misses.join("; ")}`);
    console.log(
      [
        `explain named ${right} of ${results.length} real logs right (${(share * 100).toFixed(1)}%)`,
        ...lines,
      ].join("\n"),
    );
    expect(LABELS.length).toBeGreaterThanOrEqual(30);
    expect(share).toBeGreaterThanOrEqual(0.9);
  });

  it("never advises state repair for a provider the state lacks, and names the provider", () => {
    for (const { label, r } of results.filter((x) => x.label.cause === "unknown-provider")) {
      const p = r.problems.find((x) => x.kind === "integrity")!;
      expect(p.fix.join("\n"), label.file).not.toMatch(/^stateward state repair/m);
      expect(p.cause, label.file).toContain(p.resource!.provider!);
      expect(p.fix.join("\n"), label.file).toMatch(/stateward forget|history restore/);
    }
  });

  it("names the other tool, and gives that tool's fix instead of stateward's", () => {
    for (const { label, r } of results.filter((x) => x.label.tool !== undefined)) {
      if (r.tool !== label.tool) continue; // counted as a miss above
      expect(r.toolLabel, label.file).toMatch(label.tool === "terraform" ? /Terraform/ : /CloudFormation/);
      for (const p of r.problems.filter((x) => x.kind === "already-exists")) {
        expect(p.fix.join("\n"), label.file).not.toMatch(/^stateward /m);
        expect(p.cause, label.file).toContain(`This is a ${r.toolLabel} log`);
      }
    }
  });
});
