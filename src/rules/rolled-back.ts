/** `rolled-back`: resources created by updates newer than the current state version exist in the cloud. */
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
        evidence: `the current state is an older version; ${newer.length === 1 ? "a newer version" : `${newer.length} newer versions`} (update ${newer[0]?.updateId ?? "?"}) held these, and they exist in the cloud`,
        cause:
          'The state was restored to an older version, so resources created since are no longer in it; the next deploy will try to create them again and fail with "already exists".',
        fix: [
          `stateward history diff current ${quote(newer[0]?.id ?? "previous")} ${stageFlags(input.app, facts.stage)}`,
          // Adopted back under the URNs the newer version gave them, so the next deploy finds them.
          ...adoptOrDelete(input.app, facts.stage, resources).filter((l) => !l.startsWith("#")),
          `# or all at once: stateward fix ${stageFlags(input.app, facts.stage)}`,
          ...adoptOrDelete(input.app, facts.stage, resources).filter((l) => l.startsWith("#")),
        ],
      };
    }),
  remedies: (f) => adoptRemedies(f, "back"),
};
