import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../src/db/database.ts';
import {
  readShipped,
  readShippedManifest,
  shippedReferenceDir,
  writeShipped,
} from '../../src/importers/reference/shipped.ts';
import { referenceChecksum } from '../../src/importers/stockholm-reference.ts';
import { bootstrap } from '../../src/services/bootstrap.ts';
import { buildShippedReference } from '../../src/services/indicators/reference-build.ts';
import { silentProgress } from '../../src/services/progress.ts';
import { loadConfig } from '../../src/cli/config.ts';
import { openApp } from '../../src/cli/runtime.ts';
import { engines, freshDatabase } from '../helpers/db.ts';
import { FIXED_NOW } from '../helpers/app.ts';
import { dataDir, hasData } from '../helpers/paths.ts';

const STOCKHOLM_2022 = 984748;

async function desoPopulation(db: Database): Promise<{ n: number; sum: number }> {
  const [row] = await db.query<{ n: number; sum: string }>(
    `SELECT count(*)::int AS n, sum(o.value)::text AS sum
       FROM area a JOIN observation o ON o.division_id = a.division_id AND o.area_code = a.code
      WHERE a.division_id = 'deso' AND o.indicator_id = 'population' AND o.period = '2022' AND o.breakdown = ''`,
  );
  return { n: row!.n, sum: Number(row!.sum) };
}

describe('the shipped reference dataset (data/reference/stockholm)', () => {
  it('records sources, licences, the extraction date and the raw checksum, and stays small', () => {
    const m = readShippedManifest();
    assert.match(m.extractedAt, /^\d{4}-\d{2}-\d{2}$/);
    assert.deepEqual(
      m.sources.map((s) => [s.id, s.licence]),
      [
        ['stockholm-stad', 'CC0'],
        ['scb', 'CC BY 4.0'],
        ['polisen', null],
      ],
    );
    assert.equal(m.counts.deso, 544);
    assert.equal(m.counts.stadsdelar, 117);
    const { inputs } = readShipped();
    assert.equal(inputs.key.length, 544);
    assert.ok(inputs.policeLists.length >= 2);
  });

  it(
    'equals what the importers make from the raw files',
    { skip: !hasData && `no raw data directory at ${dataDir}: set FARDPLAN_DATA_DIR to compare` },
    async () => {
      const shipped = readShipped();
      assert.equal(shipped.manifest.rawChecksum, referenceChecksum(dataDir).checksum, 'built from these raw files');
      const fresh = await buildShippedReference(dataDir, () => FIXED_NOW);
      const dir = mkdtempSync(join(tmpdir(), 'fardplan-shipped-'));
      try {
        writeShipped(dir, fresh.files);
        const rebuilt = readShipped(dir);
        assert.deepEqual({ ...rebuilt.manifest, extractedAt: '' }, { ...shipped.manifest, extractedAt: '' });
        assert.deepEqual(rebuilt.inputs, shipped.inputs);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('refuses a damaged part, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fardplan-shipped-'));
    try {
      const { inputs, manifest } = readShipped();
      writeShipped(dir, {
        'manifest.json': Buffer.from(
          JSON.stringify({
            ...manifest,
            parts: { ...manifest.parts, police: { ...manifest.parts.police, sha256: '0' } },
          }),
        ),
      });
      // the parts themselves are the shipped ones
      writeShipped(
        dir,
        Object.fromEntries(
          Object.values(manifest.parts).map((p) => [p.file, readFileSync(join(shippedReferenceDir, p.file))]),
        ),
      );
      assert.ok(inputs.tables.length > 0);
      assert.throws(() => readShipped(dir), /police\.json\.gz: the content does not match/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

for (const engine of engines()) {
  describe(`a fresh start with no data directory (${engine})`, () => {
    let db: Database | undefined;
    after(async () => db?.close());

    it('loads the shipped Stockholm: 544 DeSO whose 2022 population sums to 984,748, and the Police counts', async () => {
      db = await freshDatabase(engine);
      const r = await bootstrap(db, { dataDir: null, progress: silentProgress, now: () => FIXED_NOW });
      assert.deepEqual(
        r.skipped.filter((s) => s.id === 'stockholm-reference'),
        [],
      );
      const { n, sum } = await desoPopulation(db);
      assert.equal(n, 544);
      assert.equal(sum, STOCKHOLM_2022);
      const [city] = await db.query<{ value: string }>(
        `SELECT value FROM observation WHERE indicator_id = 'population' AND division_id = 'kommun' AND period = '2022' AND breakdown = ''`,
      );
      assert.equal(Number(city!.value), STOCKHOLM_2022);
      const police = await db.query<{ period: string; value: string }>(
        `SELECT period, value FROM observation WHERE indicator_id = 'polisen.utsatta-omraden.stockholm' AND division_id = 'kommun' ORDER BY period`,
      );
      assert.deepEqual(
        police.map((p) => p.period),
        ['2023', '2025'],
      );
      const [batch] = await db.query<{ description: string }>(
        `SELECT description FROM import_batch WHERE dataset = 'stockholm-reference'`,
      );
      assert.match(batch!.description, /shipped with Färdplan \(extracted \d{4}-\d{2}-\d{2}\)/);
    });
  });
}

describe('npm start on a fresh clone (the data directory setting unset)', () => {
  it('serves Stockholm from the shipped dataset', async () => {
    const pgliteDir = mkdtempSync(join(tmpdir(), 'fardplan-fresh-'));
    const env: NodeJS.ProcessEnv = { ...process.env, FARDPLAN_PGLITE_DIR: pgliteDir };
    delete env.FARDPLAN_DATA_DIR;
    delete env.DATABASE_URL;
    // a clone with no ../shared beside it: the runtime gets no data directory
    const config = { ...loadConfig(env), dataDir: null };
    const { app, close } = await openApp(config, silentProgress);
    try {
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/indicators/population/values?division=deso&period=2022',
      });
      assert.equal(res.statusCode, 200);
      const body = res.json() as { values: { value: number | null }[]; city: { value: number } };
      assert.equal(body.values.length, 544);
      assert.equal(
        body.values.reduce((s, v) => s + (v.value ?? 0), 0),
        STOCKHOLM_2022,
      );
      assert.equal(body.city.value, STOCKHOLM_2022);
    } finally {
      await close();
      rmSync(pgliteDir, { recursive: true, force: true });
    }
  });
});
