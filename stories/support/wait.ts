/**
 * Waits (each frame) until `check()` is truthy, for a story's play function:
 * Storybook finishes rendering a story only when its play function returns, and
 * the stories e2e checks (axe, parts) a story only then. Throws after `ms`, so
 * a story that never reaches its state fails loudly instead of being checked half-way.
 */
export async function waitFor<T>(check: () => T, what: string, ms = 10_000): Promise<NonNullable<T>> {
  const end = performance.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value as NonNullable<T>;
    if (performance.now() > end) throw new Error(`story: timed out waiting for ${what}`);
    await new Promise((r) => requestAnimationFrame(r));
  }
}
