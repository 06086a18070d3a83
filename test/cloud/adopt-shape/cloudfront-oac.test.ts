/**
 * An adopted CloudFront origin access control against what pulumi-aws writes for the type. There is
 * no recorded pulumi-aws export of an OAC in ../shared/fixtures/pulumi-aws/; the expected fields come
 * from pulumi-aws's generated SDK (sdk/python/pulumi_aws/cloudfront/origin_access_control.py, commit
 * 09c28065, read with the search tools): inputs `description`, `name`, `originAccessControlOriginType`,
 * `signingBehavior`, `signingProtocol` (description defaulting to "Managed by Pulumi"); outputs those
 * and `arn`, `etag`, `id`. The entry is then adopted through the CLI's adopter and read back live.
 */
import { CreateOriginAccessControlCommand, type CloudFrontClient } from "@aws-sdk/client-cloudfront";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsClients } from "../../../src/cloud/clients.js";
import { cloudContext } from "../../../src/cloud/context.js";
import { adopterFor } from "../../../src/cloud/drivers/index.js";
import { useSandbox } from "../../sandbox/harness.js";

const ACCOUNT = "616138583583";
const REGION = "us-east-1";
/** The schema's properties (state outputs) and inputs for the type. */
const INPUTS = ["description", "name", "originAccessControlOriginType", "signingBehavior", "signingProtocol"];
const OUTPUTS = [...INPUTS, "arn", "etag", "id"].sort();

const sandbox = useSandbox({ accountId: ACCOUNT });
let clients: AwsClients;
let cf: CloudFrontClient;
beforeAll(() => {
  clients = new AwsClients(
    { region: REGION },
    { AWS_ENDPOINT_URL: sandbox.server().url, AWS_ACCESS_KEY_ID: "AKIATEST", AWS_SECRET_ACCESS_KEY: "x" },
  );
  cf = clients.cloudfront();
});
afterAll(() => clients.destroy());

async function create(name: string, description: string): Promise<string> {
  const out = await cf.send(
    new CreateOriginAccessControlCommand({
      OriginAccessControlConfig: {
        Name: name,
        Description: description,
        OriginAccessControlOriginType: "s3",
        SigningBehavior: "always",
        SigningProtocol: "sigv4",
      },
    }),
  );
  return out.OriginAccessControl!.Id!;
}

describe("an adopted origin access control", () => {
  it("has the fields pulumi-aws's schema gives the type, with the live values", async () => {
    const id = await create("acme-dev-WebS3AccessControl-abcdefgh-x1y2z3w4", "Created by SST");
    const adopter = (await adopterFor("cloudfront-oac"))!;
    // A pending create knows only the name: found by listing.
    const adopted = await adopter.read(cloudContext(clients), {
      name: "acme-dev-WebS3AccessControl-abcdefgh-x1y2z3w4",
      id: "acme-dev-WebS3AccessControl-abcdefgh-x1y2z3w4",
      region: REGION,
    });
    expect(adopted).toBeDefined();
    expect(adopted!.id).toBe(id);
    expect(adopted!.inputs).toEqual({
      __defaults: [],
      description: "Created by SST",
      name: "acme-dev-WebS3AccessControl-abcdefgh-x1y2z3w4",
      originAccessControlOriginType: "s3",
      signingBehavior: "always",
      signingProtocol: "sigv4",
    });
    expect(Object.keys(adopted!.outputs)).toEqual(OUTPUTS);
    expect(adopted!.outputs).toMatchObject({
      arn: `arn:aws:cloudfront::${ACCOUNT}:origin-access-control/${id}`,
      id,
      description: "Created by SST",
    });
    expect(adopted!.outputs.etag).toMatch(/^E\w+$/);
  });

  it("names pulumi-aws's default description in __defaults", async () => {
    const id = await create("acme-dev-Plain", "Managed by Pulumi");
    const adopted = await (await adopterFor("cloudfront-oac"))!.read(cloudContext(clients), {
      name: "acme-dev-Plain",
      id,
      region: REGION,
    });
    expect(adopted!.inputs.__defaults).toEqual(["description"]);
    expect(adopted!.inputs.description).toBe("Managed by Pulumi");
  });
});
