/**
 * The advice for logs of other tools. stateward repairs Pulumi / SST v3 state; a CloudFormation stack
 * (SST v1/v2, CDK, SAM, Serverless) or a Terraform state is fixed with that tool's own commands, so
 * each cause keeps its explanation and gets the fix that applies there.
 */
import { t, type MessageId, sentences } from "../i18n/index.js";
import { quote } from "./resources.js";
import type { Cause, Draft } from "./types.js";

export interface Foreign {
  tool: "cloudformation" | "terraform";
  label: string;
}

function cfnFix(c: Cause, d: Draft): string[] {
  const name = d.resource.name ?? "<name>";
  const logical = d.resource.logicalName ?? t("explain.what.resource");
  switch (c.id) {
    case "duplicate-in-program":
      return [
        d.resource.stack === undefined
          ? t("explain.foreign.cfn-duplicate", { name })
          : t("explain.foreign.cfn-duplicate-stack", { stack: d.resource.stack, name }),
      ];
    case "replacement":
      return [t("explain.foreign.cfn-replacement")];
    case "scheduled-for-deletion":
      return c.fix;
    default:
      return [
        t("explain.foreign.cfn-find", { name }),
        t("explain.foreign.cfn-keep"),
        t("explain.foreign.cfn-delete", { name }),
        t("explain.foreign.cfn-rename", { logical }),
      ];
  }
}

function tfFix(c: Cause, d: Draft): string[] {
  const name = d.resource.name ?? "<id>";
  switch (c.id) {
    case "duplicate-in-program":
      return [t("explain.foreign.tf-duplicate", { name })];
    case "replacement":
      return [
        t("explain.foreign.tf-replacement", { lifecycle: "lifecycle { create_before_destroy = false }" }),
      ];
    case "scheduled-for-deletion":
      return c.fix;
    default:
      return [
        // i18n-exempt: a command to paste (terraform import)
        t("explain.foreign.tf-keep", { command: `terraform import <resource address> ${quote(name)}` }),
        t("explain.foreign.tf-delete", { name }),
      ];
  }
}

/** How to tell the causes apart with that tool's own view (not SST's tags or stateward's checks). */
const TELL: Record<
  Foreign["tool"],
  Partial<Record<Cause["id"], Extract<MessageId, `explain.foreign.${string}-tell-${string}`>>>
> = {
  cloudformation: {
    "other-stage": "explain.foreign.cfn-tell-other-stage",
    leftover: "explain.foreign.cfn-tell-leftover",
    "retained-leftover": "explain.foreign.cfn-tell-retained",
  },
  terraform: {
    "other-stage": "explain.foreign.tf-tell-other-stage",
    leftover: "explain.foreign.tf-tell-leftover",
  },
};

/** One cause as it applies to another tool's log: its words, that tool's fix. */
export function forTool(c: Cause, d: Draft, foreign: Foreign): Cause {
  const note = t("explain.foreign.note", { tool: foreign.label });
  const fix = foreign.tool === "cloudformation" ? cfnFix(c, d) : tfFix(c, d);
  const { rule: _rule, ...rest } = c;
  const tell = TELL[foreign.tool][c.id];
  return { ...rest, cause: sentences(c.cause, note), tell: tell === undefined ? c.tell : t(tell), fix };
}
