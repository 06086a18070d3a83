/**
 * writeStateFile's guards after issue 17's speed-ups: a caller's integrity proof is honoured only for
 * the very deployment it names, the in-place check compares the bytes read with the target, and the
 * result's revision is the SHA-256 of what landed on disk.
 */
import { createHash } from "node:crypto";
import {
  linkSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeStateFile } from "../../src/backends/file.js";
import { parseState } from "../../src/backends/encoding.js";
import { withDeployment, type StateDocument } from "../../src/state/codec.js";
import { verifyIntegrity } from "../../src/state/index.js";
import { SstStateBuilder, toBytes } from "../fixtures/builder.js";
import { readFixture } from "../fixtures/files.js";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "stateward-file-write-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A value the edit below writes, and the document with it (the bytes written differ from those read). */
const EDITED = "stateward-file-write-test";
function edited(doc: StateDocument): StateDocument {
  const d = doc.deployment!;
  return withDeployment(doc, { ...d, manifest: { ...d.manifest, time: EDITED } });
}

function cleanBytes(): Uint8Array {
  const b = new SstStateBuilder({ seed: 3 });
  b.addFunction("Api");
  b.addDynamo("Orders");
  return toBytes(b.versioned());
}

describe("writeStateFile", () => {
  it("writes the serialized bytes and reports their SHA-256 as the revision", async () => {
    const dir = tempDir();
    const bytes = cleanBytes();
    const target = path.join(dir, "out.json");
    const result = await writeStateFile(parseState(bytes), { target, refuseExisting: true });
    const onDisk = readFileSync(target);
    expect(Buffer.compare(onDisk, Buffer.from(bytes))).toBe(0);
    expect(result.revision).toBe(createHash("sha256").update(onDisk).digest("hex"));
    expect(result.bytes).toBe(onDisk.length);
  });

  it("verifies a document whose proof names another deployment", async () => {
    const dir = tempDir();
    const broken = parseState(readFixture("broken-integrity.json"));
    const clean = parseState(cleanBytes());
    const proof = { deployment: clean.deployment, violations: verifyIntegrity(clean.deployment) };
    expect(proof.violations).toEqual([]);
    await expect(
      writeStateFile(broken, { target: path.join(dir, "out.json"), verified: proof }),
    ).rejects.toMatchObject({ code: "INTEGRITY" });
  });

  it("verifies a document whose proof lists violations", async () => {
    const dir = tempDir();
    const broken = parseState(readFixture("broken-integrity.json"));
    const proof = { deployment: broken.deployment, violations: verifyIntegrity(broken.deployment) };
    await expect(
      writeStateFile(broken, { target: path.join(dir, "out.json"), verified: proof }),
    ).rejects.toMatchObject({ code: "INTEGRITY" });
  });

  it("refuses to replace a target that no longer holds the bytes read, same size or not", async () => {
    const dir = tempDir();
    const read = cleanBytes();
    const target = path.join(dir, "state.json");
    const sameSize = Buffer.from(read);
    sameSize[sameSize.length - 2] = sameSize[sameSize.length - 2] === 0x20 ? 0x0a : 0x20;
    for (const other of [sameSize, Buffer.concat([Buffer.from(read), Buffer.from(" ")])]) {
      writeFileSync(target, other);
      await expect(
        writeStateFile(parseState(read), {
          target,
          expectBytes: read,
          backupPath: path.join(dir, "state.json.bak"),
          backupBytes: read,
        }),
      ).rejects.toMatchObject({ code: "CONFLICT" });
      expect(Buffer.compare(readFileSync(target), other)).toBe(0);
      // The new state's temp file, written while the target was checked, is gone; no backup was made.
      expect(readdirSync(dir)).toEqual(["state.json"]);
    }
  });

  it("leaves the target as it was, and no temp file, when the backup cannot be written", async () => {
    const dir = tempDir();
    const read = Buffer.from(readFixture("sst-production-indented.json"));
    const target = path.join(dir, "state.json");
    writeFileSync(target, read);
    const doc = parseState(read);
    const backupPath = path.join(dir, "missing-dir", "state.json.bak");
    await expect(
      writeStateFile(doc, { target, expectBytes: read, backupPath, backupBytes: read }),
    ).rejects.toMatchObject({ code: "FILE_NOT_FOUND" });
    expect(Buffer.compare(readFileSync(target), read)).toBe(0);
    expect(readdirSync(dir)).toEqual(["state.json"]);
  });

  it("replaces a target that holds the bytes read, keeping them as the backup", async () => {
    const dir = tempDir();
    const read = Buffer.from(readFixture("sst-production-indented.json"));
    const target = path.join(dir, "state.json");
    writeFileSync(target, read);
    const before = statSync(target).ino;
    const next = edited(parseState(read));
    const backupPath = path.join(dir, "state.json.bak");
    const result = await writeStateFile(next, { target, expectBytes: read, backupPath, backupBytes: read });
    expect(result.backup).toBe(backupPath);
    expect(Buffer.compare(readFileSync(backupPath), read)).toBe(0);
    expect(readFileSync(target, "utf8")).toContain(EDITED);
    // The backup is the file that was replaced (a second name for it, its bytes not written again); the
    // target is a new file.
    expect(statSync(backupPath).ino).toBe(before);
    expect(statSync(target).ino).not.toBe(before);
  });

  it("copies the bytes read to the backup when the target is a symlink or has another name", async () => {
    const dir = tempDir();
    const read = Buffer.from(readFixture("sst-production-indented.json"));
    const real = path.join(dir, "real.json");
    for (const make of [symlinkSync, linkSync]) {
      rmSync(real, { force: true });
      writeFileSync(real, read);
      const target = path.join(dir, `state-${make.name}.json`);
      make(real, target);
      const backupPath = `${target}.bak`;
      const result = await writeStateFile(edited(parseState(read)), {
        target,
        expectBytes: read,
        backupPath,
        backupBytes: read,
      });
      expect(result.backup).toBe(backupPath);
      // A file of its own holding the bytes read, not a second name of the symlink or of the other name.
      expect(lstatSync(backupPath).isFile(), make.name).toBe(true);
      expect(lstatSync(backupPath).nlink, make.name).toBe(1);
      expect(Buffer.compare(readFileSync(backupPath), read)).toBe(0);
      expect(readFileSync(target, "utf8")).toContain(EDITED);
    }
  });
});
