/**
 * The organisation loader: loads the shipped committees and groups on the first start, adds new
 * records and takes corrections from the file on later starts, and leaves records changed in the
 * app alone. Works before the geography is loaded (no foreign key to area).
 */
import { describe, it, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engines, freshDatabase } from '../helpers/db.ts';
import { repoRoot } from '../helpers/paths.ts';
import type { Database } from '../../src/db/database.ts';
import { organisationLoader } from '../../src/services/committees/loading.ts';
import { updateCommittee } from '../../src/services/committees/commands.ts';
import { SYSTEM_USER } from '../../src/services/acting.ts';
import { silentProgress } from '../../src/services/progress.ts';
import { committeeAreaKeys } from '../../src/db/repositories/users.ts';

const NOW = new Date('2026-06-15T10:00:00Z');

for (const engine of engines()) {
  describe(`organisation loader (${engine})`, () => {
    let db: Database;
    let dir: string;
    before(async () => {
      db = await freshDatabase(engine);
      dir = mkdtempSync(join(tmpdir(), 'fardplan-org-'));
      cpSync(join(repoRoot, 'data', 'organisation'), dir, { recursive: true });
    });
    after(async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const start = async () => {
      const loader = organisationLoader(dir);
      if (await loader.isLoaded(db)) return false;
      await db.transaction((tx) => loader.load(tx, { dataDir: null, progress: silentProgress, now: () => NOW }));
      return true;
    };

    it('loads on the first start, without the geography, and not again on the second', async () => {
      assert.equal(await start(), true);
      const [n] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM committee');
      assert.ok(n!.n >= 40);
      assert.deepEqual(await committeeAreaKeys(db, 'sdn-jarva'), ['stadsdelsomrade-2023:0180D-jarva']);
      assert.equal(await start(), false);
    });

    it('adds new records and corrections from the file, and keeps what was changed in the app', async () => {
      await updateCommittee(db, 'sdn-farsta', { name: 'Farsta SDN (ändrad i appen)' }, { user: SYSTEM_USER, now: NOW });
      const file = join(dir, 'committees.json');
      const doc = JSON.parse(readFileSync(file, 'utf8')) as {
        committees: { id: string; name: { sv: string; en: string } }[];
      };
      for (const c of doc.committees) {
        if (c.id === 'sdn-farsta') c.name.sv = 'Farsta stadsdelsnämnd (rättad i filen)';
        if (c.id === 'socialnamnden') c.name.en = 'Social Services Committee';
      }
      doc.committees.push({
        ...structuredClone(doc.committees.find((c) => c.id === 'kulturnamnden')!),
        id: 'ny-namnd',
        name: { sv: 'Nya nämnden', en: 'The new committee' },
      });
      writeFileSync(file, JSON.stringify(doc));
      assert.equal(await start(), true);
      const rows = await db.query<{ id: string; name: string; name_en: string }>(
        `SELECT id, name, name_en FROM committee WHERE id IN ('sdn-farsta', 'socialnamnden', 'ny-namnd') ORDER BY id`,
      );
      assert.deepEqual(rows, [
        { id: 'ny-namnd', name: 'Nya nämnden', name_en: 'The new committee' },
        { id: 'sdn-farsta', name: 'Farsta SDN (ändrad i appen)', name_en: 'Farsta District Council' },
        { id: 'socialnamnden', name: 'Socialnämnden', name_en: 'Social Services Committee' },
      ]);
      assert.equal(await start(), false);
    });
  });
}
