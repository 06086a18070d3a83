/**
 * A checkpoint in a single file (or stdin). Reads with clear errors; writes with the file variant of
 * the safe-write protocol: a lock file created exclusively, a backup of the exact bytes read, a check
 * that the file did not change since it was read, a temp file fsynced and renamed over the target,
 * and a read-back that must parse and verify.
 */
import { createHash, randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { StatewardError } from "../errors.js";
import { t } from "../i18n/index.js";
import { MAX_STATE_BYTES, tooLargeError, verifyIntegrity, type StateDocument } from "../state/index.js";
import { parseState, serializeState } from "./encoding.js";

export interface LoadedFile {
  /** As given by the user ("-" for stdin). */
  path: string;
  bytes: Uint8Array;
  /** SHA-256 of the bytes read: the revision the safe write checks against. */
  revision: string;
  doc: StateDocument;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Makes the error for an input over the limit: its size, or (`exact` false) how much was read of it. */
export type TooLarge = (size: number, exact: boolean) => Error;

/**
 * Reads a stream to its end, or throws `tooLarge` as soon as it passes `maxBytes`, so a runaway pipe
 * never ends as a string too long for JavaScript.
 */
export async function readStream(
  stream: NodeJS.ReadableStream,
  maxBytes: number,
  tooLarge: TooLarge,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size > maxBytes) throw tooLarge(size, false);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads a file (or, for `-`, the stream), refusing one bigger than `maxBytes` by its size, before a
 * byte of it is read. File-system errors come back as the StatewardError that names them.
 */
export async function readInput(
  file: string,
  stdin: NodeJS.ReadableStream,
  maxBytes: number,
  tooLarge: TooLarge,
): Promise<Buffer> {
  if (file === "-") return readStream(stdin, maxBytes, tooLarge);
  let stat: Awaited<ReturnType<typeof fs.stat>>;
  try {
    stat = await fs.stat(file);
  } catch (cause) {
    throw fileError(file, cause);
  }
  if (stat.isDirectory())
    throw fileError(file, Object.assign(new Error("is a directory"), { code: "EISDIR" }));
  if (stat.isFile() && stat.size > maxBytes) throw tooLarge(stat.size, true);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, "r");
  } catch (cause) {
    throw fileError(file, cause);
  }
  try {
    // A pipe or device reports no size: read it as a stream, with the same limit.
    return await readStream(handle.createReadStream({ autoClose: false }), maxBytes, tooLarge);
  } catch (cause) {
    if (cause instanceof StatewardError) throw cause;
    throw fileError(file, cause);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

export function fileError(file: string, cause: unknown, verb: "read" | "written" = "read"): StatewardError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return new StatewardError("FILE_NOT_FOUND", t("backends.file.notFound", { file }), {
        hint: t("backends.file.notFoundHint"),
        cause,
      });
    case "EISDIR":
      return new StatewardError("FILE_IS_DIRECTORY", t("backends.file.isDirectory", { file }), {
        hint: t("backends.file.isDirectoryHint"),
        cause,
      });
    case "EACCES":
    case "EPERM":
      return new StatewardError("FILE_ACCESS", t("backends.file.denied", { file }), { cause });
    default:
      return new StatewardError(
        verb === "read" ? "FILE_READ" : "FILE_WRITE",
        verb === "read"
          ? t("backends.file.notRead", { file, reason: (cause as Error).message })
          : t("backends.file.notWritten", { file, reason: (cause as Error).message }),
        {
          cause,
        },
      );
  }
}

/** Reads and parses a state file; `-` reads standard input. */
export async function loadStateFile(
  file: string,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<LoadedFile> {
  const name = file === "-" ? t("backends.file.stdin") : file;
  const bytes = await readInput(file, stdin, MAX_STATE_BYTES, (size, exact) =>
    tooLargeError(name, size, MAX_STATE_BYTES, exact),
  );
  const doc = parseState(bytes, name);
  return { path: file, bytes, revision: sha256Hex(bytes), doc };
}

export interface WriteOptions {
  /** Where to write; may be the file that was read (then `expectRevision` guards it). */
  target: string;
  /** The revision (SHA-256) the target had when read; the write aborts if it changed since. */
  expectRevision?: string;
  /** Keep a copy of the bytes being replaced at this path before replacing them. */
  backupPath?: string;
  /** The exact bytes to back up (the bytes read, not what is on disk now). */
  backupBytes?: Uint8Array;
  /** Refuse to replace an existing target that was not read (a plain `--out` over some other file). */
  refuseExisting?: boolean;
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
 */
export async function writeStateFile(doc: StateDocument, options: WriteOptions): Promise<WriteResult> {
  const violations = verifyIntegrity(doc.deployment);
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
  const bytes = serializeState(doc);
  const target = path.resolve(options.target);
  const dir = path.dirname(target);
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
    const current = await readIfExists(target);
    checkTarget(current, options);
    let backup: string | undefined;
    if (options.backupPath !== undefined) {
      const backupBytes = options.backupBytes ?? current;
      if (backupBytes !== undefined) {
        await writeDurably(path.resolve(options.backupPath), backupBytes);
        backup = options.backupPath;
      }
    }
    await writeDurably(target, bytes);
    const readBack = await fs.readFile(target);
    if (sha256Hex(readBack) !== sha256Hex(bytes)) {
      throw new StatewardError("READ_BACK", t("backends.file.readBack", { target: options.target }), {
        hint: backup === undefined ? undefined : t("backends.file.readBackHint", { backup }),
      });
    }
    const result: WriteResult = { path: options.target, bytes: bytes.length, revision: sha256Hex(bytes) };
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

/** Refuses a target that changed since it was read, or (`refuseExisting`) one that exists at all. */
function checkTarget(current: Buffer | undefined, options: WriteOptions): void {
  if (options.expectRevision !== undefined) {
    if (current === undefined || sha256Hex(current) !== options.expectRevision) {
      throw new StatewardError("CONFLICT", t("backends.file.changed", { target: options.target }), {
        hint: t("backends.file.changedHint"),
      });
    }
  } else if (current !== undefined && options.refuseExisting === true) {
    throw new StatewardError("FILE_EXISTS", t("backends.file.exists", { target: options.target }), {
      hint: t("backends.file.existsHint"),
    });
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

/** Temp file in the same directory, fsync, rename over the target, fsync the directory. */
export async function writeDurably(target: string, bytes: Uint8Array): Promise<void> {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    // Keep the target's permissions (state can hold secrets; a new file is private to its owner).
    const mode = await fs.stat(target).then(
      (s) => s.mode & 0o777,
      () => 0o600,
    );
    const handle = await fs.open(temp, "wx", mode);
    try {
      await handle.chmod(mode);
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (cause) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw fileError(target, cause, "written");
  }
  try {
    const dirHandle = await fs.open(dir, "r");
    await dirHandle.sync().finally(() => dirHandle.close());
  } catch {
    // Some file systems cannot fsync a directory; the rename itself is still atomic.
  }
}
