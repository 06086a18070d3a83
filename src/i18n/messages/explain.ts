/* eslint-disable max-lines -- one area's catalog: data, no logic */
/** explain: causes, advice, situations, foreign tools. */
import { defineMessages } from "../types.js";

export const explain = defineMessages({
  // The stage and the resource in words.
  "explain.stage.none": { en: "the stage", zh: "该阶段" },
  "explain.stage.named": { en: "{stage}", zh: "阶段 {stage}" },
  "explain.stage.word": { en: "stage {stage}", zh: "阶段 {stage}" },
  "explain.what.resource": { en: "the resource", zh: "该资源" },
  "explain.what.kind": { en: "the {kind}", zh: "该 {kind}" },
  "explain.what.kind-named": { en: "the {kind} {name}", zh: "名为 {name} 的 {kind}" },
  "explain.what.kind-record": {
    en: "the {kind} {name} ({recordType})",
    zh: "名为 {name}（{recordType}）的 {kind}",
  },
  "explain.what.kind-logical": { en: "the {kind} ({logical})", zh: "{kind}（逻辑名称 {logical}）" },
  "explain.what.resource-named": { en: "the resource {name}", zh: "资源 {name}" },
  "explain.what.resource-record": {
    en: "the resource {name} ({recordType})",
    zh: "资源 {name}（{recordType}）",
  },
  "explain.what.resource-logical": { en: "the resource ({logical})", zh: "资源（{logical}）" },
  "explain.what.stack": { en: "stack {stack}", zh: "堆栈 {stack}" },
  "explain.what.and": { en: " and ", zh: " 和 " },

  // Causes of an "already exists".
  "explain.cause.replacement.cause": {
    en: "{logical} is being replaced with a fixed name: Pulumi creates the replacement before it deletes the original (create-before-delete), and AWS refuses a second resource with the same name.",
    zh: "{logical} 正在以固定名称被替换：Pulumi 先创建替换资源，再删除原资源（create-before-delete），而 AWS 不允许第二个同名资源。",
  },
  "explain.cause.replacement.tell": {
    en: "the deploy shows it as `replacing` / `creating replacement` (or `+-` in the preview), or its logical name, parent or SST version changed since the last deploy",
    zh: "部署输出中它显示为 `replacing` / `creating replacement`（预览中为 `+-`），或者自上次部署以来它的逻辑名称、父资源或 SST 版本有变化",
  },
  "explain.cause.replacement.fix-delete-first": {
    en: "# set deleteBeforeReplace: true on {logical} (in SST: {transform}, opts), or drop its fixed name and let SST/Pulumi name it, then deploy again",
    zh: "# 在 {logical} 上设置 deleteBeforeReplace: true（SST 中：{transform}, opts），或去掉它的固定名称、让 SST/Pulumi 命名，然后重新部署",
  },
  "explain.cause.replacement.fix-alias": {
    en: "# a rename of the logical name keeps the resource with aliases: {aliases} instead of replacing it",
    zh: "# 只是改了逻辑名称时，用 aliases: {aliases} 保留该资源，而不是替换它",
  },
  "explain.cause.duplicate.same-name": { en: "the same name", zh: "同一个名称" },
  "explain.cause.duplicate.cause": {
    en: "Two resources of the same program ask for {name}: the first one created holds it, so the other cannot be created.",
    zh: "同一程序中的两个资源都要使用 {name}：先创建的那个占用了它，另一个就无法创建。",
  },
  "explain.cause.duplicate.cause-named": {
    en: "Two resources of the same program ask for {name} ({names}): the first one created holds it, so the other cannot be created.",
    zh: "同一程序中的两个资源（{names}）都要使用 {name}：先创建的那个占用了它，另一个就无法创建。",
  },
  "explain.cause.duplicate.tell": {
    en: "the log shows two logical names (URNs, CloudFormation logical ids or stacks of one app) creating one physical name",
    zh: "日志显示两个逻辑名称（URN、CloudFormation 逻辑 ID 或同一应用的多个堆栈）在创建同一个物理名称",
  },
  "explain.cause.duplicate.fix": {
    en: "# give each of them its own name (or let SST/Pulumi name them), then deploy again",
    zh: "# 给它们各自一个名称（或让 SST/Pulumi 命名），然后重新部署",
  },
  "explain.cause.retained.cause": {
    en: '{what} was kept by removal: "retain" when it left the app (or when the stage was removed) and is still in AWS with its data; deploying it again asks AWS for a name it already has.',
    zh: '{what} 在从应用中移除（或阶段被移除）时因 removal: "retain" 被保留，连同数据仍在 AWS 中；再次部署它，就是向 AWS 申请一个已存在的名称。',
  },
  "explain.cause.retained.tell": {
    en: "with --app/--stage explain checks the stage's history: an older version held it with retainOnDelete",
    zh: "加上 --app/--stage 时，explain 会检查该阶段的历史：较早的版本以 retainOnDelete 持有它",
  },
  "explain.cause.retained.tell-tags": {
    en: "with --app/--stage explain checks the stage's history: an older version held it with retainOnDelete; its tags name stage {stage}",
    zh: "加上 --app/--stage 时，explain 会检查该阶段的历史：较早的版本以 retainOnDelete 持有它；它的标签指向阶段 {stage}",
  },
  "explain.cause.retained.fix-adopt": {
    en: "# adopt it (doctor prints the stateward adopt command), so the deploy keeps it and its data",
    zh: "# 接管它（doctor 会打印 stateward adopt 命令），这样部署会保留它和其中的数据",
  },
  "explain.cause.leftover.cause": {
    en: "{what} is {stage}'s own, left behind by a deploy that was interrupted, an `sst remove` that stopped half way, a refresh or a restored state: no state holds it any more.",
    zh: "{what} 属于阶段 {stage} 自己，是被中断的部署、中途停止的 `sst remove`、一次刷新或一次状态恢复留下的残留资源：已经没有任何状态持有它。",
  },
  "explain.cause.leftover.cause-stage": {
    en: "{what} is the stage's own, left behind by a deploy that was interrupted, an `sst remove` that stopped half way, a refresh or a restored state: no state holds it any more.",
    zh: "{what} 属于该阶段自己，是被中断的部署、中途停止的 `sst remove`、一次刷新或一次状态恢复留下的残留资源：已经没有任何状态持有它。",
  },
  "explain.cause.leftover.tell": {
    en: "it carries the stage's tags (sst:app / sst:stage) or its name, and no state version lists it as retained",
    zh: "它带有该阶段的标签（sst:app / sst:stage）或名称，且没有任何状态版本把它列为保留",
  },
  "explain.cause.leftover.fix-above": {
    en: "# adopt it (above), or delete it in AWS if nothing in it is needed, then deploy again",
    zh: "# 接管它（见上），或者在其中没有需要的内容时在 AWS 中删除它，然后重新部署",
  },
  "explain.cause.leftover.fix-doctor": {
    en: "# adopt it (doctor shows how), or delete it in AWS if nothing in it is needed, then deploy again",
    zh: "# 接管它（doctor 会给出方法），或者在其中没有需要的内容时在 AWS 中删除它，然后重新部署",
  },
  "explain.cause.pending.cause": {
    en: "An earlier deploy was interrupted while creating {what}: AWS created it but the state only recorded an unfinished operation, so this deploy tried to create it again.",
    zh: "之前的一次部署在创建 {what} 时被中断：AWS 已经创建了它，但状态中只记录了一个未完成的操作，所以这次部署又试图创建它。",
  },
  "explain.cause.pending.tell": {
    en: "the log (or the state) shows a pending operation `creating` for it",
    zh: "日志（或状态）显示它有一个未完成的操作 `creating`",
  },
  "explain.cause.pending.fix-delete": {
    en: "# or delete it in AWS and deploy again to recreate it",
    zh: "# 或者在 AWS 中删除它，然后重新部署以重新创建",
  },
  "explain.cause.pending.fix-delete-named": {
    en: "# or delete {name} in AWS and deploy again to recreate it",
    zh: "# 或者在 AWS 中删除 {name}，然后重新部署以重新创建它",
  },
  "explain.cause.other-stage.cause": {
    en: "Another stage or app may use the same fixed name: if its state holds {what}, this stage cannot create it too.",
    zh: "另一个阶段或应用可能使用了相同的固定名称：如果它的状态持有 {what}，本阶段就无法再创建它。",
  },
  "explain.cause.other-stage.cause-named": {
    en: "Another stage or app may use the same fixed name {name}: if its state holds {what}, this stage cannot create it too.",
    zh: "另一个阶段或应用可能使用了相同的固定名称 {name}：如果它的状态持有 {what}，本阶段就无法再创建它。",
  },
  "explain.cause.other-stage.tell": {
    en: "its tags (sst:app / sst:stage) name another stage, or another stage's state holds it (doctor --all-stages)",
    zh: "它的标签（sst:app / sst:stage）指向另一个阶段，或者另一个阶段的状态持有它（doctor --all-stages）",
  },
  "explain.cause.other-stage.fix-rename": {
    en: "# give {logical} a name with the stage in it (or let SST generate one), then deploy again",
    zh: "# 给 {logical} 一个包含阶段名的名称（或让 SST 生成），然后重新部署",
  },
  "explain.cause.other-stage.fix-adopt": {
    en: "# if doctor shows it is this stage's own (no other stage holds it), adopt it instead:",
    zh: "# 如果 doctor 显示它属于本阶段（没有其他阶段持有它），改为接管它：",
  },
  "explain.cause.other-account.this-name": { en: "this name", zh: "该名称" },
  "explain.cause.other-account.cause": {
    en: "S3 bucket names are global: {name} may belong to another AWS account, which no stage of this app can adopt.",
    zh: "S3 存储桶名称是全局的：{name} 可能属于另一个 AWS 账户，本应用的任何阶段都无法接管它。",
  },
  "explain.cause.other-account.tell": {
    en: "BucketAlreadyExists means another account's only when the bucket is not yours: `aws s3api head-bucket --bucket <name>` answers 200 for your own bucket, 403 for another account's; BucketAlreadyOwnedByYou means it is yours",
    zh: "只有存储桶不是你的时，BucketAlreadyExists 才表示它属于另一个账户：`aws s3api head-bucket --bucket <name>` 对你自己的存储桶返回 200，对其他账户的返回 403；BucketAlreadyOwnedByYou 表示它是你的",
  },
  "explain.cause.other-account.fix": {
    en: "# if it is not yours: give {logical} another bucket name (or let SST generate one), then deploy again",
    zh: "# 如果它不是你的：给 {logical} 换一个存储桶名称（或让 SST 生成），然后重新部署",
  },
  "explain.cause.taken.cause": {
    en: "{what} is held by another resource (another distribution, user pool, function or account) that this stage's state does not hold.",
    zh: "{what} 被另一个资源占用（另一个分发、用户池、函数或账户），而本阶段的状态并不持有它。",
  },
  "explain.cause.taken.tell": {
    en: "the AWS message names what holds it; doctor --all-stages shows whether one of the app's stages does",
    zh: "AWS 的错误消息会指出占用它的资源；doctor --all-stages 会显示是否是本应用的某个阶段占用了它",
  },
  "explain.cause.scheduled.cause": {
    en: "A secret named {name} is scheduled for deletion (deleted, in its recovery window): Secrets Manager keeps a deleted secret, name included, for 7 to 30 days (30 unless set), so no new secret can take the name until then.",
    zh: "名为 {name} 的密钥已计划删除（已删除，处于恢复窗口期）：Secrets Manager 会把已删除的密钥连同名称保留 7 到 30 天（未设置时为 30 天），在此之前新密钥无法使用这个名称。",
  },
  "explain.cause.scheduled.tell": {
    en: "`aws secretsmanager describe-secret --secret-id <name>` shows a DeletedDate",
    zh: "`aws secretsmanager describe-secret --secret-id <name>` 会显示 DeletedDate",
  },
  "explain.cause.scheduled.fix-restore": {
    en: "# keep the old secret: {restore}, then adopt it ({doctor} shows how)",
    zh: "# 保留旧密钥：{restore}，然后接管它（{doctor} 会给出方法）",
  },
  "explain.cause.scheduled.fix-purge": {
    en: "# or let the name go now: {purge}, then deploy again",
    zh: "# 或者立即释放这个名称：{purge}，然后重新部署",
  },
  "explain.cause.scheduled.fix-wait": {
    en: "# or wait until the recovery window ends",
    zh: "# 或者等待恢复窗口期结束",
  },

  // The other causes, in a sentence after the first.
  "explain.other-causes": {
    en: "Other possible causes, in order: {list} (with --app/--stage explain checks which).",
    zh: "其他可能的原因，按可能性排列：{list}（加上 --app/--stage 时 explain 会确认是哪一个）。",
  },
  "explain.cause-words.replacement": {
    en: "a replacement with a fixed name (create-before-delete)",
    zh: "以固定名称替换（create-before-delete）",
  },
  "explain.cause-words.duplicate-in-program": {
    en: "two resources of the program with the same name",
    zh: "程序中两个资源同名",
  },
  "explain.cause-words.retained-leftover": {
    en: 'kept by removal: "retain" (adopt it)',
    zh: '因 removal: "retain" 被保留（接管它）',
  },
  "explain.cause-words.leftover": {
    en: "the stage's own leftover from an interrupted deploy or remove",
    zh: "被中断的部署或移除留下的本阶段残留资源",
  },
  "explain.cause-words.pending-create": { en: "an interrupted create", zh: "被中断的创建" },
  "explain.cause-words.other-stage": {
    en: "another stage or app with the same fixed name",
    zh: "另一个阶段或应用使用了相同的固定名称",
  },
  "explain.cause-words.other-account": {
    en: "another AWS account's (S3 names are global)",
    zh: "属于另一个 AWS 账户（S3 名称是全局的）",
  },
  "explain.cause-words.taken-elsewhere": { en: "held by another resource", zh: "被另一个资源占用" },
  "explain.cause-words.scheduled-for-deletion": {
    en: "a deleted one still in its recovery window",
    zh: "已删除但仍在恢复窗口期内的同名资源",
  },
  "explain.cause-words.interrupted-update": { en: "an interrupted update", zh: "被中断的更新" },
  "explain.cause-words.unknown-provider": {
    en: "a provider missing from the state",
    zh: "状态中缺少 provider",
  },
  "explain.cause-words.integrity": { en: "a broken state", zh: "损坏的状态" },
  "explain.cause-words.foreign-tool": { en: "another tool's resource", zh: "其他工具的资源" },

  // Fix lines for an "already exists".
  "explain.fix.adopt-once-known": {
    en: "# once its id is known (doctor shows it): {command}",
    zh: "# 知道它的 ID 之后（doctor 会显示）：{command}",
  },

  // Locks.
  "explain.lock.fix-force": {
    en: "# lock release refuses a lock younger than 15 minutes: make sure no deploy is running (CI, a teammate, the SST Console) before adding --force",
    zh: "# lock release 不会释放不到 15 分钟的锁：加 --force 之前，先确认没有部署在运行（CI、同事、SST Console）",
  },
  "explain.lock.cloud-cause": {
    en: "Pulumi Cloud reports another update of {stage} in progress; when none is running, an update that was killed or cancelled is still open.",
    zh: "Pulumi Cloud 报告{stage}的另一次更新正在进行；如果实际上没有更新在运行，说明有一次被终止或取消的更新仍未结束。",
  },
  "explain.lock.cloud-fix": {
    en: "# on Pulumi Cloud: {command}",
    zh: "# 在 Pulumi Cloud 上：{command}",
  },
  "explain.lock.cause": {
    en: "Another deploy, refresh or remove of {stage} holds its lock, or one was killed or cancelled without releasing it, so every command on {stage} stops until the lock is gone.",
    zh: "{stage}的另一次部署、刷新或移除持有它的锁，或者某次操作被终止或取消而没有释放锁，所以在锁解除之前，{stage}上的每个命令都会停下。",
  },

  // Passphrases.
  "explain.passphrase.where": { en: " in {region}", zh: "（区域 {region}）" },
  "explain.passphrase.where-account": {
    en: " in {region} of account {account}",
    zh: "（账户 {account}，区域 {region}）",
  },
  "explain.passphrase.version": { en: ", version {version}", zh: "，版本 {version}" },
  "explain.passphrase.changed": { en: ", last changed {time}", zh: "，最后修改于 {time}" },
  "explain.passphrase.error": { en: " ({error})", zh: "（错误：{error}）" },
  "explain.passphrase.found": {
    en: "stateward found {parameter}{where}{details}: if it changed after the state was written, its previous value is the one that decrypts the state.",
    zh: "stateward 找到了 {parameter}{where}{details}：如果它在状态写入之后被修改过，能解密状态的是它之前的值。",
  },
  "explain.passphrase.missing-parameter": {
    en: "{parameter} does not exist{where}: it was deleted, or {stage} was deployed from another account or region. SST creates a new passphrase when the parameter is missing, and a new one cannot decrypt secrets written with the old one.",
    zh: "{parameter}{where}不存在：它被删除了，或者{stage}是从另一个账户或区域部署的。参数缺失时 SST 会创建新的密码短语，而新的密码短语无法解密用旧密码短语写入的机密。",
  },
  "explain.passphrase.lookup-failed": {
    en: "stateward could not look for {parameter}{where}{error}.",
    zh: "stateward 无法查找 {parameter}{where}{error}。",
  },
  "explain.passphrase.no-credentials": {
    en: "no AWS credentials for the stage",
    zh: "该阶段没有 AWS 凭证",
  },
  "explain.passphrase.fix-history": {
    en: "# if the state was written with another passphrase recently, the list shows the versions before it",
    zh: "# 如果状态最近是用另一个密码短语写入的，列表中会显示那之前的版本",
  },
  "explain.passphrase.pulumi-missing": {
    en: "The stack's secrets are encrypted with a passphrase and none was given: PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE) is not set where the command ran.",
    zh: "该堆栈的机密用密码短语加密，但没有提供密码短语：运行命令的环境中没有设置 PULUMI_CONFIG_PASSPHRASE（或 PULUMI_CONFIG_PASSPHRASE_FILE）。",
  },
  "explain.passphrase.pulumi-wrong": {
    en: "The passphrase given does not decrypt the stack's secrets: it differs from the one the stack was created with, or the state was written with another one.",
    zh: "提供的密码短语无法解密该堆栈的机密：它与创建堆栈时使用的不同，或者状态是用另一个密码短语写入的。",
  },
  "explain.passphrase.pulumi-provider": {
    en: "Pulumi could not open the stack's secrets provider (a passphrase or a KMS key), so it cannot read the secrets in the state.",
    zh: "Pulumi 无法打开该堆栈的机密提供者（密码短语或 KMS 密钥），因此无法读取状态中的机密。",
  },
  "explain.passphrase.pulumi-fix": {
    en: "# set PULUMI_CONFIG_PASSPHRASE (or PULUMI_CONFIG_PASSPHRASE_FILE) to the passphrase the stack was created with, or give access to its KMS key, then run the command again",
    zh: "# 把 PULUMI_CONFIG_PASSPHRASE（或 PULUMI_CONFIG_PASSPHRASE_FILE）设为创建堆栈时的密码短语，或者授予对其 KMS 密钥的访问权限，然后重新运行命令",
  },
  "explain.passphrase.sst-cause": {
    en: "SST keeps {stage}'s passphrase in the SSM parameter {parameter} (a SecureString in the stage's home region) and hands it to Pulumi, and that passphrase does not decrypt the secrets in the state: the parameter was deleted or overwritten, or the command ran with another AWS account or region than {stage} was deployed with.",
    zh: "SST 把{stage}的密码短语保存在 SSM 参数 {parameter} 中（状态存储所在区域中的一个 SecureString），并交给 Pulumi 使用，而这个密码短语无法解密状态中的机密：该参数被删除或覆盖了，或者运行命令时使用的 AWS 账户或区域与部署{stage}时不同。",
  },
  "explain.passphrase.in-sst-app": {
    en: "In an SST app the passphrase is the SSM parameter {parameter} (a SecureString in the stage's home region), so check the account and region the command ran with.",
    zh: "在 SST 应用中，密码短语是 SSM 参数 {parameter}（状态存储所在区域中的一个 SecureString），所以请检查运行命令时使用的账户和区域。",
  },
  "explain.passphrase.fix-account": {
    en: "# run with the AWS account and region {stage} was deployed with (`aws sts get-caller-identity` names the account; the region is providers.aws.region in sst.config.ts)",
    zh: "# 使用部署{stage}时的 AWS 账户和区域运行（`aws sts get-caller-identity` 会显示账户；区域是 sst.config.ts 中的 providers.aws.region）",
  },
  "explain.passphrase.fix-parameter-history": {
    en: "# see when the parameter changed: {history}; if it was overwritten, put the previous value back with {put}",
    zh: "# 查看参数何时被修改：{history}；如果它被覆盖了，用 {put} 恢复之前的值",
  },

  // State integrity and pending operations.
  "explain.integrity.cause": {
    en: "The state breaks Pulumi's own rules (a resource refers to a missing parent or dependency, or resources are out of order), so Pulumi refuses to use it; usually a write cut short or a hand edit.",
    zh: "状态违反了 Pulumi 自身的规则（某个资源引用了不存在的父资源或依赖，或者资源顺序错乱），所以 Pulumi 拒绝使用它；通常是写入被中断或手工编辑造成的。",
  },
  "explain.integrity.fix-restore": {
    en: "# or go back to the last good version: {command}",
    zh: "# 或者回到上一个正常的版本：{command}",
  },
  "explain.integrity.unknown-provider": {
    en: "{urn} refers to the provider {provider}, which is not in the state, so Pulumi refuses the whole state. Usually an update cut short (or run with --continue-on-error) wrote the resource but not its provider. `state repair` does not fix this: it never guesses a provider, since that decides the account and region a resource belongs to.",
    zh: "{urn} 引用了 provider {provider}，但状态中没有它，所以 Pulumi 拒绝整个状态。通常是一次被中断的更新（或使用 --continue-on-error 运行的更新）写入了资源，却没有写入它的 provider。`state repair` 不会修复这个问题：它从不猜测 provider，因为 provider 决定了资源所属的账户和区域。",
  },
  "explain.integrity.unknown-provider-any": {
    en: "A resource refers to the provider {provider}, which is not in the state, so Pulumi refuses the whole state. Usually an update cut short (or run with --continue-on-error) wrote the resource but not its provider. `state repair` does not fix this: it never guesses a provider, since that decides the account and region a resource belongs to.",
    zh: "某个资源引用了 provider {provider}，但状态中没有它，所以 Pulumi 拒绝整个状态。通常是一次被中断的更新（或使用 --continue-on-error 运行的更新）写入了资源，却没有写入它的 provider。`state repair` 不会修复这个问题：它从不猜测 provider，因为 provider 决定了资源所属的账户和区域。",
  },
  "explain.integrity.unknown-provider-tell": {
    en: "`stateward state verify` lists it as unknown-provider; `stateward history list` shows whether an earlier version still holds that provider",
    zh: "`stateward state verify` 会把它列为 unknown-provider；`stateward history list` 会显示较早的版本是否仍持有该 provider",
  },
  "explain.integrity.fix-earlier": {
    en: "# if an earlier version holds the provider: {command} (then without --dry-run)",
    zh: "# 如果较早的版本持有该 provider：{command}（然后去掉 --dry-run 再运行）",
  },
  "explain.integrity.fix-forget": {
    en: "# else remove the entry (the cloud resource stays; the next deploy adopts or recreates it): {command} — or sst state remove / pulumi state delete",
    zh: "# 否则移除该条目（云端资源保留；下次部署会接管或重新创建它）：{command} —— 或者使用 sst state remove / pulumi state delete",
  },
  "explain.pending.what": { en: "a resource", zh: "某个资源" },
  "explain.pending.what-typed": { en: "{logical} ({type})", zh: "{logical}（类型 {type}）" },
  "explain.pending.create-cause": {
    en: "A deploy was interrupted while creating {what}: AWS may have created it, but the state only records an unfinished operation, so the next deploy fails or creates it twice.",
    zh: "一次部署在创建 {what} 时被中断：AWS 可能已经创建了它，但状态中只记录了一个未完成的操作，所以下次部署会失败，或者把它创建两次。",
  },
  "explain.pending.create-tell": {
    en: "doctor looks the resource up: found in AWS → adopt it; not found → clear the pending create",
    zh: "doctor 会查找该资源：在 AWS 中找到 → 接管它；找不到 → 清除待创建操作",
  },
  "explain.pending.create-fix": {
    en: "# doctor tells whether AWS created it: adopt it if it did, clear the pending operation if it did not",
    zh: "# doctor 会告诉你 AWS 是否创建了它：已创建就接管，未创建就清除未完成的操作",
  },
  "explain.pending.create-fix-urn": {
    en: "# if doctor finds it in AWS, adopt it ({adopt}); if not, clear it: {forget}",
    zh: "# 如果 doctor 在 AWS 中找到它，就接管它（{adopt}）；否则清除它：{forget}",
  },
  "explain.pending.op.update": { en: "update", zh: "更新" },
  "explain.pending.op.delete": { en: "delete", zh: "删除" },
  "explain.pending.op.read": { en: "read", zh: "读取" },
  "explain.pending.op.import": { en: "import", zh: "导入" },
  "explain.pending.interrupted-cause": {
    en: "A deploy was interrupted while {operation} {what} (an interrupted {op}, not a create): the resource is still in the state and in AWS, perhaps half changed; the state records the unfinished operation and Pulumi stops on it until it is cleared.",
    zh: "一次部署在对 {what} 执行 {operation} 时被中断（被中断的是{op}，不是创建）：该资源仍在状态和 AWS 中，可能只修改了一半；状态记录了这个未完成的操作，在清除之前 Pulumi 会一直停在这里。",
  },
  "explain.pending.interrupted-cause-delete": {
    en: "A deploy was interrupted while {operation} {what} (an interrupted {op}, not a create): the resource is still in the state and in AWS, perhaps half deleted; the state records the unfinished operation and Pulumi stops on it until it is cleared.",
    zh: "一次部署在对 {what} 执行 {operation} 时被中断（被中断的是{op}，不是创建）：该资源仍在状态和 AWS 中，可能只删除了一半；状态记录了这个未完成的操作，在清除之前 Pulumi 会一直停在这里。",
  },
  "explain.pending.interrupted-tell": {
    en: "the operation is `{operation}`; nothing needs adopting",
    zh: "操作是 `{operation}`；不需要接管任何资源",
  },
  "explain.pending.interrupted-fix": {
    en: "# clear the interrupted {op} ({command}), then refresh {stage} (sst refresh / pulumi refresh) so the state reads the resource as it is now",
    zh: "# 清除被中断的{op}（{command}），然后刷新{stage}（sst refresh / pulumi refresh），让状态读取资源当前的样子",
  },
  "explain.pending.interrupted-fix-refresh": {
    en: "# then refresh {stage} (sst refresh / pulumi refresh) so the state reads it as it is now, and deploy again",
    zh: "# 然后刷新{stage}（sst refresh / pulumi refresh），让状态读取它当前的样子，再重新部署",
  },

  // A stage that is not there.
  "explain.stage-not-found.pulumi": {
    en: "The backend has no stack named {stack}: a typo, another backend (PULUMI_BACKEND_URL), or a stack that was removed.",
    zh: "后端中没有名为 {stack} 的堆栈：可能是拼写错误、用了另一个后端（PULUMI_BACKEND_URL），或者该堆栈已被删除。",
  },
  "explain.stage-not-found.sst": {
    en: "No state exists for {stage} in this SST home: it was never deployed there, was removed, or the command ran with another stage, region, profile or account.",
    zh: "这个 SST 状态存储中没有{stage}的状态：它从未部署到这里、已被移除，或者运行命令时用的是另一个阶段、区域、profile 或账户。",
  },
  "explain.stage-not-found.sst-app": {
    en: "No state exists for {stage} of {app} in this SST home: it was never deployed there, was removed, or the command ran with another stage, region, profile or account.",
    zh: "这个 SST 状态存储中没有应用 {app} 的{stage}的状态：它从未部署到这里、已被移除，或者运行命令时用的是另一个阶段、区域、profile 或账户。",
  },
  "explain.stage-not-found.fix": {
    en: "# check the stage name, AWS_PROFILE and the region: a stage deployed from another account or region is not found here",
    zh: "# 检查阶段名称、AWS_PROFILE 和区域：从另一个账户或区域部署的阶段在这里找不到",
  },

  // Regions.
  "explain.region.one-region": { en: "one region", zh: "某个区域" },
  "explain.region.another": { en: "another", zh: "另一个区域" },
  "explain.region.another-region": { en: "another region", zh: "另一个区域" },
  "explain.region.that-region": { en: "that region", zh: "该区域" },
  "explain.region.signed": {
    en: "A request was signed for {used} but {thing} lives in {at}: the command ran with another region than the one the stage was deployed to.",
    zh: "请求是按 {used} 签名的，但 {thing} 位于 {at}：运行命令时使用的区域与该阶段部署到的区域不同。",
  },
  "explain.region.redirect": {
    en: "The S3 bucket is in {at}, so S3 refused the request: the command ran with another region than the one the stage was deployed to.",
    zh: "S3 存储桶位于 {at}，因此 S3 拒绝了请求：运行命令时使用的区域与该阶段部署到的区域不同。",
  },
  "explain.region.redirect-used": {
    en: "The S3 bucket is in {at}, not {used}, so S3 refused the request: the command ran with another region than the one the stage was deployed to.",
    zh: "S3 存储桶位于 {at}，而不是 {used}，因此 S3 拒绝了请求：运行命令时使用的区域与该阶段部署到的区域不同。",
  },
  "explain.region.redirect-named": {
    en: "The S3 bucket {name} is in {at}, so S3 refused the request: the command ran with another region than the one the stage was deployed to.",
    zh: "S3 存储桶 {name} 位于 {at}，因此 S3 拒绝了请求：运行命令时使用的区域与该阶段部署到的区域不同。",
  },
  "explain.region.redirect-named-used": {
    en: "The S3 bucket {name} is in {at}, not {used}, so S3 refused the request: the command ran with another region than the one the stage was deployed to.",
    zh: "S3 存储桶 {name} 位于 {at}，而不是 {used}，因此 S3 拒绝了请求：运行命令时使用的区域与该阶段部署到的区域不同。",
  },
  "explain.region.token": {
    en: "The credentials are not valid in {at}: the region is not enabled for the account (opt-in regions), or the stage points at a region the account does not use.",
    zh: "凭证在 {at} 中无效：该账户没有启用这个区域（需要手动启用的区域），或者该阶段指向了该账户不使用的区域。",
  },
  "explain.region.missing": {
    en: "No AWS region was configured for the command (no providers.aws.region, AWS_REGION or profile region), so the provider could not start.",
    zh: "没有为命令配置 AWS 区域（没有 providers.aws.region、AWS_REGION 或 profile 中的区域），因此 provider 无法启动。",
  },
  "explain.region.mismatch": {
    en: "The region given does not match the region the resource or the state lives in.",
    zh: "给定的区域与资源或状态所在的区域不一致。",
  },
  "explain.region.mismatch-used": {
    en: "The region given ({used}) does not match the region the resource or the state lives in.",
    zh: "给定的区域（{used}）与资源或状态所在的区域不一致。",
  },
  "explain.region.fix": {
    en: "# use one region everywhere the stage deploys from (providers.aws.region in sst.config.ts, aws:region, AWS_REGION, the profile), then deploy again",
    zh: "# 在部署该阶段的所有地方使用同一个区域（sst.config.ts 中的 providers.aws.region、aws:region、AWS_REGION、profile），然后重新部署",
  },

  // Other tools' logs.
  "explain.foreign.note": {
    en: "This is a {tool} log: stateward repairs Pulumi and SST v3 state, not this one.",
    zh: "这是 {tool} 的日志：stateward 修复的是 Pulumi 和 SST v3 的状态，而不是这种。",
  },
  "explain.foreign.sst-classic": {
    en: "CloudFormation (SST v1/v2, through the AWS CDK)",
    zh: "CloudFormation（SST v1/v2，通过 AWS CDK）",
  },
  "explain.foreign.cfn-keep": {
    en: "# keep it: import it into the stack (CloudFormation resource import; `cdk import` for CDK, SST v2 and SAM apps), then deploy again",
    zh: "# 保留它：把它导入堆栈（CloudFormation 资源导入；CDK、SST v2 和 SAM 应用用 `cdk import`），然后重新部署",
  },
  "explain.foreign.cfn-rename": {
    en: "# or give {logical} another name (or let CloudFormation generate one) and deploy again",
    zh: "# 或者给 {logical} 换一个名称（或让 CloudFormation 生成），然后重新部署",
  },
  "explain.foreign.cfn-duplicate": {
    en: "# two resources of the app ask for {name}: give each its own name",
    zh: "# 应用中的两个资源都要使用 {name}：给它们各自一个名称",
  },
  "explain.foreign.cfn-duplicate-stack": {
    en: "# the stack {stack} holds {name}: if it is another stack of this app, move the resource there or rename one of them; if it is this stack, two resources in it ask for the same name",
    zh: "# 堆栈 {stack} 持有 {name}：如果它是本应用的另一个堆栈，把资源移到那里或重命名其中一个；如果就是本堆栈，说明其中两个资源要使用同一个名称",
  },
  "explain.foreign.cfn-replacement": {
    en: "# a replacement with a fixed name cannot be created before the old one is deleted: rename it, or remove it in one deploy and add it back in the next",
    zh: "# 固定名称的替换资源无法在旧资源删除之前创建：重命名它，或者在一次部署中移除它、下一次部署再加回来",
  },
  "explain.foreign.cfn-find": {
    en: "# find who holds {name}: a stack with DeletionPolicy/RemovalPolicy Retain, a stack that was deleted or rolled back, another stage, or a hand-made one",
    zh: "# 找出谁持有 {name}：设置了 DeletionPolicy/RemovalPolicy Retain 的堆栈、已删除或已回滚的堆栈、另一个阶段，或者手工创建的资源",
  },
  "explain.foreign.cfn-delete": {
    en: "# or delete {name} in AWS if nothing in it is needed",
    zh: "# 或者，如果其中没有需要的内容，在 AWS 中删除 {name}",
  },
  "explain.foreign.tf-duplicate": {
    en: "# two resources of the configuration ask for {name}: give each its own name (name_prefix, or a variable per resource)",
    zh: "# 配置中的两个资源都要使用 {name}：给它们各自一个名称（name_prefix，或每个资源一个变量）",
  },
  "explain.foreign.tf-replacement": {
    en: "# a replacement with a fixed name: add {lifecycle} or let Terraform name it (name_prefix)",
    zh: "# 固定名称的替换：加上 {lifecycle}，或者让 Terraform 命名（name_prefix）",
  },
  "explain.foreign.tf-keep": {
    en: "# keep it: {command} (or an import block), then apply again",
    zh: "# 保留它：{command}（或使用 import 块），然后重新执行 apply",
  },
  "explain.foreign.tf-delete": {
    en: "# or delete {name} in AWS if nothing in it is needed, or give the resource another name (name_prefix, the workspace or environment in it)",
    zh: "# 或者，如果其中没有需要的内容，在 AWS 中删除 {name}；或者给该资源换一个名称（name_prefix，在名称中加入 workspace 或环境）",
  },
  "explain.foreign.cfn-tell-other-stage": {
    en: "the resource's aws:cloudformation:stack-name tag names another stack (another stage or app)",
    zh: "该资源的 aws:cloudformation:stack-name 标签指向另一个堆栈（另一个阶段或应用）",
  },
  "explain.foreign.cfn-tell-leftover": {
    en: "no stack lists it (`aws cloudformation describe-stack-resources`), and it carries an old stack's tags or was made by hand",
    zh: "没有任何堆栈列出它（`aws cloudformation describe-stack-resources`），并且它带有旧堆栈的标签，或者是手工创建的",
  },
  "explain.foreign.cfn-tell-retained": {
    en: "a deleted or rolled-back stack kept it with DeletionPolicy / RemovalPolicy Retain",
    zh: "某个已删除或已回滚的堆栈通过 DeletionPolicy / RemovalPolicy Retain 保留了它",
  },
  "explain.foreign.tf-tell-other-stage": {
    en: "another workspace's or configuration's state lists it (`terraform state list` there)",
    zh: "另一个 workspace 或配置的状态列出了它（在那里运行 `terraform state list`）",
  },
  "explain.foreign.tf-tell-leftover": {
    en: "no state lists it: an apply that failed half way, a destroy that did not finish, or one made by hand",
    zh: "没有任何状态列出它：中途失败的 apply、没有完成的 destroy，或者手工创建的资源",
  },

  // What the stage showed (--app/--stage).
  "explain.decided": { en: "{cause} (checked: {evidence}.)", zh: "{cause}（已检查：{evidence}。）" },
  "explain.evidence.twice": {
    en: "{stage}'s state holds {name} twice: {urns}",
    zh: "阶段 {stage} 的状态两次持有 {name}：{urns}",
  },
  "explain.evidence.renamed": {
    en: "{stage}'s state holds {name} as {urn}, and the deploy created it again as {newUrn}: the resource was renamed or moved (a new URN), so Pulumi creates the new one before it deletes the old",
    zh: "阶段 {stage} 的状态以 {urn} 持有 {name}，而部署又以 {newUrn} 再次创建它：该资源被重命名或移动了（新的 URN），所以 Pulumi 先创建新的，再删除旧的",
  },
  "explain.evidence.tracked": {
    en: "{stage}'s state holds {name} ({urn}): it is tracked, not a leftover; the deploy replaces it and creates the replacement before deleting it",
    zh: "阶段 {stage} 的状态持有 {name}（{urn}）：它在状态中，不是残留资源；部署会替换它，并在删除它之前先创建替换资源",
  },
  "explain.evidence.other-stage": {
    en: "stage {stage}'s state holds {name}",
    zh: "阶段 {stage} 的状态持有 {name}",
  },
  "explain.evidence.other-stage-urn": {
    en: "stage {stage}'s state holds {name} as {urn}",
    zh: "阶段 {stage} 的状态以 {urn} 持有 {name}",
  },
  "explain.evidence.history": {
    en: "version {version} ({time}) of {stage}'s state held {name} as {urn}; the current state does not",
    zh: "阶段 {stage} 的状态版本 {version}（{time}）以 {urn} 持有 {name}；当前状态中没有",
  },
  "explain.evidence.history-retained": {
    en: "version {version} ({time}) of {stage}'s state held {name} as {urn} with retainOnDelete; the current state does not",
    zh: "阶段 {stage} 的状态版本 {version}（{time}）以 {urn} 持有 {name}，并设置了 retainOnDelete；当前状态中没有",
  },
  "explain.evidence.other-account": {
    en: "no state, version or scan of account {account} has {name}",
    zh: "账户 {account} 的状态、历史版本和扫描中都没有 {name}",
  },
  "explain.evidence.other-account-this": {
    en: "no state, version or scan of account (this account) has {name}",
    zh: "当前账户的状态、历史版本和扫描中都没有 {name}",
  },

  // Reading the log.
  "explain.input.stdin": { en: "standard input", zh: "标准输入" },
  "explain.input.hint": {
    en: "Pass the output of `sst deploy` / `pulumi up` as text, e.g. `sst deploy --stage dev 2>&1 | tee deploy.log; stateward explain deploy.log`.",
    zh: "请以文本形式传入 `sst deploy` / `pulumi up` 的输出，例如 `sst deploy --stage dev 2>&1 | tee deploy.log; stateward explain deploy.log`。",
  },
  "explain.input.too-large": {
    en: "{name} is {size}, more than the {max} explain reads; a deploy's output is rarely more than a few MB.",
    zh: "{name} 有 {size}，超过了 explain 能读取的 {max}；部署的输出很少超过几 MB。",
  },
  "explain.input.too-large-read": {
    en: "{name} holds more than the {max} explain reads; a deploy's output is rarely more than a few MB.",
    zh: "{name} 超过了 explain 能读取的 {max}；部署的输出很少超过几 MB。",
  },
  "explain.input.too-large-hint": {
    en: "The errors are at the end of a log: pass its last part, e.g. `tail -c 20000000 {file} | stateward explain -`.",
    zh: "错误在日志的末尾：只传入最后一部分即可，例如 `tail -c 20000000 {file} | stateward explain -`。",
  },
  "explain.input.gzip-too-large": {
    en: "{name} is gzip-compressed and decompresses to more than the {max} explain reads.",
    zh: "{name} 是 gzip 压缩文件，解压后超过了 explain 能读取的 {max}。",
  },
  "explain.input.gzip-truncated": {
    en: "{name} is gzip-compressed but cut off before its end, so the log in it cannot be read.",
    zh: "{name} 是 gzip 压缩文件，但在结尾之前被截断了，无法读取其中的日志。",
  },
  "explain.input.gzip-damaged": {
    en: "{name} is gzip-compressed but damaged, so the log in it cannot be read.",
    zh: "{name} 是 gzip 压缩文件，但已损坏，无法读取其中的日志。",
  },
  "explain.input.gzip-hint": {
    en: "Use an intact copy of the log (or the log itself, not compressed).",
    zh: "请使用完整的日志副本（或者未压缩的日志本身）。",
  },
  "explain.input.binary-zero": {
    en: "{name} is binary data (a zero byte at offset {offset}), not the text output of a deploy.",
    zh: "{name} 是二进制数据（偏移 {offset} 处有一个零字节），不是部署的文本输出。",
  },
  "explain.input.binary": {
    en: "{name} is binary data, not the text output of a deploy: {odd} of its first {total} characters are not text.",
    zh: "{name} 是二进制数据，不是部署的文本输出：前 {total} 个字符中有 {odd} 个不是文本。",
  },
  "explain.input.empty": {
    en: "{name} is empty: there is no deploy output in it to explain.",
    zh: "{name} 是空的：其中没有可以解释的部署输出。",
  },
  "explain.input.blank": {
    en: "{name} is empty (only whitespace): there is no deploy output in it to explain.",
    zh: "{name} 是空的（只有空白字符）：其中没有可以解释的部署输出。",
  },

  // The terminal report.
  "explain.title.already-exists": { en: "Already exists", zh: "已存在" },
  "explain.title.locked": { en: "Locked", zh: "已加锁" },
  "explain.title.passphrase": { en: "Passphrase / secrets", zh: "密码短语 / 机密" },
  "explain.title.integrity": { en: "State integrity", zh: "状态完整性" },
  "explain.title.pending-operations": { en: "Pending operations", zh: "未完成的操作" },
  "explain.title.stage-not-found": { en: "Stage not found", zh: "找不到阶段" },
  "explain.title.region": { en: "Region", zh: "区域" },
  "explain.report.heading": { en: "Explain", zh: "解释" },
  "explain.report.logical-name": { en: "logical name {name}", zh: "逻辑名称 {name}" },
  "explain.report.region": { en: "region {region}", zh: "区域 {region}" },
  "explain.report.lines.one": { en: "{count} line", zh: "{count} 行" },
  "explain.report.lines.other": { en: "{count} lines", zh: "{count} 行" },
  "explain.report.app": { en: "app {app}", zh: "应用 {app}" },
  "explain.report.stage": { en: "stage {stage}", zh: "阶段 {stage}" },
  "explain.report.foreign": {
    en: "This is a {tool} log: stateward repairs Pulumi / SST v3 state; the fixes below are that tool's.",
    zh: "这是 {tool} 的日志：stateward 修复的是 Pulumi / SST v3 的状态；下面的修复方法用的是该工具自己的命令。",
  },
  "explain.report.no-problem-failed": {
    en: 'No known state problem in {source} ({lines}): no "already exists", lock, passphrase, integrity, pending-operation, missing-stage or region error.',
    zh: "{source}（{lines}）中没有已知的状态问题：没有“已存在”、锁、密码短语、完整性、未完成的操作、缺失阶段或区域错误。",
  },
  "explain.report.failed-elsewhere": {
    en: "The deploy failed for another reason; the first error is on line {line}:",
    zh: "部署因其他原因失败；第一个错误在第 {line} 行：",
  },
  "explain.report.doctor-checks": {
    en: "{doctor} checks the stage itself.",
    zh: "{doctor} 会检查阶段本身。",
  },
  "explain.report.completed": {
    en: "No failure found in {source} ({lines}): the command completed (line {line}: {text}).",
    zh: "{source}（{lines}）中没有发现失败：命令已完成（第 {line} 行：{text}）。",
  },
  "explain.report.completed-doctor": {
    en: "No known state problem in it either; {doctor} checks the stage itself.",
    zh: "其中也没有已知的状态问题；{doctor} 会检查阶段本身。",
  },
  "explain.report.no-failure": {
    en: "No failure found in {source} ({lines}): no error line and no known state problem in it.",
    zh: "{source}（{lines}）中没有发现失败：没有错误行，也没有已知的状态问题。",
  },
  "explain.report.pass-whole": {
    en: "If a deploy failed, pass its whole output, stderr included: `sst deploy --stage <stage> 2>&1 | tee deploy.log`.",
    zh: "如果部署失败了，请传入它的全部输出（包括 stderr）：`sst deploy --stage <stage> 2>&1 | tee deploy.log`。",
  },
  "explain.report.line": { en: "line {line}", zh: "第 {line} 行" },
  "explain.report.rule": { en: "rule {rule}", zh: "规则 {rule}" },
  "explain.report.label.seen": { en: "seen:", zh: "日志：" },
  "explain.report.label.why": { en: "why:", zh: "原因：" },
  "explain.report.label.which": { en: "which:", zh: "区分：" },
  "explain.report.label.fix": { en: "fix:", zh: "修复：" },
  "explain.report.which": {
    en: "possible causes, most likely first — how to tell:",
    zh: "可能的原因（最可能的在前），以及如何区分：",
  },
  "explain.report.summary-item": { en: "{count} {kind}", zh: "{kind} {count} 个" },
  "explain.report.total.one": {
    en: "{count} problem in {source}: {summary}.",
    zh: "{source} 中有 {count} 个问题：{summary}。",
  },
  "explain.report.total.other": {
    en: "{count} problems in {source}: {summary}.",
    zh: "{source} 中有 {count} 个问题：{summary}。",
  },

  // The command.
  "explain.cli.description": {
    en: 'read the output of a failed `sst deploy` / `sst refresh` / `pulumi up` and explain every state problem in it — "already exists", locks, passphrases, corrupted state, pending operations, unknown stages, regions — with the fix; with --app/--stage it also checks them against the cloud and state (exit 0 no failure or none recognised, 1 input that is not a log, 3 problems found)',
    zh: "读取失败的 `sst deploy` / `sst refresh` / `pulumi up` 的输出，解释其中的每个状态问题（“已存在”、锁、密码短语、损坏的状态、未完成的操作、未知的阶段、区域）并给出修复方法；加上 --app/--stage 时还会对照云端和状态检查它们（退出码 0：没有失败或没有识别出问题，1：输入不是日志，3：发现问题）",
  },
  "explain.cli.argument-log": {
    en: "the log file; - (or nothing, when piped) reads standard input",
    zh: "日志文件；-（或通过管道输入时不传）读取标准输入",
  },
  "explain.cli.which-log": {
    en: "Which log? Pass a file, or pipe the deploy's output in.",
    zh: "要读取哪个日志？请传入一个文件，或者通过管道输入部署的输出。",
  },
  "explain.cli.which-log-hint": {
    en: "e.g. `sst deploy --stage dev 2>&1 | tee deploy.log; stateward explain deploy.log`",
    zh: "例如：`sst deploy --stage dev 2>&1 | tee deploy.log; stateward explain deploy.log`",
  },
  "explain.cli.checked": { en: "Checked against the cloud and the state", zh: "对照云端和状态的检查结果" },
  "explain.cli.checked-nothing": {
    en: "doctor finds nothing about these resources now (already fixed?).",
    zh: "doctor 现在没有发现与这些资源有关的问题（已经修复了？）。",
  },
});
