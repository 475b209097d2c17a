import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from '../helpers/app.ts';
import { engines } from '../helpers/db.ts';
import { signInAs, type SignedInClient } from '../helpers/auth.ts';

// The staff API behind the screens at /delta/personal: committee answer, links to interventions,
// dialogues with goal areas (and the residents' filter), the follow-up of a built project, and
// district editors kept to their committee's areas.
for (const engine of engines()) {
  describe(`participation staff API (${engine})`, () => {
    let t: TestApp;
    let analyst: SignedInClient;
    let otherEditor: SignedInClient;
    let jarva = '';
    let interventionId = '';
    let goalAreas: string[] = [];
    const api = '/api/v1/participation';
    const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: api + url, payload, headers, remoteAddress: '203.0.113.5' });
    const put = (url: string, payload: object, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'PUT', url: api + url, payload, headers });
    const get = (url: string) => t.app.inject({ method: 'GET', url: api + url });

    before(async () => {
      t = await testApp({ engine, reference: true });
      analyst = await signInAs(t, 'analyst');
      // a district committee of another area (Farsta), for the scoping checks
      await t.db.query(
        `INSERT INTO committee (id, name, kind, division_id, area_code) VALUES ('test-sdn-farsta', 'Test Farsta', 'district', 'stadsdelsomrade-2023', '0180D-farsta')`,
      );
      jarva = 'stadsdelsomrade-2023:0180D-jarva';
      otherEditor = await signInAs(t, 'district_editor', { committeeId: 'test-sdn-farsta' });
      interventionId = (await t.app.inject({ method: 'GET', url: '/api/v1/interventions' })).json().items[0].id;
      goalAreas = (await t.app.inject({ method: 'GET', url: '/api/v1/goals' }))
        .json()
        .goalAreas.map((g: { id: string }) => g.id);
      assert.ok(interventionId && goalAreas.length >= 2);
    });
    after(async () => {
      await t?.close();
    });

    it('answers a proposal, links it to an intervention, and refuses answering one that is not published', async () => {
      const id = (
        await post('/proposals', {
          area: jarva,
          title: 'Fler bänkar i Tensta',
          body: 'Äldre behöver kunna vila längs vägen.',
        })
      ).json().id as string;
      const early = await post(`/proposals/${id}/answer`, { answer: 'Ja.', decision: 'approved' }, analyst.headers);
      assert.equal(early.statusCode, 409, early.body);
      assert.equal((await post(`/proposals/${id}/moderate`, { action: 'publish' }, analyst.headers)).statusCode, 200);

      const anon = await post(`/proposals/${id}/answer`, { answer: 'Ja.', decision: 'approved' });
      assert.equal(anon.statusCode, 401);
      const foreign = await post(
        `/proposals/${id}/answer`,
        { answer: 'Ja.', decision: 'approved' },
        otherEditor.headers,
      );
      assert.equal(foreign.statusCode, 403, 'a district editor answers only for their own areas');
      const blank = await post(`/proposals/${id}/answer`, { answer: '   ', decision: 'approved' }, analyst.headers);
      assert.equal(blank.statusCode, 400);
      assert.match(blank.json().error.details[0].field, /answer$/);

      const ok = await post(
        `/proposals/${id}/answer`,
        { answer: 'Tio nya bänkar i höst.', decision: 'partly_approved' },
        analyst.headers,
      );
      assert.equal(ok.statusCode, 200, ok.body);
      const unknown = await post(
        `/proposals/${id}/interventions`,
        { interventionId: 'no-such-intervention' },
        analyst.headers,
      );
      assert.equal(unknown.statusCode, 400);
      assert.equal(unknown.json().error.details[0].field, 'interventions');
      assert.equal((await post(`/proposals/${id}/interventions`, { interventionId }, analyst.headers)).statusCode, 200);

      const pub = (await get(`/proposals/${id}`)).json();
      assert.equal(pub.status, 'answered');
      assert.equal(pub.committeeDecision, 'partly_approved');
      assert.equal(pub.committeeAnswer, 'Tio nya bänkar i höst.');
      assert.equal(pub.answeredOn, '2026-06-15');
      assert.deepEqual(pub.interventions, [interventionId]);
    });

    it('records dialogues with a goal area; residents filter by area and goal area', async () => {
      const base = {
        heldOn: '2026-05-01',
        place: 'Tensta träff',
        area: jarva,
        participants: 12,
        summary: 'Fler bänkar.',
        fedInto: '',
      };
      assert.equal(
        (await post('/dialogues', { ...base, goalArea: goalAreas[0], topic: 'Parkerna' }, analyst.headers)).statusCode,
        200,
      );
      assert.equal(
        (await post('/dialogues', { ...base, goalArea: goalAreas[1], topic: 'Sommarjobb' }, analyst.headers))
          .statusCode,
        200,
      );
      const badGoal = await post('/dialogues', { ...base, goalArea: 'no-such-goal-area', topic: 'X' }, analyst.headers);
      assert.equal(badGoal.statusCode, 400);
      assert.equal(badGoal.json().error.details[0].field, 'goalArea');
      assert.equal((await post('/dialogues', { ...base, topic: 'X' }, otherEditor.headers)).statusCode, 403);

      const topics = async (q: string) =>
        ((await get(`/dialogues${q}`)).json().items as { topic: string }[]).map((d) => d.topic).sort();
      assert.deepEqual(await topics(`?area=${encodeURIComponent(jarva)}`), ['Parkerna', 'Sommarjobb']);
      assert.deepEqual(await topics(`?goalArea=${encodeURIComponent(goalAreas[1] as string)}`), ['Sommarjobb']);
      assert.deepEqual(
        await topics(`?area=${encodeURIComponent(jarva)}&goalArea=${encodeURIComponent(goalAreas[0] as string)}`),
        ['Parkerna'],
      );
    });

    it('writes the follow-up of a built project', async () => {
      const created = await post(
        '/processes',
        { id: 'tensta-2026', name: 'Tenstabudgeten', area: jarva, budget: '200000', rule: 'greedy' },
        analyst.headers,
      );
      assert.equal(created.statusCode, 200, created.body);
      assert.equal(
        (
          await put(
            '/processes/tensta-2026/projects/gym',
            { title: 'Utegym', cost: '120000', feasible: true },
            analyst.headers,
          )
        ).statusCode,
        200,
      );
      const fu = await put(
        '/processes/tensta-2026/projects/gym',
        { title: 'Utegym', cost: '120000', followUp: 'Invigdes i maj.' },
        analyst.headers,
      );
      assert.equal(fu.statusCode, 200, fu.body);
      assert.equal(fu.json().followUp, 'Invigdes i maj.');
      const foreign = await put(
        '/processes/tensta-2026/projects/gym',
        { title: 'Utegym', cost: '120000', followUp: 'Nej.' },
        otherEditor.headers,
      );
      assert.equal(foreign.statusCode, 403);
      const project = (
        (await get('/processes/tensta-2026')).json().projects as {
          id: string;
          followUp: string;
          feasible: boolean | null;
        }[]
      ).find((p) => p.id === 'gym');
      assert.equal(project?.followUp, 'Invigdes i maj.');
    });
  });
}
