// A PostgreSQL pool's error events are reported, never thrown: they arrive in the pool's listener, outside any
// request, where a throw is an uncaught exception that ends the process. Seen in CI when a pool outlived its test
// file and its connection was ended while the next file's environment did not validate (no logger could be made).
import pg from 'pg';
import { afterEach, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.restoreAllMocks();
  Reflect.deleteProperty(globalThis, '__paknLogger');
});

it('reports an idle client dying even when the logger cannot be made, and does not throw', async () => {
  Reflect.deleteProperty(globalThis, '__paknLogger');
  process.env.BASE_URL = 'not a url'; // fresh-file.ts puts the environment back after this file
  const { guardPool } = await import('~/utils/database-faults.server');
  const pool = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none' });
  guardPool(pool);
  const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
  const died = Object.assign(new Error('terminating connection due to administrator command'), {
    code: '57P01',
  });
  expect(() => pool.emit('error', died)).not.toThrow();
  expect(printed).toHaveBeenCalledTimes(1);
  expect(String(printed.mock.calls[0]?.[0])).toContain('database unavailable');
  await pool.end();
});
