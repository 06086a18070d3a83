/**
 * `stateward ui` in a real browser (Debian's chromium through playwright-core) against the acme
 * scenario of the local cloud, the server started in-process (startUi). What each page must show is
 * read from the CLI's own --json documents over the same sandbox (doctor, history list, history diff,
 * explain), never written here. Every page: a screenshot under test-output/ui/, axe-core with no
 * serious or critical violation, and no console error (the CSP forbids inline script and style, and
 * a violation shows there). Actions are done from the keyboard: Tab to the control, Enter or Space.
 */
import { mkdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { SandboxServer } from "../../src/sandbox/server.js";
import { startUi } from "../../src/ui/server.js";
import { launchChromium } from "../fixtures/browser.js";
import { cli, ROOT, tempDir } from "../helpers.js";

const OUT = path.join(ROOT, "test-output", "ui");
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface Finding {
  rule: string;
  stage: string;
  severity: "blocker" | "warning" | "info";
  evidence: string;
  fix: string[];
}
interface DoctorDoc {
  stages: string[];
  findings: Finding[];
  coverage: { checked: number; total: number; unchecked: unknown[] };
}
interface HistoryDoc {
  versions: { id: string; current: boolean }[];
}
interface DiffDoc {
  diff: {
    removed: { urn: string; type: string }[];
    pendingAdded: { urn: string; resourceType: string }[];
  };
}

let sandbox: SandboxServer;
let env: Record<string, string>;
let ui: Awaited<ReturnType<typeof startUi>>;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

async function json<T>(args: string[]): Promise<T> {
  const run = await cli([...args, "--json"], env);
  expect(run.stderr, args.join(" ")).not.toMatch(/Error:/);
  return JSON.parse(run.stdout) as T;
}

/** A string as a JavaScript or CSS string literal. */
const q = (value: string): string => JSON.stringify(value);

/** An attribute of every element `selector` matches, in document order. */
async function attrs(selector: string, name: string): Promise<(string | null)[]> {
  return Promise.all((await page.locator(selector).all()).map((l) => l.getAttribute(name)));
}

/** Goes to a page of the app and waits for `ready` (a selector that shows its data arrived). */
async function open(hash: string, ready: string): Promise<void> {
  await page.evaluate(`location.hash = ${q(hash)}`);
  await page.waitForSelector(ready, { timeout: 90_000 });
}

/** A full-page screenshot under test-output/ui/, checked to be a non-empty file. */
async function screenshot(name: string): Promise<void> {
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  expect(statSync(file).size).toBeGreaterThan(1000);
}

/** axe-core on the page as it is: no serious or critical violation. */
async function accessible(): Promise<void> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(AXE);
  const violations = await page.evaluate<{ id: string; impact: string; nodes: { target: string[] }[] }[]>(
    "axe.run(document).then((r) => r.violations)",
  );
  const bad = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(bad).toEqual([]);
}

/** Presses Tab until the focused element matches the CSS `selector` (at most `max` presses). */
async function tabTo(selector: string, max = 400): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(`document.activeElement?.matches(${q(selector)})`)) === true) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  browser = await launchChromium();
  sandbox = new SandboxServer();
  await sandbox.start();
  await seedAcme({ url: sandbox.url }, sandbox.accountId);
  env = {
    AWS_ENDPOINT_URL: sandbox.url,
    AWS_ACCESS_KEY_ID: "AKIASANDBOXTEST",
    AWS_SECRET_ACCESS_KEY: "sandbox-secret",
    AWS_REGION: "us-east-1",
    AWS_EC2_METADATA_DISABLED: "true",
    STATEWARD_CACHE_DIR: tempDir(),
  };
  ui = await startUi({ app: "acme", allStages: true, env, cwd: tempDir(), port: 0, lang: "en" });
  context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    permissions: ["clipboard-read", "clipboard-write"],
  });
  page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => consoleErrors.push(e.message));
  await page.goto(ui.url);
});

afterAll(async () => {
  await browser?.close();
  await ui?.close();
  await sandbox?.stop();
});

describe("stateward ui in chromium (acme)", () => {
  it("overview: each stage with doctor's counts, the resources it checked", async () => {
    const all = await json<DoctorDoc>(["doctor", "--app", "acme", "--all-stages"]);
    await open("#/", "tr[data-stage]");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    const shown = await attrs("tr[data-stage]", "data-stage");
    expect(shown.sort()).toEqual([...all.stages].sort());
    for (const stage of all.stages) {
      const row = `tr[data-stage="${stage}"]`;
      const count = (c: string) => page.textContent(`${row} [data-count="${c}"]`);
      const mine = all.findings.filter((f) => f.stage === stage);
      expect(await count("blocker"), stage).toBe(String(mine.filter((f) => f.severity === "blocker").length));
      expect(await count("warning"), stage).toBe(String(mine.filter((f) => f.severity === "warning").length));
      const one = await json<DoctorDoc>(["doctor", "--app", "acme", "--stage", stage]);
      expect(await count("checked"), stage).toBe(String(one.coverage.checked));
      expect(await count("unchecked"), stage).toBe(String(one.coverage.unchecked.length));
    }
    await screenshot("overview");
    await accessible();
  });

  it("stage page: every finding doctor reports, with seen / why / fix and a copy button per command", async () => {
    for (const stage of ["production", "staging", "dev"]) {
      const doc = await json<DoctorDoc>(["doctor", "--app", "acme", "--stage", stage]);
      await open(`#/stage/${stage}`, "section.resources-section");
      const articles = await Promise.all(
        (await page.locator("article.finding").all()).map(async (l) => ({
          rule: await l.getAttribute("data-rule"),
          text: (await l.textContent()) ?? "",
        })),
      );
      expect(articles.map((a) => a.rule).sort(), stage).toEqual(doc.findings.map((f) => f.rule).sort());
      for (const f of doc.findings) {
        const article = articles.find((a) => a.rule === f.rule && a.text.includes(f.evidence));
        expect(article, `${stage} ${f.rule}`).toBeDefined();
        for (const c of f.fix) {
          if (c.startsWith("#")) continue;
          const buttons = await page.$$(`button.copy[data-command=${q(c)}]`);
          expect(buttons.length, c).toBeGreaterThan(0);
        }
      }
      expect(await page.locator("tr.vrow").count(), stage).toBeGreaterThan(0);
      await screenshot(`stage-${stage}`);
      await accessible();
    }
  });

  it("copy button: Tab to it, Enter, and the exact command is on the clipboard, announced", async () => {
    const doc = await json<DoctorDoc>(["doctor", "--app", "acme", "--stage", "production"]);
    const command = doc.findings.flatMap((f) => f.fix).find((c) => !c.startsWith("#") && c.includes("'"))!;
    await open("#/stage/production", "button.copy");
    await page.evaluate('navigator.clipboard.writeText("")');
    await page.focus("h1");
    await tabTo(`button.copy[data-command=${q(command)}]`);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate("navigator.clipboard.readText()")).toBe(command);
    const session = (await (
      await fetch(new URL("/api/session", ui.url), { headers: { authorization: `Bearer ${ui.token}` } })
    ).json()) as { messages: Record<string, string> };
    const copied = session.messages["ui.page.copied"];
    expect(copied).toBeTruthy();
    await expect.poll(() => page.textContent("#announcer")).toBe(copied);
    expect(await page.evaluate("document.activeElement.textContent.trim()")).toBe(copied);
  });

  it("resource table: the text filter narrows the rows", async () => {
    await open("#/stage/production", "tr.vrow");
    const total = await page.locator("tr.vrow").count();
    await page.fill("#filter-text", "SessionsTable");
    await expect.poll(() => page.locator("tr.vrow").count()).toBeLessThan(total);
    const names = await page.locator("tr.vrow td:nth-child(2)").allTextContents();
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n).toContain("SessionsTable");
    await page.fill("#filter-text", "");
  });

  it("history: the timeline shows every version `history list` has, and the chart is drawn", async () => {
    for (const stage of ["production", "dev", "staging"]) {
      const doc = await json<HistoryDoc>(["history", "list", "--app", "acme", "--stage", stage]);
      await open(`#/stage/${stage}/history`, "tr[data-version]");
      await page.waitForSelector("svg.chart-svg rect");
      const ids = await attrs("tr[data-version]", "data-version");
      expect(ids, stage).toEqual(doc.versions.map((v) => v.id));
      expect(await page.getAttribute("svg.chart-svg", "role")).toBe("img");
      await screenshot(`history-${stage}`);
      await accessible();
    }
  });

  /** The version whose diff to the current one has what `has` looks for (found with the CLI). */
  async function versionWith(
    stage: string,
    has: (d: DiffDoc) => boolean,
  ): Promise<[string, string, DiffDoc]> {
    const list = await json<HistoryDoc>(["history", "list", "--app", "acme", "--stage", stage]);
    const current = list.versions.find((v) => v.current)!.id;
    for (const v of list.versions) {
      if (v.id === current) continue;
      const d = await json<DiffDoc>(["history", "diff", v.id, current, "--app", "acme", "--stage", stage]);
      if (has(d)) return [v.id, current, d];
    }
    throw new Error(`no version of ${stage} whose diff to the current one shows it`);
  }

  /** Selects two versions in the timeline from the keyboard (Space on one, Enter on the other). */
  async function selectFromKeyboard(a: string, b: string): Promise<void> {
    await page.focus("h1");
    await tabTo(`tr[data-version=${q(a)}] input.select-version`);
    await page.keyboard.press("Space");
    await page.focus("h1");
    await tabTo(`tr[data-version=${q(b)}] input.select-version`);
    await page.keyboard.press("Enter");
    await page.waitForSelector(`.diff[data-a][data-b]`);
  }

  it("diff: the retained table removed (production), from two versions picked with the keyboard", async () => {
    const [a, b, doc] = await versionWith("production", (d) =>
      d.diff.removed.some((r) => r.type === "aws:dynamodb/table:Table"),
    );
    await open("#/stage/production/history", "tr[data-version]");
    await selectFromKeyboard(a, b);
    const removed = await attrs('[data-diff="removed"] li', "data-urn");
    expect(removed.sort()).toEqual(doc.diff.removed.map((r) => r.urn).sort());
    await screenshot("diff-production");
    await accessible();
  });

  it("diff: the pending create (dev)", async () => {
    const [a, b, doc] = await versionWith("dev", (d) => d.diff.pendingAdded.length > 0);
    await open("#/stage/dev/history", "tr[data-version]");
    await selectFromKeyboard(a, b);
    const pending = await attrs('[data-diff="pendingAdded"] li', "data-urn");
    expect(pending.sort()).toEqual(doc.diff.pendingAdded.map((r) => r.urn).sort());
    await screenshot("diff-dev");
  });

  it("explain: a pasted log gets the explanation `explain --json` gives", async () => {
    const file = path.join(ROOT, "test", "fixtures", "logs", "sst-cloudfront-exists.log");
    const run = await cli(["explain", file, "--json"], env);
    const doc = JSON.parse(run.stdout) as { problems: { kind: string; fix: string[] }[] };
    await open("#/explain", "textarea#log");
    await page.fill("#log", readFileSync(file, "utf8"));
    await page.focus("#log");
    await tabTo('button[type="submit"]');
    await page.keyboard.press("Enter");
    await page.waitForSelector(".explain-result");
    const kinds = await attrs("article.problem", "data-kind");
    expect(kinds).toEqual(doc.problems.map((p) => p.kind));
    for (const c of doc.problems.flatMap((p) => p.fix).filter((c) => !c.startsWith("#")))
      expect(await page.$$(`button.copy[data-command=${q(c)}]`)).not.toHaveLength(0);
    await screenshot("explain");
    await accessible();
  });

  it("logged no console error (a CSP violation would show there)", () => {
    expect(consoleErrors).toEqual([]);
  });

  it("follows the session's language: zh from the same catalog, and the html lang attribute", async () => {
    await ui.close();
    ui = await startUi({ app: "acme", allStages: true, env, cwd: tempDir(), port: 0, lang: "zh" });
    await page.goto(ui.url);
    await page.waitForSelector("tr[data-stage]", { timeout: 90_000 });
    expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
    const session = (await (
      await fetch(new URL("/api/session", ui.url), { headers: { authorization: `Bearer ${ui.token}` } })
    ).json()) as { lang: string; messages: Record<string, string> };
    expect(session.lang).toBe("zh");
    const heading = session.messages["ui.page.overview.title"]!.replace("{app}", "acme");
    expect(heading).toMatch(/[\u4e00-\u9fff]/);
    expect(await page.textContent("h1")).toBe(heading);
    await screenshot("overview-zh");
    await accessible();
  });
});
