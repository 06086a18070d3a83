/**
 * Every command's "Examples:" block in its `--help`: commands that work as pasted against the local
 * cloud (`npx stateward sandbox`, then the `export` lines it prints; scenario acme: app acme, stages
 * dev, staging, production and the removed pr-42), each under a line saying what it shows. A command
 * that writes or deletes shows its `--dry-run`, never a form that changes anything when pasted. Files
 * an example names are in the repository (examples/). test/cli/help-examples.test.ts reads these
 * back from every `--help` and runs each one on the sandbox, so a command without an example, or an
 * example that fails, fails the test.
 *
 * Keyed by the command's path (`history list`; "" is `stateward` itself). A new command adds its
 * entry here and its descriptions in src/i18n/messages/examples.ts.
 */
import type { Command } from "commander";
import { t, type MessageId } from "../i18n/index.js";

/** What the example shows (a catalog id), and the command line, pasted as is. */
type Example = readonly [Extract<MessageId, `examples.${string}`>, string];

const STUCK = "examples/stuck-deploy.json";
// i18n-exempt: command-line flags, the same in every language
const PROD = "--app acme --stage production";
const PLAN_JSON = "npx stateward plan --app acme --stage dev --json > plan.json";

const EXAMPLES: Readonly<Record<string, readonly Example[]>> = {
  "": [
    ["examples.sandbox.start", "npx stateward sandbox --port 0 --exec 'doctor --app acme --all-stages'"],
    ["examples.doctor.stage", "npx stateward doctor --app acme --stage dev"],
    ["examples.state.show.file", `npx stateward state show ${STUCK}`],
    ["examples.history.list", `npx stateward history list ${PROD}`],
    ["examples.history.restore", `npx stateward history restore previous ${PROD} --dry-run`],
    ["examples.lock.status", "npx stateward lock status --app acme --stage staging"],
    ["examples.explain.file", "npx stateward explain examples/deploy-failed.log"],
  ],
  state: [["examples.state.show.stage", `npx stateward state show ${PROD}`]],
  "state show": [
    ["examples.state.show.file", `npx stateward state show ${STUCK}`],
    ["examples.state.show.stage", `npx stateward state show ${PROD}`],
  ],
  "state verify": [
    ["examples.state.verify.file", `npx stateward state verify ${STUCK}`],
    ["examples.state.verify.stage", "npx stateward state verify --app acme --stage staging"],
  ],
  "state repair": [
    ["examples.state.repair.file", `npx stateward state repair ${STUCK} --dry-run`],
    ["examples.state.repair.stage", "npx stateward state repair --app acme --stage dev --dry-run"],
  ],
  history: [["examples.history.list", `npx stateward history list ${PROD}`]],
  "history list": [["examples.history.list", `npx stateward history list ${PROD}`]],
  "history show": [["examples.history.show", `npx stateward history show previous ${PROD}`]],
  "history diff": [
    ["examples.history.diff", `npx stateward history diff previous current ${PROD}`],
    ["examples.history.diff.files", `npx stateward history diff ${STUCK} ${STUCK}`],
  ],
  "history restore": [
    ["examples.history.restore", `npx stateward history restore previous ${PROD} --dry-run`],
  ],
  "history snapshot": [
    [
      "examples.history.snapshot",
      `npx stateward history snapshot ${PROD} --note "before the refactor" --dry-run`,
    ],
  ],
  "history backup": [
    ["examples.history.backup", `npx stateward history backup ${PROD} --to ./state-backup --dry-run`],
  ],
  "history export": [
    ["examples.history.export", `npx stateward history export --git ./state-history ${PROD} --dry-run`],
  ],
  lock: [["examples.lock.status", "npx stateward lock status --app acme --stage staging"]],
  "lock status": [["examples.lock.status", "npx stateward lock status --app acme --stage staging"]],
  "lock release": [
    ["examples.lock.release", "npx stateward lock release --app acme --stage staging --dry-run"],
  ],
  doctor: [
    ["examples.doctor.stage", "npx stateward doctor --app acme --stage dev"],
    ["examples.doctor.markdown", "npx stateward doctor --app acme --all-stages --format markdown"],
  ],
  plan: [
    ["examples.plan.all", "npx stateward plan --app acme --all-stages"],
    ["examples.plan.json", "npx stateward plan --app acme --stage dev --json"],
  ],
  apply: [
    ["examples.plan.file", PLAN_JSON],
    ["examples.apply.dry-run", "npx stateward apply plan.json --dry-run"],
  ],
  fix: [["examples.fix.dry-run", "npx stateward fix --app acme --stage dev --dry-run"]],
  adopt: [
    [
      "examples.adopt.retained",
      "npx stateward adopt aws:dynamodb/table:Table acme-production-SessionsTable-btvzwchr --urn 'urn:pulumi:production::acme::sst:aws:Dynamo$aws:dynamodb/table:Table::SessionsTable' --retain-on-delete --app acme --stage production --dry-run",
    ],
    [
      "examples.adopt.orphan",
      `npx stateward adopt aws:sesv2/emailIdentity:EmailIdentity alerts@acme.example ${PROD} --dry-run`,
    ],
  ],
  cleanup: [["examples.cleanup.dry-run", "npx stateward cleanup --app acme --stage pr-42 --dry-run"]],
  forget: [
    [
      "examples.forget.stale",
      "npx stateward forget 'urn:pulumi:staging::acme::sst:aws:Function$aws:iam/role:Role::ApiRole' --drop-references --app acme --stage staging --dry-run",
    ],
    [
      "examples.forget.pending",
      "npx stateward forget --pending 'urn:pulumi:staging::acme::sst:aws:Nextjs$aws:cloudfront/function:Function::WebCloudfrontFunctionRequest' --app acme --stage staging --dry-run",
    ],
  ],
  names: [["examples.names.check", "npx stateward names check --app acme --all-stages"]],
  "names generate": [
    [
      "examples.names.generate",
      "npx stateward names generate Sessions --type aws:dynamodb/table:Table --app acme --stage dev",
    ],
  ],
  "names check": [["examples.names.check", "npx stateward names check --app acme --all-stages"]],
  explain: [
    ["examples.explain.file", "npx stateward explain examples/deploy-failed.log"],
    ["examples.explain.stage", "npx stateward explain examples/deploy-failed.log --app acme --stage dev"],
  ],
  guard: [
    ["examples.guard.stops", "npx stateward guard --app acme --stage dev -- npx sst deploy --stage dev"],
    ["examples.guard.force", `npx stateward guard ${PROD} --force -- node --version`],
  ],
  preflight: [
    ["examples.preflight.predicted", "npx stateward preflight --app acme --stage pr-7"],
    [
      "examples.preflight.plan",
      "npx stateward preflight --plan examples/preview-pr-7.json --app acme --stage pr-7",
    ],
  ],
  scan: [
    ["examples.scan.stage", `npx stateward scan ${PROD}`],
    ["examples.scan.drift", "npx stateward scan --app acme --all-stages --drift"],
  ],
  audit: [["examples.audit.list", `npx stateward audit ${PROD}`]],
  "audit list": [["examples.audit.list", `npx stateward audit list ${PROD}`]],
  sandbox: [
    ["examples.sandbox.exec", "npx stateward sandbox --port 0 --exec 'doctor --app acme --stage dev'"],
    [
      "examples.sandbox.exec-zh",
      "npx stateward --lang zh sandbox --port 0 --exec 'lock status --app acme --stage staging'",
    ],
  ],
  "sandbox reset": [["examples.sandbox.reset", "npx stateward sandbox reset"]],
  ui: [
    ["examples.ui.stage", "npx stateward ui --app acme --stage dev"],
    ["examples.ui.all", "npx stateward ui --app acme --all-stages"],
  ],
};

/** `history list` for the `list` command under `history`; "" for the program. */
function pathOf(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent != null; c = c.parent) names.unshift(c.name());
  return names.join(" ");
}

function render(examples: readonly Example[]): string {
  const lines = ["", t("examples.title")];
  for (const [what, command] of examples) lines.push(`  ${t(what)}`, `    ${command}`);
  return lines.join("\n");
}

/** Adds its "Examples:" block to the program's help and to every command's that has one. */
export function addExamples(program: Command): void {
  const visit = (command: Command): void => {
    const examples = EXAMPLES[pathOf(command)];
    if (examples !== undefined) command.addHelpText("after", () => render(examples));
    command.commands.forEach(visit);
  };
  visit(program);
}
