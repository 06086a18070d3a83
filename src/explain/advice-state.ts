/**
 * The words for problems with the state itself: an integrity failure (what the state lacks, and the
 * command that fixes that — `state repair` only where repair does: it leaves provider references to a
 * person, src/state/repair.ts) and pending operations (an interrupted create is not an interrupted
 * update or delete).
 */
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
      cause:
        "The state breaks Pulumi's own rules (a resource refers to a missing parent or dependency, or resources are out of order), so Pulumi refuses to use it; usually a write cut short or a hand edit.",
      fix: [
        `stateward state verify ${w.flags}`,
        `stateward state repair ${w.flags} --dry-run`,
        `stateward state repair ${w.flags}`,
        `# or go back to the last good version: stateward history restore previous ${w.flags} --dry-run`,
      ],
    };
  }
  const provider = parseUrn(r.provider);
  const who = r.urn === undefined ? "A resource" : r.urn;
  const cause: Cause = {
    id: "unknown-provider",
    rule: "integrity",
    cause: `${who} refers to the provider ${r.provider}${provider === undefined ? "" : ` (${provider.type} ${provider.name})`}, which is not in the state, so Pulumi refuses the whole state. Usually an update cut short (or run with --continue-on-error) wrote the resource but not its provider. \`state repair\` does not fix this: it never guesses a provider, since that decides the account and region a resource belongs to.`,
    tell: "`stateward state verify` lists it as unknown-provider; `stateward history list` shows whether an earlier version still holds that provider",
    fix: [
      `stateward state verify ${w.flags}`,
      `stateward history list ${w.flags}`,
      `# if an earlier version holds the provider: stateward history restore <version> ${w.flags} --dry-run (then without --dry-run)`,
      ...(r.urn === undefined
        ? []
        : [
            `# else remove the entry (the cloud resource stays; the next deploy adopts or recreates it): stateward forget ${quote(r.urn)} ${w.flags} --dry-run — or sst state remove / pulumi state delete`,
          ]),
    ],
  };
  return { rule: "integrity", cause: cause.cause, fix: cause.fix, causes: [cause] };
}

const OPERATION: Readonly<Record<string, string>> = {
  updating: "update",
  deleting: "delete",
  reading: "read",
  importing: "import",
};

/** A pending operation: a create (AWS may have the resource) or an interrupted update/delete. */
export function pendingAdvice(d: Draft, w: StageWords): Words {
  const r = d.resource;
  const what =
    r.logicalName === undefined
      ? "a resource"
      : `${r.logicalName}${r.type === undefined ? "" : ` (${r.type})`}`;
  const doctor = `stateward doctor ${w.flags}`;
  if (d.operation === undefined || d.operation === "creating") {
    const cause: Cause = {
      id: "pending-create",
      rule: "pending-create",
      cause: `A deploy was interrupted while creating ${what}: AWS may have created it, but the state only records an unfinished operation, so the next deploy fails or creates it twice.`,
      tell: "doctor looks the resource up: found in AWS → adopt it; not found → clear the pending create",
      fix: [
        doctor,
        r.urn === undefined
          ? "# doctor tells whether AWS created it: adopt it if it did, clear the pending operation if it did not"
          : `# if doctor finds it in AWS, adopt it (stateward adopt ${quote(r.type ?? "<type>")} <id> --urn ${quote(r.urn)} ${w.flags}); if not, clear it: stateward forget --pending ${quote(r.urn)} ${w.flags}`,
      ],
    };
    return { rule: "pending-create", cause: cause.cause, fix: cause.fix, causes: [cause] };
  }
  const op = OPERATION[d.operation] ?? d.operation;
  const cause: Cause = {
    id: "interrupted-update",
    rule: "pending-operation",
    cause: `A deploy was interrupted while ${d.operation} ${what} (an interrupted ${op}, not a create): the resource is still in the state and in AWS, perhaps half ${op === "delete" ? "deleted" : "changed"}; the state records the unfinished operation and Pulumi stops on it until it is cleared.`,
    tell: `the operation is \`${d.operation}\`; nothing needs adopting`,
    fix: [
      doctor,
      r.urn === undefined
        ? `# clear the interrupted ${op} (stateward forget --pending <urn> ${w.flags}), then refresh ${w.stageWords} (sst refresh / pulumi refresh) so the state reads the resource as it is now`
        : `stateward forget --pending ${quote(r.urn)} ${w.flags}`,
      `# then refresh ${w.stageWords} (sst refresh / pulumi refresh) so the state reads it as it is now, and deploy again`,
    ],
  };
  return { rule: "pending-operation", cause: cause.cause, fix: cause.fix, causes: [cause] };
}
