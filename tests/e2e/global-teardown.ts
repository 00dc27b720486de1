// Playwright global teardown: stop the portal (SIGTERM, graceful) and the SMTP server, then remove the
// run's folder unless E2E_KEEP=1 (keeps the database, server log and received mail for debugging).
import fs from 'node:fs';

import { type E2EState, STATE_FILE, stopAll } from './global-setup';

export default async function globalTeardown() {
  await stopAll();
  if (!fs.existsSync(STATE_FILE)) return;
  const state = JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) as E2EState;
  if (process.env.E2E_KEEP === '1') {
    console.log(`e2e: kept ${state.runDir}`);
    return;
  }
  fs.rmSync(state.runDir, { recursive: true, force: true });
  fs.rmSync(STATE_FILE, { force: true });
}
