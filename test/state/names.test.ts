import { describe, expect, it } from "vitest";
import { checkNames, generateName, NAME_RULES, prefixName, prettySuffix } from "../../src/state/index.js";

describe("generateName", () => {
  it("is SST-shaped: app-stage-logical-<8 of abcdefhkmnorstuvwxz>, stable, within every limit", () => {
    for (const type of Object.keys(NAME_RULES)) {
      const a = generateName("acme", "dev", "Api", type);
      expect(a).toEqual(generateName("acme", "dev", "Api", type));
      expect(a.name.length).toBeLessThanOrEqual(NAME_RULES[type]!.max);
      const base = a.name.replace(/^\/aws\/lambda\//, "");
      expect(base).toMatch(/^acme-dev-api-[abcdefhkmnorstuvwxz]{8}$/i);
      if (NAME_RULES[type]!.lower === true) expect(base).toBe(base.toLowerCase());
    }
    // Another stage, another name; another app, another name.
    const t = "aws:lambda/function:Function";
    expect(generateName("acme", "prod", "Api", t).name).not.toBe(generateName("acme", "dev", "Api", t).name);
    expect(prettySuffix("x")).toMatch(/^[abcdefhkmnorstuvwxz]{8}$/);
    expect(prettySuffix("x")).not.toBe(prettySuffix("y"));
  });

  it("cuts the app first, then the stage, then the name, as SST's prefixName does", () => {
    expect(prefixName("myapp", "dev", 64, "Api")).toEqual({ name: "myapp-dev-Api", cut: "none" });
    expect(prefixName("averyveryverylongapplicationname", "dev", 20, "Api")).toEqual({
      name: "averyveryver-dev-Api",
      cut: "app",
    });
    expect(prefixName("app", "pr-1234-feature-branch", 20, "ApiHandler")).toEqual({
      name: "pr-1234-f-ApiHandler",
      cut: "stage",
    });
    expect(prefixName("app", "dev", 8, "ApiHandlerFunction")).toEqual({ name: "ApiHandl", cut: "name" });
    const long = generateName(
      "acme",
      "a-very-long-stage-name-for-pull-request-number-12345",
      "WebRewrite",
      "aws:cloudfront/function:Function",
    );
    expect(long.cut).toBe("stage");
    expect(long.name.length).toBe(64);
  });
});

describe("checkNames", () => {
  const t = "aws:cloudfront/function:Function";
  it("finds a name claimed by two stages, and names with neither stage nor suffix", () => {
    const problems = checkNames([
      { app: "acme", stage: "dev", type: t, name: "acme-WebRewrite" },
      { app: "acme", stage: "staging", type: t, name: "acme-WebRewrite", pending: true },
      { app: "acme", stage: "dev", type: t, name: "acme-dev-Web-abcdefhk" },
    ]);
    expect(
      problems.map((p) => `${p.kind} ${p.name} ${p.claims.map((c) => c.stage).join(",")}`).sort(),
    ).toEqual([
      "collision acme-WebRewrite dev,staging",
      "no-stage-no-suffix acme-WebRewrite dev",
      "no-stage-no-suffix acme-WebRewrite staging",
    ]);
  });

  it("does not flag SST names, the same name of another type, or one name twice in one stage", () => {
    expect(
      checkNames([
        { app: "acme", stage: "dev", type: t, name: "acme-dev-Web-abcdefhk" },
        { app: "acme", stage: "dev", type: "aws:iam/role:Role", name: "acme-dev-Web-abcdefhk" },
        { app: "acme", stage: "dev", type: "aws:dynamodb/table:Table", name: "acme-dev-Orders-sssssssa" },
        { app: "acme", stage: "dev", type: "aws:lambda/function:Function", name: "acme-dev-Api-hkmnorst" },
        { app: "acme", stage: "dev", type: "aws:lambda/function:Function", name: "acme-dev-Api-hkmnorst" },
      ]),
    ).toEqual([]);
  });

  it("finds a name whose stage was cut off to fit", () => {
    const cut = generateName(
      "acme",
      "feature-very-long-branch-name-that-goes-on-and-on-x",
      "WebServerFunctionHandler",
      "aws:lambda/function:Function",
    );
    expect(cut.cut).toBe("stage");
    const problems = checkNames([
      {
        app: "acme",
        stage: "feature-very-long-branch-name-that-goes-on-and-on-x",
        type: cut.type,
        name: cut.name,
      },
    ]);
    expect(problems.map((p) => p.kind)).toEqual(["stage-truncated"]);
  });
});
