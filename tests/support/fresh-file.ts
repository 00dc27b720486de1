// Before each integration file, when several share one process (isolate: false): the app's source modules
// and the test helpers load anew, the app's per-process state on globalThis (database handle, logger, test
// clock, workers, PDF cache) starts empty, and the environment is put back as it was when the file started.
import { afterAll, vi } from 'vitest';

vi.resetModules();
for (const key of Object.keys(globalThis)) {
  if (key.startsWith('__pakn')) Reflect.deleteProperty(globalThis, key);
}
const env = { ...process.env };
afterAll(() => {
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  Object.assign(process.env, env);
});
