/** Re-running every saved connector query (next year's figures, revisions, Kolada's changes since the last run). */
import type { Database } from '../../db/database.ts';
import { listSavedQueries } from '../../db/repositories/imports.ts';
import type { AuditActor } from '../audit.ts';
import type { HttpDeps } from './http.ts';
import { fetchKolada, KoladaClient, type KoladaQuery } from './kolada.ts';
import { fetchScb, ScbClient, type FetchResult, type ScbQuery } from './scb.ts';

export interface ConnectorSettings {
  scbApi: string;
  koladaApi: string;
  http: HttpDeps;
}

export interface RefreshItem {
  id: number;
  label: string;
  result: FetchResult | null;
  error: string | null;
}

/** Each saved query in its own transaction: one failing source does not hold back the others. */
export async function refreshSavedQueries(
  db: Database,
  settings: ConnectorSettings,
  ctx: { now: Date; actor: AuditActor | null },
): Promise<RefreshItem[]> {
  const out: RefreshItem[] = [];
  for (const q of await listSavedQueries(db)) {
    const opts = { now: ctx.now, actor: ctx.actor, save: false, publication: 'published' as const, savedQueryId: q.id };
    try {
      const result =
        q.connector === 'scb'
          ? await fetchScb(db, new ScbClient(settings.scbApi, settings.http), q.params as unknown as ScbQuery, opts)
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
