/**
 * What `explain` knows about the resources a deploy log names: Pulumi type tokens (the short form the
 * CLIs print and the full token the state holds), URNs, and how AWS and the provider word a name.
 * Pure: strings in, strings out.
 */

/** The short type the Pulumi and SST CLIs print, mapped to the token the state holds. */
export const SHORT_TO_FULL: Readonly<Record<string, string>> = {
  "aws:cloudwatch:LogGroup": "aws:cloudwatch/logGroup:LogGroup",
  "aws:iam:Role": "aws:iam/role:Role",
  "aws:dynamodb:Table": "aws:dynamodb/table:Table",
  "aws:lambda:Function": "aws:lambda/function:Function",
  "aws:cloudfront:Function": "aws:cloudfront/function:Function",
  "aws:cloudfront:Distribution": "aws:cloudfront/distribution:Distribution",
  "aws:sesv2:EmailIdentity": "aws:sesv2/emailIdentity:EmailIdentity",
  "aws:route53:Record": "aws:route53/record:Record",
  "aws:s3:BucketV2": "aws:s3/bucketV2:BucketV2",
  "aws:s3:Bucket": "aws:s3/bucket:Bucket",
};

export const T = {
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  role: "aws:iam/role:Role",
  table: "aws:dynamodb/table:Table",
  lambda: "aws:lambda/function:Function",
  cfFunction: "aws:cloudfront/function:Function",
  distribution: "aws:cloudfront/distribution:Distribution",
  emailIdentity: "aws:sesv2/emailIdentity:EmailIdentity",
  record: "aws:route53/record:Record",
  bucketV2: "aws:s3/bucketV2:BucketV2",
  bucket: "aws:s3/bucket:Bucket",
} as const;

/** How a report names each type, in plain words. */
export const TYPE_LABEL: Readonly<Record<string, string>> = {
  [T.logGroup]: "CloudWatch log group",
  [T.role]: "IAM role",
  [T.table]: "DynamoDB table",
  [T.lambda]: "Lambda function",
  [T.cfFunction]: "CloudFront function",
  [T.distribution]: "CloudFront distribution",
  [T.emailIdentity]: "SES email identity",
  [T.record]: "Route 53 record",
  [T.bucketV2]: "S3 bucket",
  [T.bucket]: "S3 bucket",
};

const SHORT_AWS = /^aws:([\w-]+):([A-Z]\w*)$/;

/**
 * The full token for a type as a log shows it: `aws:cloudwatch:LogGroup` → `aws:cloudwatch/logGroup:LogGroup`.
 * Pulumi shortens `pkg:mod/sub:Type` to `pkg:mod:Type` when `sub` is `Type` with a lower-case first
 * letter, which holds for every pulumi-aws resource; other packages' types and full tokens are kept.
 */
export function fullType(shown: string): string {
  const known = SHORT_TO_FULL[shown];
  if (known !== undefined) return known;
  const m = SHORT_AWS.exec(shown);
  if (m === null) return shown;
  const [, mod, type] = m as unknown as [string, string, string];
  return `aws:${mod}/${type.charAt(0).toLowerCase()}${type.slice(1)}:${type}`;
}

export interface ParsedUrn {
  stage: string;
  app: string;
  /** The resource's own type (the last of the parent chain), as the URN holds it (a full token). */
  type: string;
  name: string;
}

/** `urn:pulumi:<stack>::<project>::<parent$…$type>::<name>`. */
export function parseUrn(urn: string): ParsedUrn | undefined {
  if (!urn.startsWith("urn:pulumi:")) return undefined;
  const parts = urn.split("::");
  if (parts.length < 4) return undefined;
  const stage = parts[0]!.slice("urn:pulumi:".length);
  const chain = parts[2]!.split("$");
  const type = chain[chain.length - 1]!;
  const name = parts.slice(3).join("::");
  if (stage === "" || parts[1] === "" || type === "" || name === "") return undefined;
  return { stage, app: parts[1]!, type, name };
}

const URN_GLOBAL = /urn:pulumi:[^\s'"`<>()[\]{}]+/g;
const URN_TRAILING = /[,.;:]+$/;

/** Every URN on a line, trailing punctuation removed. */
export function urnsIn(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(URN_GLOBAL)) {
    const urn = m[0].replace(URN_TRAILING, "");
    if (parseUrn(urn) !== undefined) out.push(urn);
  }
  return out;
}

/**
 * Which type a provider's "creating <what> (<name>)" wording is about (pulumi-aws words its errors
 * after the Terraform provider: `creating CloudWatch Logs Log Group (/aws/lambda/x)`).
 */
export function typeOfWording(what: string): string | undefined {
  const w = what.toLowerCase();
  if (w.includes("log group")) return T.logGroup;
  if (w.includes("iam role")) return T.role;
  if (w.includes("dynamodb table")) return T.table;
  if (w.includes("lambda function")) return T.lambda;
  if (w.includes("cloudfront function")) return T.cfFunction;
  if (w.includes("cloudfront distribution")) return T.distribution;
  if (w.includes("email identity")) return T.emailIdentity;
  if (w.includes("s3 bucket")) return T.bucketV2;
  if (w.includes("route 53") || w.includes("route53")) return T.record;
  return undefined;
}

/** Same kind of resource (an S3 bucket is one, whether the program uses `Bucket` or `BucketV2`). */
export function sameType(a: string, b: string): boolean {
  if (a === b) return true;
  const s3 = (t: string) => t === T.bucket || t === T.bucketV2;
  return s3(a) && s3(b);
}

/**
 * Whether a physical name carries the stage as a word of its own (`platform-dev-Api`, `dev_table`,
 * `app-devFunction`): SST names resources `<app>-<stage>-<name>`, so such a name belongs to the stage.
 */
export function nameHasStage(name: string, stage: string): boolean {
  if (stage.length < 2) return false;
  const lower = name.toLowerCase();
  const needle = stage.toLowerCase();
  let from = 0;
  for (;;) {
    const at = lower.indexOf(needle, from);
    if (at < 0) return false;
    const before = at === 0 ? "" : name.charAt(at - 1);
    const after = name.charAt(at + needle.length);
    const okBefore = before === "" || !/[A-Za-z0-9]/.test(before);
    const okAfter = after === "" || !/[a-z0-9]/.test(after);
    if (okBefore && okAfter) return true;
    from = at + 1;
  }
}

/** Shell-quotes one argument of a command meant to be pasted (placeholders stay as they are). */
export function quote(arg: string): string {
  if (/^<[\w -]+>$/.test(arg)) return arg;
  return /^[A-Za-z0-9_./@:=,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
