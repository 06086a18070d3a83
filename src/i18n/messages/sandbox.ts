/** The local cloud's command (stateward sandbox) and its scenarios' printed lines. */
import { defineMessages } from "../types.js";

export const sandbox = defineMessages({
  // The command's help.
  "sandbox.cli.description": {
    en: "start the local AWS-compatible cloud on 127.0.0.1 with a broken SST app `acme` in it (no AWS account needed), and print the environment that points stateward at it; runs until Ctrl-C",
    zh: "在 127.0.0.1 上启动兼容 AWS 的本地云，其中有一个出了问题的 SST 应用 `acme`（无需 AWS 账户），并输出让 stateward 指向它的环境变量；一直运行到 Ctrl-C",
  },
  "sandbox.cli.opt.port": {
    en: "port to listen on (0 picks a free one)",
    zh: "监听的端口（0 表示自动选一个空闲端口）",
  },
  "sandbox.cli.opt.scenario": {
    en: "what to seed: acme (a small SST 3.x app broken in the guides' ways), typical-app (issue 15's typical SST 4.x app: a healthy stage `production` and a stage `staging` broken twenty ways), or empty",
    zh: "预置什么内容：acme（一个按指南中各种方式出问题的小型 SST 3.x 应用）、typical-app（issue 15 中典型的 SST 4.x 应用：一个正常的阶段 `production` 和一个有二十种问题的阶段 `staging`）或 empty",
  },
  "sandbox.cli.opt.data": {
    en: "keep the cloud's contents in this directory across restarts (seeded only when empty)",
    zh: "把云的内容保存在此目录中，重启后保留（仅在目录为空时预置）",
  },
  "sandbox.cli.opt.account": {
    en: "the AWS account id every caller belongs to",
    zh: "所有调用者所属的 AWS 账户 ID",
  },
  "sandbox.cli.opt.tls": {
    en: "serve HTTPS with a self-signed certificate; the printed environment names it in AWS_CA_BUNDLE (the typical-app scenario always does: SST's buckets refuse requests not over TLS)",
    zh: "用自签名证书提供 HTTPS；输出的环境变量在 AWS_CA_BUNDLE 中指明该证书（typical-app 场景总是如此：SST 的存储桶拒绝不经 TLS 的请求）",
  },
  "sandbox.cli.opt.deploy-delay": {
    en: "how long a CloudFront change stays InProgress",
    zh: "CloudFront 的变更保持 InProgress 状态的时长",
  },
  "sandbox.cli.opt.exec": {
    en: 'run one stateward command against the local cloud, print its output, stop, and exit with its code (e.g. --exec "doctor --app acme --stage dev --all-stages"). The command is split into words as a POSIX shell would: \'single\' and "double" quotes and backslashes keep spaces (--exec "explain \'my log.txt\'"); nothing is expanded ($VAR, ~, *) and no shell runs',
    zh: '针对本地云运行一条 stateward 命令，输出其结果，停止本地云，并以该命令的退出码退出（例如 --exec "doctor --app acme --stage dev --all-stages"）。命令按 POSIX shell 的方式拆分成单词：\'单引号\'、"双引号"和反斜杠可以保留空格（--exec "explain \'my log.txt\'"）；不做任何展开（$VAR、~、*），也不运行 shell',
  },
  "sandbox.reset.description": {
    en: "put a running local cloud back to the scenario it was started with (the same app, stages, state versions and breakages, as on a fresh start), so a walkthrough can begin again; --empty only empties it",
    zh: "把正在运行的本地云恢复为启动时的场景（与全新启动时相同的应用、阶段、状态版本和问题），以便从头再走一遍；--empty 则只清空它",
  },
  "sandbox.reset.opt.endpoint": {
    en: "the local cloud's address (default: AWS_ENDPOINT_URL, as `stateward sandbox` prints it, else http://127.0.0.1:4599)",
    zh: "本地云的地址（默认：AWS_ENDPOINT_URL，即 `stateward sandbox` 输出的值，否则为 http://127.0.0.1:4599）",
  },
  "sandbox.reset.opt.empty": {
    en: "only empty the cloud: forget every resource and seed nothing",
    zh: "只清空本地云：删除所有资源，不预置任何内容",
  },
  "sandbox.reset.reseeded": {
    en: 'Local cloud at {endpoint} reset: scenario "{scenario}" seeded again, as at start.',
    zh: "本地云 {endpoint} 已重置：已重新预置场景“{scenario}”，与启动时相同。",
  },
  "sandbox.reset.emptied": {
    en: "Local cloud at {endpoint} emptied: no resources left.",
    zh: "本地云 {endpoint} 已清空：不再有任何资源。",
  },
  "sandbox.reset.bad-endpoint": {
    en: '"{endpoint}" is not an http:// or https:// address of a local cloud.',
    zh: "“{endpoint}”不是本地云的 http:// 或 https:// 地址。",
  },
  "sandbox.reset.bad-endpoint.hint": {
    en: "Pass --endpoint http://127.0.0.1:<port>, or export the AWS_ENDPOINT_URL that `stateward sandbox` prints.",
    zh: "请传入 --endpoint http://127.0.0.1:<端口>，或导出 `stateward sandbox` 输出的 AWS_ENDPOINT_URL。",
  },
  "sandbox.reset.unreachable": {
    en: "No local cloud answered at {endpoint}: {message}",
    zh: "{endpoint} 上没有本地云响应：{message}",
  },
  "sandbox.reset.unreachable.hint": {
    en: "Start one with `stateward sandbox` (it prints the AWS_ENDPOINT_URL to export), or pass --endpoint with its address; for an https:// cloud, export the AWS_CA_BUNDLE it prints too.",
    zh: "请先用 `stateward sandbox` 启动一个（它会输出要导出的 AWS_ENDPOINT_URL），或用 --endpoint 传入它的地址；对于 https:// 的本地云，还要导出它输出的 AWS_CA_BUNDLE。",
  },
  "sandbox.reset.failed": {
    en: "The local cloud at {endpoint} did not reset: {reason}",
    zh: "{endpoint} 上的本地云未能重置：{reason}",
  },
  "sandbox.reset.failed.hint": {
    en: "Check that the address is a local cloud started by `stateward sandbox`; its own output says what went wrong.",
    zh: "请确认该地址是由 `stateward sandbox` 启动的本地云；它自己的输出会说明出了什么问题。",
  },
  "sandbox.cli.exec-banner": {
    en: 'Local cloud on {endpoint}, seeded with "{scenario}" (no AWS account involved). Running: stateward {command}',
    zh: "本地云位于 {endpoint}，已预置“{scenario}”（不涉及任何 AWS 账户）。正在运行：stateward {command}",
  },
  "sandbox.cli.exec-quote": {
    en: "--exec {exec} leaves a quote open: close it, the way a shell would read the command.",
    zh: "--exec {exec} 中有未闭合的引号：请像在 shell 中那样把引号闭合。",
  },
  "sandbox.cli.exec-invalid": {
    en: '--exec needs a stateward command other than sandbox, not "{exec}".',
    zh: '--exec 需要 sandbox 以外的 stateward 命令，而不是 "{exec}"。',
  },

  // Starting the local cloud.
  "sandbox.unknown-scenario": { en: 'Unknown scenario "{scenario}".', zh: "未知场景“{scenario}”。" },
  "sandbox.unknown-scenario.hint": { en: "Choose one of: {scenarios}.", zh: "可选：{scenarios}。" },
  "sandbox.port-in-use": {
    en: "Port {port} is already in use, so the local cloud cannot start there.",
    zh: "端口 {port} 已被占用，本地云无法在该端口启动。",
  },
  "sandbox.cli.stopped": { en: "local cloud stopped", zh: "本地云已停止" },
  "sandbox.data.bad": {
    en: "--data {dir} cannot keep the local cloud: {reason}.",
    zh: "--data {dir} 无法用来保存本地云：{reason}。",
  },
  "sandbox.data.bad.hint": {
    en: "Pass --data a directory of its own (it is made if missing), or leave --data out to keep nothing.",
    zh: "请给 --data 传入一个专用目录（不存在时会自动创建），或去掉 --data 不保存任何内容。",
  },
  "sandbox.data.not-dir": { en: "it is a file, not a directory", zh: "它是文件，不是目录" },
  "sandbox.data.not-saved": {
    en: "its {file} is not what a local cloud saves ({why})",
    zh: "其中的 {file} 不是本地云保存的内容（{why}）",
  },
  "sandbox.data.no-services": { en: "it has no services", zh: "其中没有 services" },
  "sandbox.cannot-start": {
    en: "The local cloud could not start: {message}.",
    zh: "本地云无法启动：{message}。",
  },
  "sandbox.cannot-start.hint": {
    en: "Pick another port with --port <n> (0 picks a free one).",
    zh: "用 --port <n> 换一个端口（0 表示自动选一个空闲端口）。",
  },
  "sandbox.seed-failed": {
    en: 'Seeding the "{scenario}" scenario failed: {message}.',
    zh: "预置“{scenario}”场景失败：{message}。",
  },
  "sandbox.seed-failed.hint": {
    en: "This is a bug in stateward's local cloud; run again with --debug and report the output.",
    zh: "这是 stateward 本地云的缺陷；请加上 --debug 再运行一次，并报告输出。",
  },

  // What `stateward sandbox` prints.
  "sandbox.report.listening": {
    en: "Local cloud listening on {endpoint} (account {account}).",
    zh: "本地云正在监听 {endpoint}（账户 {account}）。",
  },
  "sandbox.report.seeded": {
    en: 'Seeded scenario "{scenario}": app {app}, stages {stages}, SST home in {region} (bucket {bucket}).',
    zh: "已预置场景“{scenario}”：应用 {app}，阶段 {stages}，SST 状态存储位于 {region}（存储桶 {bucket}）。",
  },
  "sandbox.report.not-seeded": {
    en: 'Nothing seeded (scenario "{scenario}").',
    zh: "未预置任何内容（场景“{scenario}”）。",
  },
  "sandbox.report.not-seeded.had-data": {
    en: 'Nothing seeded (scenario "{scenario}", data directory already had data).',
    zh: "未预置任何内容（场景“{scenario}”，数据目录中已有数据）。",
  },
  "sandbox.report.cases": {
    en: "What is broken, one case per cause in the SST guides:",
    zh: "出问题的地方，SST 指南中的每种原因一个案例：",
  },
  "sandbox.report.point-at": {
    en: "In another shell, point stateward (or the AWS CLI) at it:",
    zh: "在另一个 shell 中，让 stateward（或 AWS CLI）指向它：",
  },
  "sandbox.report.stop": { en: "Press Ctrl-C to stop.", zh: "按 Ctrl-C 停止。" },

  // The scenarios' cases, as `stateward sandbox` lists them (the scenarios' data keeps the English).
  "sandbox.case.acme.1": {
    en: "pending create for a log group that exists (killed deploy)",
    zh: "已存在的日志组的待创建操作（部署被中断）",
  },
  "sandbox.case.acme.2": {
    en: "DynamoDB table removed from state by removal: retain, still in the cloud",
    zh: "DynamoDB 表因 removal: retain 被从状态中移除，但仍在云中",
  },
  "sandbox.case.acme.3": {
    en: "stale lock from a killed CI deploy, its update never completed",
    zh: "被中断的 CI 部署留下的过期的锁，其更新从未完成",
  },
  "sandbox.case.acme.4": {
    en: "state restored to an older version, newer resources orphaned",
    zh: "状态被恢复到旧版本，较新的资源成了孤立资源",
  },
  "sandbox.case.acme.5": {
    en: "hard-coded CloudFront function name used by two stages",
    zh: "两个阶段使用了同一个硬编码的 CloudFront 函数名",
  },
  "sandbox.case.acme.6": {
    en: "IAM role deleted by hand, still in state",
    zh: "IAM 角色被手动删除，但仍在状态中",
  },
  "sandbox.case.acme.7": {
    en: "SES identity and Route53 record outside any state",
    zh: "SES 身份和 Route53 记录不在任何状态中",
  },
  "sandbox.case.acme.8": {
    en: "second SST home in another region (CI region mismatch)",
    zh: "另一个区域中的第二个 SST 状态存储（CI 区域不一致）",
  },
  "sandbox.case.acme.9": {
    en: "CloudFront distribution and function left by removed stage pr-42",
    zh: "已移除的阶段 pr-42 留下的 CloudFront 分发和函数",
  },
  "sandbox.case.typical-app.1": {
    en: "pending create of a CloudFront cache policy whose name exists",
    zh: "名称已存在的 CloudFront 缓存策略的待创建操作",
  },
  "sandbox.case.typical-app.2": {
    en: "pending create of a Lambda function URL the function already has",
    zh: "函数已有的 Lambda 函数 URL 的待创建操作",
  },
  "sandbox.case.typical-app.3": {
    en: "pending create of a Lambda permission whose statement id exists",
    zh: "语句 ID 已存在的 Lambda 权限的待创建操作",
  },
  "sandbox.case.typical-app.4": {
    en: "pending create of a secret whose name is scheduled for deletion",
    zh: "名称已计划删除的密钥的待创建操作",
  },
  "sandbox.case.typical-app.5": {
    en: "SNS subscription left on the stage's topic, in no state",
    zh: "留在该阶段主题上、不在任何状态中的 SNS 订阅",
  },
  "sandbox.case.typical-app.6": {
    en: "SQS queue of the stage in no state",
    zh: "不在任何状态中的该阶段 SQS 队列",
  },
  "sandbox.case.typical-app.7": {
    en: "event source mapping of a stage's function in no state",
    zh: "不在任何状态中的阶段函数的事件源映射",
  },
  "sandbox.case.typical-app.8": {
    en: "DynamoDB table kept by removal: retain, in no state",
    zh: "因 removal: retain 保留下来、不在任何状态中的 DynamoDB 表",
  },
  "sandbox.case.typical-app.9": {
    en: "log group deleted by hand, still in state",
    zh: "日志组被手动删除，但仍在状态中",
  },
  "sandbox.case.typical-app.10": {
    en: "API custom domain hard-coded to another stage's, pending create",
    zh: "API 自定义域名硬编码成另一个阶段的域名，待创建",
  },
  "sandbox.case.typical-app.11": {
    en: "distribution alias held by a distribution in no state (a killed deploy's)",
    zh: "分发别名被一个不在任何状态中的分发占用（被中断的部署留下的）",
  },
  "sandbox.case.typical-app.12": {
    en: "pending create of an SES configuration set whose name exists",
    zh: "名称已存在的 SES 配置集的待创建操作",
  },
  "sandbox.case.typical-app.13": {
    en: "pending create of an EventBridge rule whose name exists",
    zh: "名称已存在的 EventBridge 规则的待创建操作",
  },
  "sandbox.case.typical-app.14": {
    en: "Cognito domain prefix hard-coded to another stage's, pending create",
    zh: "Cognito 域名前缀硬编码成另一个阶段的前缀，待创建",
  },
  "sandbox.case.typical-app.15": {
    en: "CloudFront KeyValueStore of the stage in no state",
    zh: "不在任何状态中的该阶段 CloudFront KeyValueStore",
  },
  "sandbox.case.typical-app.16": {
    en: "ACM certificate of the stage in no state",
    zh: "不在任何状态中的该阶段 ACM 证书",
  },
  "sandbox.case.typical-app.17": {
    en: "cache-policy quota used up by removed preview stages' leftover policies",
    zh: "缓存策略配额被已移除的预览阶段残留的策略用完",
  },
  "sandbox.case.typical-app.18": {
    en: "pending create of SST's origin access control whose OAC exists",
    zh: "OAC 已存在的 SST 源访问控制的待创建操作",
  },
  "sandbox.case.typical-app.19": {
    en: "pending create of an ECR repository whose name exists",
    zh: "名称已存在的 ECR 仓库的待创建操作",
  },
  "sandbox.case.typical-app.20": {
    en: "pending create of a KMS alias whose name exists",
    zh: "名称已存在的 KMS 别名的待创建操作",
  },
});
