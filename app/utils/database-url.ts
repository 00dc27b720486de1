// Which database DATABASE_URL names: a SQLite file (a path or a file: URL) or a PostgreSQL server
// (postgres:// or postgresql://). Pure: no I/O, so start-up, scripts and tests share one reading.
import { fileURLToPath } from 'node:url';

export type DatabaseTarget =
  | { kind: 'sqlite'; file: string }
  | {
      kind: 'postgres';
      /** the URL as given, password included: pass it to the driver, never to a log */
      url: string;
      host: string;
      port: number;
      database: string;
      user: string | undefined;
    };

export class DatabaseUrlError extends Error {}

const POSTGRES = /^postgres(?:ql)?:\/\//i;

/** The URL with its password replaced by ***: safe for logs and error messages. */
export function redactDatabaseUrl(value: string): string {
  if (!POSTGRES.test(value)) return value;
  // by hand rather than through URL: a malformed URL must not come back with its password. The
  // user information ends at the last @ before the path (a password may itself hold an @).
  return value.replace(/^(postgres(?:ql)?:\/\/)([^/?#]*)@/i, (_, scheme: string, info: string) => {
    const colon = info.indexOf(':');
    return colon === -1 ? `${scheme}${info}@` : `${scheme}${info.slice(0, colon)}:***@`;
  });
}

export function parseDatabaseUrl(value: string): DatabaseTarget {
  const trimmed = value.trim();
  if (trimmed === '') throw new DatabaseUrlError('DATABASE_URL is empty');
  if (POSTGRES.test(trimmed)) return parsePostgres(trimmed);
  if (/^file:/i.test(trimmed)) {
    try {
      return { kind: 'sqlite', file: fileURLToPath(trimmed) };
    } catch {
      throw new DatabaseUrlError(
        `DATABASE_URL is not a usable file: URL (${trimmed}); use file:///absolute/path.db or a plain path`,
      );
    }
  }
  // any other scheme is a mistake, not a file name (a folder "mysql:" would appear otherwise)
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed);
  if (scheme) {
    throw new DatabaseUrlError(
      `DATABASE_URL uses the scheme "${scheme[1]}:", which the portal does not know; use a file path, file:, postgres:// or postgresql://`,
    );
  }
  return { kind: 'sqlite', file: trimmed };
}

function parsePostgres(value: string): DatabaseTarget {
  const shown = redactDatabaseUrl(value);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DatabaseUrlError(
      `DATABASE_URL is not a valid PostgreSQL URL (${shown}); expected postgres://user:password@host:5432/database`,
    );
  }
  if (!url.hostname) throw new DatabaseUrlError(`DATABASE_URL names no host (${shown})`);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database || database.includes('/')) {
    throw new DatabaseUrlError(
      `DATABASE_URL names no database, or more than one path segment (${shown}); expected …/database`,
    );
  }
  const port = url.port === '' ? 5432 : Number(url.port);
  return {
    kind: 'postgres',
    url: value,
    host: url.hostname,
    port,
    database,
    user: url.username === '' ? undefined : decodeURIComponent(url.username),
  };
}

/** One line for the start-up log: the backend and where, never a password. */
export function describeDatabase(target: DatabaseTarget): string {
  return target.kind === 'sqlite'
    ? `SQLite ${target.file}`
    : `PostgreSQL ${target.host}:${target.port}/${target.database}`;
}
