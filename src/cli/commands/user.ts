/**
 * `fardplan user add <username> --role admin [--committee <id>] [--display-name <name>] [--password-stdin]`
 * `fardplan user password <username> [--password-stdin]`   (set a new password, e.g. for a locked-out administrator)
 * `fardplan user list`
 *
 * There is never a default password: it is asked for (twice, not echoed) on a terminal, or read
 * from standard input with --password-stdin.
 */
import type { Command } from 'commander';
import type { Database } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { ACCOUNT_ROLES, isAccountRole, type AccountRole } from '../../core/access.ts';
import { changeUser, createUser, getUsers } from '../../services/auth/index.ts';
import { findAccount } from '../../services/auth/index.ts';
import { loadConfig } from '../config.ts';
import { syncOrganisation } from '../../services/committees/loading.ts';
import { openDb } from '../runtime.ts';
import { CliError, EXIT } from '../errors.ts';
import { viaServer, type AdminHandler } from '../embedded-owner.ts';

/** `district-editor` and `district_editor` both name the district editor role. */
export function parseRole(raw: string): AccountRole {
  const r = raw.trim().toLowerCase().replace(/-/g, '_');
  if (!isAccountRole(r))
    throw new CliError(
      `Unknown role "${raw}": use one of ${ACCOUNT_ROLES.map((x) => x.replace(/_/g, '-')).join(', ')}`,
      EXIT.usage,
    );
  return r;
}

/** Reads the whole of standard input; a single trailing line break is dropped. */
export async function readStdinPassword(stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Asks for a password on the terminal without echoing it. */
async function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY)
    throw new CliError('No terminal to ask for the password on: pipe it in with --password-stdin', EXIT.usage);
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (err?: Error): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new CliError('Cancelled', EXIT.failure));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

export async function askNewPassword(passwordStdin: boolean): Promise<string> {
  if (passwordStdin) {
    const pw = await readStdinPassword();
    if (!pw) throw new CliError('No password on standard input', EXIT.usage);
    return pw;
  }
  const first = await promptHidden('Password (at least 12 characters): ');
  const second = await promptHidden('Repeat the password: ');
  if (first !== second) throw new CliError('The passwords do not match', EXIT.usage);
  return first;
}

export interface AddUserOptions {
  role: string;
  committee?: string | undefined;
  displayName?: string | undefined;
}

/** The work of `user add` once the password is known (tested without a terminal). */
export async function addUser(
  db: Database,
  username: string,
  opts: AddUserOptions,
  password: string,
  now: () => Date = () => new Date(),
) {
  const role = parseRole(opts.role);
  return createUser(
    db,
    { username, role, committeeId: opts.committee ?? null, displayName: opts.displayName, password },
    null,
    { now },
  );
}

/** The work of `user password`: an administrator's reset from the server's command line. */
export async function setUserPassword(
  db: Database,
  username: string,
  password: string,
  now: () => Date = () => new Date(),
) {
  const user = await findAccount(db, username);
  if (!user) throw new CliError(`No user named "${username}"`, EXIT.failure);
  return changeUser(db, user.id, { password }, { id: null, username: 'cli' }, { now });
}

const created = (u: { role: string; username: string; id: number | string }): string =>
  `Created ${u.role.replace(/_/g, '-')} "${u.username}" (id ${u.id}).\n`;

const listing = (users: Awaited<ReturnType<typeof getUsers>>): string =>
  users
    .map(
      (u) =>
        `${u.username}\t${u.role.replace(/_/g, '-')}\t${u.committeeId ?? ''}\t${u.disabled ? 'disabled' : 'active'}\n`,
    )
    .join('');

/** What the running server does for `fardplan user …` (embedded database). */
export const adminHandlers = (db: Database): Record<string, AdminHandler> => ({
  'user-add': async (a) => created(await addUser(db, String(a.username), a.opts as AddUserOptions, String(a.password))),
  'user-password': async (a) =>
    `Set a new password for "${(await setUserPassword(db, String(a.username), String(a.password))).username}".\n`,
  'user-list': async () => listing(await getUsers(db)),
});

/** Runs through the server that owns the embedded database when there is one, else on the database directly. */
async function run(command: string, args: Record<string, unknown>, direct: (db: Database) => Promise<string>) {
  const config = loadConfig();
  const through = await viaServer(config, command, args);
  process.stdout.write(through ?? (await withDb(direct)));
}

async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDb(loadConfig());
  try {
    await migrate(db);
    // the committees a district editor may belong to (e.g. sdn-jarva) come from data/organisation
    await db.transaction((tx) => syncOrganisation(tx));
    return await fn(db);
  } finally {
    await db.close();
  }
}

export function register(program: Command): void {
  const user = program.command('user').description('manage accounts (the first administrator is created here)');

  user
    .command('add <username>')
    .description('create an account; the password is asked for, or read from standard input with --password-stdin')
    .requiredOption('--role <role>', `one of ${ACCOUNT_ROLES.map((x) => x.replace(/_/g, '-')).join(', ')}`)
    .option('--committee <id>', 'the committee of a district editor (e.g. sdn-jarva)')
    .option('--display-name <name>', 'the name shown in the app')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (username: string, opts: AddUserOptions & { passwordStdin?: boolean }) => {
      parseRole(opts.role);
      const password = await askNewPassword(!!opts.passwordStdin);
      const add = { role: opts.role, committee: opts.committee, displayName: opts.displayName };
      await run('user-add', { username, opts: add, password }, async (db) =>
        created(await addUser(db, username, add, password)),
      );
    });

  user
    .command('password <username>')
    .description("set a user's password (ends their sessions)")
    .option('--password-stdin', 'read the password from standard input')
    .action(async (username: string, opts: { passwordStdin?: boolean }) => {
      const password = await askNewPassword(!!opts.passwordStdin);
      await run(
        'user-password',
        { username, password },
        async (db) => `Set a new password for "${(await setUserPassword(db, username, password)).username}".\n`,
      );
    });

  user
    .command('list')
    .description('list the accounts')
    .action(async () => {
      await run('user-list', {}, async (db) => listing(await getUsers(db)));
    });
}
