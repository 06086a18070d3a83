/**
 * The start every match of a kind's "already exists" pattern must have (src/explain/already-exists.ts
 * requiredStart): a line without it is not tried against the pattern. Wrong here means a signature
 * silently never matches, so each form the patterns take is pinned, and every kind's signature is
 * checked to be found by its own start on a line built from it.
 */
import { describe, expect, it } from "vitest";
import { requiredStart } from "../../src/explain/already-exists.js";
import { KINDS } from "../../src/kinds/registry.js";

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

  it("every kind's signature with a start matches a line only where the start is (its own text)", () => {
    for (const kind of KINDS)
      for (const sig of kind.wording?.alreadyExists ?? []) {
        const start = requiredStart(sig.re);
        if (start === undefined) continue;
        expect(sig.re.source.replace(/^\\b/, "").startsWith(start.replace(/[|\\^$.*+?()[\]{}]/g, ""))).toBe(
          true,
        );
        expect(sig.re.test(`x ${start.slice(0, -1)}`)).toBe(false);
      }
  });
});
