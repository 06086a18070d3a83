/** `account-mismatch`: the credentials belong to another account than the one the state's ARNs name. */
import { t, items } from "../i18n/index.js";
import { resourceArns } from "../state/index.js";
import { type Finding, type Rule } from "./types.js";
import { noRemedy } from "./remedy.js";

export const accountMismatch: Rule = {
  id: "account-mismatch",
  run(input) {
    const findings: Finding[] = [];
    if (input.account === undefined) return findings;
    for (const facts of input.stages) {
      const accounts = new Map<string, number>();
      for (const r of resourceArns(facts.deployment)) {
        const account = r.arn.split(":")[4] ?? "";
        // Managed policies (arn:aws:iam::aws:…) and account-less ARNs (S3) name no account.
        if (/^\d{12}$/.test(account)) accounts.set(account, (accounts.get(account) ?? 0) + 1);
      }
      const others = [...accounts.keys()].filter((a) => a !== input.account);
      if (others.length === 0 || accounts.has(input.account)) continue;
      findings.push({
        rule: "account-mismatch",
        severity: "blocker",
        app: input.app,
        stage: facts.stage,
        resources: [],
        evidence: t("rules.account-mismatch.evidence", { account: input.account, others: items(others) }),
        cause: t("rules.account-mismatch.cause"),
        fix: [t("rules.account-mismatch.fix", { account: others[0]! })],
      });
    }
    return findings;
  },
  // Only the user can pick the right credentials: nothing to plan.
  remedies: noRemedy,
};
