/**
 * One region for global resources. The acme scenario holds an IAM role and a Route 53 record outside
 * production's state, CloudFront functions in staging and leftovers of pr-42: every command that
 * names them (scan, doctor, plan, cleanup, preflight) says `global`, in text and in JSON — never
 * `us-east-1`, the region AWS serves their APIs from.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { cli } from "../helpers.js";
import { useSandbox } from "../sandbox/harness.js";

const sandbox = useSandbox();

function env(): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: sandbox.server().url,
    AWS_ACCESS_KEY_ID: "AKIASANDBOXTEST",
    AWS_SECRET_ACCESS_KEY: "sandbox-secret",
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

const at = (stage: string) => ["--app", ACME.app, "--stage", stage];
/** Written here apart from the code: the services AWS keeps in no region. */
const GLOBAL_TYPE = /^aws:(iam|cloudfront|route53)\//;

interface Placed {
  type: string;
  name: string;
  region: string;
}

/** Every object in a JSON document with a type (Pulumi token) and a region. */
function placed(value: unknown): Placed[] {
  if (Array.isArray(value)) return value.flatMap(placed);
  if (value === null || typeof value !== "object") return [];
  const o = value as Record<string, unknown>;
  const here =
    typeof o.type === "string" && typeof o.region === "string"
      ? [
          {
            type: o.type,
            name: typeof o.name === "string" ? o.name : typeof o.id === "string" ? o.id : "",
            region: o.region,
          },
        ]
      : [];
  return [...here, ...Object.values(o).flatMap(placed)];
}

beforeAll(async () => {
  sandbox.server().reset();
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
}, 60_000);

describe("global resources read `global` everywhere", () => {
  const commands: [string, string[]][] = [
    ["scan production", ["scan", ...at("production")]],
    ["scan staging", ["scan", ...at("staging")]],
    ["doctor --all-stages", ["doctor", ...at("dev"), "--all-stages"]],
    ["plan --all-stages", ["plan", ...at("dev"), "--all-stages"]],
    ["cleanup pr-42 (dry run)", ["cleanup", ...at("pr-42")]],
    ["preflight dev", ["preflight", ...at("dev")]],
  ];

  for (const [name, args] of commands) {
    it(name, async () => {
      const json = await cli([...args, "--json"], env());
      const all = placed(JSON.parse(json.stdout));
      const global = all.filter((p) => GLOBAL_TYPE.test(p.type));
      expect(global.length, `${name} names no global resource`).toBeGreaterThan(0);
      expect(global.filter((p) => p.region !== "global")).toEqual([]);
      // Regional ones keep their region.
      expect(all.filter((p) => !GLOBAL_TYPE.test(p.type) && p.region === "global")).toEqual([]);

      const text = await cli(args, env());
      const lines = text.stdout.split("\n");
      const named = global.filter((g) => g.name !== "");
      // The text shows a global resource with its region as `global` …
      expect(named.some((p) => lines.some((l) => l.includes(p.name) && /\bglobal\b/.test(l)))).toBe(true);
      // … and never as us-east-1 (a command to run may name the API region with --region).
      const east = named.flatMap((p) => lines.filter((l) => l.includes(p.name) && l.includes("us-east-1")));
      expect(east.filter((l) => !l.includes("--region"))).toEqual([]);
    });
  }

  it("the same IAM role and Route 53 record read the same in scan and doctor", async () => {
    const scan = placed(JSON.parse((await cli(["scan", ...at("production"), "--json"], env())).stdout));
    const doctor = placed(JSON.parse((await cli(["doctor", ...at("production"), "--json"], env())).stdout));
    for (const type of ["aws:iam/role:Role", "aws:route53/record:Record"]) {
      const s = scan.find((p) => p.type === type && doctor.some((d) => d.type === type && d.name === p.name));
      expect(s, type).toBeDefined();
      const d = doctor.find((p) => p.type === type && p.name === s!.name)!;
      expect([s!.region, d.region]).toEqual(["global", "global"]);
    }
  });
});
