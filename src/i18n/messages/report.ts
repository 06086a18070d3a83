/** Reporters: what each command prints on a terminal and in Markdown. */
import { defineMessages } from "../types.js";

export const report = defineMessages({
  // Shared by several reports.
  "report.dry-run-nothing-written": { en: "Dry run: nothing was written.", zh: "试运行：未写入任何内容。" },
  "report.none-parenthesized": { en: "(none)", zh: "（无）" },

  "report.stage": { en: "stage {stage}", zh: "阶段 {stage}" },

  "report.not-checked": { en: "not checked: {why}", zh: "未检查：{why}" },
  "report.nothing-to-check": { en: "nothing to check: {why}", zh: "无可检查的对象：{why}" },
  "report.incomplete-part": { en: "{kind} in {region}: {error}", zh: "{region} 中的 {kind}：{error}" },

  // Counts (English chooses the plural in code; Chinese has one form).
  "report.count.resource.one": { en: "{count} resource", zh: "{count} 个资源" },
  "report.count.resource.other": { en: "{count} resources", zh: "{count} 个资源" },
  "report.count.api-call.one": { en: "{count} API call", zh: "{count} 次 API 调用" },
  "report.count.api-call.other": { en: "{count} API calls", zh: "{count} 次 API 调用" },
  "report.count.part.one": { en: "{count} part", zh: "{count} 个部分" },
  "report.count.part.other": { en: "{count} parts", zh: "{count} 个部分" },
  "report.count.blocker.one": { en: "{count} blocker", zh: "{count} 个阻断问题" },
  "report.count.blocker.other": { en: "{count} blockers", zh: "{count} 个阻断问题" },
  "report.count.warning.one": { en: "{count} warning", zh: "{count} 个警告" },
  "report.count.warning.other": { en: "{count} warnings", zh: "{count} 个警告" },
  "report.count.stage.one": { en: "{count} stage", zh: "{count} 个阶段" },
  "report.count.stage.other": { en: "{count} stages", zh: "{count} 个阶段" },
  "report.count.type.one": { en: "{count} type", zh: "{count} 种类型" },
  "report.count.type.other": { en: "{count} types", zh: "{count} 种类型" },
  "report.count.state-entry.one": { en: "{count} state entry", zh: "{count} 个状态条目" },
  "report.count.state-entry.other": { en: "{count} state entries", zh: "{count} 个状态条目" },
  "report.count.action.one": { en: "{count} action", zh: "{count} 个操作" },
  "report.count.action.other": { en: "{count} actions", zh: "{count} 个操作" },
  "report.count.deletion.one": { en: "{count} deletion", zh: "{count} 个删除操作" },
  "report.count.deletion.other": { en: "{count} deletions", zh: "{count} 个删除操作" },

  // doctor
  "report.doctor.title": { en: "Doctor", zh: "诊断" },
  "report.doctor.stages": { en: "(stages {stages})", zh: "（阶段 {stages}）" },
  "report.doctor.unnamed": { en: "(unnamed)", zh: "（未命名）" },
  "report.doctor.tagged": { en: "(tagged sst:stage={stage})", zh: "（标签 sst:stage={stage}）" },
  "report.doctor.seen": { en: "seen:", zh: "现象：" },
  "report.doctor.why": { en: "why:", zh: "原因：" },
  "report.doctor.fix": { en: "fix:", zh: "修复：" },
  "report.doctor.summary": {
    en: "{blockers}, {warnings}{info} in {stages} of {app}{incomplete} ({calls}, {seconds} s).",
    zh: "{app} 的 {stages}中共有 {blockers}，{warnings}{info}{incomplete}（{calls}，用时 {seconds} 秒）。",
  },
  "report.doctor.summary-info": { en: ", {count} info", zh: "，{count} 条提示" },
  "report.doctor.summary-incomplete": {
    en: "; INCOMPLETE: {parts} of the scan failed",
    zh: "；不完整：扫描中有 {parts}失败",
  },
  "report.doctor.no-problems": {
    en: "No problems found: the state matches the cloud, nothing blocks the next deploy.",
    zh: "未发现问题：状态与云端一致，没有任何问题会阻断下次部署。",
  },
  "report.doctor.no-problems-short": {
    en: "No problems found: the state matches the cloud.",
    zh: "未发现问题：状态与云端一致。",
  },
  "report.doctor.no-problems-partial.type": {
    en: "No problems found in the {checked} checked; {missed} not checked (type {types}).",
    zh: "已检查的 {checked}中未发现问题；{missed} 个未检查（类型 {types}）。",
  },
  "report.doctor.no-problems-partial.types": {
    en: "No problems found in the {checked} checked; {missed} not checked (types {types}).",
    zh: "已检查的 {checked}中未发现问题；{missed} 个未检查（类型 {types}）。",
  },
  "report.doctor.incomplete": { en: "Incomplete scan", zh: "扫描不完整" },
  "report.doctor.incomplete-unknown": {
    en: "What those calls would have found is unknown; this is not a clean bill of health.",
    zh: "这些调用本应发现什么无从得知；这并不表示一切正常。",
  },
  "report.coverage.empty": {
    en: "The state holds no resources to check{nothing}.",
    zh: "状态中没有需要检查的资源{nothing}。",
  },
  "report.coverage.all.one": { en: "Checked the 1 resource{nothing}.", zh: "已检查全部 1 个资源{nothing}。" },
  "report.coverage.all.other": {
    en: "Checked all {total} resources{nothing}.",
    zh: "已检查全部 {total} 个资源{nothing}。",
  },
  "report.coverage.partial.one.type": {
    en: "Checked {checked} of {total}; {missed} of type {types} was not checked{nothing}.",
    zh: "已检查 {total}中的 {checked} 个；类型 {types} 的 {missed}未检查{nothing}。",
  },
  "report.coverage.partial.one.types": {
    en: "Checked {checked} of {total}; {missed} of types {types} was not checked{nothing}.",
    zh: "已检查 {total}中的 {checked} 个；类型 {types} 的 {missed}未检查{nothing}。",
  },
  "report.coverage.partial.other.type": {
    en: "Checked {checked} of {total}; {missed} of type {types} were not checked{nothing}.",
    zh: "已检查 {total}中的 {checked} 个；类型 {types} 的 {missed}未检查{nothing}。",
  },
  "report.coverage.partial.other.types": {
    en: "Checked {checked} of {total}; {missed} of types {types} were not checked{nothing}.",
    zh: "已检查 {total}中的 {checked} 个；类型 {types} 的 {missed}未检查{nothing}。",
  },
  "report.coverage.nothing.one.type": {
    en: "; {count} entry has nothing in AWS to check (type {types})",
    zh: "；{count} 个条目在 AWS 中没有可检查的对象（类型 {types}）",
  },
  "report.coverage.nothing.one.types": {
    en: "; {count} entry has nothing in AWS to check (types {types})",
    zh: "；{count} 个条目在 AWS 中没有可检查的对象（类型 {types}）",
  },
  "report.coverage.nothing.other.type": {
    en: "; {count} entries have nothing in AWS to check (type {types})",
    zh: "；{count} 个条目在 AWS 中没有可检查的对象（类型 {types}）",
  },
  "report.coverage.nothing.other.types": {
    en: "; {count} entries have nothing in AWS to check (types {types})",
    zh: "；{count} 个条目在 AWS 中没有可检查的对象（类型 {types}）",
  },
  "report.doctor.md-title": {
    en: "## stateward doctor — {app} ({stages})",
    zh: "## stateward doctor — {app}（阶段 {stages}）",
  },
  "report.doctor.md-severity": { en: "severity", zh: "严重程度" },
  "report.doctor.md-rule": { en: "rule", zh: "规则" },
  "report.doctor.md-stage": { en: "stage", zh: "阶段" },
  "report.doctor.md-resources": { en: "resources", zh: "资源" },
  "report.doctor.md-seen": { en: "Seen:", zh: "现象：" },
  "report.doctor.md-why": { en: "Why:", zh: "原因：" },
  "report.doctor.md-incomplete": {
    en: "**Incomplete scan** — these calls failed, so the result is not clean:",
    zh: "**扫描不完整** —— 以下调用失败，因此结果不能视为没有问题：",
  },
  "report.error.md-title": { en: "## {command} — error", zh: "## {command} — 错误" },
  "report.error.md-exit": {
    en: "Exit code {code}: nothing was checked to the end, so this is not a clean result.",
    zh: "退出码 {code}：检查没有完成，因此这不是一个没有问题的结果。",
  },

  // cleanup
  "report.cleanup.title": { en: "Cleanup", zh: "清理" },
  "report.cleanup.nothing": {
    en: "Nothing to delete: every resource of these stages is in a state.",
    zh: "没有需要删除的资源：这些阶段的每个资源都在某个状态中。",
  },
  "report.cleanup.deleted": { en: "deleted", zh: "已删除" },
  "report.cleanup.failed": { en: "failed", zh: "失败" },
  "report.cleanup.delete": { en: "DELETE", zh: "删除" },
  "report.cleanup.pending": { en: "pending", zh: "未完成" },
  "report.cleanup.refused": { en: "refused", zh: "已拒绝" },
  "report.cleanup.kept": { en: "kept", zh: "保留" },
  "report.cleanup.why-was": { en: "({why}, was {urn})", zh: "（{why}，原为 {urn}）" },
  "report.cleanup.dry-run": {
    en: "Dry run: nothing was deleted. To delete: {flags}.",
    zh: "试运行：未删除任何资源。要删除，请加上：{flags}。",
  },

  // adopt
  "report.adopt.resolved-pending": { en: "Resolved the pending create {urn}", zh: "已解决待创建的 {urn}" },
  "report.adopt.new-entry": { en: "New entry {urn}", zh: "新条目 {urn}" },
  "report.adopt.id": { en: "id {id}", zh: "物理 id {id}" },
  "report.adopt.id-parent": { en: "id {id}, parent {parent}", zh: "物理 id {id}，父资源 {parent}" },
  "report.adopt.id-provider": { en: "id {id}, provider {provider}", zh: "物理 id {id}，提供程序 {provider}" },
  "report.adopt.id-parent-provider": {
    en: "id {id}, parent {parent}, provider {provider}",
    zh: "物理 id {id}，父资源 {parent}，提供程序 {provider}",
  },
  "report.adopt.retain-on-delete": {
    en: "marked retainOnDelete: removing it from the app, or the stage, leaves it in AWS",
    zh: "已标记 retainOnDelete：从应用中移除它或移除整个阶段时，它会保留在 AWS 中",
  },
  "report.adopt.accepted": {
    en: "accepted: {property} is {cloud} live but {state} asked for — the next deploy replaces it",
    zh: "已接受：{property} 在云端为 {cloud}，但要求的是 {state} —— 下次部署会替换该资源",
  },
  "report.adopt.written": {
    en: "Written to {location} (previous state kept at {backup}).",
    zh: "已写入 {location}（之前的状态保存在 {backup}）。",
  },

  // forget
  "report.forget.dependent": { en: "(dependent)", zh: "（依赖项）" },
  "report.forget.retained": { en: "(retainOnDelete: stays in AWS)", zh: "（retainOnDelete：保留在 AWS 中）" },
  "report.forget.pending": { en: "pending {operation}  {urn}", zh: "未完成的操作 {operation}  {urn}" },
  "report.forget.written": {
    en: "Written to {location}; the previous state is kept at {backup}; audit {audit}.",
    zh: "已写入 {location}；之前的状态保存在 {backup}；审计日志 {audit}。",
  },

  // SARIF: the texts a person reads (property names and levels stay as SARIF defines them).
  "report.sarif.artifact": { en: "The state of stage {stage} of {app}", zh: "{app} 的阶段 {stage} 的状态" },
  "report.sarif.message": { en: "{evidence}. {cause} Fix: {fix}", zh: "{evidence}。{cause} 修复：{fix}" },
  "report.sarif.unchecked.one": {
    en: "{count} resource of type {type} was not checked in the cloud",
    zh: "类型 {type} 的 {count} 个资源未在云端检查",
  },
  "report.sarif.unchecked.other": {
    en: "{count} resources of type {type} were not checked in the cloud",
    zh: "类型 {type} 的 {count} 个资源未在云端检查",
  },
  "report.sarif.nothing.one": {
    en: "{count} state entry of type {type} has nothing in AWS to check: {reason}",
    zh: "类型 {type} 的 {count} 个状态条目在 AWS 中没有可检查的对象：{reason}",
  },
  "report.sarif.nothing.other": {
    en: "{count} state entries of type {type} have nothing in AWS to check: {reason}",
    zh: "类型 {type} 的 {count} 个状态条目在 AWS 中没有可检查的对象：{reason}",
  },

  // names
  "report.names.title": { en: "Names", zh: "名称" },
  "report.names.for": {
    en: "{title} for {logical} in {app}/{stage}",
    zh: "{app}/{stage} 中 {logical} 的{title}",
  },
  "report.names.cut-stage": {
    en: "(the stage was cut to fit {max})",
    zh: "（阶段名已截短以适应 {max} 个字符）",
  },
  "report.names.cut-name": { en: "(the name was cut to fit {max})", zh: "（名称已截短以适应 {max} 个字符）" },
  "report.names.no-problems-label": { en: "No name problems", zh: "没有名称问题" },
  "report.names.no-problems": { en: "{ok} in {stages}.", zh: "{stages} 中{ok}。" },

  // plan
  "report.plan.title": { en: "Repair plan", zh: "修复计划" },
  "report.plan.nothing": { en: "Nothing to repair.", zh: "没有需要修复的内容。" },
  "report.plan.deletions": {
    en: "{deletions} (only with --allow-delete and --confirm <stage>):",
    zh: "{deletions}（仅在加上 --allow-delete 和 --confirm <stage> 时执行）：",
  },
  "report.plan.advice": { en: "advice", zh: "建议" },
  "report.plan.target.state": { en: "state", zh: "状态" },
  "report.plan.target.cloud": { en: "cloud", zh: "云端" },
  "report.plan.target.lock": { en: "lock", zh: "锁" },
  "report.plan.target.home-state": { en: "home-state", zh: "状态存储" },
  "report.plan.not-reversible": { en: "(not reversible)", zh: "（不可撤销）" },
  "report.plan.closing.unsaved": {
    en: "{actions}; save it with --out plan.json, then `stateward apply {file}` carries it out.",
    zh: "{actions}；用 --out plan.json 保存计划，然后运行 `stateward apply {file}` 执行。",
  },
  "report.plan.closing.unsaved-deletions": {
    en: "{actions}; save it with --out plan.json, then `stateward apply {file}` carries it out (the deletions only with --allow-delete {confirms}).",
    zh: "{actions}；用 --out plan.json 保存计划，然后运行 `stateward apply {file}` 执行（删除操作仅在加上 --allow-delete {confirms} 时执行）。",
  },
  "report.plan.closing.saved": {
    en: "{actions}; saved to {file}; `stateward apply {file}` carries it out.",
    zh: "{actions}；已保存到 {file}；运行 `stateward apply {file}` 执行。",
  },
  "report.plan.closing.saved-deletions": {
    en: "{actions}; saved to {file}; `stateward apply {file}` carries it out (the deletions only with --allow-delete {confirms}).",
    zh: "{actions}；已保存到 {file}；运行 `stateward apply {file}` 执行（删除操作仅在加上 --allow-delete {confirms} 时执行）。",
  },

  // apply
  "report.apply.title": { en: "Applied", zh: "已执行" },
  "report.apply.title-dry-run": { en: "Apply (dry run)", zh: "执行（试运行）" },
  "report.apply.done": { en: "done", zh: "完成" },
  "report.apply.pending": { en: "pending", zh: "未完成" },
  "report.apply.failed": { en: "failed", zh: "失败" },
  "report.apply.skipped": { en: "skipped", zh: "已跳过" },
  "report.apply.refused": { en: "refused", zh: "已拒绝" },
  "report.apply.advice": { en: "advice", zh: "建议" },
  "report.apply.state-of": { en: "State of {stage}", zh: "{stage} 的状态" },
  "report.apply.not-written": { en: " (not written)", zh: "（未写入）" },
  "report.apply.written-to": { en: " written to {location}", zh: "，已写入 {location}" },
  "report.apply.diff": {
    en: "{state}{written}: {added} added, {removed} removed, {changed} changed, pending operations {pending} cleared",
    zh: "{state}{written}：新增 {added} 个，移除 {removed} 个，变更 {changed} 个，清除未完成的操作 {pending} 个",
  },
  "report.apply.pending-removed": { en: "pending {type} {urn}", zh: "未完成的操作 {type} {urn}" },

  // scan
  "report.scan.title": { en: "Scan", zh: "扫描" },
  "report.scan.regions": { en: "(regions {regions})", zh: "（区域 {regions}）" },
  "report.scan.stage-title": { en: "Stage {stage}", zh: "阶段 {stage}" },
  "report.scan.stage": {
    en: "{stage}  {managed} managed, {missing} missing, {unmanaged} unmanaged",
    zh: "{stage}  {managed} 个受管理，{missing} 个缺失，{unmanaged} 个未受管理",
  },
  "report.scan.drifted": { en: "drifted", zh: "已漂移" },
  "report.scan.managed": { en: "managed", zh: "受管理" },
  "report.scan.missing": { en: "missing", zh: "缺失" },
  "report.scan.unmanaged": { en: "unmanaged", zh: "未受管理" },
  "report.scan.found-by.tag": { en: "tag", zh: "标签" },
  "report.scan.found-by.name": { en: "name", zh: "名称" },
  "report.scan.found-by.read": { en: "read", zh: "读取" },
  "report.scan.found-by.history": { en: "history", zh: "历史" },
  "report.scan.col.status": { en: "status", zh: "状况" },
  "report.scan.col.type": { en: "type", zh: "类型" },
  "report.scan.col.name": { en: "name", zh: "名称" },
  "report.scan.col.region": { en: "region", zh: "区域" },
  "report.scan.col.found-by": { en: "found by", zh: "发现方式" },
  "report.scan.col.note": { en: "note", zh: "说明" },
  "report.scan.note.pending": { en: "pending {operation} in state", zh: "状态中有未完成的 {operation} 操作" },
  "report.scan.note.missing": { en: "in state, not in the cloud", zh: "在状态中，不在云端" },
  "report.scan.note.unmanaged": { en: "in the cloud, not in state", zh: "在云端，不在状态中" },
  "report.scan.note.history": {
    en: "named by an older version of the state",
    zh: "由状态的旧版本记录",
  },
  "report.scan.note.other-stage": { en: "in stage {stage}'s state", zh: "在阶段 {stage} 的状态中" },
  "report.scan.note.drift": {
    en: "{property}: state {state}, cloud {cloud}",
    zh: "{property}：状态 {state}，云端 {cloud}",
  },
  "report.scan.all-matched": {
    en: "Everything in the state is in the cloud, and nothing of this stage is outside it.",
    zh: "状态中的一切都在云端，此阶段也没有状态之外的资源。",
  },
  "report.scan.not-inventoried": {
    en: "{entries} of {types} stateward does not inventory yet (not checked).",
    zh: "{entries}属于 stateward 尚未盘点的 {types}（未检查）。",
  },
  "report.scan.nothing-to-check": {
    en: "{entries} with nothing in AWS to check:",
    zh: "{entries}在 AWS 中没有可检查的对象：",
  },
  "report.scan.incomplete": {
    en: "Incomplete: {parts} of the scan failed",
    zh: "不完整：扫描中有 {parts}失败",
  },
  "report.scan.incomplete-unknown": {
    en: "What those calls would have found is unknown: this is not a clean result (exit 5).",
    zh: "这些调用本应发现什么无从得知：这不是一个没有问题的结果（退出码 5）。",
  },
  "report.calls.by-service": {
    en: "Requests sent, by service (each retry counted): {services}.",
    zh: "按服务统计实际发出的请求（每次重试都计入）：{services}。",
  },
  "report.calls.by-service.before-scan": {
    en: "Requests sent, by service (each retry counted): {services}; {before} before the cloud scan.",
    zh: "按服务统计实际发出的请求（每次重试都计入）：{services}；其中 {before} 次在扫描云资源之前。",
  },
  "report.scan.closing": {
    en: "{calls} in {seconds} s. --json lists managed resources too.",
    zh: "{calls}，用时 {seconds} 秒。--json 还会列出受管理的资源。",
  },
});
