/**
 * `region-mismatch`: the stage has state in another region's SST home (laptop and CI set different
 * regions), or the state's provider region differs from the home region it was read from.
 */
import { t } from "../i18n/index.js";
import { kindForEntry } from "../kinds/registry.js";
import { GLOBAL } from "../kinds/global.js";
import { isProviderType } from "../state/index.js";
import { deleteRemedies } from "./leftovers.js";
import type { Remedy } from "./remedy.js";
import { unmanagedCause } from "./unmanaged.js";
import { quote, type Finding, type FindingResource, type Rule, isProductionName } from "./types.js";

/** The line of sst.config.ts that pins the region (code: never translated). */
function regionSetting(region: string): string {
  return `providers: { aws: { region: ${quote(region)} } }`;
}

export const regionMismatch: Rule = {
  id: "region-mismatch",
  run(input) {
    const findings: Finding[] = [];
    for (const facts of input.stages) {
      for (const home of facts.otherHomes) {
        const region = home.providerRegion ?? home.region;
        const resources: FindingResource[] = [];
        for (const r of home.deployment?.resources ?? []) {
          const kind = kindForEntry(r);
          if (!r.custom || isProviderType(r.type) || kind === undefined) continue;
          const identity = kind.identify(r, region);
          if (identity === undefined) continue;
          // A global resource this stage already reports (a pending create of the same name) is said once.
          const here = (facts.inventory?.entries ?? []).find(
            (e) => e.kind === kind.kind && e.name === identity.name && kind.global,
          );
          const cause = here === undefined ? undefined : unmanagedCause(facts, here);
          if (cause !== undefined && cause !== "region-mismatch") continue;
          resources.push({
            type: r.type,
            name: identity.name,
            region: kind.global ? GLOBAL : region,
            urn: r.urn,
          });
        }
        const seen = {
          region: home.region,
          bucket: home.bucket,
          app: input.app,
          stage: facts.stage,
          providerRegion: region,
          homeRegion: input.homeRegion,
        };
        findings.push({
          rule: "region-mismatch",
          severity: "warning",
          app: input.app,
          stage: facts.stage,
          resources,
          evidence:
            facts.providerRegion === undefined
              ? t("rules.region-mismatch.evidence", seen)
              : t("rules.region-mismatch.evidence.with", { ...seen, currentRegion: facts.providerRegion }),
          cause: t("rules.region-mismatch.cause", { stage: facts.stage }),
          fix: [
            t("rules.region-mismatch.fix.pin", { setting: regionSetting(input.homeRegion) }),
            `stateward scan --app ${quote(input.app)} --stage ${quote(facts.stage)} --region ${quote(home.region)}`,
            t("rules.region-mismatch.fix.remove-copy", { region: home.region }),
            `stateward fix --app ${quote(input.app)} --stage ${quote(facts.stage)} --allow-delete --confirm ${quote(facts.stage)}${isProductionName(facts.stage) ? " --confirm-protected" : ""}`,
          ],
        });
      }
      // The state read from this home names another provider region.
      if (
        facts.otherHomes.length === 0 &&
        facts.providerRegion !== undefined &&
        facts.providerRegion !== input.homeRegion
      ) {
        findings.push({
          rule: "region-mismatch",
          severity: "warning",
          app: input.app,
          stage: facts.stage,
          resources: [],
          evidence: t("rules.region-mismatch.evidence.provider", {
            homeRegion: input.homeRegion,
            stage: facts.stage,
            providerRegion: facts.providerRegion,
          }),
          cause: t("rules.region-mismatch.cause.provider"),
          fix: [t("rules.region-mismatch.fix.pin", { setting: regionSetting(facts.providerRegion) })],
        });
      }
    }
    return findings;
  },
  remedies: (f) => {
    // The second copy of the stage in another region: its resources first, then its state object.
    const home = f.resources.map((r) => r.region).find((r) => r !== GLOBAL);
    const copy: Remedy[] =
      home === undefined
        ? []
        : [
            {
              stage: f.stage,
              finding: f.rule,
              kind: "forget",
              resource: { type: "sst:state", name: `app/${f.app}/${f.stage}.json`, region: home },
              change: t("rules.region-mismatch.remedy", { stage: f.stage, region: home }),
              target: "home-state",
              reversible: true,
              destructive: true,
            },
          ];
    return [...deleteRemedies(f, "other-region"), ...copy];
  },
};
