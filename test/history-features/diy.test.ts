/**
 * `history snapshot`, `history backup` and `history export --git` on a Pulumi DIY backend in a
 * directory (file://), through the CLI in-process.
 */
import { execFileSync } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contentSha256 } from "../../src/backends/encoding.js";
import { SstStateBuilder, toBytes } from "../fixtures/builder.js";
import { cli, tempDir } from "../helpers.js";

/** A DIY backend with two history checkpoints and a current stack file; returns its dir. */
async function diyBackend(): Promise<{ dir: string; args: string[]; stack: string }> {
  const dir = tempDir();
  const root = path.join(dir, ".pulumi");
  await fs.mkdir(path.join(root, "stacks", "proj"), { recursive: true });
  await fs.mkdir(path.join(root, "history", "proj", "dev"), { recursive: true });
  await fs.writeFile(path.join(root, "meta.yaml"), "version: 1\n");
  const b = new SstStateBuilder({ app: "proj", stage: "dev" });
  b.addFunction("Api");
  await fs.writeFile(
    path.join(root, "history", "proj", "dev", "dev-1700000000000000000.checkpoint.json"),
    toBytes(b.versioned()),
  );
  b.addDynamo("Orders");
  await fs.writeFile(
    path.join(root, "history", "proj", "dev", "dev-1700000100000000000.checkpoint.json"),
    toBytes(b.versioned()),
  );
  const stack = path.join(root, "stacks", "proj", "dev.json");
  await fs.writeFile(stack, toBytes(b.versioned()));
  return { dir, stack, args: ["--backend", `file://${dir}`, "--app", "proj", "--stage", "dev"] };
}

/** Every file under `dir` with its bytes and time: what "writes nothing" compares. */
async function tree(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await fs.readdir(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else
        out.push(
          `${path.relative(dir, full)} ${(await fs.stat(full)).mtimeMs} ${(await fs.readFile(full)).toString("base64")}`,
        );
    }
  };
  await walk(dir);
  return out.sort();
}

describe("history snapshot, backup and export on a Pulumi DIY backend", () => {
  it("snapshot → list shows it → the stack changes → restore it → the state equals the snapshot", async () => {
    const { dir, args, stack } = await diyBackend();
    const pulumiFiles = (await tree(dir)).filter((f) => !f.startsWith(".pulumi/stateward/"));
    const before = await fs.readFile(stack);
    const taken = await cli(["history", "snapshot", ...args, "--note", "pre-upgrade", "--json"], {});
    expect(taken.stderr).toBe("");
    expect(taken.code).toBe(0);
    const snap = JSON.parse(taken.stdout) as { id: string; ref: string; names: string[]; location: string };
    expect(snap.names).toEqual([snap.ref, "snapshot:pre-upgrade"]);
    expect(snap.location).toBe(
      path.join(dir, ".pulumi", "stateward", "proj", "dev", "snapshot", `${snap.id}.json`),
    );
    // Pulumi's own files untouched.
    expect((await tree(dir)).filter((f) => !f.startsWith(".pulumi/stateward/"))).toEqual(pulumiFiles);

    const list = await cli(["history", "list", ...args], {});
    expect(list.code).toBe(0);
    // The snapshot names the version it holds by the id `history list` gives it (not by its own copy).
    const listed = JSON.parse((await cli(["history", "list", ...args, "--json"], {})).stdout) as {
      versions: { id: string; current: boolean }[];
    };
    expect((JSON.parse(taken.stdout) as { version?: string }).version).toBe(
      listed.versions.find((v) => v.current)!.id,
    );
    // The Snapshots table: its name, the version it holds, and its note on one line.
    expect(list.stdout).toContain("Snapshots");
    const table = list.stdout.slice(list.stdout.indexOf("Snapshots"));
    const line = table.split("\n").find((l) => l.includes(snap.ref));
    expect(line).toMatch(/ current .*pre-upgrade/);
    expect(list.stdout).toContain("current+stateward snapshot");

    // The stack moves on (as `pulumi up` would write it).
    const b = new SstStateBuilder({ app: "proj", stage: "dev" });
    b.addFunction("Other");
    await fs.writeFile(stack, toBytes(b.versioned()));
    const restored = await cli(
      ["history", "restore", "snapshot:pre-upgrade", ...args, "--yes", "--json"],
      {},
    );
    expect(restored.stderr).toBe("");
    expect(restored.code).toBe(0);
    expect(contentSha256(await fs.readFile(stack))).toBe(contentSha256(before));

    // The same note on a snapshot of another version: `snapshot:pre-upgrade` now names two versions, so
    // the new snapshot is named by its ref alone — and still by the version history list calls current.
    await fs.writeFile(stack, toBytes(b.versioned()));
    const again = await cli(["history", "snapshot", ...args, "--note", "pre-upgrade", "--json"], {});
    expect(again.code, again.stderr).toBe(0);
    const second = JSON.parse(again.stdout) as { ref: string; names: string[]; version?: string };
    expect(second.names).toEqual([second.ref]);
    const now = JSON.parse((await cli(["history", "list", ...args, "--json"], {})).stdout) as {
      versions: { id: string; current: boolean }[];
    };
    expect(second.version).toBe(now.versions.find((v) => v.current)!.id);
  }, 30_000);

  it("backs up to a directory (second run copies 0; dry run writes nothing) and exports to git", async () => {
    const { dir, args } = await diyBackend();
    await cli(["history", "snapshot", ...args], {});
    const to = path.join(tempDir(), "b");
    await fs.mkdir(to);
    const source = await tree(dir);
    const dry = await cli(["history", "backup", ...args, "--to", to, "--dry-run", "--json"], {});
    expect(dry.code).toBe(0);
    expect(await fs.readdir(to)).toEqual([]);
    const first = JSON.parse(
      (await cli(["history", "backup", ...args, "--to", to, "--json"], {})).stdout,
    ) as {
      totals: { objects: number; copied: number };
    };
    // The stack file (by content), 2 history checkpoints, the snapshot and its sidecar.
    expect(first.totals.copied).toBe(5);
    expect(first.totals.objects).toBe(5);
    const second = await cli(["history", "backup", ...args, "--to", to], {});
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("Copied 0, skipped 5 (already copied), verified 0.");
    expect(await tree(dir)).toEqual(source);

    const repo = path.join(tempDir(), "git");
    const dryExport = await cli(["history", "export", ...args, "--git", repo, "--dry-run"], {});
    expect(dryExport.code).toBe(0);
    expect(dryExport.stdout).toContain("Dry run: would commit 3 versions");
    await expect(fs.stat(repo)).rejects.toThrow();
    const exported = await cli(["history", "export", ...args, "--git", repo], {});
    expect(exported.stderr).toBe("");
    expect(exported.code).toBe(0);
    expect(execFileSync("git", ["rev-list", "--count", "HEAD"], { cwd: repo, encoding: "utf8" }).trim()).toBe(
      "3",
    );
    const log = execFileSync("git", ["log", "-p", "--reverse"], { cwd: repo, encoding: "utf8" });
    expect(log).toContain("Stateward-Content-Sha256: ");
    expect(log).toContain("OrdersTable");
  }, 30_000);
});
