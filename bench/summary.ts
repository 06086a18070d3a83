/**
 * The last step of `npm run bench`: every target's verdict, one line each, from the benches that ran
 * before it (`.bench-build/verdicts.jsonl`), and how many were met.
 */
import { existsSync, readFileSync } from "node:fs";
import { VERDICTS_FILE, verdictLine, type Verdict } from "./verdict.js";

const lines = existsSync(VERDICTS_FILE)
  ? readFileSync(VERDICTS_FILE, "utf8").split("\n").filter(Boolean)
  : [];
const verdicts = lines.map((l) => JSON.parse(l) as Verdict);
console.log("");
console.log(`Summary: ${verdicts.filter((v) => v.ok).length} of ${verdicts.length} targets met`);
for (const v of verdicts) console.log(`  ${verdictLine(v)}`);
