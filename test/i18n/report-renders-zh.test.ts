/**
 * The plan, apply, cleanup, scan, adopt, forget and names reports in Chinese: their words come from the
 * catalog, while ids, URNs, stages, flags and commands stay exactly as in English.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ApplyReport } from "../../src/actions/plan.js";
import type { CleanupReport } from "../../src/actions/cleanup.js";
import type { ScanReport } from "../../src/actions/scan.js";
import { setLang } from "../../src/i18n/index.js";
import { renderAdopt } from "../../src/report/adopt.js";
import { renderCleanup } from "../../src/report/cleanup.js";
import { renderForget } from "../../src/report/forget.js";
import { renderNamesCheck } from "../../src/report/names.js";
import { renderApply, renderPlan } from "../../src/report/plan.js";
import { renderScan } from "../../src/report/scan.js";
import { makeColors } from "../../src/report/style.js";
import { cli } from "../helpers.js";
import { HAN } from "./helpers.js";
import type { RepairPlan } from "../../src/repair/plan.js";

const c = makeColors(false);
const URN = "urn:pulumi:dev::acme::aws:cloudwatch/logGroup:LogGroup::Logs";

afterEach(() => setLang("en"));

/** The same render in English and in Chinese. */
function both(render: () => string): { en: string; zh: string } {
  setLang("en");
  const en = render();
  setLang("zh");
  const zh = render();
  setLang("en");
  return { en, zh };
}

const plan: RepairPlan & { out?: string } = {
  stateward: "repair-plan",
  version: 1,
  createdAt: "2026-12-03T00:00:00.000Z",
  app: "acme",
  backend: "SST home s3://bucket (us-east-1), app acme, stage dev",
  stages: [{ stage: "dev", revision: "r1" }],
  actions: [
    {
      id: "A1",
      kind: "delete-orphan",
      stage: "pr-7",
      finding: "orphan",
      resource: { type: "aws:s3/bucket:Bucket", name: "acme-pr-7-assets", region: "us-east-1" },
      change: "delete bucket acme-pr-7-assets",
      target: "cloud",
      reversible: false,
      destructive: true,
    },
    {
      id: "A2",
      kind: "adopt",
      stage: "dev",
      finding: "pending-create",
      change: "adopt the log group",
      target: "state",
      reversible: false,
      destructive: false,
    },
  ],
} as RepairPlan;

describe("reports in Chinese", () => {
  it("plan: the title, deletions and closing line are Chinese; the apply command and flags are not", () => {
    const { en, zh } = both(() => renderPlan(plan, c));
    expect(en).toContain("Repair plan");
    expect(en).toContain("1 deletion (only with --allow-delete and --confirm <stage>):");
    expect(en).toContain("(not reversible)");
    expect(zh.split("\n")[0]).toBe(`修复计划 ${plan.backend}`);
    expect(zh).toContain("1 个删除操作（仅在加上 --allow-delete 和 --confirm <stage> 时执行）：");
    expect(zh).toContain("A1   删除  阶段 pr-7");
    expect(zh).toContain("（不可撤销）");
    const closing = zh.trimEnd().split("\n").at(-1)!;
    expect(closing).toMatch(HAN);
    for (const kept of ["`stateward apply plan.json`", "--allow-delete --confirm pr-7"]) {
      expect(en).toContain(kept);
      expect(closing).toContain(kept);
    }
    for (const english of ["Repair plan", "deletion", "carries it out", "not reversible", "stage pr-7"])
      expect(zh).not.toContain(english);
  });

  it("apply: results and the state diff are Chinese; the action ids and URNs are not", () => {
    const report: ApplyReport = {
      app: "acme",
      dryRun: true,
      outcomes: [
        { id: "A2", kind: "adopt", stage: "dev", result: "skipped", detail: "dry run" },
        { id: "A1", kind: "delete-orphan", stage: "pr-7", result: "refused", detail: "kept" },
      ],
      diffs: [
        {
          stage: "dev",
          diff: {
            added: [{ urn: URN }],
            removed: [],
            changed: [],
            pendingRemoved: [{ type: "creating", urn: URN }],
          },
        },
      ],
    } as unknown as ApplyReport;
    const { en, zh } = both(() => renderApply(report, c));
    expect(en).toContain("Apply (dry run) acme");
    expect(en).toContain(
      "State of dev (not written): 1 added, 0 removed, 0 changed, pending operations 1 cleared",
    );
    expect(zh).toContain("执行（试运行） acme");
    expect(zh).toContain("A2   已跳过");
    expect(zh).toContain("dev 的状态（未写入）：新增 1 个，移除 0 个，变更 0 个，清除未完成的操作 1 个");
    expect(zh).toContain(`  + ${URN}`);
    expect(zh).toContain(`  - 未完成的操作 creating ${URN}`);
  });

  it("cleanup: the marks and the dry run's closing line are Chinese; the --confirm flags are not", () => {
    const report: CleanupReport = {
      backend: "SST home s3://bucket (us-east-1), app acme, stage dev",
      stages: ["pr-7"],
      candidates: [
        {
          stage: "pr-7",
          type: "aws:s3/bucket:Bucket",
          kind: "s3-bucket",
          name: "acme-pr-7-assets",
          id: "acme-pr-7-assets",
          region: "us-east-1",
          why: "removed-stage-leftover",
          lastUrn: URN,
        },
      ],
    };
    const { en, zh } = both(() => renderCleanup(report, c));
    expect(en).toContain(
      `DELETE  stage pr-7  aws:s3/bucket:Bucket  acme-pr-7-assets  us-east-1  (removed-stage-leftover, was ${URN})`,
    );
    expect(en).toContain("Dry run: nothing was deleted. To delete: --yes --confirm pr-7.");
    expect(zh).toContain(
      `删除  阶段 pr-7  aws:s3/bucket:Bucket  acme-pr-7-assets  us-east-1  （removed-stage-leftover，原为 ${URN}）`,
    );
    expect(zh).toContain("试运行：未删除任何资源。要删除，请加上：--yes --confirm pr-7。");
  });

  it("scan: the stage line, the table's header and statuses are Chinese; names and regions are not", () => {
    const report = {
      backend: "SST home s3://bucket (us-east-1), app acme, stage dev",
      app: "acme",
      regions: ["us-east-1"],
      stages: [
        {
          stage: "dev",
          entries: [
            {
              status: "unmanaged",
              kind: "log-group",
              label: "log group",
              type: "aws:cloudwatch/logGroup:LogGroup",
              name: "/aws/lambda/acme-dev-Fn",
              id: "/aws/lambda/acme-dev-Fn",
              region: "us-east-1",
              tags: {},
              foundBy: "tag",
            },
          ],
          unknownTypes: [],
        },
      ],
      incomplete: [{ kind: "lambda", region: "us-west-2", error: "AccessDenied" }],
      calls: { total: 1, byService: {} },
      durationMs: 1200,
    } as unknown as ScanReport;
    const { en, zh } = both(() => renderScan(report, c));
    expect(en).toContain("Stage dev  0 managed, 0 missing, 1 unmanaged");
    expect(en).toContain("Incomplete: 1 part of the scan failed");
    expect(en).toContain("1 API call in 1.2 s.");
    expect(zh).toContain("阶段 dev  0 个受管理，0 个缺失，1 个未受管理");
    expect(zh).toMatch(/状况\s+类型\s+名称\s+区域\s+发现方式\s+说明/);
    expect(zh).toMatch(
      /未受管理\s+log group\s+\/aws\/lambda\/acme-dev-Fn\s+us-east-1\s+标签\s+在云端，不在状态中/,
    );
    expect(zh).toContain("不完整：扫描中有 1 个部分失败");
    expect(zh).toContain("us-west-2 中的 lambda：AccessDenied");
    expect(zh).toContain("1 次 API 调用，用时 1.2 秒。");
  });

  it("adopt, forget and names: Chinese words around URNs, ids and locations that do not change", () => {
    const adopt = both(() =>
      renderAdopt({
        backend: "b",
        urn: URN,
        type: "aws:cloudwatch/logGroup:LogGroup",
        id: "/aws/x",
        from: "pending-create",
      }),
    );
    expect(adopt.en).toBe(`Resolved the pending create ${URN}\n  id /aws/x\nDry run: nothing was written.`);
    expect(adopt.zh).toBe(`已解决待创建的 ${URN}\n  物理 id /aws/x\n试运行：未写入任何内容。`);
    const forget = both(() =>
      renderForget({
        backend: "b",
        removed: [
          { urn: URN, type: "aws:cloudwatch/logGroup:LogGroup", dependent: true, retainOnDelete: true },
        ],
        clearedPending: [],
        notes: [],
      }),
    );
    expect(forget.en).toContain(`${URN}  (dependent)  (retainOnDelete: stays in AWS)`);
    expect(forget.zh).toContain(`${URN}  （依赖项）  （retainOnDelete：保留在 AWS 中）`);
    const names = both(() => renderNamesCheck({ backend: "b", stages: ["dev", "prod"], problems: [] }, c));
    expect(names.en).toBe("No name problems in dev, prod.");
    expect(names.zh).toBe("dev，prod 中没有名称问题。");
  });

  it("an action's refusal: the message and hint in Chinese, the JSON error code and exit code as in English", async () => {
    const args = ["lock", "release", "--app", "acme", "--stage", "dev", "--older-than", "soon", "--json"];
    const en = await cli(args);
    const zh = await cli([...args, "--lang", "zh"]);
    type Err = { error: { code: string; message: string; hint: string } };
    const a = (JSON.parse(en.stdout) as Err).error;
    const b = (JSON.parse(zh.stdout) as Err).error;
    expect(a.message).toBe('--older-than "soon" is not a duration.');
    expect(b.message).toBe("--older-than 的值“soon”不是有效的时长。");
    expect(b.hint).toBe("请使用带 s、m、h 或 d 的数字，例如 15m 或 2h。");
    expect(b.code).toBe(a.code);
    expect(zh.code).toBe(en.code);
    expect(en.code).not.toBe(0);
    const names = await cli([
      "names",
      "generate",
      "9lives",
      "--app",
      "acme",
      "--stage",
      "dev",
      "--lang",
      "zh",
    ]);
    expect(names.stderr).toContain("“9lives”不是有效的逻辑名称（只能包含字母和数字，并以字母开头）。");
  });
});
