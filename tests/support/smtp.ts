// A real SMTP server for tests: accepts everything (no auth, no TLS) on 127.0.0.1 and keeps each
// message parsed by mailparser.
import type { AddressInfo } from 'node:net';

import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type TestSmtpServer = {
  port: number;
  url: string;
  messages: ParsedMail[];
  /** called with the session id of each new connection, when set */
  onConnect?: (sessionId: string) => void;
  /** resolves once at least n messages have arrived (all of them), rejects after timeoutMs */
  waitFor(n: number, timeoutMs?: number): Promise<ParsedMail[]>;
  stop(): Promise<void>;
};

export async function startSmtpServer(opts: { port?: number } = {}): Promise<TestSmtpServer> {
  const messages: ParsedMail[] = [];
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of [...waiters]) w();
  };

  const hooks: Pick<TestSmtpServer, 'onConnect'> = {};
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // stop() answers the connections still open (the portal keeps its SMTP connections, ADR 0026) with 421 after
    // 100 ms and closes them, as a mail server going down does; smtp-server's default waits 30 s for them
    closeTimeout: 100,
    logger: false,
    onConnect(session, callback) {
      hooks.onConnect?.(session.id);
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          callback();
          notify();
        })
        .catch((err: Error) => callback(err));
    },
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
  server.on('error', () => {}); // connection-level errors of clients that go away mid-session
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor(n, timeoutMs = 5000) {
      return new Promise<ParsedMail[]>((resolve, reject) => {
        const check = () => {
          if (messages.length < n) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve([...messages]);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`SMTP test server: ${messages.length} of ${n} messages after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    get onConnect() {
      return hooks.onConnect;
    },
    set onConnect(fn) {
      hooks.onConnect = fn;
    },
    stop() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
