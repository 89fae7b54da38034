// Time and timers behind one small interface, so tests can run backoff, heartbeats and the 24 h
// rotation on a manual clock instead of waiting.

/** A timer handle as returned by `Scheduler.setTimeout`. */
export type TimerHandle = unknown;

/** The clock and timers a client uses. The default uses `Date.now` and the global timers. */
export interface Scheduler {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const realScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout(callback, ms) {
    const timer = setTimeout(callback, ms);
    // In Node, timers must not keep a process alive that has nothing else to do.
    (timer as { unref?: () => void }).unref?.();
    return timer;
  },
  clearTimeout(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

/** A manual scheduler for tests: time moves only when `advance` is called. */
export interface ManualScheduler extends Scheduler {
  /** Moves the clock by `ms`, running every timer that falls due, in order. */
  advance(ms: number): void;
  /** Timers waiting to run. */
  pending(): number;
}

export function createManualScheduler(start = 0): ManualScheduler {
  let now = start;
  let seq = 0;
  const timers = new Map<number, { at: number; seq: number; callback: () => void }>();
  return {
    now: () => now,
    setTimeout(callback, ms) {
      const id = ++seq;
      timers.set(id, { at: now + Math.max(0, ms), seq: id, callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        let next: [number, { at: number; seq: number; callback: () => void }] | undefined;
        for (const entry of timers) {
          if (entry[1].at > end) continue;
          if (!next || entry[1].at < next[1].at || (entry[1].at === next[1].at && entry[1].seq < next[1].seq))
            next = entry;
        }
        if (!next) break;
        timers.delete(next[0]);
        now = Math.max(now, next[1].at);
        next[1].callback();
      }
      now = end;
    },
    pending: () => timers.size,
  };
}
