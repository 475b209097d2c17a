/**
 * The fallback for SCB tables only the older PxWeb API v1 serves: a table path (`BE/BE0101/BE0101A/BefolkningNy`),
 * metadata as `{ title, variables: [{ code, text, values, valueTexts, elimination, time }] }`, and data by POST with
 * `{ query: [{ code, selection: { filter: 'item', values } }], response: { format: 'json-stat2' } }`. Same limits,
 * pacing and retries as v2; answers are read into the same shapes.
 */
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { parseJsonStat, JsonStatError } from '../../core/imports/jsonstat.ts';
import type { PxConfig, Selection, TableMetadata } from '../../core/imports/pxweb.ts';
import { describeRequest, expectShape, PacedClient, type HttpDeps, type JsonRequest } from './http.ts';

export const SCB_V1_DEFAULT_API = 'https://api.scb.se/OV0104/v1/doris/sv/ssd';

const V1Config = z
  .object({
    maxCalls: z.number(),
    timeWindow: z.number(),
    maxCells: z.number().optional(),
    maxValues: z.number().optional(),
  })
  .loose();

const V1Metadata = z
  .object({
    title: z.string(),
    variables: z.array(
      z
        .object({
          code: z.string(),
          text: z.string(),
          values: z.array(z.string()),
          valueTexts: z.array(z.string()),
          elimination: z.boolean().optional(),
          time: z.boolean().optional(),
        })
        .loose(),
    ),
  })
  .loose();

export class ScbV1Client extends PacedClient {
  private config: PxConfig | null = null;
  constructor(base: string, http: HttpDeps) {
    super(base, http, 30, 10_000); // until the API's own config says otherwise
  }
  async limits(): Promise<PxConfig> {
    if (this.config) return this.config;
    const r: JsonRequest = { method: 'GET', url: `${this.base}/?config` };
    const c = expectShape(r, await this.send(r), V1Config);
    this.config = {
      apiVersion: '1',
      maxDataCells: c.maxCells ?? c.maxValues ?? 150_000,
      maxCallsPerTimeWindow: c.maxCalls,
      timeWindow: c.timeWindow,
    };
    this.limiter.configure(c.maxCalls, c.timeWindow * 1000);
    return this.config;
  }
  private tableUrl(table: string): string {
    return `${this.base}/${table.split('/').map(encodeURIComponent).join('/')}`;
  }
  async metadata(table: string): Promise<TableMetadata> {
    await this.limits();
    const r: JsonRequest = { method: 'GET', url: this.tableUrl(table) };
    const m = expectShape(r, await this.send(r), V1Metadata);
    return {
      id: table,
      label: m.title,
      source: 'SCB',
      updated: null,
      variables: m.variables.map((v) => ({
        code: v.code,
        label: v.text,
        role: v.time ? 'time' : v.code === 'ContentsCode' ? 'metric' : /^region$/i.test(v.code) ? 'geo' : 'regular',
        elimination: v.elimination ?? false,
        values: v.values.map((code, i) => ({ code, label: v.valueTexts[i] ?? code })),
      })),
    };
  }
  async data(table: string, selection: Selection[]) {
    await this.limits();
    const r: JsonRequest = {
      method: 'POST',
      url: this.tableUrl(table),
      body: {
        query: selection.map((s) => ({ code: s.variableCode, selection: { filter: 'item', values: s.valueCodes } })),
        response: { format: 'json-stat2' },
      },
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
