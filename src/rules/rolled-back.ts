/** `rolled-back`: resources created by updates newer than the current state version exist in the cloud. */
import { t } from "../i18n/index.js";
import { adoptOrDelete, adoptRemedies, grouped } from "./leftovers.js";
import { newerThanCurrent } from "./unmanaged.js";
import { quote, stageFlags, type Rule } from "./types.js";

export const rolledBack: Rule = {
  id: "rolled-back",
  run: (input) =>
    grouped(input, "rolled-back", (facts, entries, resources) => {
      const newer = newerThanCurrent(facts.history);
      return {
        severity: "blocker",
        evidence:
          newer.length === 1
            ? t("rules.rolled-back.evidence.one", { update: newer[0]?.updateId ?? "?" })
            : t("rules.rolled-back.evidence.other", {
                count: newer.length,
                update: newer[0]?.updateId ?? "?",
              }),
        cause: t("rules.rolled-back.cause"),
        fix: [
          `stateward history diff current ${quote(newer[0]?.id ?? "previous")} ${stageFlags(input.app, facts.stage)}`,
          // Adopted back under the URNs the newer version gave them, so the next deploy finds them.
          ...adoptOrDelete(input.app, facts.stage, resources).filter((l) => !l.startsWith("#")),
          t("rules.rolled-back.fix.all", { command: `stateward fix ${stageFlags(input.app, facts.stage)}` }),
          ...adoptOrDelete(input.app, facts.stage, resources).filter((l) => l.startsWith("#")),
        ],
      };
    }),
  remedies: (f) => adoptRemedies(f, "back"),
};
