/**
 * A checkpoint in a single file (or stdin). Reads with clear errors; writes with the file variant of
 * the safe-write protocol: a lock file created exclusively, a backup of the exact bytes read, a check
 * that the file did not change since it was read, a temp file fsynced and renamed over the target,
 * and a read-back that must parse and verify.
 */
import { promises as fs } from "node:fs";
import { dirname, resolve } from "node:path";
import { StatewardError } from "../errors.js";
import { nodeCrypto } from "../util/lazy-require.js";
import { t } from "../i18n/index.js";
import type { StateDocument } from "../state/codec.js";
import { verifyIntegrity, type IntegrityCheck } from "../state/integrity.js";
import { MAX_STATE_BYTES, tooLargeError, type ParseOptions } from "../state/limits.js";
import { parseState, serializeStatePieces } from "./encoding.js";
import { fileError, readInput } from "./read-input.js";
import {
  holdsExactly,
  lengthOf,
  syncDirectory,
  syncFile,
  writeDurably,
  writeDurablyHashing,
} from "./durable-file.js";

export interface LoadedFile {
  /** As given by the user ("-" for stdin). */
  path: string;
  bytes: Uint8Array;
  /** SHA-256 of the bytes read: the revision the safe write checks against. */
  revision: string;
  doc: StateDocument;
}

export function sha256Hex(bytes: Uint8Array): string {
  return nodeCrypto().createHash("sha256").update(bytes).digest("hex");
}

export { fileError, readInput, readStream, type TooLarge } from "./read-input.js";
export { writeDurably } from "./durable-file.js";

/** Reads and parses a state file; `-` reads standard input. */
export async function loadStateFile(
  file: string,
  stdin?: NodeJS.ReadableStream,
  options: ParseOptions = {},
): Promise<LoadedFile> {
  const name = file === "-" ? t("backends.file.stdin") : file;
  const bytes = await readInput(file, stdin, MAX_STATE_BYTES, (size, exact) =>
    tooLargeError(name, size, MAX_STATE_BYTES, exact),
  );
  const doc = parseState(bytes, name, options);
  let revision: string | undefined;
  // The hash is taken when a write needs it: a run that only reads does not load node:crypto.
  return {
    path: file,
    bytes,
    get revision() {
      return (revision ??= sha256Hex(bytes));
    },
    doc,
  };
}

export interface WriteOptions {
  /** Where to write; may be the file that was read (then `expectRevision` or `expectBytes` guards it). */
  target: string;
  /** The revision (SHA-256) the target had when read; the write aborts if it changed since. */
  expectRevision?: string;
  /**
   * The exact bytes the target held when read; the write aborts if it holds anything else now. The same
   * guard as `expectRevision`, checked by comparing the bytes (no hash of either side).
   */
  expectBytes?: Uint8Array;
  /** Keep a copy of the bytes being replaced at this path before replacing them. */
  backupPath?: string;
  /** The exact bytes to back up (the bytes read, not what is on disk now). */
  backupBytes?: Uint8Array;
  /** Refuse to replace an existing target that was not read (a plain `--out` over some other file). */
  refuseExisting?: boolean;
  /**
   * The caller's own integrity check of this very document: `verifyIntegrity(doc.deployment)` (or a
   * result that includes it), run on the same deployment object, not changed since. When it names that
   * deployment and no violation, the write does not verify it a second time; otherwise it verifies.
   */
  verified?: IntegrityCheck;
}

export interface WriteResult {
  path: string;
  bytes: number;
  revision: string;
  backup?: string;
}

/**
 * Writes a document under the safe-write protocol. The document must pass integrity; the target must
 * be unchanged since it was read; a concurrent writer holding the lock makes this fail, writing nothing.
 * The bytes are hashed once, while they are written (the revision); the read-back compares what is on
 * disk with them byte for byte.
 */
export async function writeStateFile(doc: StateDocument, options: WriteOptions): Promise<WriteResult> {
  const proof = options.verified;
  const violations =
    proof !== undefined && proof.deployment === doc.deployment && proof.violations.length === 0
      ? []
      : verifyIntegrity(doc.deployment);
  if (violations.length > 0) {
    throw new StatewardError(
      "INTEGRITY",
      t(violations.length === 1 ? "backends.file.integrity.one" : "backends.file.integrity.other", {
        target: options.target,
        count: violations.length,
        first: violations[0]!.message,
      }),
      { hint: t("backends.file.integrityHint") },
    );
  }
  // What the edit did not touch, as the bytes read when the caller kept them (no copy of the text).
  const bytes = serializeStatePieces(doc);
  const target = resolve(options.target);
  const dir = dirname(target);
  const dirStat = await fs.stat(dir).catch(() => undefined);
  if (dirStat === undefined || !dirStat.isDirectory()) {
    throw new StatewardError("FILE_WRITE", t("backends.file.noDirectory", { target: options.target, dir }), {
      hint: t("backends.file.noDirectoryHint"),
    });
  }
  const lockPath = `${target}.stateward-lock`;
  const lock = await takeFileLock(lockPath, options.target);
  try {
    await lock.writeFile(JSON.stringify({ pid: process.pid, time: new Date().toISOString() }));
    // The new state goes to its temp file while the target is checked and the backup is kept; the
    // target is replaced only once both are done (a failed check or backup: the temp file is removed).
    let backup: string | undefined;
    const checkedAndKept = (async () => {
      if (await keptByLink(target, options)) {
        backup = options.backupPath;
        return;
      }
      const backupBytes = await checkTarget(target, options);
      if (options.backupPath === undefined || backupBytes === undefined) return;
      await writeDurably(resolve(options.backupPath), backupBytes);
      backup = options.backupPath;
    })();
    const revision = await writeDurablyHashing(target, bytes, true, checkedAndKept);
    if (!(await holdsExactly(target, bytes))) {
      throw new StatewardError("READ_BACK", t("backends.file.readBack", { target: options.target }), {
        hint: backup === undefined ? undefined : t("backends.file.readBackHint", { backup }),
      });
    }
    const result: WriteResult = { path: options.target, bytes: lengthOf(bytes), revision };
    if (backup !== undefined) result.backup = backup;
    return result;
  } finally {
    await lock.close().catch(() => undefined);
    await fs.rm(lockPath, { force: true }).catch(() => undefined);
  }
}

/** The lock file beside the target, created exclusively: another stateward writing it makes this LOCKED. */
async function takeFileLock(lockPath: string, name: string): Promise<fs.FileHandle> {
  try {
    return await fs.open(lockPath, "wx");
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "EEXIST") {
      throw new StatewardError("LOCKED", t("backends.file.locked", { name, lock: lockPath }), {
        hint: t("backends.file.lockedHint"),
        cause,
      });
    }
    throw fileError(lockPath, cause);
  }
}

/**
 * The backup of a target that must still hold the bytes read (`expectBytes`, which are also the bytes to
 * back up), kept as a second name of the target's file: linked, then checked to hold exactly the bytes
 * read (a file that changed since: CONFLICT, and the name is removed), then made durable. Renaming the
 * new state over the target leaves that file as the backup, without writing its bytes again. False
 * when the file system makes no link (or the backup's name is taken), and when the target is not a
 * regular file that is its file's only name (a symlink: the link would name the symlink, not the bytes;
 * a file with another name: what is written through that name would change the backup): then the
 * backup is written.
 */
async function keptByLink(target: string, options: WriteOptions): Promise<boolean> {
  const { expectBytes, backupPath } = options;
  if (expectBytes === undefined || backupPath === undefined) return false;
  if (options.backupBytes !== undefined && options.backupBytes !== expectBytes) return false;
  const backup = resolve(backupPath);
  try {
    await fs.link(target, backup);
  } catch {
    return false;
  }
  try {
    const linked = await fs.lstat(backup);
    if (!linked.isFile() || linked.nlink !== 2) {
      await fs.rm(backup, { force: true });
      return false;
    }
    if (!(await holdsExactly(backup, expectBytes, true))) throw changedError(options.target);
    await syncFile(backup);
    await syncDirectory(dirname(backup));
  } catch (e) {
    await fs.rm(backup, { force: true }).catch(() => undefined);
    throw e instanceof StatewardError ? e : fileError(backupPath, e, "written");
  }
  return true;
}

/**
 * Refuses a target that changed since it was read, or (`refuseExisting`) one that exists at all. The
 * bytes to back up, if any: `backupBytes`, else what the target holds now (read only when needed).
 */
async function checkTarget(target: string, options: WriteOptions): Promise<Uint8Array | undefined> {
  const wantBackup = options.backupPath !== undefined;
  if (options.expectBytes !== undefined) {
    if (!(await holdsExactly(target, options.expectBytes, true))) throw changedError(options.target);
    return wantBackup ? (options.backupBytes ?? options.expectBytes) : undefined;
  }
  if (options.expectRevision === undefined && options.refuseExisting !== true) {
    if (!wantBackup) return undefined;
    return options.backupBytes ?? (await readIfExists(target));
  }
  if (options.expectRevision === undefined) {
    // Only whether it exists matters (it must not): its bytes are not needed.
    if (await fileExists(target)) throw existsError(options.target);
    return wantBackup ? options.backupBytes : undefined;
  }
  const current = await readIfExists(target);
  if (current === undefined || sha256Hex(current) !== options.expectRevision)
    throw changedError(options.target);
  return wantBackup ? (options.backupBytes ?? current) : undefined;
}

function changedError(target: string): StatewardError {
  return new StatewardError("CONFLICT", t("backends.file.changed", { target }), {
    hint: t("backends.file.changedHint"),
  });
}

function existsError(target: string): StatewardError {
  return new StatewardError("FILE_EXISTS", t("backends.file.exists", { target }), {
    hint: t("backends.file.existsHint"),
  });
}

async function fileExists(file: string): Promise<boolean> {
  try {
    await fs.stat(file);
    return true;
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw fileError(file, cause);
  }
}

async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(file);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw fileError(file, cause);
  }
}
