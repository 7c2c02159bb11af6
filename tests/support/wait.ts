/**
 * Waits for a condition, not for a time (issue 26): `check` is asked again every `every` ms until it holds,
 * and only after `within` ms (a bound for a machine under load, not a measure) does the wait fail, naming
 * `what` was awaited.
 */
export async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  { within = 30_000, every = 50 }: { within?: number; every?: number } = {},
): Promise<void> {
  const end = performance.now() + within;
  for (;;) {
    if (await check()) return;
    if (performance.now() > end) throw new Error(`waited ${within} ms for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}
