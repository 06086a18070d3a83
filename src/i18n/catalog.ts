/**
 * The one message catalog: every area's entries, merged. An id names its area first
 * (`rules.retained-leftover.cause`), so two areas never share an id; the test in
 * test/i18n/catalog.test.ts checks every entry has both languages with the same placeholders, and
 * that no human-facing string is written outside this folder.
 */
import { core } from "./messages/core.js";
import { rules } from "./messages/rules.js";
import { kinds } from "./messages/kinds.js";
import { cloud } from "./messages/cloud.js";
import { project } from "./messages/project.js";
import { explain } from "./messages/explain.js";
import { state } from "./messages/state.js";
import { backends } from "./messages/backends.js";
import { cli } from "./messages/cli.js";
import { sandbox } from "./messages/sandbox.js";
import { report } from "./messages/report.js";
import { actions } from "./messages/actions.js";
import { history } from "./messages/history.js";
import { guard } from "./messages/guard.js";
import { preflight } from "./messages/preflight.js";
import { ui } from "./messages/ui.js";
import { examples } from "./messages/examples.js";

export const CATALOG = {
  ...core,
  ...rules,
  ...kinds,
  ...cloud,
  ...project,
  ...explain,
  ...state,
  ...backends,
  ...cli,
  ...sandbox,
  ...report,
  ...actions,
  ...history,
  ...guard,
  ...preflight,
  ...ui,
  ...examples,
} as const;

/** Each area's entries, for the test that no two areas share an id. */
export const AREAS = {
  core,
  rules,
  kinds,
  cloud,
  project,
  explain,
  state,
  backends,
  cli,
  sandbox,
  report,
  actions,
  history,
  guard,
  preflight,
  ui,
  examples,
} as const;

export type MessageId = keyof typeof CATALOG;
