/**
 * Adopting a cloud resource into the state: what pulumi-aws itself would have stored for it, read
 * live, so the next `sst deploy` sees it as existing (no create, no replace). Most drivers adopt in
 * their own file; the larger ones (CloudFront, Route 53) keep it in this folder.
 */
export type { AdoptedProperties, Adopter } from "../types.js";
