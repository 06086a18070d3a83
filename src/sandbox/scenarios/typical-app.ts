/**
 * The typical SST app of issue 15, as SST 4.x (pulumi-aws 7) leaves it in state: Nextjs, Function (url,
 * links), Dynamo + stream subscriber, Bucket + notification, Queue + subscriber, SnsTopic + subscriber,
 * Email (domain sender), Router (custom domain), Cron, ApiGatewayV2 + custom domain, CognitoUserPool
 * (client, prefix domain), an sst.Secret, plus the Secrets Manager secret users hit (pulumi#4172).
 * Which resources each component makes, their logical names and name rules are read from
 * docs/coverage/sst-resources.md §2 (anomalyco/sst at 8bfe1c1); ids and inputs/outputs follow
 * pulumi-aws (the id formats the kinds' `identify` read).
 *
 * `buildTypicalApp` builds one stage. Each custom resource goes through `made` as soon as it is built:
 * the seeder (`seedTypicalApp`) creates it in the cloud there and writes back the ids the cloud chose
 * (a queue URL, an API id, a cache policy id), so what is built after it refers to the real ones. Built
 * without a cloud (`made` a no-op), the ids are plausible stand-ins.
 */
import {
  PutObjectCommand,
  PutBucketCorsCommand,
  PutPublicAccessBlockCommand,
  PutBucketNotificationConfigurationCommand,
} from "@aws-sdk/client-s3";
import { CreateHostedZoneCommand } from "@aws-sdk/client-route-53";
import { DeleteLogGroupCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CreateEventSourceMappingCommand } from "@aws-sdk/client-lambda";
import { DeleteSecretCommand } from "@aws-sdk/client-secrets-manager";
import { SubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand } from "@aws-sdk/client-sqs";
import { RequestCertificateCommand } from "@aws-sdk/client-acm";
import { CreateKeyValueStoreCommand } from "@aws-sdk/client-cloudfront";
import { makeUpdateId, sstKeys } from "../../state/sst.js";
import { mulberry32 } from "../core/random.js";
import { SstStateBuilder, toBytes, type Resource } from "../sst-state.js";
import { Clients, type Endpoint } from "./clients.js";
import { makeSstHome } from "./home.js";
import { materializeMore, MoreClients } from "./materialize-more.js";
import type { SeedResult } from "./acme.js";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = Record<string, Json>;

export const TYPICAL = {
  app: "shop",
  region: "us-east-1",
  zone: "shop.example",
  stateBucket: "sst-state-shop0home1",
  assetBucket: "sst-asset-shop0home1",
  /** The healthy stage, and the one broken twenty user-hit ways. */
  healthy: "production",
  broken: "staging",
  awsVersion: "7.20.0",
};

/** Called with each custom resource as soon as it is built (the seeder creates it there). */
export type Made = (r: Resource) => Promise<void>;

export interface StageDomains {
  /** The Router's domain (`www.shop.example`). */
  router: string;
  /** The API's custom domain (`api.shop.example`). */
  api: string;
  /** The Email sender domain. */
  sender: string;
  /** The Cognito prefix domain. */
  auth: string;
}

export function domainsOf(stage: string): StageDomains {
  const base = stage === TYPICAL.healthy ? TYPICAL.zone : `${stage}.${TYPICAL.zone}`;
  return {
    router: `www.${base}`,
    api: `api.${base}`,
    sender: base,
    auth: `${TYPICAL.app}-${stage}-auth`,
  };
}

/** What the tests and the broken stage refer to by role. */
export interface TypicalApp {
  b: SstStateBuilder;
  zoneId: string;
  api: Fn;
  queue: Resource;
  queueSubscriber: Fn;
  queueMapping: Resource;
  topic: Resource;
  subscription: Resource;
  table: Resource;
  cachePolicy: Resource;
  kvStore: Resource;
  apiDomain: Resource;
  secret: Resource;
  repository: Resource;
  alias: Resource;
}

export interface Fn {
  component: Resource;
  role: Resource;
  logGroup: Resource;
  fn: Resource;
  name: string;
  arn: string;
}

const list = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);
const txt = (v: Json | undefined): string => (typeof v === "string" ? v : "");
const strings = (v: Json | undefined): string[] => list(v).filter((x): x is string => typeof x === "string");

/**
 * Creates what `r` describes (materializeMore), and the bucket settings SST puts on its buckets
 * (CORS, public access block, notification), as pulumi-aws puts them (PutBucketCors,
 * PutPublicAccessBlock, PutBucketNotificationConfiguration), so the healthy stage's settings exist.
 */
async function materializeTypical(
  r: Resource,
  region: string,
  clients: Clients,
  more: MoreClients,
): Promise<void> {
  await materializeMore(r, region, clients, more);
  try {
    await putBucketSetting(r, region, clients);
  } catch (e) {
    // Over plain HTTP (the `stateward sandbox` command), SST's bucket policy denies every call to the
    // bucket (`aws:SecureTransport` false), as AWS would: the setting is left out of the local cloud,
    // and doctor's reads of it there are denied too (incomplete). Over HTTPS, as AWS is, it is put.
    if ((e as { name?: string }).name !== "AccessDenied") throw e;
  }
}

/** PutBucketCors / PutPublicAccessBlock / PutBucketNotificationConfiguration, as pulumi-aws calls them. */
async function putBucketSetting(r: Resource, region: string, clients: Clients): Promise<void> {
  const i = (r.inputs ?? {}) as Obj;
  const Bucket = txt(i.bucket);
  const s3 = clients.s3(region);
  switch (r.type) {
    case "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration":
      await s3.send(
        new PutBucketCorsCommand({
          Bucket,
          CORSConfiguration: {
            CORSRules: list(i.corsRules).map((c) => {
              const rule = c as Obj;
              return {
                AllowedHeaders: strings(rule.allowedHeaders),
                AllowedMethods: strings(rule.allowedMethods),
                AllowedOrigins: strings(rule.allowedOrigins),
                MaxAgeSeconds: typeof rule.maxAgeSeconds === "number" ? rule.maxAgeSeconds : undefined,
              };
            }),
          },
        }),
      );
      return;
    case "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock":
      await s3.send(
        new PutPublicAccessBlockCommand({
          Bucket,
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: i.blockPublicAcls === true,
            BlockPublicPolicy: i.blockPublicPolicy === true,
            IgnorePublicAcls: i.ignorePublicAcls === true,
            RestrictPublicBuckets: i.restrictPublicBuckets === true,
          },
        }),
      );
      return;
    case "aws:s3/bucketNotification:BucketNotification":
      await s3.send(
        new PutBucketNotificationConfigurationCommand({
          Bucket,
          NotificationConfiguration: {
            LambdaFunctionConfigurations: list(i.lambdaFunctions).map((f) => {
              const fn = f as Obj;
              return {
                Id: txt(fn.id),
                LambdaFunctionArn: txt(fn.lambdaFunctionArn),
                Events: strings(fn.events) as never,
              };
            }),
          },
        }),
      );
      return;
  }
}

/** Builds one stage of the app, resource by resource, handing each to `made`. */
export class TypicalAppBuilder {
  readonly b: SstStateBuilder;
  private readonly random: () => number;
  constructor(
    stage: string,
    readonly account: string,
    readonly zoneId: string,
    readonly made: Made = async () => {},
    seed = 1,
  ) {
    this.b = new SstStateBuilder({
      app: TYPICAL.app,
      stage,
      region: TYPICAL.region,
      account,
      seed,
      awsVersion: TYPICAL.awsVersion,
      pulumiVersion: "v3.160.0",
    });
    this.random = mulberry32(seed * 7919);
  }

  get region(): string {
    return this.b.region;
  }

  hex(n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += Math.floor(this.random() * 16).toString(16);
    return s;
  }

  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
  }

  arn(service: string, resource: string, regional = true): string {
    return `arn:aws:${service}:${regional ? this.region : ""}:${this.account}:${resource}`;
  }

  /** A custom resource, created in the cloud at once; tags on taggable types. */
  async custom(
    type: string,
    name: string,
    parent: Resource,
    spec: Parameters<SstStateBuilder["custom"]>[3],
  ): Promise<Resource> {
    const r = this.b.custom(type, name, parent, spec);
    await this.made(r);
    return r;
  }

  tagged(inputs: Obj): Obj {
    return { ...inputs, tags: this.b.tags(), tagsAll: this.b.tags() };
  }

  /** `sst.aws.Function` (§2.1): role, log group, code object, function; `url` adds the URL and its permissions. */
  async fn(name: string, parent?: Resource, options: { url?: boolean; environment?: Obj } = {}): Promise<Fn> {
    const built = this.b.addFunction(name, { parent, environment: options.environment });
    for (const r of [built.role, built.logGroup]) await this.made(r);
    const key = `assets/${name}-code-${this.hex(64)}.zip`;
    const code = await this.custom("aws:s3/bucketObjectv2:BucketObjectv2", `${name}Code`, built.component, {
      id: key,
      inputs: {
        __defaults: [],
        bucket: TYPICAL.assetBucket,
        key,
        source: {
          "4dabf18193072939515e22adb298388d": "c44067f5952c0a294b673a41bacd8c17",
          hash: this.hex(64),
          path: `.sst/artifacts/${name}-src.zip`,
        },
      },
      outputs: { bucket: TYPICAL.assetBucket, etag: this.hex(32), id: key, key, storageClass: "STANDARD" },
    });
    // The function (built before the code object by addFunction): its entry comes after the object.
    this.b.resources.splice(this.b.resources.indexOf(built.fn), 1);
    this.b.resources.push(built.fn);
    await this.made(built.fn);
    const fnName = (built.fn.inputs as { name: string }).name;
    const fnArn = this.arn("lambda", `function:${fnName}`);
    void code;
    if (options.url === true) {
      const urlId = this.hex(32);
      await this.custom("aws:lambda/functionUrl:FunctionUrl", `${name}Url`, built.component, {
        id: fnName,
        inputs: { __defaults: [], authorizationType: "NONE", functionName: fnName, invokeMode: "BUFFERED" },
        outputs: {
          authorizationType: "NONE",
          functionArn: fnArn,
          functionName: fnName,
          functionUrl: `https://${urlId}.lambda-url.${this.region}.on.aws/`,
          id: fnName,
          invokeMode: "BUFFERED",
          qualifier: "",
          urlId,
        },
        dependsOn: [built.fn],
      });
      await this.permission(`${name}UrlPermission`, built.component, fnName, {
        action: "lambda:InvokeFunctionUrl",
        principal: "*",
        functionUrlAuthType: "NONE",
      });
    }
    return { ...built, name: fnName, arn: fnArn };
  }

  /** `aws:lambda/permission:Permission`: pulumi-aws autonames the statement id `<logical>-<7 hex>`. */
  async permission(logical: string, parent: Resource, fnName: string, extra: Obj): Promise<Resource> {
    const sid = `${logical}-${this.hex(7)}`;
    const inputs: Obj = { __defaults: ["statementId"], function: fnName, statementId: sid, ...extra };
    return this.custom("aws:lambda/permission:Permission", logical, parent, {
      id: sid,
      inputs,
      outputs: { ...inputs, id: sid, qualifier: "", statementIdPrefix: "" },
    });
  }

  async queue(name: string, parent: Resource, fifo = false): Promise<Resource> {
    const qname = this.b.physicalName(`${name}Queue`, 80, fifo ? ".fifo" : "");
    const url = `https://sqs.${this.region}.amazonaws.com/${this.account}/${qname}`;
    const attrs: Obj = { fifoQueue: fifo, visibilityTimeoutSeconds: 30, messageRetentionSeconds: 345600 };
    if (fifo) attrs.contentBasedDeduplication = true;
    return this.custom("aws:sqs/queue:Queue", `${name}Queue`, parent, {
      id: url,
      inputs: this.tagged({ __defaults: [], name: qname, ...attrs }),
      outputs: this.tagged({ arn: this.arn("sqs", qname), id: url, name: qname, url, ...attrs }),
    });
  }

  /** `Queue.subscribe` / `Dynamo.subscribe`: a subscriber Function and its event source mapping. */
  async subscriber(
    name: string,
    parent: Resource,
    sourceArn: string,
    extra: Obj = {},
  ): Promise<{ fn: Fn; mapping: Resource }> {
    const component = this.b.component("sst:aws:QueueLambdaSubscriber", name, parent);
    const fn = await this.fn(`${name}Function`, component);
    const uuid = this.uuid();
    const common: Obj = {
      batchSize: 10,
      enabled: true,
      eventSourceArn: sourceArn,
      functionName: fn.arn,
      ...extra,
    };
    const mapping = await this.custom(
      "aws:lambda/eventSourceMapping:EventSourceMapping",
      `${name}EventSourceMapping`,
      component,
      {
        id: uuid,
        inputs: { __defaults: [], ...common },
        outputs: {
          ...common,
          arn: this.arn("lambda", `event-source-mapping:${uuid}`),
          functionArn: fn.arn,
          id: uuid,
          state: "Enabled",
          uuid,
        },
        dependsOn: [fn.fn],
      },
    );
    return { fn, mapping };
  }

  async table(name: string, parent: Resource, logical: string, stream: boolean): Promise<Resource> {
    const tableName = this.b.physicalName(logical, 255);
    const attributes = [
      { name: "pk", type: "S" },
      { name: "sk", type: "S" },
    ];
    const streamArn = stream ? this.arn("dynamodb", `table/${tableName}/stream/2025-03-14T09:26:53.589`) : "";
    const common: Obj = {
      attributes,
      billingMode: "PAY_PER_REQUEST",
      hashKey: "pk",
      name: tableName,
      rangeKey: "sk",
      streamEnabled: stream,
    };
    if (stream) common.streamViewType = "NEW_AND_OLD_IMAGES";
    void name;
    return this.custom("aws:dynamodb/table:Table", logical, parent, {
      id: tableName,
      inputs: this.tagged({ __defaults: [], ...common }),
      outputs: this.tagged({
        ...common,
        arn: this.arn("dynamodb", `table/${tableName}`),
        deletionProtectionEnabled: false,
        id: tableName,
        streamArn,
      }),
    });
  }

  /** `sst.aws.Bucket` (§2.4): bucket, public access block, policy, CORS. */
  async bucket(
    name: string,
    parent?: Resource,
  ): Promise<{ component: Resource; bucket: Resource; name: string }> {
    const component = this.b.component("sst:aws:Bucket", name, parent);
    const bucketName = this.b.physicalName(`${name}Bucket`, 63).toLowerCase();
    const bucket = await this.custom("aws:s3/bucket:Bucket", `${name}Bucket`, component, {
      id: bucketName,
      inputs: this.tagged({ __defaults: [], bucket: bucketName, forceDestroy: true }),
      outputs: this.tagged({
        arn: `arn:aws:s3:::${bucketName}`,
        bucket: bucketName,
        bucketDomainName: `${bucketName}.s3.amazonaws.com`,
        bucketRegionalDomainName: `${bucketName}.s3.${this.region}.amazonaws.com`,
        forceDestroy: true,
        id: bucketName,
        region: this.region,
      }),
    });
    const pab: Obj = {
      blockPublicAcls: true,
      blockPublicPolicy: true,
      bucket: bucketName,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    };
    await this.custom(
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      `${name}PublicAccessBlock`,
      component,
      {
        id: bucketName,
        inputs: { __defaults: [], ...pab },
        outputs: { ...pab, id: bucketName },
        dependsOn: [bucket],
      },
    );
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [`arn:aws:s3:::${bucketName}`, `arn:aws:s3:::${bucketName}/*`],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ],
    });
    await this.custom("aws:s3/bucketPolicy:BucketPolicy", `${name}Policy`, component, {
      id: bucketName,
      inputs: { __defaults: [], bucket: bucketName, policy },
      outputs: { bucket: bucketName, id: bucketName, policy },
      dependsOn: [bucket],
    });
    const cors: Obj = {
      bucket: bucketName,
      corsRules: [
        {
          allowedHeaders: ["*"],
          allowedMethods: ["DELETE", "GET", "HEAD", "POST", "PUT"],
          allowedOrigins: ["*"],
          maxAgeSeconds: 0,
        },
      ],
    };
    await this.custom("aws:s3/bucketCorsConfiguration:BucketCorsConfiguration", `${name}Cors`, component, {
      id: bucketName,
      inputs: { __defaults: [], ...cors },
      outputs: { ...cors, id: bucketName },
      dependsOn: [bucket],
    });
    return { component, bucket, name: bucketName };
  }

  /** A DNS record in the app's zone: plain records, or A/AAAA aliases to CloudFront / API Gateway. */
  async record(
    parent: Resource,
    logical: string,
    name: string,
    type: string,
    target: { records: string[] } | { alias: { name: string; zoneId: string } },
  ): Promise<Resource> {
    const fqdn = name.toLowerCase();
    const id = `${this.zoneId}_${fqdn}_${type}`;
    const common: Obj =
      "records" in target
        ? { allowOverwrite: false, name, records: target.records, ttl: 60, type, zoneId: this.zoneId }
        : {
            aliases: [{ evaluateTargetHealth: true, name: target.alias.name, zoneId: target.alias.zoneId }],
            allowOverwrite: false,
            name,
            type,
            zoneId: this.zoneId,
          };
    return this.custom("aws:route53/record:Record", logical, parent, {
      id,
      inputs: { __defaults: [], ...common },
      outputs: { ...common, fqdn, id },
    });
  }

  /** `sst:aws:DnsValidatedCertificate`: certificate, validation record, validation. */
  async certificate(parent: Resource, name: string, domain: string): Promise<Resource> {
    const component = this.b.component("sst:aws:DnsValidatedCertificate", `${name}Ssl`, parent);
    const certArn = this.arn("acm", `certificate/${this.uuid()}`);
    const cert = await this.custom("aws:acm/certificate:Certificate", `${name}SslCertificate`, component, {
      id: certArn,
      inputs: this.tagged({ __defaults: [], domainName: domain, validationMethod: "DNS" }),
      outputs: this.tagged({
        arn: certArn,
        domainName: domain,
        id: certArn,
        keyAlgorithm: "RSA_2048",
        status: "ISSUED",
        subjectAlternativeNames: [domain],
        type: "AMAZON_ISSUED",
        validationMethod: "DNS",
      }),
    });
    const token = this.hex(32);
    const record = await this.record(
      component,
      `${name}SslCNAMERecord${domain.replace(/[^a-zA-Z0-9]/g, "")}`,
      `_${token}.${domain}`,
      "CNAME",
      {
        records: [`_${this.hex(32)}.xlfgrmvvlj.acm-validations.aws.`],
      },
    );
    // terraform-provider-aws sets the validation's id to the certificate's IssuedAt, Go's time.String().
    const validated = `${this.b.time.slice(0, 10)} ${this.b.time.slice(11, 26)} +0000 UTC`;
    await this.custom(
      "aws:acm/certificateValidation:CertificateValidation",
      `${name}SslValidation`,
      component,
      {
        id: validated,
        inputs: {
          __defaults: [],
          certificateArn: cert.id as string,
          validationRecordFqdns: [`_${token}.${domain}`],
        },
        outputs: {
          certificateArn: cert.id as string,
          id: validated,
          validationRecordFqdns: [`_${token}.${domain}`],
        },
        dependsOn: [cert, record],
      },
    );
    return cert;
  }

  /** A pulumi-nodejs dynamic resource of SST's (`Aws.<Kind>`), URN name `<name>.sst.aws.<Kind>`. */
  dynamic(
    parent: Resource,
    name: string,
    kind: string,
    inputs: Obj,
    outputs: Obj = inputs,
    id = this.uuid(),
  ): Resource {
    // Pulumi's dynamic provider records `__provider` (a serialized module, shortened here) in both.
    // i18n-exempt: cloud content
    const provider = `exports.handler = __f0;\nfunction __f0() { return new rpc.Provider("Aws.${kind}"); }`;
    const r = this.b.custom("pulumi-nodejs:dynamic:Resource", `${name}.sst.aws.${kind}`, parent, {
      id,
      inputs: { __provider: provider, ...inputs },
      outputs: { __provider: provider, ...outputs },
    });
    r.provider = this.nodejsProvider();
    return r;
  }

  private nodejs: string | undefined;

  /** The default `pulumi-nodejs` provider dynamic resources use, added to the state once. */
  private nodejsProvider(): string {
    if (this.nodejs === undefined) {
      const urn = this.b.urn("pulumi:providers:pulumi-nodejs", "default");
      const id = this.uuid();
      this.b.resources.splice(2, 0, {
        urn,
        custom: true,
        id,
        type: "pulumi:providers:pulumi-nodejs",
        inputs: {},
        outputs: {},
      });
      this.nodejs = `${urn}::${id}`;
    }
    return this.nodejs;
  }
}

/** The typical app's components, built into one stage (docs/coverage/sst-resources.md §2, §3). */
export async function buildTypicalApp(
  t: TypicalAppBuilder,
  options: { filesRouterKilled?: boolean } = {},
): Promise<TypicalApp> {
  const b = t.b;
  const d = domainsOf(b.stage);
  /* Dynamo with a stream subscriber (§2.7) ------------------------------------------------------- */
  const dynamo = b.component("sst:aws:Dynamo", "Orders");
  const table = await t.table("Orders", dynamo, "OrdersTable", true);
  await t.subscriber("OrdersSubscriber1a2b3c", dynamo, (table.outputs as Obj).streamArn as string, {
    startingPosition: "LATEST",
    batchSize: 100,
  });
  /* Bucket with a function notification (§2.4) --------------------------------------------------- */
  const uploads = await t.bucket("Uploads");
  const notification = b.component("sst:aws:BucketNotification", "UploadsNotifications", uploads.component);
  const onUpload = await t.fn("UploadsNotificationsResized", notification);
  await t.permission("UploadsNotificationsResizedPermission", notification, onUpload.name, {
    action: "lambda:InvokeFunction",
    principal: "s3.amazonaws.com",
    sourceArn: `arn:aws:s3:::${uploads.name}`,
  });
  const notif: Obj = {
    bucket: uploads.name,
    lambdaFunctions: [{ events: ["s3:ObjectCreated:*"], id: "Resized", lambdaFunctionArn: onUpload.arn }],
  };
  await t.custom(
    "aws:s3/bucketNotification:BucketNotification",
    "UploadsNotificationsNotification",
    notification,
    {
      id: uploads.name,
      inputs: { __defaults: [], ...notif },
      outputs: { ...notif, id: uploads.name },
    },
  );
  /* Function with url and links (§2.1) ------------------------------------------------------------- */
  const api = await t.fn("Api", undefined, {
    url: true,
    environment: { SST_RESOURCE_Orders: JSON.stringify({ name: (table.inputs as Obj).name }) },
  });
  /* Queue with a subscriber (§2.5) ------------------------------------------------------------------- */
  const jobs = b.component("sst:aws:Queue", "Jobs");
  const queue = await t.queue("Jobs", jobs);
  const queueArn = (queue.outputs as Obj).arn as string;
  const { fn: queueSubscriber, mapping: queueMapping } = await t.subscriber(
    "JobsSubscriber4d5e6f",
    jobs,
    queueArn,
  );
  /* SnsTopic with a function subscriber (§2.6) --------------------------------------------------- */
  const events = b.component("sst:aws:SnsTopic", "Events");
  const topicName = b.physicalName("EventsTopic", 256);
  const topicArn = t.arn("sns", topicName);
  const topic = await t.custom("aws:sns/topic:Topic", "EventsTopic", events, {
    id: topicArn,
    inputs: t.tagged({ __defaults: [], fifoTopic: false, name: topicName }),
    outputs: t.tagged({ arn: topicArn, fifoTopic: false, id: topicArn, name: topicName, owner: t.account }),
  });
  const topicSub = b.component("sst:aws:SnsTopicLambdaSubscriber", "EventsSubscriberNotify", events);
  const notify = await t.fn("EventsSubscriberNotifyFunction", topicSub);
  await t.permission("EventsSubscriberNotifyPermission", topicSub, notify.name, {
    action: "lambda:InvokeFunction",
    principal: "sns.amazonaws.com",
    sourceArn: topicArn,
  });
  const subArn = `${topicArn}:${t.uuid()}`;
  const sub: Obj = { endpoint: notify.arn, protocol: "lambda", topic: topicArn };
  const subscription = await t.custom(
    "aws:sns/topicSubscription:TopicSubscription",
    "EventsSubscriberNotifySubscription",
    topicSub,
    {
      id: subArn,
      inputs: { __defaults: [], ...sub },
      outputs: {
        ...sub,
        arn: subArn,
        id: subArn,
        confirmationWasAuthenticated: true,
        ownerId: t.account,
        pendingConfirmation: false,
      },
    },
  );
  /* Email with a domain sender (§2.8) ---------------------------------------------------------------- */
  const mail = b.component("sst:aws:Email", "Mailer", undefined, { sender: d.sender });
  const configName = b.physicalName("MailerConfig", 64).toLowerCase();
  await t.custom("aws:sesv2/configurationSet:ConfigurationSet", "MailerConfig", mail, {
    id: configName,
    inputs: t.tagged({ __defaults: [], configurationSetName: configName }),
    outputs: t.tagged({
      arn: t.arn("ses", `configuration-set/${configName}`),
      configurationSetName: configName,
      id: configName,
    }),
  });
  await t.custom("aws:sesv2/emailIdentity:EmailIdentity", "MailerIdentity", mail, {
    id: d.sender,
    inputs: t.tagged({ __defaults: [], configurationSetName: configName, emailIdentity: d.sender }),
    outputs: t.tagged({
      arn: t.arn("ses", `identity/${d.sender}`),
      configurationSetName: configName,
      emailIdentity: d.sender,
      id: d.sender,
      identityType: "DOMAIN",
      verifiedForSendingStatus: false,
    }),
  });
  for (let i = 0; i < 3; i++) {
    const token = t.hex(32);
    await t.record(mail, `MailerDkimRecord${i}`, `${token}._domainkey.${d.sender}`, "CNAME", {
      records: [`${token}.dkim.amazonses.com`],
    });
  }
  await t.record(mail, "MailerDmarcRecord", `_dmarc.${d.sender}`, "TXT", { records: ["v=DMARC1; p=none;"] });
  await t.custom(
    "aws:ses/domainIdentityVerification:DomainIdentityVerification",
    "MailerVerification",
    mail,
    {
      id: d.sender,
      inputs: { __defaults: [], domain: d.sender },
      outputs: { arn: t.arn("ses", `identity/${d.sender}`), domain: d.sender, id: d.sender },
    },
  );
  /* Cron with a function job (§2.9) -------------------------------------------------------------------- */
  const cron = b.component("sst:aws:Cron", "Nightly");
  const ruleName = b.physicalName("NightlyRule", 64);
  await t.custom("aws:cloudwatch/eventRule:EventRule", "NightlyRule", cron, {
    id: ruleName,
    inputs: t.tagged({ __defaults: [], name: ruleName, scheduleExpression: "cron(0 3 * * ? *)" }),
    outputs: t.tagged({
      arn: t.arn("events", `rule/${ruleName}`),
      eventBusName: "default",
      id: ruleName,
      name: ruleName,
      scheduleExpression: "cron(0 3 * * ? *)",
      state: "ENABLED",
    }),
  });
  const handler = await t.fn("NightlyHandler", cron);
  await t.permission("NightlyPermission", cron, handler.name, {
    action: "lambda:InvokeFunction",
    principal: "events.amazonaws.com",
    sourceArn: t.arn("events", `rule/${ruleName}`),
  });
  const targetId = b.physicalName("NightlyTarget", 64);
  await t.custom("aws:cloudwatch/eventTarget:EventTarget", "NightlyTarget", cron, {
    id: `${ruleName}-${targetId}`,
    inputs: { __defaults: [], arn: handler.arn, rule: ruleName, targetId },
    outputs: {
      arn: handler.arn,
      eventBusName: "default",
      id: `${ruleName}-${targetId}`,
      rule: ruleName,
      targetId,
    },
  });
  /* ApiGatewayV2 with a custom domain (§2.10) ------------------------------------------------------- */
  const backend = await buildApi(t, d.api);
  /* CognitoUserPool with a client and a prefix domain (§2.11) --------------------------------------- */
  await buildAuth(t, d.auth);
  /* Nextjs (§2.2) and Router with a custom domain (§2.3) --------------------------------------------- */
  const site = await buildNextjs(t);
  await buildRouter(t, d.router, api);
  await buildFilesRouter(t, uploads.name, options.filesRouterKilled === true);
  /* sst.Secret (§2.12: no AWS resource) and the Secrets Manager secret users hit ------------------ */
  b.addSecret("StripeKey");
  const secretName = b.physicalName("StripeWebhookSecret", 512);
  const secretArn = t.arn("secretsmanager", `secret:${secretName}-${t.hex(6)}`);
  const secret = await t.custom(
    "aws:secretsmanager/secret:Secret",
    "StripeWebhookSecret",
    { urn: b.stackUrn } as Resource,
    {
      id: secretArn,
      inputs: t.tagged({ __defaults: [], name: secretName, recoveryWindowInDays: 30 }),
      outputs: t.tagged({ arn: secretArn, id: secretArn, name: secretName, recoveryWindowInDays: 30 }),
    },
  );
  /* User code the user-hit list names: an image repository and a KMS key with an alias. */
  const root = { urn: b.stackUrn } as Resource;
  const repoName = `${b.app}-${b.stage}-images`;
  const repository = await t.custom("aws:ecr/repository:Repository", "Images", root, {
    id: repoName,
    inputs: t.tagged({ __defaults: [], imageTagMutability: "MUTABLE", name: repoName }),
    outputs: t.tagged({
      arn: t.arn("ecr", `repository/${repoName}`),
      id: repoName,
      imageTagMutability: "MUTABLE",
      name: repoName,
      registryId: t.account,
      repositoryUrl: `${t.account}.dkr.ecr.${t.region}.amazonaws.com/${repoName}`,
    }),
  });
  const keyId = t.uuid();
  const key = await t.custom("aws:kms/key:Key", "DataKey", root, {
    id: keyId,
    inputs: t.tagged({ __defaults: [], description: `${b.app} ${b.stage} data`, deletionWindowInDays: 30 }),
    outputs: t.tagged({
      arn: t.arn("kms", `key/${keyId}`),
      description: `${b.app} ${b.stage} data`,
      id: keyId,
      keyId,
      keyUsage: "ENCRYPT_DECRYPT",
    }),
  });
  const aliasName = `alias/${b.app}-${b.stage}-data`;
  const alias = await t.custom("aws:kms/alias:Alias", "DataKeyAlias", root, {
    id: aliasName,
    inputs: { __defaults: [], name: aliasName, targetKeyId: key.id as string },
    outputs: {
      arn: t.arn("kms", aliasName),
      id: aliasName,
      name: aliasName,
      targetKeyArn: (key.outputs as Obj).arn as string,
      targetKeyId: key.id as string,
    },
    dependsOn: [key],
  });
  return {
    b,
    zoneId: t.zoneId,
    repository,
    alias,
    api,
    queue,
    queueSubscriber,
    queueMapping,
    topic,
    subscription,
    table,
    cachePolicy: site.cachePolicy,
    kvStore: site.kvStore,
    apiDomain: backend.domain,
    secret,
  };
}

async function buildApi(t: TypicalAppBuilder, domain: string): Promise<{ domain: Resource }> {
  const b = t.b;
  const component = b.component("sst:aws:ApiGatewayV2", "Backend");
  const apiName = b.physicalName("BackendApi", 128);
  const apiId = t.hex(10);
  const api = await t.custom("aws:apigatewayv2/api:Api", "BackendApi", component, {
    id: apiId,
    inputs: t.tagged({ __defaults: [], name: apiName, protocolType: "HTTP" }),
    outputs: t.tagged({
      apiEndpoint: `https://${apiId}.execute-api.${t.region}.amazonaws.com`,
      arn: `arn:aws:apigateway:${t.region}::/apis/${apiId}`,
      id: apiId,
      name: apiName,
      protocolType: "HTTP",
    }),
  });
  const realApiId = api.id as string;
  const accessLog = `/aws/vendedlogs/apis/${b.physicalName("Backend", 64)}`;
  await t.custom("aws:cloudwatch/logGroup:LogGroup", "BackendAccessLog", component, {
    id: accessLog,
    inputs: t.tagged({ __defaults: [], name: accessLog, retentionInDays: 30 }),
    outputs: t.tagged({
      arn: t.arn("logs", `log-group:${accessLog}`),
      id: accessLog,
      name: accessLog,
      retentionInDays: 30,
    }),
  });
  await t.custom("aws:apigatewayv2/stage:Stage", "BackendStage", component, {
    id: "$default",
    inputs: t.tagged({ __defaults: [], apiId: realApiId, autoDeploy: true, name: "$default" }),
    outputs: t.tagged({ apiId: realApiId, autoDeploy: true, id: "$default", name: "$default" }),
    dependsOn: [api],
  });
  const cert = await t.certificate(component, "Backend", domain);
  const domainName = await t.custom(
    "aws:apigatewayv2/domainName:DomainName",
    "BackendDomainName",
    component,
    {
      id: domain,
      inputs: t.tagged({
        __defaults: [],
        domainName: domain,
        domainNameConfiguration: {
          certificateArn: cert.id as string,
          endpointType: "REGIONAL",
          securityPolicy: "TLS_1_2",
        },
      }),
      outputs: t.tagged({
        arn: `arn:aws:apigateway:${t.region}::/domainnames/${domain}`,
        domainName: domain,
        domainNameConfiguration: {
          certificateArn: cert.id as string,
          endpointType: "REGIONAL",
          hostedZoneId: "Z1UJRXOUMOOFQ8",
          securityPolicy: "TLS_1_2",
          targetDomainName: `d-${t.hex(10)}.execute-api.${t.region}.amazonaws.com`,
        },
        id: domain,
      }),
      dependsOn: [cert],
    },
  );
  const target = (domainName.outputs as { domainNameConfiguration: { targetDomainName: string } })
    .domainNameConfiguration.targetDomainName;
  for (const type of ["A", "AAAA"]) {
    await t.record(component, `Backend${type}Record${domain.replace(/[^a-zA-Z0-9]/g, "")}`, domain, type, {
      alias: { name: target, zoneId: "Z1UJRXOUMOOFQ8" },
    });
  }
  const mappingId = t.hex(6);
  await t.custom("aws:apigatewayv2/apiMapping:ApiMapping", "BackendDomainMapping", component, {
    id: mappingId,
    inputs: { __defaults: [], apiId: realApiId, apiMappingKey: "", domainName: domain, stage: "$default" },
    outputs: { apiId: realApiId, apiMappingKey: "", domainName: domain, id: mappingId, stage: "$default" },
    dependsOn: [api, domainName],
  });
  // One route: `GET /orders` to a Function.
  const route = b.component("sst:aws:ApiGatewayV2LambdaRoute", "BackendRouteAbcdef", component);
  const handler = await t.fn("BackendRouteAbcdefHandler", route);
  await t.permission("BackendRouteAbcdefPermissions", route, handler.name, {
    action: "lambda:InvokeFunction",
    principal: "apigateway.amazonaws.com",
    sourceArn: `${t.arn("execute-api", realApiId)}/*`,
  });
  const integration = await t.custom(
    "aws:apigatewayv2/integration:Integration",
    "BackendRouteAbcdefIntegration",
    route,
    {
      id: t.hex(7),
      inputs: {
        __defaults: [],
        apiId: realApiId,
        integrationType: "AWS_PROXY",
        integrationUri: handler.arn,
        payloadFormatVersion: "2.0",
      },
      outputs: {
        apiId: realApiId,
        id: "",
        integrationType: "AWS_PROXY",
        integrationUri: handler.arn,
        payloadFormatVersion: "2.0",
      },
    },
  );
  (integration.outputs as Obj).id = integration.id as string;
  await t.custom("aws:apigatewayv2/route:Route", "BackendRouteAbcdefRoute", route, {
    id: t.hex(7),
    inputs: {
      __defaults: [],
      apiId: realApiId,
      routeKey: "GET /orders",
      target: `integrations/${integration.id as string}`,
    },
    outputs: {
      apiId: realApiId,
      routeKey: "GET /orders",
      target: `integrations/${integration.id as string}`,
    },
  });
  return { domain: domainName };
}

async function buildAuth(t: TypicalAppBuilder, prefix: string): Promise<void> {
  const b = t.b;
  const component = b.component("sst:aws:CognitoUserPool", "Auth");
  const poolName = b.physicalName("AuthUserPool", 128);
  const poolId = `${t.region}_${t.hex(9)}`;
  const pool = await t.custom("aws:cognito/userPool:UserPool", "AuthUserPool", component, {
    id: poolId,
    inputs: t.tagged({ __defaults: [], name: poolName, usernameAttributes: ["email"] }),
    outputs: t.tagged({
      arn: t.arn("cognito-idp", `userpool/${poolId}`),
      endpoint: `cognito-idp.${t.region}.amazonaws.com/${poolId}`,
      id: poolId,
      name: poolName,
      usernameAttributes: ["email"],
    }),
  });
  const realPool = pool.id as string;
  const client = b.component("sst:aws:CognitoUserPoolClient", "AuthWeb", component);
  await t.custom("aws:cognito/userPoolClient:UserPoolClient", "AuthWebClient", client, {
    id: t.hex(26),
    inputs: { __defaults: [], name: "Web", userPoolId: realPool },
    outputs: { name: "Web", userPoolId: realPool },
  });
  await t.custom("aws:cognito/userPoolDomain:UserPoolDomain", "AuthDomain", component, {
    id: prefix,
    inputs: { __defaults: [], domain: prefix, userPoolId: realPool },
    outputs: {
      cloudfrontDistribution: `d${t.hex(13)}.cloudfront.net`,
      domain: prefix,
      id: prefix,
      userPoolId: realPool,
    },
  });
}

async function buildNextjs(t: TypicalAppBuilder): Promise<{ cachePolicy: Resource; kvStore: Resource }> {
  const b = t.b;
  const web = b.component("sst:aws:Nextjs", "Web");
  await t.bucket("WebAssets", web);
  const server = await t.fn("WebServerUseast1", web, { url: true });
  const image = await t.fn("WebImageOptimizer", web, { url: true });
  const revalidation = b.component("sst:aws:Queue", "WebRevalidationEvents", web);
  const rq = await t.queue("WebRevalidationEvents", revalidation, true);
  await t.subscriber(
    "WebRevalidationEventsSubscriber7a8b9c",
    revalidation,
    (rq.outputs as Obj).arn as string,
  );
  const rtable = await t.table("Web", web, "WebRevalidationTable", false);
  const seeder = await t.fn("WebRevalidationSeeder", web);
  await t.custom("aws:lambda/invocation:Invocation", "WebRevalidationSeed", web, {
    // terraform-provider-aws (internal/service/lambda/invocation.go, schema version 1): function,
    // qualifier and the md5 of the payload joined by flex.FlattenResourceId's ",".
    id: `${seeder.name},$LATEST,${t.hex(32)}`,
    inputs: { __defaults: [], functionName: seeder.name, input: JSON.stringify({ RequestType: "Create" }) },
    outputs: { functionName: seeder.name, result: "{}" },
    dependsOn: [rtable, seeder.fn],
  });
  const policyName = `WebServerCachePolicy-${t.hex(7)}`;
  const policyId = t.uuid();
  const ttl: Obj = { defaultTtl: 0, maxTtl: 31536000, minTtl: 0 };
  const cachePolicy = await t.custom("aws:cloudfront/cachePolicy:CachePolicy", "WebServerCachePolicy", web, {
    id: policyId,
    // i18n-exempt: cloud content
    inputs: { __defaults: ["name"], comment: "SST server response cache policy", name: policyName, ...ttl },
    outputs: {
      // i18n-exempt: cloud content
      comment: "SST server response cache policy",
      etag: `E${t.hex(13).toUpperCase()}`,
      id: policyId,
      name: policyName,
      ...ttl,
    },
  });
  const kvName = b.physicalName("WebKvStore", 64);
  const kvStore = await t.custom("aws:cloudfront/keyValueStore:KeyValueStore", "WebKvStore", web, {
    id: kvName,
    inputs: { __defaults: [], comment: "", name: kvName },
    outputs: {
      arn: `arn:aws:cloudfront::${t.account}:key-value-store/${t.uuid()}`,
      comment: "",
      etag: `E${t.hex(13).toUpperCase()}`,
      id: kvName,
      name: kvName,
    },
  });
  const cfName = b.physicalName("WebCloudfrontFunctionRequest", 64);
  // i18n-exempt: cloud content
  const code = "async function handler(event) {\n  return event.request;\n}";
  const cfFunction = await t.custom("aws:cloudfront/function:Function", "WebCloudfrontFunctionRequest", web, {
    id: cfName,
    inputs: {
      __defaults: [],
      code,
      keyValueStoreAssociations: [(kvStore.outputs as Obj).arn as string],
      name: cfName,
      publish: true,
      runtime: "cloudfront-js-2.0",
    },
    outputs: {
      arn: `arn:aws:cloudfront::${t.account}:function/${cfName}`,
      code,
      id: cfName,
      name: cfName,
      publish: true,
      runtime: "cloudfront-js-2.0",
      status: "UNASSOCIATED",
    },
  });
  const cdn = b.component("sst:aws:CDN", "WebCdn", web);
  await distribution(t, cdn, "WebCdn", [], cfFunction, [server.fn, image.fn]);
  for (const kind of ["BucketFiles", "KvKeys", "DistributionInvalidation"]) {
    t.dynamic(
      web,
      `Web${kind === "BucketFiles" ? "AssetFiles" : kind === "KvKeys" ? "KvKeys" : "Invalidation"}`,
      kind,
      {},
    );
  }
  return { cachePolicy, kvStore };
}

async function distribution(
  t: TypicalAppBuilder,
  cdn: Resource,
  name: string,
  aliases: string[],
  cfFunction: Resource,
  after: Resource[],
  certificateArn?: string,
): Promise<Resource> {
  const cfName = (cfFunction.inputs as Obj).name as string;
  const distributionId = `E${t.hex(13).toUpperCase()}`;
  const d = await t.custom("aws:cloudfront/distribution:Distribution", `${name}Distribution`, cdn, {
    id: distributionId,
    inputs: t.tagged({
      __defaults: [],
      aliases,
      comment: `${t.b.app} ${t.b.stage} ${name}`,
      defaultCacheBehavior: {
        allowedMethods: ["GET", "HEAD", "OPTIONS"],
        cachedMethods: ["GET", "HEAD"],
        functionAssociations: [
          { eventType: "viewer-request", functionArn: `arn:aws:cloudfront::${t.account}:function/${cfName}` },
        ],
        targetOriginId: "default",
        viewerProtocolPolicy: "redirect-to-https",
      },
      enabled: true,
      ...(certificateArn === undefined
        ? {}
        : { viewerCertificate: { acmCertificateArn: certificateArn, sslSupportMethod: "sni-only" } }),
    }),
    outputs: t.tagged({
      aliases,
      arn: `arn:aws:cloudfront::${t.account}:distribution/${distributionId}`,
      domainName: `d${t.hex(13)}.cloudfront.net`,
      enabled: true,
      etag: `E${t.hex(13).toUpperCase()}`,
      id: distributionId,
      status: "Deployed",
    }),
    dependsOn: [cfFunction, ...after],
  });
  t.dynamic(cdn, `${name}Waiter`, "DistributionDeploymentWaiter", { distributionId: d.id as string });
  return d;
}

async function buildRouter(t: TypicalAppBuilder, domain: string, api: Fn): Promise<void> {
  const b = t.b;
  const router = b.component("sst:aws:Router", "Router");
  const kvName = b.physicalName("RouterKvStore", 64);
  const kv = await t.custom("aws:cloudfront/keyValueStore:KeyValueStore", "RouterKvStore", router, {
    id: kvName,
    inputs: { __defaults: [], comment: "", name: kvName },
    outputs: {
      arn: `arn:aws:cloudfront::${t.account}:key-value-store/${t.uuid()}`,
      comment: "",
      id: kvName,
      name: kvName,
    },
  });
  const cfName = b.physicalName("RouterCloudfrontFunctionRequest", 64);
  // i18n-exempt: cloud content
  const code = "async function handler(event) {\n  return event.request;\n}";
  const cf = await t.custom("aws:cloudfront/function:Function", "RouterCloudfrontFunctionRequest", router, {
    id: cfName,
    inputs: {
      __defaults: [],
      code,
      keyValueStoreAssociations: [(kv.outputs as Obj).arn as string],
      name: cfName,
      publish: true,
      runtime: "cloudfront-js-2.0",
    },
    outputs: {
      arn: `arn:aws:cloudfront::${t.account}:function/${cfName}`,
      code,
      id: cfName,
      name: cfName,
      publish: true,
      runtime: "cloudfront-js-2.0",
    },
  });
  const policyName = `RouterServerCachePolicy-${t.hex(7)}`;
  const ttl: Obj = { defaultTtl: 0, maxTtl: 31536000, minTtl: 0 };
  await t.custom("aws:cloudfront/cachePolicy:CachePolicy", "RouterServerCachePolicy", router, {
    id: t.uuid(),
    inputs: { __defaults: ["name"], comment: "", name: policyName, ...ttl },
    outputs: { comment: "", name: policyName, ...ttl },
  });
  const cdn = b.component("sst:aws:CDN", "RouterCdn", router);
  const cert = await t.certificate(cdn, "RouterCdn", domain);
  const dist = await distribution(t, cdn, "RouterCdn", [domain], cf, [], cert.id as string);
  const target = (dist.outputs as Obj).domainName as string;
  for (const type of ["A", "AAAA"]) {
    await t.record(cdn, `RouterCdn${type}Record${domain.replace(/[^a-zA-Z0-9]/g, "")}`, domain, type, {
      alias: { name: target, zoneId: "Z2FDTNDATAQYW2" },
    });
  }
  // The Api function routed through the router: a KvRoutesUpdate of its own.
  t.dynamic(api.component, "ApiRoutesUpdate", "KvRoutesUpdate", { store: (kv.outputs as Obj).arn as string });
}

/**
 * A second Router, `Files`, with an inline bucket route to the uploads bucket (§2.3, inline routes):
 * its S3 access goes through an origin access control that SST's own provider creates — the
 * `RouterS3AccessControl.sst.aws.OriginAccessControl` dynamic entry of sst#4118. Not in §3's typical
 * app (whose Router uses lazy routes); here for that user-hit case.
 */
async function buildFilesRouter(t: TypicalAppBuilder, bucket: string, killed = false): Promise<void> {
  const b = t.b;
  const router = b.component("sst:aws:Router", "Files");
  const oacName = b.physicalName("Files", 64);
  const oac = t.dynamic(
    router,
    "FilesS3AccessControl",
    "OriginAccessControl",
    { name: oacName },
    {},
    `E${t.hex(13).toUpperCase()}`,
  );
  await t.made(oac);
  const cfName = b.physicalName("FilesCloudfrontFunctionRequest", 64);
  // i18n-exempt: cloud content
  const code = `async function handler(event) {\n  // /files/* -> s3://${bucket}\n  return event.request;\n}`;
  const cf = await t.custom("aws:cloudfront/function:Function", "FilesCloudfrontFunctionRequest", router, {
    id: cfName,
    inputs: { __defaults: [], code, name: cfName, publish: true, runtime: "cloudfront-js-2.0" },
    outputs: {
      arn: `arn:aws:cloudfront::${t.account}:function/${cfName}`,
      code,
      id: cfName,
      name: cfName,
      publish: true,
      runtime: "cloudfront-js-2.0",
    },
  });
  // A deploy killed while the OAC was being created got no further: no distribution yet.
  if (killed) return;
  const cdn = b.component("sst:aws:CDN", "FilesCdn", router);
  await distribution(t, cdn, "FilesCdn", [], cf, [oac]);
}

/** Where a stage's state lives, and how it is written (a versioned bucket: every write is a version). */
export async function makeTypicalHome(clients: Clients): Promise<string> {
  await makeSstHome(clients, TYPICAL.region, TYPICAL.stateBucket, TYPICAL.assetBucket);
  const zone = await clients
    .route53()
    .send(new CreateHostedZoneCommand({ Name: TYPICAL.zone, CallerReference: "shop-zone" }));
  return zone.HostedZone!.Id!.replace("/hostedzone/", "");
}

/** Writes a stage's state (and its snapshot, as SST does at the end of an update). */
export async function writeTypicalState(
  clients: Clients,
  b: SstStateBuilder,
  at: Date,
  random: string,
): Promise<void> {
  const bytes = toBytes(b.versioned());
  const s3 = clients.s3(TYPICAL.region);
  const id = makeUpdateId(at, random);
  await s3.send(
    new PutObjectCommand({
      Bucket: TYPICAL.stateBucket,
      Key: sstKeys.state(b.app, b.stage),
      Body: bytes,
      ContentType: "application/json",
    }),
  );
  await s3.send(
    new PutObjectCommand({
      Bucket: TYPICAL.stateBucket,
      Key: sstKeys.snapshot(b.app, b.stage, id),
      Body: bytes,
      ContentType: "application/json",
    }),
  );
}

/** Seeds a healthy stage of the typical app: its state written, everything in it created in the cloud. */
export async function seedTypicalStage(
  clients: Clients,
  more: MoreClients,
  stage: string,
  account: string,
  zoneId: string,
  seed: number,
): Promise<TypicalApp> {
  const t = new TypicalAppBuilder(
    stage,
    account,
    zoneId,
    (r) => materializeTypical(r, TYPICAL.region, clients, more),
    seed,
  );
  const app = await buildTypicalApp(t);
  await writeTypicalState(clients, app.b, new Date(Date.parse(app.b.time) - 86_400_000), "5e6f7a01aa5b");
  return app;
}

/** Builds a stage's state without any cloud (ids are stand-ins): for counting what the app holds. */
export async function typicalAppState(
  stage = TYPICAL.healthy,
  account = "123456789012",
): Promise<TypicalApp> {
  return buildTypicalApp(new TypicalAppBuilder(stage, account, "Z0123456789ABCDEFGHIJ"));
}

export { Clients, MoreClients, type Endpoint };

/* The broken stage ----------------------------------------------------------------------------- */

/** One way the broken stage is broken: what doctor must report, and the real log a deploy shows. */
export interface Breakage {
  id: number;
  title: string;
  /** The doctor rule that must report it. */
  rule: string;
  /** The Pulumi type and the name doctor must name the resource by. */
  type: string;
  name: string;
  /** The real "already exists" log text for it (test/fixtures/already-exists/), where one exists. */
  log?: string;
  /** The type such a log shows, where not the state's token (SST's own providers show their component type). */
  logType?: string;
  /** Where the case comes from (the user report it reproduces). */
  source: string;
  /** An orphan the stage wants back (its adopt is the fix, not the cleanup). */
  keep?: boolean;
  /** Other findings the same breakage makes (the pending create an orphan belongs to). */
  also?: { rule: string; type: string; name: string }[];
  /** The stages doctor finds it on, when not the broken stage (removed preview stages): one name each. */
  stages?: { stage: string; name: string }[];
}

const tagPairs = (tags: Record<string, string>) =>
  Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

/** Turns a built entry into the pending create a killed deploy leaves: same URN, inputs only. */
function toPendingCreate(b: SstStateBuilder, r: Resource): Resource {
  b.resources.splice(b.resources.indexOf(r), 1);
  const pending: Resource = {
    urn: r.urn,
    custom: true,
    type: r.type,
    inputs: r.inputs,
    parent: r.parent,
    provider: r.provider,
  };
  b.pending.push({ resource: pending, type: "creating" });
  return pending;
}

const prop = (r: Resource, k: string): string =>
  ((r.inputs as Obj)[k] ?? (r.outputs as Obj | undefined)?.[k]) as string;

/**
 * Seeds the broken stage: first deployed whole (with a Sessions table kept by `removal: retain`),
 * then broken in twenty user-hit ways (the issue asks for ten). Returns what doctor must find.
 */
export async function seedBrokenStage(
  clients: Clients,
  more: MoreClients,
  account: string,
  zoneId: string,
): Promise<{ app: TypicalApp; breakages: Breakage[] }> {
  const stage = TYPICAL.broken;
  const region = TYPICAL.region;
  const t = new TypicalAppBuilder(
    stage,
    account,
    zoneId,
    (r) => materializeTypical(r, region, clients, more),
    22,
  );
  // The Files router is new in the deploy that breakage 18 kills.
  const app = await buildTypicalApp(t, { filesRouterKilled: true });
  const b = app.b;
  // A Sessions table with removal "retain" (deployed, then removed from the code: case 8).
  const sessions = b.addDynamo("Sessions", { retain: true });
  await materializeMore(sessions.table, region, clients, more);
  const deployed = new Date(Date.parse(b.time) - 7 * 86_400_000);
  await writeTypicalState(clients, b, deployed, "6f7a8b01bb5b");
  b.remove(sessions.component);
  const out: Breakage[] = [];
  const fn = (r: Resource) => prop(r, "function") ?? prop(r, "functionName");

  // 1. A deploy killed after CloudFront created the site's cache policy (its name exists, sst#4051/#4118's kind).
  const policy = toPendingCreate(b, app.cachePolicy);
  out.push({
    id: 1,
    // i18n-exempt: scenario data (printed through sandbox.case.*)
    title: "pending create of a CloudFront cache policy whose name exists",
    rule: "pending-create",
    type: policy.type as string,
    name: prop(policy, "name"),
    log: "cloudfront-cache-policy-cfn.log",
    source: "anomalyco/sst#4051",
  });
  // 2. The image optimizer's function URL was created, the deploy killed before Pulumi recorded it.
  const urlEntry = b.resources.find(
    (r) => r.type === "aws:lambda/functionUrl:FunctionUrl" && r.urn.endsWith("::WebImageOptimizerUrl"),
  )!;
  const url = toPendingCreate(b, urlEntry);
  out.push({
    id: 2,
    // i18n-exempt: scenario data (printed through sandbox.case.*)
    title: "pending create of a Lambda function URL the function already has",
    rule: "pending-create",
    type: url.type as string,
    name: prop(url, "functionName"),
    log: "lambda-function-url-config-exists.log",
    source: "lambda-function-url-config-exists.log (SOURCES.md)",
  });
  // 3. The cron's permission: AddPermission ran, the state did not record it.
  const permEntry = b.resources.find(
    (r) => r.type === "aws:lambda/permission:Permission" && r.urn.endsWith("::NightlyPermission"),
  )!;
  const perm = toPendingCreate(b, permEntry);
  out.push({
    id: 3,
    // i18n-exempt: scenario data (printed through sandbox.case.*)
    title: "pending create of a Lambda permission whose statement id exists",
    rule: "pending-create",
    type: perm.type as string,
    name: `${fn(perm)}/${prop(perm, "statementId")}`,
    log: "lambda-permission.log",
    source: "lambda-permission.log (SOURCES.md)",
  });
  // 4. The webhook secret: the stage was torn down (the secret went into its recovery window), now re-created.
  const secretName = prop(app.secret, "name");
  await more.secrets(region).send(new DeleteSecretCommand({ SecretId: secretName, RecoveryWindowInDays: 7 }));
  const secret = toPendingCreate(b, app.secret);
  out.push({
    id: 4,
    // i18n-exempt: scenario data (printed through sandbox.case.*)
    title: "pending create of a secret whose name is scheduled for deletion",
    rule: "pending-create",
    type: secret.type as string,
    name: secretName,
    log: "secretsmanager-secret-scheduled-for-deletion.log",
    source: "pulumi/pulumi#4172",
  });
  // 5. An old subscription of the topic (a queue subscriber since removed) that no state holds (sst#4259).
  const topicArn = app.topic.id as string;
  const oldQueue = await more.sqs(region).send(
    new CreateQueueCommand({
      QueueName: b.physicalName("AuditQueue", 80),
      tags: b.tags() as Record<string, string>,
    }),
  );
  const oldQueueArn = t.arn("sqs", oldQueue.QueueUrl!.split("/").pop()!);
  await more.sns(region).send(
    new SubscribeCommand({
      TopicArn: topicArn,
      Protocol: "sqs",
      Endpoint: oldQueueArn,
      ReturnSubscriptionArn: true,
    }),
  );
  const topicName = prop(app.topic, "name");
  out.push({
    id: 5,
    // i18n-exempt: scenario data (printed through sandbox.case.*)
    title: "SNS subscription left on the stage's topic, in no state",
    rule: "orphan",
    type: "aws:sns/topicSubscription:TopicSubscription",
    name: `${topicName}|sqs|${oldQueueArn}`,
    log: "sns-topic-subscription.log",
    source: "anomalyco/sst#4259",
  });
  // 6. That queue itself: tagged for the stage, in no state.
  out.push({
    id: 6,
    // i18n-exempt: scenario data (printed through sandbox.case.*)
    title: "SQS queue of the stage in no state",
    rule: "orphan",
    type: "aws:sqs/queue:Queue",
    name: oldQueueArn.split(":").pop()!,
    log: "sqs-queue.log",
    source: "sqs-queue.log (SOURCES.md)",
  });
  // 7. An event source mapping from the queue subscriber to that queue, left by an interrupted remove.
  await more.lambda(region).send(
    new CreateEventSourceMappingCommand({
      FunctionName: app.queueSubscriber.name,
      EventSourceArn: oldQueueArn,
      BatchSize: 10,
    }),
  );
  out.push({
    id: 7,
    // i18n-exempt: scenario data (printed through sandbox.case.*)
    title: "event source mapping of a stage's function in no state",
    rule: "orphan",
    type: "aws:lambda/eventSourceMapping:EventSourceMapping",
    name: `${app.queueSubscriber.name}|${oldQueueArn}`,
    log: "lambda-event-source-mapping-sqs.log",
    source: "lambda-event-source-mapping-sqs.log (SOURCES.md)",
  });
  // 8. The Sessions table, kept by removal "retain" after it left the code.
  out.push({
    id: 8,
    // i18n-exempt: scenario data (printed through sandbox.case.*)
    title: "DynamoDB table kept by removal: retain, in no state",
    rule: "retained-leftover",
    type: "aws:dynamodb/table:Table",
    name: prop(sessions.table, "name"),
    log: "dynamodb-table.log",
    source: "dynamodb-table.log (SOURCES.md)",
  });
  // 9. The API's access log group, deleted by hand in the console: the state still holds it.
  const accessLog = b.resources.find((r) => r.urn.endsWith("::BackendAccessLog"))!;
  await clients.logs(region).send(new DeleteLogGroupCommand({ logGroupName: prop(accessLog, "name") }));
  out.push({
    id: 9,
    // i18n-exempt: scenario data (printed through sandbox.case.*)
    title: "log group deleted by hand, still in state",
    rule: "stale",
    type: accessLog.type as string,
    name: prop(accessLog, "name"),
    // i18n-exempt: scenario data: where the case comes from
    source: "acme case 6's kind, on the API's access log",
  });
  // 10. The API's custom domain hard-coded to production's: the replacement's create meets production's domain.
  const production = domainsOf(TYPICAL.healthy).api;
  const domainEntry = app.apiDomain;
  const replacement: Resource = {
    urn: domainEntry.urn,
    custom: true,
    type: domainEntry.type,
    inputs: { ...(domainEntry.inputs as Obj), domainName: production },
    parent: domainEntry.parent,
    provider: domainEntry.provider,
  };
  b.pending.push({ resource: replacement, type: "creating" });
  out.push({
    id: 10,
    // i18n-exempt: scenario data (printed through sandbox.case.*)
    title: "API custom domain hard-coded to another stage's, pending create",
    rule: "name-taken",
    type: domainEntry.type as string,
    name: production,
    // i18n-exempt: scenario data: where the case comes from
    source: "issue 15: API Gateway custom domains",
  });
  // 11. The Router's distribution was created, the deploy killed before Pulumi recorded it: the next
  // deploy's create fails with CNAMEAlreadyExists, the alias being held by that distribution (sst#6167).
  const distEntry = b.resources.find((r) => r.urn.endsWith("::RouterCdnDistribution"))!;
  const liveDistribution = distEntry.id as string;
  toPendingCreate(b, distEntry);
  out.push({
    id: 11,
    // i18n-exempt: scenario data (printed through sandbox.case.*)
    title: "distribution alias held by a distribution in no state (a killed deploy's)",
    rule: "orphan",
    type: distEntry.type as string,
    name: liveDistribution,
    log: "cloudfront-distribution-cname.log",
    source: "anomalyco/sst#6167",
    keep: true,
    also: [{ rule: "pending-operation", type: distEntry.type as string, name: "RouterCdnDistribution" }],
  });
  // 12. The mailer's configuration set: created, the deploy killed before Pulumi recorded it.
  const configEntry = b.resources.find((r) => r.urn.endsWith("::MailerConfig"))!;
  const config = toPendingCreate(b, configEntry);
  out.push({
    id: 12,
    // i18n-exempt: scenario data (printed through sandbox.case.*)
    title: "pending create of an SES configuration set whose name exists",
    rule: "pending-create",
    type: config.type as string,
    name: prop(config, "configurationSetName"),
    log: "ses-configuration-set.log",
    // The one real text is Terraform's for the SES v1 resource (aws_ses_configuration_set): explain
    // names that log's own type; the same wording without Terraform's heading maps to SST's sesv2 one.
    logType: "aws:ses/configurationSet:ConfigurationSet",
    // i18n-exempt: scenario data: where the case comes from
    source: "issue 15: SES configuration sets",
  });
  // 13. The cron's rule: PutRule ran (it takes over silently), the state did not record it.
  const ruleEntry = b.resources.find((r) => r.urn.endsWith("::NightlyRule"))!;
  const rule = toPendingCreate(b, ruleEntry);
  out.push({
    id: 13,
    // i18n-exempt: scenario data (printed through sandbox.case.*)
    title: "pending create of an EventBridge rule whose name exists",
    rule: "pending-create",
    type: rule.type as string,
    name: prop(rule, "name"),
    log: "eventbridge-rule.log",
    // i18n-exempt: scenario data: where the case comes from
    source: "issue 15: EventBridge rules",
  });
  // 14. The user pool's prefix domain hard-coded to production's: the replacement meets production's domain.
  const authEntry = b.resources.find((r) => r.urn.endsWith("::AuthDomain"))!;
  const productionAuth = domainsOf(TYPICAL.healthy).auth;
  b.pending.push({
    resource: {
      urn: authEntry.urn,
      custom: true,
      type: authEntry.type,
      inputs: { ...(authEntry.inputs as Obj), domain: productionAuth },
      parent: authEntry.parent,
      provider: authEntry.provider,
    },
    type: "creating",
  });
  out.push({
    id: 14,
    // i18n-exempt: scenario data (printed through sandbox.case.*)
    title: "Cognito domain prefix hard-coded to another stage's, pending create",
    rule: "name-taken",
    type: authEntry.type as string,
    name: productionAuth,
    log: "cognito-user-pool-domain.log",
    // i18n-exempt: scenario data: where the case comes from
    source: "issue 15: Cognito domains",
  });
  // 15. A KeyValueStore a killed deploy made (SST's generated name, the stage's prefix), in no state.
  const kvName = b.physicalName("WebKvStore", 64);
  await clients.cloudfront().send(new CreateKeyValueStoreCommand({ Name: kvName, Comment: "" }));
  out.push({
    id: 15,
    // i18n-exempt: scenario data (printed through sandbox.case.*)
    title: "CloudFront KeyValueStore of the stage in no state",
    rule: "orphan",
    type: "aws:cloudfront/keyValueStore:KeyValueStore",
    name: kvName,
    // i18n-exempt: scenario data: where the case comes from
    source: "issue 15: CloudFront KeyValueStores (opennextjs-aws#1174: the 50-store quota)",
  });
  // 16. A certificate for a domain the stage no longer uses, tagged for it, in no state.
  const oldCert = await more.acm(region).send(
    new RequestCertificateCommand({
      DomainName: `old.${domainsOf(stage).sender}`,
      ValidationMethod: "DNS",
      Tags: tagPairs(b.tags() as Record<string, string>),
    }),
  );
  out.push({
    id: 16,
    // i18n-exempt: scenario data (printed through sandbox.case.*)
    title: "ACM certificate of the stage in no state",
    rule: "orphan",
    type: "aws:acm/certificate:Certificate",
    name: oldCert.CertificateArn!,
    source: "issue 15: ACM certificates",
  });
  // 17. The cache-policy quota (sst#4667): eight preview stages, each removed by an `sst remove` that
  // could not delete its two policies (a distribution still used them), hold 16 of the account's 20;
  // with production's two and staging's two, CreateCachePolicy fails with TooManyCachePolicies. Each
  // preview stage's state is empty and its history names its policies: doctor finds them there.
  const leftovers = await seedRemovedPreviews(clients, more, account, zoneId);
  out.push({
    id: 17,
    // i18n-exempt: scenario data (printed through sandbox.case.*)
    title: "cache-policy quota used up by removed preview stages' leftover policies",
    rule: "orphan",
    type: "aws:cloudfront/cachePolicy:CachePolicy",
    name: leftovers[0]!.name,
    source: "anomalyco/sst#4667",
    stages: leftovers,
  });
  // 18. The Files router's origin access control: SST's provider created it, the deploy was killed
  // before Pulumi recorded it; the next create fails with OriginAccessControlAlreadyExists (sst#4118).
  const oacEntry = b.resources.find((r) =>
    r.urn.endsWith("::FilesS3AccessControl.sst.aws.OriginAccessControl"),
  )!;
  const oac = toPendingCreate(b, oacEntry);
  out.push({
    id: 18,
    // i18n-exempt: scenario data (printed through sandbox.case.*)
    title: "pending create of SST's origin access control whose OAC exists",
    rule: "pending-create",
    type: oac.type as string,
    name: prop(oac, "name"),
    log: "cloudfront-origin-access-control.log",
    logType: "sst:aws:OriginAccessControl",
    source: "anomalyco/sst#4118",
  });
  // 19. The image repository: created, the deploy killed before Pulumi recorded it.
  const repo = toPendingCreate(b, app.repository);
  out.push({
    id: 19,
    // i18n-exempt: scenario data (printed through sandbox.case.*)
    title: "pending create of an ECR repository whose name exists",
    rule: "pending-create",
    type: repo.type as string,
    name: prop(repo, "name"),
    log: "ecr-repository.log",
    source: "issue 15: ECR repositories",
  });
  // 20. The key's alias: created, the deploy killed before Pulumi recorded it.
  const alias = toPendingCreate(b, app.alias);
  out.push({
    id: 20,
    // i18n-exempt: scenario data (printed through sandbox.case.*)
    title: "pending create of a KMS alias whose name exists",
    rule: "pending-create",
    type: alias.type as string,
    name: prop(alias, "name"),
    log: "kms-alias.log",
    source: "issue 15: KMS aliases",
  });
  await writeTypicalState(clients, b, new Date(Date.parse(b.time)), "6f7a8b02bb58");
  return { app, breakages: out };
}

/**
 * Seeds the whole scenario — the healthy stage and the broken one — into the cloud at `endpoint`, in
 * the shape `stateward sandbox` reports (`SeedResult`, as acme's), with one case per breakage.
 */
export async function seedTypicalApp(endpoint: Endpoint, accountId: string): Promise<SeedResult> {
  const clients = new Clients(endpoint);
  const more = new MoreClients(endpoint);
  try {
    const zoneId = await makeTypicalHome(clients);
    await seedTypicalStage(clients, more, TYPICAL.healthy, accountId, zoneId, 11);
    const { breakages } = await seedBrokenStage(clients, more, accountId, zoneId);
    return {
      endpoint: endpoint.url,
      accountId,
      app: TYPICAL.app,
      stages: [TYPICAL.healthy, TYPICAL.broken],
      homeRegion: TYPICAL.region,
      stateBucket: TYPICAL.stateBucket,
      cases: breakages.map((b) => ({ id: b.id, title: b.title, stage: TYPICAL.broken })),
    };
  } finally {
    clients.destroy();
    more.destroy();
  }
}

/** The preview stages of breakage 17: `pr-1` … `pr-8`, each a site and a router (a cache policy each). */
export const PREVIEW_STAGES = Array.from({ length: 8 }, (_, i) => `pr-${i + 1}`);

/**
 * Seeds the removed preview stages: each deployed (state and snapshot with its two cache policies,
 * created in the cloud), then `sst remove` left its state empty without deleting the policies.
 * Returns each leftover policy's stage and name.
 */
async function seedRemovedPreviews(
  clients: Clients,
  more: MoreClients,
  account: string,
  zoneId: string,
): Promise<{ stage: string; name: string }[]> {
  const out: { stage: string; name: string }[] = [];
  for (const [i, stage] of PREVIEW_STAGES.entries()) {
    const t = new TypicalAppBuilder(
      stage,
      account,
      zoneId,
      (r) => materializeTypical(r, TYPICAL.region, clients, more),
      100 + i,
    );
    const ttl: Obj = { defaultTtl: 0, maxTtl: 31536000, minTtl: 0 };
    for (const component of ["Web", "Router"]) {
      const parent = t.b.component(component === "Web" ? "sst:aws:Nextjs" : "sst:aws:Router", component);
      const name = `${component}ServerCachePolicy-${t.hex(7)}`;
      await t.custom("aws:cloudfront/cachePolicy:CachePolicy", `${component}ServerCachePolicy`, parent, {
        id: t.uuid(),
        inputs: { __defaults: ["name"], comment: "", name, ...ttl },
        outputs: { comment: "", name, ...ttl },
      });
      out.push({ stage, name });
    }
    const at = new Date(Date.parse(t.b.time) - (30 - i) * 86_400_000);
    await writeTypicalState(clients, t.b, at, `7a8b9c0${i}cc5b`);
    // `sst remove` ran: the state is empty (stack and provider only); the policies stayed.
    const empty = new SstStateBuilder({
      app: TYPICAL.app,
      stage,
      region: TYPICAL.region,
      account,
      seed: 100 + i,
      awsVersion: TYPICAL.awsVersion,
    });
    await writeTypicalState(clients, empty, new Date(at.getTime() + 3_600_000), `7a8b9c1${i}cc58`);
  }
  return out;
}
