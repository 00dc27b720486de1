// An injectable clock for tests: the app's modules that read ~/utils/clock.server (the rate limits)
// see this time instead of the system's, in the test's own modules and in the production build alike.
// Move it forward with advance() instead of waiting; restore() in afterEach/afterAll.
import { setClock } from '~/utils/clock.server';

export type TestClock = {
  now(): number;
  set(at: number | Date): void;
  advance(ms: number): void;
  restore(): void;
};

export function useTestClock(start: number | Date = Date.now()): TestClock {
  let current = typeof start === 'number' ? start : start.getTime();
  setClock(() => current);
  return {
    now: () => current,
    set(at) {
      current = typeof at === 'number' ? at : at.getTime();
    },
    advance(ms) {
      current += ms;
    },
    restore() {
      setClock(undefined);
    },
  };
}
