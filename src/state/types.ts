/**
 * The Pulumi checkpoint as stored by SST and Pulumi (FORMATS.md §1). Every object type carries an
 * index signature: fields this version of stateward does not know are kept and written back as read.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export type PropertyMap = Record<string, JsonValue>;

export interface ResourceV3 {
  urn: string;
  custom: boolean;
  delete?: boolean;
  id?: string;
  type: string;
  inputs?: PropertyMap;
  outputs?: PropertyMap;
  parent?: string;
  protect?: boolean;
  taint?: boolean;
  external?: boolean;
  dependencies?: string[];
  initErrors?: string[];
  provider?: string;
  propertyDependencies?: Record<string, string[]>;
  pendingReplacement?: boolean;
  additionalSecretOutputs?: string[];
  aliases?: string[];
  customTimeouts?: JsonObject;
  importID?: string;
  retainOnDelete?: boolean;
  deletedWith?: string;
  replaceWith?: string[];
  created?: string;
  modified?: string;
  [unknown: string]: unknown;
}

export type PendingOperationType = "creating" | "updating" | "deleting" | "reading" | "importing";

export interface PendingOperationV2 {
  resource: ResourceV3;
  type: PendingOperationType | (string & {});
  [unknown: string]: unknown;
}

export interface ManifestV1 {
  time: string;
  magic: string;
  version: string;
  plugins?: JsonObject[];
  [unknown: string]: unknown;
}

export interface SecretsProvidersV1 {
  type: string;
  state?: JsonValue;
  [unknown: string]: unknown;
}

export interface DeploymentV3 {
  manifest: ManifestV1;
  secrets_providers?: SecretsProvidersV1;
  resources?: ResourceV3[];
  pending_operations?: PendingOperationV2[];
  metadata?: JsonObject;
  [unknown: string]: unknown;
}

export interface CheckpointV3 {
  stack: string;
  config?: JsonObject;
  latest?: DeploymentV3;
  [unknown: string]: unknown;
}

/** Which of the three accepted input shapes a document came in. */
export type StateShape =
  /** `{version, features?, checkpoint}` — what SST stores and the DIY backend writes. */
  | "versioned"
  /** `{version, features?, deployment}` — `pulumi stack export`. */
  | "export"
  /** A bare checkpoint `{stack, latest}` — `sst state export`. */
  | "bare";

/** How the bytes were laid out, so that an unchanged document is written back byte for byte. */
export interface TextStyle {
  gzip: boolean;
  /** "" for compact JSON, otherwise the indent unit (Pulumi before 3.238: four spaces). */
  indent: string;
  /** Go's encoder escapes `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026`. */
  escapeHtml: boolean;
  /** Go's encoder always escapes U+2028 and U+2029. */
  escapeLineSeparators: boolean;
  trailingNewline: boolean;
  /** A UTF-8 byte order mark before the JSON. */
  bom: boolean;
}
