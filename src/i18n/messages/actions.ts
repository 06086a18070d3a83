/** Actions: what each command's library call says and refuses. */
import { defineMessages } from "../types.js";

export const actions = defineMessages({
  // Ages (a lock's, the limit of --older-than).

  // lock release
  "actions.lock.interrupted-before": {
    en: "The lock release of {backend} was interrupted before anything was written: the lock is still there.",
    zh: "{backend} 的锁释放在写入任何内容之前被中断：锁仍然存在。",
  },
  "actions.lock.interrupted-before-hint": {
    en: "Run the command again to release it.",
    zh: "再次运行该命令以释放锁。",
  },
  "actions.lock.interrupted-after": {
    en: "The lock release of {backend} was interrupted after it had started, so it was finished: {released} released, audit record {audit}.",
    zh: "{backend} 的锁释放在开始后被中断，因此已将其完成：已释放 {released}，审计记录 {audit}。",
  },
  "actions.lock.interrupted-after-wrote": {
    en: "The lock release of {backend} was interrupted after it had started, so it was finished: {released} released, {wrote} written, audit record {audit}.",
    zh: "{backend} 的锁释放在开始后被中断，因此已将其完成：已释放 {released}，已写入 {wrote}，审计记录 {audit}。",
  },
  "actions.lock.interrupted-after-hint": { en: "Nothing needs redoing.", zh: "无需重做任何操作。" },
  "actions.lock.age-unknown": { en: "of unknown age", zh: "存在时间未知" },
  "actions.lock.age": { en: "{age} old", zh: "已存在 {age}" },
  "actions.lock.too-fresh": {
    en: "The lock of {backend} is {age}{command}: a deploy may still be running, so it was left in place.",
    zh: "{backend} 的锁{age}{command}：可能仍有部署在运行，因此未释放该锁。",
  },
  "actions.lock.too-fresh-hint": {
    en: "Check that nothing is deploying this stage, then pass --force (or --older-than with a shorter age; now {limit}).",
    zh: "请确认没有部署正在使用此阶段，然后加上 --force（或用 --older-than 指定更短的时间；当前为 {limit}）。",
  },
  "actions.lock.summary.one": { en: "released the lock held {held}", zh: "释放了{held}持有的锁" },
  "actions.lock.summary.one-forced": {
    en: "released the lock held {held} (forced)",
    zh: "释放了{held}持有的锁（强制）",
  },
  "actions.lock.summary.other": {
    en: "released {count} locks held {held}",
    zh: "释放了{held}持有的 {count} 个锁",
  },
  "actions.lock.summary.other-forced": {
    en: "released {count} locks held {held} (forced)",
    zh: "释放了{held}持有的 {count} 个锁（强制）",
  },
  "actions.lock.by": { en: "by {holder}", zh: "由 {holder}" },
  "actions.lock.for": { en: "for {command}", zh: "为 {command}" },
  "actions.lock.since": { en: "since {time}", zh: "自 {time} 起" },
  "actions.lock.update": { en: "(update {id})", zh: "（更新 {id}）" },
  "actions.lock.by-unknown": { en: "by an unknown process", zh: "由未知进程" },
  "actions.lock.bad-duration": {
    en: '--older-than "{text}" is not a duration.',
    zh: "--older-than 的值“{text}”不是有效的时长。",
  },
  "actions.lock.bad-duration-hint": {
    en: "Use a number with s, m, h or d, e.g. 15m or 2h.",
    zh: "请使用带 s、m、h 或 d 的数字，例如 15m 或 2h。",
  },

  // Shared.
  "actions.no-deployment": { en: "{location} holds no deployment.", zh: "{location} 中没有部署。" },
  "actions.dry-run": { en: "dry run", zh: "试运行" },

  // adopt
  "actions.adopt.cannot-adopt": {
    en: "stateward cannot adopt {type} yet.",
    zh: "stateward 暂时无法接管 {type}。",
  },
  "actions.adopt.cannot-adopt-hint": {
    en: "doctor's findings name the types it can adopt.",
    zh: "doctor 的问题列表中列出了可以接管的类型。",
  },
  "actions.adopt.no-cloud": {
    en: "{backend} is not in AWS: there is no cloud to read the resource from.",
    zh: "{backend} 不在 AWS 中：没有可以读取该资源的云端。",
  },
  "actions.adopt.not-in-cloud": {
    en: "{label} {id} does not exist in {region}.",
    zh: "{region} 中不存在 {label} {id}。",
  },
  "actions.adopt.not-in-cloud-hint": {
    en: "Check the id (doctor and scan show it) and --region.",
    zh: "请检查 id（doctor 和 scan 会显示它）和 --region。",
  },
  "actions.adopt.summary": { en: "adopted {type} {id} as {urn}", zh: "已将 {type} {id} 接管为 {urn}" },
  "actions.adopt.summary-pending": {
    en: "adopted {type} {id} as {urn} (its pending create)",
    zh: "已将 {type} {id} 接管为 {urn}（原为待创建）",
  },

  // apply: the state side
  "actions.apply.change.no-state-then": { en: "it had no state then", zh: "当时它没有状态" },
  "actions.apply.change.no-state-now": { en: "it has no state now", zh: "现在它没有状态" },
  "actions.apply.change.revision": {
    en: "revision {revision} then, another now",
    zh: "当时为修订版 {revision}，现在已是另一个",
  },
  "actions.apply.planned-version": { en: "the planned version", zh: "计划所依据的版本" },
  "actions.apply.change.since": {
    en: "since version {version}: {added} added, {removed} removed, {changed} changed",
    zh: "自版本 {version} 起：新增 {added} 个，移除 {removed} 个，变更 {changed} 个",
  },
  "actions.apply.change.since-names": {
    en: "since version {version}: {added} added, {removed} removed, {changed} changed — {names}",
    zh: "自版本 {version} 起：新增 {added} 个，移除 {removed} 个，变更 {changed} 个 —— {names}",
  },
  "actions.apply.stale": {
    en: "The state of {stage} changed since the plan was made ({what}); nothing was applied.",
    zh: "{stage} 的状态在计划生成后已发生变化（{what}）；未执行任何操作。",
  },
  "actions.apply.stale-hint": {
    en: "Look at `stateward history diff previous current --stage {stage}`, then make a new plan.",
    zh: "请查看 `stateward history diff previous current --stage {stage}`，然后重新生成计划。",
  },
  "actions.apply.cannot-adopt": {
    en: "Action {id}: stateward cannot adopt {type} here.",
    zh: "操作 {id}：stateward 无法在此接管 {type}。",
  },
  "actions.apply.cannot-adopt-this": {
    en: "Action {id}: stateward cannot adopt this here.",
    zh: "操作 {id}：stateward 无法在此接管该资源。",
  },
  "actions.apply.gone": {
    en: "Action {id}: {label} {cloudId} is no longer in the cloud; nothing was written.",
    zh: "操作 {id}：{label} {cloudId} 已不在云端；未写入任何内容。",
  },
  "actions.apply.summary.one": {
    en: "applied 1 state action of a repair plan ({kinds})",
    zh: "执行了修复计划中的 1 个状态操作（{kinds}）",
  },
  "actions.apply.summary.other": {
    en: "applied {count} state actions of a repair plan ({kinds})",
    zh: "执行了修复计划中的 {count} 个状态操作（{kinds}）",
  },
  "actions.apply.no-state": { en: "the stage has no state", zh: "该阶段没有状态" },
  "actions.apply.integrity": {
    en: "The plan's edits of {stage} would fail integrity ({violation}); nothing was written.",
    zh: "计划对 {stage} 的修改将无法通过完整性检查（{violation}）；未写入任何内容。",
  },

  // apply
  "actions.apply.unconfirmed.one": {
    en: "The plan deletes resources of {stages}, and that stage was not confirmed for this run; nothing was applied.",
    zh: "该计划会删除 {stages} 的资源，但本次运行未确认该阶段；未执行任何操作。",
  },
  "actions.apply.unconfirmed.other": {
    en: "The plan deletes resources of {stages}, and those stages were not confirmed for this run; nothing was applied.",
    zh: "该计划会删除 {stages} 的资源，但本次运行未确认这些阶段；未执行任何操作。",
  },
  "actions.apply.unconfirmed-hint": {
    en: "Type each stage name when asked, or pass {flags}; a confirmation for one stage never covers another. Without --allow-delete nothing is deleted.",
    zh: "在提示时输入每个阶段的名称，或加上 {flags}；对一个阶段的确认不适用于其他阶段。不加 --allow-delete 时不会删除任何资源。",
  },
  "actions.apply.protected": { en: "{reason}; nothing was applied.", zh: "{reason}；未执行任何操作。" },
  "actions.apply.lock-gone": { en: "no lock was held any more", zh: "锁已不再被持有" },
  "actions.apply.lock-released": { en: "released; audit {audit}", zh: "已释放；审计记录 {audit}" },
  "actions.apply.no-credentials": {
    en: "no AWS credentials for this backend",
    zh: "没有此后端的 AWS 凭证",
  },
  "actions.apply.no-credentials-home": {
    en: "no AWS credentials for the other home",
    zh: "没有另一个状态存储的 AWS 凭证",
  },
  "actions.apply.cloud-deletion-skipped": {
    en: "a cloud deletion: pass --allow-delete and --confirm <stage> (or choose it on a terminal)",
    zh: "云端删除操作：需加上 --allow-delete 和 --confirm <stage>（或在终端中选择）",
  },
  "actions.apply.not-attempted": {
    en: "not attempted after an earlier failure",
    zh: "由于之前的失败而未尝试",
  },
  "actions.apply.copy-gone": { en: "{location} was already gone", zh: "{location} 已不存在" },
  "actions.apply.copy-summary": {
    en: "removed the second copy of {stage}'s state from the SST home in {region} (its resources were deleted first)",
    zh: "已从 {region} 的 SST 状态存储中移除 {stage} 状态的第二份副本（其资源已先行删除）",
  },
  "actions.apply.copy-removed": {
    en: "removed {location}; the bytes are kept at {backup}",
    zh: "已移除 {location}；原内容保存在 {backup}",
  },
  "actions.apply.copy-skipped": {
    en: "removes a state object: pass --allow-delete and --confirm {stage} (or choose it on a terminal)",
    zh: "会移除一个状态对象：需加上 --allow-delete 和 --confirm {stage}（或在终端中选择）",
  },
  "actions.apply.mismatch": {
    en: "The plan is for app {plan}, not {app}.",
    zh: "该计划属于应用 {plan}，而不是 {app}。",
  },

  "actions.version-label": { en: "version {id}", zh: "版本 {id}" },
  "actions.none": { en: "none", zh: "无" },
  "actions.not-in-aws": { en: "{backend} is not in AWS.", zh: "{backend} 不在 AWS 中。" },

  // cleanup
  "actions.cleanup.incomplete": {
    en: "The scan was incomplete ({parts}), so stateward cannot be sure what is unowned; nothing will be deleted.",
    zh: "扫描不完整（{parts}），stateward 无法确定哪些资源无人拥有；不会删除任何资源。",
  },
  "actions.cleanup.incomplete-part": { en: "{kind} in {region}", zh: "{region} 中的 {kind}" },
  "actions.cleanup.incomplete-hint": {
    en: "Run it again when those calls succeed.",
    zh: "请在这些调用能成功时再运行一次。",
  },
  "actions.cleanup.not-leftover.one": {
    en: "{names} is not among the leftovers doctor found for {stages}; nothing was deleted.",
    zh: "{names} 不在 doctor 为 {stages} 找到的残留资源中；未删除任何资源。",
  },
  "actions.cleanup.not-leftover.other": {
    en: "{names} are not among the leftovers doctor found for {stages}; nothing was deleted.",
    zh: "{names} 不在 doctor 为 {stages} 找到的残留资源中；未删除任何资源。",
  },
  "actions.cleanup.not-leftover-hint": {
    en: "Name a URN or physical id from `stateward cleanup` (the dry run lists them), or the kinds orphans, retained, removed-stages.",
    zh: "请指定 `stateward cleanup` 列出的 URN 或物理 id（试运行会列出它们），或类型 orphans、retained、removed-stages。",
  },
  "actions.cleanup.unconfirmed": {
    en: "cleanup --yes deletes resources of {stages}, and none of them was confirmed for this run; nothing was deleted.",
    zh: "cleanup --yes 会删除 {stages} 的资源，但本次运行没有确认其中任何一个阶段；未删除任何资源。",
  },
  "actions.cleanup.unconfirmed-hint": {
    en: "Pass {flags} for the stages to clean (once per stage), or type the stage name on a terminal.",
    zh: "为要清理的阶段加上 {flags}（每个阶段一次），或在终端中输入阶段名称。",
  },
  "actions.cleanup.not-yet-deleted": { en: "not yet deleted", zh: "尚未删除" },
  "actions.cleanup.summary": {
    en: "cleanup: {deleted} deleted, {pending} pending, {failed} failed, {refused} kept by the deletion gate (confirmed: {confirmed})",
    zh: "清理：已删除 {deleted} 个，未完成 {pending} 个，失败 {failed} 个，被删除闸门保留 {refused} 个（已确认：{confirmed}）",
  },

  // forget
  "actions.forget.no-urn": {
    en: "Name at least one URN to forget.",
    zh: "请至少指定一个要从状态中移除的 URN。",
  },
  "actions.forget.no-urn-hint": {
    en: "`stateward state show --stage <stage> --json` lists them; doctor's findings name them.",
    zh: "`stateward state show --stage <stage> --json` 会列出它们；doctor 的问题中也会给出。",
  },
  "actions.forget.no-pending": {
    en: "No pending operation in {location} is for {urns}.",
    zh: "{location} 中没有针对 {urns} 的未完成的操作。",
  },
  "actions.forget.no-pending-hint": {
    en: "`stateward state show --stage <stage>` lists the pending operations.",
    zh: "`stateward state show --stage <stage>` 会列出未完成的操作。",
  },
  "actions.forget.no-entry": { en: "{location} has no entry {urns}.", zh: "{location} 中没有条目 {urns}。" },
  "actions.forget.no-entry-hint": {
    en: "`stateward state show --stage <stage> --json` lists the entries.",
    zh: "`stateward state show --stage <stage> --json` 会列出所有条目。",
  },
  "actions.forget.protected": {
    en: "Refusing to remove protected resource {urns}.",
    zh: "拒绝移除受保护的资源 {urns}。",
  },
  "actions.forget.protected-hint": {
    en: "Pass --force to remove protected entries too.",
    zh: "加上 --force 以同时移除受保护的条目。",
  },
  "actions.forget.retained-note": {
    en: '{urn} is marked retainOnDelete (removal: "retain"): forgetting it leaves {id} in AWS, and a deploy that declares it again fails with "already exists". It stays retained: fix and apply never delete it, and cleanup only when it is named (--include {id}).',
    zh: '{urn} 标记了 retainOnDelete（removal: "retain"）：将它从状态中移除后，{id} 仍保留在 AWS 中，再次声明它的部署会因“已存在”而失败。它仍是保留的资源：fix 和 apply 从不删除它，cleanup 只在明确指定时才删除（--include {id}）。',
  },
  "actions.forget.retained-note-no-id": {
    en: '{urn} is marked retainOnDelete (removal: "retain"): forgetting it leaves it in AWS, and a deploy that declares it again fails with "already exists". It stays retained: fix and apply never delete it, and cleanup only when it is named (--include {urn}).',
    zh: '{urn} 标记了 retainOnDelete（removal: "retain"）：将它从状态中移除后，它仍保留在 AWS 中，再次声明它的部署会因“已存在”而失败。它仍是保留的资源：fix 和 apply 从不删除它，cleanup 只在明确指定时才删除（--include {urn}）。',
  },
  "actions.forget.summary-pending.one": { en: "cleared 1 pending operation", zh: "清除了 1 个未完成的操作" },
  "actions.forget.summary-pending.other": {
    en: "cleared {count} pending operations",
    zh: "清除了 {count} 个未完成的操作",
  },
  "actions.forget.summary.one": {
    en: "forgot 1 entry (the cloud is untouched)",
    zh: "从状态中移除了 1 个条目（云端未改动）",
  },
  "actions.forget.summary.other": {
    en: "forgot {count} entries (the cloud is untouched)",
    zh: "从状态中移除了 {count} 个条目（云端未改动）",
  },

  // names
  "actions.names.bad-logical": {
    en: '"{logical}" is not a logical name (letters and digits, starting with a letter).',
    zh: "“{logical}”不是有效的逻辑名称（只能包含字母和数字，并以字母开头）。",
  },
  "actions.names.no-rule": {
    en: "stateward has no naming rule for {type}.",
    zh: "stateward 没有 {type} 的命名规则。",
  },
  "actions.names.no-rule-hint": { en: "Known types: {types}.", zh: "已知类型：{types}。" },
  "actions.names.which-stage": {
    en: "Which stage? Pass --stage <stage>.",
    zh: "哪个阶段？请加上 --stage <stage>。",
  },
  "actions.names.which-app": {
    en: "Which app? Pass --app <app>, or run inside the SST project.",
    zh: "哪个应用？请加上 --app <app>，或在 SST 项目内运行。",
  },

  // plan
  "actions.plan.incomplete": {
    en: "The scan was incomplete, so no plan was made (a plan never follows an incomplete scan).",
    zh: "扫描不完整，因此没有生成计划（不完整的扫描之后从不生成计划）。",
  },
  "actions.plan.incomplete-hint": {
    en: "Run `stateward doctor` to see which calls failed, and plan again when they succeed.",
    zh: "运行 `stateward doctor` 查看哪些调用失败，在它们能成功时再生成计划。",
  },
  "actions.plan.too-big": {
    en: "{file} is {size} bytes, more than the 64 MB a repair plan can be.",
    zh: "{file} 有 {size} 字节，超过了修复计划 64 MB 的上限。",
  },
  "actions.plan.exists": {
    en: "{file} already exists; stateward will not overwrite it.",
    zh: "{file} 已存在；stateward 不会覆盖它。",
  },
  "actions.plan.unwritable": {
    en: "{file} could not be written ({error}).",
    zh: "无法写入 {file}（{error}）。",
  },
  "actions.plan.exists-hint": { en: "Choose another --out path.", zh: "请为 --out 选择其他路径。" },

  // scan
  "actions.scan.no-cloud": {
    en: "{backend} is not in AWS, so stateward does not know which account to scan.",
    zh: "{backend} 不在 AWS 中，因此 stateward 不知道要扫描哪个账户。",
  },
  "actions.scan.no-cloud-hint": {
    en: "Scan an SST stage, or a Pulumi DIY backend in S3 (s3://…) whose credentials reach the account.",
    zh: "请扫描一个 SST 阶段，或一个凭证可以访问该账户的 S3 中的 Pulumi DIY 后端（s3://…）。",
  },
  "actions.scan.no-stages": {
    en: "{backend}: the app has no stages with state.",
    zh: "{backend}：该应用没有带状态的阶段。",
  },
  "actions.scan.reading-stage": {
    en: "reading the state of stage {stage}",
    zh: "正在读取阶段 {stage} 的状态",
  },
  "actions.scan.reading-stages": {
    en: "reading the state of {count} stages",
    zh: "正在读取 {count} 个阶段的状态",
  },
});
