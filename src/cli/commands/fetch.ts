import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { openDb } from '../runtime.ts';
import { CliError, EXIT } from '../errors.ts';
import { migrate } from '../../db/migrate.ts';
import type { Database } from '../../db/database.ts';
import { fetchScb, ScbClient, type FetchResult } from '../../services/imports/scb.ts';
import { fetchKolada, KoladaClient } from '../../services/imports/kolada.ts';
import { SYSTEM_USER } from '../../services/acting.ts';
import { connectorSettings, refreshSavedQueries, scbClientFor } from '../../services/imports/refresh.ts';

const list = (s: string | undefined): string[] =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** `2019-2022` → 2019,2020,2021,2022; `2022,2023` as given. */
export function years(s: string | undefined): string[] {
  const out: string[] = [];
  for (const part of list(s)) {
    const m = /^(\d{4})-(\d{4})$/.exec(part);
    if (m) for (let y = Number(m[1]); y <= Number(m[2]); y++) out.push(String(y));
    else out.push(part);
  }
  return out;
}

function selects(values: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const v of values) {
    const [k, codes] = v.split('=');
    if (!k || !codes) throw new CliError(`--select ${v}: expected VARIABLE=code,code`, EXIT.usage);
    out[k] = list(codes);
  }
  return out;
}

const apis = () => connectorSettings();

async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDb(loadConfig());
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

function report(r: FetchResult): void {
  const s = r.summary;
  const what = r.batchId === null ? 'nothing changed' : `batch ${r.batchId}`;
  process.stdout.write(
    `${r.label}: ${r.values} values in ${r.requests} requests; added ${s.added}, changed ${s.changed}, unchanged ${s.unchanged}, deleted ${s.deleted}; ${what}\n`,
  );
}

const collect = (v: string, prev: string[]) => [...prev, v];

export function register(program: Command): void {
  const fetchCmd = program.command('fetch').description('fetch statistics from SCB Statistikdatabasen or Kolada');
  fetchCmd
    .command('scb <table>')
    .description(
      'fetch an SCB table (PxWebApi 2.0 by table id; PxWeb API v1 by table path) as JSON-stat 2.0, and record the query for `fetch refresh`',
    )
    .requiredOption('--regions <codes>', 'region codes, or deso:0180 / regso:0180 for all of a municipality')
    .requiredOption('--contents <codes>', 'contents codes, each optionally CODE=indicator-id')
    .option('--years <years>', 'periods, e.g. 2019-2023 or 2022,2023 (default: all)')
    .option('--select <VAR=codes>', 'values of another variable (repeatable)', collect, [])
    .option('--draft', 'keep the batch as a draft until it is published')
    .option('--no-save', 'do not record the query')
    .action(
      async (
        table: string,
        o: { regions: string; contents: string; years?: string; select: string[]; draft?: boolean; save: boolean },
      ) => {
        const s = apis();
        const r = await withDb((db) =>
          fetchScb(
            db,
            scbClientFor(table, s),
            {
              table,
              regions: list(o.regions),
              contents: list(o.contents),
              years: years(o.years),
              select: selects(o.select),
            },
            {
              now: new Date(),
              actor: { id: null, username: 'cli' },
              save: o.save,
              publication: o.draft ? 'draft' : 'published',
            },
          ),
        );
        report(r);
      },
    );
  fetchCmd
    .command('kolada <kpi...>')
    .description('fetch Kolada KPIs (API v3) per municipality and organisational unit, and record the query')
    .option('--municipality <ids>', 'municipality ids, e.g. 0180')
    .option('--ou <ids>', 'organisational unit ids')
    .option('--years <years>', 'years, e.g. 2019-2023')
    .option('--from-date <date>', 'only values changed since this date (YYYY-MM-DD), with deleted values')
    .option('--draft', 'keep the batch as a draft until it is published')
    .option('--no-save', 'do not record the query')
    .action(
      async (
        kpis: string[],
        o: { municipality?: string; ou?: string; years?: string; fromDate?: string; draft?: boolean; save: boolean },
      ) => {
        if (!o.municipality && !o.ou) throw new CliError('give --municipality or --ou', EXIT.usage);
        const s = apis();
        const r = await withDb((db) =>
          fetchKolada(
            db,
            new KoladaClient(s.koladaApi, s.http),
            {
              kpis: kpis.flatMap((k) => list(k)),
              municipalities: list(o.municipality),
              ous: list(o.ou),
              years: years(o.years),
              fromDate: o.fromDate ?? null,
            },
            {
              now: new Date(),
              actor: { id: null, username: 'cli' },
              save: o.save,
              publication: o.draft ? 'draft' : 'published',
            },
          ),
        );
        report(r);
      },
    );
  fetchCmd
    .command('refresh')
    .description('re-run every saved SCB and Kolada query')
    .action(async () => {
      const items = await withDb((db) => refreshSavedQueries(db, apis(), { user: SYSTEM_USER, now: new Date() }));
      for (const i of items) {
        if (i.result) report(i.result);
        else process.stderr.write(`${i.label}: ${i.error}\n`);
      }
      if (!items.length) process.stdout.write('no saved queries\n');
      if (items.some((i) => i.error))
        throw new CliError(`${items.filter((i) => i.error).length} saved queries failed`, EXIT.failure);
    });
  fetchCmd
    .command('tables <query>')
    .description('search SCB tables')
    .action(async (query: string) => {
      const s = apis();
      const r = await new ScbClient(s.scbApi, s.http).search(query);
      for (const t of r.tables)
        process.stdout.write(`${t.id}\t${t.label ?? ''}\t${t.firstPeriod ?? ''}–${t.lastPeriod ?? ''}\n`);
    });
  fetchCmd
    .command('table <table>')
    .description("show an SCB table's variables and value codes (to choose --regions, --contents and --select)")
    .action(async (table: string) => {
      const m = await scbClientFor(table, apis()).metadata(table);
      process.stdout.write(`${m.id}\t${m.label}\n`);
      for (const v of m.variables) {
        const shown = v.values.slice(0, 12).map((x) => `${x.code}=${x.label}`);
        const more = v.values.length > 12 ? ` … (${v.values.length} values)` : '';
        process.stdout.write(
          `  ${v.code} (${v.label}; ${v.role}${v.elimination ? ', may be left out' : ''}): ${shown.join(', ')}${more}\n`,
        );
      }
    });
  fetchCmd
    .command('kpis <query>')
    .description('search Kolada KPIs')
    .action(async (query: string) => {
      const s = apis();
      for (const k of await new KoladaClient(s.koladaApi, s.http).searchKpis(query))
        process.stdout.write(`${k.id}\t${k.title}\n`);
    });
}
