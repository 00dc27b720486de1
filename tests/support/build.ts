// vitest globalSetup: route tests run the real production build, so make sure it is fresh.
import { execFileSync } from 'node:child_process';

export default function setup() {
  if (process.env.SKIP_BUILD === '1') return;
  execFileSync('npx', ['remix', 'build'], {
    stdio: 'ignore',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
