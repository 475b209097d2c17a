/**
 * SCB Statistikdatabasen through PxWebApi 2.0: search tables, read a table's metadata, fetch JSON-stat 2.0
 * data (split to stay under the cell limit, paced by the request limit) and record it as a batch with source
 * `SCB, <table title>, <table id>`. Everything is fetched before anything is written; the write is one
 * transaction, so a failed request leaves the database as it was.
 */
import type { Database, Queryable } from '../../db/database.ts';
import { AppError } from '../../core/errors.ts';
import { parseJsonStat, JsonStatError } from '../../core/imports/jsonstat.ts';
import {
  PxConfig,
  PxTablesResponse,
  readTableMetadata,
  scbObservations,
  splitSelection,
  type RegionRef,
  type Selection,
  type TableMetadata,
} from '../../core/imports/pxweb.ts';
import { regsoCode } from '../../core/geo/stockholm.ts';
import type { Indicator, Observation } from '../../core/types.ts';
import { describeRequest, expectShape, PacedClient, type HttpDeps, type JsonRequest } from './http.ts';
import { ensurePlaces, type PlaceInput } from './places.ts';
import { applyImport, type ApplyResult } from './apply.ts';
import { saveQuery, markQueryRun } from '../../db/repositories/imports.ts';
import type { AuditActor } from '../audit.ts';
import { refreshPlannerStatistics } from '../../db/repositories/datasets.ts';

export const SCB_DEFAULT_API = 'https://api.scb.se/OV0104/v2beta/api/v2';

export interface ScbQuery {
  table: string;
  /** Region codes, or `deso:<kommun>` / `regso:<kommun>` for all of a municipality's DeSO or RegSO. */
  regions: string[];
  /** Contents codes, each optionally `CODE=indicator-id`. */
  contents: string[];
  /** Periods (`2022`), or empty for all. */
  years: string[];
  /** Other variables: code → value codes. Eliminable variables left out give SCB's total. */
  select?: Record<string, string[]>;
}

export class ScbClient extends PacedClient {
  private config: PxConfig | null = null;
  constructor(base: string, http: HttpDeps) {
    super(base, http, 30, 10_000); // until the API's own config says otherwise
  }
  async limits(): Promise<PxConfig> {
    if (this.config) return this.config;
    const r: JsonRequest = { method: 'GET', url: `${this.base}/config` };
    this.config = expectShape(r, await this.send(r), PxConfig);
    this.limiter.configure(this.config.maxCallsPerTimeWindow, this.config.timeWindow * 1000);
    return this.config;
  }
  async search(query: string, pageNumber = 1, pageSize = 20): Promise<PxTablesResponse> {
    await this.limits();
    const q = new URLSearchParams({ query, lang: 'sv', pageNumber: String(pageNumber), pageSize: String(pageSize) });
    const r: JsonRequest = { method: 'GET', url: `${this.base}/tables?${q}` };
    return expectShape(r, await this.send(r), PxTablesResponse);
  }
  async metadata(table: string): Promise<TableMetadata> {
    await this.limits();
    const r: JsonRequest = {
      method: 'GET',
      url: `${this.base}/tables/${encodeURIComponent(table)}/metadata?lang=sv&outputFormat=json-stat2`,
    };
    const body = await this.send(r);
    try {
      return readTableMetadata(table, body);
    } catch (err) {
      throw new AppError(
        'import_failed',
        `${describeRequest(r)}: not a table's metadata (${(err as Error).message.slice(0, 300)})`,
        [{ file: describeRequest(r), message: 'not a table metadata document' }],
      );
    }
  }
  async data(table: string, selection: Selection[]) {
    await this.limits();
    const r: JsonRequest = {
      method: 'POST',
      url: `${this.base}/tables/${encodeURIComponent(table)}/data?lang=sv&outputFormat=json-stat2`,
      body: { selection },
    };
    const body = await this.send(r);
    try {
      return { request: describeRequest(r), data: parseJsonStat(body, describeRequest(r)) };
    } catch (err) {
      if (err instanceof JsonStatError)
        throw new AppError(
          'import_failed',
          `${describeRequest(r)}: not JSON-stat 2.0 (${err.message.slice(0, 300)})`,
          err.problems,
        );
      throw err;
    }
  }
}

function expandRegions(meta: TableMetadata, geoCode: string, wanted: string[]): string[] {
  const all = meta.variables.find((v) => v.code === geoCode)!.values.map((v) => v.code);
  const out = new Set<string>();
  for (const w of wanted) {
    const m = /^(deso|regso):(\d{4})$/.exec(w);
    if (!m) {
      if (!all.includes(w))
        throw new AppError('validation_failed', `region ${w} is not in SCB table ${meta.id}`, [
          { field: 'regions', message: `unknown region ${w}` },
        ]);
      out.add(w);
      continue;
    }
    const re = m[1] === 'deso' ? new RegExp(`^${m[2]}[ABC]\\d{4}`) : new RegExp(`^${m[2]}R\\d{3}`);
    for (const c of all) if (re.test(c)) out.add(c);
  }
  return [...out];
}

export function parseContents(table: string, contents: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const c of contents) {
    const [code, indicator] = c.split('=');
    map.set(code!.trim(), (indicator?.trim() || `scb-${table}-${code}`).toLowerCase());
  }
  return map;
}

/** The selection for a query, checked against the table's metadata. */
export function buildSelection(meta: TableMetadata, q: ScbQuery, contents: Map<string, string>): Selection[] {
  const byRole = (role: string) => meta.variables.find((v) => v.role === role);
  const geo = byRole('geo') ?? meta.variables.find((v) => /^region$/i.test(v.code));
  const time = byRole('time') ?? meta.variables.find((v) => /^tid$/i.test(v.code));
  const metric = byRole('metric') ?? meta.variables.find((v) => /^contentscode$/i.test(v.code));
  if (!geo || !time || !metric)
    throw new AppError('validation_failed', `SCB table ${meta.id} has no region, time or contents variable`);
  const sel: Selection[] = [];
  for (const v of meta.variables) {
    if (v === geo) sel.push({ variableCode: v.code, valueCodes: expandRegions(meta, v.code, q.regions) });
    else if (v === time)
      sel.push({ variableCode: v.code, valueCodes: q.years.length ? q.years : v.values.map((x) => x.code) });
    else if (v === metric) {
      const unknown = [...contents.keys()].filter((c) => !v.values.some((x) => x.code === c));
      if (unknown.length)
        throw new AppError('validation_failed', `contents ${unknown.join(', ')} not in SCB table ${meta.id}`, [
          { field: 'contents', message: `unknown contents ${unknown.join(', ')}` },
        ]);
      sel.push({ variableCode: v.code, valueCodes: [...contents.keys()] });
    } else if (q.select?.[v.code]) sel.push({ variableCode: v.code, valueCodes: q.select[v.code]! });
    else if (!v.elimination) sel.push({ variableCode: v.code, valueCodes: v.values.map((x) => x.code) });
  }
  return sel;
}

function indicatorsFor(meta: TableMetadata, contents: Map<string, string>): Indicator[] {
  const metric = meta.variables.find((v) => v.role === 'metric' || /^contentscode$/i.test(v.code))!;
  return [...contents].map(([code, id]) => {
    const value = metric.values.find((v) => v.code === code);
    const unit = value?.unit ?? '';
    const label = value?.label ?? code;
    return {
      id,
      nameSv: label,
      nameEn: label,
      definitionSv: `SCB, ${meta.label}, ${meta.id}`,
      definitionEn: `Statistics Sweden, ${meta.label}, ${meta.id}`,
      unit: unit || 'antal',
      kind: /procent|andel/i.test(unit + label) ? 'share' : 'count',
      polarity: 'neutral',
      sourceId: null,
      numeratorId: null,
      denominatorId: null,
      multiplier: 1,
      decimals: /procent|andel/i.test(unit + label) ? 1 : 0,
    };
  });
}

const placeOf = (r: RegionRef): PlaceInput => ({
  divisionId: r.divisionId,
  code: r.areaCode,
  name: r.name,
  kommunCode: r.kommunCode,
});

export interface FetchOptions {
  now: Date;
  actor: AuditActor | null;
  save: boolean;
  publication: 'draft' | 'published';
  savedQueryId?: number | null;
}

export interface FetchResult extends Omit<ApplyResult, 'changes'> {
  requests: number;
  values: number;
  label: string;
}

/** Fetches everything first, then writes in one transaction. */
/** What fetchScb needs of a client: PxWebApi 2.0 (ScbClient) or the v1 fallback (ScbV1Client). */
export type PxClient = Pick<ScbClient, 'limits' | 'metadata' | 'data' | 'requests'>;

/** A table path (`BE/BE0101/…`) is a PxWeb v1 table; an id (`TAB638`) a v2 table. */
export const isV1Table = (table: string): boolean => table.includes('/');

export async function fetchScb(db: Database, client: PxClient, q: ScbQuery, opts: FetchOptions): Promise<FetchResult> {
  const limits = await client.limits();
  const meta = await client.metadata(q.table);
  const contents = parseContents(q.table.split('/').at(-1)!, q.contents);
  const selection = buildSelection(meta, q, contents);
  const observations: Observation[] = [];
  const regions = new Map<string, RegionRef>();
  for (const part of splitSelection(selection, limits.maxDataCells)) {
    const { request, data } = await client.data(q.table, part);
    const mapped = scbObservations(
      data,
      { tableId: q.table, title: meta.label, indicators: contents, regsoCodeOf: regsoCode },
      request,
    );
    if (mapped.problems.length)
      throw new AppError('import_failed', `${request}: ${mapped.problems[0]!.message}`, mapped.problems);
    observations.push(...mapped.observations);
    for (const r of mapped.regions) regions.set(`${r.divisionId}/${r.areaCode}`, r);
  }
  const result = await db.transaction(async (tx: Queryable) => {
    await ensurePlaces(tx, [...regions.values()].map(placeOf), indicatorsFor(meta, contents));
    const savedId = opts.save
      ? await saveQuery(tx, {
          connector: 'scb',
          label: `SCB ${q.table}: ${meta.label}`,
          params: { ...q },
          paramsKey: JSON.stringify(q),
          at: opts.now,
        })
      : (opts.savedQueryId ?? null);
    const applied = await applyImport(
      tx,
      {
        dataset: `scb-${q.table}`,
        description: `SCB, ${meta.label}, ${q.table}`,
        sourceKind: 'scb',
        fileName: null,
        publication: opts.publication,
        observations,
        savedQueryId: savedId,
      },
      { now: opts.now, actor: opts.actor },
    );
    if (savedId !== null) await markQueryRun(tx, savedId, opts.now, applied.batchId, null);
    return applied;
  });
  if (result.batchId !== null && opts.publication === 'published') await refreshPlannerStatistics(db);
  return {
    batchId: result.batchId,
    summary: result.summary,
    requests: client.requests,
    values: observations.length,
    label: meta.label,
  };
}
