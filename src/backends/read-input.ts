/**
 * Reading an input file or standard input whole, within a size limit, with clear errors: what every
 * command that reads a file uses (state files, deploy logs, plans). Kept apart from the state file
 * reader and writer (file.ts) so a command that reads a log loads none of the state code.
 */
import { promises as fs, readFileSync, statSync, type Stats } from "node:fs";
import { StatewardError } from "../errors.js";
import { t } from "../i18n/index.js";

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
 * Reads a file (or, for `-`, the stream: standard input unless given), refusing one bigger than
 * `maxBytes` by its size, before a byte of it is read. File-system errors come back as the
 * StatewardError that names them. process.stdin is made only when `-` asks for it: making it costs
 * every run that reads a file (issue 17).
 */
export async function readInput(
  file: string,
  stdin: NodeJS.ReadableStream | undefined,
  maxBytes: number,
  tooLarge: TooLarge,
  what: InputKind = "state",
): Promise<Buffer> {
  if (file === "-") return readStream(stdin ?? process.stdin, maxBytes, tooLarge);
  // A regular file is read whole in one go, synchronously: its size is known and within the limit (a
  // file that grew since is still refused by the length read), and a command reads one input before
  // it does anything else — the file system's promises (a module of their own) load only for a pipe
  // or device, or a write (issue 17: start-up).
  let stat: Stats;
  try {
    stat = statSync(file);
  } catch (cause) {
    throw fileError(file, cause, "read", what);
  }
  if (stat.isDirectory())
    throw fileError(file, Object.assign(new Error("is a directory"), { code: "EISDIR" }), "read", what);
  if (stat.isFile()) {
    if (stat.size > maxBytes) throw tooLarge(stat.size, true);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (cause) {
      throw fileError(file, cause, "read", what);
    }
    if (bytes.length > maxBytes) throw tooLarge(bytes.length, true);
    return bytes;
  }
  // A pipe or device reports no size: it is read as a stream, with the same limit.
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, "r");
  } catch (cause) {
    throw fileError(file, cause, "read", what);
  }
  try {
    return await readStream(handle.createReadStream({ autoClose: false }), maxBytes, tooLarge);
  } catch (cause) {
    if (cause instanceof StatewardError) throw cause;
    throw fileError(file, cause, "read", what);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** What a command reads from a file: the errors say what was expected there, and how to make one. */
export type InputKind = "state" | "log" | "deploy-plan" | "repair-plan";

function missingHint(what: InputKind): string {
  switch (what) {
    case "state":
      return t("backends.file.notFoundHint");
    case "log":
      return t("backends.file.notFoundHint.log");
    case "deploy-plan":
      return t("backends.file.notFoundHint.deployPlan");
    case "repair-plan":
      return t("backends.file.notFoundHint.repairPlan");
  }
}

function directoryError(file: string, what: InputKind): { message: string; hint: string } {
  switch (what) {
    case "state":
      return { message: t("backends.file.isDirectory", { file }), hint: t("backends.file.isDirectoryHint") };
    case "log":
      return {
        message: t("backends.file.isDirectory.log", { file }),
        hint: t("backends.file.isDirectoryHint.log"),
      };
    case "deploy-plan":
      return {
        message: t("backends.file.isDirectory.deployPlan", { file }),
        hint: t("backends.file.isDirectoryHint.deployPlan"),
      };
    case "repair-plan":
      return {
        message: t("backends.file.isDirectory.repairPlan", { file }),
        hint: t("backends.file.isDirectoryHint.repairPlan"),
      };
  }
}

export function fileError(
  file: string,
  cause: unknown,
  verb: "read" | "written" = "read",
  what: InputKind = "state",
): StatewardError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return new StatewardError("FILE_NOT_FOUND", t("backends.file.notFound", { file }), {
        hint: missingHint(what),
        cause,
      });
    case "EISDIR": {
      const { message, hint } = directoryError(file, what);
      return new StatewardError("FILE_IS_DIRECTORY", message, { hint, cause });
    }
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
