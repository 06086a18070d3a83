/** The pause points of the reliability tests (a no-op outside them). */

/**
 * For the reliability tests only, inert unless STATEWARD_TEST_PAUSE_AT names `point` (a write step,
 * `done`, or a `release:*` step of `lock release`): says so on stderr and sleeps there
 * (STATEWARD_TEST_PAUSE_MS, default 60 s, cut short by the abort signal), so that a test can kill the
 * process at exactly that point.
 */
export async function testPause(point: string, signal?: AbortSignal): Promise<void> {
  const at = process.env.STATEWARD_TEST_PAUSE_AT;
  if (at === undefined || at === "" || !at.split(",").includes(point)) return;
  process.stderr.write(`stateward-test: paused at ${point}\n`);
  if (signal?.aborted === true) return;
  const ms = Number(process.env.STATEWARD_TEST_PAUSE_MS ?? "60000");
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, Number.isFinite(ms) ? ms : 60_000);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
