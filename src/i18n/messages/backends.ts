/* eslint-disable max-lines -- one area's catalog: data, no logic */
/** Backends: homes, stores, safe writes, locks, stages, history reads. */
import { defineMessages } from "../types.js";

export const backends = defineMessages({
  "backends.writer.stateward": {
    en: "stateward {action} by {who} at {time}",
    zh: "stateward {action}（由 {who} 于 {time} 执行）",
  },
  "backends.writer.sst": {
    en: "SST {command} {id}{started}{run}",
    zh: "SST 的 {command} 更新 {id}{started}{run}",
  },
  "backends.writer.started": { en: " started {time}{fromId}", zh: "，开始于 {time}{fromId}" },
  "backends.writer.run": { en: " (run {run})", zh: "（运行 {run}）" },
  "backends.label.sst-home": {
    en: "SST home {url} ({region}), app {app}, stage {stage}",
    zh: "SST 状态存储 {url}（{region}），应用 {app}，阶段 {stage}",
  },
  "backends.label.diy": {
    en: "Pulumi DIY backend {url}, stack {stack}",
    zh: "Pulumi DIY 后端 {url}，栈 {stack}",
  },
  "backends.label.diy-project": {
    en: "Pulumi DIY backend {url}, project {project}, stack {stack}",
    zh: "Pulumi DIY 后端 {url}，项目 {project}，栈 {stack}",
  },
  "backends.gzip.tooLarge": {
    en: "{name} is gzip-compressed and decompresses to more than the {limit} stateward reads as a state file, so it is not a state file or it was damaged.",
    zh: "{name} 是 gzip 压缩文件，解压后超过了 stateward 作为状态文件读取的上限 {limit}，因此它不是状态文件，或者已损坏。",
  },
  "backends.gzip.truncated": {
    en: "{name} is gzip-compressed but truncated: the compressed stream ends before its end marker, so the file was cut off while it was written or copied.",
    zh: "{name} 是 gzip 压缩文件，但不完整：压缩流在结束标记之前就结束了，说明文件在写入或复制时被截断。",
  },
  "backends.gzip.damaged": {
    en: "{name} starts like a gzip file but could not be decompressed ({reason}): the file is damaged.",
    zh: "{name} 开头像是 gzip 文件，但无法解压（{reason}）：文件已损坏。",
  },
  "backends.interrupted.noLockLeft": { en: "no lock was left", zh: "没有留下锁" },
  "backends.interrupted.lockReleased": {
    en: "the lock it had taken was released",
    zh: "它获取的锁已释放",
  },
  "backends.interrupted.lockStuck": {
    en: "its lock could not be released ({problem}); `stateward lock release` removes it",
    zh: "它的锁无法释放（{problem}）；可用 `stateward lock release` 移除",
  },
  "backends.interrupted.copyKept": {
    en: " (a copy of it was kept at {backup})",
    zh: "（其副本已保存在 {backup}）",
  },
  "backends.interrupted.copyMaybeKept": {
    en: " (a copy of it may have been kept at {backup})",
    zh: "（其副本可能已保存在 {backup}）",
  },
  "backends.interrupted.before": {
    en: "The {action} of {stage} was interrupted before the state was written: {location} is unchanged{copy}; {lock}.",
    zh: "{stage} 的 {action} 在写入状态之前被中断：{location} 没有变化{copy}；{lock}。",
  },
  "backends.interrupted.beforeHint": {
    en: "Nothing needs undoing; run the command again to make the change.",
    zh: "无需撤销任何操作；再次运行该命令即可完成更改。",
  },
  "backends.interrupted.version": { en: " (version {version})", zh: "（版本 {version}）" },
  "backends.interrupted.replacedKept": {
    en: ", the state it replaced is kept at {backup}",
    zh: "，被替换的状态保存在 {backup}",
  },
  "backends.interrupted.afterReleased": { en: "the lock was released", zh: "锁已释放" },
  "backends.interrupted.after": {
    en: "The {action} of {stage} was interrupted after its state write had started, so the write was finished: {location} holds the new state{version}{backup}, the audit record is {audit}, and {unlock}.",
    zh: "{stage} 的 {action} 在状态写入开始后被中断，因此写入已完成：{location} 中是新状态{version}{backup}，审计记录为 {audit}，并且{unlock}。",
  },
  "backends.interrupted.afterHint": {
    en: "Nothing needs redoing: the change is complete and recorded (`stateward audit` shows it).",
    zh: "无需重做：更改已完成并已记录（可用 `stateward audit` 查看）。",
  },
  "backends.readBack.failed": {
    en: "{location} was written and recorded (audit {audit}), but {problem}.",
    zh: "{location} 已写入并已记录（审计 {audit}），但{problem}。",
  },
  "backends.readBack.hint": {
    en: "Check `stateward history list`.",
    zh: "请查看 `stateward history list`。",
  },
  "backends.readBack.hintBackup": {
    en: "The state stateward replaced is kept at {backup}.",
    zh: "stateward 替换掉的状态保存在 {backup}。",
  },
  "backends.conflict.created": {
    en: "{location} was created by someone else after stateward found none",
    zh: "在 stateward 发现它不存在之后，{location} 被其他人创建了",
  },
  "backends.conflict.createdAt": {
    en: "{location} was created by someone else at {when} after stateward found none",
    zh: "在 stateward 发现它不存在之后，{location} 于 {when} 被其他人创建了",
  },
  "backends.conflict.changed": {
    en: "{location} was changed after stateward read it",
    zh: "{location} 在 stateward 读取之后被修改了",
  },
  "backends.conflict.changedAt": {
    en: "{location} was changed at {when} after stateward read it",
    zh: "{location} 在 stateward 读取之后于 {when} 被修改了",
  },
  "backends.conflict": { en: "{what}; nothing was written.", zh: "{what}；未写入任何内容。" },
  "backends.conflict.by": {
    en: "{what} (latest writer: {by}); nothing was written.",
    zh: "{what}（最近的写入者：{by}）；未写入任何内容。",
  },
  "backends.conflict.hint": {
    en: "Look at the new state (`stateward history list`), then run the command again if it is still needed.",
    zh: "请先查看新状态（`stateward history list`），如仍有需要再重新运行该命令。",
  },
  "backends.locked.tookFirst": { en: "someone else took it first", zh: "其他人先获取了锁" },
  "backends.locked.heldBy": { en: "held by {holder}", zh: "持有者 {holder}" },
  "backends.locked.for": { en: "for {command}", zh: "用于 {command}" },
  "backends.locked.since": { en: "since {time}", zh: "自 {time} 起" },
  "backends.locked.update": { en: "update {update}", zh: "更新 {update}" },
  "backends.locked.present": { en: "lock present", zh: "存在锁" },
  "backends.locked": {
    en: "The state of {stage} is locked ({who}); nothing was written.",
    zh: "{stage} 的状态已被锁定（{who}）；未写入任何内容。",
  },
  "backends.locked.hint": {
    en: "Wait for the running deploy to finish; `stateward lock status` shows the lock, and `stateward lock release` breaks a stale one.",
    zh: "请等待正在进行的部署完成；`stateward lock status` 可查看锁，`stateward lock release` 可解除过期的锁。",
  },
  "backends.write.newState": { en: "the new state", zh: "新状态" },
  "backends.write.step.unlock": { en: "releasing the lock", zh: "正在释放锁" },
  "backends.write.step.lock": { en: "taking the lock of {stage}", zh: "正在获取 {stage} 的锁" },
  "backends.write.step.backup": {
    en: "keeping the current bytes at {location}",
    zh: "正在把当前内容备份到 {location}",
  },
  "backends.write.step.write": { en: "writing {location}", zh: "正在写入 {location}" },
  "backends.write.step.readBack": { en: "reading the state back", zh: "正在读回状态" },
  "backends.write.step.audit": { en: "recording the change", zh: "正在记录此次更改" },
  "backends.write.lockReplaced": {
    en: "the lock {lock} was replaced by someone else meanwhile; it was left alone",
    zh: "锁 {lock} 在此期间已被其他人替换；未对其做任何处理",
  },
  "backends.write.lockNotRemoved": {
    en: "the lock {lock} could not be removed ({reason}); remove it with `stateward lock release`",
    zh: "锁 {lock} 无法移除（{reason}）；请用 `stateward lock release` 移除",
  },
  "backends.write.uncertain": {
    en: "Writing {location} failed ({reason}), and reading it back failed too ({readReason}): stateward cannot tell whether the new state landed. The lock {lock} is left in place: the next stateward write on this stage (or `stateward lock release`) checks the state, records the write if it landed, and removes the lock.",
    zh: "写入 {location} 失败（{reason}），读回也失败了（{readReason}）：stateward 无法判断新状态是否已写入。锁 {lock} 被保留：下一次 stateward 对此阶段的写入（或 `stateward lock release`）会检查状态，如已写入则补记这次写入，并移除锁。",
  },
  "backends.write.uncertainHint": {
    en: "Check the connection, then run the command again.",
    zh: "请检查网络连接，然后重新运行该命令。",
  },
  "backends.write.notChanged": {
    en: "{message} The state was not changed; {warning}.",
    zh: "{message} 状态没有改变；{warning}。",
  },
  "backends.write.readBackDiffers": {
    en: "it does not read back as written: another writer changed it right after stateward",
    zh: "读回的内容与写入的不一致：在 stateward 写入之后，另一个写入者立即修改了它",
  },
  "backends.write.readBackFailed": {
    en: "reading it back failed ({reason}), so it was not verified",
    zh: "读回失败（{reason}），因此未经校验",
  },
  "backends.write.replacedKept": {
    en: " (the state it replaced is kept at {backup})",
    zh: "（被替换的状态保存在 {backup}）",
  },
  "backends.write.auditFailed": {
    en: "{location} was written{backup}, but its audit record could not be written ({reason}). The lock {lock} is left in place, naming the write: the next stateward write on this stage (or `stateward lock release`) writes the record and removes the lock.",
    zh: "{location} 已写入{backup}，但其审计记录无法写入（{reason}）。锁 {lock} 被保留，其中记有这次写入：下一次 stateward 对此阶段的写入（或 `stateward lock release`）会补写记录并移除锁。",
  },
  "backends.write.auditFailedHint": {
    en: "Check the connection, then run `stateward lock release`.",
    zh: "请检查网络连接，然后运行 `stateward lock release`。",
  },
  "backends.file.notFound": { en: "{file} does not exist.", zh: "{file} 不存在。" },
  "backends.file.notFoundHint": {
    en: "Check the path; `sst state export --stage <stage> > state.json` writes a stage's state to a file.",
    zh: "请检查路径；`sst state export --stage <stage> > state.json` 可把某个阶段的状态写入文件。",
  },
  "backends.file.notFoundHint.log": {
    en: "Check the path; `sst deploy --stage <stage> 2>&1 | tee deploy.log` saves a deploy's output to a file.",
    zh: "请检查路径；`sst deploy --stage <stage> 2>&1 | tee deploy.log` 可把部署的输出保存到文件。",
  },
  "backends.file.notFoundHint.deployPlan": {
    en: "Write the plan first: `pulumi preview --json > plan.json`, then pass --plan plan.json.",
    zh: "先生成计划：`pulumi preview --json > plan.json`，再传入 --plan plan.json。",
  },
  "backends.file.notFoundHint.repairPlan": {
    en: "Make a plan with `stateward plan --out plan.json`.",
    zh: "用 `stateward plan --out plan.json` 生成计划。",
  },
  "backends.file.isDirectory.log": {
    en: "{file} is a directory, not a log file.",
    zh: "{file} 是目录，不是日志文件。",
  },
  "backends.file.isDirectoryHint.log": {
    en: "Name the file that holds the deploy's output (`sst deploy --stage <stage> 2>&1 | tee deploy.log`), or pipe the output in and pass -.",
    zh: "请指定保存部署输出的文件（`sst deploy --stage <stage> 2>&1 | tee deploy.log`），或通过管道传入输出并使用 -。",
  },
  "backends.file.isDirectory.deployPlan": {
    en: "{file} is a directory, not a deploy plan.",
    zh: "{file} 是目录，不是部署计划。",
  },
  "backends.file.isDirectoryHint.deployPlan": {
    en: "Name the plan file itself: the output of `pulumi preview --json`, or the event log .sst/pulumi/<id>/eventlog.json.",
    zh: "请指定计划文件本身：`pulumi preview --json` 的输出，或事件日志 .sst/pulumi/<id>/eventlog.json。",
  },
  "backends.file.isDirectory.repairPlan": {
    en: "{file} is a directory, not a repair plan.",
    zh: "{file} 是目录，不是修复计划。",
  },
  "backends.file.isDirectoryHint.repairPlan": {
    en: "Name the file `stateward plan --out <file>` wrote.",
    zh: "请指定 `stateward plan --out <file>` 写出的文件。",
  },
  "backends.file.isDirectory": {
    en: "{file} is a directory, not a state file.",
    zh: "{file} 是目录，不是状态文件。",
  },
  "backends.file.isDirectoryHint": {
    en: "Name the checkpoint file itself, e.g. .pulumi/stacks/<project>/<stack>.json.",
    zh: "请指定检查点文件本身，例如 .pulumi/stacks/<project>/<stack>.json。",
  },
  "backends.file.denied": {
    en: "{file} cannot be accessed: permission denied.",
    zh: "无法访问 {file}：权限不足。",
  },
  "backends.file.notRead": { en: "{file} could not be read: {reason}.", zh: "无法读取 {file}：{reason}。" },
  "backends.file.notWritten": {
    en: "{file} could not be written: {reason}.",
    zh: "无法写入 {file}：{reason}。",
  },
  "backends.file.stdin": { en: "standard input", zh: "标准输入" },
  "backends.file.integrity.one": {
    en: "Refusing to write {target}: the result fails {count} integrity check (first: {first}).",
    zh: "拒绝写入 {target}：结果未通过 {count} 项完整性检查（第一项：{first}）。",
  },
  "backends.file.integrity.other": {
    en: "Refusing to write {target}: the result fails {count} integrity checks (first: {first}).",
    zh: "拒绝写入 {target}：结果未通过 {count} 项完整性检查（第一项：{first}）。",
  },
  "backends.file.integrityHint": {
    en: "This is a bug in the edit that produced it; nothing was written.",
    zh: "这是产生该结果的编辑操作的缺陷；未写入任何内容。",
  },
  "backends.file.noDirectory": {
    en: "Cannot write {target}: the directory {dir} does not exist.",
    zh: "无法写入 {target}：目录 {dir} 不存在。",
  },
  "backends.file.noDirectoryHint": {
    en: "Create the directory first, or choose another path.",
    zh: "请先创建该目录，或选择其他路径。",
  },
  "backends.file.readBack": {
    en: "{target} does not read back as written; the disk or another writer interfered.",
    zh: "{target} 读回的内容与写入的不一致；磁盘或其他写入者造成了干扰。",
  },
  "backends.file.readBackHint": {
    en: "The previous contents are in {backup}.",
    zh: "之前的内容保存在 {backup}。",
  },
  "backends.file.locked": {
    en: "{name} is being written by another stateward process (the lock file {lock} exists).",
    zh: "另一个 stateward 进程正在写入 {name}（锁文件 {lock} 存在）。",
  },
  "backends.file.lockedHint": {
    en: "Wait for it to finish. If no stateward is running, the lock is stale: delete that file.",
    zh: "请等待它完成。如果没有 stateward 在运行，说明这是过期的锁：删除该文件即可。",
  },
  "backends.file.changed": {
    en: "{target} changed since stateward read it (someone else wrote it), so nothing was written.",
    zh: "{target} 在 stateward 读取之后发生了变化（有其他人写入），因此未写入任何内容。",
  },
  "backends.file.changedHint": {
    en: "Run the command again on the new contents.",
    zh: "请基于新内容重新运行该命令。",
  },
  "backends.file.exists": {
    en: "{target} already exists; stateward will not overwrite it.",
    zh: "{target} 已存在；stateward 不会覆盖它。",
  },
  "backends.file.existsHint": {
    en: "Choose another --out path, or delete the file first.",
    zh: "请为 --out 选择其他路径，或先删除该文件。",
  },
  "backends.dir.outside": { en: "The key {key} points outside {root}.", zh: "键 {key} 指向了 {root} 之外。" },
  "backends.dir.busy": {
    en: "{file} is being written by another process ({mutex} exists).",
    zh: "另一个进程正在写入 {file}（{mutex} 存在）。",
  },
  "backends.dir.busyHint": {
    en: "Wait for it to finish. If no stateward is running, the file is stale: delete it.",
    zh: "请等待它完成。如果没有 stateward 在运行，说明该文件已过期：删除它即可。",
  },
  "backends.writable.readOnly": {
    en: "{name} cannot be written by this stateward: {reasons}",
    zh: "当前版本的 stateward 不能写入 {name}：{reasons}",
  },
  "backends.writable.readOnlyHint": { en: "Upgrade stateward.", zh: "请升级 stateward。" },
  "backends.writable.integrity.one": {
    en: "Refusing to write {name}: it fails {count} integrity check (first: {first}).",
    zh: "拒绝写入 {name}：它未通过 {count} 项完整性检查（第一项：{first}）。",
  },
  "backends.writable.integrity.other": {
    en: "Refusing to write {name}: it fails {count} integrity checks (first: {first}).",
    zh: "拒绝写入 {name}：它未通过 {count} 项完整性检查（第一项：{first}）。",
  },
  "backends.writable.integrityHint": {
    en: "Repair it first (`stateward state repair`); nothing was written.",
    zh: "请先修复（`stateward state repair`）；未写入任何内容。",
  },
  "backends.resolve.badName": {
    en: '{flag} "{value}" is not a valid name.',
    zh: "{flag} 的值“{value}”不是有效的名称。",
  },
  "backends.resolve.badNameHint": {
    en: "Use letters, digits, dots, dashes and underscores.",
    zh: "请只使用字母、数字、点、连字符和下划线。",
  },
  "backends.resolve.noProject": {
    en: "No SST project here (no sst.config.ts in {cwd} or above), so the app is unknown.",
    zh: "这里没有 SST 项目（{cwd} 及其上级目录中都没有 sst.config.ts），因此无法确定应用。",
  },
  "backends.resolve.noProjectHint": {
    en: "Pass --app <app> --stage <stage>, run inside the project, or use --backend file://… / s3://… for a Pulumi DIY backend.",
    zh: "请传入 --app <app> --stage <stage>，或在项目目录中运行，或用 --backend file://… / s3://… 指定 Pulumi DIY 后端。",
  },
  "backends.resolve.whichStage": {
    en: "Which stage? Pass --stage <stage>.",
    zh: "哪个阶段？请传入 --stage <stage>。",
  },
  "backends.resolve.stagesOf": { en: "Stages of {app}: {stages}.", zh: "{app} 的阶段：{stages}。" },
  "backends.resolve.outsideProject": {
    en: "Outside an SST project also pass --app <app> (or run inside the project, next to sst.config.ts).",
    zh: "在 SST 项目之外还需传入 --app <app>（或在项目中 sst.config.ts 所在目录运行）。",
  },
  "backends.resolve.stageSources": {
    en: "SST_STAGE or the .sst/stage file would also name it, as they do for `sst`.",
    zh: "也可以像 `sst` 那样，通过 SST_STAGE 或 .sst/stage 文件指定阶段。",
  },
  "backends.resolve.unsupportedHome": {
    en: '{config} keeps its state in the "{home}" home; stateward reads the SST home in AWS only.',
    zh: "{config} 把状态保存在“{home}”状态存储中；stateward 只读取 AWS 中的 SST 状态存储。",
  },
  "backends.resolve.unsupportedHomeHint": {
    en: "Use {setting}, or point --backend at a Pulumi DIY backend.",
    zh: "请使用 {setting}，或用 --backend 指向 Pulumi DIY 后端。",
  },
  "backends.resolve.whichProject": {
    en: "Which Pulumi project in {url}? Pass --app <project>.",
    zh: "{url} 中的哪个 Pulumi 项目？请传入 --app <project>。",
  },
  "backends.resolve.whichProjectHint": {
    en: "Inside a Pulumi project the name in Pulumi.yaml is used.",
    zh: "在 Pulumi 项目中会使用 Pulumi.yaml 里的名称。",
  },
  "backends.resolve.whichStack": {
    en: "Which stack of {project}? Pass --stage <stack>.",
    zh: "{project} 的哪个栈？请传入 --stage <stack>。",
  },
  "backends.resolve.noStacks": {
    en: "{url} holds no stacks of {project}.",
    zh: "{url} 中没有 {project} 的栈。",
  },
  "backends.resolve.stacksThere": { en: "Stacks there: {stacks}.", zh: "其中的栈：{stacks}。" },
  "backends.resolve.unknownBackend": {
    en: '--backend "{url}" is not a backend stateward knows.',
    zh: "--backend“{url}”不是 stateward 支持的后端。",
  },
  "backends.resolve.unknownBackendHint": {
    en: "Use sst (the SST home), file://<dir> or s3://<bucket>[/<prefix>] (a Pulumi DIY backend).",
    zh: "请使用 sst（SST 状态存储）、file://<dir> 或 s3://<bucket>[/<prefix>]（Pulumi DIY 后端）。",
  },
  "backends.resolve.backendIsFile": {
    en: "--backend {url} is a file; a Pulumi DIY backend is the directory that holds .pulumi/.",
    zh: "--backend {url} 是文件；Pulumi DIY 后端是包含 .pulumi/ 的目录。",
  },
  "backends.resolve.backendIsFileHint": {
    en: "To read one state file, pass it as the argument: {command}.",
    zh: "要读取单个状态文件，请把它作为参数传入：{command}。",
  },
  "backends.resolve.noBackend": {
    en: "The Pulumi DIY backend {url} does not exist ({dir} is not a directory).",
    zh: "Pulumi DIY 后端 {url} 不存在（{dir} 不是目录）。",
  },
  "backends.resolve.noBackendHint": {
    en: "Check the path; it is the directory that holds .pulumi/.",
    zh: "请检查路径；它应是包含 .pulumi/ 的目录。",
  },
  "backends.resolve.noBucket": { en: "{url} names no bucket.", zh: "{url} 没有指定存储桶。" },
  "backends.resolve.noBucketHint": {
    en: "Use s3://<bucket>[/<prefix>].",
    zh: "请使用 s3://<bucket>[/<prefix>]。",
  },
  "backends.stages.regionAccount": { en: "{region}, account {account}", zh: "{region}，账户 {account}" },
  "backends.stages.account": { en: "account {account}", zh: "账户 {account}" },
  "backends.stages.sstHome": { en: "the SST home {url}", zh: "SST 状态存储 {url}" },
  "backends.stages.diyBackend": { en: "the Pulumi DIY backend {url}", zh: "Pulumi DIY 后端 {url}" },
  "backends.stages.homeIn": { en: "{home} ({place})", zh: "{home}（位于 {place}）" },
  "backends.stages.noneWithState": { en: "none with state", zh: "没有带状态的" },
  "backends.stages.noStagesListed.sst": {
    en: " It holds no stage of app {app}.",
    zh: "其中没有应用 {app} 的任何阶段。",
  },
  "backends.stages.noStagesListed.diy": {
    en: " It holds no stack of project {app}.",
    zh: "其中没有项目 {app} 的任何栈。",
  },
  "backends.stages.appsThere": { en: " The apps there: {apps}.", zh: "那里的应用：{apps}。" },
  "backends.stages.passApp": {
    en: "Pass --app {closest} (the `name` in sst.config.ts).",
    zh: "请传入 --app {closest}（sst.config.ts 中的 `name`）。",
  },
  "backends.stages.listed.sst": { en: " The stages there: {stages}.", zh: "那里的阶段：{stages}。" },
  "backends.stages.listed.diy": { en: " The stacks there: {stages}.", zh: "那里的栈：{stages}。" },
  "backends.stages.listedRemoved.sst": {
    en: " The stages there: {stages}; removed (only their records are left): {removed}.",
    zh: "那里的阶段：{stages}；已移除（只剩下记录）：{removed}。",
  },
  "backends.stages.listedRemoved.diy": {
    en: " The stacks there: {stages}; removed (only their records are left): {removed}.",
    zh: "那里的栈：{stages}；已移除（只剩下记录）：{removed}。",
  },
  "backends.stages.notFound.sst": {
    en: 'Stage "{stage}" of app {app} does not exist in {place}: no state, update records or history name it.{listed}',
    zh: "应用 {app} 的阶段“{stage}”在 {place} 中不存在：没有任何状态、更新记录或历史提到它。{listed}",
  },
  "backends.stages.notFound.diy": {
    en: 'Stack "{stage}" of project {app} does not exist in {place}: no state, update records or history name it.{listed}',
    zh: "项目 {app} 的栈“{stage}”在 {place} 中不存在：没有任何状态、更新记录或历史提到它。{listed}",
  },
  "backends.stages.didYouMean": {
    en: "{message} Did you mean {closest}?",
    zh: "{message}你是想用 {closest} 吗？",
  },
  "backends.stages.passClosest.sst": {
    en: "Pass --stage {closest}. stateward never creates a stage; deploying it does.",
    zh: "请传入 --stage {closest}。stateward 从不创建阶段；阶段由部署创建。",
  },
  "backends.stages.passClosest.diy": {
    en: "Pass --stage {closest}. stateward never creates a stack; deploying it does.",
    zh: "请传入 --stage {closest}。stateward 从不创建栈；栈由部署创建。",
  },
  "backends.stages.passOne.sst": {
    en: "Pass one of them with --stage. stateward never creates a stage; deploying it does.",
    zh: "请用 --stage 传入其中之一。stateward 从不创建阶段；阶段由部署创建。",
  },
  "backends.stages.passOne.diy": {
    en: "Pass one of them with --stage. stateward never creates a stack; deploying it does.",
    zh: "请用 --stage 传入其中之一。stateward 从不创建栈；栈由部署创建。",
  },
  "backends.stages.checkSst": {
    en: "Check --app (the `name` in sst.config.ts) and --region (the region the app was deployed with).",
    zh: "请检查 --app（sst.config.ts 中的 `name`）和 --region（部署该应用时使用的区域）。",
  },
  "backends.stages.checkDiy": {
    en: "Check --backend and --app (the `name` in Pulumi.yaml).",
    zh: "请检查 --backend 和 --app（Pulumi.yaml 中的 `name`）。",
  },
  "backends.stages.none.sst": {
    en: "App {app} has no stages in {place}.",
    zh: "应用 {app} 在 {place} 中没有任何阶段。",
  },
  "backends.stages.none.diy": {
    en: "Project {app} has no stacks in {place}.",
    zh: "项目 {app} 在 {place} 中没有任何栈。",
  },
  "backends.abandoned.processGone": {
    en: "its process (pid {pid} on {host}) is no longer running",
    zh: "它的进程（{host} 上的 pid {pid}）已不在运行",
  },
  "backends.abandoned.otherHost": {
    en: "it was taken on another host ({host}) {ago}, and a stateward write takes seconds",
    zh: "它是{ago}在另一台主机（{host}）上获取的，而 stateward 的一次写入只需几秒",
  },
  "backends.abandoned.found": {
    en: "found the lock of an interrupted {command} by {who} ({lock}): {why}.",
    zh: "发现 {who} 运行的 {command} 中断后留下的锁（{lock}）：{why}。",
  },
  "backends.abandoned.foundTaken": {
    en: "found the lock of an interrupted {command} by {who} ({lock}, taken {created}): {why}.",
    zh: "发现 {who} 运行的 {command} 中断后留下的锁（{lock}，获取于 {created}）：{why}。",
  },
  "backends.abandoned.auditMissing": { en: "its audit record is missing", zh: "它的审计记录缺失" },
  "backends.abandoned.auditWritten": {
    en: "its audit record was missing and is now written ({audit})",
    zh: "它的审计记录原本缺失，现已补写（{audit}）",
  },
  "backends.abandoned.auditThere": {
    en: "its audit record is there ({audit})",
    zh: "它的审计记录已存在（{audit}）",
  },
  "backends.abandoned.theState": { en: "the state", zh: "状态" },
  "backends.abandoned.landed": {
    en: " Its state write had landed: {state} holds what it was writing{backup}; {audit}.",
    zh: "它的状态写入已完成：{state} 中就是它要写入的内容{backup}；{audit}。",
  },
  "backends.abandoned.notLanded": {
    en: " Its state write had not landed: the state is still what it had read.",
    zh: "它的状态写入未完成：状态仍是它读取时的内容。",
  },
  "backends.abandoned.changed": {
    en: " The state is neither what it had read nor what it was writing: it was changed since by someone else, so no record is written for it.",
    zh: "状态既不是它读取时的内容，也不是它要写入的内容：之后已被其他人修改，因此不为它写入记录。",
  },
  "backends.abandoned.unknown": {
    en: " The lock does not say what it was writing (an older stateward), so it could not be checked.",
    zh: "锁中没有记录它要写入的内容（来自较旧版本的 stateward），因此无法检查。",
  },
  "backends.abandoned.takenOver": { en: " Its lock was taken over.", zh: "它的锁已被接管。" },
  "backends.diy.zstd": {
    en: "{location} is zstd-compressed, which this stateward cannot read (Node 20 has no zstd).",
    zh: "{location} 使用 zstd 压缩，当前 stateward 无法读取（Node 20 不支持 zstd）。",
  },
  "backends.diy.zstdHint": {
    en: "Set PULUMI_DIY_BACKEND_GZIP=true (or turn compression off) and run `pulumi up` once, or export the stack to a file.",
    zh: "请设置 PULUMI_DIY_BACKEND_GZIP=true（或关闭压缩）并运行一次 `pulumi up`，或把栈导出到文件。",
  },
  "backends.version.gone": { en: "{location} no longer exists.", zh: "{location} 已不存在。" },
  "backends.version.goneHint": {
    en: "Run `stateward history list` again.",
    zh: "请重新运行 `stateward history list`。",
  },
  "backends.records.updateFailed": { en: "the update failed", zh: "更新失败" },
  "backends.records.holder": {
    en: "{who} (stateward, pid {pid} on {host})",
    zh: "{who}（stateward，{host} 上的 pid {pid}）",
  },
  "backends.replay.backupGone": {
    en: "{location} (the state the interrupted {action} replaced) is gone or changed.",
    zh: "{location}（被中断的 {action} 所替换的状态）已不存在或已改变。",
  },
  "backends.replay.backupGoneHint": {
    en: "Run `stateward history list`.",
    zh: "请运行 `stateward history list`。",
  },
  "backends.replay.changed": {
    en: "{location} changed after stateward read it: the interrupted {command} had written it; nothing was written.",
    zh: "{location} 在 stateward 读取之后发生了变化：被中断的 {command} 已写入过它；未写入任何内容。",
  },
  "backends.replay.changedHint": {
    en: "Look at the state now (`stateward state show`), then run the command again if it is still needed.",
    zh: "请先查看当前状态（`stateward state show`），如仍有需要再重新运行该命令。",
  },
  "backends.replay.already": {
    en: "this change is already in the state (written by the interrupted {action}, audit {audit}); nothing more to write",
    zh: "此更改已在状态中（由被中断的 {action} 写入，审计 {audit}）；无需再写入",
  },
  "backends.s3.reading": { en: "Reading {location}", zh: "读取 {location}" },
  "backends.s3.readingVersion": {
    en: "Reading {location} (version {version})",
    zh: "读取 {location}（版本 {version}）",
  },
  "backends.s3.writing": { en: "Writing {location}", zh: "写入 {location}" },
  "backends.s3.deleting": { en: "Deleting {location}", zh: "删除 {location}" },
  "backends.s3.listing": { en: "Listing {location}", zh: "列出 {location}" },
  "backends.s3.listVersions": { en: "Listing the versions of {location}", zh: "列出 {location} 的版本" },
  "backends.bootstrap.reading": {
    en: "Reading {parameter} in {region}",
    zh: "读取 {region} 中的 {parameter}",
  },
  "backends.bootstrap.noHome": {
    en: "There is no SST home in {region}: the SSM parameter {parameter} does not exist there.",
    zh: "{region} 中没有 SST 状态存储：那里不存在 SSM 参数 {parameter}。",
  },
  "backends.bootstrap.noHomeAccount": {
    en: "There is no SST home in {region} of account {account}: the SSM parameter {parameter} does not exist there.",
    zh: "账户 {account} 的 {region} 中没有 SST 状态存储：那里不存在 SSM 参数 {parameter}。",
  },
  "backends.bootstrap.noHomeHint": {
    en: "Check the region (--region, or providers.aws.region in sst.config.ts) and the account (--profile / AWS_PROFILE). stateward never creates an SST home; the first `sst deploy` does.",
    zh: "请检查区域（--region，或 sst.config.ts 中的 providers.aws.region）和账户（--profile / AWS_PROFILE）。stateward 从不创建 SST 状态存储；它由第一次 `sst deploy` 创建。",
  },
  "backends.bootstrap.bad": {
    en: 'The SSM parameter {parameter} in {region} does not name a state bucket (expected JSON with a "state" field).',
    zh: '{region} 中的 SSM 参数 {parameter} 没有指明状态存储桶（应为带 "state" 字段的 JSON）。',
  },
  "backends.bootstrap.badHint": {
    en: "It is written by SST's bootstrap; `sst deploy` repairs it.",
    zh: "它由 SST 的初始化过程写入；运行 `sst deploy` 即可修复。",
  },
  "backends.sst.timeInId": { en: " (the time in its id)", zh: "（取自其 id 中的时间）" },
  "backends.sst.gone": {
    en: "{what} no longer exists (pruned or deleted since it was listed).",
    zh: "{what} 已不存在（在列出之后被清理或删除）。",
  },
  "backends.store.exists": {
    en: "{location} already exists (it was created by someone else first).",
    zh: "{location} 已存在（已被其他人抢先创建）。",
  },
  "backends.store.changed": {
    en: "{location} changed since it was read (someone else wrote it).",
    zh: "{location} 在读取之后发生了变化（有其他人写入）。",
  },
});
