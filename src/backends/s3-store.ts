/**
 * A BlobStore over an S3 bucket (and an optional key prefix), through the real SDK client. Conditional
 * writes use S3's `If-None-Match: *` and `If-Match: <etag>`; a 412, or the 409 S3 answers when two
 * conditional writes race, is a ConditionFailedError.
 */
import type { S3Client } from "@aws-sdk/client-s3";
import { awsError, awsErrorCode, httpStatus } from "../cloud/clients.js";
import { sdk } from "../cloud/sdk.js";
import { t } from "../i18n/index.js";
import {
  ConditionFailedError,
  type BlobStore,
  type ObjectInfo,
  type ObjectVersion,
  type PutOptions,
  type PutResult,
  type StoredObject,
} from "./store.js";

export class S3Store implements BlobStore {
  readonly url: string;
  private readonly prefix: string;

  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
    prefix = "",
  ) {
    this.prefix = prefix.replace(/^\/+|\/+$/g, "");
    this.url = `s3://${bucket}${this.prefix === "" ? "" : `/${this.prefix}`}`;
  }

  private full(key: string): string {
    return this.prefix === "" ? key : `${this.prefix}/${key}`;
  }

  private relative(fullKey: string): string {
    return this.prefix === "" ? fullKey : fullKey.slice(this.prefix.length + 1);
  }

  locate(key: string): string {
    return `s3://${this.bucket}/${this.full(key)}`;
  }

  async get(key: string, signal?: AbortSignal): Promise<StoredObject | undefined> {
    return this.read(key, undefined, signal);
  }

  async getVersion(key: string, versionId: string, signal?: AbortSignal): Promise<StoredObject | undefined> {
    return this.read(key, versionId, signal);
  }

  private async read(
    key: string,
    versionId: string | undefined,
    signal?: AbortSignal,
  ): Promise<StoredObject | undefined> {
    try {
      const res = await this.client.send(
        new (sdk.s3().GetObjectCommand)({ Bucket: this.bucket, Key: this.full(key), VersionId: versionId }),
        { abortSignal: signal },
      );
      const bytes = res.Body === undefined ? new Uint8Array() : await res.Body.transformToByteArray();
      const object: StoredObject = { key, bytes, revision: res.ETag ?? "" };
      if (res.VersionId !== undefined && res.VersionId !== "null") object.versionId = res.VersionId;
      if (res.LastModified !== undefined) object.lastModified = res.LastModified;
      return object;
    } catch (e) {
      const code = awsErrorCode(e);
      if (code === "NoSuchKey") return undefined;
      // An unknown version id: 404 NoSuchVersion, or 400 InvalidArgument when it is not even well-formed;
      // a version that is a delete marker answers 405 MethodNotAllowed.
      if (
        versionId !== undefined &&
        (code === "NoSuchVersion" || code === "InvalidArgument" || httpStatus(e) === 405)
      )
        return undefined;
      throw awsError(
        e,
        versionId === undefined
          ? t("backends.s3.reading", { location: this.locate(key) })
          : t("backends.s3.readingVersion", { location: this.locate(key), version: versionId }),
      );
    }
  }

  async put(key: string, bytes: Uint8Array, options: PutOptions = {}): Promise<PutResult> {
    const condition = options.condition;
    try {
      const res = await this.client.send(
        new (sdk.s3().PutObjectCommand)({
          Bucket: this.bucket,
          Key: this.full(key),
          Body: bytes,
          ContentType: options.contentType ?? "application/json",
          ContentEncoding: options.contentEncoding,
          IfNoneMatch: condition !== undefined && "ifAbsent" in condition ? "*" : undefined,
          IfMatch: condition !== undefined && "ifRevision" in condition ? condition.ifRevision : undefined,
        }),
        { abortSignal: options.signal },
      );
      const result: PutResult = { revision: res.ETag ?? "" };
      if (res.VersionId !== undefined && res.VersionId !== "null") result.versionId = res.VersionId;
      return result;
    } catch (e) {
      // If-Match on a key that is gone (deleted, or a delete marker) answers 404 NoSuchKey: a lost race too.
      const gone = condition !== undefined && "ifRevision" in condition && awsErrorCode(e) === "NoSuchKey";
      if (condition !== undefined && (lostCondition(e) || gone)) {
        throw new ConditionFailedError(key, this.locate(key), condition);
      }
      throw awsError(e, t("backends.s3.writing", { location: this.locate(key) }));
    }
  }

  async delete(key: string, options: { ifRevision?: string; signal?: AbortSignal } = {}): Promise<void> {
    try {
      await this.client.send(
        new (sdk.s3().DeleteObjectCommand)({
          Bucket: this.bucket,
          Key: this.full(key),
          IfMatch: options.ifRevision,
        }),
        { abortSignal: options.signal },
      );
    } catch (e) {
      if (awsErrorCode(e) === "NoSuchKey") return;
      if (options.ifRevision !== undefined && lostCondition(e)) {
        // In a versioned bucket a deleted key's delete marker fails If-Match too: gone is fine.
        if ((await this.get(key, options.signal)) === undefined) return;
        throw new ConditionFailedError(key, this.locate(key), { ifRevision: options.ifRevision });
      }
      throw awsError(e, t("backends.s3.deleting", { location: this.locate(key) }));
    }
  }

  async *list(prefix: string, signal?: AbortSignal): AsyncIterable<ObjectInfo> {
    let token: string | undefined;
    do {
      let res;
      try {
        res = await this.client.send(
          new (sdk.s3().ListObjectsV2Command)({
            Bucket: this.bucket,
            Prefix: this.full(prefix),
            ContinuationToken: token,
          }),
          { abortSignal: signal },
        );
      } catch (e) {
        throw awsError(e, t("backends.s3.listing", { location: this.locate(prefix) }));
      }
      for (const o of res.Contents ?? []) {
        if (o.Key === undefined) continue;
        const info: ObjectInfo = {
          key: this.relative(o.Key),
          size: o.Size ?? 0,
          lastModified: o.LastModified ?? new Date(0),
        };
        if (o.ETag !== undefined) info.revision = o.ETag;
        yield info;
      }
      token = res.IsTruncated === true ? res.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  async *versions(key: string, signal?: AbortSignal): AsyncIterable<ObjectVersion> {
    const full = this.full(key);
    let keyMarker: string | undefined;
    let versionIdMarker: string | undefined;
    for (;;) {
      let res;
      try {
        res = await this.client.send(
          new (sdk.s3().ListObjectVersionsCommand)({
            Bucket: this.bucket,
            Prefix: full,
            KeyMarker: keyMarker,
            VersionIdMarker: versionIdMarker,
          }),
          { abortSignal: signal },
        );
      } catch (e) {
        throw awsError(e, t("backends.s3.listVersions", { location: this.locate(key) }));
      }
      const entries: ObjectVersion[] = [];
      for (const v of res.Versions ?? []) {
        if (v.Key !== full || v.VersionId === undefined) continue;
        const entry: ObjectVersion = {
          key,
          versionId: v.VersionId,
          lastModified: v.LastModified ?? new Date(0),
          size: v.Size ?? 0,
          isLatest: v.IsLatest === true,
          deleteMarker: false,
        };
        if (v.ETag !== undefined) entry.revision = v.ETag;
        entries.push(entry);
      }
      for (const m of res.DeleteMarkers ?? []) {
        if (m.Key !== full || m.VersionId === undefined) continue;
        entries.push({
          key,
          versionId: m.VersionId,
          lastModified: m.LastModified ?? new Date(0),
          size: 0,
          isLatest: m.IsLatest === true,
          deleteMarker: true,
        });
      }
      // S3 lists versions and delete markers separately; within a key both are newest first.
      // Times are whole seconds: on a tie the latest version (or marker) still comes first.
      entries.sort(
        (a, b) =>
          b.lastModified.getTime() - a.lastModified.getTime() || Number(b.isLatest) - Number(a.isLatest),
      );
      yield* entries;
      if (res.IsTruncated !== true) return;
      // Past this key there is nothing of ours (other keys only share the prefix).
      if (res.NextKeyMarker !== undefined && res.NextKeyMarker !== full) return;
      keyMarker = res.NextKeyMarker;
      versionIdMarker = res.NextVersionIdMarker;
    }
  }
}

function lostCondition(e: unknown): boolean {
  const status = httpStatus(e);
  const code = awsErrorCode(e);
  return (
    status === 412 || status === 409 || code === "PreconditionFailed" || code === "ConditionalRequestConflict"
  );
}
