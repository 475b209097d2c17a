#!/usr/bin/env node
/**
 * The `fardplan` command. Each command lives in ./commands/<name>.ts and exports register(program).
 * Errors become one clear line on stderr and a non-zero exit code (see ./errors.ts).
 */
import { Command, CommanderError } from 'commander';
import { version } from './config.ts';
import { toCliError, EXIT } from './errors.ts';

type CommandModule = { register(program: Command): void };

/** `backup` and `restore` live in one module. */
const loadBackup = (): Promise<CommandModule> => import('./commands/backup.ts');

/**
 * The commands, loaded on demand: only the module of the command being run is imported (the server, the
 * database drivers and the importers are not loaded for `--help` or `pb tally`). The summary is what
 * `fardplan --help` lists.
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  serve: { summary: 'serve the web app and the API', load: () => import('./commands/serve.ts') },
  migrate: { summary: 'apply pending database migrations', load: () => import('./commands/migrate.ts') },
  load: { summary: 'load a dataset directory into the database', load: () => import('./commands/load.ts') },
  export: { summary: 'export data as CSV', load: () => import('./commands/export.ts') },
  segregation: { summary: 'segregation measures for a CSV of areas', load: () => import('./commands/segregation.ts') },
  pb: { summary: 'participatory budgeting (pabulib .pb files)', load: () => import('./commands/pb.ts') },
  user: { summary: 'manage accounts', load: () => import('./commands/user.ts') },
  report: {
    summary: 'reports of the reporting cycle: create, copy forward, export',
    load: () => import('./commands/report.ts'),
  },
  backup: { summary: 'write a backup of the database to a file', load: loadBackup },
  restore: { summary: 'restore the database from a backup file', load: loadBackup },
  reference: {
    summary: 'the Stockholm reference dataset shipped with Färdplan (build it from the raw files)',
    load: () => import('./commands/reference.ts'),
  },
  boundaries: { summary: 'polygons for the areas of a division', load: () => import('./commands/boundaries.ts') },
  fetch: { summary: 'fetch statistics from SCB (PxWeb) or Kolada', load: () => import('./commands/fetch.ts') },
};

/** The program with the commands named in `argv` loaded in full (all of them when `argv` is omitted). */
export async function buildProgram(argv?: readonly string[]): Promise<Command> {
  const program = new Command('fardplan')
    .description('Färdplan: steering and follow-up of social sustainability in Stockholm')
    .version(version())
    .showHelpAfterError()
    .exitOverride();
  const words = argv?.filter((a) => !a.startsWith('-')) ?? Object.keys(COMMANDS);
  const wanted = new Set(words[0] === 'help' ? words.slice(0, 2) : words.slice(0, 1));
  if (!argv) for (const name of words) wanted.add(name);
  const loaded = new Set<() => Promise<CommandModule>>();
  for (const [name, c] of Object.entries(COMMANDS)) {
    if (!wanted.has(name) || loaded.has(c.load)) continue;
    loaded.add(c.load);
    (await c.load()).register(program);
  }
  const registered = new Set(program.commands.map((c) => c.name()));
  for (const [name, c] of Object.entries(COMMANDS)) {
    if (!registered.has(name)) program.command(name).description(c.summary).allowUnknownOption().helpOption(false);
  }
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await (await buildProgram(argv)).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; usage mistakes exit 2 (commander has already printed the message).
      return err.exitCode === 0 ? 0 : EXIT.usage;
    }
    const e = toCliError(err);
    process.stderr.write(`fardplan: ${e.message}\n`);
    return e.exitCode;
  }
}

const isEntry = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code !== 0) process.exit(code);
    },
    (err: unknown) => {
      // main reports every error itself; this is only reached when reporting failed
      process.stderr.write(`fardplan: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = EXIT.failure;
    },
  );
}
