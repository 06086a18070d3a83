/**
 * The advice for logs of other tools. stateward repairs Pulumi / SST v3 state; a CloudFormation stack
 * (SST v1/v2, CDK, SAM, Serverless) or a Terraform state is fixed with that tool's own commands, so
 * each cause keeps its explanation and gets the fix that applies there.
 */
import { quote } from "./resources.js";
import type { Cause, Draft } from "./types.js";

export interface Foreign {
  tool: "cloudformation" | "terraform";
  label: string;
}

function cfnFix(c: Cause, d: Draft): string[] {
  const name = d.resource.name ?? "<name>";
  const logical = d.resource.logicalName ?? "the resource";
  const keep = `# keep it: import it into the stack (CloudFormation resource import; \`cdk import\` for CDK, SST v2 and SAM apps), then deploy again`;
  const rename = `# or give ${logical} another name (or let CloudFormation generate one) and deploy again`;
  switch (c.id) {
    case "duplicate-in-program":
      return [
        d.resource.stack === undefined
          ? `# two resources of the app ask for ${name}: give each its own name`
          : `# the stack ${d.resource.stack} holds ${name}: if it is another stack of this app, move the resource there or rename one of them; if it is this stack, two resources in it ask for the same name`,
      ];
    case "replacement":
      return [
        `# a replacement with a fixed name cannot be created before the old one is deleted: rename it, or remove it in one deploy and add it back in the next`,
      ];
    case "scheduled-for-deletion":
      return c.fix;
    default:
      return [
        `# find who holds ${name}: a stack with DeletionPolicy/RemovalPolicy Retain, a stack that was deleted or rolled back, another stage, or a hand-made one`,
        keep,
        `# or delete ${name} in AWS if nothing in it is needed`,
        rename,
      ];
  }
}

function tfFix(c: Cause, d: Draft): string[] {
  const name = d.resource.name ?? "<id>";
  switch (c.id) {
    case "duplicate-in-program":
      return [
        `# two resources of the configuration ask for ${name}: give each its own name (name_prefix, or a variable per resource)`,
      ];
    case "replacement":
      return [
        `# a replacement with a fixed name: add lifecycle { create_before_destroy = false } or let Terraform name it (name_prefix)`,
      ];
    case "scheduled-for-deletion":
      return c.fix;
    default:
      return [
        `# keep it: terraform import <resource address> ${quote(name)} (or an import block), then apply again`,
        `# or delete ${name} in AWS if nothing in it is needed, or give the resource another name (name_prefix, the workspace or environment in it)`,
      ];
  }
}

/** How to tell the causes apart with that tool's own view (not SST's tags or stateward's checks). */
const TELL: Record<Foreign["tool"], Partial<Record<Cause["id"], string>>> = {
  cloudformation: {
    "other-stage":
      "the resource's aws:cloudformation:stack-name tag names another stack (another stage or app)",
    leftover:
      "no stack lists it (`aws cloudformation describe-stack-resources`), and it carries an old stack's tags or was made by hand",
    "retained-leftover": "a deleted or rolled-back stack kept it with DeletionPolicy / RemovalPolicy Retain",
  },
  terraform: {
    "other-stage": "another workspace's or configuration's state lists it (`terraform state list` there)",
    leftover:
      "no state lists it: an apply that failed half way, a destroy that did not finish, or one made by hand",
  },
};

/** One cause as it applies to another tool's log: its words, that tool's fix. */
export function forTool(c: Cause, d: Draft, foreign: Foreign): Cause {
  const note = `This is a ${foreign.label} log: stateward repairs Pulumi and SST v3 state, not this one.`;
  const fix = foreign.tool === "cloudformation" ? cfnFix(c, d) : tfFix(c, d);
  const { rule: _rule, ...rest } = c;
  return { ...rest, cause: `${c.cause} ${note}`, tell: TELL[foreign.tool][c.id] ?? c.tell, fix };
}
