/**
 * Runs mutating actions one at a time, in the order they were asked for. An effect the machine
 * has cancelled (an abort during a scale-up) still finishes its adapter calls before the
 * rollback's calls start, so the two never interleave on the router or the fleet.
 */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
