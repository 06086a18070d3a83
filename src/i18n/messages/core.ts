/** Words shared by every area: severities, counts, yes/no, time. */
import { defineMessages } from "../types.js";

export const core = defineMessages({
  "core.severity.blocker": { en: "blocker", zh: "阻断" },
  "core.severity.warning": { en: "warning", zh: "警告" },
  "core.severity.info": { en: "info", zh: "提示" },
  "core.time.seconds": { en: "{count} s", zh: "{count} 秒" },
  "core.time.minutes": { en: "{count} min", zh: "{count} 分钟" },
  "core.time.hours": { en: "{count} h", zh: "{count} 小时" },
  "core.time.days": { en: "{count} d", zh: "{count} 天" },
  "core.time.ago": { en: "{age} ago", zh: "{age}前" },
  "core.time.ahead": { en: "in {age}", zh: "{age}后" },
});
