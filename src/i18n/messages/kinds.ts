/** Each kind's words: labels, replace-forcing differences, advice. */
import { defineMessages } from "../types.js";

export const kinds = defineMessages({
  // How a report names each kind (one id per kind; `wording.label` reuses it unless it differs).
  "kinds.acm-certificate.label": { en: "ACM certificate", zh: "ACM 证书" },
  "kinds.apigatewayv2-api-mapping.label": { en: "API Gateway API mapping", zh: "API Gateway API 映射" },
  "kinds.apigatewayv2-domain.label": { en: "API Gateway custom domain name", zh: "API Gateway 自定义域名" },
  "kinds.cloudfront-cache-policy.label": { en: "CloudFront cache policy", zh: "CloudFront 缓存策略" },
  "kinds.cloudfront-distribution.label": { en: "CloudFront distribution", zh: "CloudFront 分发" },
  "kinds.cloudfront-function.label": { en: "CloudFront function", zh: "CloudFront 函数" },
  "kinds.cloudfront-key-value-store.label": {
    en: "CloudFront KeyValueStore",
    zh: "CloudFront 键值存储（KeyValueStore）",
  },
  "kinds.cloudfront-oac.label": { en: "CloudFront origin access control", zh: "CloudFront 源访问控制" },
  "kinds.cognito-user-pool-domain.label": { en: "Cognito user pool domain", zh: "Cognito 用户池域" },
  "kinds.dynamodb-table.label": { en: "DynamoDB table", zh: "DynamoDB 表" },
  "kinds.ecr-repository.label": { en: "ECR repository", zh: "ECR 仓库" },
  "kinds.eventbridge-rule.label": { en: "EventBridge rule", zh: "EventBridge 规则" },
  "kinds.iam-role.label": { en: "IAM role", zh: "IAM 角色" },
  "kinds.kms-alias.label": { en: "KMS alias", zh: "KMS 别名" },
  "kinds.lambda-event-source-mapping.label": {
    en: "Lambda event source mapping",
    zh: "Lambda 事件源映射",
  },
  "kinds.lambda-function-url.label": { en: "Lambda function URL", zh: "Lambda 函数 URL" },
  "kinds.lambda-function.label": { en: "Lambda function", zh: "Lambda 函数" },
  "kinds.lambda-permission.label": { en: "Lambda permission", zh: "Lambda 权限" },
  "kinds.log-group.label": { en: "log group", zh: "日志组" },
  "kinds.log-group.wording": { en: "CloudWatch log group", zh: "CloudWatch 日志组" },
  "kinds.route53-record.label": { en: "Route 53 record", zh: "Route 53 记录" },
  "kinds.s3-bucket.label": { en: "S3 bucket", zh: "S3 存储桶" },
  "kinds.secretsmanager-secret.label": { en: "Secrets Manager secret", zh: "Secrets Manager 密钥" },
  "kinds.ses-classic-identity.label": { en: "SES identity (classic)", zh: "SES 身份（经典）" },
  "kinds.ses-configuration-set.label": { en: "SES configuration set", zh: "SES 配置集" },
  "kinds.ses-identity.label": { en: "SES identity", zh: "SES 身份" },
  "kinds.ses-identity.wording": { en: "SES email identity", zh: "SES 电子邮件身份" },
  "kinds.sns-subscription.label": { en: "SNS subscription", zh: "SNS 订阅" },
  "kinds.sns-subscription.wording": { en: "SNS topic subscription", zh: "SNS 主题订阅" },
  "kinds.sns-topic.label": { en: "SNS topic", zh: "SNS 主题" },
  "kinds.sqs-queue.label": { en: "SQS queue", zh: "SQS 队列" },

  // How a finding says a resource was found through its group.
  "kinds.apigatewayv2-api-mapping.found-in-group": {
    en: "listing the custom domain that {stage}'s API mappings use",
    zh: "阶段 {stage} 的 API 映射所用的自定义域名",
  },
  "kinds.route53-record.found-in-group": {
    en: "listing the zone that {stage}'s records are in",
    zh: "阶段 {stage} 的记录所在的托管区域",
  },

  // Names held by something no stage can adopt: why, and what to do.
  "kinds.apigatewayv2-domain.cloudfront-alias.cause": {
    en: "The domain name of {what} is already an alternate domain name (CNAME) of a CloudFront distribution, in this account or another one: API Gateway will not create a custom domain name for it while that distribution has it.",
    zh: "{what} 的域名已是某个 CloudFront 分发（在本账户或其他账户中）的备用域名（CNAME）：只要该分发还持有它，API Gateway 就不会为它创建自定义域名。",
  },
  "kinds.apigatewayv2-domain.cloudfront-alias.find": {
    en: "# find the distribution that has it: {command}",
    zh: "# 找出持有它的分发：{command}",
  },
  "kinds.apigatewayv2-domain.cloudfront-alias.remove": {
    en: "# remove the alias from that distribution (or give the API another domain name), then deploy again; if no distribution of yours has it, another account's does: ask AWS Support",
    zh: "# 从该分发中移除这个别名（或为 API 换一个域名），然后重新部署；如果你的分发都没有它，说明它属于另一个账户的分发：请联系 AWS Support",
  },
  "kinds.cloudfront-cache-policy.quota.cause": {
    en: "The account already holds CloudFront's limit of {quota} custom cache policies, so {what} cannot be created. SST makes one per site or router and per stage (with a generated name), so stages that were removed or redeployed without finishing often leave their policies behind and use up the quota.",
    zh: "该账户的自定义缓存策略已达到 CloudFront 的上限（{quota} 个），因此无法创建 {what}。SST 为每个站点或路由器、每个阶段各创建一个策略（名称自动生成），所以被移除或重新部署却未完成的阶段常常留下策略，把配额用完。",
  },
  "kinds.cloudfront-cache-policy.quota.list": {
    en: "# doctor lists the stage's leftover cache policies (orphans, and those its history names); `stateward doctor --all-stages` lists removed stages' leftovers too. Delete them with:",
    zh: "# doctor 会列出该阶段残留的缓存策略（孤立资源，以及其历史中提到的策略）；`stateward doctor --all-stages` 还会列出已移除阶段的残留资源。用以下命令删除它们：",
  },
  "kinds.cloudfront-cache-policy.quota.in-use": {
    en: "# a policy still attached to a distribution cannot be deleted (CachePolicyInUse): its distribution goes first",
    zh: "# 仍附加在分发上的策略无法删除（CachePolicyInUse）：要先删除它的分发",
  },
  "kinds.cloudfront-cache-policy.quota.other": {
    en: '# or let {logical}\'s component use an existing policy (SsrSite/Nextjs: `cachePolicy: "<policy id>"`), or ask AWS for a higher quota (Service Quotas, CloudFront, "Cache policies per AWS account")',
    zh: '# 或者让 {logical} 的组件使用已有的策略（SsrSite/Nextjs：`cachePolicy: "<policy id>"`），或向 AWS 申请提高配额（Service Quotas，CloudFront，"Cache policies per AWS account"）',
  },
  "kinds.cloudfront-distribution.cname.cause": {
    en: "An alias (custom domain) of {what} is already attached to another CloudFront distribution, often one left behind by a removed stage or another app; CloudFront lets an alias point at one distribution only.",
    zh: "{what} 的某个别名（自定义域名）已附加到另一个 CloudFront 分发上，这通常是已移除的阶段或其他应用留下的分发；CloudFront 只允许一个别名指向一个分发。",
  },
  "kinds.cloudfront-distribution.cname.fix": {
    en: "# remove the alias from the other distribution (doctor lists leftover distributions) or give this stage another domain, then deploy again",
    zh: "# 从另一个分发中移除该别名（doctor 会列出残留的分发），或为此阶段换一个域名，然后重新部署",
  },
  "kinds.s3-bucket.taken.cause": {
    en: "S3 bucket names are global and {name} belongs to another AWS account, so the deploy cannot create it and stateward cannot adopt it.",
    zh: "S3 存储桶名称全局唯一，而 {name} 属于另一个 AWS 账户，因此部署无法创建它，stateward 也无法接管它。",
  },
  "kinds.s3-bucket.taken.cause.unnamed": {
    en: "S3 bucket names are global and this bucket's name belongs to another AWS account, so the deploy cannot create it and stateward cannot adopt it.",
    zh: "S3 存储桶名称全局唯一，而这个存储桶名称属于另一个 AWS 账户，因此部署无法创建它，stateward 也无法接管它。",
  },
  "kinds.s3-bucket.taken.fix": {
    en: "# give {logical} another bucket name (or let SST generate one), then deploy again",
    zh: "# 为 {logical} 换一个存储桶名称（或让 SST 生成），然后重新部署",
  },
  "kinds.secretsmanager-secret.scheduled.cause": {
    en: "A secret scheduled for deletion still holds the name of {what}: Secrets Manager keeps a deleted secret, name included, for its recovery window (7 to 30 days; 30 unless set) before it deletes it, so no new secret can take the name until then.",
    zh: "一个已计划删除的密钥仍占用着 {what} 的名称：Secrets Manager 会在恢复窗口期内（7 到 30 天；未设置时为 30 天）保留已删除的密钥及其名称，然后才真正删除，因此在此之前新密钥无法使用这个名称。",
  },
  "kinds.secretsmanager-secret.scheduled.keep": {
    en: "# to keep the old secret: aws secretsmanager restore-secret --secret-id <name>, then adopt it (doctor shows its ARN: stateward adopt aws:secretsmanager/secret:Secret <arn> --urn <urn>) and deploy again",
    zh: "# 要保留旧密钥：aws secretsmanager restore-secret --secret-id <name>，然后接管它（doctor 会显示其 ARN：stateward adopt aws:secretsmanager/secret:Secret <arn> --urn <urn>），再重新部署",
  },
  "kinds.secretsmanager-secret.scheduled.drop": {
    en: "# to drop it: aws secretsmanager delete-secret --secret-id <name> --force-delete-without-recovery (its value cannot be recovered afterwards), then deploy again",
    zh: "# 要丢弃它：aws secretsmanager delete-secret --secret-id <name> --force-delete-without-recovery（之后无法恢复它的值），然后重新部署",
  },
  "kinds.sqs-queue.deleted-recently.cause": {
    en: "A queue of the same name as {what} was deleted less than 60 seconds ago: SQS refuses to create a queue with a deleted queue's name for 60 seconds after DeleteQueue (usually a replace, or a remove followed at once by a deploy).",
    zh: "与 {what} 同名的队列在不到 60 秒前被删除：DeleteQueue 之后的 60 秒内，SQS 拒绝用已删除队列的名称创建队列（通常是替换，或移除后立即部署）。",
  },
  "kinds.sqs-queue.deleted-recently.fix": {
    en: "# SQS keeps a deleted queue's name for 60 seconds: wait a minute, then deploy again",
    zh: "# SQS 会在删除队列后将其名称保留 60 秒：等一分钟，然后重新部署",
  },

  // Entries with nothing in AWS to check, and types Cloud Control cannot check: why.
  "kinds.sst-helper.reason": {
    en: "SST's {provider}: {what}; no AWS object of its own",
    zh: "SST 的 {provider}：{what}；它本身没有 AWS 对象",
  },
  "kinds.sst-helper.kv-keys": {
    en: "writes keys into a CloudFront KeyValueStore",
    zh: "向 CloudFront KeyValueStore 写入键",
  },
  "kinds.sst-helper.kv-routes-update": {
    en: "writes the routes into a CloudFront KeyValueStore",
    zh: "向 CloudFront KeyValueStore 写入路由",
  },
  "kinds.sst-helper.bucket-files": { en: "uploads files into an S3 bucket", zh: "向 S3 存储桶上传文件" },
  "kinds.sst-helper.deployment-waiter": {
    en: "waits for a CloudFront deployment",
    zh: "等待 CloudFront 部署完成",
  },
  "kinds.sst-helper.invalidation": {
    en: "invalidates a CloudFront distribution's cache",
    zh: "使 CloudFront 分发的缓存失效",
  },
  "kinds.sst-helper.environment-update": {
    en: "updates a Lambda function's environment",
    zh: "更新 Lambda 函数的环境变量",
  },
  "kinds.sst-helper.zone-lookup": { en: "looks up a Route 53 hosted zone", zh: "查找 Route 53 托管区域" },
  "kinds.long-tail.no-cfn": {
    en: "CloudFormation has no resource type for it, so Cloud Control cannot read it",
    zh: "CloudFormation 没有对应的资源类型，因此 Cloud Control 无法读取它",
  },
  "kinds.long-tail.part-of": {
    en: "a setting inside {type} in CloudFormation, not a resource Cloud Control can read on its own",
    zh: "它在 CloudFormation 中是 {type} 内的一项设置，不是 Cloud Control 能单独读取的资源",
  },
  "kinds.long-tail.part-of-either": {
    en: "a setting inside {a} or {b} in CloudFormation, not a resource Cloud Control can read on its own",
    zh: "它在 CloudFormation 中是 {a} 或 {b} 内的一项设置，不是 Cloud Control 能单独读取的资源",
  },
  "kinds.long-tail.not-cc": {
    en: "{type} is not served by Cloud Control (a legacy, non-provisionable CloudFormation type)",
    zh: "Cloud Control 不支持 {type}（一种旧的、不可预置的 CloudFormation 类型）",
  },
  "kinds.long-tail.generated": {
    en: "Cloud Control identifies {type} by an id CloudFormation generates, which a Pulumi state does not hold",
    zh: "Cloud Control 通过 CloudFormation 生成的 id 来识别 {type}，而 Pulumi 状态中没有这个 id",
  },
  "kinds.long-tail.sgrule": {
    en: "its Pulumi id is Terraform's own (sgrule-…), not the AWS rule id Cloud Control reads by",
    zh: "它的 Pulumi id 是 Terraform 自己的（sgrule-…），而不是 Cloud Control 读取时使用的 AWS 规则 id",
  },
  "kinds.long-tail.dynamic": {
    en: "a Pulumi dynamic resource: what it does in AWS is up to its provider, which stateward cannot read",
    zh: "Pulumi 动态资源：它在 AWS 中做什么由它的 provider 决定，stateward 无法读取",
  },
  "kinds.long-tail.invocation": {
    en: "an invocation: nothing stays in AWS",
    zh: "一次调用：不会在 AWS 中留下任何东西",
  },
});
