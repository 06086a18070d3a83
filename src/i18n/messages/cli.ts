/* eslint-disable max-lines -- one area's catalog: data, no logic */
/** The command line: every command's and option's --help, usage errors, prompts. */
import { defineMessages } from "../types.js";

export const cli = defineMessages({
  "cli.option.lang": {
    en: "the language of every line meant for a person: en or zh (default: LC_ALL, LC_MESSAGES or LANG starting with zh gives zh); JSON keys and codes never change",
    zh: "面向人的输出语言：en 或 zh（默认看 LC_ALL、LC_MESSAGES 或 LANG，以 zh 开头即为中文）；JSON 的键和代码不随语言改变",
  },
  "cli.lang.unknown": {
    en: "--lang {lang} is not a language stateward speaks; use one of: {langs}.",
    zh: "stateward 不支持 --lang {lang}；可用的语言：{langs}。",
  },

  // The program: its description, global options and the text after its help.
  "cli.program.description": {
    en: 'Keeps SST and Pulumi deployment state honest: finds why a deploy fails with "already exists", explains it and repairs the state safely.',
    zh: "让 SST 和 Pulumi 的部署状态保持真实：找出部署因“已存在”而失败的原因，解释它，并安全地修复状态。",
  },
  "cli.option.version": { en: "output the version number", zh: "输出版本号" },
  "cli.option.help": { en: "display help for command", zh: "显示命令的帮助" },
  "cli.option.debug": {
    en: "show stack traces and internal details on errors",
    zh: "出错时显示调用栈和内部细节",
  },
  "cli.option.no-color": {
    en: "never color the output, even on a terminal (NO_COLOR is honoured too)",
    zh: "输出不带颜色，即使在终端上也是如此（也遵循 NO_COLOR）",
  },
  "cli.option.timeout": {
    en: "how long an AWS call may go without an answer, retries included: 5s, 30s, 2m (default 20s)",
    zh: "一次 AWS 调用（含重试）最长等待多久没有应答：5s、30s、2m（默认 20s）",
  },
  "cli.program.after": {
    en: `
Exit codes: 0 clean, 1 error, 2 usage, 3 problems that break the next deploy,
4 warnings only, 5 incomplete scan, 130 interrupted (Ctrl-C, SIGTERM) or cancelled at a prompt.`,
    zh: `
退出码：0 无问题，1 出错，2 用法错误，3 有会导致下次部署失败的问题，
4 只有警告，5 扫描不完整，130 被中断（Ctrl-C、SIGTERM）或在提示时取消。`,
  },

  // commander's own words in help.
  "cli.help.usage": { en: "Usage:", zh: "用法：" },
  // i18n-exempt: commander's own placeholders (en is exactly what commander writes)
  "cli.help.options-placeholder": { en: "[options]", zh: "[选项]" },
  // i18n-exempt: commander's own placeholders (en is exactly what commander writes)
  "cli.help.command-placeholder": { en: "[command]", zh: "[命令]" },
  "cli.help.options": { en: "Options:", zh: "选项：" },
  "cli.help.commands": { en: "Commands:", zh: "命令：" },
  "cli.help.arguments": { en: "Arguments:", zh: "参数：" },
  "cli.help.global-options": { en: "Global Options:", zh: "全局选项：" },
  "cli.help.default": { en: "default: {value}", zh: "默认：{value}" },
  "cli.help.choices": { en: "choices: {values}", zh: "可选值：{values}" },
  "cli.help.env": { en: "env: {name}", zh: "环境变量：{name}" },
  "cli.help.preset": { en: "preset: {value}", zh: "预设：{value}" },

  // commander's parse errors, by their code (the English is commander's own).
  "cli.parse.unknown-option": { en: "unknown option '{flag}'", zh: "未知选项 '{flag}'" },
  "cli.parse.unknown-command": { en: "unknown command '{name}'", zh: "未知命令 '{name}'" },
  "cli.parse.missing-argument": {
    en: "missing required argument '{name}'",
    zh: "缺少必需的参数 '{name}'",
  },
  "cli.parse.option-missing-argument": {
    en: "option '{flags}' argument missing",
    zh: "选项 '{flags}' 缺少参数值",
  },
  "cli.parse.missing-mandatory-option": {
    en: "required option '{flags}' not specified",
    zh: "未指定必需的选项 '{flags}'",
  },
  "cli.parse.conflicting-option": {
    en: "{option} cannot be used with {other}",
    zh: "{option} 不能与 {other} 同时使用",
  },
  "cli.parse.excess-arguments": {
    en: "too many arguments. Expected {expected} arguments but got {got}.",
    zh: "参数过多：应为 {expected} 个，实际收到 {got} 个。",
  },
  "cli.parse.excess-arguments.one": {
    en: "too many arguments. Expected 1 argument but got {got}.",
    zh: "参数过多：应为 1 个，实际收到 {got} 个。",
  },
  "cli.parse.excess-arguments-for": {
    en: "too many arguments for '{command}'. Expected {expected} arguments but got {got}.",
    zh: "'{command}' 的参数过多：应为 {expected} 个，实际收到 {got} 个。",
  },
  "cli.parse.excess-arguments-for.one": {
    en: "too many arguments for '{command}'. Expected 1 argument but got {got}.",
    zh: "'{command}' 的参数过多：应为 1 个，实际收到 {got} 个。",
  },
  "cli.parse.invalid-option-value": {
    en: "option '{flags}' argument '{value}' is invalid. Allowed choices are {choices}.",
    zh: "选项 '{flags}' 的参数值 '{value}' 无效。可选值：{choices}。",
  },
  "cli.parse.invalid-argument-value": {
    en: "command-argument value '{value}' is invalid for argument '{name}'. Allowed choices are {choices}.",
    zh: "参数 '{name}' 的值 '{value}' 无效。可选值：{choices}。",
  },
  "cli.parse.did-you-mean": { en: "(Did you mean {word}?)", zh: "（您是想输入 {word} 吗？）" },
  "cli.parse.did-you-mean-one-of": {
    en: "(Did you mean one of {words}?)",
    zh: "（您是想输入 {words} 中的一个吗？）",
  },
  "cli.parse.hint": {
    en: "Run with --help to see the commands and their options.",
    zh: "加上 --help 运行，查看各命令及其选项。",
  },

  // The error printer.
  "cli.error.label": { en: "error", zh: "错误" },
  "cli.error.unexpected": { en: "Unexpected error: {message}", zh: "意外错误：{message}" },
  "cli.error.unexpected.hint": {
    en: "This is a bug in stateward; run again with --debug and report the output.",
    zh: "这是 stateward 的缺陷；请加上 --debug 再运行一次，并报告输出。",
  },

  // Prompts, consent and cancelling.
  "cli.declined": { en: "Nothing was written.", zh: "未写入任何内容。" },
  "cli.prompt.cancelled": {
    en: "Cancelled at the prompt: nothing was written.",
    zh: "已在提示时取消：未写入任何内容。",
  },
  "cli.prompt.cancelled.hint": {
    en: "Run the command again to make the change (or pass --dry-run to only look).",
    zh: "要做出更改，请再运行一次该命令（或加上 --dry-run 只查看）。",
  },
  "cli.stopped.read-only": {
    en: "Stopped: this run does not write the stage (it only reads it, or is a dry run), so nothing there changed.",
    zh: "已停止：此次运行不写入该阶段（只读取它，或是试运行），因此那里没有任何改动。",
  },
  "cli.prompt.key.navigate": { en: "navigate", zh: "移动" },
  "cli.prompt.key.select": { en: "select", zh: "选择" },
  "cli.prompt.key.all": { en: "all", zh: "全选" },
  "cli.prompt.key.invert": { en: "invert", zh: "反选" },
  "cli.prompt.key.submit": { en: "submit", zh: "确认" },
  "cli.prompt.yes": { en: "Yes", zh: "是" },
  "cli.prompt.no": { en: "No", zh: "否" },
  "cli.consent.required": {
    en: "{what} writes the state, and there is no terminal to ask.",
    zh: "{what} 会写入状态，但没有终端可以询问确认。",
  },
  "cli.consent.required.hint": {
    en: "Pass --yes to write, or --dry-run to only see what it would do.",
    zh: "加上 --yes 以写入，或加上 --dry-run 只查看它会做什么。",
  },
  "cli.confirm-stage.one": {
    en: "Type the stage name ({stage}) to delete 1 resource of stage {stage} (anything else keeps them)",
    zh: "输入阶段名（{stage}）以删除阶段 {stage} 的 1 个资源（输入其他内容则保留）",
  },
  "cli.confirm-stage.other": {
    en: "Type the stage name ({stage}) to delete {count} resources of stage {stage} (anything else keeps them)",
    zh: "输入阶段名（{stage}）以删除阶段 {stage} 的 {count} 个资源（输入其他内容则保留）",
  },

  // Options shared by several commands.
  "cli.opt.app": {
    en: "SST app (Pulumi project for DIY); default: the name in sst.config.ts",
    zh: "SST 应用（DIY 时为 Pulumi 项目）；默认：sst.config.ts 中的名称",
  },
  "cli.opt.stage": {
    en: "stage (Pulumi stack for DIY); default: SST_STAGE or .sst/stage",
    zh: "阶段（DIY 时为 Pulumi stack）；默认：SST_STAGE 或 .sst/stage",
  },
  "cli.opt.region": {
    en: "AWS region of the SST home; default: providers.aws.region, AWS_REGION, the profile's, us-east-1",
    zh: "SST 状态存储所在的 AWS 区域；默认：providers.aws.region、AWS_REGION、profile 的区域、us-east-1",
  },
  "cli.opt.profile": {
    en: "AWS profile; default: AWS_PROFILE, then providers.aws.profile",
    zh: "AWS profile；默认：AWS_PROFILE，其次 providers.aws.profile",
  },
  "cli.opt.backend": {
    en: "sst (the SST home; default inside an SST project), file://<dir> or s3://<bucket>[/<prefix>] (Pulumi DIY; default PULUMI_BACKEND_URL)",
    zh: "sst（SST 状态存储；在 SST 项目中为默认）、file://<dir> 或 s3://<bucket>[/<prefix>]（Pulumi DIY；默认 PULUMI_BACKEND_URL）",
  },
  "cli.opt.confirm": {
    en: "a stage whose resources this run may delete, named in advance (once per stage; needed off a terminal)",
    zh: "预先指定本次运行可以删除其资源的阶段（每个阶段一次；不在终端上时必需）",
  },
  "cli.opt.confirm-protected": {
    en: "also allow deletions in protected stages (prod*, production, `protect` in sst.config.ts, STATEWARD_PROTECTED_STAGES)",
    zh: "也允许在受保护的阶段中删除（prod*、production、sst.config.ts 中的 `protect`、STATEWARD_PROTECTED_STAGES）",
  },
  "cli.opt.json": {
    en: "print exactly one JSON document on stdout (errors included)",
    zh: "在 stdout 上只输出一个 JSON 文档（错误也包括在内）",
  },
  "cli.opt.yes.write": {
    en: "write without asking (needed off a terminal)",
    zh: "不询问直接写入（不在终端上时必需）",
  },
  "cli.opt.yes.apply": {
    en: "apply without asking (needed off a terminal)",
    zh: "不询问直接执行（不在终端上时必需）",
  },
  "cli.opt.concurrency": { en: "calls in flight per service", zh: "每个服务同时进行的调用数" },
  "cli.usage.file-or-stage": {
    en: 'Give either a state file ("{file}") or --app/--stage/--backend, not both.',
    zh: '请给出状态文件（"{file}"）或 --app/--stage/--backend 之一，不能同时给出。',
  },
  "cli.usage.integer": {
    en: '{flag} must be a whole number from {min} to {max}, not "{value}".',
    zh: '{flag} 必须是 {min} 到 {max} 之间的整数，而不是 "{value}"。',
  },
  "cli.usage.account": {
    en: '--account must be a 12-digit AWS account id, not "{value}".',
    zh: '--account 必须是 12 位的 AWS 账户 ID，而不是 "{value}"。',
  },

  // adopt
  "cli.adopt.description": {
    en: "bring an existing cloud resource into the stage's state as the entry pulumi-aws would have written (read live), so the next deploy sees it as existing; a pending create of it becomes the entry; written under the safe-write protocol",
    zh: "把云中已有的资源接管到该阶段的状态中，写成 pulumi-aws 会写的条目（实时读取），让下次部署把它视为已存在；它的待创建操作会变成该条目；按安全写入协议写入",
  },
  "cli.adopt.arg.type": {
    en: "Pulumi type token, e.g. aws:dynamodb/table:Table",
    zh: "Pulumi 类型标识，例如 aws:dynamodb/table:Table",
  },
  "cli.adopt.arg.id": {
    en: "its cloud id: table, role, function, bucket or log group name, distribution id, Route 53 record id",
    zh: "它在云中的 ID：表、角色、函数、存储桶或日志组的名称，分发 ID，Route 53 记录 ID",
  },
  "cli.adopt.opt.name": {
    en: "logical name of the new entry (default: the physical name without app, stage and suffix)",
    zh: "新条目的逻辑名称（默认：去掉应用、阶段和后缀的物理名称）",
  },
  "cli.adopt.opt.parent": {
    en: "the component it belongs to (default: the stack)",
    zh: "它所属的组件（默认：stack）",
  },
  "cli.adopt.opt.urn": {
    en: "the pending create to resolve (default: the one with this name); without such a pending create, the URN the new entry gets (the one doctor names)",
    zh: "要解决的待创建操作（默认：同名的那个）；没有这样的待创建操作时，为新条目使用的 URN（即 doctor 给出的那个）",
  },
  "cli.adopt.opt.retain-on-delete": {
    en: 'mark the entry retainOnDelete, as removal: "retain" did (for a retained leftover)',
    zh: '把条目标记为 retainOnDelete，与 removal: "retain" 的效果相同（用于保留下来的残留资源）',
  },
  "cli.adopt.opt.accept-replace": {
    en: "adopt even when the live resource differs from what the pending create asks for in a property that makes the next deploy replace it (a table's keys, a queue's FIFO flag, a bucket's region); refused without it",
    zh: "即使实际资源在某个会导致下次部署替换它的属性上与待创建操作的要求不同（表的键、队列的 FIFO 标志、存储桶的区域），也照样接管；不加此选项则拒绝",
  },
  "cli.adopt.opt.dry-run": { en: "show the entry, write nothing", zh: "显示条目，不写入任何内容" },
  "cli.adopt.confirm": {
    en: "Add {urn} to the state of {app}/{stage}?",
    zh: "将 {urn} 加入 {app}/{stage} 的状态？",
  },

  // apply
  "cli.apply.description": {
    en: "carry out a repair plan: refuses if a stage's state changed since the plan; releases locks, writes each stage's state edits in one safe write, then deletes in the cloud in order (only with --allow-delete), stopping at the first cloud failure",
    zh: "执行修复计划：若某阶段的状态在计划之后有变化则拒绝；释放锁，每个阶段的状态修改在一次安全写入中完成，然后按顺序在云中删除（仅在 --allow-delete 时），遇到第一个云端失败即停止",
  },
  "cli.apply.arg.plan": {
    en: "the plan file from `stateward plan --out`",
    zh: "由 `stateward plan --out` 生成的计划文件",
  },
  "cli.apply.opt.dry-run": {
    en: "show what the state writes would change, do nothing",
    zh: "显示状态写入会改变什么，不做任何操作",
  },
  "cli.apply.opt.allow-delete": {
    en: "carry out the plan's cloud deletions too (for the stages named with --confirm, or typed on a terminal)",
    zh: "同时执行计划中的云端删除（仅限用 --confirm 指定或在终端上输入的阶段）",
  },
  "cli.apply.confirm": {
    en: "Apply {count} actions of {file} to {app}?",
    zh: "将 {file} 中的 {count} 个操作执行到 {app}？",
  },
  "cli.apply.declined": { en: "Nothing was applied.", zh: "未执行任何操作。" },

  // cleanup
  "cli.cleanup.description": {
    en: "delete what no state holds — orphans, retained leftovers, removed stages' leftovers — in dependency order (distributions disabled, deployed, then deleted; IAM policies before roles). A dry run unless --yes; only the stages named for this run (typed, or --confirm <stage> once per stage) lose anything, and a retained, protected or another stage's resource only when named with --include <id>",
    zh: "按依赖顺序删除不在任何状态中的资源——孤立资源、保留下来的残留资源、已移除阶段的残留资源（分发先禁用、部署，再删除；IAM 策略先于角色）。不加 --yes 时为试运行；只有为本次运行指定的阶段（在终端输入，或每个阶段一次 --confirm <stage>）会被删除资源，保留的、受保护的或其他阶段的资源只有用 --include <id> 点名时才会删除",
  },
  "cli.cleanup.opt.all-stages": {
    en: "every stage of the app, removed ones included",
    zh: "应用的每个阶段，包括已移除的阶段",
  },
  "cli.cleanup.opt.include": {
    en: "orphans,retained,removed-stages (default: all three), and/or URNs or physical ids, comma-separated: named ones only (the only way to delete a retained or protected resource)",
    zh: "orphans、retained、removed-stages（默认：全部三类），和/或 URN 或物理 ID，用逗号分隔：只处理点名的（这是删除保留的或受保护的资源的唯一方式）",
  },
  "cli.cleanup.opt.yes": {
    en: "delete (on a terminal, after typing each stage name)",
    zh: "执行删除（在终端上需先输入每个阶段名）",
  },
  "cli.cleanup.opt.dry-run": {
    en: "list what would be deleted and what the deletion gate keeps; delete nothing",
    zh: "列出会删除什么、删除闸门会保留什么；不删除任何内容",
  },
  // doctor
  "cli.doctor.description": {
    en: "the main job: loads the stage's state and recent history, scans the cloud, and runs every rule — pending creates, orphans, names taken, stale entries and locks, integrity, rollbacks, region and account mismatches, leftovers — each finding with its cause and the commands that fix it, and how many resources it checked (exit 0 clean, 3 blockers, 4 warnings, 5 incomplete; with --strict also 5 when anything was not checked)",
    zh: "主要功能：加载该阶段的状态和近期历史，扫描云端，运行每条规则——待创建操作、孤立资源、名称已被占用、过期的条目和锁、完整性、回滚、区域和账户不一致、残留资源——每个问题都给出原因和修复命令，并说明检查了多少资源（退出码 0 无问题，3 有阻断，4 有警告，5 不完整；加 --strict 时有未检查的资源也为 5）",
  },
  "cli.doctor.opt.all-stages": {
    en: "check every stage of the app (and removed stages that left update records) in one pass",
    zh: "一次检查应用的每个阶段（包括留下了更新记录的已移除阶段）",
  },
  "cli.doctor.opt.drift": {
    en: "also read each managed resource and report changed properties (one read each)",
    zh: "同时读取每个受管资源并报告有变化的属性（每个资源读取一次）",
  },
  "cli.doctor.opt.deep": {
    en: "also look for orphans found only through their parent — a stage function's URL and permissions, a stage topic's subscriptions, a user pool's domain (a call per parent; cleanup always does; implied by --drift)",
    zh: "同时查找只能通过父资源发现的孤立资源——阶段函数的 URL 和权限、阶段主题的订阅、用户池的域名（每个父资源一次调用；cleanup 总会这样做；--drift 隐含此项）",
  },
  "cli.doctor.opt.strict": {
    en: "exit 5 when any resource was not checked (a type stateward does not look up), not only when the scan failed",
    zh: "只要有资源未检查（stateward 不查询的类型）就以 5 退出，而不只是在扫描失败时",
  },
  "cli.doctor.opt.format": { en: "output format", zh: "输出格式" },

  // fix
  "cli.fix.description": {
    en: "doctor, then a checklist of the repair actions (safe ones preselected, deletions not), then apply; off a terminal it needs --yes and applies only what deletes nothing unless --allow-delete with --confirm <stage> for each stage that loses resources. Retained, protected and other stages' resources are never deleted by fix",
    zh: "先运行 doctor，再给出修复操作的勾选清单（安全的操作预先勾选，删除不勾选），然后执行；不在终端上时需要 --yes，且只执行不删除任何东西的操作，除非加上 --allow-delete 并为每个会失去资源的阶段加 --confirm <stage>。fix 从不删除保留的、受保护的或其他阶段的资源",
  },
  "cli.fix.opt.all-stages": { en: "fix every stage of the app", zh: "修复应用的每个阶段" },
  "cli.fix.opt.allow-delete": {
    en: "also carry out cloud deletions (for the stages named with --confirm)",
    zh: "同时执行云端删除（仅限用 --confirm 指定的阶段）",
  },
  "cli.fix.opt.dry-run": {
    en: "show the plan and what the state writes would change; do nothing",
    zh: "显示计划以及状态写入会改变什么；不做任何操作",
  },
  "cli.fix.checklist": {
    en: "Repair {app} (space to choose, enter to apply)",
    zh: "修复 {app}（空格键选择，回车键执行）",
  },
  "cli.fix.delete-mark": { en: "DELETE", zh: "删除" },
  "cli.fix.left-out.delete": {
    en: "left out, a deletion (only with --allow-delete --confirm {stage}): {change}",
    zh: "未执行，属于删除操作（需要 --allow-delete --confirm {stage}）：{change}",
  },
  "cli.fix.left-out.unticked": {
    en: "left out, not ticked in the checklist: {change}",
    zh: "未执行，清单中没有勾选：{change}",
  },

  // forget
  "cli.forget.description": {
    en: "remove entries from the stage's state (the cloud is not touched), or with --pending clear pending operations; refuses to leave dependents pointing at nothing unless --with-dependents; written under the safe-write protocol",
    zh: "从该阶段的状态中移除条目（不动云端），或加 --pending 清除未完成的操作；若会让依赖者指向不存在的条目则拒绝，除非加 --with-dependents；按安全写入协议写入",
  },
  "cli.forget.arg.urn": {
    en: "URNs of the entries (or, with --pending, of the pending operations)",
    zh: "条目的 URN（加 --pending 时为未完成操作的 URN）",
  },
  "cli.forget.opt.with-dependents": {
    en: "also remove every entry that depends on them",
    zh: "同时移除依赖它们的每个条目",
  },
  "cli.forget.opt.drop-references": {
    en: "remove only these entries and drop the references to them from their dependents, as a refresh does for a resource deleted by hand",
    zh: "只移除这些条目，并从依赖者中去掉对它们的引用，与 refresh 处理手动删除的资源的方式相同",
  },
  "cli.forget.opt.pending": {
    en: "clear the pending operations of these URNs instead of removing entries",
    zh: "清除这些 URN 的未完成操作，而不是移除条目",
  },
  "cli.forget.opt.force": { en: "remove protected entries too", zh: "受保护的条目也一并移除" },
  "cli.forget.opt.dry-run": {
    en: "show what would be removed, write nothing",
    zh: "显示会移除什么，不写入任何内容",
  },
  "cli.forget.pending-line": {
    en: "pending {operation} {urn}",
    zh: "未完成的 {operation} {urn}",
  },
  "cli.forget.note": { en: "note: {note}", zh: "注意：{note}" },
  "cli.forget.confirm": {
    en: "Remove {count} from the state of {app}/{stage}?",
    zh: "从 {app}/{stage} 的状态中移除 {count} 项？",
  },

  // lock
  "cli.lock.description": {
    en: "the stage's lock: who holds it, and breaking a stale one",
    zh: "该阶段的锁：谁持有它，以及打破过期的锁",
  },
  "cli.lock.status.description": {
    en: "who holds the lock, since when, for which command, update and run, and whether that update finished (exit 0 unlocked, 4 locked)",
    zh: "谁持有锁、从何时起、为哪个命令、更新和运行，以及该更新是否已完成（退出码 0 未锁定，4 已锁定）",
  },
  "cli.lock.release.description": {
    en: "break the lock as `sst unlock` does (its update is recorded as failed) and record an audit entry; refuses a lock younger than --older-than without --force",
    zh: "像 `sst unlock` 一样打破锁（其更新记为失败）并写一条审计记录；锁的时间短于 --older-than 时拒绝，除非加 --force",
  },
  "cli.lock.opt.force": {
    en: "release even a fresh lock (make sure nothing is deploying)",
    zh: "即使是新的锁也释放（请确认没有正在进行的部署）",
  },
  "cli.lock.opt.older-than": {
    en: "only release a lock at least this old: 90s, 15m, 2h, 1d",
    zh: "只释放至少这么久的锁：90s、15m、2h、1d",
  },
  "cli.lock.opt.yes": {
    en: "release without asking (needed off a terminal)",
    zh: "不询问直接释放（不在终端上时必需）",
  },
  "cli.lock.opt.dry-run": {
    en: "show which lock would be released; write nothing",
    zh: "显示会释放哪个锁；不写入任何内容",
  },
  "cli.lock.confirm": {
    en: "Release the lock of {app}/{stage}?",
    zh: "释放 {app}/{stage} 的锁？",
  },

  // names
  "cli.names.description": {
    en: "physical names: generate SST-style ones, and find names that collide across stages",
    zh: "物理名称：生成 SST 风格的名称，并找出在不同阶段之间冲突的名称",
  },
  "cli.names.generate.description": {
    en: "a physical name with app, stage and a stable 8-character suffix, within the service's length and character rules (SST ≥ 3.8 style; the suffix is derived, not random, so it is the same every time)",
    zh: "生成包含应用、阶段和稳定的 8 字符后缀的物理名称，符合该服务的长度和字符规则（SST ≥ 3.8 风格；后缀由计算得出而非随机，每次都相同）",
  },
  "cli.names.arg.logical": {
    en: "the logical name, e.g. Api or OrdersTable",
    zh: "逻辑名称，例如 Api 或 OrdersTable",
  },
  "cli.names.opt.type": {
    en: "only this Pulumi type (default: every type stateward names)",
    zh: "只生成此 Pulumi 类型的名称（默认：stateward 能命名的每种类型）",
  },
  "cli.names.opt.app": {
    en: "the app (default: the name in sst.config.ts)",
    zh: "应用（默认：sst.config.ts 中的名称）",
  },
  "cli.names.opt.stage": {
    en: "the stage (default: SST_STAGE or .sst/stage)",
    zh: "阶段（默认：SST_STAGE 或 .sst/stage）",
  },
  "cli.names.check.description": {
    en: "physical names claimed by two stages, names with neither the stage nor a suffix (they collide when another stage deploys), names whose stage was cut off to fit (exit 4 when any)",
    zh: "被两个阶段占用的物理名称、既没有阶段也没有后缀的名称（另一个阶段部署时会冲突）、为了符合长度而截掉阶段的名称（有任何一项则退出码 4）",
  },
  "cli.names.opt.all-stages": { en: "check every stage of the app", zh: "检查应用的每个阶段" },

  // plan
  "cli.plan.description": {
    en: "turn doctor's findings into a repair plan: ordered actions (adopt, forget, clear-pending, refresh-entry, repair-integrity, release-lock, delete-in-cloud, rename), each with the finding it resolves, what changes and whether it can be undone; --out saves the versioned plan file",
    zh: "把 doctor 的问题变成修复计划：有序的操作（adopt、forget、clear-pending、refresh-entry、repair-integrity、release-lock、delete-in-cloud、rename），每个操作都说明它解决的问题、改变什么以及能否撤销；--out 保存带版本的计划文件",
  },
  "cli.plan.opt.all-stages": { en: "plan for every stage of the app", zh: "为应用的每个阶段制定计划" },
  "cli.plan.opt.out": {
    en: "save the plan (never overwrites a file)",
    zh: "保存计划（从不覆盖已有文件）",
  },

  // scan
  "cli.scan.description": {
    en: "what the state holds and what the cloud holds for the stage, side by side: managed, in state but missing, in the cloud but not in state (and how it was found); exit 5 when part of the scan failed",
    zh: "并排列出该阶段状态中有什么、云中有什么：受管的、在状态中但已缺失的、在云中但不在状态中的（以及它是如何被发现的）；部分扫描失败时退出码为 5",
  },
  "cli.scan.opt.all-stages": {
    en: "scan every stage of the app in one pass",
    zh: "一次扫描应用的每个阶段",
  },
  "cli.scan.opt.history": {
    en: "also look for what older versions of the state named",
    zh: "同时查找状态的旧版本中提到的资源",
  },
  "cli.scan.opt.drift": {
    en: "also read each managed resource and compare the properties that count for drift (one read each)",
    zh: "同时读取每个受管资源，比较与漂移相关的属性（每个资源读取一次）",
  },
});
