/**
 * A clock tests move by hand. `sleep(ms)` advances it instead of waiting, so the outbox's rate
 * limits, backoff and `Retry-After` run in simulated time: a test asserts the instants things
 * happened at, never how long they took.
 */
export interface ManualClock {
  now(): Date;
  /** Moves the clock forward (never back). */
  advance(ms: number): void;
  /** Sets the clock (forward or back). */
  set(at: Date | string): void;
  /** Advances the clock by `ms` and resolves on the next turn of the event loop. */
  sleep(ms: number): Promise<void>;
  /** Every sleep asked for, in order. */
  readonly sleeps: number[];
}

/** A manual clock starting at `start`. */
export function createManualClock(start: Date | string): ManualClock {
  let at = new Date(start).getTime();
  const sleeps: number[] = [];
  return {
    now: () => new Date(at),
    advance(ms) {
      at += Math.max(0, ms);
    },
    set(when) {
      at = new Date(when).getTime();
    },
    sleep(ms) {
      sleeps.push(ms);
      at += Math.max(0, ms);
      return new Promise((resolve) => setImmediate(resolve));
    },
    sleeps,
  };
}
