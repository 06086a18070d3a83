/** `stateward forget` on the local cloud: entries and pending operations, dependents, protection. */
import { beforeEach, describe, expect, it } from "vitest";
import { ACME, seedAcme } from "../../src/sandbox/scenarios/acme.js";
import { verifyIntegrity, sstKeys } from "../../src/state/index.js";
import { parseState } from "../../src/backends/encoding.js";
import { sandboxEnv, stateObject, useSandbox } from "../sandbox/harness.js";
import { cli } from "../helpers.js";

const sandbox = useSandbox();
const env = () => sandboxEnv(sandbox);
const ROLE = "urn:pulumi:staging::acme::sst:aws:Function$aws:iam/role:Role::ApiRole";
const FUNCTION = "urn:pulumi:staging::acme::sst:aws:Function$aws:lambda/function:Function::ApiFunction";
const PENDING = "urn:pulumi:dev::acme::sst:aws:Function$aws:cloudwatch/logGroup:LogGroup::WorkerLogGroup";

async function state(stage: string) {
  return parseState(await stateObject(sandbox, ACME.stateBucket, sstKeys.state("acme", stage)), stage)
    .deployment!;
}

beforeEach(async () => {
  sandbox.server().reset();
  await seedAcme({ url: sandbox.server().url }, sandbox.server().accountId);
}, 30_000);

describe("stateward forget", () => {
  it("refuses to orphan dependents, naming them; --with-dependents takes them too", async () => {
    await cli(["lock", "release", "--app", "acme", "--stage", "staging", "--yes"], env());
    const refused = await cli(
      ["forget", ROLE, "--app", "acme", "--stage", "staging", "--yes", "--json"],
      env(),
    );
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ error: { code: "HAS_DEPENDENTS" } });
    expect((JSON.parse(refused.stdout) as { error: { message: string } }).error.message).toContain(FUNCTION);
    expect((await state("staging")).resources!.some((r) => r.urn === ROLE)).toBe(true);

    const dry = await cli(
      ["forget", ROLE, "--with-dependents", "--app", "acme", "--stage", "staging", "--dry-run", "--json"],
      env(),
    );
    expect(dry.code).toBe(0);
    expect((JSON.parse(dry.stdout) as { removed: { urn: string; dependent: boolean }[] }).removed).toEqual(
      expect.arrayContaining([expect.objectContaining({ urn: FUNCTION, dependent: true })]),
    );
    expect((await state("staging")).resources!.some((r) => r.urn === ROLE)).toBe(true);

    const done = await cli(
      ["forget", ROLE, "--with-dependents", "--app", "acme", "--stage", "staging", "--yes"],
      env(),
    );
    expect(done.code).toBe(0);
    const after = await state("staging");
    expect(after.resources!.some((r) => r.urn === ROLE || r.urn === FUNCTION)).toBe(false);
    expect(verifyIntegrity(after)).toEqual([]);
  });

  it("--pending clears a pending create; an unknown URN is refused", async () => {
    const unknown = await cli(
      ["forget", "urn:pulumi:dev::acme::x::Nope", "--pending", "--app", "acme", "--stage", "dev", "--yes"],
      env(),
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No pending operation/);
    const r = await cli(
      ["forget", PENDING, "--pending", "--app", "acme", "--stage", "dev", "--yes", "--json"],
      env(),
    );
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { clearedPending: { operation: string }[] }).clearedPending).toEqual([
      expect.objectContaining({ urn: PENDING, operation: "creating" }),
    ]);
    expect((await state("dev")).pending_operations ?? []).toEqual([]);
  });

  it("writes nothing while the stage is locked, and needs --yes off a terminal", async () => {
    const locked = await cli(
      ["forget", ROLE, "--with-dependents", "--app", "acme", "--stage", "staging", "--yes", "--json"],
      env(),
    );
    expect(locked.code).toBe(1);
    expect(JSON.parse(locked.stdout)).toMatchObject({ error: { code: "LOCKED" } });
    const noYes = await cli(["forget", PENDING, "--pending", "--app", "acme", "--stage", "dev"], env());
    expect(noYes.code).toBe(2);
  });
});
