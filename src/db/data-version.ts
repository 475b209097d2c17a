/**
 * The data version (migration 0220): one counter per domain of data, bumped in the same transaction as any
 * write to that domain. Statement-level triggers on every table do the bumping, so no write path can forget
 * it: `ensureDataVersionTriggers` runs after the migrations and installs the trigger on every table that
 * lacks it (tables added by later migrations included). A table whose name this file does not know counts
 * as the domain 'other', on which every cached result depends (never stale, at worst recomputed).
 */
import type { Queryable } from './database.ts';

export const DATA_DOMAINS = [
  'statistics',
  'geography',
  'goals',
  'interventions',
  'analysis',
  'participation',
  'other',
] as const;
export type DataDomain = (typeof DATA_DOMAINS)[number];
export type DataVersions = Record<DataDomain, number>;

/** Tables whose writes change no derived result: sessions, sign-in attempts, the audit log, bookkeeping. */
const UNVERSIONED = new Set(['data_version', 'schema_migration', 'user_session', 'sign_in_attempt', 'audit_log']);

const GOALS = new Set(['vision', 'goal_area', 'strategy', 'target', 'commitment', 'manual_status', 'goal_link']);
const INTERVENTIONS = new Set(['committee', 'budget_line', 'follow_up']);
const STATISTICS = new Set(['source', 'import_batch']);
const GEOGRAPHY = new Set(['division', 'area']);

/** The domain whose counter a write to `table` bumps, or null for a table that changes no derived result. */
export function tableDomain(table: string): DataDomain | null {
  if (UNVERSIONED.has(table)) return null;
  if (table.startsWith('participation_')) return 'participation';
  if (GOALS.has(table) || table.startsWith('goal_') || table.startsWith('target_')) return 'goals';
  if (INTERVENTIONS.has(table) || table.startsWith('intervention')) return 'interventions';
  if (table.startsWith('allocation_') || table.startsWith('analysis_')) return 'analysis';
  if (GEOGRAPHY.has(table) || /^(crosswalk|area_|division_)/.test(table)) return 'geography';
  if (STATISTICS.has(table) || /^(indicator|observation|source_)/.test(table)) return 'statistics';
  return 'other';
}

const TRIGGER = 'fardplan_data_version';

/** Installs the bumping trigger on every ordinary table of the current schema that lacks it. */
export async function ensureDataVersionTriggers(db: Queryable): Promise<string[]> {
  const fn = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_proc WHERE proname = 'fardplan_bump_data_version'`,
  );
  if (!fn[0]?.n) return [];
  const rows = await db.query<{ name: string }>(
    `SELECT c.relname AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()
        AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = $1)
      ORDER BY c.relname`,
    [TRIGGER],
  );
  const added: string[] = [];
  for (const { name } of rows) {
    const domain = tableDomain(name);
    if (!domain) continue;
    const table = `"${name.replace(/"/g, '""')}"`;
    await db.exec(
      `CREATE TRIGGER ${TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
         FOR EACH STATEMENT EXECUTE FUNCTION fardplan_bump_data_version('${domain}')`,
    );
    added.push(name);
  }
  return added;
}

/** The current counters (0 for a domain never written). */
export async function readDataVersions(db: Queryable): Promise<DataVersions> {
  const rows = await db.query<{ domain: string; version: number }>('SELECT domain, version FROM data_version');
  const out = Object.fromEntries(DATA_DOMAINS.map((d) => [d, 0])) as DataVersions;
  for (const r of rows)
    if ((DATA_DOMAINS as readonly string[]).includes(r.domain)) out[r.domain as DataDomain] = r.version;
  return out;
}

/**
 * Bumps a domain's counter inside the caller's transaction. The triggers already do this for every table
 * write; call it for a change the tables cannot see (e.g. a setting read from a file that alters results).
 */
export async function bumpDataVersion(tx: Queryable, domain: DataDomain): Promise<void> {
  await tx.query(
    `INSERT INTO data_version AS d (domain, version, xact) VALUES ($1, 1, txid_current())
     ON CONFLICT (domain) DO UPDATE SET version = d.version + 1, xact = EXCLUDED.xact
     WHERE d.xact IS DISTINCT FROM EXCLUDED.xact`,
    [domain],
  );
}
