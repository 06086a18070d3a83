/* eslint-disable max-lines -- one area's catalog: data, no logic */
/** The cloud layer: drivers' outcomes and errors, the deletion gate, inventory, clients. */
import { defineMessages } from "../types.js";

export const cloud = defineMessages({
  // Network failures, as a Node error code says (in parentheses after "could not be reached").
  "cloud.net.refused": { en: "connection refused", zh: "连接被拒绝" },
  "cloud.net.closed": { en: "connection closed without an answer", zh: "连接在应答前被关闭" },
  "cloud.net.host-not-found": { en: "host name not found", zh: "找不到主机名" },
  "cloud.net.lookup-failed": { en: "host name lookup failed", zh: "主机名解析失败" },
  "cloud.net.host-unreachable": { en: "host unreachable", zh: "主机不可达" },
  "cloud.net.network-unreachable": { en: "network unreachable", zh: "网络不可达" },

  // What was tried before giving up (inside parentheses of the messages below).
  "cloud.aws.tried.skipped.one": {
    en: "not sent: an earlier call to it just got no answer in {attempts} attempt and {elapsed}, within the {timeout} --timeout",
    zh: "未发送：之前对它的一次调用刚刚尝试 {attempts} 次、用时 {elapsed} 仍未得到应答（--timeout 为 {timeout}）",
  },
  "cloud.aws.tried.skipped.other": {
    en: "not sent: an earlier call to it just got no answer in {attempts} attempts and {elapsed}, within the {timeout} --timeout",
    zh: "未发送：之前对它的一次调用刚刚尝试 {attempts} 次、用时 {elapsed} 仍未得到应答（--timeout 为 {timeout}）",
  },
  "cloud.aws.tried.one": { en: "{attempts} attempt in {elapsed}", zh: "{elapsed} 内尝试 {attempts} 次" },
  "cloud.aws.tried.other": { en: "{attempts} attempts in {elapsed}", zh: "{elapsed} 内尝试 {attempts} 次" },
  "cloud.aws.tried.timeout.one": {
    en: "{attempts} attempt in {elapsed}, each given {each} of the {timeout} --timeout",
    zh: "{elapsed} 内尝试 {attempts} 次，每次最多 {each}（--timeout 共 {timeout}）",
  },
  "cloud.aws.tried.timeout.other": {
    en: "{attempts} attempts in {elapsed}, each given {each} of the {timeout} --timeout",
    zh: "{elapsed} 内尝试 {attempts} 次，每次最多 {each}（--timeout 共 {timeout}）",
  },
  "cloud.aws.with-backoff": { en: "{tried}, with backoff", zh: "{tried}，已退避重试" },

  // SDK failures in words.
  "cloud.aws.aborted": { en: "{doing} was interrupted.", zh: "{doing} 被中断。" },
  "cloud.aws.aborted.hint": {
    en: "Nothing more was written; `stateward lock status` shows whether a lock was left.",
    zh: "之后没有再写入任何内容；`stateward lock status` 可查看是否留下了锁。",
  },
  "cloud.aws.timeout": {
    en: "{doing} failed: no answer in time from {where}.",
    zh: "{doing} 失败：{where} 未在时限内应答。",
  },
  "cloud.aws.timeout.tried": {
    en: "{doing} failed: no answer in time from {where} ({tried}).",
    zh: "{doing} 失败：{where} 未在时限内应答（{tried}）。",
  },
  "cloud.aws.timeout.hint.local": {
    en: "Check that the endpoint {where} (AWS_ENDPOINT_URL) is running and answering; --timeout 60s waits longer.",
    zh: "请检查端点 {where}（AWS_ENDPOINT_URL）是否在运行并能应答；--timeout 60s 可等待更久。",
  },
  "cloud.aws.timeout.hint": {
    en: "Check the network connection, VPN and proxy settings; --timeout 60s waits longer on a slow network.",
    zh: "请检查网络连接、VPN 和代理设置；网络较慢时，--timeout 60s 可等待更久。",
  },
  "cloud.aws.no-credentials": {
    en: "{doing} failed: no AWS credentials were found.",
    zh: "{doing} 失败：未找到 AWS 凭证。",
  },
  "cloud.aws.no-credentials.hint": {
    en: "Set AWS_PROFILE (or --profile) to a configured profile, run `aws sso login`, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.",
    zh: "请将 AWS_PROFILE（或 --profile）设为已配置的 profile，运行 `aws sso login`，或导出 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY。",
  },
  "cloud.aws.no-profile": {
    en: 'The AWS profile "{profile}" is not in {files}.',
    zh: "AWS profile“{profile}”不在 {files} 中。",
  },
  "cloud.aws.no-profile.hint": {
    en: "The profile comes from --profile, else AWS_PROFILE, else providers.aws.profile in sst.config.ts; `aws configure list-profiles` lists the ones there.",
    zh: "profile 依次取自 --profile、AWS_PROFILE、sst.config.ts 中的 providers.aws.profile；`aws configure list-profiles` 可列出已有的 profile。",
  },
  "cloud.aws.no-region": {
    en: "{doing} failed: no AWS region is configured.",
    zh: "{doing} 失败：未配置 AWS 区域。",
  },
  "cloud.aws.no-region.hint": {
    en: "Pass --region, or set AWS_REGION.",
    zh: "请传入 --region，或设置 AWS_REGION。",
  },
  "cloud.aws.unreachable": {
    en: "{doing} failed: {where} could not be reached ({reason}, {code}).",
    zh: "{doing} 失败：无法连接 {where}（{reason}，{code}）。",
  },
  "cloud.aws.unreachable.tried": {
    en: "{doing} failed: {where} could not be reached ({reason}, {code}; {tried}).",
    zh: "{doing} 失败：无法连接 {where}（{reason}，{code}；{tried}）。",
  },
  "cloud.aws.unreachable.hint.local": {
    en: "Check that the endpoint {where} (AWS_ENDPOINT_URL) is running; `stateward sandbox` starts the local cloud.",
    zh: "请检查端点 {where}（AWS_ENDPOINT_URL）是否在运行；`stateward sandbox` 可启动本地云。",
  },
  "cloud.aws.unreachable.hint": {
    en: "Check the network connection and proxy settings.",
    zh: "请检查网络连接和代理设置。",
  },
  "cloud.aws.access-denied": {
    en: "{doing} failed: access denied ({message}).",
    zh: "{doing} 失败：访问被拒绝（{message}）。",
  },
  "cloud.aws.access-denied.hint": {
    en: "Use credentials allowed to do this (check --profile / AWS_PROFILE).",
    zh: "请使用有此权限的凭证（检查 --profile / AWS_PROFILE）。",
  },
  "cloud.aws.credentials-rejected": {
    en: "{doing} failed: the AWS credentials were rejected ({code}).",
    zh: "{doing} 失败：AWS 拒绝了这些凭证（{code}）。",
  },
  "cloud.aws.credentials-rejected.hint": {
    en: "Refresh them (`aws sso login`, or new access keys) and try again.",
    zh: "请刷新凭证（`aws sso login`，或换用新的访问密钥）后重试。",
  },
  "cloud.aws.throttled": {
    en: "{doing} failed: {where} was still throttling the calls ({code}).",
    zh: "{doing} 失败：{where} 仍在对调用限流（{code}）。",
  },
  "cloud.aws.throttled.tried": {
    en: "{doing} failed: {where} was still throttling the calls ({code}; {tried}).",
    zh: "{doing} 失败：{where} 仍在对调用限流（{code}；{tried}）。",
  },
  "cloud.aws.throttled.hint": {
    en: "Too many calls to this API from this account right now (other tools too); try again in a minute.",
    zh: "此账户当前对该 API 的调用过多（包括其他工具的调用）；请一分钟后重试。",
  },
  "cloud.aws.server-error": {
    en: "{doing} failed: {where} answered with a server error (HTTP {status} {code}): {message}",
    zh: "{doing} 失败：{where} 返回了服务器错误（HTTP {status} {code}）：{message}",
  },
  "cloud.aws.server-error.tried": {
    en: "{doing} failed: {where} answered with a server error (HTTP {status} {code}; {tried}): {message}",
    zh: "{doing} 失败：{where} 返回了服务器错误（HTTP {status} {code}；{tried}）：{message}",
  },
  "cloud.aws.server-error.hint": {
    en: "The fault is on the service's side; try again later.",
    zh: "问题出在服务端；请稍后重试。",
  },
  "cloud.aws.error": { en: "{doing} failed: {code}: {message}", zh: "{doing} 失败：{code}：{message}" },
  "cloud.aws.error.status": {
    en: "{doing} failed: {code} (HTTP {status}): {message}",
    zh: "{doing} 失败：{code}（HTTP {status}）：{message}",
  },
  "cloud.call.no-answer-earlier": {
    en: "no answer in time to an earlier call",
    zh: "之前的一次调用未在时限内得到应答",
  },
  "cloud.call.in-region": { en: "{call} in {region}", zh: "{region} 区域的 {call}" },

  // Clients.
  "cloud.timeout.bad": {
    en: '--timeout "{text}" is not a duration from 100ms to 1h.',
    zh: '--timeout "{text}" 不是 100ms 到 1h 之间的时长。',
  },
  "cloud.timeout.bad.hint": {
    en: "Use a number with ms, s or m, e.g. --timeout 5s or --timeout 2m.",
    zh: "请使用带 ms、s 或 m 单位的数字，例如 --timeout 5s 或 --timeout 2m。",
  },
  "cloud.ca-bundle.unreadable": {
    en: "AWS_CA_BUNDLE names {file}, which cannot be read.",
    zh: "AWS_CA_BUNDLE 指向 {file}，但该文件无法读取。",
  },
  "cloud.ca-bundle.unreadable.hint": {
    en: "Point AWS_CA_BUNDLE at a PEM file of certificates, or unset it.",
    zh: "请将 AWS_CA_BUNDLE 指向一个 PEM 证书文件，或取消设置它。",
  },
  "cloud.sts.who": { en: "Asking STS who the credentials belong to", zh: "向 STS 查询凭证所属的身份" },

  // The deletion gate.
  "cloud.gate.refused": {
    en: "Refused to delete {type} {name} ({region}): {reason}.",
    zh: "拒绝删除 {type} {name}（{region}）：{reason}。",
  },
  "cloud.gate.other-stage": {
    en: "stage {stage}'s current state holds {what} as {urn}",
    zh: "阶段 {stage} 的当前状态以 {urn} 持有 {what}",
  },
  "cloud.gate.other-stage.hint": {
    en: "It belongs to {stage}; only naming it deletes it: {command}",
    zh: "它属于 {stage}；只有明确点名才能删除它：{command}",
  },
  "cloud.gate.external": {
    en: "{stage}'s current state reads {what} with .get() as {urn} (external: someone else's resource it uses)",
    zh: "{stage} 的当前状态通过 .get() 以 {urn} 读取 {what}（external：它所使用的他人资源）",
  },
  "cloud.gate.external.hint": {
    en: "Deleting it would break {stage}'s next deploy; only naming it deletes it: {command}",
    zh: "删除它会使 {stage} 的下一次部署失败；只有明确点名才能删除它：{command}",
  },
  "cloud.gate.retained.current": {
    en: "{stage}'s state (current version) marks {what} retainOnDelete ({urn})",
    zh: "{stage} 的状态（当前版本）将 {what} 标记为 retainOnDelete（{urn}）",
  },
  "cloud.gate.retained.version": {
    en: "{stage}'s state (version {version}) marks {what} retainOnDelete ({urn})",
    zh: "{stage} 的状态（版本 {version}）将 {what} 标记为 retainOnDelete（{urn}）",
  },
  "cloud.gate.retained.hint": {
    en: 'removal: "retain" asked to keep it. Adopt it back, or delete it by naming it: {command}',
    zh: 'removal: "retain" 要求保留它。请重新接管它，或明确点名删除它：{command}',
  },
  "cloud.gate.protect": {
    en: "{stage}'s state marks {what} protect ({urn})",
    zh: "{stage} 的状态将 {what} 标记为 protect（{urn}）",
  },
  "cloud.gate.protect.hint": {
    en: "Delete it only by naming it: {command}",
    zh: "只能明确点名删除它：{command}",
  },
  "cloud.gate.not-confirmed": {
    en: "{what} belongs to stage {stages}, which was not confirmed for this run",
    zh: "{what} 属于阶段 {stages}，本次运行未确认该阶段",
  },
  "cloud.gate.not-confirmed.hint": {
    en: "Type the stage name when asked, or pass {flags} (a confirmation for one stage never covers another).",
    zh: "请在提示时输入阶段名称，或传入 {flags}（对一个阶段的确认不会涵盖其他阶段）。",
  },
  "cloud.gate.protected-stage": {
    en: "{what} belongs to the protected stage {stages}",
    zh: "{what} 属于受保护的阶段 {stages}",
  },
  "cloud.gate.protected-stage.hint": {
    en: "Deleting in a protected stage (prod*, production, or `protect` in sst.config.ts) also needs --confirm-protected.",
    zh: "在受保护的阶段（prod*、production，或在 sst.config.ts 中设置了 `protect`）中删除，还需要 --confirm-protected。",
  },
  "cloud.gate.unknown-type": {
    en: "stateward does not know how to delete {type}",
    zh: "stateward 不知道如何删除 {type}",
  },
  "cloud.gate.unknown-type.hint": {
    en: "Delete it in the AWS console or with the AWS CLI if it really must go.",
    zh: "如果确实必须删除，请在 AWS 控制台或用 AWS CLI 删除它。",
  },
  "cloud.gate.managed": {
    en: "{stage}'s current state holds {type} {name} as {urn}",
    zh: "{stage} 的当前状态以 {urn} 持有 {type} {name}",
  },
  "cloud.gate.managed.hint": {
    en: "A managed resource goes with `sst remove` or a deploy without it; `stateward forget` takes it out of the state first if it must be deleted by hand.",
    zh: "受管理的资源应通过 `sst remove` 或一次不含它的部署来删除；如果必须手动删除，请先用 `stateward forget` 将它从状态中移除。",
  },
  "cloud.permit.refused": {
    en: "Refused to delete {kind} {name} in {region}: the deletion did not pass the deletion gate.",
    zh: "拒绝删除 {region} 中的 {kind} {name}：此次删除没有经过删除检查。",
  },
  "cloud.permit.refused.other": {
    en: "Refused to delete {kind} {name} in {region}: the deletion did not pass the deletion gate (its permit is for {permitKind} {permitName} in {permitRegion}).",
    zh: "拒绝删除 {region} 中的 {kind} {name}：此次删除没有经过删除检查（其许可针对的是 {permitRegion} 中的 {permitKind} {permitName}）。",
  },
  "cloud.permit.refused.hint": {
    en: "Deletions go through `stateward cleanup`, `fix` or `apply`, which check the stage confirmations, retain/protect marks and other stages' states first.",
    zh: "删除须通过 `stateward cleanup`、`fix` 或 `apply` 进行，它们会先检查阶段确认、retain/protect 标记以及其他阶段的状态。",
  },

  // Discovery and inventory progress.
  "cloud.discovery.listing-tagged": {
    en: "{found} found so far; listing tagged {label} resources in {region}",
    zh: "已找到 {found} 个；正在列出 {region} 中带标签的 {label}",
  },
  "cloud.discovery.call-tagged": {
    en: "Listing tagged {label} resources in {region}",
    zh: "列出 {region} 中带标签的 {label}",
  },
  "cloud.discovery.listing-by-name": {
    en: "{found} found so far; listing {label} resources in {region} by name",
    zh: "已找到 {found} 个；正在按名称列出 {region} 中的 {label}",
  },
  "cloud.discovery.reading-unseen.one": {
    en: "reading {count} resource not found by tag",
    zh: "正在读取 {count} 个未通过标签找到的资源",
  },
  "cloud.discovery.reading-unseen.other": {
    en: "reading {count} resources not found by tag",
    zh: "正在读取 {count} 个未通过标签找到的资源",
  },
  "cloud.inventory.reading-drift": {
    en: "reading {count} managed resources for drift",
    zh: "正在读取 {count} 个受管理的资源以检查漂移",
  },
  "cloud.long-tail.no-native-args": {
    en: "its state entry does not give what the check reads by",
    zh: "其状态条目缺少检查所需的标识",
  },
  "cloud.long-tail.no-cfn-type": { en: "no CloudFormation type", zh: "没有对应的 CloudFormation 类型" },
  "cloud.long-tail.no-identifier": {
    en: "its state entry does not give the {cfnType} identifier Cloud Control reads by",
    zh: "其状态条目缺少 Cloud Control 读取所需的 {cfnType} 标识符",
  },
  "cloud.long-tail.native.s3-object": { en: "S3 object", zh: "S3 对象" },
  "cloud.long-tail.native.s3-cors": { en: "S3 CORS configuration", zh: "S3 CORS 配置" },
  "cloud.long-tail.native.s3-public-access-block": {
    en: "S3 public access block",
    zh: "S3 公共访问阻止设置",
  },
  "cloud.long-tail.native.s3-notification": { en: "S3 notification configuration", zh: "S3 通知配置" },
  "cloud.long-tail.native.event-target": { en: "EventBridge target", zh: "EventBridge 目标" },
  "cloud.long-tail.native.acm-validation": { en: "ACM certificate validation", zh: "ACM 证书验证" },
  "cloud.long-tail.reading-cc.one": {
    en: "reading {count} resource through Cloud Control",
    zh: "正在通过 Cloud Control 读取 {count} 个资源",
  },
  "cloud.long-tail.reading-cc.other": {
    en: "reading {count} resources through Cloud Control",
    zh: "正在通过 Cloud Control 读取 {count} 个资源",
  },
  "cloud.long-tail.checking-native.one": {
    en: "checking {count} resource with their own service's read",
    zh: "正在用各自服务的读取调用检查 {count} 个资源",
  },
  "cloud.long-tail.checking-native.other": {
    en: "checking {count} resources with their own service's read",
    zh: "正在用各自服务的读取调用检查 {count} 个资源",
  },
  "cloud.long-tail.check-failed": { en: "the check's call failed", zh: "检查调用失败" },
  "cloud.long-tail.cc-failed": { en: "the Cloud Control call failed", zh: "Cloud Control 调用失败" },
  "cloud.cc.cannot-read": { en: "Cloud Control cannot read this type", zh: "Cloud Control 无法读取此类型" },
  "cloud.cc.unknown-type": { en: "Cloud Control does not know this type", zh: "Cloud Control 不认识此类型" },
  "cloud.cc.service-refused": {
    en: "the service behind Cloud Control refused the read",
    zh: "Cloud Control 背后的服务拒绝了读取",
  },
  "cloud.cc.bad-identifier": {
    en: "Cloud Control did not accept the identifier",
    zh: "Cloud Control 不接受该标识符",
  },
  "cloud.sub.no-cors-rules": { en: "no CORS rules", zh: "没有 CORS 规则" },
  "cloud.sub.empty-notification": {
    en: "an empty notification configuration",
    zh: "通知配置为空",
  },
  "cloud.sub.no-target": { en: "rule {rule} has no target {target}", zh: "规则 {rule} 没有目标 {target}" },
  "cloud.sub.certificate-status": {
    en: "the certificate is {status}, not ISSUED",
    zh: "证书状态为 {status}，而不是 ISSUED",
  },

  // Drivers' outcomes: steps taken, and why a deletion is still pending.
  "cloud.step.already-gone": { en: "already gone", zh: "已不存在" },
  "cloud.step.deleted": { en: "deleted {what}", zh: "已删除 {what}" },
  "cloud.step.deleted-with-destinations": {
    en: "deleted {what} and its {count} event destination(s)",
    zh: "已删除 {what} 及其 {count} 个事件目标",
  },
  "cloud.step.deleted-with-subscriptions": {
    en: "deleted {what} and its {count} subscription(s)",
    zh: "已删除 {what} 及其 {count} 个订阅",
  },
  "cloud.what.acm-certificate": { en: "ACM certificate {arn}", zh: "ACM 证书 {arn}" },
  "cloud.what.api-domain": { en: "custom domain name {name}", zh: "自定义域名 {name}" },
  "cloud.what.api-mapping": { en: "API mapping {name}", zh: "API 映射 {name}" },
  "cloud.what.cf-cache-policy": {
    en: "CloudFront cache policy {name} ({id})",
    zh: "CloudFront 缓存策略 {name}（{id}）",
  },
  "cloud.what.cf-kvs": { en: "CloudFront KeyValueStore {name}", zh: "CloudFront 键值存储 {name}" },
  "cloud.what.cf-oac": {
    en: "CloudFront origin access control {name} ({id})",
    zh: "CloudFront 源访问控制 {name}（{id}）",
  },
  "cloud.what.cf-function": { en: "CloudFront function {name}", zh: "CloudFront 函数 {name}" },
  "cloud.what.cf-distribution": { en: "CloudFront distribution {id}", zh: "CloudFront 分配 {id}" },
  "cloud.what.eventbridge-rule": { en: "EventBridge rule {name}", zh: "EventBridge 规则 {name}" },
  "cloud.what.inline-policy": { en: "inline policy {name}", zh: "内联策略 {name}" },
  "cloud.what.role": { en: "role {name}", zh: "角色 {name}" },
  "cloud.what.function-url": { en: "the URL of {name}", zh: "{name} 的 URL" },
  "cloud.what.log-group": { en: "log group {name}", zh: "日志组 {name}" },
  "cloud.what.bucket": { en: "bucket {name}", zh: "存储桶 {name}" },
  "cloud.what.ses-configuration-set": { en: "SES configuration set {name}", zh: "SES 配置集 {name}" },
  "cloud.what.ses-identity": { en: "SES identity {name}", zh: "SES 身份 {name}" },
  "cloud.what.topic": { en: "topic {name}", zh: "主题 {name}" },
  "cloud.what.sns-subscription": {
    en: "subscription of {protocol} {endpoint} to topic {topic}",
    zh: "{protocol} {endpoint} 对主题 {topic} 的订阅",
  },
  "cloud.what.route53-record": { en: "{type} record {name}", zh: "{type} 记录 {name}" },
  "cloud.what.route53-record.set": {
    en: "{type} record {name} (set {set})",
    zh: "{type} 记录 {name}（记录集 {set}）",
  },
  "cloud.what.route53-apex": { en: "(apex)", zh: "（顶点）" },
  "cloud.acm.in-use": {
    en: "certificate {arn} is in use: ACM deletes it only once nothing uses it (and notices that a user is gone with a delay); delete those first, then run this again",
    zh: "证书 {arn} 正在使用中：ACM 只在没有任何资源使用它时才会删除它（且要过一段时间才会发现使用者已删除）；请先删除这些使用者，再重新运行",
  },
  "cloud.acm.in-use-by": {
    en: "certificate {arn} is in use by {users}: ACM deletes it only once nothing uses it (and notices that a user is gone with a delay); delete those first, then run this again",
    zh: "证书 {arn} 正被 {users} 使用：ACM 只在没有任何资源使用它时才会删除它（且要过一段时间才会发现使用者已删除）；请先删除这些使用者，再重新运行",
  },
  "cloud.cf-cache-policy.in-use": {
    en: "still attached to a distribution's cache behavior: delete or update the distribution first",
    zh: "仍附加在某个分配的缓存行为上：请先删除或更新该分配",
  },
  "cloud.cf-kvs.in-use": {
    en: "still associated with a CloudFront function: delete the function (or its association) first",
    zh: "仍与某个 CloudFront 函数关联：请先删除该函数（或其关联）",
  },
  "cloud.cf-oac.in-use": {
    en: "still used by a distribution's origin: delete or update the distribution first",
    zh: "仍被某个分配的源使用：请先删除或更新该分配",
  },
  "cloud.cf-function.in-use": {
    en: "still associated with a distribution: delete or update the distribution first",
    zh: "仍与某个分配关联：请先删除或更新该分配",
  },
  "cloud.cf.changed": {
    en: "the distribution changed while it was being deleted — run the cleanup again",
    zh: "删除过程中该分配发生了变化——请再次运行清理",
  },
  "cloud.cf.disabled-deploying": {
    en: "disabled; CloudFront is deploying the change — run the cleanup again in a few minutes",
    zh: "已禁用；CloudFront 正在部署此变更——请几分钟后再次运行清理",
  },
  "cloud.cf.disabled": { en: "disabled CloudFront distribution {id}", zh: "已禁用 CloudFront 分配 {id}" },
  "cloud.cf.still-deploying": {
    en: "disabled and still deploying — run the cleanup again in a few minutes",
    zh: "已禁用，仍在部署中——请几分钟后再次运行清理",
  },
  "cloud.cf.enabled-again": {
    en: "enabled again meanwhile — run the cleanup again",
    zh: "期间又被重新启用——请再次运行清理",
  },
  "cloud.cognito.deleted-domain": {
    en: "deleted domain {name} of user pool {pool} (the pool stays)",
    zh: "已删除用户池 {pool} 的域 {name}（用户池保留）",
  },
  "cloud.cognito.removing": {
    en: "Cognito is still removing domain {name} ({status}); the name is free once DescribeUserPoolDomain no longer answers it",
    zh: "Cognito 仍在移除域 {name}（{status}）；DescribeUserPoolDomain 不再返回它之后，该名称即可再次使用",
  },
  "cloud.ecr.pushed-meanwhile": {
    en: "repository {name} was empty when read but holds images now (pushed meanwhile): nothing was deleted; run cleanup again to delete it with them",
    zh: "读取时仓库 {name} 为空，但现在有镜像（期间有推送）：没有删除任何内容；请再次运行 cleanup，连同镜像一起删除它",
  },
  "cloud.ecr.deleted.empty": {
    en: "deleted repository {name} (it held no images)",
    zh: "已删除仓库 {name}（其中没有镜像）",
  },
  "cloud.ecr.deleted.one": {
    en: "deleted repository {name} and the {count} image it held",
    zh: "已删除仓库 {name} 及其中的 {count} 个镜像",
  },
  "cloud.ecr.deleted.other": {
    en: "deleted repository {name} and the {count} images it held",
    zh: "已删除仓库 {name} 及其中的 {count} 个镜像",
  },
  "cloud.eventbridge.removed-targets": {
    en: "removed {count} target(s) of rule {name}: {ids}",
    zh: "已移除规则 {name} 的 {count} 个目标：{ids}",
  },
  "cloud.iam.detached": { en: "detached {policy}", zh: "已分离 {policy}" },
  "cloud.kms.deleted-alias": {
    en: "deleted alias {name}; its key {key} stays (stateward never schedules a key's deletion)",
    zh: "已删除别名 {name}；其密钥 {key} 保留（stateward 从不安排删除密钥）",
  },
  "cloud.esm.deleted": {
    en: "deleted event source mapping {uuid} ({fn} ← {source}); Lambda reports it Deleting for a few seconds",
    zh: "已删除事件源映射 {uuid}（{fn} ← {source}）；之后几秒内 Lambda 仍会将其报告为 Deleting",
  },
  "cloud.lambda-permission.bad-name": {
    en: "not a <function>/<statement id> name: {name}",
    zh: "不是 <function>/<statement id> 形式的名称：{name}",
  },
  "cloud.lambda-permission.removed": {
    en: "removed statement {sid} from {fn}'s policy",
    zh: "已从 {fn} 的策略中移除语句 {sid}",
  },
  "cloud.lambda.edge-pending": {
    en: "Lambda@Edge replicas are still being removed by CloudFront (this takes hours); run the cleanup again later",
    zh: "CloudFront 仍在移除 Lambda@Edge 副本（需要数小时）；请稍后再次运行清理",
  },
  "cloud.lambda.edge-refused": {
    en: "Lambda refused to delete {name}: it still has Lambda@Edge replicas",
    zh: "Lambda 拒绝删除 {name}：它仍有 Lambda@Edge 副本",
  },
  "cloud.route53.bad-id": {
    en: "{id} is not a Route 53 record id (<zoneId>_<name>_<TYPE>[_<setIdentifier>]).",
    zh: "{id} 不是 Route 53 记录 id（<zoneId>_<name>_<TYPE>[_<setIdentifier>]）。",
  },
  "cloud.route53.bad-id.hint": {
    en: "Check the record's id in the state; it is written by the provider when the record is created.",
    zh: "请检查状态中该记录的 id；它由 provider 在创建记录时写入。",
  },
  "cloud.route53.adopt.hint": {
    en: "Adopt a record by its id: <zoneId>_<name>_<TYPE>, e.g. Z0123456789_www.example.com_CNAME.",
    zh: "请按记录 id 接管记录：<zoneId>_<name>_<TYPE>，例如 Z0123456789_www.example.com_CNAME。",
  },
  "cloud.route53.listed-by-id": {
    en: "Route 53 records are listed by record id (<zoneId>_<name>_<TYPE>[_<setIdentifier>]); {id} is not one.",
    zh: "Route 53 记录按记录 id（<zoneId>_<name>_<TYPE>[_<setIdentifier>]）列出；{id} 不是记录 id。",
  },
  "cloud.route53.values": { en: "{count} values", zh: "{count} 个值" },
  "cloud.route53.alias": { en: "alias", zh: "别名" },
  "cloud.route53.read-current": {
    en: "read the current {what} ({count})",
    zh: "已读取当前的 {what}（{count}）",
  },
  "cloud.route53.deleted-change": {
    en: "deleted {what} (change {change})",
    zh: "已删除 {what}（变更 {change}）",
  },
  "cloud.s3.no-progress": {
    en: "Emptying bucket {name} made no progress: {key} is still listed after it was deleted.",
    zh: "清空存储桶 {name} 没有进展：{key} 删除后仍出现在列表中。",
  },
  "cloud.s3.empty-failed": {
    en: "Emptying bucket {name} failed: {failed} of {total} objects could not be deleted ({key}: {code}: {message}).",
    zh: "清空存储桶 {name} 失败：{total} 个对象中有 {failed} 个无法删除（{key}：{code}：{message}）。",
  },
  "cloud.s3.emptying.hint": {
    en: "Check the bucket for object lock or a policy that denies deletes.",
    zh: "请检查该存储桶是否启用了对象锁定，或有拒绝删除的策略。",
  },
  "cloud.s3.was-empty": { en: "bucket {name} was empty", zh: "存储桶 {name} 为空" },
  "cloud.s3.removed.one-one": {
    en: "removed {versions} object version and {markers} delete marker from {name}",
    zh: "已从 {name} 移除 {versions} 个对象版本和 {markers} 个删除标记",
  },
  "cloud.s3.removed.one-other": {
    en: "removed {versions} object version and {markers} delete markers from {name}",
    zh: "已从 {name} 移除 {versions} 个对象版本和 {markers} 个删除标记",
  },
  "cloud.s3.removed.other-one": {
    en: "removed {versions} object versions and {markers} delete marker from {name}",
    zh: "已从 {name} 移除 {versions} 个对象版本和 {markers} 个删除标记",
  },
  "cloud.s3.removed.other-other": {
    en: "removed {versions} object versions and {markers} delete markers from {name}",
    zh: "已从 {name} 移除 {versions} 个对象版本和 {markers} 个删除标记",
  },
  "cloud.s3.deleted-meanwhile": {
    en: "bucket {name} was deleted meanwhile",
    zh: "存储桶 {name} 在此期间已被删除",
  },
  "cloud.secret.scheduled": {
    en: "secret {name} is scheduled for deletion: AWS deletes it when its recovery window ends and the name stays taken until then; aws secretsmanager restore-secret undoes it, delete-secret --force-delete-without-recovery ends it now",
    zh: "密钥 {name} 已计划删除：恢复期结束时 AWS 才会删除它，在此之前该名称一直被占用；aws secretsmanager restore-secret 可撤销删除，delete-secret --force-delete-without-recovery 可立即删除",
  },
  "cloud.secret.scheduled.since": {
    en: "secret {name} is scheduled for deletion (since {since}): AWS deletes it when its recovery window ends and the name stays taken until then; aws secretsmanager restore-secret undoes it, delete-secret --force-delete-without-recovery ends it now",
    zh: "密钥 {name} 已计划删除（自 {since} 起）：恢复期结束时 AWS 才会删除它，在此之前该名称一直被占用；aws secretsmanager restore-secret 可撤销删除，delete-secret --force-delete-without-recovery 可立即删除",
  },
  "cloud.secret.scheduled-step": {
    en: "scheduled {name} for deletion with a {days}-day recovery window",
    zh: "已计划删除 {name}，恢复期为 {days} 天",
  },
  "cloud.secret.adopt-scheduled": {
    en: "Secrets Manager secret {name} is scheduled for deletion (deleted {date}); adopting it would record a secret AWS is about to delete.",
    zh: "Secrets Manager 密钥 {name} 已计划删除（删除时间 {date}）；接管它会把一个 AWS 即将删除的密钥记入状态。",
  },
  "cloud.secret.adopt-scheduled.hint": {
    en: "Restore it first (aws secretsmanager restore-secret --secret-id {name}) and adopt it again, or force-delete it (aws secretsmanager delete-secret --secret-id {name} --force-delete-without-recovery) and deploy to create it anew.",
    zh: "请先恢复它（aws secretsmanager restore-secret --secret-id {name}）再重新接管，或强制删除它（aws secretsmanager delete-secret --secret-id {name} --force-delete-without-recovery）后通过部署重新创建。",
  },
  "cloud.sns.pending-confirmation": {
    en: "{what} is pending confirmation: SNS cannot unsubscribe it; it expires unless confirmed, or goes with its topic",
    zh: "{what} 正在等待确认：SNS 无法取消它；若未被确认它会过期，或随其主题一起删除",
  },
  "cloud.sns.unsubscribed": { en: "unsubscribed: {what}", zh: "已取消订阅：{what}" },
  "cloud.sqs.deleted": {
    en: "deleted queue {name}; SQS keeps the name for 60 seconds, so a deploy that creates it again must wait a minute",
    zh: "已删除队列 {name}；SQS 会保留该名称 60 秒，因此重新创建它的部署须等待一分钟",
  },
  "cloud.sqs.deleted-messages": {
    en: "deleted queue {name} and the ~{count} messages it held; SQS keeps the name for 60 seconds, so a deploy that creates it again must wait a minute",
    zh: "已删除队列 {name} 及其中约 {count} 条消息；SQS 会保留该名称 60 秒，因此重新创建它的部署须等待一分钟",
  },
});
