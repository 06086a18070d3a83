/**
 * Adopting a cloud resource into the state: what pulumi-aws itself would have stored for it, read
 * live, so the next `sst deploy` sees it as existing (no create, no replace). One file per kind in
 * this folder; a kind's driver serves it as its `adopt`.
 */
import type { Identity } from "../../../kinds/types.js";
import type { AdoptedProperties, CloudContext } from "../types.js";

export type { AdoptedProperties } from "../types.js";

export interface Adopter {
  /** The kind (`dynamodb-table`, …). */
  kind: string;
  /** Reads the resource live; undefined when it does not exist. */
  read(ctx: CloudContext, identity: Identity): Promise<AdoptedProperties | undefined>;
}
