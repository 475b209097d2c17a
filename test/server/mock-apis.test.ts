/**
 * The local stand-in for SCB and Kolada answers in the documented shapes: its answers have the same fields as
 * the recorded examples in test/fixtures/apis (taken from the APIs' documentation), and the clients' schemas
 * accept the recorded examples.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/paths.ts';
import { startMockApis, type MockApis } from '../helpers/mock-apis.ts';
import { populationTable, seedKolada, SCB_TABLE } from '../helpers/connector-fixture.ts';
import { PxConfig, PxTablesResponse } from '../../src/core/imports/pxweb.ts';
import { KoladaDataPage } from '../../src/core/imports/kolada.ts';

const recorded = (name: string): unknown =>
  JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'apis', name), 'utf8')) as unknown;

/** The set of key paths in a JSON value (array items merged). */
function shape(x: unknown, prefix = ''): Set<string> {
  const out = new Set<string>();
  if (Array.isArray(x)) for (const item of x) for (const k of shape(item, `${prefix}[]`)) out.add(k);
  else if (x && typeof x === 'object')
    for (const [k, v] of Object.entries(x)) {
      out.add(`${prefix}.${k}`);
      for (const s of shape(v, `${prefix}.${k}`)) out.add(s);
    }
  return out;
}

describe('mock SCB and Kolada APIs', () => {
  let api: MockApis;
  before(async () => {
    api = await startMockApis();
    api.scbTables.set(SCB_TABLE, populationTable());
    seedKolada(api);
  });
  after(async () => api.close());

  const get = async (path: string) => (await fetch(`${api.url}${path}`)).json() as Promise<unknown>;

  it('answers /config and /tables with the documented fields', async () => {
    const config = shape(await get('/scb/config'));
    const documented = shape(recorded('scb-v2-config.json'));
    assert.deepEqual(
      [...documented].filter((k) => !config.has(k)),
      [],
      'every documented field is answered',
    );
    assert.deepEqual(
      [...config].filter((k) => !documented.has(k)),
      ['.appVersion'],
    );
    const tables = shape(await get('/scb/tables?query=folkm%C3%A4ngd'));
    for (const k of shape(recorded('scb-v2-tables.json'))) assert.ok(tables.has(k), `missing ${k}`);
    assert.ok(PxConfig.safeParse(recorded('scb-v2-config.json')).success);
    assert.ok(PxTablesResponse.safeParse(recorded('scb-v2-tables.json')).success);
  });

  it('answers Kolada data pages with the documented fields', async () => {
    const page = shape(await get('/kolada/data/kpi/N15428/municipality/0180/year/2023'));
    for (const k of shape(recorded('kolada-v3-data.json'))) assert.ok(page.has(k), `missing ${k}`);
    assert.ok(KoladaDataPage.safeParse(recorded('kolada-v3-data.json')).success);
  });
});
