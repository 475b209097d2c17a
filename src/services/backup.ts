/**
 * `fardplan backup <file>` and `fardplan restore <file>`: every table of the schema (statistics, the framework and
 * its versions, interventions, users, participation, the audit log, and whatever a later migration adds), on
 * either engine, into either engine.
 *
 * The file is gzip-compressed text: a header line (JSON: format, version, time, engine, applied migrations,
 * tables with their columns and row counts), then one line per page of rows (`<table>\t<JSON array>`, the JSON as
 * PostgreSQL wrote it, so numbers stay exact), then an end line. A backup is read in one snapshot (REPEATABLE
 * READ), so it is consistent while the app keeps serving. A restore goes into an empty database in one
 * transaction: it succeeds completely or leaves the database as it was.
 */
import { createReadStream, createWriteStream, renameSync, rmSync } from 'node:fs';
import { createGunzip, createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { listMigrations } from '../db/migration-files.ts';
import {
  addForeignKey,
  appliedMigrations,
  countRows,
  dropForeignKey,
  foreignKeys,
  insertPage,
  listTables,
  readPage,
  resetSequences,
  setUserTriggers,
  snapshotTransaction,
  type TableInfo,
} from '../db/repositories/backup.ts';
import { AppError } from '../core/errors.ts';
import { silentProgress, type Progress } from './progress.ts';

export const BACKUP_FORMAT = 'fardplan-backup';
export const BACKUP_VERSION = 1;
const END = '#end';
const PAGE = 2000;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  engine: string;
  migrations: string[];
  tables: { name: string; columns: string[]; rows: number }[];
}

export interface BackupSummary {
  file: string;
  tables: number;
  rows: number;
}

/** Writes a backup of every table to `file` (written to a temporary name first, renamed when complete). */
export async function backupDatabase(
  db: Database,
  file: string,
  opts: { now?: () => Date; progress?: Progress } = {},
): Promise<BackupSummary> {
  const progress = opts.progress ?? silentProgress;
  const now = opts.now ?? (() => new Date());
  const tmp = `${file}.partial`;
  let total = 0;
  let tableCount = 0;
  try {
    await db.transaction(async (tx) => {
      await snapshotTransaction(tx);
      const tables = await listTables(tx);
      tableCount = tables.length;
      const counts = new Map<string, number>();
      for (const t of tables) counts.set(t.name, await countRows(tx, t.name));
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: now().toISOString(),
        engine: db.engine,
        migrations: await appliedMigrations(tx),
        tables: tables.map((t) => ({ name: t.name, columns: t.columns, rows: counts.get(t.name) ?? 0 })),
      };
      total = [...counts.values()].reduce((a, b) => a + b, 0);
      progress.step('Backing up', total);
      async function* lines(): AsyncGenerator<string> {
        yield `${JSON.stringify(header)}\n`;
        for (const t of tables) {
          let after = '(0,0)';
          for (;;) {
            const page = await readPage(tx, t.name, after, PAGE);
            if (!page.count || !page.last) break;
            // JSON text has line breaks only as whitespace (inside strings they are escaped)
            yield `${t.name}\t${page.json.replace(/\n/g, ' ')}\n`;
            progress.tick(page.count);
            after = page.last;
          }
        }
        yield `${END}\t${JSON.stringify({ tables: tables.length, rows: total })}\n`;
      }
      await pipeline(Readable.from(lines()), createGzip(), createWriteStream(tmp));
    });
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  } finally {
    progress.done();
  }
  return { file, tables: tableCount, rows: total };
}

const bad = (file: string, message: string, line?: number): AppError =>
  new AppError('import_failed', `${file}: ${message}`, [{ file, ...(line ? { line } : {}), message }]);

function parseHeader(file: string, text: string | undefined): BackupHeader {
  let header: BackupHeader;
  try {
    header = JSON.parse(text ?? '') as BackupHeader;
  } catch {
    throw bad(file, 'not a Färdplan backup (no header line)', 1);
  }
  if (header?.format !== BACKUP_FORMAT) throw bad(file, 'not a Färdplan backup', 1);
  if (header.version > BACKUP_VERSION)
    throw bad(file, `made by a newer version of Färdplan (backup format ${header.version})`, 1);
  const known = new Set(listMigrations().map((m) => m.id));
  const unknown = header.migrations.filter((m) => !known.has(m));
  if (unknown.length)
    throw bad(file, `made by a newer version of Färdplan (migrations ${unknown.join(', ')} are unknown here)`, 1);
  return header;
}

/** Refuses a target that holds any row (a restore never mixes with or overwrites data). */
async function assertEmpty(db: Database, tables: TableInfo[]): Promise<void> {
  const filled: string[] = [];
  for (const t of tables) if ((await countRows(db, t.name)) > 0) filled.push(t.name);
  if (filled.length)
    throw new AppError(
      'conflict',
      `The target database is not empty (${filled.slice(0, 5).join(', ')}${filled.length > 5 ? ', …' : ''} hold rows). ` +
        'Restore into a new, empty database.',
    );
}

/** Restores `file` into `db`, which must be empty (it is migrated first). */
export async function restoreDatabase(
  db: Database,
  file: string,
  opts: { progress?: Progress } = {},
): Promise<BackupSummary> {
  const progress = opts.progress ?? silentProgress;
  await migrate(db);
  const tables = await listTables(db);
  await assertEmpty(db, tables);
  const byName = new Map(tables.map((t) => [t.name, t]));
  const it = readLines(file);
  let lineNo = 1;
  let header: BackupHeader;
  try {
    header = parseHeader(file, (await it.next()).value as string | undefined);
  } catch (err) {
    await it.return(undefined);
    throw (err as { code?: string }).code === 'Z_DATA_ERROR' ? bad(file, 'not a Färdplan backup (not gzip)') : err;
  }
  const columnsOf = new Map<string, TableInfo>();
  for (const t of header.tables) {
    const target = byName.get(t.name);
    if (!target) throw bad(file, `table ${t.name} does not exist in this database`, 1);
    const cols = target.columns.filter((c) => t.columns.includes(c));
    columnsOf.set(t.name, { name: t.name, columns: cols });
  }
  const expected = header.tables.reduce((a, t) => a + t.rows, 0);
  progress.step('Restoring', expected);
  try {
    await db.transaction(async (tx) => {
      const fks = await foreignKeys(tx);
      for (const fk of fks) await dropForeignKey(tx, fk.table, fk.name);
      for (const t of tables) await setUserTriggers(tx, t.name, false);
      let ended = false;
      for (;;) {
        const next = await it.next();
        if (next.done) break;
        lineNo++;
        const line = next.value as string;
        const tab = line.indexOf('\t');
        const name = tab > 0 ? line.slice(0, tab) : '';
        if (name === END) {
          ended = true;
          break;
        }
        const info = columnsOf.get(name);
        if (!info) throw bad(file, `a page of an unknown table "${name.slice(0, 60)}"`, lineNo);
        await insertPage(tx, info, line.slice(tab + 1));
        progress.tick(PAGE); // pages are full except the last of each table: close enough for a bar
      }
      if (!ended) throw bad(file, 'the backup is incomplete (no end line): nothing was restored', lineNo);
      for (const t of header.tables) {
        const n = await countRows(tx, t.name);
        if (n !== t.rows) throw bad(file, `table ${t.name}: ${n} rows restored, the backup says ${t.rows}`);
      }
      await resetSequences(tx);
      for (const fk of fks) await addForeignKey(tx, fk.table, fk.name, fk.definition);
      for (const t of tables) await setUserTriggers(tx, t.name, true);
    });
  } finally {
    await it.return(undefined);
    progress.done();
  }
  return { file, tables: header.tables.length, rows: expected };
}

/** The lines of a gzip file, read as a stream. */
async function* readLines(file: string): AsyncGenerator<string, void, undefined> {
  const input = createGunzip();
  createReadStream(file)
    .on('error', (err) => input.destroy(err))
    .pipe(input);
  input.setEncoding('utf8');
  let rest = '';
  try {
    for await (const chunk of input as AsyncIterable<string>) {
      rest += chunk;
      let nl = rest.indexOf('\n');
      while (nl >= 0) {
        yield rest.slice(0, nl);
        rest = rest.slice(nl + 1);
        nl = rest.indexOf('\n');
      }
    }
    if (rest) yield rest;
  } finally {
    input.destroy();
  }
}
