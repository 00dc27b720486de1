// The server's clock. Production reads the system clock; a test replaces it (tests/support/clock.ts)
// to move time forward instead of waiting. Kept on globalThis so the production build and the source
// modules a test imports share one clock in the same process.

declare global {
  var __paknClock: (() => number) | undefined;
}
const globalForClock = globalThis;

/** Milliseconds since the epoch, as Date.now(). */
export function nowMs(): number {
  return globalForClock.__paknClock?.() ?? Date.now();
}

export function now(): Date {
  return new Date(nowMs());
}

/** Replaces the clock (`undefined` restores the system clock). For tests. */
export function setClock(clock: (() => number) | undefined): void {
  globalForClock.__paknClock = clock;
}
