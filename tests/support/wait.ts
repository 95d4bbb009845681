// Waiting without sleeping: poll a condition until it holds or a deadline passes.

/**
 * Calls `check` until it returns a value other than undefined/false, or throws after
 * `timeoutMs` naming `what` and the last value seen.
 */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  { timeoutMs = 10_000, intervalMs = 5 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    last = value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(last)})`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Waits until the wall clock has passed `time` by at least `marginMs`, so that the next
 * timestamp taken (rounded to milliseconds by the database) is strictly later than `time`.
 */
export async function clockPast(time: Date | number, marginMs = 2): Promise<void> {
  const target = (typeof time === "number" ? time : time.getTime()) + marginMs;
  await waitFor(`the clock to pass ${new Date(target).toISOString()}`, () => Date.now() >= target, {
    timeoutMs: 5_000,
    intervalMs: 1,
  });
}
