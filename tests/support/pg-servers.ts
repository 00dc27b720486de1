// App processes on a throwaway PostgreSQL cluster with a real SMTP server, for the tests of #12 that need real
// server processes (the outage, several processes): DATA_DIR is shared storage on disk, since PostgreSQL mode
// refuses tmpfs, where the tests' folder is. The processes start together (they migrate one empty database).
import fs from 'node:fs';
import path from 'node:path';

import { type PgCluster, startPgCluster } from './pg-cluster';
import { newTmpDir, ROOT, type ServerProcess, startServer } from './server-process';
import { startSmtpServer, type TestSmtpServer } from './smtp';

export type PgServers = {
  cluster: PgCluster;
  smtp: TestSmtpServer;
  servers: ServerProcess[];
  /** the shared DATA_DIR */
  shared: string;
  stop(): Promise<void>;
};

export async function startPgServers(
  name: string,
  { count = 1, env = {} }: { count?: number; env?: Record<string, string> } = {},
): Promise<PgServers> {
  const cluster = await startPgCluster(`pakn_${name}`);
  const smtp = await startSmtpServer();
  const shared = path.join(ROOT, 'tests/.tmp', path.basename(newTmpDir(`pg-${name}`)));
  fs.mkdirSync(shared, { recursive: true });
  const servers: ServerProcess[] = [];
  const stop = async () => {
    for (const s of servers) await s.cleanup();
    await smtp.stop();
    await cluster.stop();
    fs.rmSync(shared, { recursive: true, force: true });
  };
  try {
    const all = {
      DATABASE_URL: cluster.url,
      DATA_DIR: shared,
      TRUST_PROXY: '1',
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      MAIL_POLL_SECONDS: '1',
      MAIL_RETRY_BASE_MS: '1000',
      ...env,
    };
    const started = await Promise.allSettled(
      Array.from({ length: count }, (_, i) =>
        startServer({ dir: path.join(shared, `proc${i}`), healthTimeoutMs: 90_000, env: all }),
      ),
    );
    for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (error) {
    await stop();
    throw error;
  }
  return { cluster, smtp, servers, shared, stop };
}
