/* eslint-disable max-lines -- one area's catalog: data, no logic */
/** What doctor's rules report: evidence, cause and fix of each finding. */
import { defineMessages } from "../types.js";

export const rules = defineMessages({
  // Shared by several rules.
  "rules.list.and": { en: " and ", zh: " 和 " },
  "rules.already-exists.cause": {
    en: 'A deploy was interrupted after AWS created {name} but before Pulumi recorded it, so the next deploy will try to create it again and fail with "already exists".',
    zh: "部署在 AWS 创建 {name} 之后、Pulumi 记录它之前被中断，因此下次部署会尝试再次创建它，并因“已存在”而失败。",
  },
  "rules.leftovers.fix.cleanup": {
    en: "# or, if they are no longer wanted: {command}",
    zh: "# 或者，如果不再需要它们：{command}",
  },
  "rules.leftovers.fix.cleanup-retained": {
    en: "# or, if they are no longer wanted (a retained resource must be named): {commands}",
    zh: "# 或者，如果不再需要它们（保留的资源必须逐个指定）：{commands}",
  },
  "rules.remedy.adopt-new": {
    en: "adopt {name} into the state, read live",
    zh: "按实时读取的内容将 {name} 接管到状态中",
  },
  "rules.remedy.adopt-new.as": {
    en: "adopt {name} into the state as {urn}, read live",
    zh: "按实时读取的内容将 {name} 以 {urn} 接管到状态中",
  },
  "rules.remedy.adopt-back": {
    en: "adopt {name} back into the state, read live",
    zh: "按实时读取的内容将 {name} 接管回状态中",
  },
  "rules.remedy.adopt-back.as": {
    en: "adopt {name} back into the state as {urn}, read live",
    zh: "按实时读取的内容将 {name} 以 {urn} 接管回状态中",
  },
  "rules.remedy.adopt-retained": {
    en: "adopt {name} back into the state, read live, keeping retainOnDelete",
    zh: "按实时读取的内容将 {name} 接管回状态中，并保留 retainOnDelete",
  },
  "rules.remedy.adopt-retained.as": {
    en: "adopt {name} back into the state as {urn}, read live, keeping retainOnDelete",
    zh: "按实时读取的内容将 {name} 以 {urn} 接管回状态中，并保留 retainOnDelete",
  },
  "rules.remedy.delete.removed": {
    en: "DELETE {type} {id} in {region} (stage {stage}, removed)",
    zh: "删除 {region} 中的 {type} {id}（阶段 {stage}，已移除）",
  },
  "rules.remedy.delete.other-region": {
    en: "DELETE {type} {id} in {region} (stage {stage}: the copy deployed to another region)",
    zh: "删除 {region} 中的 {type} {id}（阶段 {stage}：部署到另一个区域的副本）",
  },
  "rules.removal.state-gone": { en: "the stage's state object is gone", zh: "该阶段的状态对象已不存在" },
  "rules.removal.state-empty": { en: "the stage's state is empty", zh: "该阶段的状态为空" },
  "rules.removal.last.unfinished": {
    en: "{state}; its last update record is an unfinished {command}",
    zh: "{state}；其最后一条更新记录是未完成的 {command}",
  },
  "rules.removal.last.finished": {
    en: "{state}; its last update record is a finished {command}",
    zh: "{state}；其最后一条更新记录是已完成的 {command}",
  },
  "rules.removal.last.failed": {
    en: "{state}; its last update record is a failed {command}",
    zh: "{state}；其最后一条更新记录是失败的 {command}",
  },
  "rules.removal.last.other": {
    en: "{state}; its last update record is a {outcome} {command}",
    zh: "{state}；其最后一条更新记录是 {outcome} 的 {command}",
  },
  "rules.removal.update": { en: "update", zh: "更新" },

  // orphan
  "rules.orphan.evidence": { en: "{items}; no state holds it", zh: "{items}；没有任何状态持有它们" },
  "rules.orphan.evidence.item": { en: "{name}: found by {how}", zh: "{name}：通过{how}找到" },
  "rules.orphan.found-by.tag": { en: "its sst:stage={stage} tag", zh: "其 sst:stage={stage} 标签" },
  "rules.orphan.found-by.history": { en: "an older version of the state", zh: "状态的旧版本" },
  "rules.orphan.found-by.name": { en: "its name", zh: "其名称" },
  "rules.orphan.cause": {
    en: "These belong to the stage by tag or name, but no state entry owns them: an interrupted deploy, a restored state, or something made by hand.",
    zh: "这些资源按标签或名称属于该阶段，但没有任何状态条目拥有它们：可能是部署被中断、状态被恢复，或是手动创建的。",
  },

  // retained-leftover
  "rules.retained-leftover.evidence.one": {
    en: "in the cloud with {stage}'s tags, not in the current state; an older version held it with retainOnDelete",
    zh: "云中存在带有 {stage} 标签的资源，但不在当前状态中；某个旧版本以 retainOnDelete 持有它",
  },
  "rules.retained-leftover.evidence.other": {
    en: "in the cloud with {stage}'s tags, not in the current state; an older version held them with retainOnDelete",
    zh: "云中存在带有 {stage} 标签的资源，但不在当前状态中；某个旧版本以 retainOnDelete 持有它们",
  },
  "rules.retained-leftover.cause": {
    en: 'removal: "retain" kept these in AWS when they left the app; a deploy that adds them again fails with "already exists".',
    zh: 'removal: "retain" 使这些资源在离开应用时仍保留在 AWS 中；再次添加它们的部署会因“已存在”而失败。',
  },

  // rolled-back
  "rules.rolled-back.evidence.one": {
    en: "the current state is an older version; a newer version (update {update}) held these, and they exist in the cloud",
    zh: "当前状态是旧版本；一个较新的版本（更新 {update}）持有这些资源，且它们存在于云中",
  },
  "rules.rolled-back.evidence.other": {
    en: "the current state is an older version; {count} newer versions (update {update}) held these, and they exist in the cloud",
    zh: "当前状态是旧版本；{count} 个较新的版本（更新 {update}）持有这些资源，且它们存在于云中",
  },
  "rules.rolled-back.cause": {
    en: 'The state was restored to an older version, so resources created since are no longer in it; the next deploy will try to create them again and fail with "already exists".',
    zh: "状态被恢复到了旧版本，此后创建的资源已不在其中；下次部署会尝试再次创建它们，并因“已存在”而失败。",
  },
  "rules.rolled-back.fix.all": { en: "# or all at once: {command}", zh: "# 或者一次性处理：{command}" },

  // removed-stage-leftover
  "rules.removed-stage-leftover.evidence.one": {
    en: "{removal}; this still carries {stage}'s tags or names: {list}",
    zh: "{removal}；该资源仍带有 {stage} 的标签或名称：{list}",
  },
  "rules.removed-stage-leftover.evidence.other": {
    en: "{removal}; these still carry {stage}'s tags or names: {list}",
    zh: "{removal}；这些资源仍带有 {stage} 的标签或名称：{list}",
  },
  "rules.removed-stage-leftover.cause.one": {
    en: 'Stage {stage} was removed, but its remove did not delete this (`sst remove` cancelled, failed or timed out, or the state deleted by hand). No state will manage it again, and a new stage {stage} would fail on the names with "already exists".',
    zh: "阶段 {stage} 已被移除，但移除时没有删除该资源（`sst remove` 被取消、失败或超时，或状态被手动删除）。不会再有状态管理它，新建的阶段 {stage} 也会因名称“已存在”而失败。",
  },
  "rules.removed-stage-leftover.cause.other": {
    en: 'Stage {stage} was removed, but its remove did not delete these (`sst remove` cancelled, failed or timed out, or the state deleted by hand). No state will manage them again, and a new stage {stage} would fail on the names with "already exists".',
    zh: "阶段 {stage} 已被移除，但移除时没有删除这些资源（`sst remove` 被取消、失败或超时，或状态被手动删除）。不会再有状态管理它们，新建的阶段 {stage} 也会因名称“已存在”而失败。",
  },

  // cloudfront-leftover
  "rules.cloudfront-leftover.cause": {
    en: "`sst remove` did not finish: CloudFront distributions take minutes to disable and Lambda@Edge replicas hours to go, so removes are often cancelled half way.",
    zh: "`sst remove` 没有完成：CloudFront 分发需要几分钟才能禁用，Lambda@Edge 副本需要数小时才会清除，所以移除常常中途被取消。",
  },

  // drift
  "rules.drift.evidence.item": {
    en: "{property}: state {state}, cloud {cloud}",
    zh: "{property}：状态中为 {state}，云中为 {cloud}",
  },
  "rules.drift.cause": {
    en: "Changed outside Pulumi (console, CLI, another tool); the next deploy will change it back.",
    zh: "在 Pulumi 之外被修改（控制台、CLI 或其他工具）；下次部署会把它改回去。",
  },

  // integrity
  "rules.integrity.evidence.one": {
    en: "{count} integrity violation ({codes}); first: {message}",
    zh: "{count} 处完整性问题（{codes}）；第一处：{message}",
  },
  "rules.integrity.evidence.other": {
    en: "{count} integrity violations ({codes}); first: {message}",
    zh: "{count} 处完整性问题（{codes}）；第一处：{message}",
  },
  "rules.integrity.cause": {
    en: "The state was edited by hand or written partly; Pulumi refuses to deploy it until it is repaired.",
    zh: "状态被手动编辑过或只写入了一部分；在修复之前，Pulumi 拒绝部署它。",
  },
  "rules.integrity.remedy": {
    en: "repair the state as `pulumi state repair` does (order, dangling references, magic)",
    zh: "按 `pulumi state repair` 的方式修复状态（顺序、悬空引用、magic 字段）",
  },

  // account-mismatch
  "rules.account-mismatch.evidence": {
    en: "the credentials are account {account}; the state's ARNs name {others}",
    zh: "凭证属于账户 {account}；状态中的 ARN 指向 {others}",
  },
  "rules.account-mismatch.cause": {
    en: "The wrong AWS profile (or credentials) is in use: a deploy with it would create a second copy of the stage in another account.",
    zh: "使用了错误的 AWS profile（或凭证）：用它部署会在另一个账户中再创建一份该阶段的副本。",
  },
  "rules.account-mismatch.fix": {
    en: "# use the profile of account {account}: AWS_PROFILE=<profile> or --profile <profile>; stateward writes nothing until the accounts agree",
    zh: "# 使用账户 {account} 的 profile：AWS_PROFILE=<profile> 或 --profile <profile>；在账户一致之前，stateward 不会写入任何内容",
  },

  // name-collision
  "rules.name-collision.evidence": { en: "{name} is claimed by {stages}", zh: "{name} 同时被 {stages} 占用" },
  "rules.name-collision.evidence.bare": {
    en: "{name} is claimed by {stages}; it has neither the stage nor a random suffix in it",
    zh: "{name} 同时被 {stages} 占用；其中既不含阶段名，也没有随机后缀",
  },
  "rules.name-collision.cause": {
    en: "A physical name set by hand (or made before SST 3.8 added suffixes) is the same in every stage, so only one stage can have it.",
    zh: "手动设置的物理名称（或在 SST 3.8 加上后缀之前生成的名称）在每个阶段中都相同，所以只有一个阶段能拥有它。",
  },
  "rules.name-collision.remedy": {
    en: "give {name} a name with the stage in it (stateward names generate); advice only",
    zh: "为 {name} 起一个包含阶段名的名称（stateward names generate）；仅为建议",
  },

  // name-taken
  "rules.name-taken.evidence": {
    en: "{stage} has a pending create for {label} {name}, which stage {other}'s state holds and the cloud has",
    zh: "{stage} 有一个针对 {name}（{label}）的待创建操作，而阶段 {other} 的状态持有它，云中也存在它",
  },
  "rules.name-taken.cause": {
    en: '{name} has no stage or suffix in it, so every stage asks for the same name; {other} got it first and {stage}\'s deploy fails with "already exists".',
    zh: "{name} 中既没有阶段名也没有后缀，所以每个阶段都要求同一个名称；{other} 先占用了它，{stage} 的部署因“已存在”而失败。",
  },
  "rules.name-taken.fix.rename": {
    en: "# give the resource a name with $app.stage in it (or let SST generate one), then clear the pending create:",
    zh: "# 给资源起一个包含 $app.stage 的名称（或让 SST 生成），然后清除待创建操作：",
  },
  "rules.name-taken.remedy": {
    en: "clear the pending create of {what}; rename it in sst.config.ts before the next deploy",
    zh: "清除 {what} 的待创建操作；在下次部署前于 sst.config.ts 中为它改名",
  },

  // stale
  "rules.stale.evidence.item": {
    en: "{label} {name} is in {stage}'s state; {where} does not have it",
    zh: "{label} {name} 在 {stage} 的状态中，但 {where} 中没有它",
  },
  "rules.stale.cause": {
    en: "Deleted outside Pulumi (by hand, or by another tool); the state still points at it, so the next deploy may fail updating it.",
    zh: "在 Pulumi 之外被删除（手动或由其他工具）；状态仍指向它，因此下次部署在更新它时可能失败。",
  },
  "rules.stale.fix.forget": {
    en: "# or drop it from the state (and the references to it, as a refresh does): {command}",
    zh: "# 或者将它从状态中移除（连同对它的引用，与 refresh 的做法相同）：{command}",
  },
  "rules.stale.remedy": {
    en: "drop {what} from the state (gone from the cloud) and the references to it, as a refresh does",
    zh: "将 {what} 及对它的引用从状态中移除（它已不在云中），与 refresh 的做法相同",
  },

  // stale-lock
  "rules.stale-lock.command-unnamed": { en: "a command it does not name", zh: "未注明的命令" },
  "rules.stale-lock.no-run-id": { en: "no run id", zh: "无运行 id" },
  "rules.stale-lock.run": { en: "run {id}", zh: "运行 {id}" },
  "rules.stale-lock.update": { en: "update {id}", zh: "更新 {id}" },
  "rules.stale-lock.by": { en: "by {holder}", zh: "持有者 {holder}" },
  "rules.stale-lock.record.none": { en: "it names no update record", zh: "锁中没有注明更新记录" },
  "rules.stale-lock.record.missing": { en: "it has no update record", zh: "找不到它的更新记录" },
  "rules.stale-lock.record.unfinished": {
    en: "its update record (command {command}) has no timeCompleted",
    zh: "其更新记录（命令 {command}）没有 timeCompleted",
  },
  "rules.stale-lock.record.unfinished-no-snapshot": {
    en: "its update record (command {command}) has no timeCompleted and no snapshot",
    zh: "其更新记录（命令 {command}）没有 timeCompleted，也没有快照",
  },
  "rules.stale-lock.record.finished": {
    en: "its update record says it finished",
    zh: "其更新记录显示它已完成",
  },
  "rules.stale-lock.record.failed": { en: "its update record says it failed", zh: "其更新记录显示它已失败" },
  "rules.stale-lock.evidence": {
    en: "the lock was taken by {command} ({details}) and is {age} old; {record}",
    zh: "锁由 {command}（{details}）获取，已存在 {age}；{record}",
  },
  "rules.stale-lock.evidence.unknown-age": {
    en: "the lock was taken by {command} ({details}) and is of unknown age; {record}",
    zh: "锁由 {command}（{details}）获取，存在时长未知；{record}",
  },
  "rules.stale-lock.cause": {
    en: 'That run was killed or cancelled without releasing the lock, so every deploy of {stage} stops with "Concurrent update detected".',
    zh: '那次运行被终止或取消，没有释放锁，因此 {stage} 的每次部署都会停在 "Concurrent update detected"。',
  },
  "rules.stale-lock.cause.run": {
    en: 'That run ({run}) was killed or cancelled without releasing the lock, so every deploy of {stage} stops with "Concurrent update detected".',
    zh: '那次运行（{run}）被终止或取消，没有释放锁，因此 {stage} 的每次部署都会停在 "Concurrent update detected"。',
  },
  "rules.stale-lock.cause.stateward": {
    en: 'That stateward run was killed or cancelled without releasing the lock, so every deploy of {stage} stops with "Concurrent update detected".',
    zh: '那次 stateward 运行被终止或取消，没有释放锁，因此 {stage} 的每次部署都会停在 "Concurrent update detected"。',
  },
  "rules.stale-lock.cause.stateward-run": {
    en: 'That stateward run ({run}) was killed or cancelled without releasing the lock, so every deploy of {stage} stops with "Concurrent update detected".',
    zh: '那次 stateward 运行（{run}）被终止或取消，没有释放锁，因此 {stage} 的每次部署都会停在 "Concurrent update detected"。',
  },
  "rules.stale-lock.remedy": {
    en: "release the lock of {stage}, recording its update as failed",
    zh: "释放 {stage} 的锁，并将其更新记为失败",
  },

  // pending-create
  "rules.pending-create.evidence": {
    en: "the state has a `{op}` pending operation for {what}, and {label} {name} exists in {region}",
    zh: "状态中有一个针对 {what} 的 `{op}` 未完成的操作，而 {name}（{label}）存在于 {region}",
  },
  "rules.pending-create.evidence.tagged": {
    en: "the state has a `{op}` pending operation for {what}, and {label} {name} exists in {region}, tagged sst:stage={tag}",
    zh: "状态中有一个针对 {what} 的 `{op}` 未完成的操作，而 {name}（{label}）存在于 {region}，标签为 sst:stage={tag}",
  },
  "rules.pending-create.evidence.cloudcontrol": {
    en: "the state has a `{op}` pending operation for {what}, and {label} {name} exists in {region} (Cloud Control GetResource)",
    zh: "状态中有一个针对 {what} 的 `{op}` 未完成的操作，而 {name}（{label}）存在于 {region}（Cloud Control GetResource）",
  },
  "rules.pending-create.fix.cloudcontrol": {
    en: "# stateward cannot adopt {type}: delete {label} {name} in AWS (the interrupted deploy created it), or import it with `pulumi import`; then clear the operation:",
    zh: "# stateward 无法接管 {type}：在 AWS 中删除 {label} {name}（它由被中断的部署创建），或用 `pulumi import` 导入它；然后清除该操作：",
  },
  "rules.pending-create.evidence.missing": {
    en: "the state has a `{op}` pending operation for {what}; {label} {name} does not exist",
    zh: "状态中有一个针对 {what} 的 `{op}` 未完成的操作；{name}（{label}）不存在",
  },
  "rules.pending-create.cause.missing": {
    en: "A deploy was interrupted before AWS created the resource; Pulumi will stop on the leftover operation until it is cleared.",
    zh: "部署在 AWS 创建该资源之前被中断；在清除这个残留的操作之前，Pulumi 会一直停在它上面。",
  },
  "rules.pending-create.evidence.deleting": {
    en: "the state has a `{op}` pending operation for {what}, and {label} {name} exists in {region} but is scheduled for deletion (since {since})",
    zh: "状态中有一个针对 {what} 的 `{op}` 未完成的操作，而 {name}（{label}）存在于 {region}，但已计划删除（自 {since} 起）",
  },
  "rules.pending-create.cause.deleting": {
    en: 'A {label} of this name was deleted and AWS is still deleting it (its recovery window): the name stays taken until then, so the next deploy fails with "already scheduled for deletion", and it cannot be adopted meanwhile.',
    zh: '一个同名的 {label} 已被删除，AWS 仍在删除它（处于恢复窗口期）：在此之前该名称一直被占用，因此下次部署会因 "already scheduled for deletion" 而失败，期间也无法接管它。',
  },
  "rules.pending-create.fix.keep": {
    en: "# to keep it: restore it, then adopt it",
    zh: "# 要保留它：先恢复，再接管",
  },
  "rules.pending-create.fix.free": {
    en: "# or, to free the name now (what it held cannot be recovered afterwards): delete it for good, then clear the operation",
    zh: "# 或者，要立即释放该名称（其中的内容之后无法恢复）：将它彻底删除，然后清除该操作",
  },
  "rules.pending-create.remedy.adopt": {
    en: "turn the pending create of {what} into an entry for {name}, read live",
    zh: "将 {what} 的待创建操作转为 {name} 的条目（按实时读取的内容）",
  },
  "rules.pending-create.remedy.clear": {
    en: "clear the pending create of {what} (nothing was created)",
    zh: "清除 {what} 的待创建操作（没有创建任何资源）",
  },

  // pending-operation
  "rules.pending-operation.why.unchecked-type": {
    en: "{type} is a type stateward does not check in the cloud",
    zh: "{type} 是 stateward 不在云中检查的类型",
  },
  "rules.pending-operation.why.unmatched": {
    en: "stateward could not match it to a resource in the cloud",
    zh: "stateward 无法将它与云中的资源对应起来",
  },
  "rules.pending-operation.evidence.item": {
    en: "the state has a `{op}` pending operation for {what} ({why})",
    zh: "状态中有一个针对 {what} 的 `{op}` 未完成的操作（{why}）",
  },
  "rules.pending-operation.cause.one": {
    en: "A deploy was interrupted while this operation was in flight, so whether AWS finished it is unknown, and stateward could not look it up to tell. Pulumi stops on pending operations until they are resolved.",
    zh: "部署在此操作进行中被中断，因此不知道 AWS 是否完成了它，stateward 也无法查到。在未完成的操作被处理之前，Pulumi 会一直停在它们上面。",
  },
  "rules.pending-operation.cause.other": {
    en: "A deploy was interrupted while these operations were in flight, so whether AWS finished them is unknown, and stateward could not look them up to tell. Pulumi stops on pending operations until they are resolved.",
    zh: "部署在这些操作进行中被中断，因此不知道 AWS 是否完成了它们，stateward 也无法查到。在未完成的操作被处理之前，Pulumi 会一直停在它们上面。",
  },
  "rules.pending-operation.fix.check": {
    en: "# check in AWS whether {subject}{unchecked}{created}; then clear the operations:",
    zh: "# 在 AWS 中检查{subject}{unchecked}{created}；然后清除这些操作：",
  },
  "rules.pending-operation.fix.it-exists": { en: "it exists", zh: "它是否存在" },
  "rules.pending-operation.fix.each-exists": { en: "each exists", zh: "每个资源是否存在" },
  "rules.pending-operation.fix.unchecked": {
    en: " (stateward cannot look up {types})",
    zh: "（stateward 无法查询 {types}）",
  },
  "rules.pending-operation.fix.created": {
    en: '; a created one must be deleted or imported (`pulumi import`) first, or the next deploy fails with "already exists"',
    zh: "；已创建的资源必须先删除或导入（`pulumi import`），否则下次部署会因“已存在”而失败",
  },

  // region-mismatch
  "rules.region-mismatch.evidence": {
    en: "a second SST home in {region} (/sst/bootstrap → {bucket}) holds app/{app}/{stage}.json with provider region {providerRegion}; the home in {homeRegion} holds {stage}",
    zh: "{region} 中的第二个 SST 状态存储（/sst/bootstrap → {bucket}）保存着 app/{app}/{stage}.json，其 provider 区域为 {providerRegion}；{homeRegion} 中的状态存储保存着 {stage}",
  },
  "rules.region-mismatch.evidence.with": {
    en: "a second SST home in {region} (/sst/bootstrap → {bucket}) holds app/{app}/{stage}.json with provider region {providerRegion}; the home in {homeRegion} holds {stage} with {currentRegion}",
    zh: "{region} 中的第二个 SST 状态存储（/sst/bootstrap → {bucket}）保存着 app/{app}/{stage}.json，其 provider 区域为 {providerRegion}；{homeRegion} 中的状态存储保存着 {stage}，区域为 {currentRegion}",
  },
  "rules.region-mismatch.cause": {
    en: "{stage} was deployed from two places with different regions (AWS_REGION or a profile's region on one, another elsewhere), so it has two states and two sets of resources.",
    zh: "{stage} 曾从两个区域设置不同的地方部署（一处用 AWS_REGION 或 profile 的区域，另一处用了别的区域），因此它有两份状态和两套资源。",
  },
  "rules.region-mismatch.fix.pin": {
    en: "# pin the region in sst.config.ts: {setting}",
    zh: "# 在 sst.config.ts 中固定区域：{setting}",
  },
  "rules.region-mismatch.fix.remove-copy": {
    en: "# then remove the copy in {region} (its resources, then its state object, kept as a backup):",
    zh: "# 然后移除 {region} 中的副本（先删除其资源，再移除其状态对象，状态对象会保留备份）：",
  },
  "rules.region-mismatch.evidence.provider": {
    en: "the SST home in {homeRegion} holds {stage} with provider region {providerRegion}",
    zh: "{homeRegion} 中的 SST 状态存储保存着 {stage}，其 provider 区域为 {providerRegion}",
  },
  "rules.region-mismatch.cause.provider": {
    en: "The state was written with another region than the one this run resolves (AWS_REGION, a profile and sst.config.ts disagree), so a deploy from here works in another region.",
    zh: "写入状态时使用的区域与本次运行解析出的区域不同（AWS_REGION、profile 和 sst.config.ts 不一致），因此从这里部署会作用于另一个区域。",
  },
  "rules.region-mismatch.remedy": {
    en: "remove {stage}'s second state object from the SST home in {region} (kept as a backup beside it)",
    zh: "从 {region} 的 SST 状态存储中移除 {stage} 的第二个状态对象（在旁边保留备份）",
  },

  // coverage
  // gather: what doctor reads, and where it cannot.
  "rules.gather.no-cloud": {
    en: "{backend} is not in AWS, so stateward cannot check it against the cloud.",
    zh: "{backend} 不在 AWS 中，因此 stateward 无法对照云端检查它。",
  },
  "rules.gather.no-cloud.hint": {
    en: "Run doctor on an SST stage, or on a Pulumi DIY backend in S3 whose credentials reach the account.",
    zh: "请对 SST 阶段运行 doctor，或对存放在 S3 中、凭证能访问该账户的 Pulumi DIY 后端运行 doctor。",
  },
  "rules.gather.reading.one": {
    en: "reading the state, history and lock of stage {stage}",
    zh: "正在读取阶段 {stage} 的状态、历史和锁",
  },
  "rules.gather.reading.other": {
    en: "reading the state, history and lock of {count} stages",
    zh: "正在读取 {count} 个阶段的状态、历史和锁",
  },
  "rules.gather.other-state": {
    en: "the state of stage {stage}",
    zh: "阶段 {stage} 的状态",
  },
  "rules.gather.homes": {
    en: "looking for SST homes in other regions",
    zh: "正在查找其他区域中的 SST 状态存储",
  },

  // repair: adopting into a state, plan files, replace-forcing differences.
  "rules.repair.adopt.already-in-state": {
    en: "{label} {id} is already in the state as {urn}.",
    zh: "{label} {id} 已在状态中，URN 为 {urn}。",
  },
  "rules.repair.adopt.urn-mismatch": {
    en: "{urn} is neither a pending create in the state nor a URN of a {type} in {app}/{stage}.",
    zh: "{urn} 既不是状态中的待创建操作，也不是 {app}/{stage} 中 {type} 的 URN。",
  },
  "rules.repair.adopt.urn-mismatch.hint": {
    en: "Pass the URN doctor printed for this resource, or leave out --urn to add a new entry named after the resource.",
    zh: "请传入 doctor 为该资源打印的 URN，或省略 --urn，以资源名称新增一个条目。",
  },
  "rules.repair.adopt.no-parent": {
    en: "The parent {parent} is not in the state.",
    zh: "父资源 {parent} 不在状态中。",
  },
  "rules.repair.adopt.no-parent.hint": {
    en: "Name a component URN from `stateward state show --json`.",
    zh: "请指定 `stateward state show --json` 中列出的某个组件 URN。",
  },
  "rules.repair.adopt.bad-logical": {
    en: '"{logical}" is not a usable logical name; pass --name.',
    zh: '"{logical}" 不是可用的逻辑名称；请传入 --name。',
  },
  "rules.repair.adopt.urn-taken": {
    en: "The state already has an entry {urn}.",
    zh: "状态中已有条目 {urn}。",
  },
  "rules.repair.plan.not-json": { en: "{source} is not JSON: {error}.", zh: "{source} 不是 JSON：{error}。" },
  "rules.repair.plan.not-json.hint": {
    en: "Make one with `stateward plan --out plan.json`.",
    zh: "请用 `stateward plan --out plan.json` 生成一个。",
  },
  "rules.repair.plan.empty": {
    en: "{source} is empty: there is no repair plan in it.",
    zh: "{source} 是空的：其中没有修复计划。",
  },
  "rules.repair.plan.not-plan": {
    en: '{source} is JSON but not a stateward repair plan: it has no "stateward": "repair-plan" field (a state file or a deploy plan is not a repair plan).',
    zh: '{source} 是 JSON，但不是 stateward 修复计划：其中没有 "stateward": "repair-plan" 字段（状态文件或部署计划都不是修复计划）。',
  },
  "rules.repair.plan.version": {
    en: "{source} is a repair plan of version {version}; this stateward reads version 1.",
    zh: "{source} 是版本 {version} 的修复计划；此版本的 stateward 只读取版本 1。",
  },
  "rules.repair.plan.no-version": { en: "(none)", zh: "（无）" },
  "rules.repair.plan.invalid": {
    en: "{source} is not a stateward repair plan (version 1): {path}: {issue}.",
    zh: "{source} 不是 stateward 修复计划（版本 1）：{path}：{issue}。",
  },
  "rules.repair.plan.issue.type": { en: "expected {expected}", zh: "应为 {expected}" },
  "rules.repair.plan.issue.value": {
    en: "a value a repair plan cannot hold here",
    zh: "修复计划在此处不能包含这个值",
  },
  "rules.repair.plan.document": { en: "the document", zh: "整个文档" },
  "rules.repair.plan.invalid.hint": {
    en: "Make one with `stateward plan --out plan.json`; plans of other versions are refused.",
    zh: "请用 `stateward plan --out plan.json` 生成一个；其他版本的计划会被拒绝。",
  },
  "rules.repair.plan.not-read": { en: "{name} was not read from the cloud", zh: "没有从云中读取到 {name}" },
  "rules.repair.replace.item": {
    en: "{property}: asked {asked}, live {live}",
    zh: "{property}：要求 {asked}，实际 {live}",
  },
  "rules.repair.replace.one": {
    en: "{label} {name} differs from what the pending create asks for in a property that make the provider replace it ({shown}): adopted as it is, the next deploy would delete it and create it again, and what it holds would be lost.",
    zh: "{label} {name} 在会导致 provider 替换它的属性上与待创建操作的要求不同（{shown}）：如果按原样接管，下次部署会删除并重新创建它，其中的内容将会丢失。",
  },
  "rules.repair.replace.other": {
    en: "{label} {name} differs from what the pending create asks for in properties that make the provider replace it ({shown}): adopted as it is, the next deploy would delete it and create it again, and what it holds would be lost.",
    zh: "{label} {name} 在会导致 provider 替换它的属性上与待创建操作的要求不同（{shown}）：如果按原样接管，下次部署会删除并重新创建它，其中的内容将会丢失。",
  },
  "rules.repair.replace.hint": {
    en: "Change the program to match the live resource (or rename the new one), or pass --accept-replace if the replacement is what you want.",
    zh: "请修改程序以匹配实际资源（或为新资源改名）；如果确实要替换，请传入 --accept-replace。",
  },
});
