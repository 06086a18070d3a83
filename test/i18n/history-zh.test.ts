/** The history commands in Chinese, end to end: human lines change language, JSON keys and codes do not. */
import { promises as fs } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SstStateBuilder, toBytes } from "../fixtures/builder.js";
import { cli, tempDir } from "../helpers.js";

async function diy(): Promise<string[]> {
  const dir = tempDir();
  const root = path.join(dir, ".pulumi");
  await fs.mkdir(path.join(root, "stacks", "proj"), { recursive: true });
  await fs.writeFile(path.join(root, "meta.yaml"), "version: 1\n");
  const b = new SstStateBuilder({ app: "proj", stage: "dev" });
  b.addFunction("Api");
  await fs.writeFile(path.join(root, "stacks", "proj", "dev.json"), toBytes(b.versioned()));
  return ["--backend", `file://${dir}`, "--app", "proj", "--stage", "dev"];
}

describe("history in Chinese", () => {
  it("snapshot, list, backup and errors speak Chinese with --lang zh; JSON keys stay", async () => {
    const args = await diy();
    const taken = await cli(["history", "snapshot", ...args, "--note", "升级前", "--lang", "zh"], {});
    expect(taken.code).toBe(0);
    expect(taken.stdout).toContain("已保存快照");
    expect(taken.stdout).toContain("备注        升级前");

    const json = await cli(["history", "snapshot", ...args, "--lang", "zh", "--json"], {});
    const snap = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(Object.keys(snap)).toEqual(expect.arrayContaining(["id", "ref", "location", "contentHash"]));

    const list = await cli(["history", "list", ...args], { LANG: "zh_CN.UTF-8" });
    expect(list.code).toBe(0);
    expect(list.stdout).toContain("快照");
    expect(list.stdout).toContain("升级前");
    expect(list.stdout).toContain("* 表示当前状态");

    const to = path.join(tempDir(), "b");
    const backup = await cli(["history", "backup", ...args, "--to", to, "--lang", "zh"], {});
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/复制 \d+ 个，跳过 0 个/);

    const bad = await cli(["history", "backup", ...args, "--to", "gs://x", "--lang", "zh", "--json"], {});
    expect(bad.code).toBe(2);
    const err = JSON.parse(bad.stdout) as { error: { code: string; message: string } };
    expect(err.error.code).toBe("USAGE");
    expect(err.error.message).toContain("既不是目录，也不是 s3://bucket/prefix");
  }, 30_000);
});
