/**
 * `fardplan report create --committee <id> --period <YYYY-T1|YYYY-T2|YYYY-VB> [--as <username>]`
 * `fardplan report copy-forward <report> [--as <username>]`
 * `fardplan report export <report> --format html|pdf|docx --out <file> [--lang sv|en]`
 * `fardplan report approve-city <period> [--note <text>] [--as <username>]`
 * `fardplan report export-city <period> --format html|pdf|docx --out <file> [--lang sv|en]`
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
import { exportCityReport, exportReport, type ExportedFile } from '../../services/reports/export.ts';
import { approveCityReport } from '../../services/reports/city.ts';
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
      checkPeriod(opts.period, '--period');
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
    .action(async (reportId: string, opts: ExportOptions) => {
      const { format, lang } = exportChoices(opts);
      writeExport(opts.out, await withDb((db) => exportReport(db, reportId, format, { lang, now: now() })));
    });

  report
    .command('approve-city')
    .description("Fastställ (approve) the period's city report: its content is frozen from then on")
    .argument('<period>', 'YYYY-T1, YYYY-T2 or YYYY-VB')
    .option('--note <text>', 'a note kept with the approval, e.g. the council decision', '')
    .option('--as <username>', 'act as this account (authorised like the API)')
    .action(async (periodId: string, opts: { note: string; as?: string }) => {
      checkPeriod(periodId, '<period>');
      const r = await withDb(async (db) =>
        approveCityReport({ db, now }, await actingAs(db, opts.as), periodId, { note: opts.note }),
      );
      process.stdout.write(`${r.period} fastställd ${r.approved.at}${r.approved.by ? ` av ${r.approved.by}` : ''}\n`);
    });

  report
    .command('export-city')
    .description("Write the period's city report (the council's document) as HTML, tagged PDF or DOCX")
    .argument('<period>', 'YYYY-T1, YYYY-T2 or YYYY-VB')
    .requiredOption('--format <format>', 'html, pdf or docx')
    .requiredOption('--out <file>', 'the file to write')
    .option('--lang <lang>', 'sv or en', 'sv')
    .action(async (periodId: string, opts: ExportOptions) => {
      checkPeriod(periodId, '<period>');
      const { format, lang } = exportChoices(opts);
      writeExport(opts.out, await withDb((db) => exportCityReport(db, periodId, format, { lang, now: now() })));
    });
}

interface ExportOptions {
  format: string;
  out: string;
  lang: string;
}

function checkPeriod(period: string, name: string): void {
  if (!PERIOD_ID_PATTERN.test(period))
    throw new CliError(`${name} "${period}": write YYYY-T1, YYYY-T2 or YYYY-VB`, EXIT.usage);
}

function exportChoices(opts: ExportOptions): { format: 'html' | 'pdf' | 'docx'; lang: 'sv' | 'en' } {
  if (!['html', 'pdf', 'docx'].includes(opts.format))
    throw new CliError(`--format "${opts.format}": use html, pdf or docx`, EXIT.usage);
  if (!['sv', 'en'].includes(opts.lang)) throw new CliError(`--lang "${opts.lang}": use sv or en`, EXIT.usage);
  return { format: opts.format as 'html' | 'pdf' | 'docx', lang: opts.lang as 'sv' | 'en' };
}

function writeExport(out: string, file: ExportedFile): void {
  writeFileSync(out, file.body);
  process.stdout.write(`${out} (${file.body.length} bytes)\n`);
}
