import fc from "fast-check";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { StateFormatError } from "../../src/errors.js";
import {
  MAX_STATE_BYTES,
  MAX_STATE_DEPTH,
  diffDeployments,
  findJsonError,
  repairDeployment,
  summarize,
  insertResource,
  stringifyState,
  withDeployment,
  type ResourceV3,
} from "../../src/state/index.js";
import { parseState, serializeState } from "../../src/backends/encoding.js";
import { SstStateBuilder, toBytes } from "../fixtures/builder.js";
import { VALID_FILES, readFixture } from "../fixtures/files.js";

function roundTrip(bytes: Uint8Array): Uint8Array {
  return serializeState(parseState(bytes));
}

function fullBuilder(seed = 1): SstStateBuilder {
  const b = new SstStateBuilder({ seed });
  b.addFunction("Api");
  b.addDynamo("Orders", { retain: true });
  const web = b.addNextjs("Web", { domain: "www.example.com" });
  b.addEmail("Mailer", "noreply@example.com");
  b.addDnsRecord(web.cdn, "WebCdn", { zoneId: "Z0123456789ABCDEFGHIJ", recordName: "www.example.com" });
  b.addSecret("StripeKey");
  b.addPendingCreate("aws:dynamodb/table:Table", "AuditTable", { name: "myapp-dev-AuditTable-k3j2h1g0" });
  return b;
}

describe("round trip of an unchanged document", () => {
  const shapes = ["versioned", "exported", "bare"] as const;
  for (const shape of shapes) {
    for (const indent of ["", "    "] as const) {
      for (const gzip of [false, true]) {
        it(`is byte-identical: ${shape}, ${indent === "" ? "compact" : "4-space"}${gzip ? ", gzip" : ""}`, () => {
          const bytes = toBytes(fullBuilder()[shape](), { indent, gzip });
          expect(Buffer.from(roundTrip(bytes)).equals(Buffer.from(bytes))).toBe(true);
        });
      }
    }
  }

  for (const name of VALID_FILES) {
    it(`is byte-identical for the hand-written ${name}`, () => {
      const bytes = readFixture(name);
      expect(Buffer.from(roundTrip(bytes)).toString()).toBe(bytes.toString());
    });
  }

  it("is byte-identical for both naming eras and many resources", () => {
    for (const naming of ["pre-3.8", "suffix"] as const) {
      const bytes = toBytes(new SstStateBuilder({ naming, seed: 7 }).fill(500).versioned(), {
        indent: "    ",
      });
      expect(Buffer.from(roundTrip(bytes)).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it("keeps Go's HTML escapes, and raw characters when the file had them", () => {
    const escaped = readFixture("sst-production-indented.json").toString();
    expect(escaped).toContain("\\u003c");
    expect(stringifyState(parseState(Buffer.from(escaped)))).toContain('\\u003c \\"/\\" \\u0026\\u0026');
    const raw =
      '{"version":3,"checkpoint":{"stack":"a","latest":{"manifest":{"time":"t","magic":"","version":""},"metadata":{"note":"a < b && c"}}}}';
    expect(stringifyState(parseState(Buffer.from(raw)))).toBe(raw);
  });

  it("writes an unchanged gzip file back with its own compressed bytes", () => {
    const bytes = gzipSync(JSON.stringify(fullBuilder().versioned()), { level: 1 });
    expect(Buffer.from(roundTrip(bytes)).equals(bytes)).toBe(true);
  });
});

describe("edits keep what stateward does not know", () => {
  it("keeps unknown fields at every level after an edit, next to the key they followed", () => {
    const b = new SstStateBuilder();
    b.addDynamo("Orders");
    const doc = b.versioned() as { checkpoint: { latest: Record<string, unknown> } } & Record<
      string,
      unknown
    >;
    doc.futureTop = 1;
    doc.checkpoint.latest.futureDeployment = { a: [1, 2] };
    (doc.checkpoint as Record<string, unknown>).futureCheckpoint = "x";
    const resources = doc.checkpoint.latest.resources as Record<string, unknown>[];
    // An unknown key between two known ones, as a newer Pulumi would write it.
    const table = resources[resources.length - 1]!;
    const reordered: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(table)) {
      reordered[k] = v;
      if (k === "provider") reordered.futureResourceField = { nested: true };
    }
    resources[resources.length - 1] = reordered;
    const parsed = parseState(toBytes(doc));
    const edited = withDeployment(
      parsed,
      insertResource(parsed.deployment!, {
        urn: "urn:pulumi:dev::myapp::sst:aws:Bucket::Files",
        custom: false,
        type: "sst:aws:Bucket",
        parent: b.stackUrn,
      }),
    );
    const out = JSON.parse(stringifyState(edited)) as typeof doc;
    expect(out.futureTop).toBe(1);
    expect(out.checkpoint.latest.futureDeployment).toEqual({ a: [1, 2] });
    expect((out.checkpoint as Record<string, unknown>).futureCheckpoint).toBe("x");
    const outResources = out.checkpoint.latest.resources as Record<string, unknown>[];
    const outTable = outResources.find((r) => r.urn === table.urn)!;
    const keys = Object.keys(outTable);
    expect(keys[keys.indexOf("provider") + 1]).toBe("futureResourceField");
    expect(outResources.some((r) => r.urn === "urn:pulumi:dev::myapp::sst:aws:Bucket::Files")).toBe(true);
  });

  it("writes known keys of a new or shuffled resource in Pulumi's order", () => {
    const parsed = parseState(toBytes(new SstStateBuilder().versioned()));
    const shuffled = {
      retainOnDelete: true,
      parent: parsed.deployment!.resources![0]!.urn,
      type: "sst:aws:Dynamo",
      myOwnNote: "kept after the key it followed",
      custom: false,
      urn: "urn:pulumi:dev::myapp::sst:aws:Dynamo::Orders",
    } as ResourceV3;
    const edited = withDeployment(parsed, insertResource(parsed.deployment!, shuffled));
    const out = JSON.parse(stringifyState(edited)) as { checkpoint: { latest: { resources: object[] } } };
    const written = out.checkpoint.latest.resources.find((r) => "myOwnNote" in r)!;
    expect(Object.keys(written)).toEqual(["urn", "custom", "type", "myOwnNote", "parent", "retainOnDelete"]);
  });
});

describe("shapes and gates", () => {
  it("recognises the three input shapes", () => {
    const b = fullBuilder();
    expect(parseState(toBytes(b.versioned())).shape).toBe("versioned");
    expect(parseState(toBytes(b.exported())).shape).toBe("export");
    expect(parseState(toBytes(b.bare())).shape).toBe("bare");
    for (const shape of ["versioned", "exported", "bare"] as const) {
      const doc = parseState(toBytes(b[shape]()));
      expect(doc.deployment?.resources?.length).toBe(b.resources.length);
      expect(doc.deployment?.pending_operations?.length).toBe(1);
    }
  });

  it("reads an unknown version or feature read-only, with a warning, and refuses to write it", () => {
    for (const name of ["future-version.json", "unknown-feature.json"]) {
      const doc = parseState(readFixture(name), name);
      expect(doc.writable).toBe(false);
      expect(doc.warnings.join(" ")).toMatch(
        name === "future-version.json" ? /version 7 is newer/ : /quantumEntanglement/,
      );
      expect(doc.deployment?.resources?.length).toBe(5);
      expect(() => serializeState(doc)).toThrow(/will not write it/);
    }
  });

  it("accepts version 4 with known features", () => {
    const d = new SstStateBuilder().deployment();
    const doc = parseState(
      toBytes({ version: 4, features: ["refreshBeforeUpdate"], checkpoint: { stack: "s", latest: d } }),
    );
    expect(doc.writable).toBe(true);
    expect(doc.warnings).toEqual([]);
  });
});

describe("bad input", () => {
  const cases: [string, Uint8Array, RegExp][] = [
    ["not JSON", Buffer.from("Error: deploy failed\n"), /not valid JSON/],
    ["JSON cut off", Buffer.from('{"version":3,"checkpoint":{"stack":'), /not valid JSON: it ends early/],
    [
      "truncated gzip",
      gzipSync(JSON.stringify(new SstStateBuilder().versioned())).subarray(0, 200),
      /gzip-compressed but truncated/,
    ],
    ["an array", Buffer.from("[1,2]"), /top level is a list/],
    [
      "another JSON document",
      readFixture("not-a-checkpoint.json"),
      /not a Pulumi checkpoint: it has none of/,
    ],
    [
      "resources not a list",
      Buffer.from('{"version":3,"deployment":{"manifest":{},"resources":{}}}'),
      /"deployment\.resources" is an object, where Pulumi writes a list of resources/,
    ],
    ["a version that is text", Buffer.from('{"version":"3","deployment":{}}'), /"version" is the text "3"/],
    ["empty", Buffer.from("  \n"), /is empty/],
    ["not UTF-8", Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), /not UTF-8 text \(byte 0xff at offset 1/],
    ["binary", Buffer.from([0x7b, 0x00, 0x7d]), /binary data \(a zero byte at offset 1\)/],
    ["gzip of nothing", gzipSync(""), /is empty/],
    [
      "corrupt gzip",
      Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xff]),
      /could not be decompressed|truncated/,
    ],
    [
      "JSON with a stray character, by line and column",
      Buffer.from('{\n  "version": 3,\n  "checkpoint": {"stack": "a" x}\n}'),
      /not valid JSON: unexpected "x" at line 3, column 31\.$/,
    ],
    [
      "JSON with a raw newline inside a text",
      Buffer.from('{"version": 3, "checkpoint": {"stack": "a\nb"}}'),
      /not valid JSON: the character U\+000A inside a text value \(it must be escaped\) at line 1, column 42/,
    ],
    [
      "two documents",
      Buffer.from('{"version":3,"deployment":{}}\n{"version":3}'),
      /more text after the end of the JSON document \("\{"\) at line 2, column 1/,
    ],
    [
      "lists nested 100,000 deep",
      Buffer.from("[".repeat(100_000) + "]".repeat(100_000)),
      /nests JSON objects and lists more than 1000 levels deep \(at \[0\]\[0\]/,
    ],
    [
      "nesting inside a resource's inputs",
      Buffer.from(
        `{"version":3,"deployment":{"resources":[{"urn":"u","type":"t","inputs":{"x":${"[".repeat(2000)}${"]".repeat(2000)}}}]}}`,
      ),
      /more than 1000 levels deep \(at deployment\.resources\[0\]\.inputs\.x\[0\]…\)/,
    ],
    [
      "a resource type that is a number",
      Buffer.from(
        '{"version":3,"deployment":{"resources":[{"urn":"urn:pulumi:dev::app::aws:s3/bucket:Bucket::b","type":5}]}}',
      ),
      /"deployment\.resources\[0\]\.type" \(of urn:pulumi:dev::app::aws:s3\/bucket:Bucket::b\) is number 5, where Pulumi writes a type token/,
    ],
    [
      "a resource that is a list",
      Buffer.from('{"version":3,"deployment":{"resources":[[]]}}'),
      /"deployment\.resources\[0\]" is a list, where Pulumi writes a resource object/,
    ],
    [
      "dependencies that are not URNs",
      Buffer.from('{"version":3,"deployment":{"resources":[{"urn":"u","type":"t","dependencies":[1]}]}}'),
      /"deployment\.resources\[0\]\.dependencies" \(of u\) is a list, where Pulumi writes a list of URNs/,
    ],
    [
      "a pending operation without its resource",
      Buffer.from('{"version":3,"deployment":{"pending_operations":[{}]}}'),
      /"deployment\.pending_operations\[0\]\.resource" is missing, where Pulumi writes the resource object/,
    ],
    [
      "a pending operation whose type is not text",
      Buffer.from('{"version":3,"deployment":{"pending_operations":[{"resource":{},"type":null}]}}'),
      /"deployment\.pending_operations\[0\]\.type" is null, where Pulumi writes text such as "creating"/,
    ],
    [
      "a manifest version that is a number",
      Buffer.from('{"stack":"organization/a/b","latest":{"manifest":{"version":3}}}'),
      /"checkpoint\.latest\.manifest\.version" is number 3, where Pulumi writes text/,
    ],
  ];
  for (const [what, bytes, message] of cases) {
    it(`rejects ${what} with a StateFormatError naming the input`, () => {
      let error: unknown;
      try {
        parseState(bytes, "state.json");
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(StateFormatError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toMatch(/state\.json/);
    });
  }
});

describe("limits", () => {
  it("refuses an input over the size limit by its size, compressed or once decompressed", () => {
    const big = Buffer.from(JSON.stringify(new SstStateBuilder().fill(40).versioned()));
    expect(() => parseState(big, "s.json", { maxBytes: 1000 })).toThrow(
      /^s\.json is \d+ KB, more than the 1 KB stateward reads as a state file/,
    );
    // A gzip bomb: small on disk, beyond the limit once decompressed; refused without inflating it all.
    const bomb = gzipSync(Buffer.alloc(64 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(1000);
    expect(() => parseState(bomb, "s.json.gz", { maxBytes: 1000 })).toThrow(
      /s\.json\.gz is gzip-compressed and decompresses to more than the 1 KB/,
    );
    expect(MAX_STATE_BYTES).toBe(256 * 1024 * 1024);
  });

  it("reads nesting up to the depth limit, and everything downstream copes with it", () => {
    const deep = (n: number) => "[".repeat(n) + "]".repeat(n);
    // The envelope, the resource list, the resource and its inputs take 5 levels.
    const at = (n: number) =>
      Buffer.from(
        `{"version":3,"deployment":{"manifest":{"version":"v3.1.0","magic":"${"0".repeat(64)}"},"resources":[{"urn":"urn:pulumi:dev::app::aws:s3/bucket:Bucket::b","custom":true,"type":"aws:s3/bucket:Bucket","inputs":{"x":${deep(n)}}}]}}`,
      );
    const doc = parseState(at(MAX_STATE_DEPTH - 5));
    expect(() => serializeState(doc)).not.toThrow();
    expect(() => summarize(doc)).not.toThrow();
    expect(() => repairDeployment(doc.deployment!)).not.toThrow();
    expect(() => diffDeployments(doc.deployment, undefined)).not.toThrow();
    expect(() =>
      diffDeployments(doc.deployment, parseState(at(MAX_STATE_DEPTH - 6)).deployment),
    ).not.toThrow();
    expect(() => parseState(at(MAX_STATE_DEPTH - 4))).toThrow(/more than 1000 levels deep/);
  });
});

describe("findJsonError agrees with JSON.parse (property)", () => {
  const jsonish = fc.oneof(
    fc.json({ maxDepth: 3 }),
    fc
      .json({ maxDepth: 3 })
      .chain((j) =>
        fc
          .tuple(fc.nat(j.length), fc.string({ maxLength: 3 }))
          .map(([at, junk]) => j.slice(0, at) + junk + j.slice(at)),
      ),
    fc.string({ unit: fc.constantFrom(...'{}[]":,0123456789-+.eE tfrunl\\/\n\tbuA') }),
  );
  it("finds an error exactly when JSON.parse throws", () => {
    fc.assert(
      fc.property(jsonish, (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        expect(findJsonError(text) === undefined).toBe(parses);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("round trip of arbitrary values (property)", () => {
  // Keys that look like array indexes are left out: JavaScript objects put them first whatever the text
  // said, a known limit of a JSON.parse-based model (Pulumi's own maps are sorted, so they rarely occur).
  const key = fc.string({ maxLength: 8 }).filter((k) => !/^(0|[1-9]\d*)$/.test(k));
  const value = fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof(
      { depthSize: "small" },
      fc.constant(null),
      fc.boolean(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.string({ unit: "binary" }),
      fc.array(tie("v"), { maxLength: 4 }),
      fc.dictionary(key, tie("v"), { maxKeys: 4 }),
    ),
  })).v;

  it("is byte-identical with any inputs, outputs and unknown fields, compact or indented", () => {
    fc.assert(
      fc.property(
        value,
        value,
        key,
        value,
        fc.boolean(),
        (inputs, outputs, unknownKey, unknownValue, indented) => {
          const b = new SstStateBuilder();
          const { table } = b.addDynamo("Orders");
          table.inputs = { anything: inputs };
          table.outputs = { anything: outputs };
          (table as Record<string, unknown>)[`x-${unknownKey}`] = unknownValue;
          const bytes = toBytes(b.versioned(), { indent: indented ? "    " : "" });
          expect(Buffer.from(roundTrip(bytes)).toString()).toBe(Buffer.from(bytes).toString());
        },
      ),
      { numRuns: 300 },
    );
  });
});

it("reads the version-0 document Pulumi writes for a stack that was never deployed, as writable", () => {
  const bytes = Buffer.from('{"version":0,"checkpoint":{"stack":"organization/acme/dev"}}');
  const doc = parseState(bytes);
  expect(doc.writable).toBe(true);
  expect(doc.warnings).toEqual([]);
  expect(doc.deployment).toBeUndefined();
  expect(Buffer.from(serializeState(doc)).toString()).toBe(bytes.toString());
  const old = parseState(
    Buffer.from(
      '{"version":2,"checkpoint":{"stack":"s","latest":{"manifest":{"time":"","magic":"","version":""}}}}',
    ),
  );
  expect(old.writable).toBe(false);
});
