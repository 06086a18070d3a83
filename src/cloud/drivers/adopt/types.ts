/**
 * Adopting a cloud resource into the state: what pulumi-aws itself would have stored for it, read
 * live, so the next `sst deploy` sees it as existing (no create, no replace). One file per type in
 * this folder, registered in `index.ts`.
 */
import type { PropertyMap } from "../../state/index.js";
import type { CloudContext, Identity } from "../resources/handler.js";

export interface AdoptedProperties {
  /** The Pulumi state id (what the provider reads the resource by). */
  id: string;
  /** Inputs as pulumi-aws records them (property names in camelCase, `__defaults` where it writes one). */
  inputs: PropertyMap;
  /** Outputs as pulumi-aws records them after a read (including `id`, `arn`, `tags`, `tagsAll`). */
  outputs: PropertyMap;
}

export interface Adopter {
  /** The handler kind (`dynamodb-table`, …). */
  kind: string;
  /** Reads the resource live; undefined when it does not exist. */
  read(ctx: CloudContext, identity: Identity): Promise<AdoptedProperties | undefined>;
}
