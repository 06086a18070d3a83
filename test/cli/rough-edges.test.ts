/**
 * Rough edges a new user hit on a first pass through the CLI (issue 18): each test names the command
 * that showed it.
 */
import { describe, expect, it } from "vitest";
import { tIn } from "../../src/i18n/index.js";
import { KINDS } from "../../src/kinds/registry.js";

describe("scan progress on a terminal", () => {
  // `stateward scan` on a TTY printed "listing tagged SES identitys", "KMS aliass", "ECR repositorys".
  it("names each kind without making up an English plural", () => {
    for (const kind of KINDS) {
      const lines = [
        tIn("en", "cloud.discovery.listing-tagged", { found: 0, label: kind.label, region: "us-east-1" }),
        tIn("en", "cloud.discovery.call-tagged", { label: kind.label, region: "us-east-1" }),
        tIn("en", "cloud.discovery.listing-by-name", { found: 0, label: kind.label, region: "us-east-1" }),
      ];
      for (const line of lines) expect(line).toContain(`${kind.label} resources`);
    }
  });
});
