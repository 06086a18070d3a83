/** history: list, show, diff, restore, snapshot, backup, export. */
import { defineMessages } from "../types.js";
import { historyReport } from "./history-report.js";

const own = defineMessages({
  // Naming a version
  "history.error.no-current": {
    en: "{backend} has no current state.",
    zh: "{backend} 没有当前状态。",
  },
  "history.hint.list-versions": {
    en: "`stateward history list` shows the versions that exist.",
    zh: "`stateward history list` 列出现有的版本。",
  },
  "history.error.ambiguous": {
    en: '"{name}" names {count} versions.',
    zh: "“{name}”对应 {count} 个版本。",
  },
  "history.hint.ambiguous": {
    en: "Use more characters, or the id shown by `stateward history list`.",
    zh: "多写几个字符，或使用 `stateward history list` 显示的 id。",
  },
  "history.error.no-such-version": {
    en: '{backend} has no version named "{name}".',
    zh: "{backend} 没有名为“{name}”的版本。",
  },
  "history.error.no-such-version-or-file": {
    en: '{backend} has no version named "{name}", and there is no file {name}.',
    zh: "{backend} 没有名为“{name}”的版本，也没有文件 {name}。",
  },
  "history.hint.no-such-version": {
    en: "`stateward history list` shows every version with its names (update id, S3 VersionId, snapshot:<id>, current, previous, -N).",
    zh: "`stateward history list` 列出每个版本及其名称（更新 id、S3 VersionId、snapshot:<id>、current、previous、-N）。",
  },
  "history.error.ambiguous-note": {
    en: '"{name}" matches the note of snapshots in {count} versions.',
    zh: "“{name}”与 {count} 个版本中的快照备注相符。",
  },
  "history.hint.snapshot-by-id": {
    en: "Name the snapshot by its id instead: `snapshot:<id>` as `stateward history list` shows it.",
    zh: "请改用快照 id：`stateward history list` 显示的 `snapshot:<id>`。",
  },
  "history.error.no-such-snapshot": {
    en: '{backend} has no snapshot named "{name}" (it has {count} snapshots).',
    zh: "{backend} 没有名为“{name}”的快照（共有 {count} 个快照）。",
  },
  "history.hint.no-such-snapshot": {
    en: "Name a snapshot as `snapshot:<id>` (or a unique start of the id, 4 characters or more) or `snapshot:<its note>`; `stateward history list` shows them, and `stateward history snapshot` takes one.",
    zh: "快照的写法是 `snapshot:<id>`（或 id 开头唯一的至少 4 个字符）或 `snapshot:<备注>`；`stateward history list` 会列出它们，`stateward history snapshot` 可新建快照。",
  },
  "history.error.unreadable-version": {
    en: "Version {id} cannot be read: {reason}.",
    zh: "无法读取版本 {id}：{reason}。",
  },
  "history.no-bytes": { en: "no bytes", zh: "没有内容" },
  "history.hint.pick-another": {
    en: "Pick another version from `stateward history list`.",
    zh: "请从 `stateward history list` 中选择另一个版本。",
  },
  "history.dry-run.nothing-written": {
    en: "Dry run: nothing was written.",
    zh: "试运行：未写入任何内容。",
  },

  // history snapshot
  "history.cli.snapshot.description": {
    en: "store a named snapshot of the stage's current state beside it (under stateward/<app>/<stage>/snapshot/, never SST's or Pulumi's own keys); it shows in `history list` and restores as `snapshot:<id>` or `snapshot:<note>`",
    zh: "在状态旁保存当前状态的命名快照（位于 stateward/<app>/<stage>/snapshot/ 下，绝不改动 SST 或 Pulumi 自己的键）；快照会出现在 `history list` 中，可用 `snapshot:<id>` 或 `snapshot:<备注>` 恢复",
  },
  "history.cli.snapshot.note": {
    en: "why the snapshot is taken (also a name for it: snapshot:<note>)",
    zh: "拍快照的原因（也可用作名称：snapshot:<备注>）",
  },
  "history.cli.snapshot.dry-run": {
    en: "show what would be stored, write nothing",
    zh: "只显示将保存的内容，不写入",
  },
  "history.snapshot.error.empty-note": {
    en: "--note is empty: give the snapshot a note, or leave the flag out.",
    zh: "--note 为空：请填写快照备注，或去掉这个参数。",
  },
  "history.snapshot.error.no-state": {
    en: "{backend} has no state to take a snapshot of.",
    zh: "{backend} 没有可以拍快照的状态。",
  },
  "history.snapshot.hint.no-state": {
    en: "Check --app, --stage and --backend; `stateward history list` shows what the stage has.",
    zh: "请检查 --app、--stage 和 --backend；`stateward history list` 会显示该阶段现有的内容。",
  },
  "history.snapshot.taken": { en: "Snapshot taken  {backend}", zh: "已保存快照  {backend}" },
  "history.snapshot.dry-run": {
    en: "Dry run: would take a snapshot  {backend}",
    zh: "试运行：将保存快照  {backend}",
  },
  "history.snapshot.field.ref": { en: "  name        {ref}", zh: "  名称        {ref}" },
  "history.snapshot.field.stored": { en: "  stored at   {location}", zh: "  存储位置    {location}" },
  "history.snapshot.field.ref-or-note": {
    en: "  name        {ref}, or {note}",
    zh: "  名称        {ref}，或 {note}",
  },
  "history.snapshot.field.version": {
    en: "  of version  {version} (resources: {count})",
    zh: "  对应版本    {version}（资源数：{count}）",
  },
  "history.snapshot.field.resources": { en: "  resources   {count}", zh: "  资源数      {count}" },
  "history.snapshot.field.by": {
    en: "  taken by    {who} at {time}",
    zh: "  拍摄者      {who}，时间 {time}",
  },
  "history.snapshot.field.note": { en: "  note        {note}", zh: "  备注        {note}" },
  "history.snapshot.restore-hint": {
    en: "Restore it with `stateward history restore {ref} --app {app} --stage {stage}`.",
    zh: "恢复方法：`stateward history restore {ref} --app {app} --stage {stage}`。",
  },

  // history backup
  "history.cli.backup.description": {
    en: "copy every stored version of the stage's history (S3 versions of the state, SST snapshots and update records, Pulumi DIY history, stateward snapshots, backups and audit records) to a directory or an S3 prefix; only what is not copied yet, each copy verified by SHA-256, resumable",
    zh: "把阶段历史的每个已存储版本（状态的 S3 版本、SST 快照和更新记录、Pulumi DIY 历史、stateward 的快照、备份和审计日志）复制到目录或 S3 前缀；只复制尚未复制的内容，每份副本都用 SHA-256 校验，可中断后继续",
  },
  "history.cli.backup.to": {
    en: "where to: a directory (created if missing) or s3://bucket/prefix",
    zh: "备份目标：目录（不存在时创建）或 s3://bucket/prefix",
  },
  "history.cli.backup.all-stages": {
    en: "every stage of the app, not only the one named",
    zh: "应用的所有阶段，而不只是指定的阶段",
  },
  "history.cli.backup.verify": {
    en: "also re-read every object copied before and compare its SHA-256 (exit 1 when one differs)",
    zh: "同时重新读取之前复制的每个对象并比对 SHA-256（有不一致时退出码为 1）",
  },
  "history.cli.backup.dry-run": {
    en: "list what would be copied, write nothing",
    zh: "只列出将复制的内容，不写入",
  },
  "history.cli.concurrency": { en: "objects in flight", zh: "同时传输的对象数" },
  "history.cli.no-cache": {
    en: "read every stored version from the store, not from the cache on disk ($STATEWARD_CACHE_DIR, else ~/.cache/stateward), and write nothing to it",
    zh: "从存储中读取每个已存储版本，不使用磁盘缓存（$STATEWARD_CACHE_DIR，默认 ~/.cache/stateward），也不写入缓存",
  },
  "history.backup.error.no-target": {
    en: "Where to? `stateward history backup` needs --to <dir|s3://bucket/prefix>.",
    zh: "备份到哪里？`stateward history backup` 需要 --to <dir|s3://bucket/prefix>。",
  },
  "history.backup.error.target": {
    en: '--to "{to}" is neither a directory nor s3://bucket/prefix.',
    zh: "--to 的值“{to}”既不是目录，也不是 s3://bucket/prefix。",
  },
  "history.backup.hint.target": {
    en: "Give a directory (it is created when missing) or an S3 location such as s3://my-backups/stateward.",
    zh: "请给出一个目录（不存在时会创建）或 S3 位置，例如 s3://my-backups/stateward。",
  },
  "history.backup.error.mkdir": {
    en: "The backup directory {dir} cannot be created: {reason}",
    zh: "无法创建备份目录 {dir}：{reason}",
  },
  "history.backup.error.source-gone": {
    en: "{location} was deleted while the backup ran.",
    zh: "备份过程中 {location} 被删除了。",
  },
  "history.backup.hint.run-again": {
    en: "Run the backup again: what was copied and verified is kept, the rest is copied.",
    zh: "请再次运行备份：已复制并校验的内容会保留，其余的会继续复制。",
  },
  "history.backup.error.verify": {
    en: "The copy {location} of {source} does not match what was read: SHA-256 {expected} read, {found} written.",
    zh: "{source} 的副本 {location} 与读取的内容不一致：读取的 SHA-256 为 {expected}，写入的为 {found}。",
  },
  "history.backup.nothing": { en: "nothing", zh: "无" },
  "history.backup.error.interrupted": {
    en: "The backup was stopped; the objects copied so far are recorded.",
    zh: "备份已停止；目前已复制的对象都已记录。",
  },
  "history.backup.title": { en: "Backup to {to}", zh: "备份到 {to}" },
  "history.backup.stage": {
    en: "  {app}/{stage}: {objects} objects, {copied} copied, {skipped} already there, {verified} verified",
    zh: "  {app}/{stage}：共 {objects} 个对象，复制 {copied} 个，已存在 {skipped} 个，校验 {verified} 个",
  },
  "history.backup.would-copy": { en: "    would copy {key}", zh: "    将复制 {key}" },
  "history.backup.corrupt.size": {
    en: "  corrupt: {location} has {found} bytes, {expected} were copied",
    zh: "  已损坏：{location} 现有 {found} 字节，复制时为 {expected} 字节",
  },
  "history.backup.corrupt.hash": {
    en: "  corrupt: {location} has SHA-256 {found}, {expected} was copied",
    zh: "  已损坏：{location} 的 SHA-256 为 {found}，复制时为 {expected}",
  },
  "history.backup.corrupt.missing": {
    en: "  corrupt: {location} is gone from the backup",
    zh: "  已损坏：备份中的 {location} 不见了",
  },
  "history.backup.total": {
    en: "Copied {copied}, skipped {skipped} (already copied), verified {verified}.",
    zh: "复制 {copied} 个，跳过 {skipped} 个（已复制过），校验 {verified} 个。",
  },
  "history.backup.total.dry-run": {
    en: "Dry run: would copy {count} objects; nothing was written.",
    zh: "试运行：将复制 {count} 个对象；未写入任何内容。",
  },
  "history.backup.total.corrupt": {
    en: "{count} backed-up objects do not match what was copied: delete them and run the backup again to copy them afresh.",
    zh: "有 {count} 个已备份对象与复制时不一致：请删除它们后再次运行备份，重新复制。",
  },
  "history.backup.total.verified-all": {
    en: "Every object copied before still matches its SHA-256.",
    zh: "之前复制的每个对象仍与其 SHA-256 一致。",
  },

  // history export --git
  "history.cli.export.description": {
    en: "write the stage's history as a git repository: one commit per version, oldest first, dated and described by its update record, so `git log -p` shows each state change (secrets stay encrypted); a rerun appends only new versions",
    zh: "把阶段历史写成 git 仓库：每个版本一个提交，从旧到新，提交时间和说明来自其更新记录，`git log -p` 即可查看每次状态变化（机密仍保持加密）；再次运行只追加新版本",
  },
  "history.cli.export.git": {
    en: "the repository's directory (created, or a repository made by an earlier export)",
    zh: "仓库目录（新建，或之前导出生成的仓库）",
  },
  "history.cli.export.dry-run": {
    en: "list the versions that would be committed, write nothing",
    zh: "只列出将提交的版本，不写入",
  },
  "history.export.error.no-git": {
    en: "Where to? `stateward history export` needs --git <dir>.",
    zh: "导出到哪里？`stateward history export` 需要 --git <dir>。",
  },
  "history.export.hint.dir": {
    en: "Name a directory: a new one, or one an earlier `stateward history export --git` wrote.",
    zh: "请指定目录：新目录，或之前 `stateward history export --git` 写入的目录。",
  },
  "history.export.error.not-dir": {
    en: "{dir} exists and is not a directory.",
    zh: "{dir} 已存在，但不是目录。",
  },
  "history.export.error.git-missing": {
    en: "git is not installed (or not on PATH): {git} was not found.",
    zh: "未安装 git（或不在 PATH 中）：找不到 {git}。",
  },
  "history.export.hint.git-missing": {
    en: "Install git and run the export again; nothing was written.",
    zh: "请安装 git 后再次导出；未写入任何内容。",
  },
  "history.export.error.git-failed": {
    en: "{command} failed: {reason}",
    zh: "{command} 执行失败：{reason}",
  },
  "history.export.subject.update": {
    en: "{command} {outcome} (state version {id})",
    zh: "{command} {outcome}（状态版本 {id}）",
  },
  "history.export.subject.snapshot": {
    en: "snapshot {id} (state version taken by stateward)",
    zh: "快照 {id}（stateward 保存的状态版本）",
  },
  "history.export.subject.snapshot-note": {
    en: "snapshot {id}: {note}",
    zh: "快照 {id}：{note}",
  },
  "history.export.subject.version": { en: "state version {id}", zh: "状态版本 {id}" },
  "history.export.body.update": { en: "Update: {id}", zh: "更新：{id}" },
  "history.export.body.run": { en: "Run: {run}", zh: "运行：{run}" },
  "history.export.body.written-by": { en: "Written by: {tool}", zh: "写入者：{tool}" },
  "history.export.body.started": { en: "Started: {time}", zh: "开始：{time}" },
  "history.export.body.completed": { en: "Completed: {time}", zh: "完成：{time}" },
  "history.export.body.error": { en: "Error: {message}", zh: "错误：{message}" },
  "history.export.body.error-urn": { en: "Error: {urn}: {message}", zh: "错误：{urn}：{message}" },
  "history.export.body.who": { en: "Taken by: {who}", zh: "拍摄者：{who}" },
  "history.export.body.resources": { en: "Resources: {count}", zh: "资源数：{count}" },
  "history.export.body.stored": { en: "Stored at: {locations}", zh: "存储位置：{locations}" },
  "history.export.title": { en: "Export to {dir}  ({backend})", zh: "导出到 {dir}（{backend}）" },
  "history.export.unreadable": {
    en: "  left out: version {id} cannot be read",
    zh: "  已略过：无法读取版本 {id}",
  },
  "history.export.total": {
    en: "Committed {count} new versions; {present} were there already.",
    zh: "提交了 {count} 个新版本；{present} 个版本已存在。",
  },
  "history.export.total.dry-run": {
    en: "Dry run: would commit {count} versions ({present} there already); nothing was written.",
    zh: "试运行：将提交 {count} 个版本（{present} 个已存在）；未写入任何内容。",
  },
  "history.export.log-hint": {
    en: "Review the changes with `git -C {dir} log -p`.",
    zh: "用 `git -C {dir} log -p` 查看变化。",
  },
});

export const history = defineMessages({ ...own, ...historyReport });
