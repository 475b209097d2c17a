#!/usr/bin/env node
/**
 * The `fardplan` command. Each command lives in ./commands/<name>.ts and exports register(program).
 * Errors become one clear line on stderr and a non-zero exit code (see ./errors.ts).
 */
import { Command, CommanderError } from 'commander';
import { version } from './config.ts';
import { toCliError, EXIT } from './errors.ts';
import * as serve from './commands/serve.ts';
import * as migrateCmd from './commands/migrate.ts';
import * as load from './commands/load.ts';
import * as exportCmd from './commands/export.ts';
import * as segregation from './commands/segregation.ts';
import * as pb from './commands/pb.ts';
import * as user from './commands/user.ts';
import * as fetchCmd from './commands/fetch.ts';

export function buildProgram(): Command {
  const program = new Command('fardplan')
    .description('Färdplan: steering and follow-up of social sustainability in Stockholm')
    .version(version())
    .showHelpAfterError()
    .exitOverride();
  for (const cmd of [serve, migrateCmd, load, exportCmd, segregation, pb, user]) cmd.register(program);
  fetchCmd.register(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
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
  main(process.argv.slice(2)).then((code) => {
    if (code !== 0) process.exit(code);
  });
}
