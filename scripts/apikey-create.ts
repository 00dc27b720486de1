// Creates an API key from the shell and prints it once (only its hash is stored):
//   npm run apikey:create -- --name "Cổng DVC tỉnh" --scopes submit,read
// Uses the database at DATABASE_URL (default ./data/pakn.db), migrating it first if needed.
// Any problem: one line on stderr and exit code 1, never a stack trace.
import { parseArgs } from 'node:util';

import { API_KEY_NAME_MAX, API_SCOPES } from '~/domain/api-scopes';

const USAGE = `usage: npm run apikey:create -- --name N --scopes ${API_SCOPES.join(',')} (one or more, comma-separated)`;

class CliError extends Error {}

async function main(): Promise<string> {
  let args;
  try {
    args = parseArgs({
      args: process.argv.slice(2),
      options: {
        name: { type: 'string' },
        scopes: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]!.replace(/\. To specify.*$/, '');
    throw new CliError(`${message}; run with --help for usage`);
  }
  if (args.help) return USAGE;
  if (!args.name?.trim()) throw new CliError('--name is required; run with --help for usage');
  if (!args.scopes?.trim())
    throw new CliError(`--scopes is required (one or more of ${API_SCOPES.join(', ')})`);

  // imported here so that --help and argument errors do not open the database
  const { openDatabaseUrl } = await import('../app/utils/db.server');
  const { createApiKey } = await import('../app/models/api-keys.server');
  const opened = await openDatabaseUrl(process.env.DATABASE_URL || './data/pakn.db');
  const { db, where } = opened;
  try {
    const result = await createApiKey({ name: args.name, scopes: args.scopes, ip: 'cli' }, db);
    if (!result.ok) {
      const e = result.errors;
      if (e.name === 'taken') throw new CliError(`a key named "${args.name.trim()}" already exists`);
      if (e.name === 'tooLong') throw new CliError(`--name must be at most ${API_KEY_NAME_MAX} characters`);
      if (e.name) throw new CliError('--name must be one line of printable characters');
      throw new CliError(`--scopes "${args.scopes}" must be one or more of ${API_SCOPES.join(', ')}`);
    }
    console.error(
      `Created API key "${result.name}" (id ${result.id}, scopes ${result.scopes.join(',')}) in ${where}.`,
    );
    console.error('It is shown only now; store it safely:');
    return result.key;
  } finally {
    await opened.close();
  }
}

main().then(
  (message) => {
    console.log(message);
  },
  (error: unknown) => {
    if (error instanceof CliError) console.error(`Error: ${error.message}`);
    else console.error(`Error: ${(error as Error)?.message?.split('\n')[0] ?? String(error)}`);
    process.exitCode = 1;
  },
);
