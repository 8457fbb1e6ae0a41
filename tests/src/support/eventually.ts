/**
 * Polls until `probe` returns a value, or fails with what it last saw: for work the system does asynchronously by
 * design (e.g. the outcome relay delivering to care-pathway). Nothing is asserted about how long it takes.
 */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Gave up waiting for ${what}. Last error: ${String(last)}`);
}
