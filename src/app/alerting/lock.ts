/**
 * Serialises the read-modify-write of alerts and incidents inside one process, so two signals for
 * the same alert never interleave. Cross-process safety comes from the store's `update`.
 */
export class SerialLock {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
