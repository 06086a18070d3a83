/** Words shared by every area: severities, counts, yes/no, time. */
import { defineMessages } from "../types.js";

export const core = defineMessages({
  "core.severity.blocker": { en: "blocker", zh: "阻断" },
  "core.severity.warning": { en: "warning", zh: "警告" },
  "core.severity.info": { en: "info", zh: "提示" },
});
