/**
 * The start every match of a kind's "already exists" pattern must have (src/explain/already-exists.ts
 * requiredStart): a line without it is not tried against the pattern. Wrong here means a signature
 * silently never matches, so each form the patterns take is pinned, and every line of the real logs
 * (test/fixtures) that a kind's signature matches is checked to hold the start derived for it.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { requiredStart } from "../../src/explain/already-exists.js";
import { KINDS } from "../../src/kinds/registry.js";
import { ROOT } from "../helpers.js";

const FIXTURES = path.join(ROOT, "test", "fixtures");

describe("requiredStart", () => {
  it("reads the characters that stand for themselves, up to the first that does not", () => {
    expect(requiredStart(/ResourceInUseException: Table already exists: ([\w.-]+)/)).toBe(
      "ResourceInUseException: Table already exists: ",
    );
    expect(requiredStart(/\bCachePolicyAlreadyExists\b/)).toBe("CachePolicyAlreadyExists");
    expect(
      requiredStart(/Resource of type 'AWS::Events::Rule' with identifier '([^']+)' already exists/),
    ).toBe("Resource of type 'AWS::Events::Rule' with identifier '");
  });

  it("leaves out a character a quantifier may drop", () => {
    expect(requiredStart(/ResourceConflictException:? ?Failed/)).toBe("ResourceConflictException");
    expect(requiredStart(/EntityAlreadyExists(?:Exception)?: Role/)).toBe("EntityAlreadyExists");
    expect(requiredStart(/Queues*x/)).toBe("Queue");
  });

  it("has none for an alternative at the top level, a case-blind pattern, or a short start", () => {
    expect(requiredStart(/BucketAlreadyExists|Other/)).toBeUndefined();
    expect(requiredStart(/(?:ConflictException|BadRequestException):? ?The domain/)).toBeUndefined();
    expect(requiredStart(/AlreadyExistsException:? ?Configuration set/i)).toBeUndefined();
    expect(requiredStart(/abc(d)/)).toBeUndefined();
    // An alternative inside a group or a class is not at the top level.
    expect(requiredStart(/Domain already (?:a|b) [|]/)).toBe("Domain already ");
  });

  it("reads a class as characters: an alternative inside one is not at the top level, nor is a parenthesis", () => {
    expect(requiredStart(/Fooo[|]bar/)).toBe("Fooo");
    expect(requiredStart(/Fooo[(]bar|Baz/)).toBeUndefined();
    expect(requiredStart(/Fooo[)]bar|Baz/)).toBeUndefined();
    expect(requiredStart(/Fooo[\]|]bar|Baz/)).toBeUndefined();
  });

  it("every line of the real logs a kind's signature matches holds that signature's start", () => {
    const lines = ["already-exists", "explain", "logs"].flatMap((dir) =>
      readdirSync(path.join(FIXTURES, dir))
        .filter((f) => f.endsWith(".log"))
        .flatMap((f) => readFileSync(path.join(FIXTURES, dir, f), "utf8").split(/\r?\n/)),
    );
    let matched = 0;
    let subtyped = 0;
    for (const kind of KINDS)
      for (const sig of [...(kind.wording?.alreadyExists ?? []), ...(kind.wording?.subtyped ?? [])]) {
        const start = requiredStart(sig.re);
        if (start === undefined) continue;
        // Without `g`: a global pattern's test() would go on from its last match.
        const re = new RegExp(sig.re.source, sig.re.flags.replace("g", ""));
        for (const line of lines) {
          if (!re.test(line.trim())) continue;
          matched++;
          if (kind.wording?.subtyped?.includes(sig as never)) subtyped++;
          expect(line, `${kind.kind}: ${String(sig.re)}`).toContain(start);
        }
      }
    // Not vacuous: the logs hold many lines the signatures with a start match, Route 53's record sets among them.
    expect(matched).toBeGreaterThanOrEqual(10);
    expect(subtyped).toBeGreaterThanOrEqual(1);
  });
});
