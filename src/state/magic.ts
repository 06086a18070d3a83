// A pure SHA-256 (no node:crypto): state/ stays free of Node modules, so it runs anywhere and the
// purity lint can hold it to that.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import type { ManifestV1 } from "./types.js";

/** Pulumi's manifest magic: the hex SHA-256 of the manifest's version text ("" when there is none). */
export function computeMagic(version: string | undefined): string {
  if (version === undefined || version === "") return "";
  return bytesToHex(sha256(utf8ToBytes(version)));
}

/** The manifest with its magic recomputed (the same object when it was already right). */
export function withRecomputedMagic(manifest: ManifestV1): ManifestV1 {
  const magic = computeMagic(manifest.version);
  return manifest.magic === magic ? manifest : { ...manifest, magic };
}
