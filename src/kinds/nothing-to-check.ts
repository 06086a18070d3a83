/**
 * State entries that leave no AWS object of their own, so there is nothing in the cloud to check:
 * the long-tail table's `nothing` types (a Lambda invocation), and SST's dynamic-provider helpers,
 * recognised by the provider name ending their URN (`<name>.sst.aws.<Provider>`, as `kindForEntry`
 * recognises the OAC). Doctor lists them as "nothing to check", never as checked. Pure data.
 */
import { longTailType } from "./cloudformation-types.js";
import { DYNAMIC_RESOURCE, kindForEntry } from "./registry.js";

/**
 * SST's dynamic-provider helpers (anomalyco/sst platform/src/components/aws/providers/*): each only
 * writes into, uploads to, or waits on something else, leaving no AWS object of its own.
 */
const SST_HELPERS: Readonly<Record<string, string>> = {
  KvKeys: "writes keys into a CloudFront KeyValueStore",
  KvRoutesUpdate: "writes the routes into a CloudFront KeyValueStore",
  BucketFiles: "uploads files into an S3 bucket",
  DistributionDeploymentWaiter: "waits for a CloudFront deployment",
  DistributionInvalidation: "invalidates a CloudFront distribution's cache",
  FunctionEnvironmentUpdate: "updates a Lambda function's environment",
  HostedZoneLookup: "looks up a Route 53 hosted zone",
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
    return what === undefined ? undefined : `SST's ${provider}: ${what}; no AWS object of its own`;
  }
  return longTailType(resource.type)?.nothing;
}
