/** Who writes: the credentials' owner (STS), else the local user, as audit records and locks name them. */
import os from "node:os";
import type { AwsClients } from "../cloud/clients.js";
import { VERSION } from "../version.js";
import type { Writer } from "./types.js";

function localWho(): string {
  let user = "unknown";
  try {
    user = os.userInfo().username;
  } catch {
    // No passwd entry (some containers): keep "unknown".
  }
  return `${user}@${os.hostname()}`;
}

/** The writer of an opened stage, for `action`. */
export function makeWriter(clients: AwsClients | undefined, signal?: AbortSignal) {
  return async (action: string): Promise<Writer> => {
    let who = localWho();
    if (clients !== undefined) {
      // Some S3-compatible endpoints have no STS: then the local user is the best we know.
      who = await clients.callerIdentity(signal).then(
        (id) => id.arn,
        () => who,
      );
    }
    return { who, action, pid: process.pid, host: os.hostname(), tool: `stateward ${VERSION}` };
  };
}
