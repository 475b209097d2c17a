import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../src/core/errors.ts';
import { tableCounts } from '../../src/db/repositories/datasets.ts';
import { readRawReferenceInputs } from '../../src/importers/reference/inputs.ts';
import { readInWorker, readRawReferenceInputsInWorker } from '../../src/importers/reference/worker.ts';
import { rawOrigin, type ReferenceOrigin } from '../../src/importers/reference/source.ts';
import { bootstrap, prepareStartup } from '../../src/services/bootstrap.ts';
import { silentProgress } from '../../src/services/progress.ts';
import { freshDatabase } from '../helpers/db.ts';
import { dataDir, hasData } from '../helpers/paths.ts';

const base = { progress: silentProgress, now: () => new Date() };

describe(
  'a first start reads the raw reference files in a worker while it opens the database',
  {
    skip: !hasData && 'no data directory',
  },
  () => {
    it('reads them in a worker thread: the same inputs and checksum as read in this thread', async () => {
      const ctx = prepareStartup({ ...base, dataDir });
      const reference = ctx.reference!;
      assert.equal(reference.kind, 'raw');
      assert.equal(reference.checksum, rawOrigin(dataDir).checksum);
      const steps: string[] = [];
      assert.deepEqual(await reference.read((s) => steps.push(s)), await readRawReferenceInputs(dataDir));
      assert.deepEqual(steps, ['geography', 'scb tables', 'regso series']);
    });

    it('a worker that runs out of memory is replaced by a read in this thread: the same inputs', async () => {
      // 4 MB of old generation is far too little for exceljs: the worker alone dies, the fallback reads
      await assert.rejects(
        readInWorker(dataDir, () => {}, 4),
        { code: 'ERR_WORKER_OUT_OF_MEMORY' },
      );
      assert.deepEqual(
        await readRawReferenceInputsInWorker(dataDir, () => {}, 4),
        await readRawReferenceInputs(dataDir),
      );
    });

    it('the reference loader writes what was read before, without reading the files again', async () => {
      const prepared = prepareStartup({ ...base, dataDir }).reference!;
      let reads = 0;
      const reference: ReferenceOrigin = {
        ...prepared,
        read: (progress) => {
          reads++;
          return prepared.read(progress);
        },
      };
      const db = await freshDatabase('pglite', { migrate: false });
      try {
        const r = await bootstrap(db, { ...base, dataDir, reference });
        assert.ok(r.loaded.includes('stockholm-reference'));
        assert.equal(reads, 1);
        assert.ok((await tableCounts(db)).observation! > 25000);
      } finally {
        await db.close();
      }
    });

    it("a file the worker cannot read fails as the importer's error, naming the file", async () => {
      const dir = mkdtempSync(join(tmpdir(), 'fardplan-prepare-'));
      try {
        cpSync(dataDir, dir, { recursive: true });
        writeFileSync(join(dir, 'scb', 'deso2018-2022', '000005F8_20240813-152932.xlsx'), 'not a zip');
        const named = (e: unknown): boolean => {
          assert.ok(e instanceof AppError);
          assert.match(e.message, /000005F8_20240813-152932\.xlsx/);
          assert.match(e.details[0]?.message ?? '', /not an xlsx file/);
          return true;
        };
        const reference = prepareStartup({ ...base, dataDir: dir }).reference!;
        await assert.rejects(reference.read(), named);
        // the start itself: the loader fails with that error and writes no statistics
        const db = await freshDatabase('pglite');
        try {
          await assert.rejects(bootstrap(db, prepareStartup({ ...base, dataDir: dir })), named);
          assert.equal((await tableCounts(db)).observation, 0);
        } finally {
          await db.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  },
);

it('without a data directory there is nothing to read before the database opens', async () => {
  const ctx = { ...base, dataDir: null };
  assert.equal(prepareStartup(ctx), ctx);
});
