/**
 * The words for problems with the state itself: an integrity failure (what the state lacks, and the
 * command that fixes that — `state repair` only where repair does: it leaves provider references to a
 * person, src/state/repair.ts) and pending operations (an interrupted create is not an interrupted
 * update or delete).
 */
import { t } from "../i18n/index.js";
import { parseUrn, quote } from "./resources.js";
import type { Cause, Draft, Problem } from "./types.js";

export interface StageWords {
  /** `[--app <app>] --stage <stage>` */
  flags: string;
  stageWords: string;
}

type Words = Pick<Problem, "rule" | "cause" | "fix" | "causes">;

/** An integrity failure: a provider the state lacks is named, and repaired by what can repair it. */
export function integrityAdvice(d: Draft, w: StageWords): Words {
  const r = d.resource;
  if (d.violation !== "unknown-provider" || r.provider === undefined) {
    return {
      rule: "integrity",
      cause: t("explain.integrity.cause"),
      fix: [
        `stateward state verify ${w.flags}`,
        `stateward state repair ${w.flags} --dry-run`,
        `stateward state repair ${w.flags}`,
        t("explain.integrity.fix-restore", {
          command: `stateward history restore previous ${w.flags} --dry-run`,
        }),
      ],
    };
  }
  const provider = parseUrn(r.provider);
  const named = provider === undefined ? r.provider : `${r.provider} (${provider.type} ${provider.name})`;
  const cause: Cause = {
    id: "unknown-provider",
    rule: "integrity",
    cause:
      r.urn === undefined
        ? t("explain.integrity.unknown-provider-any", { provider: named })
        : t("explain.integrity.unknown-provider", { urn: r.urn, provider: named }),
    tell: t("explain.integrity.unknown-provider-tell"),
    fix: [
      `stateward state verify ${w.flags}`,
      `stateward history list ${w.flags}`,
      t("explain.integrity.fix-earlier", {
        command: `stateward history restore <version> ${w.flags} --dry-run`,
      }),
      ...(r.urn === undefined
        ? []
        : [
            t("explain.integrity.fix-forget", {
              command: `stateward forget ${quote(r.urn)} ${w.flags} --dry-run`,
            }),
          ]),
    ],
  };
  return { rule: "integrity", cause: cause.cause, fix: cause.fix, causes: [cause] };
}

/** The operation a pending `…ing` names, in words (the catalog ids). */
const OPERATION: Readonly<Record<string, `explain.pending.op.${"update" | "delete" | "read" | "import"}`>> = {
  updating: "explain.pending.op.update",
  deleting: "explain.pending.op.delete",
  reading: "explain.pending.op.read",
  importing: "explain.pending.op.import",
};

/** A pending operation: a create (AWS may have the resource) or an interrupted update/delete. */
export function pendingAdvice(d: Draft, w: StageWords): Words {
  const r = d.resource;
  const what =
    r.logicalName === undefined
      ? t("explain.pending.what")
      : r.type === undefined
        ? r.logicalName
        : t("explain.pending.what-typed", { logical: r.logicalName, type: r.type });
  const doctor = `stateward doctor ${w.flags}`;
  if (d.operation === undefined || d.operation === "creating") {
    const cause: Cause = {
      id: "pending-create",
      rule: "pending-create",
      cause: t("explain.pending.create-cause", { what }),
      tell: t("explain.pending.create-tell"),
      fix: [
        doctor,
        r.urn === undefined
          ? t("explain.pending.create-fix")
          : t("explain.pending.create-fix-urn", {
              adopt: `stateward adopt ${quote(r.type ?? "<type>")} <id> --urn ${quote(r.urn)} ${w.flags}`,
              forget: `stateward forget --pending ${quote(r.urn)} ${w.flags}`,
            }),
      ],
    };
    return { rule: "pending-create", cause: cause.cause, fix: cause.fix, causes: [cause] };
  }
  const opId = OPERATION[d.operation];
  const op = opId === undefined ? d.operation : t(opId);
  const operation = d.operation;
  const cause: Cause = {
    id: "interrupted-update",
    rule: "pending-operation",
    cause:
      d.operation === "deleting"
        ? t("explain.pending.interrupted-cause-delete", { operation, what, op })
        : t("explain.pending.interrupted-cause", { operation, what, op }),
    tell: t("explain.pending.interrupted-tell", { operation }),
    fix: [
      doctor,
      r.urn === undefined
        ? t("explain.pending.interrupted-fix", {
            op,
            command: `stateward forget --pending <urn> ${w.flags}`,
            stage: w.stageWords,
          })
        : `stateward forget --pending ${quote(r.urn)} ${w.flags}`,
      t("explain.pending.interrupted-fix-refresh", { stage: w.stageWords }),
    ],
  };
  return { rule: "pending-operation", cause: cause.cause, fix: cause.fix, causes: [cause] };
}
