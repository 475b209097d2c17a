/** Re-running every saved connector query (next year's figures, revisions, Kolada's changes since the last run). */
import type { Database } from '../../db/database.ts';
import { listSavedQueries } from '../../db/repositories/imports.ts';
import { authorise, type CommandContext } from '../acting.ts';
import { defaultHttpDeps, type HttpDeps } from './http.ts';
import { fetchKolada, KoladaClient, KOLADA_DEFAULT_API, type KoladaQuery } from './kolada.ts';
import {
  fetchScb,
  isV1Table,
  ScbClient,
  SCB_DEFAULT_API,
  type FetchResult,
  type PxClient,
  type ScbQuery,
} from './scb.ts';
import { ScbV1Client, SCB_V1_DEFAULT_API } from './scb-v1.ts';

export interface ConnectorSettings {
  scbApi: string;
  /** PxWeb API v1, for tables given as paths (the fallback for tables v2 does not serve). */
  scbApiV1: string;
  koladaApi: string;
  http: HttpDeps;
}

export interface RefreshItem {
  id: number;
  label: string;
  result: FetchResult | null;
  error: string | null;
}

/** The saved SCB and Kolada queries that a refresh re-runs. */
export async function savedQueries(db: Database) {
  return listSavedQueries(db);
}

/** Each saved query in its own transaction: one failing source does not hold back the others. */
export async function refreshSavedQueries(
  db: Database,
  settings: ConnectorSettings,
  ctx: CommandContext,
): Promise<RefreshItem[]> {
  const { audit } = await authorise(db, ctx.user, 'imports:write');
  const out: RefreshItem[] = [];
  for (const q of await listSavedQueries(db)) {
    const opts = { now: ctx.now, actor: audit, save: false, publication: 'published' as const, savedQueryId: q.id };
    try {
      const result =
        q.connector === 'scb'
          ? await fetchScb(
              db,
              scbClientFor((q.params as unknown as ScbQuery).table, settings),
              q.params as unknown as ScbQuery,
              opts,
            )
          : await fetchKolada(
              db,
              new KoladaClient(settings.koladaApi, settings.http),
              { ...(q.params as unknown as KoladaQuery), fromDate: q.lastFromDate },
              opts,
            );
      out.push({ id: q.id, label: q.label, result, error: null });
    } catch (err) {
      out.push({ id: q.id, label: q.label, result: null, error: (err as Error).message });
    }
  }
  return out;
}

export function scbClientFor(table: string, settings: ConnectorSettings): PxClient {
  return isV1Table(table)
    ? new ScbV1Client(settings.scbApiV1, settings.http)
    : new ScbClient(settings.scbApi, settings.http);
}

/** The connectors' base URLs (FARDPLAN_SCB_API, FARDPLAN_SCB_API_V1, FARDPLAN_KOLADA_API) and HTTP settings. */
export function connectorSettings(env: NodeJS.ProcessEnv = process.env): ConnectorSettings {
  const base = (v: string | undefined, d: string) => (v || d).replace(/\/+$/, '');
  return {
    scbApi: base(env.FARDPLAN_SCB_API, SCB_DEFAULT_API),
    scbApiV1: base(env.FARDPLAN_SCB_API_V1, SCB_V1_DEFAULT_API),
    koladaApi: base(env.FARDPLAN_KOLADA_API, KOLADA_DEFAULT_API),
    http: defaultHttpDeps(env),
  };
}
