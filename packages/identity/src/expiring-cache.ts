/**
 * A size-bounded map whose entries lapse at their own expiry time. When full it evicts the oldest
 * insertion: every entry here lives the same short time, so oldest is also soonest to expire.
 */
export class ExpiringCache<V> {
  readonly #entries = new Map<string, { readonly value: V; readonly expiresAtMs: number }>();
  readonly #capacity: number;
  readonly #now: () => number;

  // Reads Date.now at each call rather than capturing it, so a faked clock in tests is honoured.
  constructor(capacity: number, now: () => number = () => Date.now()) {
    this.#capacity = capacity;
    this.#now = now;
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (this.#now() >= entry.expiresAtMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V, expiresAtMs: number): void {
    if (this.#capacity <= 0 || expiresAtMs <= this.#now()) return;
    this.#entries.delete(key);
    if (this.#entries.size >= this.#capacity) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, { value, expiresAtMs });
  }
}
