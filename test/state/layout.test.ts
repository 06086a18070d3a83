/**
 * A checkpoint laid out by hand keeps its text where nothing changed: after an edit of one resource,
 * every line outside that resource is byte-identical, and the edited or new resource follows the
 * layout of what it replaces (or of its siblings).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  insertResource,
  removeResources,
  replaceResource,
  withDeployment,
  type DeploymentV3,
  type ResourceV3,
} from "../../src/state/index.js";
import { parseState, serializeState } from "../../src/backends/encoding.js";
import { SstStateBuilder } from "../fixtures/builder.js";
import { readFixture } from "../fixtures/files.js";

const TABLE = "urn:pulumi:dev::acme::aws:dynamodb/table:Table::Orders";
const LOGS = "urn:pulumi:dev::acme::aws:cloudwatch/logGroup:LogGroup::Logs";

function edit(bytes: Uint8Array, change: (d: DeploymentV3) => DeploymentV3): string {
  const doc = parseState(bytes, "hand-formatted.json");
  return Buffer.from(serializeState(withDeployment(doc, change(doc.deployment!)))).toString();
}

/** The lines of `after` that are not in `before`, and the lines of `before` that are gone. */
function changedLines(before: string, after: string): { added: string[]; removed: string[] } {
  const a = before.split("\n");
  const b = after.split("\n");
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  return { added: b.slice(head, b.length - tail), removed: a.slice(head, a.length - tail) };
}

describe("a hand-formatted checkpoint", () => {
  const bytes = readFixture("hand-formatted.json");
  const text = bytes.toString();

  it("is written back byte for byte when nothing changed", () => {
    expect(Buffer.from(serializeState(parseState(bytes))).toString()).toBe(text);
  });

  it("changes only the lines of the one resource edited, laid out as it was", () => {
    const out = edit(bytes, (d) => {
      const logs = d.resources!.find((r) => r.urn === LOGS)!;
      return replaceResource(d, LOGS, { ...logs, retainOnDelete: true });
    });
    const { added, removed } = changedLines(text, out);
    // The tab-indented log group: only its last line changes (a new key after "provider").
    expect(removed).toEqual([
      '\t\t"provider": "urn:pulumi:dev::acme::pulumi:providers:aws::default_6_66_2::6c5b0c6e-0000-4000-8000-000000000001"',
    ]);
    expect(added).toEqual([
      '\t\t"provider": "urn:pulumi:dev::acme::pulumi:providers:aws::default_6_66_2::6c5b0c6e-0000-4000-8000-000000000001",',
      '\t\t"retainOnDelete": true',
    ]);
    expect(
      parseState(Buffer.from(out)).deployment!.resources!.find((r) => r.urn === LOGS)?.retainOnDelete,
    ).toBe(true);
  });

  it("removes a resource's lines and nothing else", () => {
    const out = edit(bytes, (d) => removeResources(d, [TABLE]).deployment);
    const { added, removed } = changedLines(text, out);
    expect(added).toEqual([]);
    expect(removed.join("\n")).toContain('"id": "acme-dev-Orders"');
    expect(removed.join("\n")).not.toContain("logGroup");
    expect(removed.length).toBe(7);
  });

  it("lays a new resource out like its siblings", () => {
    const table = parseState(bytes).deployment!.resources!.find((r) => r.urn === TABLE)!;
    const copy: ResourceV3 = { ...table, urn: TABLE.replace("Orders", "Jobs"), id: "acme-dev-Jobs" };
    const out = edit(bytes, (d) => insertResource(d, copy));
    const { added, removed } = changedLines(text, out);
    expect(removed).toEqual([]);
    for (const line of added) expect(line === "" || /^ {8}(\{|\}|,| {2}")/.test(line)).toBe(true);
    expect(added.some((l) => l.includes('"id": "acme-dev-Jobs"'))).toBe(true);
  });
});

/** Formats a value in one of a few hand styles, chosen per resource. */
function handFormat(value: unknown, styles: string[], index = { n: 0 }): string {
  const pad = (s: string, d: number) => s.repeat(d);
  const fmt = (v: unknown, d: number, style: string): string => {
    if (v === null || typeof v !== "object") return JSON.stringify(v);
    const entries = Array.isArray(v)
      ? v.map((x) => fmt(x, d + 1, style))
      : Object.entries(v).map(
          ([k, x]) => `${JSON.stringify(k)}${style === "wide" ? " : " : ": "}${fmt(x, d + 1, style)}`,
        );
    const [open, close] = Array.isArray(v) ? ["[", "]"] : ["{", "}"];
    if (entries.length === 0) return open + close;
    if (style === "inline") return `${open} ${entries.join(", ")} ${close}`;
    const unit = style === "tab" ? "\t" : style === "wide" ? "   " : "  ";
    return `${open}\n${entries.map((e) => pad(unit, d + 1) + e).join(",\n")}\n${pad(unit, d)}${close}`;
  };
  const root = value as { checkpoint: { latest: { resources: unknown[] } } };
  const resources = root.checkpoint.latest.resources.map((r) => {
    const style = styles[index.n++ % styles.length]!;
    return "      " + fmt(r, 0, style).replace(/\n/g, "\n      ");
  });
  const skeleton = JSON.stringify(
    { ...root, checkpoint: { ...root.checkpoint, latest: { ...root.checkpoint.latest, resources: ["@@"] } } },
    null,
    2,
  );
  return skeleton.replace('"@@"', resources.join(",\n").trimStart());
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\$]/g, "\\$&");

describe("whitespace, property", () => {
  it("an edit of one resource leaves every line of every other resource byte-identical", () => {
    const style = fc.constantFrom("two", "tab", "wide", "inline");
    fc.assert(
      fc.property(
        fc.array(style, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.string(),
        (styles, pick, value) => {
          const b = new SstStateBuilder({ app: "acme", stage: "dev" });
          b.addFunction("Api");
          b.addDynamo("Orders");
          const text = handFormat(b.versioned(), styles);
          const bytes = Buffer.from(text);
          expect(Buffer.from(serializeState(parseState(bytes))).toString()).toBe(text);
          const doc = parseState(bytes);
          const resources = doc.deployment!.resources!.filter(
            (r) => r.custom && !r.type.startsWith("pulumi:"),
          );
          const target = resources[pick % resources.length]!;
          const changed = { ...target, outputs: { ...target.outputs, note: value } };
          const out = Buffer.from(
            serializeState(withDeployment(doc, replaceResource(doc.deployment!, target.urn, changed))),
          ).toString();
          // Same data as the one-style writer would give.
          expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(parseState(Buffer.from(out)).root)));
          expect(
            parseState(Buffer.from(out)).deployment!.resources!.find((r) => r.urn === target.urn)?.outputs
              ?.note,
          ).toBe(value);
          const { removed } = changedLines(text, out);
          for (const line of removed) {
            // A removed line belongs to the target resource: no other resource starts on it.
            for (const r of doc.deployment!.resources!) {
              if (r.urn !== target.urn)
                expect(line).not.toMatch(new RegExp(`"urn" *: *${escape(JSON.stringify(r.urn))}`));
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
