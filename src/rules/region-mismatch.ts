/**
 * `region-mismatch`: the stage has state in another region's SST home (laptop and CI set different
 * regions), or the state's provider region differs from the home region it was read from.
 */
import { kindForEntry } from "../kinds/registry.js";
import { isProviderType } from "../state/index.js";
import { deleteRemedies } from "./leftovers.js";
import type { Remedy } from "./remedy.js";
import { unmanagedCause } from "./unmanaged.js";
import { quote, type Finding, type FindingResource, type Rule, isProductionName } from "./types.js";

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
            region: kind.global ? "global" : region,
            urn: r.urn,
          });
        }
        findings.push({
          rule: "region-mismatch",
          severity: "warning",
          app: input.app,
          stage: facts.stage,
          resources,
          evidence: `a second SST home in ${home.region} (/sst/bootstrap → ${home.bucket}) holds app/${input.app}/${facts.stage}.json with provider region ${region}; the home in ${input.homeRegion} holds ${facts.stage}${facts.providerRegion === undefined ? "" : ` with ${facts.providerRegion}`}`,
          cause: `${facts.stage} was deployed from two places with different regions (AWS_REGION or a profile's region on one, another elsewhere), so it has two states and two sets of resources.`,
          fix: [
            `# pin the region in sst.config.ts: providers: { aws: { region: ${quote(input.homeRegion)} } }`,
            `stateward scan --app ${quote(input.app)} --stage ${quote(facts.stage)} --region ${quote(home.region)}`,
            `# then remove the copy in ${home.region} (its resources, then its state object, kept as a backup):`,
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
          evidence: `the SST home in ${input.homeRegion} holds ${facts.stage} with provider region ${facts.providerRegion}`,
          cause:
            "The state was written with another region than the one this run resolves (AWS_REGION, a profile and sst.config.ts disagree), so a deploy from here works in another region.",
          fix: [
            `# pin the region in sst.config.ts: providers: { aws: { region: ${quote(facts.providerRegion)} } }`,
          ],
        });
      }
    }
    return findings;
  },
  remedies: (f) => {
    // The second copy of the stage in another region: its resources first, then its state object.
    const home = f.resources.map((r) => r.region).find((r) => r !== "global");
    const copy: Remedy[] =
      home === undefined
        ? []
        : [
            {
              stage: f.stage,
              finding: f.rule,
              kind: "forget",
              resource: { type: "sst:state", name: `app/${f.app}/${f.stage}.json`, region: home },
              change: `remove ${f.stage}'s second state object from the SST home in ${home} (kept as a backup beside it)`,
              target: "home-state",
              reversible: true,
              destructive: true,
            },
          ];
    return [...deleteRemedies(f, ": the copy deployed to another region"), ...copy];
  },
};
