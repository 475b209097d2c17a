import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootstrap } from '../../src/services/bootstrap.ts';
import { silentProgress } from '../../src/services/progress.ts';
import { indicatorCatalogueLoader } from '../../src/services/indicators/catalogue.ts';
import { saveDraft } from '../../src/services/indicators/commands.ts';
import { defaultIndicatorDir } from '../../src/importers/indicator-catalogue.ts';
import { engines, freshDatabase } from '../helpers/db.ts';
import { FIXED_NOW, testApp, type TestApp } from '../helpers/app.ts';
import { signInAs, type SignedInClient } from '../helpers/auth.ts';

const base = JSON.parse(readFileSync(join(defaultIndicatorDir, 'share-rental-dwellings.json'), 'utf8')) as Record<
  string,
  unknown
>;
const draft = {
  ...base,
  id: 'share-rental-of-households',
  name: { sv: 'Hyresrätter per hushåll', en: 'Rental dwellings per household' },
  denominator: 'households',
  sort: 5000,
};

for (const engine of engines()) {
  describe(`indicator drafts: analysts create and edit indicators (${engine})`, () => {
    let t: TestApp;
    let analyst: SignedInClient;
    let reader: SignedInClient;
    before(async () => {
      const db = await freshDatabase(engine);
      await bootstrap(db, { dataDir: null, shipped: false, progress: silentProgress, now: () => FIXED_NOW }, [
        indicatorCatalogueLoader,
      ]);
      t = await testApp({ engine, db });
      analyst = await signInAs(t, 'analyst');
      reader = await signInAs(t, 'reader');
    });
    after(async () => t?.close());
    const auditCount = async (): Promise<number> =>
      (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0]!.n;

    it('refuses the signed-out (401) and readers (403), and writes nothing', async () => {
      const before = await auditCount();
      const url = `/api/v1/indicators/${draft.id}/draft`;
      assert.equal((await t.app.inject({ method: 'PUT', url, payload: draft })).statusCode, 401);
      assert.equal(
        (await t.app.inject({ method: 'PUT', url, payload: draft, headers: reader.headers })).statusCode,
        403,
      );
      assert.equal(await auditCount(), before);
    });

    it('refuses a draft that breaks the schema or names a numerator that is not a count, naming the field', async () => {
      const url = `/api/v1/indicators/${draft.id}/draft`;
      const bad = await t.app.inject({
        method: 'PUT',
        url,
        headers: analyst.headers,
        payload: { ...draft, kind: 'ratio' },
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /kind/);
      const dangling = await t.app.inject({
        method: 'PUT',
        url,
        headers: analyst.headers,
        payload: { ...draft, numerator: 'share-rental-dwellings' },
      });
      assert.equal(dangling.statusCode, 400);
      const body = dangling.json() as { error: { id: string; details: { field: string; message: string }[] } };
      assert.equal(body.error.id, 'validation_failed');
      assert.ok(body.error.details.some((d) => d.field === 'numerator' && /not a count/.test(d.message)));
    });

    it('saves a draft (not in the public catalogue), publishes it, and audits both', async () => {
      const before = await auditCount();
      const saved = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/indicators/${draft.id}/draft`,
        headers: analyst.headers,
        payload: draft,
      });
      assert.equal(saved.statusCode, 200, saved.body);
      assert.equal((saved.json() as { state: string }).state, 'draft');
      const listed = await t.app.inject({ method: 'GET', url: '/api/v1/indicators' });
      assert.ok(!(listed.json() as { indicators: { id: string }[] }).indicators.some((i) => i.id === draft.id));
      const drafts = await t.app.inject({ method: 'GET', url: '/api/v1/indicators/drafts', headers: analyst.headers });
      assert.deepEqual(
        (drafts.json() as { drafts: { id: string }[] }).drafts.map((d) => d.id),
        [draft.id],
      );
      const published = await t.app.inject({
        method: 'POST',
        url: `/api/v1/indicators/${draft.id}/publish`,
        headers: analyst.headers,
      });
      assert.equal(published.statusCode, 200, published.body);
      const after = await t.app.inject({ method: 'GET', url: '/api/v1/indicators' });
      const ind = (
        after.json() as { indicators: { id: string; nameSv: string; denominatorId: string; headline: boolean }[] }
      ).indicators.find((i) => i.id === draft.id);
      assert.deepEqual(
        { name: ind?.nameSv, den: ind?.denominatorId, headline: ind?.headline },
        { name: 'Hyresrätter per hushåll', den: 'households', headline: true },
      );
      const meta = await t.app.inject({ method: 'GET', url: `/api/v1/indicators/${draft.id}/metadata` });
      const m = meta.json() as { metadata: { name: { en: string } }; denominator: { id: string } };
      assert.equal(m.metadata.name.en, 'Rental dwellings per household');
      assert.equal(m.denominator.id, 'households');
      const rows = await t.db.query<{ action: string; entity: string; username: string }>(
        `SELECT action, entity, username FROM audit_log ORDER BY id DESC LIMIT 2`,
      );
      assert.deepEqual(
        rows.map((r) => [r.action, r.entity, r.username]),
        [
          ['publish', 'indicator', analyst.username],
          ['create', 'indicator_draft', analyst.username],
        ],
      );
      assert.equal(await auditCount(), before + 2);
    });

    it('the service command refuses a reader too (not only the route)', async () => {
      await assert.rejects(
        saveDraft(
          t.db,
          { user: { id: null, username: 'r', role: 'reader', committeeId: null }, now: FIXED_NOW },
          draft,
        ),
        (e: Error & { id?: string }) => e.id === 'forbidden',
      );
    });
  });
}
