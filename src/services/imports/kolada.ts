/**
 * Kolada API v3: KPI search, values per municipality and per organisational unit, following `next_url`
 * page by page, at most 25 ids in each path parameter, incremental updates with `from_date` and deleted
 * values. Source `Kolada (RKA), <KPI id>`. Everything is fetched first; the write is one transaction.
 */
import type { Database, Queryable } from '../../db/database.ts';
import {
  chunkIds,
  KOLADA_MAX_PER_PAGE,
  KoladaDataPage,
  KoladaKpiPage,
  KoladaMunicipalityPage,
  KoladaOuPage,
  koladaObservations,
} from '../../core/imports/kolada.ts';
import type { Indicator } from '../../core/types.ts';
import { expectShape, PacedClient, type HttpDeps, type JsonRequest } from './http.ts';
import { ensurePlaces, KOLADA_OU_DIVISION, type PlaceInput } from './places.ts';
import { applyImport } from './apply.ts';
import { markQueryRun, saveQuery } from '../../db/repositories/imports.ts';
import type { FetchOptions, FetchResult } from './scb.ts';
import { refreshPlannerStatistics } from '../../db/repositories/datasets.ts';

export const KOLADA_DEFAULT_API = 'https://api.kolada.se/v3';

export interface KoladaQuery {
  /** KPI ids, each optionally `KPI=indicator-id`. */
  kpis: string[];
  municipalities: string[];
  ous: string[];
  years: string[];
  /** Only values changed since this date (YYYY-MM-DD), with deleted values. */
  fromDate?: string | null;
}

export class KoladaClient extends PacedClient {
  constructor(base: string, http: HttpDeps) {
    super(base, http, 10, 1000); // Kolada documents no request limit; stay polite
  }
  private async pages<T extends { next_url?: string | null }>(
    first: string,
    schema: Parameters<typeof expectShape<T>>[2],
  ): Promise<T[]> {
    const out: T[] = [];
    const seen = new Set<string>();
    let url: string | null | undefined = first;
    while (url && !seen.has(url)) {
      seen.add(url);
      const r: JsonRequest = { method: 'GET', url };
      const page = expectShape(r, await this.send(r), schema);
      out.push(page);
      url = page.next_url;
    }
    return out;
  }
  async searchKpis(title: string) {
    const q = new URLSearchParams({ title, per_page: '100' });
    return (await this.pages(`${this.base}/kpi?${q}`, KoladaKpiPage)).flatMap((p) => p.values);
  }
  async kpis(ids: readonly string[]) {
    const out = [];
    for (const c of chunkIds(ids))
      out.push(...(await this.pages(`${this.base}/kpi/${c.join(',')}`, KoladaKpiPage)).flatMap((p) => p.values));
    return out;
  }
  async municipalities(ids: readonly string[]) {
    const out = [];
    for (const c of chunkIds(ids))
      out.push(
        ...(await this.pages(`${this.base}/municipality/${c.join(',')}`, KoladaMunicipalityPage)).flatMap(
          (p) => p.values,
        ),
      );
    return out;
  }
  async ous(ids: readonly string[]) {
    const out = [];
    for (const c of chunkIds(ids))
      out.push(...(await this.pages(`${this.base}/ou/${c.join(',')}`, KoladaOuPage)).flatMap((p) => p.values));
    return out;
  }
  async data(kind: 'municipality' | 'ou', kpis: string[], places: string[], years: string[], fromDate?: string | null) {
    const pages: KoladaDataPage[] = [];
    const params = new URLSearchParams({ per_page: String(KOLADA_MAX_PER_PAGE) });
    if (fromDate) params.set('from_date', fromDate);
    const root = kind === 'ou' ? 'oudata' : 'data';
    for (const k of chunkIds(kpis))
      for (const p of chunkIds(places))
        for (const y of years.length ? chunkIds(years) : [[]]) {
          const path = `${this.base}/${root}/kpi/${k.join(',')}/${kind}/${p.join(',')}${y.length ? `/year/${y.join(',')}` : ''}`;
          pages.push(...(await this.pages(`${path}?${params}`, KoladaDataPage)));
        }
    return pages;
  }
}

export function parseKpis(kpis: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const k of kpis) {
    const [id, indicator] = k.split('=');
    map.set(id!.trim().toUpperCase(), (indicator?.trim() || `kolada-${id!.trim()}`).toLowerCase());
  }
  return map;
}

export async function fetchKolada(
  db: Database,
  client: KoladaClient,
  q: KoladaQuery,
  opts: FetchOptions,
): Promise<FetchResult> {
  const indicators = parseKpis(q.kpis);
  const kpiIds = [...indicators.keys()];
  const meta = await client.kpis(kpiIds);
  const muni = q.municipalities.length ? await client.municipalities(q.municipalities) : [];
  const ous = q.ous.length ? await client.ous(q.ous) : [];
  const pages = [
    ...(q.municipalities.length
      ? await client.data('municipality', kpiIds, q.municipalities, q.years, q.fromDate)
      : []),
    ...(q.ous.length ? await client.data('ou', kpiIds, q.ous, q.years, q.fromDate) : []),
  ];
  const places: PlaceInput[] = [
    ...q.municipalities.map((m) => ({
      divisionId: 'kommun',
      code: m,
      name: muni.find((x) => x.id === m)?.title ?? m,
      kommunCode: m,
    })),
    ...q.ous.map((o) => {
      const ou = ous.find((x) => x.id === o);
      return { divisionId: KOLADA_OU_DIVISION.id, code: o, name: ou?.title ?? o, kommunCode: ou?.municipality ?? null };
    }),
  ];
  const areas = new Map(places.map((p) => [p.code, { divisionId: p.divisionId, areaCode: p.code }]));
  const observations = koladaObservations(pages, { indicators, areas });
  const defs: Indicator[] = kpiIds.map((k) => {
    const m = meta.find((x) => x.id === k);
    return {
      id: indicators.get(k)!,
      nameSv: m?.title ?? k,
      nameEn: m?.title ?? k,
      definitionSv: m?.description ?? `Kolada (RKA), ${k}`,
      definitionEn: `Kolada (RKA), ${k}`,
      unit: 'värde',
      kind: 'index',
      polarity: 'neutral',
      sourceId: null,
      numeratorId: null,
      denominatorId: null,
      multiplier: 1,
      decimals: 1,
    };
  });
  const result = await db.transaction(async (tx: Queryable) => {
    await ensurePlaces(tx, places, defs);
    const saved = { kpis: q.kpis, municipalities: q.municipalities, ous: q.ous, years: q.years };
    const savedId = opts.save
      ? await saveQuery(tx, {
          connector: 'kolada',
          label: `Kolada ${kpiIds.join(', ')}`,
          params: saved,
          paramsKey: JSON.stringify(saved),
          at: opts.now,
        })
      : (opts.savedQueryId ?? null);
    const applied = await applyImport(
      tx,
      {
        dataset: `kolada-${kpiIds.join('-')}`.slice(0, 200),
        description: `Kolada (RKA), ${kpiIds.join(', ')}`,
        sourceKind: 'kolada',
        fileName: null,
        publication: opts.publication,
        observations,
        savedQueryId: savedId,
      },
      { now: opts.now, actor: opts.actor },
    );
    if (savedId !== null) await markQueryRun(tx, savedId, opts.now, applied.batchId, stockholmDate(opts.now));
    return applied;
  });
  if (result.batchId !== null && opts.publication === 'published') await refreshPlannerStatistics(db);
  return {
    batchId: result.batchId,
    summary: result.summary,
    requests: client.requests,
    values: observations.length,
    label: kpiIds.join(', '),
  };
}

/** The day in Stockholm, for `from_date` on the next run. */
export function stockholmDate(d: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(d);
}
