/** Words shared by every area: severities, counts, yes/no, time. */
import { defineMessages } from "../types.js";

export const core = defineMessages({
  "core.severity.blocker": { en: "blocker", zh: "阻断" },
  "core.severity.warning": { en: "warning", zh: "警告" },
  "core.severity.info": { en: "info", zh: "提示" },
  "core.region.global-help": {
    en: "Regions: IAM, CloudFront and Route 53 resources show as `global` (text and JSON): they live in no region. AWS serves their APIs from us-east-1, so that is where stateward sends their requests.",
    zh: "区域：IAM、CloudFront 和 Route 53 的资源显示为 `global`（文本和 JSON 均如此）：它们不属于任何区域。AWS 在 us-east-1 提供这些服务的 API，因此 stateward 把对它们的请求发往 us-east-1。",
  },
  "core.time.seconds": { en: "{count} s", zh: "{count} 秒" },
  "core.time.minutes": { en: "{count} min", zh: "{count} 分钟" },
  "core.time.hours": { en: "{count} h", zh: "{count} 小时" },
  "core.time.days": { en: "{count} d", zh: "{count} 天" },
  "core.time.ago": { en: "{age} ago", zh: "{age}前" },
  "core.time.ahead": { en: "in {age}", zh: "{age}后" },
});
