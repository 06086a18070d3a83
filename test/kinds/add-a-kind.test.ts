/**
 * What adding a kind costs: in a throw-away copy of src/, an SSM parameter kind is added with one kind
 * file, one driver file on a service stateward has no driver for yet, its lines in the registry and in
 * the driver table — nothing else is edited — and every consumer that reads the registry (lookups,
 * deletion order, global scope, explain's wording, SST naming, the driver join) knows it.
 */
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type * as Drivers from "../../src/cloud/drivers/index.js";
import type * as Registry from "../../src/kinds/registry.js";
import type * as Names from "../../src/state/names.js";
import { ROOT } from "../helpers.js";

const KIND_FILE = `/** SSM parameter (\`aws:ssm/parameter:Parameter\`): a throw-away kind for this test. */
import { compareProps, namedIdentity, splitArn, type Kind } from "./types.js";

export const ssmParameter: Kind = {
  kind: "ssm-parameter",
  label: "SSM parameter",
  types: ["aws:ssm/parameter:Parameter"],
  service: "ssm",
  global: false,
  taggable: true,
  tagType: "ssm:parameter",
  naming: { "aws:ssm/parameter:Parameter": { max: 2048, field: "name" } },
  wording: { label: "SSM parameter", says: ["ssm parameter"] },
  deleteRank: 4.5,
  fromArn(arn) {
    const a = splitArn(arn);
    if (a?.service !== "ssm" || !a.resource.startsWith("parameter/")) return undefined;
    const name = a.resource.slice("parameter".length);
    return { name, id: name, region: a.region, arn };
  },
  identify: (resource, region) => namedIdentity(resource, region, ["name"]),
  drift: (resource, cloud) => compareProps(resource, cloud, ["type"]),
};
`;

const DRIVER_FILE = `/** SSM, the driver for the throw-away parameter kind. */
import { GetParameterCommand } from "@aws-sdk/client-ssm";
import { ssmParameter } from "../../kinds/ssm-parameter.js";
import { gatedDelete, unlessMissing, type KindDriver } from "./types.js";

export const ssmParameterDriver: KindDriver = {
  ...ssmParameter,
  async read(ctx, identity) {
    const got = await unlessMissing(["ParameterNotFound"], () =>
      ctx.call("ssm", \`GetParameter \${identity.name}\`, (signal) =>
        ctx.clients.ssm(identity.region).send(new GetParameterCommand({ Name: identity.name }), { abortSignal: signal }),
      ),
    );
    if (got?.Parameter === undefined) return undefined;
    return { ...identity, kind: ssmParameter.kind, type: ssmParameter.types[0]!, tags: {}, foundBy: "read" };
  },
  delete: gatedDelete(ssmParameter.kind, () => Promise.resolve({ deleted: true, steps: [] })),
};

export const drivers: readonly KindDriver[] = [ssmParameterDriver];
`;

function files(dir: string, root = dir): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) for (const [k, v] of files(full, root)) out.set(k, v);
    else out.set(path.relative(root, full), readFileSync(full, "utf8"));
  }
  return out;
}

/** Inserts `line` after the last line that matches `after`; throws if none does. */
function insertAfter(text: string, after: RegExp, line: string): string {
  const lines = text.split("\n");
  const at = lines.map((l) => after.test(l)).lastIndexOf(true);
  if (at < 0) throw new Error(`no line matches ${after}`);
  lines.splice(at + 1, 0, line);
  return lines.join("\n");
}

describe("adding a kind", () => {
  const copy = mkdtempSync(path.join(tmpdir(), "stateward-add-kind-"));
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it("is one kind file, one driver file, a registry line and a driver-table line", async () => {
    cpSync(path.join(ROOT, "src"), path.join(copy, "src"), { recursive: true });
    symlinkSync(path.join(ROOT, "node_modules"), path.join(copy, "node_modules"), "dir");
    writeFileSync(path.join(copy, "package.json"), JSON.stringify({ type: "module" }));
    const before = files(path.join(copy, "src"));

    writeFileSync(path.join(copy, "src/kinds/ssm-parameter.ts"), KIND_FILE);
    writeFileSync(path.join(copy, "src/cloud/drivers/ssm.ts"), DRIVER_FILE);
    const registry = path.join(copy, "src/kinds/registry.ts");
    let text = readFileSync(registry, "utf8");
    text = insertAfter(
      text,
      /^import .* from "\.\/ses-identity\.js";$/,
      `import { ssmParameter } from "./ssm-parameter.js";`,
    );
    text = insertAfter(text, /^ {2}route53Record,$/, "  ssmParameter,");
    writeFileSync(registry, text);
    const table = path.join(copy, "src/cloud/drivers/index.ts");
    writeFileSync(
      table,
      insertAfter(readFileSync(table, "utf8"), /^ {2}sesv2: /, `  ssm: () => import("./ssm.js"),`),
    );

    const after = files(path.join(copy, "src"));
    const added = [...after.keys()].filter((f) => !before.has(f)).sort();
    const edited = [...after.keys()].filter((f) => before.has(f) && before.get(f) !== after.get(f)).sort();
    expect(added).toEqual(["cloud/drivers/ssm.ts", "kinds/ssm-parameter.ts"]);
    expect(edited).toEqual(["cloud/drivers/index.ts", "kinds/registry.ts"]);
    const changed = (f: string) =>
      after
        .get(f)!
        .split("\n")
        .filter((l) => !before.get(f)!.split("\n").includes(l));
    expect(changed("kinds/registry.ts")).toHaveLength(2);
    expect(changed("cloud/drivers/index.ts")).toHaveLength(1);

    // Everything that reads the registry knows the new kind.
    const reg = (await import(path.join(copy, "src/kinds/registry.ts"))) as typeof Registry;
    const drivers = (await import(path.join(copy, "src/cloud/drivers/index.ts"))) as typeof Drivers;
    const names = (await import(path.join(copy, "src/state/names.ts"))) as typeof Names;
    const token = "aws:ssm/parameter:Parameter";
    expect(reg.kindForType(token)?.kind).toBe("ssm-parameter");
    expect(reg.kindForShownType("aws:ssm:Parameter")?.kind).toBe("ssm-parameter");
    expect(reg.kindForArn("arn:aws:ssm:us-east-1:123456789012:parameter/acme/dev/x")?.kind).toBe(
      "ssm-parameter",
    );
    expect(reg.deleteRank("aws:cloudwatch/logGroup:LogGroup")).toBeLessThan(reg.deleteRank(token));
    expect(reg.deleteRank(token)).toBeLessThan(reg.deleteRank("aws:dynamodb/table:Table"));
    expect(reg.isGlobal(token)).toBe(false);
    expect(reg.typeOfWording("SSM Parameter")).toBe(token);
    expect(names.generateName("acme", "dev", "Secret", token).name).toMatch(/^acme-dev-Secret-[a-z]{8}$/);
    const driver = await drivers.driverForType(token);
    expect(driver?.kind).toBe("ssm-parameter");
    expect(typeof driver?.read).toBe("function");
  }, 60_000);
});
