#!/usr/bin/env node
// `npm test`: every check, in the order that fails fastest. Prints one summary line at the end.
import { spawnSync } from 'node:child_process';

const steps = [
  ['types', 'npx', ['tsc', '--noEmit']],
  ['format', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']],
  ['lint', 'npx', ['eslint', '.']],
  // npm audit of production dependencies at high severity; where the registry refuses the audit endpoint
  // (this workplace's mirror does), the script says NOT CHECKED instead of pretending it passed
  ['audit', 'node', ['scripts/audit-check.mjs']],
  ['build', 'npx', ['remix', 'build']],
  ['unit and integration', 'npx', ['vitest', 'run']],
  // the integration suite again on PostgreSQL: a throwaway cluster (tests/support/pg-cluster.ts), a template
  // database copied per file; tests/pg-run.ts lists the files left out and why
  ['integration on PostgreSQL', 'npx', ['vitest', 'run', '--project', 'integration'], { TEST_DB: 'pg' }],
  ['browser', 'npx', ['playwright', 'test']],
  // the browser suite again on PostgreSQL, every test
  ['browser on PostgreSQL', 'npx', ['playwright', 'test'], { E2E_DB: 'pg' }],
];

const env = {
  AUDIT_OFFLINE_OK: '1',
  ...process.env,
  SKIP_BUILD: '1',
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
};
let passed = 0;
let failed = 0;
for (const [name, cmd, args, stepEnv = {}] of steps) {
  const started = Date.now();
  console.log(`\n━━ ${name}: ${cmd} ${args.join(' ')}`);
  const { status } = spawnSync(cmd, args, {
    stdio: 'inherit',
    env: name === 'build' ? { ...env, NODE_ENV: 'production' } : { ...env, ...stepEnv },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (status === 0) {
    passed += 1;
    console.log(`━━ ${name}: ok (${seconds} s)`);
  } else {
    failed += 1;
    console.log(`━━ ${name}: FAILED (${seconds} s)`);
    if (process.env.KEEP_GOING !== '1') break;
  }
}
console.log(`\nsteps: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
