/**
 * A named AWS profile, checked against the shared config and credentials files before any call: with
 * a profile that is not there the SDK only says that no credentials were found, which reads as if
 * none had been named.
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { StatewardError } from "../errors.js";
import { t, items } from "../i18n/index.js";

/** The files the SDK reads profiles from (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/). */
function profileFiles(env: NodeJS.ProcessEnv): string[] {
  const home = env.HOME || env.USERPROFILE || os.homedir();
  return [
    env.AWS_CONFIG_FILE || path.join(home, ".aws", "config"),
    env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, ".aws", "credentials"),
  ];
}

/** The profile, when a section of the shared files names it (`[profile x]`, or `[x]`); else an error. */
export function knownProfile(profile: string, env: NodeJS.ProcessEnv): string {
  const files = profileFiles(env);
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const m of text.matchAll(/^[ \t]*\[[ \t]*(?:profile[ \t]+)?([^\]\r\n]+?)[ \t]*\]/gm)) {
      if (m[1] === profile) return profile;
    }
  }
  throw new StatewardError("AWS_PROFILE", t("cloud.aws.no-profile", { profile, files: items(files) }), {
    hint: t("cloud.aws.no-profile.hint"),
  });
}
