/** A tiny "deploy command" for guard tests: a node script printing SST's real "already exists" failure. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { tempDir } from "../helpers.js";

export const ROLE = "acme-notify-ApiRole-eucentral1";

/** The command (argv) that prints the failure and exits `code`; `out` also goes to stdout first. */
export function failingDeploy(code = 1, out = "deploying acme"): string[] {
  const file = path.join(tempDir(), "deploy.mjs");
  const lines = [
    "|  Error       Api sst:aws:Function → ApiRole aws:iam:Role",
    `|    sdk-v2/provider2.go:520: sdk.helper_schema: creating IAM Role (${ROLE}): operation error IAM: CreateRole, https response error StatusCode: 409, RequestID: 7aeff72a-519e-4dfd-8028-329080e390b5, EntityAlreadyExists: Role with name ${ROLE} already exists.`,
    "",
    "✕  Failed",
  ];
  writeFileSync(
    file,
    `console.log(${JSON.stringify(out)});\nconsole.error(${JSON.stringify(lines.join("\n"))});\nprocess.exit(${code});\n`,
  );
  return [process.execPath, file];
}

/** A deploy command that succeeds, printing `out`. */
export function passingDeploy(out = "deployed"): string[] {
  const file = path.join(tempDir(), "ok.mjs");
  writeFileSync(file, `console.log(${JSON.stringify(out)});\n`);
  return [process.execPath, file];
}
