/** Tables fit the terminal (issue 18): the widest columns shrink first, cut cells end in "…". */
import { beforeAll, describe, expect, it } from "vitest";
import { seedAcme } from "../../src/sandbox/scenarios/acme.js";
import {
  displayWidth,
  fitWidths,
  makeColors,
  RECORD_BELOW,
  table,
  terminalColumns,
  truncateColumns,
} from "../../src/report/style.js";
import { cli } from "../helpers.js";
import { sandboxEnv, useSandbox } from "../sandbox/harness.js";

const LONG_ZH = "部署前的快照：数据库迁移之前保存的完整状态，用于回滚";
const head = ["id", "时间", "note", "size"];
const rows = [
  ["fe5e416b24ea3c4d5e030459a1b2c3d4", "2026-12-04T04:33:09Z", LONG_ZH, 22],
  ["fe5dda6bf4ea3c4d5e04045e", "2026-12-03T01:00:00Z", "before the big refactor of the api", 1],
];

function widest(text: string): number {
  return Math.max(...text.split("\n").map(displayWidth));
}

describe("displayWidth", () => {
  it("counts a column a printable ASCII character, two a wide one, one a code point, none a colour code", () => {
    expect(displayWidth("")).toBe(0);
    expect(displayWidth("why:   ~!")).toBe(9);
    expect(displayWidth("\x1b[2mwhy:\x1b[22m")).toBe(4);
    expect(displayWidth("部署 ok")).toBe(7);
    expect(displayWidth("\x1b[1m部署\x1b[0m")).toBe(4);
    expect(displayWidth("ｆｕｌｌ")).toBe(8);
    expect(displayWidth("a\u{1f600}b")).toBe(3);
    expect(displayWidth("tab\there")).toBe(8);
  });
});

describe("table() with a width", () => {
  const unlimited = table(head, rows, makeColors(false));

  it("keeps every line within 40, 60, 80 and 200 columns, Chinese counted as two", () => {
    expect(widest(unlimited)).toBeGreaterThan(80);
    for (const columns of [40, 60, 80, 200]) {
      const out = table(head, rows, makeColors(false, columns));
      expect(widest(out), `${columns}:\n${out}`).toBeLessThanOrEqual(columns);
      if (widest(unlimited) > columns) expect(out).toContain("…");
      else expect(out).toBe(unlimited);
    }
  });

  it("shows one record per block when a column would be cut below RECORD_BELOW", () => {
    expect(RECORD_BELOW).toBe(12);
    // At 40 the note, the id and the time would go below 12: each row becomes its cells under their headings.
    const out = table(head, [...rows, ["fe5e0000", "", "", 3]], makeColors(false, 40));
    const blocks = out.split("\n\n");
    expect(blocks).toHaveLength(3);
    expect(blocks[0]!.split("\n")).toEqual([
      "  id    fe5e416b24ea3c4d5e030459a1b2c3d4",
      "  时间  2026-12-04T04:33:09Z",
      `  note  ${truncateColumns(LONG_ZH, 40 - 4 - 4)}`,
      "  size  22",
    ]);
    // Empty cells are left out.
    expect(blocks[2]!.split("\n")).toEqual(["  id    fe5e0000", "  size  3"]);
    // At 60 the widest columns give way and none goes below 12: still a table.
    const at60 = table(head, rows, makeColors(false, 60)).split("\n");
    expect(at60).toHaveLength(3);
    expect(at60[0]).toMatch(/^ {2}id +时间 +note +size$/);
    // A cut value in a record ends in "…", and every line fits.
    expect(blocks[0]).toContain("…");
    expect(widest(out)).toBeLessThanOrEqual(40);
  });

  it("shrinks the widest column first and leaves narrow ones whole", () => {
    const out = table(head, rows, makeColors(false, 80)).split("\n");
    // The size column (4 wide) and short cells are never cut.
    expect(out[0]).toMatch(/size$/);
    expect(out[2]).toMatch(/ 1$/);
    // The Chinese note (the widest) was cut; the id lost less than the note.
    expect(out[1]).toContain("…");
    expect(fitWidths([40, 10, 4], 30)).toEqual([16, 10, 4]);
    expect(fitWidths([40, 30, 4], 30)).toEqual([13, 13, 4]);
  });

  it("never cuts a column below RECORD_BELOW: when that cannot fit, the table is shown as records", () => {
    expect(fitWidths([40, 40, 40], 40)).toEqual([13, 13, 14]);
    expect(fitWidths([40, 40, 40], 35)).toBeUndefined();
    expect(fitWidths([3, 40], 15)).toEqual([3, RECORD_BELOW]);
    expect(fitWidths([3, 40], 14)).toBeUndefined();
  });

  it("cuts by display columns, keeps colours closed, never splits a wide character", () => {
    expect(truncateColumns("部署前的快照", 6)).toBe("部署…");
    expect(displayWidth(truncateColumns("部署前的快照", 6))).toBeLessThanOrEqual(6);
    expect(truncateColumns("abcdefgh", 5)).toBe("abcd…");
    expect(truncateColumns("abc", 5)).toBe("abc");
    const c = makeColors(true);
    const cut = truncateColumns(c.green("abcdefghij"), 6);
    expect(displayWidth(cut)).toBe(6);
    expect(cut.endsWith("\x1b[0m")).toBe(true);
  });

  it("takes its width from COLUMNS, else a terminal; no limit off a terminal", () => {
    expect(terminalColumns({ COLUMNS: "72" }, { isTTY: false })).toBe(72);
    expect(terminalColumns({ COLUMNS: "72" }, { isTTY: true, columns: 120 })).toBe(72);
    expect(terminalColumns({}, { isTTY: true, columns: 120 })).toBe(120);
    expect(terminalColumns({ COLUMNS: "wide" }, { isTTY: true, columns: 100 })).toBe(100);
    expect(terminalColumns({}, { isTTY: false, columns: 120 })).toBeUndefined();
  });
});

describe("history list fits the terminal", () => {
  const sandbox = useSandbox();
  const where = ["--app", "acme", "--stage", "production"];
  beforeAll(async () => {
    await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
    const env = sandboxEnv(sandbox);
    const made = await cli(["history", "snapshot", ...where, "--note", LONG_ZH], env);
    expect(made.code, made.stderr).toBe(0);
  }, 60_000);

  /** The tables' lines (they start with two spaces); the title and the footer are prose. */
  const tableLines = (out: string) => out.split("\n").filter((l) => l.startsWith("  "));

  it("at 60, 80 and 200 columns every table line fits, cut values end in …, --json keeps them whole", async () => {
    const env = sandboxEnv(sandbox);
    const full = await cli(["history", "list", ...where, "--lang", "zh"], env);
    expect(full.code, full.stderr).toBe(0);
    expect(full.stdout).toContain(LONG_ZH);
    const fullWidth = Math.max(...tableLines(full.stdout).map(displayWidth));
    expect(fullWidth).toBeGreaterThan(80);
    const json = await cli(["history", "list", ...where, "--json"], { ...env, COLUMNS: "60" });
    expect(json.stdout).toContain(LONG_ZH);
    const ids = (JSON.parse(json.stdout) as { versions: { id: string }[] }).versions.map((v) => v.id);
    expect(ids.length).toBeGreaterThan(1);
    for (const columns of [60, 80, 200]) {
      const r = await cli(["history", "list", ...where, "--lang", "zh"], {
        ...env,
        COLUMNS: String(columns),
      });
      expect(r.code, r.stderr).toBe(0);
      const lines = tableLines(r.stdout);
      for (const line of lines)
        expect(displayWidth(line), `${columns}: ${line}`).toBeLessThanOrEqual(columns);
      if (fullWidth > columns) {
        expect(r.stdout).toContain("…");
        expect(r.stdout).not.toContain(LONG_ZH);
      } else expect(r.stdout).toBe(full.stdout);
    }
    // At 60 the versions come one record each: every id whole, under its heading.
    const narrow = await cli(["history", "list", ...where], { ...env, COLUMNS: "60" });
    for (const id of ids) expect(narrow.stdout).toMatch(new RegExp(`^ {2}id +${id}$`, "m"));
  }, 60_000);
});
