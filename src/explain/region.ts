/**
 * Region mix-ups in a deploy log: a request signed for the wrong region, a bucket in another region,
 * an opt-in region the credentials cannot use, no region configured, or a provider region that does
 * not match.
 */
import * as P from "./patterns.js";
import type { Draft } from "./types.js";

export function recogniseRegion(line: string, i: number): Draft | undefined {
  const d = (issue: Draft["regionIssue"], expected?: string, used?: string): Draft => ({
    kind: "region",
    resource: expected === undefined ? {} : { region: expected },
    at: [i],
    regionIssue: issue,
    ...(used !== undefined && { usedRegion: used }),
  });
  if (line.includes("AuthorizationHeaderMalformed")) {
    const m = P.SIGNED_REGION.exec(line);
    return m === null ? d("signed") : d("signed", m[2], m[1]);
  }
  if (line.includes("BucketRegionError")) {
    const m = P.BUCKET_REGION.exec(line);
    return m === null ? d("redirect") : d("redirect", m[2], m[1]);
  }
  if (line.includes("PermanentRedirect")) return d("redirect", P.ENDPOINT_REGION.exec(line)?.[1]);
  if (line.includes("InvalidClientTokenId")) {
    // Bad credentials are not a state problem; the same error in a named region is (opt-in regions).
    const m = P.ANY_REGION.exec(line);
    return m === null ? undefined : d("token", m[1], m[1]);
  }
  if (P.MISSING_REGION.test(line)) return d("missing");
  if (P.PROVIDED_REGION.test(line)) return d("mismatch", undefined, P.ANY_REGION.exec(line)?.[1]);
  return undefined;
}
