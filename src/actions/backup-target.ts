/** `history backup --to`: a directory or `s3://bucket/prefix`, opened as a BlobStore. */
import { promises as fs } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DirStore } from "../backends/dir-store.js";
import type { OpenStage } from "../backends/resolve.js";
import { S3Store } from "../backends/s3-store.js";
import type { BlobStore } from "../backends/store.js";
import { AwsClients } from "../cloud/clients.js";
import { StatewardError } from "../errors.js";
import { t } from "../i18n/index.js";

/** Where backups go: a directory or an S3 prefix, as a BlobStore. */
export interface BackupTarget {
  url: string;
  store: BlobStore;
  /** The directory does not exist yet (a dry run does not create it). */
  missing?: boolean;
  close(): void;
}

/**
 * Opens `--to`: `s3://bucket[/prefix]` through the stage's AWS clients (or new ones from the
 * environment), or a directory (created when missing, except in a dry run). Anything else is a usage
 * error.
 */
export async function openBackupTarget(
  to: string,
  open: OpenStage,
  env: NodeJS.ProcessEnv,
  dryRun: boolean,
): Promise<BackupTarget> {
  const s3 = /^s3:\/\/([^/]+)\/?(.*)$/.exec(to);
  if (s3 !== null) {
    const bucket = s3[1]!;
    const prefix = s3[2]!.replace(/\/+$/, "");
    const own =
      open.clients === undefined
        ? new AwsClients({ region: env.AWS_REGION || env.AWS_DEFAULT_REGION || "us-east-1" }, env)
        : undefined;
    const clients = open.clients ?? own!;
    const store = new S3Store(
      clients.s3(open.clients === undefined ? undefined : open.region),
      bucket,
      prefix,
    );
    return { url: store.url, store, close: () => own?.destroy() };
  }
  let dir = to;
  if (/^file:\/\//i.test(to)) dir = fileURLToPath(to);
  else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(to) || to.trim() === "") throw badTarget(to);
  const stat = await fs.stat(dir).catch(() => undefined);
  if (stat !== undefined && !stat.isDirectory()) throw badTarget(to);
  if (stat === undefined && !dryRun) {
    await fs.mkdir(dir, { recursive: true }).catch((cause: unknown) => {
      throw new StatewardError(
        "USAGE",
        t("history.backup.error.mkdir", { dir: path.resolve(dir), reason: (cause as Error).message }),
        { hint: t("history.backup.hint.target") },
      );
    });
  }
  const store = new DirStore(dir);
  return { url: store.url, store, ...(stat === undefined ? { missing: true } : {}), close: () => {} };
}

function badTarget(to: string): StatewardError {
  return new StatewardError("USAGE", t("history.backup.error.target", { to }), {
    hint: t("history.backup.hint.target"),
  });
}
