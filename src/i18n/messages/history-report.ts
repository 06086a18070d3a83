/** history: the renderings of list, show, restore, lock status/release and the audit list. */
import { defineMessages } from "../types.js";

export const historyReport = defineMessages({
  // history list / show (report/history.ts)
  "history.source.sst-snapshot": { en: "snapshot", zh: "SST 快照" },
  "history.source.diy-history": { en: "history", zh: "历史" },
  "history.source.diy-backup": { en: "backup", zh: "备份" },
  "history.source.stateward-backup": { en: "stateward backup", zh: "stateward 备份" },
  "history.source.stateward-snapshot": { en: "stateward snapshot", zh: "stateward 快照" },
  "history.source.current": { en: "current", zh: "当前" },
  "history.outcome.force-unlocked": { en: "force-unlocked", zh: "已强制解锁" },
  "history.outcome.ok": { en: "ok", zh: "成功" },
  "history.outcome.failed": { en: "failed", zh: "失败" },
  "history.outcome.unfinished": { en: "unfinished", zh: "未完成" },
  "history.update": { en: "update", zh: "更新" },
  "history.none": { en: "none", zh: "无" },
  "history.unknown": { en: "unknown", zh: "未知" },
  "history.stored": { en: "stored", zh: "已存储" },
  "history.unreadable": { en: "unreadable", zh: "无法读取" },
  "history.skipped": { en: "skipped", zh: "已跳过" },
  "history.list.more": { en: " (+{count} more)", zh: "（另有 {count} 个）" },
  "history.list.title": { en: "History", zh: "历史" },
  "history.list.none": { en: "  No versions found.", zh: "  没有找到任何版本。" },
  "history.list.updates": { en: "Updates", zh: "更新记录" },
  "history.list.snapshots": { en: "Snapshots", zh: "快照" },
  "history.list.snapshot-unreadable": { en: "(snapshot unreadable)", zh: "（快照无法读取）" },
  "history.col.time": { en: "time", zh: "时间" },
  "history.col.update": { en: "update", zh: "更新" },
  "history.col.command": { en: "command", zh: "命令" },
  "history.col.outcome": { en: "outcome", zh: "结果" },
  "history.col.version": { en: "version", zh: "版本" },
  "history.col.note": { en: "note", zh: "备注" },
  "history.col.snapshot": { en: "snapshot", zh: "快照" },
  "history.col.by": { en: "by", zh: "操作者" },
  "history.col.also": { en: "also", zh: "别名" },
  "history.col.size": { en: "size", zh: "大小" },
  "history.col.resources": { en: "resources", zh: "资源数" },
  "history.col.source": { en: "source", zh: "来源" },
  "history.list.versions.one": { en: "{count} version", zh: "{count} 个版本" },
  "history.list.versions.other": { en: "{count} versions", zh: "{count} 个版本" },
  "history.list.copies.one": { en: "{count} stored copy", zh: "{count} 份存储副本" },
  "history.list.copies.other": { en: "{count} stored copies", zh: "{count} 份存储副本" },
  "history.list.records.one": { en: "{count} update record", zh: "{count} 条更新记录" },
  "history.list.records.other": { en: "{count} update records", zh: "{count} 条更新记录" },
  "history.list.summary": {
    en: "{versions} ({copies} merged by content); * is the current state.",
    zh: "{versions}（{copies}按内容合并）；* 表示当前状态。",
  },
  "history.list.summary-records": {
    en: "{versions} ({copies} merged by content), {records}; * is the current state.",
    zh: "{versions}（{copies}按内容合并），{records}；* 表示当前状态。",
  },
  "history.list.naming": {
    en: "Name a version by its id, any name in `also`, current, previous or -N, a snapshot as snapshot:<id> or snapshot:<note>, or an update by its id: `stateward history show <version>`.",
    zh: "可用 id、`also` 列中的任一名称、current、previous 或 -N 指定版本，用 snapshot:<id> 或 snapshot:<备注> 指定快照，或用更新 id 指定更新：`stateward history show <version>`。",
  },
  "history.show.started": { en: ", started {time}", zh: "，开始于 {time}" },
  "history.show.started-from-id": {
    en: ", started {time} (the time in its id; the record leaves it blank)",
    zh: "，开始于 {time}（取自其 id 中的时间；记录中该项为空）",
  },
  "history.show.completed": { en: ", completed {time}", zh: "，完成于 {time}" },
  "history.show.update": {
    en: "  update            {id} {command} {outcome}{started}{completed}",
    zh: "  更新              {id} {command} {outcome}{started}{completed}",
  },
  "history.show.run": { en: "    run             {run}", zh: "    运行            {run}" },
  "history.show.written-by": { en: "    written by      {tool}", zh: "    写入者          {tool}" },
  "history.show.error": { en: "    error: {message}", zh: "    错误：{message}" },
  "history.show.error-urn": { en: "    error: {urn}: {message}", zh: "    错误：{urn}：{message}" },
  "history.show.update-title": { en: "Update", zh: "更新" },
  "history.show.no-version": {
    en: "(no version of the state of its own)",
    zh: "（没有属于它自己的状态版本）",
  },
  "history.show.time": { en: "  time              {time}", zh: "  时间              {time}" },
  "history.show.snapshot": { en: "  snapshot          {state}", zh: "  快照              {state}" },
  "history.show.note": { en: "  note              {note}", zh: "  备注              {note}" },
  "history.show.version-title": { en: "Version", zh: "版本" },
  "history.show.current": { en: "  (current)", zh: "（当前）" },
  "history.show.names": { en: "  names             {names}", zh: "  名称              {names}" },
  "history.show.stored-at": { en: "  stored at         {locations}", zh: "  存储位置          {locations}" },
  "history.show.snapshot-by": {
    en: "  snapshot          {ref}, taken by {who} at {time}",
    zh: "  快照              {ref}，由 {who} 于 {time} 保存",
  },
  "history.show.snapshot-note": {
    en: "  snapshot          {ref}, taken by {who} at {time}: {note}",
    zh: "  快照              {ref}，由 {who} 于 {time} 保存：{note}",
  },

  // history restore (report)
  "history.resources.one": { en: "{count} resource", zh: "{count} 个资源" },
  "history.resources.other": { en: "{count} resources", zh: "{count} 个资源" },
  "history.properties.one": { en: "{count} property", zh: "{count} 个属性" },
  "history.properties.other": { en: "{count} properties", zh: "{count} 个属性" },
  "history.restore.title": { en: "Restore", zh: "恢复" },
  "history.restore.to": {
    en: "  to version        {id}  ({time}, {resources})",
    zh: "  恢复到版本        {id}（{time}，{resources}）",
  },
  "history.restore.current-none": {
    en: "  current           none (the stage has no state)",
    zh: "  当前              无（该阶段没有状态）",
  },
  "history.restore.current": {
    en: "  current           {id}  ({resources})",
    zh: "  当前              {id}（{resources}）",
  },
  "history.restore.noop": {
    en: "That version is the current state already; nothing to restore.",
    zh: "该版本已经是当前状态，无需恢复。",
  },
  "history.restore.changes": { en: "What restoring changes in the state", zh: "恢复会对状态做的改动" },
  "history.restore.counts": {
    en: "  {added} come back, {removed} leave the state, {changed} change, {unchanged} unchanged",
    zh: "  恢复 {added} 个，从状态中移除 {removed} 个，变更 {changed} 个，未变 {unchanged} 个",
  },
  "history.warning": { en: "warning: {text}", zh: "警告：{text}" },
  "history.blocker": { en: "blocker: {text}", zh: "阻断：{text}" },
  "history.restore.cloud": { en: "Against the cloud", zh: "与云端对比" },
  "history.restore.not-checked": { en: "  not checked: {reason}", zh: "  未检查：{reason}" },
  "history.restore.tagged.one": {
    en: "  {count} tagged resource of {app}/{stage} in {regions}",
    zh: "  {app}/{stage} 在 {regions} 中有 {count} 个带标签的资源",
  },
  "history.restore.tagged.other": {
    en: "  {count} tagged resources of {app}/{stage} in {regions}",
    zh: "  {app}/{stage} 在 {regions} 中有 {count} 个带标签的资源",
  },
  "history.restore.all-match": {
    en: "  every tagged resource is in the restored state, and nothing in it is missing",
    zh: "  每个带标签的资源都在恢复后的状态中，状态中的资源也都存在",
  },
  "history.restore.orphaned": { en: "  orphaned  {what}", zh: "  孤立资源  {what}" },
  "history.restore.orphaned-current": {
    en: '  (in the current state; restoring drops it: the next deploy fails with "already exists")',
    zh: "（在当前状态中；恢复后会丢失它：下次部署会因“已存在”而失败）",
  },
  "history.restore.orphaned-already": { en: "  (already unmanaged today)", zh: "（目前已不受管理）" },
  "history.restore.stale": { en: "  stale     {urn}", zh: "  已失效    {urn}" },
  "history.restore.stale-why": { en: "  ({arn} is not in the cloud)", zh: "（{arn} 在云端不存在）" },
  "history.restore.done": {
    en: "Restored version {id} to {location}.",
    zh: "已将版本 {id} 恢复到 {location}。",
  },
  "history.restore.backup": {
    en: "  backup of the replaced state  {backup}",
    zh: "  被替换状态的备份  {backup}",
  },
  "history.restore.backup-none": { en: "none (there was no state)", zh: "无（原本没有状态）" },
  "history.restore.audit": {
    en: "  audit record                  {audit}",
    zh: "  审计日志          {audit}",
  },
  "history.restore.dry-run": {
    en: "Dry run: nothing was written. Run again without --dry-run to restore.",
    zh: "试运行：未写入任何内容。去掉 --dry-run 再次运行即可恢复。",
  },

  // lock status / release, audit list (report/history.ts)
  "history.lock.unlocked": { en: "Unlocked", zh: "未加锁" },
  "history.lock.locked": { en: "Locked", zh: "已加锁" },
  "history.lock.field.lock": { en: "lock", zh: "锁" },
  "history.lock.field.held-by": { en: "held by", zh: "持有者" },
  "history.lock.field.since": { en: "since", zh: "加锁时间" },
  "history.lock.field.run": { en: "run", zh: "运行" },
  "history.lock.field.its-update": { en: "its update", zh: "对应更新" },
  "history.lock.sst-run": {
    en: "an SST run (SST locks do not name the user)",
    zh: "一次 SST 运行（SST 的锁不记录用户）",
  },
  "history.lock.at": { en: " at {time}", zh: "于 {time}" },
  "history.lock.update.missing": {
    en: "no update record: the run died before writing it",
    zh: "没有更新记录：该运行在写入记录前就终止了",
  },
  "history.lock.update.finished": {
    en: "finished{at}: the lock is left over",
    zh: "已完成{at}：这是残留的锁",
  },
  "history.lock.update.failed": { en: "failed{at}: {message}", zh: "失败{at}：{message}" },
  "history.lock.update.unfinished": {
    en: "never completed (still running, or killed)",
    zh: "从未完成（仍在运行，或已被终止）",
  },
  "history.lock.release-hint": {
    en: "`stateward lock release` breaks a lock older than 15 minutes; --force breaks a fresh one.",
    zh: "`stateward lock release` 会释放超过 15 分钟的锁；--force 可释放新加的锁。",
  },
  "history.lock.not-locked": { en: "Not locked", zh: "未加锁" },
  "history.lock.nothing": { en: "{backend}: nothing to release.", zh: "{backend}：没有需要释放的锁。" },
  "history.lock.locks.one": { en: "{count} lock", zh: "{count} 个锁" },
  "history.lock.locks.other": { en: "{count} locks", zh: "{count} 个锁" },
  "history.lock.dry-run": {
    en: "Dry run: would release {locks} of {backend} (nothing was written):",
    zh: "试运行：将释放 {backend} 的 {locks}（未写入任何内容）：",
  },
  "history.lock.since-short": { en: "  since {time}", zh: "  加锁于 {time}" },
  "history.lock.released": { en: "Released {locks} of {backend}.", zh: "已释放 {backend} 的 {locks}。" },
  "history.lock.recorded-failed": {
    en: "  recorded the unfinished update as failed in {location}",
    zh: "  已在 {location} 中把未完成的更新记录为失败",
  },
  "history.lock.audit": { en: "  audit record  {audit}", zh: "  审计日志  {audit}" },
  "history.audit.title": { en: "Audit", zh: "审计日志" },
  "history.audit.none": {
    en: "  stateward has not changed this stage.",
    zh: "  stateward 尚未修改过该阶段。",
  },
  "history.audit.by": { en: "by {who}", zh: "操作者 {who}" },
  "history.audit.changes": {
    en: "  {added} added, {removed} removed, {changed} changed",
    zh: "  新增 {added} 个，移除 {removed} 个，变更 {changed} 个",
  },
  "history.audit.side": { en: "{id} ({count} resources)", zh: "{id}（{count} 个资源）" },
  "history.audit.state": { en: "  state {before} → {after}", zh: "  状态 {before} → {after}" },
  "history.audit.backup": { en: "  backup {backup}", zh: "  备份 {backup}" },
  "history.audit.unreadable": {
    en: "warning: {location} is not a readable audit record",
    zh: "警告：{location} 不是可读取的审计日志记录",
  },

  // history diff
  "history.diff.error.no-stage": {
    en: '"{name}" is not a file, so it names a version of a stage, and no stage was given.',
    zh: "“{name}”不是文件，因此它指的是某个阶段的版本，但没有指定阶段。",
  },
  "history.diff.hint.no-stage": {
    en: "Pass the opened stage's backend (the backend option of diffHistory), or two state files.",
    zh: "请传入已打开阶段的后端（diffHistory 的 backend 选项），或给出两个状态文件。",
  },
  "history.diff.version-label": { en: "version {version}", zh: "版本 {version}" },

  // history restore (plan, apply, CLI)
  "history.restore.blocker.format": {
    en: "version {id} is in a format this stateward cannot write",
    zh: "版本 {id} 的格式是当前 stateward 无法写入的",
  },
  "history.restore.blocker.integrity": { en: "integrity: {message}", zh: "完整性：{message}" },
  "history.restore.blocker.more": {
    en: "… and {count} more integrity violations",
    zh: "……另有 {count} 处完整性问题",
  },
  "history.restore.warning.integrity": {
    en: "restore a version that passes integrity, or export it and run `stateward state repair` first",
    zh: "请恢复一个通过完整性检查的版本，或先导出它并运行 `stateward state repair`",
  },
  "history.restore.warning.pending.one": {
    en: "version {id} has 1 pending operation: the next deploy will stop on it until resolved",
    zh: "版本 {id} 有 1 个未完成的操作：解决之前，下次部署会在此停止",
  },
  "history.restore.warning.pending.other": {
    en: "version {id} has {count} pending operations: the next deploy will stop on them until resolved",
    zh: "版本 {id} 有 {count} 个未完成的操作：解决之前，下次部署会在此停止",
  },
  "history.restore.warning.failed-update": {
    en: "the update that wrote version {id} failed ({message})",
    zh: "写入版本 {id} 的更新失败了（{message}）",
  },
  "history.restore.see-record": { en: "see its record", zh: "见其更新记录" },
  "history.restore.skipped-flag": { en: "skipped with --no-cloud-check", zh: "已用 --no-cloud-check 跳过" },
  "history.restore.skipped-diy": {
    en: "only SST stages carry the sst:app / sst:stage tags stateward compares with",
    zh: "只有 SST 阶段带有 stateward 用来比对的 sst:app / sst:stage 标签",
  },
  "history.restore.warning.incomplete": {
    en: "the cloud check was incomplete ({parts}): what those calls would have found is not listed",
    zh: "云端检查不完整（{parts}）：这些调用本应找到的内容未列出",
  },
  "history.restore.kind-in-region": { en: "{kind} in {region}", zh: "{region} 中的 {kind}" },
  "history.restore.error.blocked": {
    en: "Version {id} cannot be restored: {blocker}.",
    zh: "无法恢复版本 {id}：{blocker}。",
  },
  "history.restore.error.blocked-more": {
    en: "Version {id} cannot be restored: {blocker} (and {count} more).",
    zh: "无法恢复版本 {id}：{blocker}（另有 {count} 项）。",
  },
  "history.restore.hint.blocked": {
    en: "Pick another version; nothing was written.",
    zh: "请选择另一个版本；未写入任何内容。",
  },
  "history.restore.summary": {
    en: "restored version {id} ({time}, {count} resources)",
    zh: "已恢复版本 {id}（{time}，{count} 个资源）",
  },
  "history.restore.error.which": {
    en: "Which version? Name it: `stateward history restore <version>`.",
    zh: "恢复哪个版本？请指定：`stateward history restore <version>`。",
  },
  "history.restore.hint.which": {
    en: "`stateward history list` shows the versions; on a terminal, omitting it lets you pick.",
    zh: "`stateward history list` 会列出版本；在终端中省略版本即可从列表中选择。",
  },
  "history.restore.confirm": {
    en: "Restore version {id} as the current state of {app}/{stage}?",
    zh: "要把版本 {id} 恢复为 {app}/{stage} 的当前状态吗？",
  },
  "history.restore.choice": {
    en: "{mark}{time}  {id}  {count} resources  {update}",
    zh: "{mark}{time}  {id}  {count} 个资源  {update}",
  },
  "history.restore.error.no-versions": {
    en: "{backend} has no versions to restore.",
    zh: "{backend} 没有可恢复的版本。",
  },
  "history.restore.pick": {
    en: "Restore which version of {app}/{stage}?",
    zh: "要恢复 {app}/{stage} 的哪个版本？",
  },

  // update records as events (backends/history-events.ts)
  "history.event.start-blanked": {
    en: "its start time was blanked (the time shown is the one in its id)",
    zh: "它的开始时间被清空了（显示的是其 id 中的时间）",
  },
  "history.event.had-started": { en: "it had started", zh: "它已经开始" },
  "history.event.force-unlocked": {
    en: "did not complete and was force unlocked with `{command}`; {started}; no snapshot says what it left in the state",
    zh: "未完成，并被 `{command}` 强制解锁；{started}；没有快照说明它在状态中留下了什么",
  },
  "history.event.force-unlocked-no-run": {
    en: "did not complete and was force unlocked with `{command}`; {started}, the run id is not recorded; no snapshot says what it left in the state",
    zh: "未完成，并被 `{command}` 强制解锁；{started}，未记录运行 id；没有快照说明它在状态中留下了什么",
  },
  "history.event.never-completed": {
    en: "never completed (still running, or killed): no snapshot says what it left in the state",
    zh: "从未完成（仍在运行，或已被终止）：没有快照说明它在状态中留下了什么",
  },
  "history.event.no-snapshot": {
    en: "no snapshot of the state after it is stored",
    zh: "没有保存它之后的状态快照",
  },
  "history.event.same-state": {
    en: "left the same state as {updates}",
    zh: "留下的状态与 {updates} 相同",
  },

  // history list / show / diff / restore (CLI)
  "history.cli.description": {
    en: "every version of a stage's state: list, show, compare and restore them; take snapshots, back them up, export them to git",
    zh: "阶段状态的每个版本：列出、查看、比较和恢复；拍快照、备份、导出到 git",
  },
  "history.cli.list.description": {
    en: "every version of the stage's state, newest first: S3 object versions, SST snapshots with their update records, Pulumi DIY history and backups, stateward snapshots, merged by content",
    zh: "阶段状态的每个版本，从新到旧：S3 对象版本、SST 快照及其更新记录、Pulumi DIY 历史和备份、stateward 快照，按内容合并",
  },
  "history.cli.downloads": { en: "downloads in flight", zh: "同时下载的数量" },
  "history.cli.progress": { en: "reading versions", zh: "正在读取版本" },
  "history.cli.show.description": {
    en: "one version: where it is stored, the update that wrote it, and what it holds",
    zh: "查看一个版本：存储位置、写入它的更新，以及其中的内容",
  },
  "history.cli.version-arg": {
    en: "id, S3 VersionId, SST update id, current, previous, -N, or a snapshot: snapshot:<id> or snapshot:<note>",
    zh: "id、S3 VersionId、SST 更新 id、current、previous、-N，或快照：snapshot:<id> 或 snapshot:<备注>",
  },
  "history.cli.diff.description": {
    en: "resources added, removed and changed between two versions or state files, with the property paths that differ (secrets redacted)",
    zh: "两个版本或状态文件之间新增、移除和变更的资源，以及不同的属性路径（机密已隐去）",
  },
  "history.cli.diff.a": {
    en: "the older side: a state file, or a version of the stage (id, current, previous, -N, snapshot:<id|note>)",
    zh: "较旧的一方：状态文件，或阶段的某个版本（id、current、previous、-N、snapshot:<id|备注>）",
  },
  "history.cli.diff.b": { en: "the newer side", zh: "较新的一方" },
  "history.cli.restore.description": {
    en: "make an older version (or a snapshot: snapshot:<id|note>) the current state again: first compares it with the current state and with the cloud's tagged resources (what would become orphaned or stale), then writes it under the safe-write protocol (lock, backup, conditional write, read-back, audit)",
    zh: "把较旧的版本（或快照：snapshot:<id|备注>）重新设为当前状态：先与当前状态以及云端带标签的资源比较（哪些会成为孤立资源或失效），再按安全写入流程写入（加锁、备份、条件写入、回读、审计日志）",
  },
  "history.cli.restore.version": {
    en: "which version (see `history list`), or snapshot:<id|note>; on a terminal, omit it to pick from a list",
    zh: "哪个版本（见 `history list`），或 snapshot:<id|备注>；在终端中省略即可从列表中选择",
  },
  "history.cli.restore.yes": {
    en: "restore without asking (needed off a terminal)",
    zh: "不询问直接恢复（非终端环境下必需）",
  },
  "history.cli.restore.dry-run": { en: "show the plan, write nothing", zh: "只显示计划，不写入" },
  "history.cli.restore.no-cloud-check": {
    en: "do not compare with the cloud's tagged resources (said in the plan)",
    zh: "不与云端带标签的资源比较（计划中会注明）",
  },
});
