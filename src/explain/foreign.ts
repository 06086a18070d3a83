/**
 * Logs from tools other than SST v3 / Pulumi — CloudFormation (SST v1/v2, CDK, SAM, the Serverless
 * Framework) and Terraform — and the "already exists" forms they (and older Pulumi versions) print:
 * which tool it is, and which resource (type and name) the error is about. Types come from the kinds
 * (`cfnType`, `types`) and the long-tail table (src/kinds/cloudformation-types.ts); nothing here lists
 * types of its own. Pure.
 */
import { t } from "../i18n/index.js";
import { longTail } from "../kinds/cloudformation-types.js";
import { KINDS } from "../kinds/registry.js";
import { once } from "../util/once.js";

export type ForeignTool = "cloudformation" | "terraform";

/** What a line says about the tool that printed the log. */
export interface ToolSighting {
  tool: ForeignTool;
  /** In words, for the report: "CloudFormation (Serverless Framework)". */
  label?: string;
}

const CFN_LINE =
  /\b(?:CREATE|UPDATE|DELETE|ROLLBACK|UPDATE_ROLLBACK)_(?:FAILED|IN_PROGRESS|COMPLETE)\b|HandlerErrorCode: |Resource handler returned message|\bAWS::[A-Za-z0-9]+::[A-Za-z0-9]+\b|arn:aws:cloudformation:|The stack named \S+ failed|; Proxy: null\)/;
const SERVERLESS = /Serverless Error|ServerlessError|^Serverless: /;
const SST_CLASSIC = /Preparing your SST app|Deploying stacks|^Stack \S+-\w+Stack$|\bsst deploy\b/;
const CDK = /\bcdk (?:deploy|synth)\b|CDKToolkit|\baws-cdk\b/;
const TERRAFORM_LINE =
  /^aws_\w+\.\S+: (?:Creating|Modifying|Destroying|Still creating|Creation complete)|│ Error: |(?:^|[│|]\s*)with (?:module\.[\w-]+(?:\[[^\]]*\])?\.)*aws_\w+\.|\bin resource "aws_\w+"|^\*\s+(?:module\.\S+\.)?aws_\w+\.\S+: |terraform (?:apply|plan)|Error applying plan|provider\.aws\b|hashicorp\/aws|terraform-provider-aws/;

/** The tool a line shows, when it shows one other than SST v3 / Pulumi. */
export function foreignToolOn(line: string): ToolSighting | undefined {
  const tf =
    line.includes("aws_") ||
    line.includes("erraform") ||
    line.includes("provider.aws") ||
    line.includes("applying plan") || // i18n-exempt: log text
    line.includes("│ Error: ");
  if (tf && TERRAFORM_LINE.test(line))
    return { tool: "terraform", label: "Terraform (terraform-provider-aws)" };
  if (line.includes("erverless") && SERVERLESS.test(line))
    return { tool: "cloudformation", label: "CloudFormation (Serverless Framework)" }; // i18n-exempt: product name
  if ((line.includes("cdk") || line.includes("CDK")) && CDK.test(line))
    return { tool: "cloudformation", label: "CloudFormation (AWS CDK)" };
  const cfn =
    line.includes("_") ||
    line.includes("AWS::") ||
    line.includes("Handler") ||
    line.includes("cloudformation") ||
    line.includes("The stack named") || // i18n-exempt: log text
    line.includes("Proxy: null"); // i18n-exempt: log text
  if (cfn && CFN_LINE.test(line)) return { tool: "cloudformation" };
  return undefined;
}

/** The tool a log shows, in words: SST v1/v2 shows its own words next to CloudFormation's. */
export function foreignNamed(seen: ToolSighting, sstClassic: boolean): { tool: ForeignTool; label: string } {
  const cfn = sstClassic ? t("explain.foreign.sst-classic") : "CloudFormation (SST v2 / CDK / SAM)";
  return { tool: seen.tool, label: seen.label ?? (seen.tool === "cloudformation" ? cfn : "Terraform") };
}

/** SST v1/v2 deploys through CloudFormation: its own words, seen next to CloudFormation's. */
export function isSstClassic(line: string): boolean {
  return (line.includes("SST") || line.includes("sst") || line.includes("Stack")) && SST_CLASSIC.test(line);
}

/** The Pulumi token of a CloudFormation type, from the kinds and the long-tail table; the type itself else. */
export function tokenOfCfnType(cfnType: string): string {
  return (
    KINDS.find((k) => k.cfnType === cfnType)?.types[0] ??
    longTail().find((t) => t.cfnType === cfnType)?.token ??
    cfnType
  );
}

/** Tokens keyed by their service and type words run together (`aws:iam/role:Role`: `iamrole`), the first of each. */
function byWordsOf(tokens: readonly string[]): Map<string, string> {
  const table = new Map<string, string>();
  for (const token of tokens) {
    const m = /^aws:([\w-]+)\/\w+:(\w+)$/.exec(token);
    if (m !== null) {
      const key = `${m[1]}${m[2]}`.toLowerCase();
      if (!table.has(key)) table.set(key, token);
    }
  }
  return table;
}

// The kinds' tokens first, then the long tail's (made only when a kind's do not answer).
const kindsByWords = once(() => byWordsOf(KINDS.flatMap((k) => k.types)));
const longTailByWords = once(() => byWordsOf(longTail().map((t) => t.token)));

/** A token stateward knows (a kind's before the long tail's), by its service and type words run together. */
function byWords(key: string): string | undefined {
  return kindsByWords().get(key) ?? longTailByWords().get(key);
}

/** The Pulumi modules (`iam`, `ses`, …) of the tokens stateward knows. */
const modules = once(
  () =>
    new Set(
      [...kindsByWords().values(), ...longTailByWords().values()].map((t) => /^aws:([\w-]+)\//.exec(t)![1]!),
    ),
);

/**
 * `aws_iam_role` (Terraform) → `aws:iam/role:Role`: a token stateward knows, else the one pulumi-aws
 * derives the same way (module, then the rest in camel case) when the module is one it knows.
 */
export function tokenOfTerraformType(tfType: string): string | undefined {
  const m = /^aws_([a-z0-9]+)_(\w+)$/.exec(tfType);
  if (m === null) return undefined;
  // `aws_api_gateway_resource`: the service is two words in Terraform, one in Pulumi.
  const known = byWords(tfType.slice(4).replace(/_/g, ""));
  if (known !== undefined || !modules().has(m[1]!)) return known;
  const camel = m[2]!.replace(/_([a-z0-9])/g, (_x, c: string) => c.toUpperCase());
  return `aws:${m[1]}/${camel}:${camel.charAt(0).toUpperCase()}${camel.slice(1)}`;
}

/** The provider's words for a type (`IAM policy`, `IoT Topic Rule`) → its token, when stateward knows it. */
export function tokenOfWords(words: string): string | undefined {
  return byWords(words.toLowerCase().replace(/[^a-z0-9]/g, ""));
}

/** The Terraform resource type a line names (`with module.x.aws_iam_role.y`, `* aws_iam_role.y:`). */
export function terraformTypeOn(line: string): string | undefined {
  if (!line.includes("aws_")) return undefined;
  const block = /in resource "(aws_[a-z0-9_]{1,100})"/.exec(line);
  if (block !== null) return block[1];
  return /(?:^|[\s.*│|])(aws_[a-z0-9_]{1,100})\.[\w-]{1,200}(?:\[[^\]]{0,200}\])?(?:[,:]|$)/.exec(line)?.[1];
}

/** One "already exists" a foreign log (or an older Pulumi) words; `stack`: the CloudFormation stack that holds the name. */
export interface ForeignAlreadyExists {
  type?: string;
  name?: string;
  /** The CloudFormation logical id (the program's name for it). */
  logicalName?: string;
  stack?: string;
}

const CFN_RESOURCE_OF_TYPE =
  /Resource of type '(AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)' with identifier '(.{1,2048}?)' already exists/;
const CFN_EVENT =
  /(?:CREATE|UPDATE)_FAILED\s{0,20}\|?\s{0,20}(AWS::[A-Za-z0-9]{1,64}::[A-Za-z0-9]{1,64})\s{0,20}\|\s{0,20}([^\s|]{1,256})\s{0,20}\|?\s{0,20}(\S{1,1024})\s{1,20}already exists/;
const IN_STACK = /(\S{1,1024})\s{1,20}already exists in stack\s{1,20}(arn:aws:cloudformation:\S{1,1024})/;
const STACK_NAME = /:stack\/([^/\s]+)\//;
/** `Error creating IAM policy xxxx-policy: …` (pulumi-aws before 5, Terraform 0.11/0.12). */
const OLD_CREATING = /\b[Ee]rror creating ([A-Z][\w ]{1,60}?) ([^\s():]{1,1024}): /;
/** `error creating IoT Topic Rule (name): …`: the words and the name in parentheses. */
const CREATING_PARENS = /\b(?:[Ee]rror |failed )?creating ([A-Z][\w ]{1,60}?) \(([^()\s]{1,1024})\)/;

/** The name a CloudFormation identifier holds: itself, or the values of its JSON form. */
function identifierName(id: string): string {
  if (!id.startsWith("{")) return id;
  const values = [...id.matchAll(/":"([^"]+)"/g)].map((m) => m[1]!);
  return values.length === 0 ? id : values.join("|");
}

/** A CloudFormation (or older Pulumi / Terraform) "already exists" on this line, with what it names. */
export function foreignAlreadyExists(line: string): ForeignAlreadyExists | undefined {
  // i18n-exempt: log text (CloudFormation's own words)
  const generic = line.includes("Resource of type") ? CFN_RESOURCE_OF_TYPE.exec(line) : null;
  if (generic !== null) return { type: tokenOfCfnType(generic[1]!), name: identifierName(generic[2]!) };
  const event = line.includes("_FAILED") ? CFN_EVENT.exec(line) : null;
  // i18n-exempt: log text (CloudFormation's own words)
  const inStack = line.includes("already exists in stack") ? IN_STACK.exec(line) : null;
  if (event !== null) {
    const found: ForeignAlreadyExists = {
      type: tokenOfCfnType(event[1]!),
      logicalName: event[2]!,
      name: event[3]!,
    };
    const stack = inStack === null ? undefined : STACK_NAME.exec(inStack[2]!)?.[1];
    return stack === undefined ? found : { ...found, stack };
  }
  if (inStack !== null) {
    const stack = STACK_NAME.exec(inStack[2]!)?.[1];
    return { name: inStack[1]!, ...(stack !== undefined && { stack }) };
  }
  return undefined;
}

/** The type and name an older provider's "Error creating <what> <name>:" or "creating <what> (<name>)" gives. */
export function creatingWords(line: string): ForeignAlreadyExists | undefined {
  const parens = CREATING_PARENS.exec(line);
  const old = parens === null ? OLD_CREATING.exec(line) : null;
  // `Error creating Secrets Manager Secret: …` has no name: a capitalised word is the type's last word.
  if (old !== null && /^[A-Z][A-Za-z]*$/.test(old[2]!)) return undefined;
  const m = parens ?? old;
  if (m === null) return undefined;
  const type = tokenOfWords(m[1]!);
  return { ...(type !== undefined && { type }), name: m[2]! };
}

/** The name an AWS "already exists" message itself gives (`Role with name X already exists`). */
const MESSAGE_NAME =
  /(?:with (?:the )?name|called|named) '?([^\s']{1,1024}?)'? already exists|'([^'\s]{1,1024})' already exists|already exists: ([^\s:]{1,1024})|<([^<>\s]{1,1024})> already exists|already has this name: ([^\s:]{1,1024})/;

export function nameInMessage(line: string): string | undefined {
  // Every wording it knows says "already …": a line without it is not tried (nor the pattern compiled).
  if (!line.includes("already ")) return undefined;
  const m = MESSAGE_NAME.exec(line);
  const name = m?.[1] ?? m?.[2] ?? m?.[3] ?? m?.[4] ?? m?.[5];
  return name === undefined ? undefined : name.replace(/\.$/, "");
}

/** A CloudFormation event that failed, without the reason on the line: the heading of the lines below. */
const CFN_FAILED_EVENT =
  /(?:CREATE|UPDATE)_FAILED\s{0,20}\|?\s{0,20}(AWS::[A-Za-z0-9]{1,64}::[A-Za-z0-9]{1,64})\s{0,20}\|\s{0,20}([^\s|]{1,256})\s*$/;

export function cfnFailedHeading(line: string): { type: string; logicalName: string } | undefined {
  if (!line.includes("_FAILED")) return undefined;
  const m = CFN_FAILED_EVENT.exec(line);
  return m === null ? undefined : { type: tokenOfCfnType(m[1]!), logicalName: m[2]! };
}

/** The failing stack a line names (`❌  <stack> failed:`, `Stack <stack>` … `Status: failed`). */
export function failingStackOn(line: string): string | undefined {
  if (!line.includes(" failed: ")) return undefined;
  return /^(?:❌\s+)?(\S+?) failed: /.exec(line)?.[1];
}
