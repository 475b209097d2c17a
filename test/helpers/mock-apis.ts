/**
 * A local stand-in for SCB's PxWebApi 2.0 (under /scb) and Kolada's API v3 (under /kolada), answering with
 * responses shaped like the documented ones (recorded shapes in test/fixtures/apis): /config, /tables,
 * table metadata and JSON-stat 2.0 data for SCB; paged KPI, municipality, OU and data lists with `next_url`
 * for Kolada. Tests change the data between runs (revisions) and script failures: 429, 503, 500 and
 * malformed bodies for the next matching requests.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScbTable {
  id: string;
  label: string;
  /** Variables in order; the first with role geo, one metric, one time. */
  variables: {
    code: string;
    label: string;
    role?: 'geo' | 'time' | 'metric';
    elimination: boolean;
    /** Used when the variable is left out of a selection. */
    eliminationValueCode?: string;
    values: { code: string; label: string; unit?: string }[];
  }[];
  /** Cell values keyed by the value codes in variable order joined with '|'; missing keys are '..'. */
  cells: Map<string, number | null>;
}

export interface KoladaRow {
  kpi: string;
  municipality?: string;
  ou?: string;
  period: number;
  gender: 'T' | 'K' | 'M';
  value: number | null;
  /** YYYY-MM-DD: when Kolada last changed the value. */
  updated: string;
  deleted?: boolean;
}

interface Failure {
  match: RegExp;
  status?: number;
  body?: string;
  retryAfter?: string;
  times: number;
}

export interface MockApis {
  url: string;
  scbTables: Map<string, ScbTable>;
  /** PxWeb API v1 tables (under /scb-v1), keyed by table path. */
  scbV1Tables: Map<string, ScbTable>;
  scbConfig: { maxDataCells: number; maxCallsPerTimeWindow: number; timeWindow: number };
  kolada: {
    kpis: { id: string; title: string; description: string; is_divided_by_gender: boolean }[];
    municipalities: { id: string; title: string; type: string }[];
    ous: { id: string; title: string; municipality: string }[];
    rows: KoladaRow[];
    /** The server's page size (Kolada's is at most 5000; small here so that paging is exercised). */
    pageSize: number;
  };
  /** Every request: method, path with query, body. */
  log: { method: string; url: string; body: unknown }[];
  failNext(f: Failure): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

const problem = (status: number, title: string) => ({ type: 'https://tools.ietf.org/html/rfc7231', title, status });

function scbMetadata(t: ScbTable) {
  const dimension: Record<string, unknown> = {};
  for (const v of t.variables) {
    dimension[v.code] = {
      label: v.label,
      category: {
        index: Object.fromEntries(v.values.map((x, i) => [x.code, i])),
        label: Object.fromEntries(v.values.map((x) => [x.code, x.label])),
        ...(v.role === 'metric'
          ? { unit: Object.fromEntries(v.values.map((x) => [x.code, { base: x.unit ?? 'antal', decimals: 0 }])) }
          : {}),
      },
      extension: {
        elimination: v.elimination,
        ...(v.eliminationValueCode ? { eliminationValueCode: v.eliminationValueCode } : {}),
        show: 'value',
      },
    };
  }
  const role = (r: string) => t.variables.filter((v) => v.role === r).map((v) => v.code);
  return {
    version: '2.0',
    class: 'dataset',
    href: `/tables/${t.id}/metadata`,
    label: t.label,
    source: 'SCB',
    updated: '2025-02-21T07:00:00Z',
    id: t.variables.map((v) => v.code),
    size: t.variables.map((v) => v.values.length),
    role: { time: role('time'), geo: role('geo'), metric: role('metric') },
    dimension,
    extension: { px: { language: 'sv', tableid: t.id, decimals: 0 } },
  };
}

function scbData(t: ScbTable, selection: { variableCode: string; valueCodes: string[] }[]) {
  const chosen = t.variables
    .map((v) => {
      const s = selection.find((x) => x.variableCode === v.code);
      if (s) return { v, codes: s.valueCodes, kept: true };
      return { v, codes: [v.eliminationValueCode ?? v.values[v.values.length - 1]!.code], kept: false };
    })
    .filter((c) => c.kept || !c.v.elimination);
  const all = t.variables.map((v) => {
    const s = selection.find((x) => x.variableCode === v.code);
    return s ? s.valueCodes : [v.eliminationValueCode ?? v.values[v.values.length - 1]!.code];
  });
  const value: (number | null)[] = [];
  const status: Record<string, string> = {};
  const total = all.reduce((n, c) => n * c.length, 1);
  const pos = all.map(() => 0);
  for (let i = 0; i < total; i++) {
    const key = all.map((codes, d) => codes[pos[d]!]).join('|');
    const v = t.cells.has(key) ? t.cells.get(key)! : null;
    value.push(v);
    if (v === null) status[String(i)] = '..';
    for (let d = all.length - 1; d >= 0; d--) {
      pos[d]!++;
      if (pos[d]! < all[d]!.length) break;
      pos[d] = 0;
    }
  }
  const dimension: Record<string, unknown> = {};
  for (const c of chosen) {
    dimension[c.v.code] = {
      label: c.v.label,
      category: {
        index: Object.fromEntries(c.codes.map((code, i) => [code, i])),
        label: Object.fromEntries(
          c.codes.map((code) => [code, c.v.values.find((x) => x.code === code)?.label ?? code]),
        ),
      },
    };
  }
  const role = (r: string) => chosen.filter((c) => c.v.role === r).map((c) => c.v.code);
  return {
    version: '2.0',
    class: 'dataset',
    label: t.label,
    source: 'SCB',
    updated: '2025-02-21T07:00:00Z',
    id: chosen.map((c) => c.v.code),
    size: chosen.map((c) => c.codes.length),
    role: { time: role('time'), geo: role('geo'), metric: role('metric') },
    dimension,
    value,
    ...(Object.keys(status).length ? { status } : {}),
  };
}

function koladaPage<T>(base: string, pathWithQuery: URL, items: T[], pageSize: number) {
  const page = Number(pathWithQuery.searchParams.get('page') ?? 1);
  const perPage = Math.min(Number(pathWithQuery.searchParams.get('per_page') ?? 5000), pageSize);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const next = new URL(pathWithQuery.toString());
  next.searchParams.set('page', String(page + 1));
  const prev = new URL(pathWithQuery.toString());
  prev.searchParams.set('page', String(page - 1));
  return {
    count: slice.length,
    values: slice,
    next_url: page * perPage < items.length ? `${base}${next.pathname}${next.search}` : null,
    previous_url: page > 1 ? `${base}${prev.pathname}${prev.search}` : null,
  };
}

const ids = (s: string) => decodeURIComponent(s).split(',');

function koladaData(m: MockApis, url: URL, kind: 'municipality' | 'ou'): unknown {
  const parts = url.pathname.split('/').filter(Boolean); // kolada, data|oudata, kpi, K, municipality|ou, M, year, Y
  const kpis = ids(parts[3]!);
  const places = ids(parts[5]!);
  const years = parts[7] ? ids(parts[7]) : null;
  for (const list of [kpis, places, years ?? []])
    if (list.length > 25) return { status: 400, body: { error: 'at most 25 ids per parameter' } };
  const from = url.searchParams.get('from_date');
  const rows = m.kolada.rows.filter(
    (r) =>
      kpis.includes(r.kpi) &&
      places.includes((kind === 'ou' ? r.ou : r.municipality) ?? '') &&
      (!years || years.includes(String(r.period))) &&
      (from ? r.updated >= from : !r.deleted),
  );
  const grouped = new Map<string, { kpi: string; period: number; values: unknown[]; [k: string]: unknown }>();
  for (const r of rows) {
    const place = kind === 'ou' ? r.ou! : r.municipality!;
    const key = `${r.kpi}|${place}|${r.period}`;
    if (!grouped.has(key)) grouped.set(key, { kpi: r.kpi, [kind]: place, period: r.period, values: [] });
    grouped.get(key)!.values.push({
      count: 1,
      gender: r.gender,
      status: '',
      value: r.deleted ? null : r.value,
      ...(from ? { isdeleted: r.deleted === true } : {}),
    });
  }
  return { status: 200, body: koladaPage(m.url, url, [...grouped.values()], m.kolada.pageSize) };
}

function kolada(m: MockApis, url: URL): { status: number; body: unknown } {
  const p = url.pathname.replace(/^\/kolada/, '');
  let match: RegExpExecArray | null;
  if (p === '/kpi') {
    const title = (url.searchParams.get('title') ?? '').toLowerCase();
    return {
      status: 200,
      body: koladaPage(
        m.url,
        url,
        m.kolada.kpis.filter((k) => k.title.toLowerCase().includes(title)),
        m.kolada.pageSize,
      ),
    };
  }
  if ((match = /^\/kpi\/([^/]+)$/.exec(p))) {
    const want = ids(match[1]!);
    if (want.length > 25) return { status: 400, body: { error: 'at most 25 ids' } };
    return {
      status: 200,
      body: koladaPage(
        m.url,
        url,
        m.kolada.kpis.filter((k) => want.includes(k.id)),
        5000,
      ),
    };
  }
  if ((match = /^\/municipality\/([^/]+)$/.exec(p))) {
    const want = ids(match[1]!);
    return {
      status: 200,
      body: koladaPage(
        m.url,
        url,
        m.kolada.municipalities.filter((k) => want.includes(k.id)),
        5000,
      ),
    };
  }
  if ((match = /^\/ou\/([^/]+)$/.exec(p))) {
    const want = ids(match[1]!);
    return {
      status: 200,
      body: koladaPage(
        m.url,
        url,
        m.kolada.ous.filter((k) => want.includes(k.id)),
        5000,
      ),
    };
  }
  if (/^\/data\/kpi\/[^/]+\/municipality\/[^/]+(\/year\/[^/]+)?$/.test(p))
    return koladaData(m, url, 'municipality') as never;
  if (/^\/oudata\/kpi\/[^/]+\/ou\/[^/]+(\/year\/[^/]+)?$/.test(p)) return koladaData(m, url, 'ou') as never;
  return { status: 404, body: { error: 'not found' } };
}

function scb(m: MockApis, method: string, url: URL, body: unknown): { status: number; body: unknown } {
  const p = url.pathname.replace(/^\/scb/, '');
  let match: RegExpExecArray | null;
  if (p === '/config')
    return {
      status: 200,
      body: {
        apiVersion: '2.0.0',
        appVersion: '2.0.0',
        languages: [
          { id: 'sv', label: 'Svenska' },
          { id: 'en', label: 'English' },
        ],
        defaultLanguage: 'sv',
        ...m.scbConfig,
        sourceReferences: [{ language: 'sv', text: 'Källa: SCB' }],
        license: 'https://creativecommons.org/publicdomain/zero/1.0/',
        defaultDataFormat: 'px',
        dataFormats: ['json-stat2', 'csv', 'px', 'xlsx'],
      },
    };
  if (p === '/tables') {
    const q = (url.searchParams.get('query') ?? '').toLowerCase();
    const tables = [...m.scbTables.values()].filter(
      (t) => t.label.toLowerCase().includes(q) || t.id.toLowerCase() === q,
    );
    return {
      status: 200,
      body: {
        language: 'sv',
        tables: tables.map((t) => ({
          type: 'Table',
          id: t.id,
          label: t.label,
          description: '',
          updated: '2025-02-21T07:00:00Z',
          firstPeriod: t.variables.find((v) => v.role === 'time')!.values[0]!.code,
          lastPeriod: t.variables.find((v) => v.role === 'time')!.values.at(-1)!.code,
          category: 'public',
          variableNames: t.variables.map((v) => v.label),
          discontinued: false,
          links: [],
        })),
        page: { pageNumber: 1, pageSize: 20, totalElements: tables.length, totalPages: 1, links: [] },
        links: [],
      },
    };
  }
  if ((match = /^\/tables\/([^/]+)\/(metadata|data)$/.exec(p))) {
    const t = m.scbTables.get(match[1]!);
    if (!t) return { status: 404, body: problem(404, 'Non-existent table') };
    if (match[2] === 'metadata') return { status: 200, body: scbMetadata(t) };
    if (method !== 'POST') return { status: 405, body: problem(405, 'Use POST') };
    const sel = (body as { selection?: { variableCode: string; valueCodes: string[] }[] })?.selection ?? [];
    const cells = t.variables.reduce((n, v) => {
      const s = sel.find((x) => x.variableCode === v.code);
      return n * (s ? s.valueCodes.length : 1);
    }, 1);
    if (cells > m.scbConfig.maxDataCells) return { status: 403, body: problem(403, 'Too many cells selected') };
    return { status: 200, body: scbData(t, sel) };
  }
  return { status: 404, body: problem(404, 'Not found') };
}

/** PxWeb API v1: `?config`, GET a table path for metadata, POST a query for JSON-stat 2.0 data. */
function scbV1(m: MockApis, method: string, url: URL, body: unknown): { status: number; body: unknown } {
  const path = decodeURIComponent(url.pathname.replace(/^\/scb-v1\/?/, ''));
  if (path === '' && url.search === '?config')
    return {
      status: 200,
      body: {
        maxValues: m.scbConfig.maxDataCells,
        maxCells: m.scbConfig.maxDataCells,
        maxCalls: 30,
        timeWindow: 10,
        CORS: true,
      },
    };
  const t = m.scbV1Tables.get(path);
  if (!t) return { status: 404, body: { error: 'Not found' } };
  if (method === 'GET')
    return {
      status: 200,
      body: {
        title: t.label,
        variables: t.variables.map((v) => ({
          code: v.code,
          text: v.label,
          values: v.values.map((x) => x.code),
          valueTexts: v.values.map((x) => x.label),
          ...(v.elimination ? { elimination: true } : {}),
          ...(v.role === 'time' ? { time: true } : {}),
        })),
      },
    };
  const q = body as {
    query?: { code: string; selection: { filter: string; values: string[] } }[];
    response?: { format?: string };
  };
  if (q?.response?.format !== 'json-stat2') return { status: 400, body: { error: 'format' } };
  const data = scbData(
    t,
    (q.query ?? []).map((x) => ({ variableCode: x.code, valueCodes: x.selection.values })),
  );
  // v1's JSON-stat 2.0 names the time and contents roles only.
  return { status: 200, body: { ...data, role: { time: data.role.time, metric: data.role.metric } } };
}

export async function startMockApis(): Promise<MockApis> {
  const failures: Failure[] = [];
  const m: MockApis = {
    url: '',
    scbTables: new Map(),
    scbV1Tables: new Map(),
    scbConfig: { maxDataCells: 150_000, maxCallsPerTimeWindow: 30, timeWindow: 10 },
    kolada: { kpis: [], municipalities: [], ous: [], rows: [], pageSize: 5000 },
    log: [],
    failNext: (f) => failures.push({ ...f }),
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        return send(res, 400, problem(400, 'Invalid JSON'));
      }
      const url = new URL(req.url ?? '/', m.url);
      m.log.push({ method: req.method ?? 'GET', url: `${url.pathname}${url.search}`, body });
      const f = failures.find((x) => x.times > 0 && x.match.test(`${req.method} ${url.pathname}${url.search}`));
      if (f) {
        f.times--;
        if (f.body !== undefined) return send(res, f.status ?? 200, f.body);
        return send(
          res,
          f.status ?? 500,
          problem(f.status ?? 500, 'Scripted failure'),
          f.retryAfter ? { 'retry-after': f.retryAfter } : {},
        );
      }
      const out = url.pathname.startsWith('/scb-v1')
        ? scbV1(m, req.method ?? 'GET', url, body)
        : url.pathname.startsWith('/scb')
          ? scb(m, req.method ?? 'GET', url, body)
          : kolada(m, url);
      send(res, out.status, out.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  m.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return m;
}
