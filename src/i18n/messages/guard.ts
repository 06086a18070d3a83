/** guard, notify and the audit log. */
import { defineMessages } from "../types.js";

export const guard = defineMessages({
  // guard --help
  "guard.help.description": {
    en: "run doctor first and stop on blockers (unless --force), then run the deploy command with its output passed through unchanged; if it fails, explain what it printed. Every deploy it runs is recorded in the stage's audit log (`stateward audit list`) with doctor's findings before and after it. Exit code: the command's own, or doctor's when it stopped first",
    zh: "先运行 doctor，发现阻断时停止（除非 --force），然后运行部署命令，其输出原样透传；部署失败时解释它输出的内容。运行的每次部署都记入阶段的审计日志（`stateward audit list`），并附带部署前后 doctor 发现的问题。退出码：部署命令自己的退出码，或 doctor 先行停止时 doctor 的退出码",
  },
  "guard.help.argument": {
    en: "the deploy command, after --: stateward guard -- sst deploy --stage dev",
    zh: "部署命令，写在 -- 之后：stateward guard -- sst deploy --stage dev",
  },
  "guard.option.force": {
    en: "run the command even when doctor (or --preflight) finds blockers",
    zh: "即使 doctor（或 --preflight）发现阻断也运行命令",
  },
  "guard.option.preflight": {
    en: "also run preflight first, on the deploy's plan (`pulumi preview --json` output, or the engine event log) or, with no plan given, on the names it can predict from the other stages (see `stateward preflight`): a name to be created that exists already stops the deploy",
    zh: "先运行部署前检查：检查部署计划（`pulumi preview --json` 的输出，或引擎事件日志），不给计划时检查能从其他阶段推测出的名称（见 `stateward preflight`）：将要创建的名称若已存在，则停止部署",
  },
  "guard.option.exclusive": {
    en: "refuse to run while another stage of the app is deploying (its lock is younger than 15 minutes); without it, guard only warns",
    zh: "应用的另一个阶段正在部署时（其锁不到 15 分钟）拒绝运行；不加此项时 guard 只给出警告",
  },
  "guard.option.notify": {
    en: "post one JSON message to this webhook when the deploy fails or blockers stop it (guard), or when there are blockers (doctor): app, stage, command, exit code, the problems and the commands that fix them, with a `text` field for Slack and Teams; Feishu/Lark and DingTalk bot URLs get their own message shape. Default: the {env} environment variable (keep the URL in a CI secret). Only the URL's scheme and host are ever printed. A failure to notify is one warning and never changes the exit code",
    zh: "部署失败或被阻断停止时（guard），或存在阻断时（doctor），向此 webhook 发送一条 JSON 消息：应用、阶段、命令、退出码、问题及修复命令，并带有供 Slack 和 Teams 使用的 `text` 字段；飞书/Lark 和钉钉机器人的 URL 会使用各自的消息格式。默认：环境变量 {env}（请把 URL 存为 CI 密钥）。输出中只会出现 URL 的协议和主机。通知失败只给出一条警告，不会改变退出码",
  },
  "guard.option.noRecheck": {
    en: "do not run doctor again after the deploy (its audit record then says the findings after it were not checked)",
    zh: "部署后不再运行 doctor（审计日志中的记录会注明部署后的问题未检查）",
  },
  "guard.option.noNotify": {
    en: "do not notify, even when {env} is set",
    zh: "不发送通知，即使设置了 {env}",
  },

  // guard's lines
  "guard.deploying.aDeploy": { en: "a deploy", zh: "一次部署" },
  "guard.deploying.item": {
    en: "{stage} ({command}, lock taken {ago})",
    zh: "{stage}（{command}，锁于 {ago}获取）",
  },
  "guard.deploying.itemBy": {
    en: "{stage} ({command} by {holder}, lock taken {ago})",
    zh: "{stage}（{holder} 执行的 {command}，锁于 {ago}获取）",
  },
  "guard.deploying.warning": {
    en: "{me}: another stage of this app is deploying right now: {list}. Two stages deploying at once collide on any name fixed in the program.",
    zh: "{me}：此应用的另一个阶段正在部署：{list}。两个阶段同时部署时，程序中写死的任何名称都会发生资源冲突。",
  },
  "guard.deploying.refused": {
    en: "{me}: not running `{command}` (--exclusive). Wait for it to finish, or leave out --exclusive.",
    zh: "{me}：未运行 `{command}`（--exclusive）。请等待其完成，或去掉 --exclusive。",
  },
  "guard.noState": {
    en: "stateward guard: {stage} has no state yet (its first deploy): doctor has nothing to check.",
    zh: "stateward guard：{stage} 还没有状态（首次部署），doctor 无可检查的内容。",
  },
  "guard.noState.like": {
    en: " Did you mean {like}? Then pass --stage {like}.",
    zh: "是否想指定 {like}？如果是，请传入 --stage {like}。",
  },
  "guard.noState.newApp": {
    en: " App {app} has no stage here at all; the apps here: {apps}.",
    zh: "这里完全没有应用 {app} 的阶段；这里的应用：{apps}。",
  },
  "guard.noState.newAppLike": {
    en: " App {app} has no stage here at all; the apps here: {apps}. Did you mean {like}? Then pass --app {like}.",
    zh: "这里完全没有应用 {app} 的阶段；这里的应用：{apps}。是否想指定 {like}？如果是，请传入 --app {like}。",
  },
  "guard.stopped.one": {
    en: "{me}: not running `{command}`: 1 blocker would make it fail. Fix it, or pass --force.",
    zh: "{me}：未运行 `{command}`：有 1 个阻断会导致部署失败。请先修复，或加上 --force。",
  },
  "guard.stopped.other": {
    en: "{me}: not running `{command}`: {count} blockers would make it fail. Fix them, or pass --force.",
    zh: "{me}：未运行 `{command}`：有 {count} 个阻断会导致部署失败。请先修复，或加上 --force。",
  },
  "guard.preflight.stopped.one": {
    en: "{me}: not running `{command}`: 1 planned name is taken already. Fix it, or pass --force.",
    zh: "{me}：未运行 `{command}`：有 1 个计划创建的名称已存在。请先修复，或加上 --force。",
  },
  "guard.preflight.stopped.other": {
    en: "{me}: not running `{command}`: {count} planned names are taken already. Fix them, or pass --force.",
    zh: "{me}：未运行 `{command}`：有 {count} 个计划创建的名称已存在。请先修复，或加上 --force。",
  },
  "guard.forced.one": {
    en: "{me}: running `{command}` despite 1 blocker (--force).",
    zh: "{me}：尽管有 1 个阻断，仍运行 `{command}`（--force）。",
  },
  "guard.forced.other": {
    en: "{me}: running `{command}` despite {count} blockers (--force).",
    zh: "{me}：尽管有 {count} 个阻断，仍运行 `{command}`（--force）。",
  },
  "guard.failed.unexplained": {
    en: "{me}: `{command}` exited with {code}; nothing in its output is a state problem stateward recognises.",
    zh: "{me}：`{command}` 以退出码 {code} 结束；其输出中没有 stateward 能识别的状态问题。",
  },
  "guard.explain.source": { en: "the output of {command}", zh: "{command} 的输出" },
  "guard.error.noCommand": {
    en: "guard needs the deploy command after --, e.g. `stateward guard -- sst deploy --stage dev`.",
    zh: "guard 需要在 -- 之后给出部署命令，例如 `stateward guard -- sst deploy --stage dev`。",
  },
  "guard.error.notFound": { en: "{file} was not found on PATH.", zh: "在 PATH 中找不到 {file}。" },
  "guard.error.notStarted": {
    en: "{file} could not be started: {reason}.",
    zh: "无法启动 {file}：{reason}。",
  },
  "guard.error.notFoundHint": {
    en: "Check the command after --; it runs as given, without a shell.",
    zh: "请检查 -- 之后的命令；它按原样运行，不经过 shell。",
  },
  "guard.audit.summary": {
    en: "deploy `{command}` exited {code}",
    zh: "部署 `{command}` 退出，退出码 {code}",
  },
  "guard.audit.failed": {
    en: "stateward guard: warning: the deploy was not recorded in the audit log: {reason}",
    zh: "stateward guard：警告：本次部署未记入审计日志：{reason}",
  },

  // --notify
  "guard.notify.badFlag": {
    en: "--notify needs an http:// or https:// webhook URL (the value given is not one; it is not repeated here, as webhook URLs are secrets).",
    zh: "--notify 需要一个 http:// 或 https:// 的 webhook URL（给出的值不是；webhook URL 属于密钥，此处不回显）。",
  },
  "guard.notify.badEnv": {
    en: "{env} must be an http:// or https:// webhook URL (its value is not one; it is not repeated here, as webhook URLs are secrets). Unset it, or pass --no-notify.",
    zh: "{env} 必须是 http:// 或 https:// 的 webhook URL（当前值不是；webhook URL 属于密钥，此处不回显）。请清除该变量，或加上 --no-notify。",
  },
  "guard.notify.failed.one": {
    en: "{who}: warning: could not notify {where}: {reason}.",
    zh: "{who}：警告：无法通知 {where}：{reason}。",
  },
  "guard.notify.failed.other": {
    en: "{who}: warning: could not notify {where}: {reason} (after {count} tries).",
    zh: "{who}：警告：无法通知 {where}：{reason}（已尝试 {count} 次）。",
  },
  "guard.notify.reason.status": { en: "it answered HTTP {status}", zh: "对方返回 HTTP {status}" },
  "guard.notify.reason.refused": {
    en: "the bot refused the message (error code {code})",
    zh: "机器人拒收了消息（错误码 {code}）",
  },
  "guard.notify.reason.timeout": {
    en: "no answer within {seconds} s",
    zh: "{seconds} 秒内没有响应",
  },
  "guard.notify.reason.network": { en: "the connection failed", zh: "连接失败" },
  "guard.notify.reason.networkCode": { en: "the connection failed ({code})", zh: "连接失败（{code}）" },

  // The alert itself
  "guard.alert.title.deploy": {
    en: "stateward: deploy of {app}/{stage} failed (exit code {code})",
    zh: "stateward：{app}/{stage} 部署失败（退出码 {code}）",
  },
  "guard.alert.title.doctor": {
    en: "stateward: blockers in {app}/{stage}",
    zh: "stateward：{app}/{stage} 存在阻断",
  },
  "guard.alert.failed.none": {
    en: "`{command}` exited {code}; its output shows no known state problem.",
    zh: "`{command}` 以退出码 {code} 结束；输出中没有已知的状态问题。",
  },
  "guard.alert.failed.line": {
    en: "`{command}` exited {code}; no known state problem, the failure reads: {line}",
    zh: "`{command}` 以退出码 {code} 结束；没有已知的状态问题，失败信息为：{line}",
  },
  "guard.alert.failed.one": {
    en: "`{command}` exited {code}: 1 known problem in its output.",
    zh: "`{command}` 以退出码 {code} 结束：输出中有 1 个已知问题。",
  },
  "guard.alert.failed.other": {
    en: "`{command}` exited {code}: {count} known problems in its output.",
    zh: "`{command}` 以退出码 {code} 结束：输出中有 {count} 个已知问题。",
  },
  "guard.alert.preflight.one": {
    en: "stateward guard did not run `{command}`: preflight found 1 name it would create taken already.",
    zh: "stateward guard 未运行 `{command}`：部署前检查发现 1 个将要创建的名称已被占用。",
  },
  "guard.alert.preflight.other": {
    en: "stateward guard did not run `{command}`: preflight found {count} names it would create taken already.",
    zh: "stateward guard 未运行 `{command}`：部署前检查发现 {count} 个将要创建的名称已被占用。",
  },
  "guard.alert.stopped.one": {
    en: "stateward guard did not run `{command}`: 1 blocker would make it fail.",
    zh: "stateward guard 未运行 `{command}`：有 1 个阻断会导致部署失败。",
  },
  "guard.alert.stopped.other": {
    en: "stateward guard did not run `{command}`: {count} blockers would make it fail.",
    zh: "stateward guard 未运行 `{command}`：有 {count} 个阻断会导致部署失败。",
  },
  "guard.alert.blockers.one": {
    en: "stateward doctor found 1 blocker: the next deploy would fail.",
    zh: "stateward doctor 发现 1 个阻断：下次部署将会失败。",
  },
  "guard.alert.blockers.other": {
    en: "stateward doctor found {count} blockers: the next deploy would fail.",
    zh: "stateward doctor 发现 {count} 个阻断：下次部署将会失败。",
  },
  "guard.alert.fix": { en: "Fix:", zh: "修复：" },

  // audit
  "guard.auditCmd.description": {
    en: "every change stateward made to the stage: when, who, what, state before and after, backup",
    zh: "stateward 对阶段所做的每一次更改：时间、执行者、内容、前后的状态、备份",
  },
  "guard.auditCmd.list.description": {
    en: "one timeline, newest first: the deploys `stateward guard` ran (command, exit code, git commit, who, doctor's findings before and after) and every change stateward made to the stage's state",
    zh: "按时间倒序的同一条时间线：`stateward guard` 运行的部署（命令、退出码、git 提交、执行者、部署前后 doctor 发现的问题）以及 stateward 对阶段状态所做的每一次更改",
  },
  "guard.timeline.deploy": { en: "deploy", zh: "部署" },
  "guard.timeline.by": { en: "by {who}", zh: "执行者 {who}" },
  "guard.timeline.exit": {
    en: "exit code {code}, ran {seconds} s",
    zh: "退出码 {code}，耗时 {seconds} 秒",
  },
  "guard.timeline.commit": { en: "git commit {commit}", zh: "git 提交 {commit}" },
  "guard.timeline.before": { en: "before: {findings}", zh: "部署前：{findings}" },
  "guard.timeline.after": { en: "after: {findings}", zh: "部署后：{findings}" },
  "guard.timeline.noState": { en: "no state yet", zh: "尚无状态" },
  "guard.timeline.skipped": { en: "not checked (--no-recheck)", zh: "未检查（--no-recheck）" },
  "guard.timeline.failed": { en: "doctor did not finish ({error})", zh: "doctor 未完成（{error}）" },
  "guard.timeline.counts": {
    en: "blockers {blockers}, warnings {warnings}",
    zh: "阻断 {blockers} 个，警告 {warnings} 个",
  },
  "guard.timeline.notified": { en: "alert posted", zh: "已发送通知" },
  "guard.timeline.notNotified": { en: "alert not delivered", zh: "通知未送达" },
});
