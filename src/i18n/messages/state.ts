/* eslint-disable max-lines -- one area's catalog: data, no logic */
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
  "state.show.checkpoint": { en: "  (checkpoint version {version})", zh: "（检查点版本 {version}）" },
  "state.show.checkpointFeatures": {
    en: "  (checkpoint version {version}, features {features})",
    zh: "（检查点版本 {version}，特性 {features}）",
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
  "state.verify.resourceAt": { en: "resource #{index}", zh: "索引 {index} 处的资源" },
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
  "state.integrity.label.deletedWith": { en: "deletedWith target", zh: " deletedWith 目标" },
  "state.integrity.label.replaceWith": { en: "replaceWith target", zh: " replaceWith 目标" },
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
  "state.shape.notCheckpoint": {
    en: "{name} is JSON but not a Pulumi checkpoint: {what}.",
    zh: "{name} 是 JSON，但不是 Pulumi 检查点：{what}。",
  },
  "state.shape.notCheckpointHint": {
    en: "stateward reads {versioned} (the SST state bucket and Pulumi DIY backends), {exported} (`pulumi stack export`) and a bare {bare} checkpoint (`sst state export`).",
    zh: "stateward 能读取 {versioned}（SST 状态存储桶和 Pulumi DIY 后端）、{exported}（`pulumi stack export`）以及裸的 {bare} 检查点（`sst state export`）。",
  },
  "state.shape.malformed": {
    en: '{name} is a checkpoint Pulumi cannot load: "{path}" is {actual}, where Pulumi writes {expected}.',
    zh: '{name} 是 Pulumi 无法加载的检查点："{path}" 是{actual}，而 Pulumi 在此处写入的是{expected}。',
  },
  "state.shape.malformedOf": {
    en: '{name} is a checkpoint Pulumi cannot load: "{path}" (of {owner}) is {actual}, where Pulumi writes {expected}.',
    zh: '{name} 是 Pulumi 无法加载的检查点："{path}"（属于 {owner}）是{actual}，而 Pulumi 在此处写入的是{expected}。',
  },
  "state.shape.malformedHint": {
    en: "Pulumi and SST refuse this file too. Correct that field by hand, or use an earlier version of the state (`stateward history list`).",
    zh: "Pulumi 和 SST 同样会拒绝此文件。请手动更正该字段，或使用较早版本的状态（`stateward history list`）。",
  },
  "state.shape.topLevel": {
    en: "the top level is {actual}, not an object",
    zh: "顶层是{actual}，而不是对象",
  },
  "state.shape.fieldIs": { en: '"{field}" is {actual}', zh: '"{field}" 是{actual}' },
  "state.shape.emptyObject": { en: "it is an empty object", zh: "它是一个空对象" },
  "state.shape.noKnownKey": {
    en: 'it has none of "checkpoint", "deployment" or "latest" (its keys: {keys})',
    zh: '它没有 "checkpoint"、"deployment" 或 "latest" 中的任何一个（它的键：{keys}）',
  },
  "state.shape.badVersion": {
    en: '"version" is {actual}, expected an integer such as 3',
    zh: '"version" 是{actual}，应为整数，例如 3',
  },
  "state.shape.badFeatures": {
    en: '"features" is {actual}, expected a list of names',
    zh: '"features" 是{actual}，应为名称列表',
  },
  "state.shape.badStack": { en: '"stack" is {actual}, expected a name', zh: '"stack" 是{actual}，应为名称' },
  "state.shape.expect.list": { en: "a list", zh: "列表" },
  "state.shape.expect.secretsType": { en: 'text such as "passphrase"', zh: '文本，例如 "passphrase"' },
  "state.shape.expect.resources": { en: "a list of resources", zh: "资源列表" },
  "state.shape.expect.pendingOperations": { en: "a list of pending operations", zh: "未完成操作的列表" },
  "state.shape.expect.pendingOperation": {
    en: "an object such as {example}",
    zh: "对象，例如 {example}",
  },
  "state.shape.expect.operationResource": {
    en: "the resource object it is about",
    zh: "该操作所针对的资源对象",
  },
  "state.shape.expect.operationType": { en: 'text such as "creating"', zh: '文本，例如 "creating"' },
  "state.shape.expect.urn": {
    en: 'a URN such as "urn:pulumi:dev::app::aws:s3/bucket:Bucket::Files"',
    zh: 'URN，例如 "urn:pulumi:dev::app::aws:s3/bucket:Bucket::Files"',
  },
  "state.shape.expect.text": { en: "text", zh: "文本" },
  "state.shape.expect.flag": { en: "true or false", zh: "true 或 false" },
  "state.shape.expect.texts": { en: "a list of texts", zh: "文本列表" },
  "state.shape.expect.urns": { en: "a list of URNs", zh: "URN 列表" },
  "state.shape.expect.object": { en: "an object", zh: "对象" },
  "state.shape.expect.type": {
    en: 'a type token such as "aws:s3/bucket:Bucket"',
    zh: '类型标识，例如 "aws:s3/bucket:Bucket"',
  },
  "state.shape.expect.provider": {
    en: 'a provider reference "<provider URN>::<id>"',
    zh: '提供程序引用 "<provider URN>::<id>"',
  },
  "state.shape.expect.propertyDependencies": { en: "an object of URN lists", zh: "值为 URN 列表的对象" },
  "state.shape.expect.resource": {
    en: "a resource object such as {example}",
    zh: "资源对象，例如 {example}",
  },
  "state.shape.type.missing": { en: "missing", zh: "缺失的" },
  "state.shape.type.text": { en: "the text {text}", zh: "文本 {text}" },
  "state.shape.type.number": { en: "number {value}", zh: "数字 {value}" },
  "state.shape.type.boolean": { en: "boolean {value}", zh: "布尔值 {value}" },
  "state.json.rejected": { en: "the JSON parser rejects it", zh: "JSON 解析器拒绝了它" },
  "state.json.cutOff": {
    en: "it ends early (line {line}), as if it was cut off",
    zh: "它提前结束（第 {line} 行），像是被截断了",
  },
  "state.json.at": {
    en: "{what} at line {line}, column {column}",
    zh: "第 {line} 行第 {column} 列：{what}",
  },
  "state.json.character": { en: "the character U+{code}", zh: "字符 U+{code}" },
  "state.json.endsEarly": { en: "it ends early", zh: "它提前结束" },
  "state.json.unexpected": { en: "unexpected {character}", zh: "意外的 {character}" },
  "state.json.trailing": {
    en: "more text after the end of the JSON document ({character})",
    zh: "JSON 文档结束后还有其他文本（{character}）",
  },
  "state.json.control": {
    en: "{character} inside a text value (it must be escaped)",
    zh: "文本值中出现 {character}（必须转义）",
  },
  "state.json.badUnicodeEscape": { en: "a bad {escape} escape", zh: "错误的 {escape} 转义" },
  "state.json.badEscape": { en: "a bad escape {escape}", zh: "错误的转义 {escape}" },
  "state.limits.tooLarge": {
    en: "{name} is {size}, more than the {limit} stateward reads as a state file; a checkpoint of even a few thousand resources is tens of MB, so this is not a state file or it was damaged.",
    zh: "{name} 大小为 {size}，超过了 stateward 作为状态文件读取的上限 {limit}；即使包含几千个资源的检查点也只有几十 MB，因此这不是状态文件，或者它已损坏。",
  },
  "state.limits.tooLargeStream": {
    en: "{name} holds more than the {limit} stateward reads as a state file; a checkpoint of even a few thousand resources is tens of MB, so this is not a state file or it was damaged.",
    zh: "{name} 超过了 stateward 作为状态文件读取的上限 {limit}；即使包含几千个资源的检查点也只有几十 MB，因此这不是状态文件，或者它已损坏。",
  },
  "state.limits.tooLargeHint": {
    en: "Check that this is the state itself (`sst state export`, `pulumi stack export`, or the object in the state bucket), not a log, an archive or a disk image.",
    zh: "请确认这就是状态本身（`sst state export`、`pulumi stack export` 的输出或状态存储桶中的对象），而不是日志、归档文件或磁盘镜像。",
  },
  "state.limits.intactCopy": {
    en: "Use an intact copy of the state, for example an earlier version from `stateward history list`.",
    zh: "请使用完好的状态副本，例如 `stateward history list` 中较早的版本。",
  },
  "state.limits.notTheState": {
    en: "Check that this is the state file itself (`sst state export`, `pulumi stack export`, or the object in the state bucket), not a log or a partial copy.",
    zh: "请确认这就是状态文件本身（`sst state export`、`pulumi stack export` 的输出或状态存储桶中的对象），而不是日志或不完整的副本。",
  },
  "state.limits.tooDeep": {
    en: "{name} nests JSON objects and lists more than {depth} levels deep; a checkpoint nests a few dozen levels at most, so this is not a state file or it was damaged.",
    zh: "{name} 中 JSON 对象和列表的嵌套超过 {depth} 层；检查点最多只嵌套几十层，因此这不是状态文件，或者它已损坏。",
  },
  "state.limits.tooDeepAt": {
    en: "{name} nests JSON objects and lists more than {depth} levels deep (at {path}); a checkpoint nests a few dozen levels at most, so this is not a state file or it was damaged.",
    zh: "{name} 中 JSON 对象和列表的嵌套超过 {depth} 层（位于 {path}）；检查点最多只嵌套几十层，因此这不是状态文件，或者它已损坏。",
  },
  "state.codec.binary": {
    en: "{name} is binary data (a zero byte at offset {offset}), not JSON text, so it cannot be a checkpoint.",
    zh: "{name} 是二进制数据（偏移 {offset} 处有零字节），不是 JSON 文本，因此不可能是检查点。",
  },
  "state.codec.notUtf8": {
    en: "{name} is not UTF-8 text ({detail}), so it cannot be a JSON checkpoint.",
    zh: "{name} 不是 UTF-8 文本（{detail}），因此不可能是 JSON 检查点。",
  },
  "state.codec.notUtf8Character": { en: "a character that is not UTF-8", zh: "有一个不是 UTF-8 的字符" },
  "state.codec.badByte": {
    en: "byte 0x{byte} at offset {offset} does not start a UTF-8 character",
    zh: "偏移 {offset} 处的字节 0x{byte} 不是 UTF-8 字符的开头",
  },
  "state.codec.empty": {
    en: "{name} is empty: there is no checkpoint in it.",
    zh: "{name} 是空的：其中没有检查点。",
  },
  "state.codec.emptyHint": {
    en: "An empty state file usually means a write was interrupted; restore an earlier version.",
    zh: "状态文件为空通常说明写入被中断；请恢复较早的版本。",
  },
  "state.codec.notJson": {
    en: "{name} is not valid JSON: {detail}.",
    zh: "{name} 不是有效的 JSON：{detail}。",
  },
  "state.codec.unknownVersion": {
    en: "This state uses {gate} that this version of stateward does not know, so it will not write it.",
    zh: "此状态使用了当前版本的 stateward 不认识的{gate}，因此不会写入它。",
  },
  "state.codec.unknownVersionHint": {
    en: "Read-only commands still work on it; upgrade stateward to change it.",
    zh: "只读命令仍可使用；要修改它，请升级 stateward。",
  },
  "state.codec.gate": { en: "version {version}", zh: "版本 {version}" },
  "state.codec.gateFeatures": {
    en: "version {version} and features {features}",
    zh: "版本 {version} 和特性 {features}",
  },
  "state.version.feature.byteString": {
    en: "property values holding bytes that are not UTF-8 text",
    zh: "属性值中包含非 UTF-8 文本的字节",
  },
  "state.version.feature.extensionParameterization": {
    en: "resources registered through a parameterized provider extension",
    zh: "通过参数化提供程序扩展注册的资源",
  },
  "state.version.feature.snippets": {
    en: "PCL snippets the engine re-runs on every update",
    zh: "引擎在每次更新时重新运行的 PCL 片段",
  },
  "state.version.featureWithPurpose": { en: "{feature} ({purpose})", zh: "{feature}（用途：{purpose}）" },
  "state.version.unknownFeature.one": {
    en: "the state uses feature {features} unknown to this stateward; it is shown read-only and will not be written.",
    zh: "状态使用了当前 stateward 不认识的特性 {features}；它以只读方式显示，不会被写入。",
  },
  "state.version.unknownFeature.other": {
    en: "the state uses features {features} unknown to this stateward; it is shown read-only and will not be written.",
    zh: "状态使用了当前 stateward 不认识的特性 {features}；它以只读方式显示，不会被写入。",
  },
  "state.version.legacyLayout": {
    en: "checkpoint version 0 is the legacy layout from before Pulumi versioned its checkpoints (stack and deployment at the top level, resources in the version-1 format); Pulumi still reads it by converting it to version 3, but stateward does not convert it and shows it read-only. Run `pulumi refresh` (or any Pulumi or SST command that writes the stack) once to store it as version 3.",
    zh: "检查点版本 0 是 Pulumi 为检查点加上版本之前的旧布局（stack 和 deployment 位于顶层，资源为版本 1 格式）；Pulumi 仍会把它转换为版本 3 后读取，但 stateward 不做转换，只以只读方式显示。请运行一次 `pulumi refresh`（或任何会写入该栈的 Pulumi 或 SST 命令），把它保存为版本 3。",
  },
  "state.version.legacyEmpty": {
    en: 'checkpoint version 0 is the legacy format, read by Pulumi from the top level of the file, where this document holds nothing: Pulumi would see a stack without resources. stateward shows it read-only; correct "version" to 3 (or 4 with features) in a copy before using it.',
    zh: '检查点版本 0 是旧格式，Pulumi 会从文件顶层读取它，而此文档的顶层什么也没有：Pulumi 会看到一个没有资源的栈。stateward 以只读方式显示它；使用前请在副本中把 "version" 改为 3（有特性时改为 4）。',
  },
  "state.version.newer": {
    en: "checkpoint version {version} is newer than this stateward knows ({known}); it is shown read-only and will not be written.",
    zh: "检查点版本 {version} 比当前 stateward 认识的版本（{known}）更新；它以只读方式显示，不会被写入。",
  },
  "state.version.older": {
    en: "checkpoint version {version} is an old format this stateward does not write (it knows {known}); it is shown read-only. Run any Pulumi or SST command on the stack to upgrade it.",
    zh: "检查点版本 {version} 是当前 stateward 不会写入的旧格式（它认识 {known}）；它以只读方式显示。对该栈运行任意 Pulumi 或 SST 命令即可升级它。",
  },
  "state.version.v3Features": {
    en: "checkpoint version 3 should not list features ({features}); Pulumi writes them with version 4.",
    zh: "检查点版本 3 不应列出特性（{features}）；Pulumi 会用版本 4 写入它们。",
  },
  "state.edits.unknownUrn": {
    en: "No resource in the state has the URN {urn}.",
    zh: "状态中没有 URN 为 {urn} 的资源。",
  },
  "state.edits.unknownUrnHint": {
    en: "List the URNs with `stateward state show --json`.",
    zh: "用 `stateward state show --json` 列出所有 URN。",
  },
  "state.edits.andMore": { en: "{names}, and {more} more", zh: "{names}，以及另外 {more} 个" },
  "state.edits.dependents.one": {
    en: "{count} resource depends on what you asked to remove, and would be left pointing at nothing: {names}.",
    zh: "有 {count} 个资源依赖于你要移除的资源，移除后它将指向不存在的资源：{names}。",
  },
  "state.edits.dependents.other": {
    en: "{count} resources depend on what you asked to remove, and would be left pointing at nothing: {names}.",
    zh: "有 {count} 个资源依赖于你要移除的资源，移除后它们将指向不存在的资源：{names}。",
  },
  "state.edits.dependentsHint": {
    en: "Remove them too with --with-dependents; or, for a resource deleted in AWS by hand, keep them and drop only their references to it with --drop-references, as a refresh does.",
    zh: "用 --with-dependents 把它们一并移除；或者，对于已在 AWS 中被手动删除的资源，保留它们，只用 --drop-references 去掉它们对它的引用，就像刷新所做的那样。",
  },
  "state.edits.protected.one": {
    en: "Refusing to remove protected resource {urns}.",
    zh: "拒绝移除受保护的资源 {urns}。",
  },
  "state.edits.protected.other": {
    en: "Refusing to remove protected resources {urns}.",
    zh: "拒绝移除受保护的资源 {urns}。",
  },
  "state.edits.protectedHint": {
    en: "Unprotect it first (`pulumi state unprotect`), or pass --force if you are sure.",
    zh: "请先取消保护（`pulumi state unprotect`），或在确定无误时传入 --force。",
  },
  "state.edits.missingReference.one": {
    en: "{urn} refers to {targets}, which is not in the state.",
    zh: "{urn} 引用了 {targets}，但它不在状态中。",
  },
  "state.edits.missingReference.other": {
    en: "{urn} refers to {targets}, which are not in the state.",
    zh: "{urn} 引用了 {targets}，但它们不在状态中。",
  },
  "state.edits.missingReferenceHint": {
    en: "Add the parent, provider and dependencies first, or drop the references.",
    zh: "请先添加父资源、提供程序和依赖，或去掉这些引用。",
  },
  "state.edits.noPosition": {
    en: "{urn} must come after {after} (which it refers to) and before {before} (which refers to it); no position satisfies both.",
    zh: "{urn} 必须排在 {after}（它引用的资源）之后、{before}（引用它的资源）之前；没有位置能同时满足这两点。",
  },
  "state.edits.missingProvider": {
    en: "{urn} uses the provider {provider}, which is not in the state with that id.",
    zh: "{urn} 使用的提供程序 {provider} 在状态中不存在（或 id 不同）。",
  },
  "state.edits.missingProviderHint": {
    en: "Use the provider reference of an existing provider entry ({format}).",
    zh: "请使用已有提供程序条目的引用（{format}）。",
  },
  "state.edits.noUrn": { en: "The resource to add has no URN.", zh: "要添加的资源没有 URN。" },
  "state.edits.noType": { en: "The resource {urn} has no type.", zh: "资源 {urn} 没有类型。" },
  "state.edits.idOnComponent": {
    en: "{urn} is a component (custom: false) but has an id.",
    zh: "{urn} 是组件（custom: false），却有 id。",
  },
  "state.edits.duplicateUrn": {
    en: "The state already holds a resource with the URN {urn}.",
    zh: "状态中已存在 URN 为 {urn} 的资源。",
  },
  "state.edits.duplicateUrnHint": {
    en: "Replace the existing entry instead, or remove it first.",
    zh: "请改为替换已有条目，或先将其移除。",
  },
  "state.edits.urnChanged": {
    en: "The replacement for {urn} has a different URN ({other}); remove the old entry and insert the new one instead.",
    zh: "{urn} 的替换项的 URN 不同（{other}）；请移除旧条目后再插入新条目。",
  },
  "state.edits.noPendingCreate": {
    en: "There is no pending create for {urn}.",
    zh: "{urn} 没有待创建的操作。",
  },
  "state.edits.noPendingCreateHint": {
    en: "`stateward state show` lists the pending operations.",
    zh: "`stateward state show` 会列出未完成的操作。",
  },
  "state.edits.idNeeded": {
    en: "An id is needed to turn the pending create of {urn} into a resource.",
    zh: "要把 {urn} 的待创建操作转为资源，需要提供 id。",
  },
  "state.repair.moved": {
    en: "Moved {resource} before {referrer}, which refers to it.",
    zh: "把 {resource} 移到了引用它的 {referrer} 之前。",
  },
  "state.repair.magic": {
    en: "Recomputed the manifest magic from the manifest version.",
    zh: "根据 manifest 版本重新计算了 manifest 的 magic。",
  },
  "state.repair.cycle": {
    en: "{urn} is part of a reference cycle, so no order puts it after everything it refers to; edit one of the references by hand.",
    zh: "{urn} 处于循环引用中，任何顺序都无法让它排在它引用的所有资源之后；请手动修改其中一个引用。",
  },
  "state.repair.dropped": {
    en: "Dropped {resource}'s {what} {target}: it is not in the state.",
    zh: "删除了 {resource} 的{what} {target}：它不在状态中。",
  },
  "state.repair.propertyDependency": {
    en: 'dependency for property "{property}"',
    zh: "属性“{property}”的依赖",
  },
  "state.names.and": { en: " and ", zh: " 和 " },
  "state.names.collision": {
    en: "{name} is claimed by {owners}: only one of them can have it.",
    zh: "{name} 同时被 {owners} 占用：只有其中一个能使用它。",
  },
  "state.names.noStageNoSuffix": {
    en: "{name} (stage {stage}) has neither the stage nor a random suffix in it: another stage deploying it collides.",
    zh: "{name}（阶段 {stage}）既不含阶段名也没有随机后缀：其他阶段部署它时会发生资源冲突。",
  },
  "state.names.stageTruncated": {
    en: "{name} was cut to the {max}-character limit and lost the stage {stage}: stages are told apart only by the suffix.",
    zh: "{name} 被截断到 {max} 个字符的上限，丢失了阶段名 {stage}：各阶段只能靠后缀区分。",
  },
  "state.summary.incomplete.one": {
    en: 'the resource at index {indexes} has no "urn" or no "type", so Pulumi refuses this state; `stateward state verify` lists every problem.',
    zh: '索引 {indexes} 处的资源缺少 "urn" 或 "type"，因此 Pulumi 会拒绝此状态；`stateward state verify` 会列出全部问题。',
  },
  "state.summary.incomplete.other": {
    en: '{count} resources at index {indexes} have no "urn" or no "type", so Pulumi refuses this state; `stateward state verify` lists every problem.',
    zh: '索引 {indexes} 处的 {count} 个资源缺少 "urn" 或 "type"，因此 Pulumi 会拒绝此状态；`stateward state verify` 会列出全部问题。',
  },
  "state.summary.incompletePending.one": {
    en: 'a pending operation\'s resource has no "urn" or no "type".',
    zh: '有 1 个未完成操作的资源缺少 "urn" 或 "type"。',
  },
  "state.summary.incompletePending.other": {
    en: '{count} pending operations\' resources have no "urn" or no "type".',
    zh: '有 {count} 个未完成操作的资源缺少 "urn" 或 "type"。',
  },
});
