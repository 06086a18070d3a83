/**
 * Builds realistic SST v3 checkpoints, as SST stores them in `app/<app>/<stage>.json`.
 * The stack resource, the default AWS provider, SST components as parents with their pulumi-aws
 * children, secrets, pending operations, and both naming eras (pre-3.8 `app-stage-Name`, and 3.8+ with
 * a random suffix). The sandbox seeds its scenarios with it and the tests build their fixtures with it.
 * Objects are written in Pulumi's own key order here, by hand, without src/state, so that the tests
 * check the state model against an independent picture of the format.
 */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { mulberry32 as rng } from "./core/random.js";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = Record<string, Json>;

export type NamingEra = "pre-3.8" | "suffix";

export interface BuilderOptions {
  app?: string;
  stage?: string;
  region?: string;
  account?: string;
  pulumiVersion?: string;
  awsVersion?: string;
  naming?: NamingEra;
  seed?: number;
  /** RFC 3339 time of the deployment; resources are created a little before it. */
  time?: string;
}

/** Go writes map keys sorted; inputs and outputs are maps. */
function sorted(value: Json): Json {
  if (Array.isArray(value)) return value.map(sorted);
  if (value !== null && typeof value === "object") {
    const out: Obj = {};
    for (const k of Object.keys(value).sort()) out[k] = sorted(value[k]!);
    return out;
  }
  return value;
}

export const SECRET_SIG = {
  key: "4dabf18193072939515e22adb298388d",
  value: "1b47061264138c4ac30d75fd1eb44270",
};

export interface Resource {
  urn: string;
  custom: boolean;
  [k: string]: unknown;
}

export interface BuiltFunction {
  component: Resource;
  role: Resource;
  logGroup: Resource;
  fn: Resource;
}

export class SstStateBuilder {
  readonly app: string;
  readonly stage: string;
  readonly region: string;
  readonly account: string;
  readonly pulumiVersion: string;
  readonly awsVersion: string;
  readonly naming: NamingEra;
  readonly time: string;
  readonly resources: Resource[] = [];
  readonly pending: { resource: Resource; type: string }[] = [];
  readonly stackUrn: string;
  readonly providerUrn: string;
  readonly providerId: string;
  private readonly random: () => number;
  private clock: number;

  constructor(options: BuilderOptions = {}) {
    this.app = options.app ?? "myapp";
    this.stage = options.stage ?? "dev";
    this.region = options.region ?? "us-east-1";
    this.account = options.account ?? "123456789012";
    this.pulumiVersion = options.pulumiVersion ?? "v3.142.0";
    this.awsVersion = options.awsVersion ?? "6.66.2";
    this.naming = options.naming ?? "suffix";
    this.time = options.time ?? "2025-03-14T09:26:53.589793Z";
    this.random = rng(options.seed ?? 1);
    this.clock = Date.parse(this.time) - 3_600_000;
    this.stackUrn = this.urn("pulumi:pulumi:Stack", `${this.app}-${this.stage}`);
    this.resources.push({
      urn: this.stackUrn,
      custom: false,
      type: "pulumi:pulumi:Stack",
      outputs: {},
      created: this.tick(),
      modified: this.tick(),
    });
    const providerName = `default_${this.awsVersion.replace(/\./g, "_")}`;
    this.providerUrn = this.urn("pulumi:providers:aws", providerName);
    this.providerId = this.uuid();
    const providerInputs = sorted({
      __internal: {},
      defaultTags: JSON.stringify({ tags: { "sst:app": this.app, "sst:stage": this.stage } }),
      region: this.region,
      skipCredentialsValidation: "false",
      skipRegionValidation: "true",
      version: this.awsVersion,
    });
    this.resources.push({
      urn: this.providerUrn,
      custom: true,
      id: this.providerId,
      type: "pulumi:providers:aws",
      inputs: providerInputs,
      outputs: sorted(
        Object.fromEntries(Object.entries(providerInputs as Obj).filter(([k]) => k !== "__internal")),
      ),
      created: this.tick(),
      modified: this.tick(),
    });
  }

  get providerRef(): string {
    return `${this.providerUrn}::${this.providerId}`;
  }

  urn(qualifiedType: string, name: string): string {
    return `urn:pulumi:${this.stage}::${this.app}::${qualifiedType}::${name}`;
  }

  private tick(): string {
    this.clock += 1000 + Math.floor(this.random() * 5000);
    return new Date(this.clock).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
  }

  private hex(n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += Math.floor(this.random() * 16).toString(16);
    return s;
  }

  private uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
  }

  /** SST's 8 "pretty" characters (base 19 over `abcdefhkmnorstuvwxz`, platform/src/components/naming.ts). */
  private suffix(): string {
    const chars = "abcdefhkmnorstuvwxz";
    let s = "";
    for (let i = 0; i < 8; i++) s += chars[Math.floor(this.random() * chars.length)];
    return s;
  }

  /**
   * A physical name as SST makes it. 3.8+: `prefixName(max - 9 - suffix)` then `-<8 random>` and the
   * suffix; the prefix drops the app, then the stage, when the name does not fit. Before 3.8 the same
   * without the random part (and the app truncated first).
   */
  physicalName(logical: string, max = 64, suffix = ""): string {
    const name = logical.replace(/[^a-zA-Z0-9]/g, "");
    if (this.naming === "pre-3.8") {
      const limit = max - suffix.length;
      if (this.app.length + this.stage.length + name.length + 2 <= limit)
        return `${this.app}-${this.stage}-${name}${suffix}`;
      if (this.stage.length + name.length + 1 <= limit) {
        const app = this.app.substring(0, limit - this.stage.length - name.length - 2);
        return `${app === "" ? "" : `${app}-`}${this.stage}-${name}${suffix}`;
      }
      const stage = this.stage.substring(0, Math.max(8, limit - name.length - 1));
      return `${stage}-${name.substring(0, limit - stage.length - 1)}${suffix}`;
    }
    return `${this.prefixName(max - 9 - suffix.length, name)}-${this.suffix()}${suffix}`;
  }

  private prefixName(max: number, name: string): string {
    if (name.length + 1 >= max) return name.substring(0, max);
    if (name.length + this.stage.length + 2 >= max)
      return `${this.stage.substring(0, max - name.length - 1)}-${name}`;
    return `${this.app.substring(0, max - this.stage.length - name.length - 2)}-${this.stage}-${name}`;
  }

  tags(): Obj {
    return { "sst:app": this.app, "sst:stage": this.stage };
  }

  secret(): Obj {
    const bytes = Buffer.from(this.hex(48), "hex").toString("base64");
    return { [SECRET_SIG.key]: SECRET_SIG.value, ciphertext: `v1:${this.hex(16)}:${bytes}` };
  }

  /** A component (custom: false) under the stack or another component. */
  component(type: string, name: string, parent?: Resource, extra: Obj = {}): Resource {
    const parentUrn = parent?.urn ?? this.stackUrn;
    const r: Resource = {
      urn: this.urn(this.qualified(parentUrn, type), name),
      custom: false,
      type,
      outputs: sorted(extra),
      parent: parentUrn,
      created: this.tick(),
      modified: this.tick(),
    };
    this.resources.push(r);
    return r;
  }

  /** A custom resource under `parent`, using the default AWS provider. */
  custom(
    type: string,
    name: string,
    parent: Resource,
    spec: {
      id: string;
      inputs: Obj;
      outputs: Obj;
      dependsOn?: Resource[];
      retain?: boolean;
      propertyDeps?: Record<string, Resource[]>;
    },
  ): Resource {
    const deps = spec.dependsOn?.map((d) => d.urn) ?? [];
    const r: Resource = {
      urn: this.urn(this.qualified(parent.urn, type), name),
      custom: true,
      id: spec.id,
      type,
      inputs: sorted(spec.inputs),
      outputs: sorted(spec.outputs),
      parent: parent.urn,
    };
    if (deps.length > 0) r.dependencies = deps;
    r.provider = this.providerRef;
    const propertyDependencies: Record<string, string[]> = {};
    for (const [k, list] of Object.entries(spec.propertyDeps ?? {}))
      propertyDependencies[k] = list.map((d) => d.urn);
    if (Object.keys(propertyDependencies).length > 0) r.propertyDependencies = sorted(propertyDependencies);
    if (spec.retain === true) r.retainOnDelete = true;
    r.created = this.tick();
    r.modified = this.tick();
    this.resources.push(r);
    return r;
  }

  private qualified(parentUrn: string, type: string): string {
    if (parentUrn === this.stackUrn) return type;
    const parts = parentUrn.split("::");
    return `${parts[2]}$${type}`;
  }

  private arn(service: string, resource: string, regional = true): string {
    return `arn:aws:${service}:${regional ? this.region : ""}:${this.account}:${resource}`;
  }

  addFunction(
    name: string,
    options: { parent?: Resource; retain?: boolean; environment?: Obj } = {},
  ): BuiltFunction {
    const component = this.component("sst:aws:Function", name, options.parent);
    // Before 3.8 SST added the region to role names (IAM is global).
    const roleName = this.physicalName(
      `${name}Role`,
      64,
      this.naming === "pre-3.8" ? `-${this.region.toLowerCase().replace(/-/g, "")}` : "",
    );
    const trust = JSON.stringify({
      Statement: [
        { Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" } },
      ],
      Version: "2012-10-17",
    });
    const role = this.custom("aws:iam/role:Role", `${name}Role`, component, {
      id: roleName,
      inputs: {
        __defaults: [],
        assumeRolePolicy: trust,
        managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
        name: roleName,
        tags: this.tags(),
        tagsAll: this.tags(),
      },
      outputs: {
        arn: this.arn("iam", `role/${roleName}`, false),
        assumeRolePolicy: trust,
        createDate: this.tick(),
        id: roleName,
        managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
        maxSessionDuration: 3600,
        name: roleName,
        path: "/",
        tags: this.tags(),
        tagsAll: this.tags(),
        uniqueId: `AROA${this.hex(17).toUpperCase()}`,
      },
      retain: options.retain,
    });
    const fnName = this.physicalName(`${name}Function`);
    // SST >= 3.9.3 names the log group with a second physicalName() call: same prefix, another suffix.
    const logName = `/aws/lambda/${this.naming === "pre-3.8" ? fnName : this.physicalName(`${name}Function`)}`;
    const logGroup = this.custom("aws:cloudwatch/logGroup:LogGroup", `${name}LogGroup`, component, {
      id: logName,
      inputs: { __defaults: [], name: logName, retentionInDays: 30, tags: this.tags(), tagsAll: this.tags() },
      outputs: {
        arn: this.arn("logs", `log-group:${logName}`),
        id: logName,
        kmsKeyId: "",
        logGroupClass: "STANDARD",
        name: logName,
        retentionInDays: 30,
        skipDestroy: false,
        tags: this.tags(),
        tagsAll: this.tags(),
      },
      retain: options.retain,
    });
    const environment: Obj = {
      SST_RESOURCE_App: JSON.stringify({ name: this.app, stage: this.stage }),
      ...(options.environment ?? {}),
    };
    const fn = this.custom("aws:lambda/function:Function", `${name}Function`, component, {
      id: fnName,
      inputs: {
        __defaults: [],
        architectures: ["x86_64"],
        environment: { variables: environment },
        handler: "bundle/index.handler",
        loggingConfig: { logFormat: "Text", logGroup: logName },
        memorySize: 1024,
        name: fnName,
        role: role.outputs === undefined ? "" : (role.outputs as Obj).arn!,
        runtime: "nodejs20.x",
        tags: this.tags(),
        tagsAll: this.tags(),
        timeout: 20,
      },
      outputs: {
        arn: this.arn("lambda", `function:${fnName}`),
        architectures: ["x86_64"],
        handler: "bundle/index.handler",
        id: fnName,
        invokeArn: `arn:aws:apigateway:${this.region}:lambda:path/2015-03-31/functions/${this.arn("lambda", `function:${fnName}`)}/invocations`,
        lastModified: this.tick(),
        memorySize: 1024,
        name: fnName,
        role: (role.outputs as Obj).arn!,
        runtime: "nodejs20.x",
        tags: this.tags(),
        tagsAll: this.tags(),
        timeout: 20,
        version: "$LATEST",
      },
      dependsOn: [role, logGroup],
      propertyDeps: { role: [role], loggingConfig: [logGroup] },
    });
    return { component, role, logGroup, fn };
  }

  addDynamo(name: string, options: { retain?: boolean } = {}): { component: Resource; table: Resource } {
    const component = this.component("sst:aws:Dynamo", name);
    const tableName = this.physicalName(`${name}Table`, 255);
    const attributes = [
      { name: "pk", type: "S" },
      { name: "sk", type: "S" },
    ];
    const table = this.custom("aws:dynamodb/table:Table", `${name}Table`, component, {
      id: tableName,
      inputs: {
        __defaults: [],
        attributes,
        billingMode: "PAY_PER_REQUEST",
        hashKey: "pk",
        name: tableName,
        rangeKey: "sk",
        streamEnabled: false,
        tags: this.tags(),
        tagsAll: this.tags(),
      },
      outputs: {
        arn: this.arn("dynamodb", `table/${tableName}`),
        attributes,
        billingMode: "PAY_PER_REQUEST",
        deletionProtectionEnabled: false,
        hashKey: "pk",
        id: tableName,
        name: tableName,
        rangeKey: "sk",
        streamArn: "",
        streamEnabled: false,
        tags: this.tags(),
        tagsAll: this.tags(),
      },
      retain: options.retain,
    });
    return { component, table };
  }

  /** A Nextjs site. `cloudfrontFunctionName` hard-codes the function's name, as a transform would. */
  addNextjs(name: string, options: { domain?: string; cloudfrontFunctionName?: string } = {}) {
    const component = this.component("sst:aws:Nextjs", name);
    // The assets bucket is an sst:aws:Bucket component of its own (`WebAssets` → `WebAssetsBucket`).
    const assets = this.component("sst:aws:Bucket", `${name}Assets`, component);
    const bucketName = this.physicalName(`${name}AssetsBucket`, 63).toLowerCase();
    const bucket = this.custom("aws:s3/bucketV2:BucketV2", `${name}AssetsBucket`, assets, {
      id: bucketName,
      inputs: {
        __defaults: [],
        bucket: bucketName,
        forceDestroy: true,
        tags: this.tags(),
        tagsAll: this.tags(),
      },
      outputs: {
        arn: `arn:aws:s3:::${bucketName}`,
        bucket: bucketName,
        bucketDomainName: `${bucketName}.s3.amazonaws.com`,
        bucketRegionalDomainName: `${bucketName}.s3.${this.region}.amazonaws.com`,
        forceDestroy: true,
        id: bucketName,
        region: this.region,
        tags: this.tags(),
        tagsAll: this.tags(),
      },
    });
    // `WebServerUseast1`: logicalName("us-east-1") capitalises the first letter and drops dashes.
    const region = this.region.replace(/-/g, "");
    const server = this.addFunction(`${name}Server${region.charAt(0).toUpperCase()}${region.slice(1)}`, {
      parent: component,
    });
    const cfName = options.cloudfrontFunctionName ?? this.physicalName(`${name}CloudfrontFunctionRequest`);
    const code =
      // i18n-exempt: cloud content
      'async function handler(event) {\n  const request = event.request;\n  if (request.uri.length > 1 && request.uri.endsWith("/")) {}\n  return request;\n}';
    const cdn = this.component("sst:aws:CDN", `${name}Cdn`, component);
    const cfFunction = this.custom(
      "aws:cloudfront/function:Function",
      `${name}CloudfrontFunctionRequest`,
      component,
      {
        id: cfName,
        inputs: { __defaults: [], code, name: cfName, publish: true, runtime: "cloudfront-js-2.0" },
        outputs: {
          arn: `arn:aws:cloudfront::${this.account}:function/${cfName}`,
          code,
          comment: "",
          etag: `E${this.hex(13).toUpperCase()}`,
          id: cfName,
          liveStageEtag: `E${this.hex(13).toUpperCase()}`,
          name: cfName,
          publish: true,
          runtime: "cloudfront-js-2.0",
          status: "UNASSOCIATED",
        },
      },
    );
    const distributionId = `E${this.hex(13).toUpperCase()}`;
    const aliases = options.domain === undefined ? [] : [options.domain];
    const distribution = this.custom(
      "aws:cloudfront/distribution:Distribution",
      `${name}CdnDistribution`,
      cdn,
      {
        id: distributionId,
        inputs: {
          __defaults: [],
          aliases,
          comment: `${this.app} ${this.stage} ${name}`,
          defaultCacheBehavior: {
            allowedMethods: ["GET", "HEAD", "OPTIONS"],
            cachedMethods: ["GET", "HEAD"],
            functionAssociations: [
              {
                eventType: "viewer-request",
                functionArn: `arn:aws:cloudfront::${this.account}:function/${cfName}`,
              },
            ],
            targetOriginId: "default",
            viewerProtocolPolicy: "redirect-to-https",
          },
          enabled: true,
          tags: this.tags(),
          tagsAll: this.tags(),
        },
        outputs: {
          aliases,
          arn: `arn:aws:cloudfront::${this.account}:distribution/${distributionId}`,
          domainName: `d${this.hex(13)}.cloudfront.net`,
          enabled: true,
          etag: `E${this.hex(13).toUpperCase()}`,
          id: distributionId,
          status: "Deployed",
          tags: this.tags(),
          tagsAll: this.tags(),
        },
        dependsOn: [cfFunction, bucket, server.fn],
        propertyDeps: { defaultCacheBehavior: [cfFunction] },
      },
    );
    return { component, bucket, server, cfFunction, cdn, distribution };
  }

  addEmail(name: string, sender: string) {
    const component = this.component("sst:aws:Email", name, undefined, { sender });
    const configName = this.physicalName(`${name}Config`, 64).toLowerCase();
    const config = this.custom("aws:sesv2/configurationSet:ConfigurationSet", `${name}Config`, component, {
      id: configName,
      inputs: { __defaults: [], configurationSetName: configName, tags: this.tags(), tagsAll: this.tags() },
      outputs: {
        arn: this.arn("ses", `configuration-set/${configName}`),
        configurationSetName: configName,
        id: configName,
        tags: this.tags(),
        tagsAll: this.tags(),
      },
    });
    const identity = this.custom("aws:sesv2/emailIdentity:EmailIdentity", `${name}Identity`, component, {
      id: sender,
      inputs: {
        __defaults: [],
        configurationSetName: configName,
        emailIdentity: sender,
        tags: this.tags(),
        tagsAll: this.tags(),
      },
      outputs: {
        arn: this.arn("ses", `identity/${sender}`),
        configurationSetName: configName,
        dkimSigningAttributes: {
          currentSigningKeyLength: "",
          nextSigningKeyLength: "RSA_2048_BIT",
          signingAttributesOrigin: "AWS_SES",
          status: "PENDING",
          tokens: [],
        },
        emailIdentity: sender,
        id: sender,
        identityType: sender.includes("@") ? "EMAIL_ADDRESS" : "DOMAIN",
        tags: this.tags(),
        tagsAll: this.tags(),
        verifiedForSendingStatus: false,
      },
    });
    return { component, config, identity };
  }

  /**
   * A DNS record as `sst.aws.dns()` makes it: a child of the component that asked for it (SST has no
   * DNS component), logical name `<prefix><TYPE>Record<RecordNameAlnum>`.
   */
  addDnsRecord(
    parent: Resource,
    prefix: string,
    options: { zoneId: string; recordName: string; type?: string; value?: string },
  ) {
    const type = options.type ?? "CNAME";
    const value = options.value ?? `d${this.hex(13)}.cloudfront.net`;
    const fqdn = options.recordName.toLowerCase();
    const id = `${options.zoneId}_${fqdn}_${type}`;
    const alnum = options.recordName.replace(/[^a-zA-Z0-9]/g, "");
    const logical = `${prefix}${type}Record${alnum.charAt(0).toUpperCase()}${alnum.slice(1)}`;
    const record = this.custom("aws:route53/record:Record", logical, parent, {
      id,
      inputs: {
        __defaults: [],
        allowOverwrite: false,
        name: options.recordName,
        records: [value],
        ttl: 60,
        type,
        zoneId: options.zoneId,
      },
      outputs: {
        allowOverwrite: false,
        fqdn,
        id,
        name: options.recordName,
        records: [value],
        ttl: 60,
        type,
        zoneId: options.zoneId,
      },
    });
    return { record };
  }

  /** An `sst.Secret`: a component whose outputs hold the encrypted value. */
  addSecret(name: string) {
    return this.component("sst:sst:Secret", name, undefined, { placeholder: null, value: this.secret() });
  }

  /**
   * A pending `creating` operation, as left by a deploy that was killed after asking AWS to create the
   * resource: the checked inputs (including the physical name), no id and no outputs.
   */
  addPendingCreate(type: string, logicalName: string, inputs: Obj, parent?: Resource): Resource {
    const parentUrn = parent?.urn ?? this.stackUrn;
    const resource: Resource = {
      urn: this.urn(this.qualified(parentUrn, type), logicalName),
      custom: true,
      type,
      inputs: sorted({ __defaults: [], ...inputs, tags: this.tags(), tagsAll: this.tags() }),
      parent: parentUrn,
      provider: this.providerRef,
    };
    this.pending.push({ resource, type: "creating" });
    return resource;
  }

  /** Removes a resource and everything under it (children, their children, …), as a removed component. */
  remove(resource: Resource): Resource[] {
    const gone = new Set([resource.urn]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const r of this.resources) {
        if (!gone.has(r.urn) && typeof r.parent === "string" && gone.has(r.parent)) {
          gone.add(r.urn);
          grew = true;
        }
      }
    }
    const removed = this.resources.filter((r) => gone.has(r.urn));
    for (let i = this.resources.length - 1; i >= 0; i--)
      if (gone.has(this.resources[i]!.urn)) this.resources.splice(i, 1);
    return removed;
  }

  /** Adds Function and Dynamo components until the state holds at least `count` resources. */
  fill(count: number): this {
    let n = 0;
    while (this.resources.length < count) {
      if (n % 3 === 2) this.addDynamo(`Table${n}`);
      else this.addFunction(`Fn${n}`);
      n++;
    }
    return this;
  }

  deployment(): Obj {
    const d: Obj = {
      manifest: {
        time: this.time,
        magic: createHash("sha256").update(this.pulumiVersion).digest("hex"),
        version: this.pulumiVersion,
      },
      secrets_providers: {
        type: "passphrase",
        state: {
          salt: `v1:${Buffer.from(this.hex(16), "hex").toString("base64")}:v1:${this.hex(8)}:${this.hex(16)}`,
        },
      },
      resources: this.resources as unknown as Json[],
    };
    if (this.pending.length > 0) d.pending_operations = this.pending as unknown as Json[];
    d.metadata = {};
    return d;
  }

  /** `{version, checkpoint}` — what SST stores in the state bucket. */
  versioned(): Obj {
    return {
      version: 3,
      checkpoint: { stack: `organization/${this.app}/${this.stage}`, latest: this.deployment() },
    };
  }

  /** `{version, deployment}` — `pulumi stack export`. */
  exported(): Obj {
    return { version: 3, deployment: this.deployment() };
  }

  /** A bare checkpoint — `sst state export`. */
  bare(): Obj {
    return { stack: `organization/${this.app}/${this.stage}`, latest: this.deployment() };
  }
}

/** Encodes like Go's encoder: `<`, `>`, `&`, U+2028 and U+2029 escaped; indent "" or four spaces. */
export function goJson(value: unknown, indent: "" | "    " = ""): string {
  return JSON.stringify(value, null, indent === "" ? undefined : indent).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

export function toBytes(
  value: unknown,
  style: { indent?: "" | "    "; gzip?: boolean; newline?: boolean } = {},
): Uint8Array {
  const text = goJson(value, style.indent ?? "") + (style.newline === true ? "\n" : "");
  return style.gzip === true ? gzipSync(text) : Buffer.from(text);
}
