/**
 * The CLI's standard output and error, written to their file descriptors with `fs.writeSync` (issue 17:
 * start-up). Node makes `process.stdout` on first use, and for a pipe or a terminal that loads its
 * streams and sockets: about 3 ms, an eighth of a bare `node`, in a command that prints one report.
 * Written this way, a report is out before the process exits, in one piece and in order, as Node's
 * own stdout is on Linux for files, pipes and terminals.
 *
 * A write that would block (EAGAIN: a descriptor someone set non-blocking, and a reader that is
 * behind) hands the rest to Node's stream, and every later write goes there too, so nothing overtakes
 * what is queued. A reader that went away (EPIPE: `stateward … | head -3`; ECONNRESET when the
 * output is a socket, as a Node parent's pipes are) ends the run quietly with its exit code, as other
 * CLIs do, by either path. Windows writes through the streams: its console
 * takes text, not bytes.
 */
import { fstatSync, writeSync } from "node:fs";
import { nodeTty } from "../util/lazy-require.js";

export interface StdWriter {
  write(text: string): unknown;
  /** Whether it is a terminal (tty.isatty), asked only of a character device. */
  readonly isTTY: boolean;
  /** A terminal's width; undefined off a terminal. */
  readonly columns: number | undefined;
  /** From now on, every write goes through Node's stream (a prompt writes there too). */
  useStream(): NodeJS.WriteStream;
  /** Whether some output went to Node's stream, which may still hold it. */
  readonly queued: boolean;
}

const quieted = new WeakSet<NodeJS.WriteStream>();

/** A reader that went away ends the run with its exit code, without a stack trace. */
export function quietOnEpipe(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  if (!quieted.has(stream)) {
    quieted.add(stream);
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (goneAway(e)) endQuietly();
      throw e;
    });
  }
  return stream;
}

function goneAway(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === "EPIPE" || code === "ECONNRESET";
}

function endQuietly(): never {
  process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
}

function stdWriter(fd: 1 | 2): StdWriter {
  const stream = (): NodeJS.WriteStream => quietOnEpipe(fd === 1 ? process.stdout : process.stderr);
  let streamed = process.platform === "win32";
  let tty: boolean | undefined;
  return {
    write(text) {
      if (streamed) return stream().write(text);
      const bytes = Buffer.from(text, "utf8");
      for (let at = 0; at < bytes.length;) {
        try {
          at += writeSync(fd, bytes, at);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (goneAway(e)) endQuietly();
          if (code !== "EAGAIN") throw e;
          streamed = true;
          return stream().write(bytes.subarray(at));
        }
      }
      return true;
    },
    get isTTY() {
      tty ??= streamed ? stream().isTTY === true : isTerminal(fd);
      return tty;
    },
    get columns() {
      return this.isTTY ? stream().columns : undefined;
    },
    useStream() {
      streamed = true;
      return stream();
    },
    get queued() {
      return streamed;
    },
  };
}

/** A file or a pipe answers from fstat; only a character device (a terminal, /dev/null) asks node:tty. */
export function isTerminal(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice() && nodeTty().isatty(fd);
  } catch {
    return false;
  }
}

export const stdout = stdWriter(1);
export const stderr = stdWriter(2);

/**
 * Ends a run whose work is done with its exit code, without Node's teardown of the heap (about 1.5 ms
 * of a short command): when all its output went out through the descriptors. Output queued on a
 * stream is waited for, as Node does when a run ends by itself; `exit` handlers run either way.
 */
export function endRun(code: number): void {
  if (stdout.queued || stderr.queued) process.exitCode = code;
  else process.exit(code);
}
