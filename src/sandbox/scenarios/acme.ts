/**
 * The default scenario: a realistic SST app `acme` with stages dev, staging and production, its SST
 * home (`/sst/bootstrap`, a versioned state bucket with several versions of each stage's state,
 * snapshots and update records) and its resources in the cloud, tagged `sst:app`/`sst:stage` — broken in
 * each way the seed guides describe, one case per cause. `acme.expected.json` beside this file lists
 * what `doctor` must find for each case. Objects are written as SST 4.x writes them: update ids from
 * `id.Descending()` (12 hex of time, 12 random), the lock and update records in SST's shapes, and
 * staging with `state: { compress: true }` (every object gzipped, `ContentEncoding: gzip`).
 */
import { DeleteRoleCommand, DetachRolePolicyCommand } from "@aws-sdk/client-iam";
import { CreateHostedZoneCommand, ChangeResourceRecordSetsCommand } from "@aws-sdk/client-route-53";
import { DeleteObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { CreateEmailIdentityCommand } from "@aws-sdk/client-sesv2";
import { gzipSync } from "node:zlib";
import { makeUpdateId, sstKeys, type SstLock, type SstUpdate } from "../../state/sst.js";
import { SstStateBuilder, toBytes, type Resource } from "../sst-state.js";
import { Clients, type Endpoint } from "./clients.js";
import { deleteResource, materialize } from "./materialize.js";
import { makeSstHome } from "./home.js";

export const ACME = {
  app: "acme",
  homeRegion: "us-east-1",
  /** Where CI deployed `dev` by mistake (case 8). */
  strayRegion: "us-west-2",
  stages: ["dev", "staging", "production"] as const,
  stateBucket: "sst-state-acme0home1",
  assetBucket: "sst-asset-acme0home1",
  strayStateBucket: "sst-state-acme0stray2",
  zone: "acme.example",
  /** The SST version named in the update records (SST 4.x writes 12 + 12 hex update ids). */
  sstVersion: "4.17.0",
  /** The stage written with `state: { compress: true }`: every object gzipped, `ContentEncoding: gzip`. */
  compressedStage: "staging",
};

export interface SeedResult {
  endpoint: string;
  accountId: string;
  app: string;
  stages: string[];
  homeRegion: string;
  stateBucket: string;
  /** What was made, per case, for the report printed by `stateward sandbox`. */
  cases: { id: number; title: string; stage: string }[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface StageWriter {
  stage: string;
  region: string;
  bucket: string;
  /** `state: { compress: true }`: SST gzips every object it writes (`ContentEncoding: gzip`). */
  compress?: boolean;
}

/** Puts one object of the SST home as SST's `putData` does (gzipped on a compressed stage). */
async function putSst(
  clients: Clients,
  w: StageWriter,
  key: string,
  body: Uint8Array | string,
): Promise<void> {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  await clients.s3(w.region).send(
    new PutObjectCommand({
      Bucket: w.bucket,
      Key: key,
      Body: w.compress === true ? gzipSync(bytes) : bytes,
      ContentType: "application/json",
      ...(w.compress === true ? { ContentEncoding: "gzip" } : {}),
    }),
  );
}

/** Go's `time.Time.Format(time.RFC3339)` in a zone `offsetMinutes` east of UTC (SST's local times). */
function goLocal(time: Date, offsetMinutes: number, nanos = ""): string {
  const local = new Date(time.getTime() + offsetMinutes * 60_000).toISOString();
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  const zone =
    offsetMinutes === 0
      ? "Z"
      : `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  return `${local.slice(0, 19)}${nanos === "" ? "" : `.${local.slice(20, 23)}${nanos}`}${zone}`;
}

/** The CI runner's local zone (CET), as SST writes `timeCompleted` and the lock's `created`. */
const CI_OFFSET = 60;

/**
 * Writes one update of a stage the way SST 4.x does: the update record at lock time, state object and
 * snapshot, then the record again with `timeCompleted` and the errors. Ids are `id.Descending()`:
 * 12 hex of time, 12 of random (here fixed, so that the scenario is the same every time).
 */
async function writeUpdate(
  clients: Clients,
  w: StageWriter,
  state: Uint8Array,
  update: { at: Date; random: string; command?: string; errors?: SstUpdate["errors"]; completed?: boolean },
): Promise<string> {
  const id = makeUpdateId(update.at, update.random);
  const record: SstUpdate = {
    id,
    runID: `run-${update.random.slice(0, 8)}`,
    version: ACME.sstVersion,
    command: update.command ?? "deploy",
    errors: null,
    // time.Now().UTC().Format(time.RFC3339): whole seconds.
    timeStarted: `${update.at.toISOString().slice(0, 19)}Z`,
  };
  await putSst(clients, w, sstKeys.update(ACME.app, w.stage, id), JSON.stringify(record));
  if (update.completed !== false) {
    await putSst(clients, w, sstKeys.state(ACME.app, w.stage), state);
    await putSst(clients, w, sstKeys.snapshot(ACME.app, w.stage, id), state);
    record.timeCompleted = goLocal(new Date(update.at.getTime() + 95_000), CI_OFFSET);
    if (update.errors !== undefined && update.errors !== null && update.errors.length > 0)
      record.errors = update.errors;
    await putSst(clients, w, sstKeys.update(ACME.app, w.stage, id), JSON.stringify(record));
  }
  return id;
}

async function materializeAll(
  resources: readonly Resource[],
  region: string,
  clients: Clients,
  done: Set<string>,
): Promise<void> {
  for (const r of resources) {
    if (done.has(r.urn)) continue;
    done.add(r.urn);
    await materialize(r, region, clients);
  }
}

function builder(stage: string, region: string, accountId: string, seed: number, at: Date): SstStateBuilder {
  return new SstStateBuilder({
    app: ACME.app,
    stage,
    region,
    account: accountId,
    seed,
    time: at.toISOString(),
    pulumiVersion: "v3.160.0",
  });
}

/**
 * Seeds the scenario into the cloud at `endpoint` (the local cloud, normally). `now` anchors every
 * time: the lock of case 3 is three hours older than it.
 */
export async function seedAcme(endpoint: Endpoint, accountId: string, now = new Date()): Promise<SeedResult> {
  const clients = new Clients(endpoint);
  try {
    const home = ACME.homeRegion;
    await makeSstHome(clients, home, ACME.stateBucket, ACME.assetBucket);
    const zone = await clients
      .route53()
      .send(new CreateHostedZoneCommand({ Name: ACME.zone, CallerReference: "acme-zone" }));
    const zoneId = zone.HostedZone!.Id!.replace("/hostedzone/", "");
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);

    /* dev ------------------------------------------------------------------------------------- */
    const devWriter = { stage: "dev", region: home, bucket: ACME.stateBucket };
    const dev = builder("dev", home, accountId, 101, at(20));
    const devDone = new Set<string>();
    dev.addFunction("Api");
    dev.addDynamo("Orders");
    await materializeAll(dev.resources, home, clients, devDone);
    await writeUpdate(clients, devWriter, toBytes(dev.versioned()), { at: at(20), random: "1a2b3c01665b" });
    // Case 5: the site's CloudFront function has a hard-coded name, without stage or suffix.
    dev.addNextjs("Web", { cloudfrontFunctionName: "acme-WebRewrite" });
    dev.addEmail("Mailer", "noreply@dev.acme.example");
    await materializeAll(dev.resources, home, clients, devDone);
    await writeUpdate(clients, devWriter, toBytes(dev.versioned()), { at: at(12), random: "1a2b3c026658" });
    // Case 1: a deploy killed after CloudWatch created the Worker's log group, before Pulumi recorded it.
    const worker = dev.addFunction("Worker");
    const killedLogGroup = worker.logGroup;
    dev.remove(worker.component);
    const workerComponent = dev.component("sst:aws:Function", "Worker");
    const pendingLog = dev.addPendingCreate(
      "aws:cloudwatch/logGroup:LogGroup",
      "WorkerLogGroup",
      { name: (killedLogGroup.inputs as { name: string }).name, retentionInDays: 30 },
      workerComponent,
    );
    await materialize({ ...killedLogGroup, inputs: { ...(killedLogGroup.inputs as object) } }, home, clients);
    await writeUpdate(clients, devWriter, toBytes(dev.versioned()), {
      at: at(2),
      random: "1a2b3c036659",
      // i18n-exempt: cloud content
      errors: [{ urn: pendingLog.urn, message: "context canceled" }],
    });

    /* staging --------------------------------------------------------------------------------- */
    const stagingWriter = {
      stage: "staging",
      region: home,
      bucket: ACME.stateBucket,
      compress: ACME.compressedStage === "staging",
    };
    const staging = builder("staging", home, accountId, 202, at(30));
    const stagingDone = new Set<string>();
    const stagingApi = staging.addFunction("Api");
    staging.addDynamo("Orders");
    staging.addEmail("Mailer", "noreply@staging.acme.example");
    await materializeAll(staging.resources, home, clients, stagingDone);
    await writeUpdate(clients, stagingWriter, toBytes(staging.versioned()), {
      at: at(30),
      random: "2b3c4d01175b",
    });
    // Case 5 (other side): staging now wants the same hard-coded CloudFront function name.
    const stagingWeb = staging.component("sst:aws:Nextjs", "Web");
    staging.addPendingCreate(
      "aws:cloudfront/function:Function",
      "WebCloudfrontFunctionRequest",
      {
        name: "acme-WebRewrite",
        publish: true,
        runtime: "cloudfront-js-2.0",
        // i18n-exempt: cloud content
        code: "function handler(e){return e.request}",
      },
      stagingWeb,
    );
    await writeUpdate(clients, stagingWriter, toBytes(staging.versioned()), {
      at: at(1),
      random: "2b3c4d021758",
      errors: [
        {
          urn: staging.urn("sst:aws:Nextjs$aws:cloudfront/function:Function", "WebCloudfrontFunctionRequest"),
          message:
            // i18n-exempt: cloud content
            "creating CloudFront Function (acme-WebRewrite): operation error CloudFront: CreateFunction, https response error StatusCode: 409, RequestID: 5c6d, FunctionAlreadyExists: A function with the same name already exists.",
        },
      ],
    });
    // Case 6: the Api role was deleted by hand in the console; the state still holds it.
    const roleName = (stagingApi.role.inputs as { name: string }).name;
    await clients.iam().send(
      new DetachRolePolicyCommand({
        RoleName: roleName,
        PolicyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
      }),
    );
    await clients.iam().send(new DeleteRoleCommand({ RoleName: roleName }));
    // Case 3: a CI deploy killed three hours ago: the lock stayed, its update never completed.
    const lockAt = new Date(now.getTime() - 3 * HOUR);
    const lockId = await writeUpdate(clients, stagingWriter, new Uint8Array(), {
      at: lockAt,
      random: "2b3c4d031759",
      completed: false,
    });
    // SST's lockData: `created` is Go's time.Now() marshalled (RFC3339Nano, local zone).
    const lock: SstLock = {
      created: goLocal(lockAt, CI_OFFSET, "481207"),
      updateID: lockId,
      runID: "run-2b3c4d03",
      command: "deploy",
      ignore: true,
    };
    await putSst(clients, stagingWriter, sstKeys.lock(ACME.app, "staging"), JSON.stringify(lock));

    /* production ------------------------------------------------------------------------------ */
    const prodWriter = { stage: "production", region: home, bucket: ACME.stateBucket };
    const prod = builder("production", home, accountId, 303, at(60));
    const prodDone = new Set<string>();
    prod.addFunction("Api");
    prod.addDynamo("Orders", { retain: true });
    const prodWeb = prod.addNextjs("Web", { domain: `www.${ACME.zone}` });
    prod.addEmail("Mailer", `noreply@${ACME.zone}`);
    prod.addDnsRecord(prodWeb.cdn, "WebCdn", { zoneId, recordName: `www.${ACME.zone}` });
    await materializeAll(prod.resources, home, clients, prodDone);
    await writeUpdate(clients, prodWriter, toBytes(prod.versioned()), { at: at(60), random: "3c4d5e01045b" });
    // Case 2: a Sessions table with removal "retain", later removed from the code: gone from state, kept in AWS.
    const sessions = prod.addDynamo("Sessions", { retain: true });
    await materializeAll(prod.resources, home, clients, prodDone);
    await writeUpdate(clients, prodWriter, toBytes(prod.versioned()), { at: at(40), random: "3c4d5e020458" });
    prod.remove(sessions.component);
    const beforeReports = toBytes(prod.versioned());
    await writeUpdate(clients, prodWriter, beforeReports, { at: at(25), random: "3c4d5e030459" });
    // Case 4: a Reports function was deployed, then someone copied the previous version back by hand.
    prod.addFunction("Reports");
    await materializeAll(prod.resources, home, clients, prodDone);
    await writeUpdate(clients, prodWriter, toBytes(prod.versioned()), { at: at(5), random: "3c4d5e04045e" });
    await clients.s3(home).send(
      new PutObjectCommand({
        Bucket: ACME.stateBucket,
        Key: sstKeys.state(ACME.app, "production"),
        Body: beforeReports,
      }),
    );
    // Case 7: an SES identity and a DNS record made by hand for production, outside any state.
    await clients.sesv2(home).send(
      new CreateEmailIdentityCommand({
        EmailIdentity: `alerts@${ACME.zone}`,
        Tags: [
          { Key: "sst:app", Value: ACME.app },
          { Key: "sst:stage", Value: "production" },
        ],
      }),
    );
    await clients.route53().send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zoneId,
        ChangeBatch: {
          Changes: [
            {
              Action: "CREATE",
              ResourceRecordSet: {
                Name: `status.${ACME.zone}`,
                Type: "CNAME",
                TTL: 300,
                ResourceRecords: [{ Value: "status.example.net" }],
              },
            },
          ],
        },
      }),
    );

    /* Case 8: a second SST home in another region, where CI deployed dev by mistake ------------- */
    const stray = ACME.strayRegion;
    await makeSstHome(clients, stray, ACME.strayStateBucket, "sst-asset-acme0stray2");
    const strayDev = builder("dev", stray, accountId, 808, at(3));
    strayDev.addFunction("Api");
    strayDev.addDynamo("Orders");
    await materializeAll(strayDev.resources, stray, clients, new Set());
    await writeUpdate(
      clients,
      { stage: "dev", region: stray, bucket: ACME.strayStateBucket },
      toBytes(strayDev.versioned()),
      { at: at(3), random: "8f9e0d01575b" },
    );

    /* Case 9: a stage pr-42 removed with `sst remove` that did not finish ------------------------- */
    const prWriter = { stage: "pr-42", region: home, bucket: ACME.stateBucket };
    const pr = builder("pr-42", home, accountId, 909, at(15));
    pr.addNextjs("Web");
    const prDone = new Set<string>();
    await materializeAll(pr.resources, home, clients, prDone);
    await writeUpdate(clients, prWriter, toBytes(pr.versioned()), { at: at(15), random: "9a8b7c01265b" });
    // The remove deleted everything but the distribution (not yet disabled) and the function it uses;
    // then the state object was deleted by hand.
    const kept = pr.resources.filter(
      (r) =>
        r.type === "aws:cloudfront/distribution:Distribution" ||
        r.type === "aws:cloudfront/function:Function",
    );
    await deleteAllBut(pr.resources, kept, home, clients);
    await writeUpdate(clients, prWriter, new Uint8Array(), {
      at: at(14),
      random: "9a8b7c022658",
      command: "remove",
      completed: false,
    });
    await clients
      .s3(home)
      .send(new DeleteObjectCommand({ Bucket: ACME.stateBucket, Key: sstKeys.state(ACME.app, "pr-42") }));

    return {
      endpoint: endpoint.url,
      accountId,
      app: ACME.app,
      stages: [...ACME.stages],
      homeRegion: home,
      stateBucket: ACME.stateBucket,
      cases: CASES,
    };
  } finally {
    clients.destroy();
  }
}

export const CASES: SeedResult["cases"] = [
  // i18n-exempt: scenario data (printed through sandbox.case.*)
  { id: 1, title: "pending create for a log group that exists (killed deploy)", stage: "dev" },
  {
    id: 2,
    // i18n-exempt: scenario data (printed through sandbox.case.*)
    title: "DynamoDB table removed from state by removal: retain, still in the cloud",
    stage: "production",
  },
  // i18n-exempt: scenario data (printed through sandbox.case.*)
  { id: 3, title: "stale lock from a killed CI deploy, its update never completed", stage: "staging" },
  // i18n-exempt: scenario data (printed through sandbox.case.*)
  { id: 4, title: "state restored to an older version, newer resources orphaned", stage: "production" },
  // i18n-exempt: scenario data (printed through sandbox.case.*)
  { id: 5, title: "hard-coded CloudFront function name used by two stages", stage: "staging" },
  // i18n-exempt: scenario data (printed through sandbox.case.*)
  { id: 6, title: "IAM role deleted by hand, still in state", stage: "staging" },
  // i18n-exempt: scenario data (printed through sandbox.case.*)
  { id: 7, title: "SES identity and Route53 record outside any state", stage: "production" },
  // i18n-exempt: scenario data (printed through sandbox.case.*)
  { id: 8, title: "second SST home in another region (CI region mismatch)", stage: "dev" },
  // i18n-exempt: scenario data (printed through sandbox.case.*)
  { id: 9, title: "CloudFront distribution and function left by removed stage pr-42", stage: "pr-42" },
];

async function deleteAllBut(
  all: readonly Resource[],
  keep: readonly Resource[],
  region: string,
  clients: Clients,
): Promise<void> {
  const keepSet = new Set(keep.map((r) => r.urn));
  for (const r of [...all].reverse()) if (!keepSet.has(r.urn)) await deleteResource(r, region, clients);
}
