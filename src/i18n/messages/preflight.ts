/** preflight: plans, predicted names, blockers. */
import { defineMessages } from "../types.js";

export const preflight = defineMessages({
  "preflight.cause.leftover": {
    en: '{label} {name} exists, tagged for this stage, but this stage\'s state does not hold it (kept by removal: "retain", or left by an interrupted deploy): the deploy would fail with "already exists".',
    zh: '{label} {name} 已存在，带有本阶段的标签，但本阶段的状态里没有它（被 removal: "retain" 保留，或是中断的部署留下的）：部署会以 "already exists" 失败。',
  },
  "preflight.cause.other-stage": {
    en: "{label} {name} belongs to stage {stage} (its sst:stage tag, or that stage's state): a name fixed in the program is shared by two stages.",
    zh: "{label} {name} 属于阶段 {stage}（依据它的 sst:stage 标签或该阶段的状态）：程序里写死的名称被两个阶段共用，造成资源冲突。",
  },
  "preflight.cause.other-app": {
    en: "{label} {name} belongs to stage {stage} of app {app} (its sst:stage tag): a name fixed in the program is shared by two stages.",
    zh: "{label} {name} 属于应用 {app} 的阶段 {stage}（依据它的 sst:stage 标签）：程序里写死的名称被两个阶段共用，造成资源冲突。",
  },
  "preflight.cause.this-state": {
    en: "{label} {name} is in this stage's state as {held}, and the deploy creates it again as {urn} (a renamed or moved resource with a fixed name): the create runs before the old one is deleted.",
    zh: "{label} {name} 已以 {held} 记录在本阶段的状态中，而部署又要以 {urn} 再创建一次（改名或移动过、名称固定的资源）：新资源的创建发生在旧资源删除之前。",
  },
  "preflight.cause.replaced": {
    en: '{label} {name} is being replaced, and its name is fixed: Pulumi creates the replacement before deleting the old one, so the create fails with "already exists".',
    zh: '{label} {name} 将被替换，而它的名称是固定的：Pulumi 会先创建替换资源再删除旧资源，所以创建会以 "already exists" 失败。',
  },
  "preflight.cause.unknown": {
    en: '{label} {name} exists, with no SST tags and in no state stateward can see (a leftover of an older stage or app, or made by hand): the deploy would fail with "already exists".',
    zh: '{label} {name} 已存在，没有 SST 标签，也不在 stateward 能看到的任何状态里（旧阶段或旧应用的残留资源，或手动创建的）：部署会以 "already exists" 失败。',
  },
  "preflight.fix.adopt-keep": { en: "take it over (its data stays)", zh: "接管它（数据保留）" },
  "preflight.fix.or-cleanup": {
    en: "or delete it first if it is not needed: {command}",
    zh: "如果不再需要，也可以先删除它：{command}",
  },
  "preflight.fix.stage-name": {
    en: "give the resource a stage-specific name (or let SST name it), e.g. {example}; never adopt another stage's resource",
    zh: "给资源一个带阶段的名称（或让 SST 自动命名），例如 {example}；不要接管其他阶段的资源",
  },
  "preflight.fix.alias": {
    en: "keep the old logical name, or add an alias: {alias} so Pulumi moves it instead",
    zh: "保留原来的逻辑名称，或添加别名：{alias}，让 Pulumi 移动它而不是重建",
  },
  "preflight.fix.delete-before-replace": {
    en: "set deleteBeforeReplace: true on {urn}, or drop the fixed name so the replacement gets a new one",
    zh: "在 {urn} 上设置 deleteBeforeReplace: true，或去掉固定名称，让替换资源得到新名称",
  },
  "preflight.fix.adopt-if-ours": { en: "if it is this stage's to keep", zh: "如果它属于本阶段且需要保留" },
  "preflight.fix.or-delete": {
    en: "or delete it, or rename the resource in the program",
    zh: "或者删除它，或在程序里给资源改名",
  },
  "preflight.skip.no-lookup": {
    en: "stateward has no lookup for this type",
    zh: "stateward 无法查询这种类型",
  },
  "preflight.skip.autonamed": {
    en: "its name is chosen at deploy time (autonamed): it cannot collide",
    zh: "名称在部署时才生成（自动命名）：不会发生资源冲突",
  },
  "preflight.skip.random-suffix": {
    en: "no plan, and its name ends in a random suffix in the other stages: this stage's is chosen at deploy time",
    zh: "没有计划，而它在其他阶段的名称以随机后缀结尾：本阶段的名称要到部署时才确定",
  },
  "preflight.error.no-cloud": {
    en: "{backend} is not in AWS: there is no cloud to check names against.",
    zh: "{backend} 不在 AWS 上：没有可以核对名称的云端。",
  },
  "preflight.error.too-big": {
    en: "{source} is {size} bytes, more than the 256 MB a plan can be.",
    zh: "{source} 有 {size} 字节，超过了计划文件 256 MB 的上限。",
  },
  "preflight.stdin": { en: "standard input", zh: "标准输入" },
  "preflight.predicted.from": {
    en: "no plan: creates predicted from the states of {stages}",
    zh: "没有计划：待创建的资源根据 {stages} 的状态推测",
  },
  "preflight.predicted.none": {
    en: "no plan, and no other stage's state to predict the creates from",
    zh: "没有计划，也没有其他阶段的状态可用来推测待创建的资源",
  },
  "preflight.report.heading": {
    en: "Preflight of {app}/{stage}: {creates} planned creates in {source} ({format}); {checked} looked up, {calls} API calls.",
    zh: "{app}/{stage} 的部署前检查：{source}（{format}）中计划创建 {creates} 个资源；查询了 {checked} 个，{calls} 次 API 调用。",
  },
  "preflight.report.heading-predicted": {
    en: "Preflight of {app}/{stage}, {source}: {creates} predicted creates; {checked} looked up, {calls} API calls.",
    zh: "{app}/{stage} 的部署前检查，{source}：推测将创建 {creates} 个资源；查询了 {checked} 个，{calls} 次 API 调用。",
  },
  "preflight.report.predicted-note": {
    en: "Without the deploy's plan only names that can be predicted are checked (fixed names, and SST's pre-3.8 <app>-<stage>-<Name> names); for every create, pass --plan (pulumi preview --json, or the event log of sst diff).",
    zh: "没有部署计划时，只检查可以推测的名称（写死的名称，以及 SST 3.8 之前的 <app>-<stage>-<Name> 名称）；要检查每一个待创建的资源，请传入 --plan（pulumi preview --json 的输出，或 sst diff 的事件日志）。",
  },
  "preflight.report.predicted-from": {
    en: "predicted: {stage}'s state has this resource and this stage's does not; if the program creates it only in {stage}, this is a false alarm",
    zh: "推测所得：{stage} 的状态里有这个资源而本阶段没有；如果程序只在 {stage} 中创建它，这条可以忽略",
  },
  "preflight.report.first-deploy": {
    en: "{stage} has no state yet: checked as its first deploy.",
    zh: "{stage} 还没有状态：按首次部署检查。",
  },
  "preflight.report.new-app": {
    en: "App {app} has no stage here at all: checked as the app's first deploy. The apps here: {apps}.",
    zh: "这里完全没有应用 {app} 的阶段：按该应用的首次部署检查。这里的应用：{apps}。",
  },
  "preflight.report.new-app-like": {
    en: "App {app} has no stage here at all: checked as the app's first deploy. The apps here: {apps}. Did you mean {like}? Then pass --app {like}.",
    zh: "这里完全没有应用 {app} 的阶段：按该应用的首次部署检查。这里的应用：{apps}。是否想指定 {like}？如果是，请传入 --app {like}。",
  },
  "preflight.report.first-deploy-like": {
    en: "{stage} has no state yet: checked as its first deploy. Did you mean {like}? Then pass --stage {like}.",
    zh: "{stage} 还没有状态：按首次部署检查。是否想指定 {like}？如果是，请传入 --stage {like}。",
  },
  "preflight.report.event-log": { en: "engine event log", zh: "引擎事件日志" },
  "preflight.report.blocker": { en: "BLOCKER", zh: "阻断" },
  "preflight.report.why": { en: "why", zh: "原因" },
  "preflight.report.fix": { en: "fix", zh: "修复" },
  "preflight.report.not-checked": { en: "Not checked:", zh: "未检查：" },
  "preflight.report.unchecked-line": { en: "{count} × {type}: {reason}", zh: "{count} 个 {type}：{reason}" },
  "preflight.report.incomplete.one": {
    en: "Incomplete: 1 lookup failed, so nothing is said about it:",
    zh: "不完整：1 次查询失败，无法判断该资源：",
  },
  "preflight.report.incomplete.other": {
    en: "Incomplete: {count} lookups failed, so nothing is said about them:",
    zh: "不完整：{count} 次查询失败，无法判断这些资源：",
  },
  "preflight.report.taken.one": {
    en: 'A name is already taken: the deploy would fail with "already exists". Fix it first.',
    zh: '有 1 个名称已被占用：部署会以 "already exists" 失败。请先修复。',
  },
  "preflight.report.taken.other": {
    en: '{count} names already taken: the deploy would fail with "already exists". Fix them first.',
    zh: '有 {count} 个名称已被占用：部署会以 "already exists" 失败。请先修复。',
  },
  "preflight.report.none-incomplete": {
    en: "No taken name among the lookups that answered; the check is incomplete.",
    zh: "已返回的查询中没有被占用的名称；但检查不完整。",
  },
  "preflight.report.none-among-checked": {
    en: "No planned name is taken among those checked.",
    zh: "已检查的计划名称都没有被占用。",
  },
  "preflight.report.nothing-predicted": {
    en: "Nothing was looked up: no create could be predicted. Pass --plan to check the creates of this deploy.",
    zh: "没有查询任何名称：无法推测出任何待创建的资源。请传入 --plan 以检查本次部署要创建的资源。",
  },
  "preflight.report.nothing-planned": {
    en: "Nothing to look up: the plan creates nothing.",
    zh: "没有需要查询的名称：该计划不创建任何资源。",
  },
  "preflight.report.nothing-looked-up": {
    en: "No name was looked up: every planned create is of a kind listed above as not checked.",
    zh: "没有查询任何名称：计划中要创建的资源都属于上面列为未检查的类型。",
  },
  "preflight.report.none": { en: "No planned name is taken.", zh: "计划中的名称都没有被占用。" },
  "preflight.cli.description": {
    en: "before a deploy: look up every resource the deploy will create that carries a physical name, and report each name that exists already — who holds it (this stage's leftover, another stage, this state under another URN) and the fix — so the deploy does not fail half-way with \"already exists\". Without --plan it checks the names it can predict from the other stages' states (exit 0 none taken, 3 a name is taken, 5 a lookup failed)",
    zh: '部署之前：查询部署将要创建的、带物理名称的每个资源，报告每个已存在的名称——谁占用了它（本阶段的残留资源、其他阶段、本状态中的另一个 URN）以及修复方法——避免部署中途以 "already exists" 失败。不带 --plan 时，检查能从其他阶段的状态推测出的名称（退出码 0 无占用，3 有名称被占用，5 有查询失败）',
  },
  "preflight.cli.plan": {
    en: "the deploy's plan: `pulumi preview --json` output, or Pulumi's engine event log (`sst diff` writes one to .sst/pulumi/<id>/eventlog.json; keep it with SST_NO_CLEANUP=1); - reads standard input",
    zh: "部署计划：`pulumi preview --json` 的输出，或 Pulumi 的引擎事件日志（`sst diff` 会写到 .sst/pulumi/<id>/eventlog.json；设置 SST_NO_CLEANUP=1 才会保留）；- 表示从标准输入读取",
  },
  "preflight.plan.not-a-plan": {
    en: "{source} is not a deploy plan stateward reads: {what}.",
    zh: "{source} 不是 stateward 能读取的部署计划：{what}。",
  },
  "preflight.plan.hint": {
    en: "Pass the output of `pulumi preview --json`, or the engine event log Pulumi writes (`pulumi preview --event-log plan.json`; SST keeps it as .sst/pulumi/<id>/eventlog.json while `sst diff` runs — set SST_NO_CLEANUP=1 to keep it).",
    zh: "请传入 `pulumi preview --json` 的输出，或 Pulumi 写的引擎事件日志（`pulumi preview --event-log plan.json`；`sst diff` 运行时 SST 把它放在 .sst/pulumi/<id>/eventlog.json——设置 SST_NO_CLEANUP=1 才会保留）。",
  },
  "preflight.plan.no-steps": { en: "a preview without `steps`", zh: "预览中没有 `steps`" },
  "preflight.plan.empty": { en: "it is empty", zh: "文件为空" },
  "preflight.plan.bad-line": {
    en: "line {line} is not JSON (neither a preview document nor an event log)",
    zh: "第 {line} 行不是 JSON（既不是预览文档，也不是事件日志）",
  },
  "preflight.plan.no-events": {
    en: "JSON with neither preview `steps` nor engine events",
    zh: "JSON 中既没有预览的 `steps`，也没有引擎事件",
  },
});
