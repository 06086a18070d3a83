/** The state engine: shape, integrity, edits, repair, codec errors. */
import { defineMessages } from "../types.js";

export const state = defineMessages({
  "state.show.shape.versioned": { en: "versioned checkpoint", zh: "带版本的检查点" },
  "state.show.shape.bare": { en: "bare checkpoint (sst state export)", zh: "裸检查点（sst state export）" },
  "state.show.json.compact": { en: "compact JSON", zh: "紧凑 JSON" },
  "state.show.json.indented": { en: "indented JSON", zh: "缩进 JSON" },
  "state.show.title": { en: "State", zh: "状态" },
  "state.show.field.stack": { en: "stack", zh: "栈" },
  "state.show.field.appStage": { en: "app / stage", zh: "应用 / 阶段" },
  "state.show.field.written": { en: "written", zh: "写入时间" },
  "state.show.field.secrets": { en: "secrets", zh: "密钥" },
  "state.show.field.resources": { en: "resources", zh: "资源" },
  "state.show.field.provider": { en: "provider", zh: "提供程序" },
  "state.show.field.defaultProvider": { en: "default provider", zh: "默认提供程序" },
  "state.show.unknown": { en: "unknown", zh: "未知" },
  "state.show.checkpoint": { en: "  (checkpoint version {version})", zh: "  （检查点版本 {version}）" },
  "state.show.checkpointFeatures": {
    en: "  (checkpoint version {version}, features {features})",
    zh: "  （检查点版本 {version}，特性 {features}）",
  },
  "state.show.secrets.one": {
    en: "{provider} provider, {count} secret value (never shown)",
    zh: "{provider} 提供程序，{count} 个密钥值（从不显示）",
  },
  "state.show.secrets.other": {
    en: "{provider} provider, {count} secret values (never shown)",
    zh: "{provider} 提供程序，{count} 个密钥值（从不显示）",
  },
  "state.show.components.one": { en: "{count} component", zh: "{count} 个组件" },
  "state.show.components.other": { en: "{count} components", zh: "{count} 个组件" },
  "state.show.resources": {
    en: "{total} ({custom} custom, {components})",
    zh: "{total}（{custom} 个自定义资源，{components}）",
  },
  "state.show.resourcesDeleting": {
    en: "{total} ({custom} custom, {components}, {deleting} awaiting delete)",
    zh: "{total}（{custom} 个自定义资源，{components}，{deleting} 个待删除）",
  },
  "state.warning": { en: "warning: {text}", zh: "警告：{text}" },
  "state.show.byType": { en: "Resources by type", zh: "按类型统计的资源" },
  "state.show.col.count": { en: "count", zh: "数量" },
  "state.show.col.type": { en: "type", zh: "类型" },
  "state.show.col.operation": { en: "operation", zh: "操作" },
  "state.show.col.name": { en: "name", zh: "名称" },
  "state.show.pending": { en: "Pending operations ({count})", zh: "未完成的操作（{count}）" },
  "state.show.none": { en: "none", zh: "无" },
  "state.show.pendingCreateNote": {
    en: "A pending create means a deploy stopped after asking AWS to create the resource; it may exist in the cloud without being in state.",
    zh: "待创建表示部署在请求 AWS 创建资源后中断；该资源可能已存在于云端，却不在状态中。",
  },
  "state.show.protected": { en: "Protected ({count})", zh: "受保护（{count}）" },
  "state.show.retained": { en: "Retained on delete ({count})", zh: "删除时保留（{count}）" },
  "state.count.resource.one": { en: "{count} resource", zh: "{count} 个资源" },
  "state.count.resource.other": { en: "{count} resources", zh: "{count} 个资源" },
  "state.verify.clean": {
    en: "{file} passes every integrity check ({resources}).",
    zh: "{file} 通过了全部完整性检查（{resources}）。",
  },
  "state.verify.violations.one": {
    en: "{file}: {count} integrity violation in {resources}. Pulumi and SST refuse to use this state until they are fixed.",
    zh: "{file}：{resources}中有 {count} 处违反完整性。修复之前，Pulumi 和 SST 都会拒绝使用此状态。",
  },
  "state.verify.violations.other": {
    en: "{file}: {count} integrity violations in {resources}. Pulumi and SST refuse to use this state until they are fixed.",
    zh: "{file}：{resources}中有 {count} 处违反完整性。修复之前，Pulumi 和 SST 都会拒绝使用此状态。",
  },
  "state.verify.fix": {
    en: "Fix: {command} (check it, then copy it in place), or --in-place to keep a .bak.",
    zh: "修复：{command}（检查结果后再复制回原处），或用 --in-place 直接替换并保留 .bak。",
  },
  "state.verify.manual.one": {
    en: "{count} violation ({codes}) need a person: repair does not guess provider ids, which duplicate to keep, or missing fields.",
    zh: "{count} 处问题（{codes}）需要人工处理：repair 不会猜测提供程序 id、保留哪个重复项或缺失的字段。",
  },
  "state.verify.manual.other": {
    en: "{count} violations ({codes}) need a person: repair does not guess provider ids, which duplicate to keep, or missing fields.",
    zh: "{count} 处问题（{codes}）需要人工处理：repair 不会猜测提供程序 id、保留哪个重复项或缺失的字段。",
  },
  "state.verify.manifest": { en: "manifest", zh: "manifest（清单）" },
  "state.verify.resourceAt": { en: "resource #{index}", zh: "第 {index} 个资源" },
  "state.repair.title.one": { en: "Repair of {file}: {count} change", zh: "修复 {file}：{count} 处更改" },
  "state.repair.title.other": { en: "Repair of {file}: {count} changes", zh: "修复 {file}：{count} 处更改" },
  "state.repair.remaining.one": {
    en: "{count} problem that repair cannot fix, so nothing was written:",
    zh: "有 {count} 个 repair 无法修复的问题，因此未写入任何内容：",
  },
  "state.repair.remaining.other": {
    en: "{count} problems that repair cannot fix, so nothing was written:",
    zh: "有 {count} 个 repair 无法修复的问题，因此未写入任何内容：",
  },
  "state.repair.remainingHint": {
    en: "Provider references, duplicate URNs and missing fields need a decision a tool should not guess; fix them by hand or restore an earlier version.",
    zh: "提供程序引用、重复的 URN 和缺失的字段需要人来决定，工具不应猜测；请手动修复，或恢复较早的版本。",
  },
  "state.repair.nothing": { en: "{file} needs no repair.", zh: "{file} 无需修复。" },
  "state.repair.dryRun": { en: "Dry run: nothing was written.", zh: "试运行：未写入任何内容。" },
  "state.repair.dryRunTarget": {
    en: "Dry run: nothing was written (without --dry-run the repaired state would go to {target}).",
    zh: "试运行：未写入任何内容（不加 --dry-run 时，修复后的状态将写入 {target}）。",
  },
  "state.repair.noOutput": {
    en: "Nothing written. Add {out} to write the repaired state, or {inPlace} to replace {file} (keeping a .bak).",
    zh: "未写入任何内容。加上 {out} 写入修复后的状态，或用 {inPlace} 替换 {file}（保留 .bak）。",
  },
  "state.repair.wrote": { en: "Wrote {path} ({bytes} bytes).", zh: "已写入 {path}（{bytes} 字节）。" },
  "state.repair.wroteBackup": {
    en: "Wrote {path} ({bytes} bytes); the previous state is in {backup}.",
    zh: "已写入 {path}（{bytes} 字节）；之前的状态保存在 {backup}。",
  },
  "state.diff.title": { en: "Diff", zh: "差异" },
  "state.diff.none.one": {
    en: "No resource changes ({count} resource identical).",
    zh: "资源没有变化（{count} 个资源相同）。",
  },
  "state.diff.none.other": {
    en: "No resource changes ({count} resources identical).",
    zh: "资源没有变化（{count} 个资源相同）。",
  },
  "state.diff.pending": { en: "pending {operation}", zh: "未完成的 {operation}" },
  "state.diff.totals": {
    en: "{added} added, {removed} removed, {changed} changed, {unchanged} unchanged.",
    zh: "新增 {added}，删除 {removed}，变更 {changed}，未变 {unchanged}。",
  },
  "state.diff.totalsPending": {
    en: "{added} added, {removed} removed, {changed} changed, {unchanged} unchanged; pending operations: {pendingNew} new, {pendingGone} gone.",
    zh: "新增 {added}，删除 {removed}，变更 {changed}，未变 {unchanged}；未完成的操作：新增 {pendingNew}，消失 {pendingGone}。",
  },
  "state.diff.pathAdded": { en: "{path}: added {value}", zh: "{path}：新增 {value}" },
  "state.diff.pathRemoved": { en: "{path}: removed (was {value})", zh: "{path}：已删除（原为 {value}）" },
  "state.integrity.label.parent": { en: "parent", zh: "父资源" },
  "state.integrity.label.dependency": { en: "dependency", zh: "依赖" },
  "state.integrity.label.propertyDependency": { en: "property dependency", zh: "属性依赖" },
  "state.integrity.label.deletedWith": { en: "deletedWith target", zh: "deletedWith 目标" },
  "state.integrity.label.replaceWith": { en: "replaceWith target", zh: "replaceWith 目标" },
  "state.integrity.label.withProperty": {
    en: '{label} (property "{property}")',
    zh: "{label}（属性“{property}”）",
  },
  "state.integrity.resourceAtIndex": { en: "the resource at index {index}", zh: "索引 {index} 处的资源" },
  "state.integrity.duplicateUrn": {
    en: '{urn} appears more than once without "delete": true; only copies marked for deletion may repeat a URN.',
    zh: '{urn} 出现了多次且未标记 "delete": true；只有标记为删除的副本才可以重复使用同一个 URN。',
  },
  "state.integrity.magicMissing": {
    en: 'The manifest has no magic, but Pulumi expects the SHA-256 of its version "{version}".',
    zh: "manifest 缺少 magic，而 Pulumi 要求它是版本“{version}”的 SHA-256。",
  },
  "state.integrity.magicWrong": {
    en: 'The manifest magic {magic}… is not the SHA-256 of its version "{version}"; Pulumi reads that as tampering or corruption.',
    zh: "manifest 的 magic {magic}… 不是版本“{version}”的 SHA-256；Pulumi 会将其视为被篡改或已损坏。",
  },
  "state.integrity.missingUrn": {
    en: 'The resource at index {index} has no "urn".',
    zh: '索引 {index} 处的资源没有 "urn"。',
  },
  "state.integrity.missingTypeAt": {
    en: 'The resource at index {index} has no "type".',
    zh: '索引 {index} 处的资源没有 "type"。',
  },
  "state.integrity.missingType": { en: '{urn} has no "type".', zh: '{urn} 没有 "type"。' },
  "state.integrity.idOnComponent": {
    en: '{who} is not a custom resource (a component), but has the id "{id}".',
    zh: "{who} 不是自定义资源（而是组件），却有 id“{id}”。",
  },
  "state.integrity.self": {
    en: "{who} names itself as its own {label}.",
    zh: "{who} 把自己列为自己的{label}。",
  },
  "state.integrity.late": {
    en: "{who}'s {label} {target} comes after it in the list.",
    zh: "{who} 的{label} {target} 在列表中排在它之后。",
  },
  "state.integrity.missing": {
    en: "{who}'s {label} {target} is not in the state.",
    zh: "{who} 的{label} {target} 不在状态中。",
  },
  "state.integrity.snippetNoUuid": {
    en: 'The snippet at index {index} has no "uuid"; Pulumi refuses a snapshot with such a snippet.',
    zh: '索引 {index} 处的 snippet 没有 "uuid"；Pulumi 会拒绝包含这种 snippet 的快照。',
  },
  "state.integrity.snippetDuplicate": {
    en: 'The snippets at indexes {first} and {second} have the same uuid "{uuid}"; Pulumi refuses a snapshot with duplicate snippet ids.',
    zh: "索引 {first} 和 {second} 处的 snippet 有相同的 uuid“{uuid}”；Pulumi 会拒绝 snippet id 重复的快照。",
  },
  "state.integrity.badProviderReference": {
    en: '{who} has the provider reference "{reference}", which is not "<URN of a pulumi:providers resource>::<id>".',
    zh: "{who} 的提供程序引用“{reference}”不符合“<pulumi:providers 资源的 URN>::<id>”格式。",
  },
  "state.integrity.lateProvider": {
    en: "{who}'s provider {provider} comes after it in the list.",
    zh: "{who} 的提供程序 {provider} 在列表中排在它之后。",
  },
  "state.integrity.unknownProvider": {
    en: "{who} refers to the provider {provider}, which is not in the state.",
    zh: "{who} 引用的提供程序 {provider} 不在状态中。",
  },
  "state.integrity.providerOtherId": {
    en: "{who} refers to the provider {provider} with id {id}, but the state holds it with id {stateId}.",
    zh: "{who} 引用的提供程序 {provider} 的 id 为 {id}，但状态中它的 id 是 {stateId}。",
  },
  "state.repair.outOrInPlace": {
    en: "Use either --out <file> or --in-place, not both.",
    zh: "--out <file> 和 --in-place 只能二选一。",
  },
  "state.repair.inPlaceStdin": {
    en: "--in-place needs a file; standard input cannot be written back.",
    zh: "--in-place 需要一个文件；无法写回标准输入。",
  },
  "state.repair.inPlaceStdinHint": { en: "Use --out <file> instead.", zh: "请改用 --out <file>。" },
  "state.repair.readOnly": {
    en: "{file} is read-only for this stateward: {reasons}",
    zh: "对当前版本的 stateward 来说，{file} 是只读的：{reasons}",
  },
  "state.repair.readOnlyHint": {
    en: "Upgrade stateward to repair this state.",
    zh: "请升级 stateward 后再修复此状态。",
  },
  "state.diff.twoStdin": {
    en: "Only one side of a diff can be standard input.",
    zh: "比较的两边中只能有一边是标准输入。",
  },
  "state.noState": {
    en: "{stage} has no state ({location} does not exist): the stage was never deployed, or it was removed.",
    zh: "{stage} 没有状态（{location} 不存在）：该阶段从未部署过，或已被移除。",
  },
  "state.noStateHint": {
    en: "Check --app and --stage; `stateward history list` shows older versions that can be restored.",
    zh: "请检查 --app 和 --stage；`stateward history list` 会列出可以恢复的旧版本。",
  },
  "state.repair.summary.one": {
    en: "repaired the state: {count} change ({kinds})",
    zh: "修复了状态：{count} 处更改（{kinds}）",
  },
  "state.repair.summary.other": {
    en: "repaired the state: {count} changes ({kinds})",
    zh: "修复了状态：{count} 处更改（{kinds}）",
  },
  "state.cli.state": {
    en: "inspect, verify and repair a state file (`sst state export`, `pulumi stack export`, or a checkpoint)",
    zh: "查看、校验和修复状态文件（`sst state export`、`pulumi stack export` 的输出或检查点）",
  },
  "state.cli.show": {
    en: "stack, app, stage, Pulumi version, resource counts by type, pending operations, protected and retained resources",
    zh: "栈、应用、阶段、Pulumi 版本、按类型统计的资源数、未完成的操作、受保护和保留的资源",
  },
  "state.cli.show.file": {
    en: "state file (plain or gzip JSON); - reads standard input; omit to read the stage's state",
    zh: "状态文件（普通或 gzip 压缩的 JSON）；- 表示读取标准输入；省略则读取该阶段的状态",
  },
  "state.cli.verify": {
    en: "list every integrity violation Pulumi would refuse the state for (exit 0 clean, 3 violations)",
    zh: "列出所有会让 Pulumi 拒绝此状态的完整性问题（退出码 0 表示没有问题，3 表示有问题）",
  },
  "state.cli.verify.file": {
    en: "state file; - reads standard input; omit to read the stage's state",
    zh: "状态文件；- 表示读取标准输入；省略则读取该阶段的状态",
  },
  "state.cli.repair": {
    en: "fix ordering and dangling references as `pulumi state repair` does, and the manifest magic; shows what it changes and why, and writes only with --out or --in-place",
    zh: "像 `pulumi state repair` 一样修复顺序和悬空引用，并修复 manifest 的 magic；显示改动内容和原因，只有加上 --out 或 --in-place 才写入",
  },
  "state.cli.repair.file": {
    en: "state file; - reads standard input (with --out); omit to repair the stage's state",
    zh: "状态文件；- 表示读取标准输入（需配合 --out）；省略则修复该阶段的状态",
  },
  "state.cli.repair.out": {
    en: "write the repaired state to this new file (never overwrites an existing one)",
    zh: "把修复后的状态写入这个新文件（绝不覆盖已有文件）",
  },
  "state.cli.repair.inPlace": {
    en: "replace <file>, keeping the previous bytes in <file>.bak",
    zh: "替换 <file>，原内容保存在 <file>.bak",
  },
  "state.cli.repair.yes": {
    en: "write without asking (needed off a terminal for a stage or --in-place)",
    zh: "不询问直接写入（在非终端环境中修复阶段或使用 --in-place 时必需）",
  },
  "state.cli.repair.dryRun": {
    en: "show the repair and where it would be written; write nothing (file or stage)",
    zh: "显示修复内容和写入位置，但不写入任何内容（文件或阶段均适用）",
  },
  "state.repair.askInPlace": {
    en: "Replace {file} with the repaired state (keeping a .bak)?",
    zh: "用修复后的状态替换 {file}（保留 .bak）？",
  },
  "state.repair.fileFlagsOnStage": {
    en: "--out and --in-place are for a state file; a stage is written in place under the safe-write protocol.",
    zh: "--out 和 --in-place 只用于状态文件；阶段的状态按安全写入协议原地写入。",
  },
  "state.repair.fileFlagsOnStageHint": {
    en: "Drop them (the stage's previous state is backed up), or export the state to a file first.",
    zh: "去掉这两个选项（阶段之前的状态会被备份），或先把状态导出到文件。",
  },
  "state.repair.askStage": {
    en: "Write the repaired state to {stage}?",
    zh: "把修复后的状态写入 {stage}？",
  },
});
