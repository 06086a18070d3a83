/**
 * Where state bytes live, reduced to what the safe-write protocol needs: read with a revision,
 * create-if-absent, replace-if-unchanged, delete, list, and (S3 with versioning) object versions.
 * An S3 bucket and a directory on disk both implement it, so the SST and Pulumi DIY layouts are
 * written once, over either.
 */
import { StatewardError } from "../errors.js";
import { t } from "../i18n/index.js";

export interface StoredObject {
  key: string;
  bytes: Uint8Array;
  /** What a conditional write compares against: the S3 ETag, or the SHA-256 of a file's bytes. */
  revision: string;
  versionId?: string;
  lastModified?: Date;
}

export interface ObjectInfo {
  key: string;
  size: number;
  lastModified: Date;
  revision?: string;
}

export interface ObjectVersion {
  key: string;
  versionId: string;
  lastModified: Date;
  size: number;
  isLatest: boolean;
  deleteMarker: boolean;
  /** The ETag: equal ETags of one key mean equal bytes (single-part uploads). */
  revision?: string;
}

export type WriteCondition =
  /** Create only: fails when the key exists (S3 `If-None-Match: *`, an exclusive link on disk). */
  | { ifAbsent: true }
  /** Replace only the revision that was read (S3 `If-Match`, compare-then-rename on disk). */
  | { ifRevision: string };

export interface PutOptions {
  condition?: WriteCondition;
  contentType?: string;
  /** `gzip` when the bytes are gzip, as SST marks its compressed state. */
  contentEncoding?: string;
  signal?: AbortSignal;
}

export interface PutResult {
  revision: string;
  versionId?: string;
}

export interface BlobStore {
  /** `s3://bucket/prefix` or `file:///abs/dir`. */
  readonly url: string;
  /** Where a key is, for messages: `s3://bucket/key` or a path. */
  locate(key: string): string;
  get(key: string, signal?: AbortSignal): Promise<StoredObject | undefined>;
  put(key: string, bytes: Uint8Array, options?: PutOptions): Promise<PutResult>;
  /** Deletes a key; with `ifRevision`, only if it still holds that revision. Absent keys are fine. */
  delete(key: string, options?: { ifRevision?: string; signal?: AbortSignal }): Promise<void>;
  /** Every key under a prefix (all pages), in key order. */
  list(prefix: string, signal?: AbortSignal): AsyncIterable<ObjectInfo>;
  /** Object versions of exactly this key, newest first; undefined when the store keeps none. */
  versions?(key: string, signal?: AbortSignal): AsyncIterable<ObjectVersion>;
  getVersion?(key: string, versionId: string, signal?: AbortSignal): Promise<StoredObject | undefined>;
}

/** A conditional write or delete lost: someone else created or changed the key first. */
export class ConditionFailedError extends StatewardError {
  constructor(
    readonly key: string,
    readonly location: string,
    readonly condition: WriteCondition,
  ) {
    super(
      "CONFLICT",
      "ifAbsent" in condition
        ? t("backends.store.exists", { location })
        : t("backends.store.changed", { location }),
    );
    this.name = "ConditionFailedError";
  }
}

export function isConditionFailed(e: unknown): e is ConditionFailedError {
  return e instanceof ConditionFailedError;
}
