/**
 * The SES configuration set kind: ARNs and entries (id = name), SST's naming (64, lower case), explain
 * on the one pasted text (SES classic, hashicorp/terraform-provider-aws#9186) and SESv2's code; the
 * local cloud's SESv2 configuration sets with the real SDK (AlreadyExistsException, paging, event
 * destinations going with their set, tags); the driver (read, a name listing over pages, the gated
 * delete); doctor finding a pending create and an orphan with fixes that work; adopt's entry.
 */
import {
  CreateConfigurationSetCommand,
  CreateConfigurationSetEventDestinationCommand,
  DeleteConfigurationSetCommand,
  GetConfigurationSetCommand,
  GetConfigurationSetEventDestinationsCommand,
  ListConfigurationSetsCommand,
  ListTagsForResourceCommand,
  SESv2Client,
} from "@aws-sdk/client-sesv2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../../src/cloud/clients.js";
import { cloudContext } from "../../src/cloud/context.js";
import { adopterFor, driverForKind } from "../../src/cloud/drivers/index.js";
import { sesConfigurationSetDriver as driver } from "../../src/cloud/drivers/ses-configuration-set.js";
import { explainLog } from "../../src/explain/index.js";
import { deleteRank, kindForArn, kindForShownType, typeOfWording } from "../../src/kinds/registry.js";
import { sesConfigurationSet as kind } from "../../src/kinds/ses-configuration-set.js";
import type { CloudResource } from "../../src/kinds/types.js";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { generateName } from "../../src/state/names.js";
import { type ResourceV3 } from "../../src/state/index.js";
import { SstStateBuilder } from "../fixtures/builder.js";
import { alreadyExistsLog as fixture } from "../fixtures/files.js";
import { sandboxEnv, sdkError, useSandbox, putStageState } from "../sandbox/harness.js";
import { cli, gated, smallPages } from "../helpers.js";

const TOKEN = "aws:sesv2/configurationSet:ConfigurationSet";

describe("ses-configuration-set kind", () => {
  it("ARN `configuration-set/<name>`; an identity's ARN is not a set's", () => {
    const arn = "arn:aws:ses:eu-west-1:123456789012:configuration-set/acme-dev-mailconfig-abcdefgh";
    expect(kind.fromArn(arn)).toEqual({
      name: "acme-dev-mailconfig-abcdefgh",
      id: "acme-dev-mailconfig-abcdefgh",
      region: "eu-west-1",
      arn,
    });
    expect(kind.fromArn("arn:aws:ses:eu-west-1:123456789012:identity/acme.example")).toBeUndefined();
    expect(kindForArn(arn)?.kind).toBe("ses-configuration-set");
    expect(kindForArn("arn:aws:ses:eu-west-1:123456789012:identity/acme.example")?.kind).not.toBe(
      "ses-configuration-set",
    );
    expect(kindForShownType("aws:sesv2:ConfigurationSet")?.kind).toBe("ses-configuration-set");
  });

  it("identifies an entry by configurationSetName; names like SST (64, lower case)", () => {
    const entry = {
      type: TOKEN,
      id: "acme-dev-mailconfig-abcdefgh",
      inputs: { configurationSetName: "acme-dev-mailconfig-abcdefgh" },
      outputs: { arn: "arn:aws:ses:eu-west-1:1:configuration-set/acme-dev-mailconfig-abcdefgh" },
    } as unknown as ResourceV3;
    expect(kind.identify(entry, "eu-west-1")).toMatchObject({
      name: "acme-dev-mailconfig-abcdefgh",
      id: "acme-dev-mailconfig-abcdefgh",
      region: "eu-west-1",
    });
    expect(generateName("acme", "Dev", "MailConfig", TOKEN).name).toMatch(/^acme-dev-mailconfig-[a-z]{8}$/);
    expect(kind.naming?.[TOKEN]).toEqual({ max: 64, lower: true, field: "configurationSetName" });
    expect(kind.stagePrefixes!("acme", "Dev")).toEqual(["acme-dev-"]);
  });

  it("deleted after identities, before topics; drift is a paused set", () => {
    expect(deleteRank("aws:sesv2/emailIdentity:EmailIdentity")).toBeLessThan(deleteRank(TOKEN));
    expect(deleteRank(TOKEN)).toBeLessThan(deleteRank("aws:sns/topic:Topic"));
    const entry = { outputs: { sendingOptions: { sendingEnabled: true } } };
    const cloud = { detail: { sendingOptions: { sendingEnabled: false } } };
    expect(kind.drift(entry as unknown as ResourceV3, cloud as unknown as CloudResource)).toEqual([
      { property: "sendingOptions", state: { sendingEnabled: true }, cloud: { sendingEnabled: false } },
    ]);
  });
});

describe("explain", () => {
  it("SES classic's ConfigurationSetAlreadyExists (terraform-provider-aws#9186): the set and its name", () => {
    // The log is Terraform's `aws_ses_configuration_set` (SES classic's token): the kind's wording
    // finds the name, the log's own resource heading keeps the classic type.
    const r = explainLog(fixture("ses-configuration-set.log"));
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      kind: "already-exists",
      resource: {
        type: "aws:ses/configurationSet:ConfigurationSet",
        name: "ses-verify-email-identity-config-set",
      },
    });
    // Without that heading, the text alone is the SESv2 set SST creates.
    const line = fixture("ses-configuration-set.log")
      .split("\n")[0]!
      .replace("Error: Error creating SES configuration set: ", "");
    expect(explainLog(line).problems[0]).toMatchObject({
      resource: { type: TOKEN, name: "ses-verify-email-identity-config-set" },
    });
  });

  it("SESv2's AlreadyExistsException for a set is the set, an identity's stays the identity's", () => {
    expect(typeOfWording("SESv2 (Amazon Simple Email Service V2) Configuration Set")).toBe(TOKEN);
    const set = explainLog(
      "creating SESv2 (Amazon Simple Email Service V2) Configuration Set (acme-dev-mailconfig-abcdefgh): operation error SESv2: CreateConfigurationSet, https response error StatusCode: 400, RequestID: 1, AlreadyExistsException: Configuration set acme-dev-mailconfig-abcdefgh already exists.",
    );
    expect(set.problems[0]).toMatchObject({
      resource: { type: TOKEN, name: "acme-dev-mailconfig-abcdefgh" },
    });
    const identity = explainLog(fixture("sesv2-email-identity.log"));
    expect(identity.problems[0]?.resource?.type).toBe("aws:sesv2/emailIdentity:EmailIdentity");
  });
});

/* Against the local cloud ------------------------------------------------------------------------ */

const ACCOUNT = "192837465012";
const REGION = "eu-west-1";
const sandbox = useSandbox({ accountId: ACCOUNT });
let clients: AwsClients;
let ses: SESv2Client;
const context = () => cloudContext(clients);
const stageTags = (stage: string) => [
  { Key: "sst:app", Value: "acme" },
  { Key: "sst:stage", Value: stage },
];

beforeAll(() => {
  clients = new AwsClients(
    { region: REGION },
    { AWS_ENDPOINT_URL: sandbox.server().url, AWS_ACCESS_KEY_ID: "AKIATEST", AWS_SECRET_ACCESS_KEY: "x" },
  );
  ses = new SESv2Client(sandbox.config(REGION));
});
afterAll(() => {
  clients.destroy();
  ses.destroy();
});

describe("the local cloud's SESv2 configuration sets", () => {
  it("create, get, AlreadyExistsException for the name again, NotFoundException when gone", async () => {
    await ses.send(
      new CreateConfigurationSetCommand({ ConfigurationSetName: "cs-one", Tags: stageTags("dev") }),
    );
    const dup = await sdkError(() =>
      ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: "cs-one" })),
    );
    expect(dup).toMatchObject({ name: "AlreadyExistsException", status: 400 });
    const got = await ses.send(new GetConfigurationSetCommand({ ConfigurationSetName: "cs-one" }));
    expect(got).toMatchObject({ ConfigurationSetName: "cs-one", SendingOptions: { SendingEnabled: true } });
    const tags = await ses.send(
      new ListTagsForResourceCommand({
        ResourceArn: `arn:aws:ses:${REGION}:${ACCOUNT}:configuration-set/cs-one`,
      }),
    );
    expect(tags.Tags).toEqual(stageTags("dev"));
    await ses.send(new DeleteConfigurationSetCommand({ ConfigurationSetName: "cs-one" }));
    const gone = await sdkError(() =>
      ses.send(new GetConfigurationSetCommand({ ConfigurationSetName: "cs-one" })),
    );
    expect(gone).toMatchObject({ name: "NotFoundException", status: 404 });
  });

  it("event destinations: listed, and gone with their set", async () => {
    await ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: "cs-events" }));
    await ses.send(
      new CreateConfigurationSetEventDestinationCommand({
        ConfigurationSetName: "cs-events",
        EventDestinationName: "bounce",
        EventDestination: {
          Enabled: true,
          MatchingEventTypes: ["BOUNCE"],
          SnsDestination: { TopicArn: `arn:aws:sns:${REGION}:${ACCOUNT}:t` },
        },
      }),
    );
    const d = await ses.send(
      new GetConfigurationSetEventDestinationsCommand({ ConfigurationSetName: "cs-events" }),
    );
    expect(d.EventDestinations).toMatchObject([
      { Name: "bounce", Enabled: true, MatchingEventTypes: ["BOUNCE"] },
    ]);
    await ses.send(new DeleteConfigurationSetCommand({ ConfigurationSetName: "cs-events" }));
    await ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: "cs-events" }));
    const fresh = await ses.send(
      new GetConfigurationSetEventDestinationsCommand({ ConfigurationSetName: "cs-events" }),
    );
    expect(fresh.EventDestinations).toEqual([]);
  });
});

describe("the driver", () => {
  it("is the sesv2 module's driver for the kind", async () => {
    expect((await driverForKind("ses-configuration-set"))?.kind).toBe("ses-configuration-set");
  });

  it("reads a set with its tags and ARN; a missing one is undefined", async () => {
    await ses.send(
      new CreateConfigurationSetCommand({ ConfigurationSetName: "read-dev-config", Tags: stageTags("dev") }),
    );
    const r = await driver.read(context(), {
      name: "read-dev-config",
      id: "read-dev-config",
      region: REGION,
    });
    expect(r).toEqual({
      kind: "ses-configuration-set",
      type: TOKEN,
      name: "read-dev-config",
      id: "read-dev-config",
      arn: `arn:aws:ses:${REGION}:${ACCOUNT}:configuration-set/read-dev-config`,
      region: REGION,
      tags: { "sst:app": "acme", "sst:stage": "dev" },
      foundBy: "read",
      detail: { sendingOptions: { sendingEnabled: true } },
    });
    expect(await driver.read(context(), { name: "nope", id: "nope", region: REGION })).toBeUndefined();
  });

  it("lists by name over every ListConfigurationSets page", async () => {
    for (let i = 0; i < 12; i++) {
      await ses.send(
        new CreateConfigurationSetCommand({
          ConfigurationSetName: `list-dev-c${String(i).padStart(2, "0")}`,
        }),
      );
    }
    await ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: "list-devx-other" }));
    const first = await ses.send(new ListConfigurationSetsCommand({ PageSize: 5 }));
    expect(first.ConfigurationSets).toHaveLength(5);
    expect(first.NextToken).toBeDefined();
    // Five a page: every page is walked.
    const paged = new AwsClients(
      { region: REGION },
      { AWS_ENDPOINT_URL: sandbox.server().url, AWS_ACCESS_KEY_ID: "AKIATEST", AWS_SECRET_ACCESS_KEY: "x" },
    );
    smallPages(paged.sesv2(REGION), "ListConfigurationSetsCommand", "PageSize", 5);
    const listed = await driver.listByName!(cloudContext(paged), REGION, {
      prefixes: ["list-dev-"],
      names: new Set(),
    });
    paged.destroy();
    expect(listed.map((r) => r.name)).toHaveLength(12);
    expect(listed.map((r) => r.name)).not.toContain("list-devx-other");
  });

  it("deletes only through the gate, with its event destinations; again, already gone", async () => {
    await ses.send(new CreateConfigurationSetCommand({ ConfigurationSetName: "del-dev-config" }));
    await ses.send(
      new CreateConfigurationSetEventDestinationCommand({
        ConfigurationSetName: "del-dev-config",
        EventDestinationName: "all",
        EventDestination: { Enabled: true, MatchingEventTypes: ["SEND", "DELIVERY"] },
      }),
    );
    const identity = { name: "del-dev-config", id: "del-dev-config", region: REGION };
    await expect(
      driver.delete(context(), identity, undefined as unknown as Parameters<typeof driver.delete>[2]),
    ).rejects.toThrow();
    expect(await driver.read(context(), identity)).toBeDefined();
    expect(await gated(driver).delete(context(), identity)).toEqual({
      deleted: true,
      steps: ["deleted SES configuration set del-dev-config and its 1 event destination(s)"],
    });
    expect(await driver.read(context(), identity)).toBeUndefined();
    expect(await gated(driver).delete(context(), identity)).toEqual({
      deleted: true,
      steps: ["already gone"],
    });
  });
});

describe("adopt", () => {
  it("writes the entry of the provider's read: name as id, the blocks SES answers, tags", async () => {
    await ses.send(
      new CreateConfigurationSetCommand({
        ConfigurationSetName: "adopt-dev-config",
        Tags: stageTags("dev"),
        TrackingOptions: { CustomRedirectDomain: "click.acme.example" },
      }),
    );
    const adopted = await (await adopterFor("ses-configuration-set"))!.read(context(), {
      name: "adopt-dev-config",
      id: "adopt-dev-config",
      region: REGION,
    });
    const tags = { "sst:app": "acme", "sst:stage": "dev" };
    expect(adopted).toEqual({
      id: "adopt-dev-config",
      inputs: {
        __defaults: [],
        configurationSetName: "adopt-dev-config",
        reputationOptions: { lastFreshStart: "", reputationMetricsEnabled: false },
        sendingOptions: { sendingEnabled: true },
        tags,
        trackingOptions: { customRedirectDomain: "click.acme.example" },
      },
      outputs: {
        arn: `arn:aws:ses:${REGION}:${ACCOUNT}:configuration-set/adopt-dev-config`,
        configurationSetName: "adopt-dev-config",
        deliveryOptions: null,
        id: "adopt-dev-config",
        reputationOptions: { lastFreshStart: "", reputationMetricsEnabled: false },
        sendingOptions: { sendingEnabled: true },
        suppressionOptions: null,
        tags,
        tagsAll: tags,
        trackingOptions: { customRedirectDomain: "click.acme.example" },
      },
    });
  });
});

describe("doctor", () => {
  it("finds a pending create whose set exists and an orphan set by its tags; the fixes work", async () => {
    await seedAcme({ url: sandbox.server().url }, ACCOUNT);
    const region = ACME.homeRegion;
    const home = new SESv2Client(sandbox.config(region));
    const b = new SstStateBuilder({ app: "acme", stage: "mailqa", account: ACCOUNT, region });
    const pendingName = b.physicalName("MailConfig", 64).toLowerCase();
    // The killed deploy's CreateConfigurationSet went through; the state holds only the pending create.
    await home.send(
      new CreateConfigurationSetCommand({ ConfigurationSetName: pendingName, Tags: stageTags("mailqa") }),
    );
    b.addPendingCreate(TOKEN, "MailConfig", { configurationSetName: pendingName });
    await home.send(
      new CreateConfigurationSetCommand({
        ConfigurationSetName: "acme-mailqa-oldconfig-abcdefgh",
        Tags: stageTags("mailqa"),
      }),
    );
    await putStageState(sandbox, "acme", "mailqa", b);

    const doctor = () => cli(["doctor", "--app", "acme", "--stage", "mailqa", "--json"], sandboxEnv(sandbox));
    const { findings } = JSON.parse((await doctor()).stdout) as {
      findings: { rule: string; resources: { type: string; name: string }[]; fix: string[] }[];
    };
    const sets = findings
      .filter((f) => f.resources.some((x) => x.type === TOKEN))
      .map((f) => `${f.rule} ${f.resources.map((x) => x.name).join(",")}`)
      .sort();
    expect(sets).toEqual(["orphan acme-mailqa-oldconfig-abcdefgh", `pending-create ${pendingName}`]);
    const pending = findings.find((f) => f.rule === "pending-create" && f.resources[0]!.type === TOKEN)!;
    const adoptLine = pending.fix.find((l) => l.startsWith("stateward adopt"))!;
    expect(adoptLine).toContain(`stateward adopt ${TOKEN} ${pendingName} --urn `);

    const adopted = await cli([...adoptLine.split(" ").slice(1), "--yes"], sandboxEnv(sandbox));
    expect(adopted.code, adopted.stderr).toBe(0);
    const cleaned = await cli(
      ["cleanup", "--app", "acme", "--stage", "mailqa", "--yes", "--confirm", "mailqa"],
      sandboxEnv(sandbox),
    );
    expect(cleaned.code, cleaned.stderr + cleaned.stdout).toBe(0);
    const again = JSON.parse((await doctor()).stdout) as { findings: { resources: { type: string }[] }[] };
    expect(again.findings.filter((f) => f.resources.some((x) => x.type === TOKEN))).toEqual([]);
    const left = await home.send(new ListConfigurationSetsCommand({}));
    home.destroy();
    // The acme stages' own sets (their Email's) are not this stage's: left alone.
    expect(left.ConfigurationSets?.filter((n) => n.includes("-mailqa-"))).toEqual([pendingName]);
    expect(left.ConfigurationSets?.filter((n) => !n.includes("-mailqa-"))).toHaveLength(3);
  }, 60_000);
});
