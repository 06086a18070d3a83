import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  childUrn,
  formatProviderReference,
  formatUrn,
  parseProviderReference,
  parseUrn,
  qualifiedTypeUnder,
} from "../../src/state/index.js";

describe("URNs", () => {
  it("parses the parts and the parent type chain", () => {
    const u = parseUrn(
      "urn:pulumi:dev::myapp::sst:aws:Nextjs$sst:aws:CDN$aws:cloudfront/distribution:Distribution::WebCdnDistribution",
    );
    expect(u).toEqual({
      stack: "dev",
      project: "myapp",
      qualifiedType: "sst:aws:Nextjs$sst:aws:CDN$aws:cloudfront/distribution:Distribution",
      type: "aws:cloudfront/distribution:Distribution",
      parentTypes: ["sst:aws:Nextjs", "sst:aws:CDN"],
      name: "WebCdnDistribution",
    });
  });

  it("keeps everything after the third :: as the name", () => {
    const text = "urn:pulumi:pr-42::shop::sst:aws:Bucket$aws:s3/bucket:Bucket::Uploads::with::colons";
    const u = parseUrn(text)!;
    expect(u.name).toBe("Uploads::with::colons");
    expect(u.type).toBe("aws:s3/bucket:Bucket");
    expect(formatUrn(u)).toBe(text);
  });

  it("rejects text that is not a URN", () => {
    for (const bad of [
      "",
      "urn:pulumi:dev::app",
      "arn:aws:s3:::bucket",
      "urn:pulumi:::app::type::name",
      "urn:pulumi:dev::app::type",
    ]) {
      expect(parseUrn(bad)).toBeUndefined();
    }
  });

  it("round-trips any parts (property)", () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9_.\-/]{1,12}$/);
    const type = fc
      .array(fc.stringMatching(/^[a-z]+:[a-z/]+:[A-Za-z]+$/), { minLength: 1, maxLength: 4 })
      .map((t) => t.join("$"));
    fc.assert(
      fc.property(
        segment,
        segment,
        type,
        fc.string({ minLength: 0, maxLength: 30 }),
        (stack, project, qualifiedType, name) => {
          const text = formatUrn({ stack, project, qualifiedType, name });
          const parsed = parseUrn(text)!;
          expect(parsed).toMatchObject({ stack, project, qualifiedType, name });
          expect(formatUrn(parsed)).toBe(text);
        },
      ),
    );
  });

  it("builds a child's type chain from its parent, but not from the stack", () => {
    const stack = "urn:pulumi:dev::myapp::pulumi:pulumi:Stack::myapp-dev";
    const fn = "urn:pulumi:dev::myapp::sst:aws:Function::Api";
    expect(qualifiedTypeUnder(stack, "sst:aws:Function")).toBe("sst:aws:Function");
    expect(qualifiedTypeUnder(undefined, "sst:aws:Function")).toBe("sst:aws:Function");
    expect(childUrn({ stack: "dev", project: "myapp" }, fn, "aws:iam/role:Role", "ApiRole")).toBe(
      "urn:pulumi:dev::myapp::sst:aws:Function$aws:iam/role:Role::ApiRole",
    );
  });
});

describe("provider references", () => {
  it("splits at the last ::", () => {
    const ref =
      "urn:pulumi:dev::myapp::pulumi:providers:aws::default_6_66_2::04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    expect(parseProviderReference(ref)).toEqual({
      urn: "urn:pulumi:dev::myapp::pulumi:providers:aws::default_6_66_2",
      id: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    });
    expect(formatProviderReference(parseProviderReference(ref)!)).toBe(ref);
  });

  it("rejects a reference without an id or without a URN", () => {
    expect(parseProviderReference("urn:pulumi:dev::myapp::pulumi:providers:aws::default::")).toBeUndefined();
    expect(parseProviderReference("default_6_66_2::abc")).toBeUndefined();
    expect(parseProviderReference("no-separator")).toBeUndefined();
  });
});

describe("SST update ids", () => {
  it("encode the time in SST 4.x's 12 + 12 layout so that newer ids sort first, and decode it back", async () => {
    const { makeUpdateId, updateIdTime } = await import("../../src/state/index.js");
    const older = makeUpdateId(new Date("2025-03-14T09:26:53.589Z"), "0badcafe0123");
    const newer = makeUpdateId(new Date("2025-03-14T09:26:54.000Z"), "000000000000");
    expect(older).toMatch(/^[0-9a-f]{24}$/);
    expect(older.endsWith("0badcafe0123")).toBe(true);
    expect([older, newer].sort()).toEqual([newer, older]);
    expect(updateIdTime(older)?.toISOString()).toBe("2025-03-14T09:26:53.589Z");
    // The low 48 bits of NOT 1741944413589, worked out separately (python: hex(2**48-1-1741944413589)).
    expect(older).toBe("fe6a6c05a26a0badcafe0123");
    expect(makeUpdateId(new Date())).toMatch(/^[0-9a-f]{24}$/);
    expect(() => makeUpdateId(new Date(), "0badcafe")).toThrow();
    expect(updateIdTime("not-an-id")).toBeUndefined();
  });

  it("read the time of ids SST 4.17 wrote, and of the older 16 + 8 layout", async () => {
    const { updateIdTime, updateIdLayout, compareUpdateIds } = await import("../../src/state/index.js");
    // Go's id.Descending(): 6 big-endian bytes of ^UnixMilli, then 6 random bytes, hex. The time
    // half below is ^1764755278123 (2025-12-03T09:47:58.123Z) cut to 48 bits, worked out in python.
    const real = `${(2 ** 48 - 1 - 1764755278123).toString(16)}9c1e22d07a4b`;
    expect(updateIdLayout(real)).toBe("12+12");
    expect(updateIdTime(real)?.toISOString()).toBe("2025-12-03T09:47:58.123Z");
    // The sst/sst mirror's layout: 16 hex of the 64-bit NOT, then 8 random.
    const legacy = `${(2n ** 64n - 1n - 1741944413589n).toString(16)}0badcafe`;
    expect(legacy).toBe("fffffe6a6c05a26a0badcafe");
    expect(updateIdLayout(legacy)).toBe("16+8");
    expect(updateIdTime(legacy)?.toISOString()).toBe("2025-03-14T09:26:53.589Z");
    // Mixed, they order by time, newest first, though the strings sort the other way round.
    expect([legacy, real].sort(compareUpdateIds)).toEqual([real, legacy]);
    expect(updateIdTime("ffffffffffff000000000000")).toBeUndefined();
  });
});
