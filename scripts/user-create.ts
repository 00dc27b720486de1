// Creates a staff account from the shell, e.g. the first administrator:
//   npm run user:create -- --email admin@so-khcn.gov.vn --password '…' --role admin
//   npm run user:create -- --email cv@so-khcn.gov.vn --password '…' --role handler --unit QLKHCN
// Uses the database at DATABASE_URL (default ./data/pakn.db), migrating it first if needed.
// Any problem: one line on stderr and exit code 1, never a stack trace.
import { parseArgs } from 'node:util';

import { PASSWORD_MIN_LENGTH, type PasswordProblem } from '~/domain/password-policy';
import { ROLES } from '~/domain/permissions';

const USAGE =
  'usage: npm run user:create -- --email E --password P --role ' +
  `${ROLES.join('|')} [--unit CODE] [--name "Full name"]`;

class CliError extends Error {}

const PASSWORD_MESSAGES: Record<PasswordProblem, string> = {
  required: '--password is required',
  tooShort: `--password is too short: at least ${PASSWORD_MIN_LENGTH} characters`,
  tooLong: '--password is too long: at most 256 characters',
  common: '--password is a common password, easy to guess: choose another',
  containsEmail: '--password must not contain the name in the e-mail address',
};

async function main(): Promise<string> {
  let args;
  try {
    args = parseArgs({
      args: process.argv.slice(2),
      options: {
        email: { type: 'string' },
        password: { type: 'string' },
        role: { type: 'string' },
        unit: { type: 'string' },
        name: { type: 'string' },
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
  const email = (args.email ?? '').trim();
  const password = args.password ?? '';
  const role = (args.role ?? '').trim();
  const unitCode = args.unit?.trim() || null;
  if (!email) throw new CliError('--email is required; run with --help for usage');
  if (!password) throw new CliError('--password is required; run with --help for usage');
  if (!role) throw new CliError(`--role is required (one of ${ROLES.join(', ')})`);

  // imported here so that --help and argument errors do not open the database
  const { openDatabaseUrl } = await import('../app/utils/db.server');
  const { audit } = await import('../app/models/audit.server');
  const { createUser, validateNewUser } = await import('../app/models/users.server');
  const { listUnits } = await import('../app/models/config.server');

  const opened = await openDatabaseUrl(process.env.DATABASE_URL || './data/pakn.db');
  const { db, where } = opened;
  try {
    const name = args.name?.trim() || email.split('@')[0] || email;
    const checked = await validateNewUser({ email, name, role, unitCode, password }, db);
    if (!checked.ok) {
      const e = checked.errors;
      const codes = async () => (await listUnits({ db })).map((u) => u.code).join(', ');
      if (e.email === 'emailInvalid') throw new CliError(`--email "${email}" is not a valid e-mail address`);
      if (e.email === 'emailTaken')
        throw new CliError(`a user with e-mail ${email.toLowerCase()} already exists`);
      if (e.role) throw new CliError(`--role "${role}" is not a role; use one of ${ROLES.join(', ')}`);
      if (e.unit === 'unitUnknown')
        throw new CliError(`--unit "${unitCode}" is not a unit code; known codes: ${await codes()}`);
      if (e.unit === 'unitRequired')
        throw new CliError(
          `a ${role} must belong to a unit: add --unit CODE (known codes: ${await codes()})`,
        );
      if (e.unit === 'unitNotAllowed')
        throw new CliError(`--unit applies only to handler and approver, not to ${role}`);
      if (e.password)
        throw new CliError(
          PASSWORD_MESSAGES[e.password as PasswordProblem] ?? '--password is not acceptable',
        );
      if (e.name) throw new CliError('--name must be 1 to 120 characters');
      throw new CliError(`invalid arguments: ${Object.values(e).join(', ')}`);
    }
    const user = await createUser({ ...checked.value, password }, db);
    await audit(
      {
        actorUserId: null,
        action: 'user.create',
        targetType: 'user',
        targetId: user.id,
        ip: 'cli',
        detail: { email: user.email, role: user.role, unitId: user.unitId, via: 'cli' },
      },
      db,
    );
    return `Created ${user.role} ${user.email} (id ${user.id}) in ${where}`;
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
