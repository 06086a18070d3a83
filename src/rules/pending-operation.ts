/**
 * `pending-operation`: a pending operation in the state that no cloud lookup settled — a resource type
 * stateward does not check, a resource it could not identify, or an update or delete that was
 * interrupted. Pulumi stops on every pending operation, so each is a blocker whether or not stateward
 * could check it; a state with one is never "no problems".
 */
import { t, items } from "../i18n/index.js";
import { kindForEntry } from "../kinds/registry.js";
import { GLOBAL, isGlobalResource } from "../kinds/global.js";
import { parseUrn, type PendingOperationV2 } from "../state/index.js";
import {
  quote,
  stageFlags,
  type Finding,
  type FindingResource,
  type Rule,
  type StageFacts,
} from "./types.js";
import { noRemedy } from "./remedy.js";

/** The pending operations of the stage that pending-create and name-taken do not already report. */
export function unsettledPending(facts: StageFacts): PendingOperationV2[] {
  const settled = new Set(
    (facts.inventory?.entries ?? []).filter((e) => e.pending !== undefined).map((e) => e.urn),
  );
  return (facts.deployment?.pending_operations ?? []).filter((op) => !settled.has(op.resource?.urn));
}

function resourceOfOp(op: PendingOperationV2, region: string): FindingResource {
  const r = op.resource;
  const urn = typeof r?.urn === "string" ? r.urn : undefined;
  const named = [r?.outputs?.name, r?.inputs?.name, r?.id].find((v) => typeof v === "string" && v !== "");
  // i18n-exempt: a finding resource's type field (JSON), a placeholder for a token, not a sentence
  const type = typeof r?.type === "string" ? r.type : (parseUrn(urn ?? "")?.type ?? "(unknown type)");
  const resource: FindingResource = {
    type,
    name: (named as string | undefined) ?? parseUrn(urn ?? "")?.name ?? "",
    region: kindForEntry({ type, urn })?.global === true || isGlobalResource({ type }) ? GLOBAL : region,
  };
  if (urn !== undefined) resource.urn = urn;
  return resource;
}

export const pendingOperation: Rule = {
  id: "pending-operation",
  run(input) {
    const findings: Finding[] = [];
    for (const facts of input.stages) {
      const ops = unsettledPending(facts);
      if (ops.length === 0) continue;
      const region = facts.providerRegion ?? input.homeRegion;
      const resources = ops.map((op) => resourceOfOp(op, region));
      const unchecked = [
        ...new Set(resources.filter((r) => kindForEntry(r) === undefined).map((r) => r.type)),
      ];
      const urns = resources.flatMap((r) => (r.urn === undefined ? [] : [r.urn]));
      const creating = ops.some((op) => op.type === "creating");
      findings.push({
        rule: "pending-operation",
        severity: "blocker",
        app: input.app,
        stage: facts.stage,
        resources,
        evidence: ops
          .map((op, i) => {
            const r = resources[i]!;
            const why =
              kindForEntry(r) === undefined
                ? t("rules.pending-operation.why.unchecked-type", { type: r.type })
                : t("rules.pending-operation.why.unmatched");
            return t("rules.pending-operation.evidence.item", { op: op.type, what: r.urn ?? r.name, why });
          })
          .join("; "),
        cause:
          ops.length === 1
            ? t("rules.pending-operation.cause.one")
            : t("rules.pending-operation.cause.other"),
        fix: [
          t("rules.pending-operation.fix.check", {
            subject:
              resources.length === 1
                ? t("rules.pending-operation.fix.it-exists")
                : t("rules.pending-operation.fix.each-exists"),
            unchecked:
              unchecked.length === 0
                ? ""
                : t("rules.pending-operation.fix.unchecked", { types: items(unchecked) }),
            created: creating ? t("rules.pending-operation.fix.created") : "",
          }),
          ...(urns.length === 0
            ? []
            : [
                `stateward forget --pending ${urns.map(quote).join(" ")} ${stageFlags(input.app, facts.stage)}`,
              ]),
        ],
      });
    }
    return findings;
  },
  // Whether AWS finished the operation is unknown: a person checks the cloud before anything is cleared.
  remedies: noRemedy,
};
