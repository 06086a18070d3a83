/**
 * doctor on a stage with CloudFront origin access controls, against the local cloud: a pending create
 * whose OAC exists (the next deploy fails with OriginAccessControlAlreadyExists, sst#4118) and an
 * orphan OAC with the stage's name prefix (OACs take no tags), with the printed fixes; the printed
 * adopt works, and the printed cleanup deletes the orphan.
 */
import {
  CloudFrontClient,
  CreateOriginAccessControlCommand,
  ListOriginAccessControlsCommand,
} from "@aws-sdk/client-cloudfront";
import { describe, expect, it } from "vitest";
import { ACME, seedAcme } from "../../../src/sandbox/scenarios/acme.js";
import { SstStateBuilder } from "../../fixtures/builder.js";
import { cli } from "../../helpers.js";
import { sandboxEnv, useSandbox, putStageState } from "../../sandbox/harness.js";

const ACCOUNT = "246813579024";
const TOKEN = "aws:cloudfront/originAccessControl:OriginAccessControl";
const sandbox = useSandbox({ accountId: ACCOUNT });

async function createOac(cf: CloudFrontClient, name: string): Promise<string> {
  const out = await cf.send(
    new CreateOriginAccessControlCommand({
      OriginAccessControlConfig: {
        Name: name,
        Description: "Created by SST",
        OriginAccessControlOriginType: "s3",
        SigningBehavior: "always",
        SigningProtocol: "sigv4",
      },
    }),
  );
  return out.OriginAccessControl!.Id!;
}

describe("doctor", () => {
  it("reports a pending create whose OAC exists and an orphan OAC, and the printed adopt fixes the first", async () => {
    await seedAcme({ url: sandbox.server().url }, ACCOUNT);
    const b = new SstStateBuilder({ app: "acme", stage: "oacqa", account: ACCOUNT, region: ACME.homeRegion });
    b.addFunction("Api");
    const pendingName = "acme-oacqa-Oac-abcdefgh";
    b.addPendingCreate(TOKEN, "Oac", {
      name: pendingName,
      description: "Created by SST",
      originAccessControlOriginType: "s3",
      signingBehavior: "always",
      signingProtocol: "sigv4",
    });
    const cf = new CloudFrontClient(sandbox.config("us-east-1"));
    const pendingId = await createOac(cf, pendingName);
    const orphanId = await createOac(cf, "acme-oacqa-WebS3AccessControl-abcdefgh-x1y2z3w4");
    cf.destroy();
    await putStageState(sandbox, "acme", "oacqa", b);

    const doctor = ["doctor", "--app", "acme", "--stage", "oacqa", "--json"];
    const r = await cli(doctor, sandboxEnv(sandbox));
    const { findings } = JSON.parse(r.stdout) as {
      findings: { rule: string; resources: { type: string; name: string }[]; fix: string[] }[];
    };
    const oacs = findings
      .filter((f) => f.resources.some((x) => x.type === TOKEN))
      .map((f) => `${f.rule} ${f.resources.map((x) => x.name).join(",")}`)
      .sort();
    expect(oacs).toEqual([
      "orphan acme-oacqa-WebS3AccessControl-abcdefgh-x1y2z3w4",
      `pending-create ${pendingName}`,
    ]);
    const flags = "--app acme --stage oacqa";
    const adoptPending = `stateward adopt ${TOKEN} ${pendingId} --urn urn:pulumi:oacqa::acme::${TOKEN}::Oac ${flags}`;
    expect(findings.find((f) => f.rule === "pending-create")!.fix).toEqual([adoptPending]);
    expect(findings.find((f) => f.rule === "orphan")!.fix).toEqual([
      `stateward adopt ${TOKEN} ${orphanId} ${flags}`,
      `# or, if they are no longer wanted: stateward cleanup ${flags} --yes`,
    ]);

    const adopted = await cli([...adoptPending.split(" ").slice(1), "--yes"], sandboxEnv(sandbox));
    expect(adopted.code, adopted.stderr).toBe(0);
    const again = JSON.parse((await cli(doctor, sandboxEnv(sandbox))).stdout) as {
      findings: { resources: { name: string }[] }[];
    };
    expect(again.findings.filter((f) => f.resources.some((x) => x.name === pendingName))).toEqual([]);

    // The printed cleanup (with the stage confirmed, as --yes requires) deletes the orphan through the
    // deletion gate, and leaves the adopted one.
    const cleaned = await cli(
      ["cleanup", ...flags.split(" "), "--yes", "--confirm", "oacqa"],
      sandboxEnv(sandbox),
    );
    expect(cleaned.code, cleaned.stderr + cleaned.stdout).toBe(0);
    const left = new CloudFrontClient(sandbox.config("us-east-1"));
    const names = (
      await left.send(new ListOriginAccessControlsCommand({}))
    ).OriginAccessControlList!.Items!.map((o) => o.Name);
    left.destroy();
    expect(names).toContain(pendingName);
    expect(names).not.toContain("acme-oacqa-WebS3AccessControl-abcdefgh-x1y2z3w4");
  });
});
