import { createHash } from "node:crypto";
import type { ManifestV1 } from "./types.js";

/** Pulumi's manifest magic: the hex SHA-256 of the manifest's version text ("" when there is none). */
export function computeMagic(version: string | undefined): string {
  if (version === undefined || version === "") return "";
  return createHash("sha256").update(version).digest("hex");
}

/** The manifest with its magic recomputed (the same object when it was already right). */
export function withRecomputedMagic(manifest: ManifestV1): ManifestV1 {
  const magic = computeMagic(manifest.version);
  return manifest.magic === magic ? manifest : { ...manifest, magic };
}
