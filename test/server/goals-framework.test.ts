// The goal framework edited in place: changes with decision references kept as versions, "as of" answers,
// drafts hidden from the public, the sync of data/framework on start, statuses that add up.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { engines, freshDatabase } from '../helpers/db.ts';
import { FIXED_NOW, testApp, type TestApp } from '../helpers/app.ts';
import { signInAs, type SignedInClient } from '../helpers/auth.ts';
import { dataDir, repoRoot } from '../helpers/paths.ts';
import { bootstrap } from '../../src/services/bootstrap.ts';
import { frameworkLoader, goalsPolisenLoader } from '../../src/services/goals/index.ts';
import { silentProgress, type Progress } from '../../src/services/progress.ts';
import {
  createBatch,
  upsertAreas,
  upsertDivisions,
  upsertIndicators,
  upsertObservations,
} from '../../src/db/repositories/datasets.ts';
import { DIVISION_DEFS, DIVISIONS } from '../../src/core/geo/stockholm.ts';
import { changeItem } from '../../src/services/goals/commands.ts';
import type { Database } from '../../src/db/database.ts';

const TARGET = 't-samlingslokal-15-minuter';
const OTHER = 't-kontakt-inom-24-timmar';
const LOADED = new Date('2026-06-01T10:00:00Z');

function frameworkCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fardplan-framework-'));
  cpSync(join(repoRoot, 'data', 'framework'), dir, { recursive: true });
  return dir;
}

async function start(db: Database, dir: string, now: Date, progress: Progress = silentProgress) {
  return bootstrap(db, { dataDir, progress, now: () => now }, [frameworkLoader(dir), goalsPolisenLoader]);
}

interface Summary {
  id: string;
  status: string;
  publication: string;
}
interface Tree {
  goalAreas: {
    id: string;
    commitmentTotal: number;
    commitmentCounts: Record<string, number>;
    strategies: { targets: Summary[]; counts: Record<string, number> }[];
    otherTargets: Summary[];
  }[];
  reformAreas: { commitments: { id: string; status: string; basis: string; targetIds: string[] }[] }[];
}
const targetsOf = (tree: Tree) =>
  new Map(
    tree.goalAreas.flatMap((g) => [...g.strategies.flatMap((s) => s.targets), ...g.otherTargets]).map((x) => [x.id, x]),
  );

for (const engine of engines()) {
  describe(`the living goal framework (${engine})`, () => {
    let t: TestApp;
    let analyst: SignedInClient;
    let reader: SignedInClient;
    let dir: string;
    before(async () => {
      dir = frameworkCopy();
      const db = await freshDatabase(engine);
      await start(db, dir, LOADED);
      // an indicator from the statistics catalogue (the reference data is not loaded here)
      await upsertIndicators(db, [
        {
          id: 'test-meeting-hall-share',
          nameSv: 'Andel med samlingslokal inom 15 minuter',
          nameEn: 'Share with a meeting hall within 15 minutes',
          definitionSv: '',
          definitionEn: '',
          unit: 'procent',
          kind: 'share',
          polarity: 'higher_better',
          sourceId: null,
          numeratorId: null,
          denominatorId: null,
          multiplier: 100,
          decimals: 1,
          goalAreaId: null,
          sort: 1,
        },
      ]);
      t = await testApp({ engine, db });
      analyst = await signInAs(t, 'analyst');
      reader = await signInAs(t, 'reader');
    });
    after(async () => {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const patch = (path: string, payload: object, headers: Record<string, string> = analyst.headers) =>
      t.app.inject({ method: 'PATCH', url: `/api/v1/${path}`, payload, headers });
    const get = (url: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers });

    it('every item starts with one version from data/framework', async () => {
      const res = await get(`/targets/${TARGET}/versions`);
      assert.equal(res.statusCode, 200);
      const v = res.json().versions;
      assert.equal(v.length, 1);
      assert.equal(v[0].origin, 'framework');
      assert.equal(v[0].changedBy, 'data/framework');
    });

    it('refuses a change without a decision reference, naming the field, and writes nothing', async () => {
      const res = await patch(`targets/${TARGET}`, { deadline: { year: 2028, stated: true } });
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.details[0].field, 'body.decisionRef');
      assert.equal((await get(`/targets/${TARGET}/versions`)).json().versions.length, 1);
    });

    it('refuses the public and a reader', async () => {
      const body = { decisionRef: 'KF 2024-06-10 § 12', deadline: { year: 2028, stated: true } };
      assert.equal((await patch(`targets/${TARGET}`, body, {})).statusCode, 401);
      assert.equal((await patch(`targets/${TARGET}`, body, reader.headers)).statusCode, 403);
    });

    it('refuses an unknown indicator at its field (a failed write leaves the database as it was)', async () => {
      const res = await patch(`targets/${TARGET}`, {
        decisionRef: 'KF 2024-06-10 § 12',
        indicatorId: 'no-such-indicator',
        needsIndicator: null,
      });
      assert.equal(res.statusCode, 400);
      assert.ok(res.json().error.details.some((d: { field: string }) => d.field === 'body.indicatorId'));
      assert.equal((await get(`/targets/${TARGET}/versions`)).json().versions.length, 1);
    });

    it('an analyst links a target to an indicator and sets value and deadline; a new version with the decision', async () => {
      const res = await patch(`targets/${TARGET}`, {
        decisionRef: 'KF 2024-06-10 § 12',
        indicatorId: 'test-meeting-hall-share',
        needsIndicator: null,
        target: { form: 'level', comparator: 'at_least', targetValue: 90 },
        deadline: { year: 2028, stated: true },
        responsibleCommittee: 'kulturnamnden',
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().version, 2);
      const d = (await get(`/targets/${TARGET}`)).json();
      assert.equal(d.target.indicatorId, 'test-meeting-hall-share');
      assert.equal(d.target.deadline.year, 2028);
      assert.equal(d.target.responsibleCommittee, 'kulturnamnden');
      assert.equal(d.indicator.id, 'test-meeting-hall-share');
      const v = (await get(`/targets/${TARGET}/versions`)).json().versions;
      assert.deepEqual(
        v.map((x: { version: number; decisionRef: string | null; origin: string }) => [
          x.version,
          x.origin,
          x.decisionRef,
        ]),
        [
          [1, 'framework', null],
          [2, 'app', 'KF 2024-06-10 § 12'],
        ],
      );
      assert.equal(v[1].changedBy, analyst.username);
      const audit = await t.db.query<{ action: string }>(
        `SELECT action FROM audit_log WHERE entity = 'target' AND entity_id = $1`,
        [TARGET],
      );
      assert.deepEqual(
        audit.map((a) => a.action),
        ['update'],
      );
    });

    it('answers as of a date from the history', async () => {
      const before = (await get(`/targets/${TARGET}?asOf=2026-06-10`)).json();
      assert.equal(before.target.indicatorId, 'meeting-hall-within-15-minutes'); // as data/framework has it
      const inFile = (
        JSON.parse(readFileSync(join(repoRoot, 'data', 'framework', 'targets.json'), 'utf8')) as {
          id: string;
          deadline: { year: number };
        }[]
      ).find((x) => x.id === TARGET);
      assert.equal(before.target.deadline.year, inFile?.deadline.year);
      assert.notEqual(before.target.deadline.year, 2028);
      assert.equal(before.asOf, '2026-06-10');
      const after = (await get(`/targets/${TARGET}?asOf=2026-06-15`)).json();
      assert.equal(after.target.deadline.year, 2028);
      assert.equal((await get(`/targets/${TARGET}?asOf=2026-13-45`)).statusCode, 400);
      // before anything was loaded there was no target
      assert.equal((await get(`/targets/${TARGET}?asOf=2020-01-01`)).statusCode, 404);
      const tree = (await get('/goals?asOf=2020-01-01')).json() as Tree;
      assert.equal(targetsOf(tree).size, 0);
    });

    it('a draft is invisible to the public until published', async () => {
      assert.equal((await patch(`targets/${OTHER}`, { publication: 'draft' })).statusCode, 200);
      assert.equal((await get(`/targets/${OTHER}`)).statusCode, 404);
      assert.equal(targetsOf((await get('/goals')).json()).has(OTHER), false);
      assert.equal(targetsOf((await get('/goals', reader.headers)).json()).get(OTHER)?.publication, 'draft');
      assert.equal((await get(`/targets/${OTHER}/versions`)).json().versions.length, 1, 'the draft version is hidden');
      assert.equal((await patch(`targets/${OTHER}`, { publication: 'published' })).statusCode, 200);
      assert.equal((await get(`/targets/${OTHER}`)).statusCode, 200);
    });

    it('creates a target as a draft and retires it with a decision', async () => {
      const item = JSON.parse(readFileSync(join(repoRoot, 'data', 'framework', 'targets.json'), 'utf8'))[0] as Record<
        string,
        unknown
      >;
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/targets',
        headers: analyst.headers,
        payload: {
          decisionRef: 'KS 2026-05-01 § 3',
          item: {
            ...item,
            id: 't-new-by-analyst',
            indicatorId: null,
            needsIndicator: { sv: 'En indikator för det nya målet.', en: 'An indicator for the new target.' },
          },
        },
      });
      assert.equal(created.statusCode, 200, created.body);
      assert.equal(created.json().publication, 'draft');
      assert.equal((await get('/targets/t-new-by-analyst')).statusCode, 404);
      assert.equal((await get('/targets/t-new-by-analyst', reader.headers)).statusCode, 200);
      const retired = await patch('targets/t-new-by-analyst', { retired: true, decisionRef: 'KS 2026-06-01 § 4' });
      assert.equal(retired.json().retired, true);
      assert.equal(targetsOf((await get('/goals', reader.headers)).json()).has('t-new-by-analyst'), false);
    });

    it('creates a commitment as a draft; once published it takes its status from its target', async () => {
      const item = {
        id: 'ra-test.1',
        title: { sv: 'Nytt åtagande', en: 'New commitment' },
        text: 'Ett nytt åtagande.',
        linkedGoalAreas: ['demokrati-trygghet'],
        linkedStrategies: [],
        targetIds: ['t-inga-utsatta-omraden-2030'],
        manualStatus: null,
        responsibleCommittee: 'kommunstyrelsen',
        citation: { document: '000_7e220e8d6a405f53.txt', section: 'Trygghet', quote: 'trygg' },
      };
      const reformAreaId = ((await get('/goals')).json() as { reformAreas: { id: string }[] }).reformAreas[0]!.id;
      const bad = await t.app.inject({
        method: 'POST',
        url: '/api/v1/commitments',
        headers: analyst.headers,
        payload: { decisionRef: 'KF 2026-06-10 § 13', reformAreaId, item: { ...item, targetIds: ['t-none'] } },
      });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.details[0].field, 'body.item.targetIds');
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/commitments',
        headers: analyst.headers,
        payload: { decisionRef: 'KF 2026-06-10 § 13', reformAreaId, item },
      });
      assert.equal(res.statusCode, 200, res.body);
      const find = (tree: Tree) => tree.reformAreas.flatMap((a) => a.commitments).find((c) => c.id === 'ra-test.1');
      assert.equal(find((await get('/goals')).json()), undefined);
      assert.equal((await patch('commitments/ra-test.1', { publication: 'published' })).statusCode, 200);
      const c = find((await get('/goals')).json());
      const target = targetsOf((await get('/goals')).json()).get('t-inga-utsatta-omraden-2030');
      assert.equal(c?.basis, 'targets');
      assert.equal(c?.status, target?.status);
    });

    it('creates a goal area and a strategy in it as drafts, edits and publishes them, and keeps the history', async () => {
      const post = (path: string, payload: object, headers: Record<string, string> = analyst.headers) =>
        t.app.inject({ method: 'POST', url: `/api/v1/${path}`, payload, headers });
      const citation = { document: '003_bcd631ecaa6cfe08.txt', section: 'Färdplan för ett Stockholm för alla' };
      const area = {
        id: 'ga-test',
        order: 5,
        title: { sv: 'Ett nytt målområde', en: 'A new goal area' },
        description: { sv: 'Beskrivning.', en: 'Description.' },
        citation,
      };
      assert.equal(
        (await post('goal-areas', { decisionRef: 'KF 2027-01-10 § 2', item: area }, reader.headers)).statusCode,
        403,
      );
      const noDecision = await post('goal-areas', { item: area });
      assert.equal(noDecision.statusCode, 400);
      assert.equal(noDecision.json().error.details[0].field, 'body.decisionRef');
      const created = await post('goal-areas', { decisionRef: 'KF 2027-01-10 § 2', item: area });
      assert.equal(created.statusCode, 200, created.body);
      assert.deepEqual(created.json(), {
        kind: 'goal_area',
        id: 'ga-test',
        version: 1,
        publication: 'draft',
        retired: false,
      });
      assert.equal((await post('goal-areas', { decisionRef: 'KF 2027-01-10 § 2', item: area })).statusCode, 409);

      const strategy = {
        id: 'ga-test.s1',
        number: 1,
        numeral: 'I',
        title: { sv: 'En strategi', en: 'A strategy' },
        citation,
      };
      const reformAreaId = ((await get('/goals')).json() as { reformAreas: { id: string }[] }).reformAreas[0]!.id;
      const inReform = await post('strategies', {
        decisionRef: 'KF 2027-01-10 § 3',
        goalAreaId: reformAreaId,
        item: strategy,
      });
      assert.equal(inReform.statusCode, 400);
      assert.equal(inReform.json().error.details[0].field, 'body.goalAreaId');
      const s = await post('strategies', { decisionRef: 'KF 2027-01-10 § 3', goalAreaId: 'ga-test', item: strategy });
      assert.equal(s.statusCode, 200, s.body);

      type Node = {
        id: string;
        publication: string;
        title: { sv: string };
        strategies: { id: string; publication: string }[];
      };
      const areaIn = async (headers: Record<string, string>) =>
        ((await get('/goals', headers)).json() as { goalAreas: Node[] }).goalAreas.find((g) => g.id === 'ga-test');
      assert.equal(await areaIn({}), undefined, 'the public does not see a draft goal area');
      const staff = await areaIn(reader.headers);
      assert.equal(staff?.publication, 'draft');
      assert.deepEqual(
        staff?.strategies.map((x) => [x.id, x.publication]),
        [['ga-test.s1', 'draft']],
      );

      const renamed = await patch('goal-areas/ga-test', {
        decisionRef: 'KF 2027-02-01 § 5',
        title: { sv: 'Ett omdöpt målområde', en: 'A renamed goal area' },
      });
      assert.equal(renamed.json().version, 2);
      assert.equal((await patch('goal-areas/ga-test', { publication: 'published' })).json().version, 3);
      assert.equal((await patch('strategies/ga-test.s1', { publication: 'published' })).statusCode, 200);
      const pub = await areaIn({});
      assert.equal(pub?.title.sv, 'Ett omdöpt målområde');
      assert.deepEqual(
        pub?.strategies.map((x) => x.id),
        ['ga-test.s1'],
      );
      const versions = (await get('/goal-areas/ga-test/versions')).json().versions as { decisionRef: string }[];
      assert.deepEqual(
        versions.map((v) => v.decisionRef),
        ['KF 2027-02-01 § 5'],
        'the public sees the published version only, with the decision it rests on',
      );
      assert.equal((await get('/goal-areas/ga-test/versions', reader.headers)).json().versions.length, 3);
      const retired = await patch('strategies/ga-test.s1', { retired: true, decisionRef: 'KF 2027-03-01 § 1' });
      assert.equal(retired.json().retired, true);
      assert.deepEqual((await areaIn({}))?.strategies, []);
    });

    it('the command authorises inside its transaction (a service call without the permission is refused)', async () => {
      await assert.rejects(
        changeItem(
          t.db,
          { id: null, username: 'x', role: 'district_editor', committeeId: 'sdn-jarva' },
          'target',
          TARGET,
          { decisionRef: 'x y z', deadline: { year: 2029, stated: true } },
          FIXED_NOW,
        ),
        /may not change a target/,
      );
    });

    it('an every-area target evaluates each area and counts those that meet it', async () => {
      await upsertDivisions(
        t.db,
        DIVISION_DEFS.filter((d) => d.id === DIVISIONS.sdo2023).map((d) => ({ ...d, sourceId: null })),
      );
      const areas = [
        ['T1', 'Område Ett', ['3', '3']],
        ['T2', 'Område Två', ['1', '2']],
        ['T3', 'Område Tre', ['0', '0']],
      ] as const;
      await upsertAreas(
        t.db,
        areas.map(([code, name]) => ({
          divisionId: DIVISIONS.sdo2023,
          code,
          name,
          parentDivisionId: null,
          parentCode: null,
        })),
      );
      await upsertIndicators(t.db, [
        {
          id: 'test-schools-open',
          nameSv: 'Skolor öppna för föreningslivet',
          nameEn: 'Schools open to associations',
          definitionSv: '',
          definitionEn: '',
          unit: 'skolor',
          kind: 'count',
          polarity: 'higher_better',
          sourceId: null,
          numeratorId: null,
          denominatorId: null,
          multiplier: 1,
          decimals: 0,
          goalAreaId: null,
          sort: 2,
        },
      ]);
      const batch = await createBatch(t.db, {
        dataset: 't',
        description: 't',
        checksum: 't',
        fileCount: 1,
        rowCount: 6,
      });
      await upsertObservations(
        t.db,
        areas.flatMap(([code, , values]) =>
          values.map((value, i) => ({
            indicatorId: 'test-schools-open',
            divisionId: DIVISIONS.sdo2023,
            areaCode: code,
            period: String(2024 + i),
            breakdown: '',
            value,
            numerator: null,
            denominator: null,
            status: 'final' as const,
            derived: false,
            source: 'Test',
          })),
        ),
        batch,
      );
      const id = 't-skolor-oppna-for-foreningslivet';
      const res = await patch(`targets/${id}`, {
        decisionRef: 'Utbildningsnämnden 2026-05-20 § 7',
        indicatorId: 'test-schools-open',
        needsIndicator: null,
        baseline: { period: 2024, value: null },
      });
      assert.equal(res.statusCode, 200, res.body);
      const d = (await get(`/targets/${id}`)).json();
      assert.deepEqual(d.areaCounts, { met: 2, total: 3, division: DIVISIONS.sdo2023 });
      assert.deepEqual(
        d.areas.map((a: { name: string; value: number; status: string }) => [a.name, a.value, a.status]),
        [
          ['Område Tre', 0, 'off_track'],
          ['Område Ett', 3, 'met'],
          ['Område Två', 2, 'met'],
        ],
      );
      assert.equal(d.status, 'off_track');
      const summary = targetsOf((await get('/goals')).json()).get(id) as Summary & { areaCounts: unknown };
      assert.deepEqual(summary.areaCounts, { met: 2, total: 3, division: DIVISIONS.sdo2023 });
    });

    it('a commitment takes its status from its targets; summaries count targets and commitments', async () => {
      const tree = (await get('/goals')).json() as Tree;
      const c = tree.reformAreas.flatMap((a) => a.commitments).find((x) => x.id === 'ra-kriminalitet.3');
      assert.ok(c);
      assert.deepEqual(c.targetIds.sort(), ['t-inga-utsatta-omraden-2030', 't-utsatta-omraden-etapp-2027']);
      const police = targetsOf(tree).get('t-inga-utsatta-omraden-2030');
      assert.ok(police && police.status !== 'not_measurable', 'the Police target has a computed status');
      assert.equal(c.basis, 'targets');
      assert.equal(c.status, police.status);
      for (const g of tree.goalAreas) {
        const sum = Object.values(g.commitmentCounts).reduce((a, n) => a + n, 0);
        assert.equal(sum, g.commitmentTotal);
      }
      assert.ok(tree.goalAreas.some((g) => g.commitmentTotal > 0));
    });

    it('a restart with a changed data/framework keeps the analyst’s edit, updates unedited items, adds new ones', async () => {
      const file = join(dir, 'targets.json');
      const targets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>[];
      const edited = targets.find((x) => x['id'] === TARGET) as { title: { sv: string } };
      edited.title.sv = 'Ändrad i filen';
      const unedited = targets.find((x) => x['id'] === 't-unga-90-dagarsgaranti') as { title: { sv: string } };
      unedited.title.sv = 'Rättad titel från filen';
      targets.push({
        ...targets[0],
        id: 't-new-in-file',
        commitmentIds: [],
        title: { sv: 'Nytt mål i filen', en: 'New target in the file' },
      });
      writeFileSync(file, JSON.stringify(targets, null, 2));
      const messages: string[] = [];
      const result = await start(t.db, dir, new Date('2026-07-01T08:00:00Z'), {
        ...silentProgress,
        info: (m) => messages.push(m),
      });
      assert.ok(result.loaded.includes('goals-framework'));
      const tree = targetsOf((await get('/goals')).json());
      assert.ok(tree.has('t-new-in-file'), 'the new item is added');
      const d = (await get(`/targets/${TARGET}`)).json();
      assert.equal(d.target.deadline.year, 2028, 'the analyst’s edit is kept');
      assert.notEqual(d.target.title.sv, 'Ändrad i filen');
      assert.equal((await get('/targets/t-unga-90-dagarsgaranti')).json().target.title.sv, 'Rättad titel från filen');
      assert.ok(messages.some((m) => m.includes('KONFLIKT') && m.includes(TARGET)));
      const conflicts = await get('/goals/sync-conflicts', analyst.headers);
      assert.equal(conflicts.statusCode, 200);
      assert.deepEqual(
        conflicts.json().conflicts.map((c: { id: string }) => c.id),
        [TARGET],
      );
      assert.equal((await get('/goals/sync-conflicts')).statusCode, 401);
      // a second start with the same files changes nothing
      const again = await start(t.db, dir, new Date('2026-07-02T08:00:00Z'));
      assert.equal(again.loaded.includes('goals-framework'), false);
    });
  });
}

for (const engine of engines()) {
  describe(`the sync on a database from before versions were kept (${engine})`, () => {
    it('records the current state as version 1 and reports no changes', async () => {
      const dir = frameworkCopy();
      const db = await freshDatabase(engine);
      try {
        await start(db, dir, LOADED);
        // the state of a database made before the sync existed
        await db.exec(`DELETE FROM goal_version; DELETE FROM goal_sync_state;
          UPDATE goal_area SET framework_hash = NULL; UPDATE strategy SET framework_hash = NULL;
          UPDATE target SET framework_hash = NULL, publication = 'draft' WHERE id = '${OTHER}';
          UPDATE target SET framework_hash = NULL; UPDATE commitment SET framework_hash = NULL;`);
        const messages: string[] = [];
        await start(db, dir, FIXED_NOW, { ...silentProgress, info: (m) => messages.push(m) });
        assert.deepEqual(messages, []);
        const v = await db.query<{ origin: string; n: number }>(
          `SELECT origin, count(*)::int AS n FROM goal_version GROUP BY origin`,
        );
        assert.deepEqual(
          v.map((r) => r.origin),
          ['framework'],
        );
        const [kept] = await db.query<{ publication: string }>('SELECT publication FROM target WHERE id = $1', [OTHER]);
        assert.equal(kept?.publication, 'draft', 'the publication set in the app is kept');
      } finally {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
