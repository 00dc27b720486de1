// A real HTTP receiver for webhook tests: a node:http server on loopback that records every POST and answers
// what the test sets (200, 500, a delay, or a connection cut before any answer).
import http from 'node:http';

export type Received = { headers: http.IncomingHttpHeaders; body: string; path: string; answered: number };

export type Receiver = {
  url: (path?: string) => string;
  received: Received[];
  /** what the next requests get: an HTTP status, or 'cut' to drop the connection without answering */
  answer: number | 'cut';
  delayMs: number;
  close(): Promise<void>;
};

export async function startReceiver(): Promise<Receiver> {
  const state: Receiver = {
    url: () => '',
    received: [],
    answer: 200,
    delayMs: 0,
    close: async () => {},
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = state.answer;
      state.received.push({
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        path: req.url ?? '',
        answered: answer === 'cut' ? 0 : answer,
      });
      setTimeout(() => {
        if (answer === 'cut') {
          req.socket.destroy();
          return;
        }
        res.writeHead(answer, { 'Content-Type': 'text/plain' });
        res.end(answer < 300 ? 'ok' : 'error');
      }, state.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  state.url = (path = '/hook') => `http://127.0.0.1:${port}${path}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
