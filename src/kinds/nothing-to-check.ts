/**
 * State entries that leave no AWS object of their own, so there is nothing in the cloud to check:
 * the long-tail table's `nothing` types (a Lambda invocation), and SST's dynamic-provider helpers,
 * recognised by the provider name ending their URN (`<name>.sst.aws.<Provider>`, as `kindForEntry`
 * recognises the OAC). Doctor lists them as "nothing to check", never as checked. Pure data.
 */
import { t } from "../i18n/index.js";
import { longTailType } from "./cloudformation-types.js";
import { DYNAMIC_RESOURCE, kindForEntry } from "./registry.js";

/**
 * SST's dynamic-provider helpers (anomalyco/sst platform/src/components/aws/providers/*): each only
 * writes into, uploads to, or waits on something else, leaving no AWS object of its own.
 */
const SST_HELPERS: Readonly<Record<string, () => string>> = {
  KvKeys: () => t("kinds.sst-helper.kv-keys"),
  KvRoutesUpdate: () => t("kinds.sst-helper.kv-routes-update"),
  BucketFiles: () => t("kinds.sst-helper.bucket-files"),
  DistributionDeploymentWaiter: () => t("kinds.sst-helper.deployment-waiter"),
  DistributionInvalidation: () => t("kinds.sst-helper.invalidation"),
  FunctionEnvironmentUpdate: () => t("kinds.sst-helper.environment-update"),
  HostedZoneLookup: () => t("kinds.sst-helper.zone-lookup"),
};

/**
 * Why a state entry has nothing in AWS to check (an invocation; SST's helpers, recognised by the
 * provider name ending their URN, `<name>.sst.aws.<Provider>`), or undefined.
 */
export function nothingToCheck(resource: { type: string; urn?: string }): string | undefined {
  if (kindForEntry(resource) !== undefined) return undefined;
  if (resource.type === DYNAMIC_RESOURCE && resource.urn !== undefined) {
    const provider = /\.sst\.aws\.([A-Za-z0-9]+)$/.exec(resource.urn)?.[1];
    const what = provider === undefined ? undefined : SST_HELPERS[provider];
    return what === undefined || provider === undefined
      ? undefined
      : t("kinds.sst-helper.reason", { provider, what: what() });
  }
  return longTailType(resource.type)?.nothing;
}
