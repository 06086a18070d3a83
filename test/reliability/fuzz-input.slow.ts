/**
 * Bad input never reaches the user as a raw runtime message. Thousands of generated inputs — truncated,
 * bit-flipped, corrupt gzip, empty, binary, deeply nested, wrong shape — go through `state show`,
 * `state verify`, `state repair --out` (and `--in-place`) and `explain`, in-process, and each run must
 * end with a documented exit code and, when it fails, one paragraph that says what is wrong: no stack
 * frame, no "Cannot read properties", no "This is a bug in stateward".
 *
 * FUZZ_RUNS changes the number of inputs per command (default 2,000); FUZZ_SEED replays a failure.
 */
import fc from "fast-check";
import { existsSync, promises as fs, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyIntegrity } from "../../src/state/index.js";
import { parseState } from "../../src/backends/encoding.js";
import { SstStateBuilder, toBytes } from "../fixtures/builder.js";
import { FILES_DIR } from "../fixtures/files.js";
import { ROOT, cli, tempDir, type CliRun } from "../helpers.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const LOGS_DIR = path.join(ROOT, "test", "fixtures", "logs");

/** What a raw runtime failure looks like when it leaks out. */
const RAW = [
  "Cannot read properties",
  "Maximum call stack",
  "Invalid string length",
  "is not a function",
  "is not iterable",
  "undefined",
  "[object Object]",
  "bug in stateward",
  "TypeError",
  "RangeError",
  "SyntaxError: Unexpected",
  "ERR_",
];
const STACK_FRAME = /^\s*at \S.*(:\d+:\d+\)?|<anonymous>\)?)$/m;

// ---- seeds ----------------------------------------------------------------------------------------

function stateSeeds(): Uint8Array[] {
  const seeds: Uint8Array[] = readdirSync(FILES_DIR).map((f) => readFileSync(path.join(FILES_DIR, f)));
  const b = new SstStateBuilder({ seed: 7 });
  b.addFunction("Api");
  b.addDynamo("Orders", { retain: true });
  b.addPendingCreate("aws:dynamodb/table:Table", "Audit", { name: "myapp-dev-Audit-k3j2h1g0" });
  seeds.push(
    toBytes(b.versioned()),
    toBytes(b.exported(), { indent: "    " }),
    toBytes(b.bare(), { newline: true }),
    toBytes(b.versioned(), { gzip: true }),
  );
  return seeds;
}

function logSeeds(): Uint8Array[] {
  return readdirSync(LOGS_DIR).map((f) => readFileSync(path.join(LOGS_DIR, f)));
}

// ---- mutations ------------------------------------------------------------------------------------

interface Input {
  kind: string;
  bytes: Uint8Array;
}

/** How fast-check prints an input in a failure: its kind and size, not every byte. */
function input(kind: string, bytes: Uint8Array): Input {
  return Object.assign(
    { kind, bytes },
    {
      [fc.toStringMethod]: () =>
        `${kind} input (${bytes.length} bytes, base64 ${Buffer.from(bytes.subarray(0, 96)).toString("base64")}${bytes.length > 96 ? "…" : ""})`,
    },
  );
}

const truncated = (seeds: Uint8Array[]) =>
  fc
    .tuple(fc.constantFrom(...seeds), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }))
    .map(([s, at]) => input("truncated", s.subarray(0, Math.floor(s.length * at))));

const bitFlipped = (seeds: Uint8Array[]) =>
  fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.nat(7)), {
        minLength: 1,
        maxLength: 8,
      }),
    )
    .map(([s, flips]): Input => {
      const out = Uint8Array.from(s);
      for (const [at, bit] of flips) out[Math.floor(at * out.length)]! ^= 1 << bit;
      return input("bit-flipped", out);
    });

const corruptGzip = (seeds: Uint8Array[]) =>
  fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.constantFrom("truncate", "flip", "trailer", "garbage"),
      fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
      fc.uint8Array({ minLength: 0, maxLength: 64 }),
    )
    .map(([s, how, at, junk]): Input => {
      const gz = Uint8Array.from(gzipSync(s));
      let bytes: Uint8Array;
      switch (how) {
        case "truncate":
          bytes = gz.subarray(0, 2 + Math.floor(at * (gz.length - 2)));
          break;
        case "flip": {
          // Past the 10-byte header, so the gzip magic stays and decompression itself fails.
          const i = 10 + Math.floor(at * (gz.length - 10));
          gz[i]! ^= 0xff;
          bytes = gz;
          break;
        }
        case "trailer":
          gz[gz.length - 1 - Math.floor(at * 8)]! ^= 0x5a;
          bytes = gz;
          break;
        default:
          bytes = Uint8Array.from([0x1f, 0x8b, ...junk]);
      }
      return input(`corrupt gzip (${how})`, bytes);
    });

const empty = fc
  .constantFrom("", " ", "\n", "\r\n\t  \n", "\uFEFF", "\uFEFF\n")
  .chain((text) =>
    fc.boolean().map((gz) => input(gz ? "empty (gzip)" : "empty", gz ? gzipSync(text) : Buffer.from(text))),
  );

/** Bytes no text file holds: a NUL somewhere, or high bytes that are not UTF-8. */
const binary = fc.oneof(
  fc
    .tuple(fc.uint8Array({ maxLength: 600 }), fc.nat())
    .map(([bytes, at]) =>
      input(
        "binary",
        Uint8Array.from([
          ...bytes.subarray(0, at % (bytes.length + 1)),
          0,
          ...bytes.subarray(at % (bytes.length + 1)),
        ]),
      ),
    ),
  fc.uint8Array({ minLength: 16, maxLength: 600 }).map((bytes) =>
    input(
      "binary",
      bytes.map((b) => b | 0x80),
    ),
  ),
);

/** JSON nested far deeper than any checkpoint: at the top, inside a resource, or never closed. */
const deeplyNested = fc
  .tuple(
    fc.integer({ min: 2000, max: 120_000 }),
    fc.constantFrom("[", '{"a":'),
    fc.constantFrom("top", "inputs", "resources", "pending", "unclosed"),
  )
  .map(([depth, open, where]): Input => {
    const close = open === "[" ? "]" : "}";
    const nest = open.repeat(depth) + (open === "[" ? "" : "1") + close.repeat(depth);
    const urn = "urn:pulumi:dev::app::aws:s3/bucket:Bucket::b";
    const latest = (body: string) =>
      `{"version":3,"checkpoint":{"stack":"organization/app/dev","latest":${body}}}`;
    const text =
      where === "top"
        ? nest
        : where === "inputs"
          ? latest(
              `{"manifest":{},"resources":[{"urn":"${urn}","custom":true,"type":"aws:s3/bucket:Bucket","inputs":{"x":${nest}}}]}`,
            )
          : where === "resources"
            ? latest(`{"manifest":{},"resources":[${nest}]}`)
            : where === "pending"
              ? latest(
                  `{"manifest":{},"pending_operations":[{"type":"creating","resource":{"urn":"${urn}","inputs":${nest}}}]}`,
                )
              : open.repeat(depth);
    return input(`deeply nested (${where}, ${depth})`, Buffer.from(text));
  });

/** Values a field could wrongly hold. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, 0, -1, 1.5, "", "x", true, false, [], {}, [{}], [null], [1], { resource: {} }, [[]]),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Every path in a parsed seed down to the fields of resources and pending operations. */
function pathsOf(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  if (prefix.length > 7 || value === null || typeof value !== "object") return out;
  const entries = Array.isArray(value)
    ? value.slice(0, 4).map((v, i) => [i, v] as const)
    : Object.entries(value as Record<string, unknown>);
  for (const [k, v] of entries) {
    const p = [...prefix, k];
    out.push(p);
    // Into property values only a little: the interesting shapes are the envelope and the resources.
    if (k !== "inputs" && k !== "outputs" && k !== "state") pathsOf(v, p, out);
  }
  return out;
}

function setPath(root: unknown, p: (string | number)[], value: unknown, remove: boolean): void {
  let at = root as Record<string | number, unknown>;
  for (const k of p.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  const last = p[p.length - 1]!;
  if (remove && !Array.isArray(at)) delete at[last];
  // A fresh copy each time: fast-check may hand the same value object to two edits, and putting
  // one object inside itself would make a circle no file can hold.
  else at[last] = structuredClone(value);
}

const wrongShape = (seeds: Uint8Array[]) => {
  const docs = seeds
    .map((s) => {
      try {
        return JSON.parse(Buffer.from(s[0] === 0x1f ? [] : s).toString("utf8")) as unknown;
      } catch {
        return undefined;
      }
    })
    .filter((v) => v !== undefined)
    .map((doc) => ({ doc, paths: pathsOf(doc) }));
  return fc
    .tuple(
      fc.constantFrom(...docs),
      fc.array(fc.tuple(fc.nat(), oddValue, fc.boolean()), { minLength: 1, maxLength: 3 }),
      fc.boolean(),
    )
    .map(([{ doc, paths }, edits, gz]): Input => {
      const copy = structuredClone(doc);
      const names: string[] = [];
      for (const [n, value, remove] of edits) {
        const p = paths[n % paths.length]!;
        try {
          setPath(copy, p, value, remove);
          names.push(p.join("."));
        } catch {
          // The path went away with an earlier edit.
        }
      }
      const text = JSON.stringify(copy);
      return input(`wrong shape (${names.join(", ")})`, gz ? gzipSync(text) : Buffer.from(text));
    });
};

/** Checkpoint envelopes around values that are not what they should be. */
const templated = fc
  .tuple(
    fc.constantFrom(
      (v: string) =>
        `{"version":3,"checkpoint":{"stack":"organization/a/b","latest":{"manifest":{},"resources":[${v}]}}}`,
      (v: string) => `{"version":3,"deployment":{"manifest":{},"pending_operations":[${v}]}}`,
      (v: string) =>
        `{"version":3,"deployment":{"manifest":{},"pending_operations":[{"type":"creating","resource":${v}}]}}`,
      (v: string) => `{"stack":"organization/a/b","latest":{"manifest":${v},"resources":[]}}`,
      (v: string) => `{"version":3,"checkpoint":${v}}`,
      (v: string) => `{"version":${v},"deployment":{}}`,
      (v: string) => v,
    ),
    oddValue,
  )
  .map(([wrap, v]) => input("wrong shape (template)", Buffer.from(wrap(JSON.stringify(v)))));

function stateInputs(): fc.Arbitrary<Input> {
  const seeds = stateSeeds();
  return fc.oneof(
    truncated(seeds),
    bitFlipped(seeds),
    corruptGzip(seeds),
    empty,
    binary,
    deeplyNested,
    wrongShape(seeds),
    templated,
  );
}

/** Logs: the fixtures mangled, text that is no log, and lines long or nested enough to hurt a regex. */
function logInputs(): fc.Arbitrary<Input> {
  const seeds = logSeeds();
  const lines = fc
    .array(
      fc.oneof(
        fc.string({ maxLength: 120 }),
        fc.string({ unit: "grapheme", maxLength: 80 }),
        fc.constantFrom(
          "error: decrypting secret value: failed to decrypt",
          "|  Error       Api sst:aws:Function → ApiLogGroup aws:cloudwatch:LogGroup",
          "ResourceAlreadyExistsException: The specified log group already exists",
          "urn:pulumi:dev::app::aws:s3/bucket:Bucket::b interrupted while creating",
          "creating CloudWatch Logs Log Group (",
          "✓  Complete",
          "✕  Failed",
        ),
        fc.integer({ min: 1000, max: 200_000 }).map((n) => "(".repeat(n)),
      ),
      { maxLength: 30 },
    )
    .map((ls) => input("text", Buffer.from(ls.join("\n"))));
  return fc.oneof(
    truncated(seeds),
    bitFlipped(seeds),
    corruptGzip(seeds),
    empty,
    binary,
    deeplyNested,
    lines,
  );
}

// ---- checks ---------------------------------------------------------------------------------------

/**
 * What is wrong with how a run ended, if anything. `echoes` is true for a command whose report quotes
 * its input (explain shows log lines): then only its errors are searched for raw runtime words.
 */
function problemsOf(r: CliRun, json: boolean, codes: readonly number[], echoes = false): string[] {
  const problems: string[] = [];
  if (!codes.includes(r.code)) problems.push(`exit code ${r.code} (expected one of ${codes.join(", ")})`);
  const raw = (where: string, text: string) => {
    for (const word of RAW) if (text.includes(word)) problems.push(`${where} contains "${word}"`);
    if (STACK_FRAME.test(text)) problems.push(`${where} contains a stack frame`);
  };
  if (r.code === 1) {
    if (json) {
      let doc: { error?: { code?: unknown; message?: unknown; hint?: unknown } } | undefined;
      try {
        doc = JSON.parse(r.stdout) as typeof doc;
      } catch {
        problems.push("--json printed no single JSON document on failure");
      }
      const e = doc?.error;
      if (typeof e?.code !== "string" || typeof e.message !== "string")
        problems.push("the error document has no code and message");
      else {
        if (e.code === "INTERNAL") problems.push("the error is INTERNAL");
        if (e.message.includes("\n")) problems.push("the error message is more than one line");
        raw("the error document", `${e.message}\n${typeof e.hint === "string" ? e.hint : ""}`);
      }
      if (r.stderr !== "") problems.push(`--json also wrote to stderr: ${r.stderr.slice(0, 200)}`);
    } else {
      const lines = r.stderr.trimEnd().split("\n");
      if (!r.stderr.startsWith("error: ")) problems.push("stderr does not start with `error: `");
      if (lines.length > 2 || lines.some((l) => l.trim() === ""))
        problems.push("the error is more than one paragraph");
      raw("stderr", r.stderr);
      if (r.stdout !== "") problems.push("a failed run printed a result on stdout");
    }
  } else {
    raw("stderr", r.stderr);
    // A report that does not quote its input has no business printing these.
    if (!json && !echoes) {
      for (const word of ["undefined", "[object Object]", "NaN"]) {
        if (r.stdout.includes(word)) problems.push(`stdout contains "${word}"`);
      }
    }
    if (json) {
      try {
        JSON.parse(r.stdout);
      } catch {
        problems.push("--json printed no single JSON document");
      }
    }
  }
  return problems;
}

function describeRun(input: Input, args: string[], r: CliRun, problems: string[]): string {
  return [
    `${args.join(" ")} on ${input.kind} input (${input.bytes.length} bytes): ${problems.join("; ")}`,
    `exit ${r.code}`,
    `stderr: ${r.stderr.slice(0, 400)}`,
    `stdout: ${r.stdout.slice(0, 400)}`,
  ].join("\n");
}

let dir: string;
let counter = 0;
beforeAll(() => {
  dir = tempDir();
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function writeInput(input: Input): string {
  const file = path.join(dir, `in-${counter++}.json`);
  writeFileSync(file, input.bytes);
  return file;
}

const params = (): fc.Parameters<unknown> => ({
  numRuns: RUNS,
  endOnFailure: true,
  ...(SEED === undefined ? {} : { seed: SEED }),
});

/** Inputs that can only be refused: nothing in them is a checkpoint (or, for explain, a log). */
const REFUSED_STATE = /^(empty|binary|deeply nested|corrupt gzip \((flip|garbage)\))/;
const REFUSED_LOG = /^(empty|binary)/;

async function fuzz(
  inputs: fc.Arbitrary<Input>,
  codes: readonly number[],
  refused: RegExp,
  command: (file: string, json: boolean) => { args: string[]; after?: (r: CliRun) => Promise<string[]> },
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(inputs, fc.boolean(), async (input, json) => {
      const file = writeInput(input);
      const { args, after } = command(file, json);
      const r = await cli(args);
      const problems = problemsOf(r, json, refused.test(input.kind) ? [1] : codes, args[0] === "explain");
      if (after !== undefined) problems.push(...(await after(r)));
      await fs.rm(file, { force: true });
      if (problems.length > 0) throw new Error(describeRun(input, args, r, problems));
    }),
    params(),
  );
}

describe(`fuzzed input (${RUNS} per command)`, () => {
  it("state show: a summary or one clear paragraph, exit 0 or 1", async () => {
    await fuzz(stateInputs(), [0, 1], REFUSED_STATE, (file, json) => ({
      args: ["state", "show", file, ...(json ? ["--json"] : [])],
    }));
  }, 120_000);

  it("state verify: clean (0), violations (3) or one clear paragraph (1)", async () => {
    await fuzz(stateInputs(), [0, 1, 3], REFUSED_STATE, (file, json) => ({
      args: ["state", "verify", file, ...(json ? ["--json"] : [])],
    }));
  }, 120_000);

  it("state repair --out: writes only a state that verifies; --in-place leaves a bad file as it was", async () => {
    let n = 0;
    await fuzz(stateInputs(), [0, 1, 3], REFUSED_STATE, (file, json) => {
      const inPlace = n++ % 4 === 3;
      const out = `${file}.out.json`;
      const before = readFileSync(file);
      const args = ["state", "repair", file, ...(inPlace ? ["--in-place", "--yes"] : ["--out", out])];
      if (json) args.push("--json");
      return {
        args,
        after: async (r) => {
          const problems: string[] = [];
          const written = inPlace ? !readFileSync(file).equals(before) : existsSync(out);
          if (written) {
            if (r.code !== 0) problems.push(`exit ${r.code}, yet it wrote ${inPlace ? file : out}`);
            const bytes = readFileSync(inPlace ? file : out);
            try {
              const violations = verifyIntegrity(parseState(bytes).deployment);
              if (violations.length > 0)
                problems.push(`it wrote a state that fails verify: ${violations[0]!.message}`);
            } catch (e) {
              problems.push(`it wrote a state that does not parse: ${(e as Error).message}`);
            }
          }
          await fs.rm(out, { force: true });
          for (const f of await fs.readdir(dir)) if (f.endsWith(".bak")) await fs.rm(path.join(dir, f));
          return problems;
        },
      };
    });
  }, 120_000);

  it("explain: problems (3), none (0) or one clear paragraph (1)", async () => {
    await fuzz(logInputs(), [0, 1, 3], REFUSED_LOG, (file, json) => ({
      args: ["explain", file, ...(json ? ["--json"] : [])],
    }));
  }, 120_000);

  it("a 600 MB file is refused by its size before it is read, by every command", async () => {
    const huge = path.join(dir, "huge.json");
    await fs.writeFile(huge, "");
    // Sparse: no 600 MB on disk or in memory.
    await fs.truncate(huge, 600 * 1024 * 1024);
    for (const args of [
      ["state", "show", huge],
      ["state", "verify", huge],
      ["state", "repair", huge, "--out", `${huge}.out`],
      ["explain", huge],
    ]) {
      for (const json of [false, true]) {
        const r = await cli(json ? [...args, "--json"] : args);
        const problems = problemsOf(r, json, [1]);
        expect(problems, describeRun(input("huge", new Uint8Array()), args, r, problems)).toEqual([]);
        expect(json ? r.stdout : r.stderr).toMatch(/600 MB/);
      }
    }
    expect(existsSync(`${huge}.out`)).toBe(false);
    await fs.rm(huge);
  }, 60_000);
});
