/**
 * `fardplan report create --committee <id> --period <YYYY-T1|YYYY-T2|YYYY-VB> [--as <username>]`
 * `fardplan report copy-forward <report> [--as <username>]`
 * `fardplan report export <report> --format html|pdf|docx --out <file> [--lang sv|en]`
 *
 * Writes go through the same commands as the API: with `--as` they are authorised as that account
 * (a district editor only for their own committee); without it the operator, who holds the
 * database, acts as an administrator (named `cli` in the audit log).
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Database } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { PERIOD_ID_PATTERN } from '../../core/reports/periods.ts';
import { copyForward, createReport } from '../../services/reports/commands.ts';
import { exportReport } from '../../services/reports/export.ts';
import { findAccount } from '../../services/auth/index.ts';
import { SYSTEM_USER, type ActingUser } from '../../services/acting.ts';
import { loadConfig } from '../config.ts';
import { openDb } from '../runtime.ts';
import { CliError, EXIT } from '../errors.ts';

async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDb(loadConfig());
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** The acting account (`--as`), or the operator as an administrator. */
export async function actingAs(db: Database, username: string | undefined): Promise<ActingUser> {
  if (!username) return SYSTEM_USER;
  const u = await findAccount(db, username);
  if (!u || u.disabled) throw new CliError(`No active account "${username}"`, EXIT.usage);
  return { id: u.id, username: u.username, role: u.role, committeeId: u.committeeId };
}

const now = () => new Date();

export function register(program: Command): void {
  const report = program.command('report').description('The reporting cycle: tertial reports and the annual report');

  report
    .command('create')
    .description("Create a committee's report for a period from its kind's template")
    .requiredOption('--committee <id>', 'the committee id, e.g. sdn-jarva')
    .requiredOption('--period <period>', 'YYYY-T1 (Jan–Apr), YYYY-T2 (Jan–Aug) or YYYY-VB (the year)')
    .option('--as <username>', 'act as this account (authorised like the API)')
    .action(async (opts: { committee: string; period: string; as?: string }) => {
      if (!PERIOD_ID_PATTERN.test(opts.period))
        throw new CliError(`--period "${opts.period}": write YYYY-T1, YYYY-T2 or YYYY-VB`, EXIT.usage);
      const id = await withDb(async (db) =>
        createReport({ db, now }, await actingAs(db, opts.as), { committeeId: opts.committee, period: opts.period }),
      );
      process.stdout.write(`${id}\n`);
    });

  report
    .command('copy-forward')
    .description("Create the next period's report with structure, assignments and texts carried over")
    .argument('<report>', 'the report id, e.g. sdn-jarva-2026-T1')
    .option('--as <username>', 'act as this account (authorised like the API)')
    .action(async (reportId: string, opts: { as?: string }) => {
      const id = await withDb(async (db) => copyForward({ db, now }, await actingAs(db, opts.as), reportId));
      process.stdout.write(`${id}\n`);
    });

  report
    .command('export')
    .description('Write a report as accessible HTML, tagged PDF or DOCX')
    .argument('<report>', 'the report id')
    .requiredOption('--format <format>', 'html, pdf or docx')
    .requiredOption('--out <file>', 'the file to write')
    .option('--lang <lang>', 'sv or en', 'sv')
    .action(async (reportId: string, opts: { format: string; out: string; lang: string }) => {
      if (!['html', 'pdf', 'docx'].includes(opts.format))
        throw new CliError(`--format "${opts.format}": use html, pdf or docx`, EXIT.usage);
      if (!['sv', 'en'].includes(opts.lang)) throw new CliError(`--lang "${opts.lang}": use sv or en`, EXIT.usage);
      const file = await withDb((db) =>
        exportReport(db, reportId, opts.format as 'html' | 'pdf' | 'docx', {
          lang: opts.lang as 'sv' | 'en',
          now: now(),
        }),
      );
      writeFileSync(opts.out, file.body);
      process.stdout.write(`${opts.out} (${file.body.length} bytes)\n`);
    });
}
