/**
 * Bytes made durable in a file and compared with what a file holds: a temp file fsynced and renamed over
 * the target, and a comparison read piece by piece. The steps of the file variant of the safe-write
 * protocol (`file.ts`) and of the directory store's writes.
 */
import { promises as fs } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileError } from "./read-input.js";
import { nodeCrypto } from "../util/lazy-require.js";

/** Makes a directory's entries durable; some file systems cannot fsync a directory (a rename is atomic still). */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    const dirHandle = await fs.open(dir, "r");
    await dirHandle.sync().finally(() => dirHandle.close());
  } catch {
    // As said: nothing more to do.
  }
}

/** Makes a file's bytes durable (fsync), as they are: opened to read, never written. */
export async function syncFile(file: string): Promise<void> {
  const handle = await fs.open(file, "r");
  await handle.sync().finally(() => handle.close());
}

/**
 * `syncFile` of a file that is about to become a backup, flushed while other work goes on so that
 * keeping it later costs no wait. Failures are left to that later step.
 */
export async function flushToDisk(file: string): Promise<void> {
  // The backup's own fsync reports what is wrong.
  await syncFile(file).catch(() => undefined);
}

/**
 * Pieces a file is compared in as it is read: few calls for a large state (each is a trip to the thread
 * pool), small beside it.
 */
const PIECE = 32 * 1024 * 1024;

/** The total length of consecutive pieces of bytes. */
export function lengthOf(pieces: readonly Uint8Array[]): number {
  let n = 0;
  for (const p of pieces) n += p.length;
  return n;
}

/**
 * Whether the file holds exactly `bytes` (one piece, or consecutive pieces), compared piece by piece as
 * it is read (never whole in memory). `missingIsFalse`: a file that does not exist does not hold them;
 * otherwise that is a read error too.
 */
export async function holdsExactly(
  file: string,
  bytes: Uint8Array | readonly Uint8Array[],
  missingIsFalse = false,
): Promise<boolean> {
  const pieces = bytes instanceof Uint8Array ? [bytes] : bytes;
  const size = lengthOf(pieces);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, "r");
  } catch (cause) {
    if (missingIsFalse && (cause as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw fileError(file, cause);
  }
  try {
    if ((await handle.stat()).size !== size) return false;
    const matches = matcher(pieces);
    const piece = Buffer.allocUnsafe(Math.min(PIECE, Math.max(size, 1)));
    let at = 0;
    for (;;) {
      const { bytesRead } = await handle.read(piece, 0, piece.length, at);
      if (bytesRead === 0) return at === size;
      if (at + bytesRead > size) return false;
      if (!matches(piece.subarray(0, bytesRead))) return false;
      at += bytesRead;
    }
  } catch (cause) {
    throw fileError(file, cause);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Compares consecutive stretches of bytes, in order, with what comes next in `pieces`. */
function matcher(pieces: readonly Uint8Array[]): (read: Buffer) => boolean {
  let k = 0;
  let offset = 0;
  return (read) => {
    let done = 0;
    while (done < read.length) {
      const piece = pieces[k];
      if (piece === undefined) return false;
      const n = Math.min(piece.length - offset, read.length - done);
      const expected = Buffer.from(piece.buffer, piece.byteOffset + offset, n);
      if (!read.subarray(done, done + n).equals(expected)) return false;
      done += n;
      offset += n;
      if (offset === piece.length) {
        k++;
        offset = 0;
      }
    }
    return true;
  };
}

/** Temp file in the same directory, fsync, rename over the target, fsync the directory. */
export async function writeDurably(target: string, bytes: Uint8Array): Promise<void> {
  await writeDurablyHashing(target, bytes, false);
}

/**
 * `writeDurably`. With `hash`, the SHA-256 of the bytes, computed while the kernel writes them. With
 * `before`, the rename waits for it and does not happen if it fails (the check of the target and the
 * backup of its bytes).
 */
export async function writeDurablyHashing(
  target: string,
  bytes: readonly Uint8Array[],
  hash: true,
  before?: Promise<void>,
): Promise<string>;
export async function writeDurablyHashing(target: string, bytes: Uint8Array, hash: false): Promise<undefined>;
export async function writeDurablyHashing(
  target: string,
  bytes: Uint8Array | readonly Uint8Array[],
  hash: boolean,
  before?: Promise<void>,
): Promise<string | undefined> {
  // Settled here whatever happens below, so a failure of either is never left unhandled.
  const waited = before?.then(
    () => undefined,
    (e: unknown) => ({ error: e }),
  );
  const dir = dirname(target);
  const temp = join(dir, `.${basename(target)}.${nodeCrypto().randomBytes(6).toString("hex")}.tmp`);
  let digest: string | undefined;
  try {
    // Keep the target's permissions (state can hold secrets; a new file is private to its owner).
    const mode = await fs.stat(target).then(
      (s) => s.mode & 0o777,
      () => 0o600,
    );
    const handle = await fs.open(temp, "wx", mode);
    try {
      await handle.chmod(mode);
      const pieces = bytes instanceof Uint8Array ? [bytes] : bytes;
      const written = writePieces(handle, pieces);
      // Hashed here while the kernel takes the bytes on another thread (awaited right after: a failed
      // write is never left unhandled).
      if (hash) {
        const sha = nodeCrypto().createHash("sha256");
        for (const piece of pieces) sha.update(piece);
        digest = sha.digest("hex");
      }
      await written;
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (cause) {
    await waited;
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw fileError(target, cause, "written");
  }
  const previous = await waited;
  if (previous !== undefined) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw previous.error;
  }
  try {
    await fs.rename(temp, target);
  } catch (cause) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw fileError(target, cause, "written");
  }
  await syncDirectory(dir);
  return digest;
}

/** Writes the pieces one after another from the start of the file. */
async function writePieces(handle: fs.FileHandle, pieces: readonly Uint8Array[]): Promise<void> {
  let at = 0;
  for (const piece of pieces) {
    await writeAll(handle, piece, at);
    at += piece.length;
  }
}

async function writeAll(handle: fs.FileHandle, piece: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < piece.length) {
    const { bytesWritten } = await handle.write(piece, done, piece.length - done, position + done);
    done += bytesWritten;
  }
}
