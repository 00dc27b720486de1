// Which errors mean "the database cannot be reached right now" (answer 503 and let the client retry) rather
// than "this request is wrong" (a bug: 500). One list for both backends, read by the request wrapper
// (database-faults.server.ts) and the pool's error handler. drizzle wraps a driver's error in its own
// (`DrizzleQueryError`, the driver's error as `cause`), and Node's connect gives an AggregateError when every
// address of a host refused: the whole chain is walked.

/** Socket-level failures: nobody listening, the connection cut, the host unreachable. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs of a server going away or not accepting work yet: class 08 (connection exception) and
 * 57P01 admin_shutdown (a fast stop or restart), 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up,
 * shutting down, in recovery), 53300 too_many_connections.
 */
const TRANSIENT_SQL_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/**
 * SQLite's only transient failure is another process holding the database: a lock held past busy_timeout (a
 * backup, a CLI), and the extended codes better-sqlite3 reports for the same (SQLITE_BUSY_SNAPSHOT: a read
 * transaction's write after another process committed; SQLITE_BUSY_RECOVERY, SQLITE_BUSY_TIMEOUT).
 */
const SQLITE_BUSY = /^SQLITE_BUSY(_[A-Z]+)?$/;

/** node-postgres says these in words, with no code: a dropped connection, a pool that waited too long. */
const TRANSIENT_MESSAGES = [
  /^Connection terminated/, // "Connection terminated unexpectedly", "… due to connection timeout"
  /^timeout exceeded when trying to connect$/, // pg-pool: connectionTimeoutMillis passed
  /Client has encountered a connection error and is not queryable/,
  /^Connection ended unexpectedly$/,
];

function codeOf(error: object): string | undefined {
  const code = Reflect.get(error, 'code');
  return typeof code === 'string' ? code : undefined;
}

function isTransientOne(error: object): boolean {
  const code = codeOf(error);
  if (code !== undefined) {
    if (NETWORK_CODES.has(code) || TRANSIENT_SQL_CODES.has(code) || SQLITE_BUSY.test(code)) return true;
    if (/^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  const message = Reflect.get(error, 'message');
  return typeof message === 'string' && TRANSIENT_MESSAGES.some((re) => re.test(message));
}

/** True when `error`, or anything it wraps, says the database is unreachable or not accepting work yet. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<object>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const e = queue.shift();
    if (typeof e !== 'object' || e === null || seen.has(e)) continue;
    seen.add(e);
    if (isTransientOne(e)) return true;
    queue.push(Reflect.get(e, 'cause'));
    const inner = Reflect.get(e, 'errors');
    if (Array.isArray(inner)) queue.push(...inner);
  }
  return false;
}

/** What a 503 caused by the database carries: the error boundary shows the translated page for it. */
export const DATABASE_UNAVAILABLE = 'database_unavailable';
/** Seconds a client is told to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;
