import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedsDir } from '../../helpers/paths.ts';
import { readFrameworkRaw } from '../../../src/importers/framework.ts';
import {
  allCitations,
  checkFrameworkReferences,
  oneSidedLinks,
  parseFramework,
  type Framework,
} from '../../../src/core/goals/framework-schema.ts';
import { findInDocument, normaliseForMatch } from '../../../src/core/goals/citation-match.ts';

let raw: Awaited<ReturnType<typeof readFrameworkRaw>>;
let fw: Framework;

before(async () => {
  raw = await readFrameworkRaw();
  fw = parseFramework(raw);
});

function seed(file: string): string {
  return readFileSync(join(seedsDir, file), 'utf8');
}

describe('data/framework against the schema', () => {
  it('parses and has no dangling references', () => {
    assert.deepEqual(checkFrameworkReferences(fw), []);
  });

  it('links targets and commitments both ways', () => {
    assert.deepEqual(oneSidedLinks(fw), []);
    const target = fw.targets.find((t) => t.commitmentIds.length > 0);
    assert.ok(target);
    const broken: Framework = structuredClone(fw);
    for (const a of broken.reformProgramme.areas)
      for (const c of a.commitments) c.targetIds = c.targetIds.filter((id) => id !== target.id);
    const problems = oneSidedLinks(broken);
    assert.ok(problems.some((p) => p.includes(`target ${target.id}: names commitment`)));
  });

  it('every target without an indicator names the indicator it needs and where the data would come from', () => {
    for (const t of fw.targets) {
      if (t.indicatorId !== null) continue;
      assert.ok(t.needsIndicator, t.id);
      assert.ok(t.neededData && t.neededData.ref.length > 1, t.id);
    }
  });

  it('has the four goal areas of the roadmap with their strategies numbered as in the remissvar', () => {
    assert.deepEqual(
      fw.goalAreas.map((g) => [g.title.sv, g.strategies.length]),
      [
        ['Uppväxt och utbildning', 6],
        ['Boende och stadsmiljö', 5],
        ['Arbete och företagande', 6],
        ['Demokrati och trygghet', 6],
      ],
    );
    for (const g of fw.goalAreas) g.strategies.forEach((s, i) => assert.equal(s.number, i + 1, s.id));
  });

  it('has the reform programme with seven areas, each with commitments', () => {
    assert.equal(fw.reformProgramme.areas.length, 7);
    for (const a of fw.reformProgramme.areas) assert.ok(a.commitments.length > 0, a.id);
  });

  it('holds every target the issue names, each with an indicator or a description of the missing one', () => {
    const byId = new Map(fw.targets.map((t) => [t.id, t]));
    const named: [string, number | null, number][] = [
      ['t-samlingslokal-15-minuter', 100, 2026],
      ['t-skolor-oppna-for-foreningslivet', 2, 2026],
      ['t-inga-unga-10-15-i-gang-2025', 0, 2025],
      ['t-inga-utsatta-omraden-2030', 0, 2030],
      ['t-kontakt-inom-24-timmar', 100, 2026],
      ['t-unga-90-dagarsgaranti', 100, 2026],
      ['t-ungdomsarbetslosheten-halveras', null, 2026],
      ['t-100000-nya-arbetsplatser-2030', 100000, 2030],
    ];
    for (const [id, value, deadline] of named) {
      const t = byId.get(id);
      assert.ok(t, `missing target ${id}`);
      assert.equal(t.deadline.year, deadline, id);
      if (t.target.form === 'level' || t.target.form === 'every_area') assert.equal(t.target.targetValue, value, id);
      assert.ok((t.indicatorId === null) !== (t.needsIndicator === null), id);
    }
    const halved = byId.get('t-ungdomsarbetslosheten-halveras');
    assert.ok(halved && halved.target.form === 'level' && halved.target.targetFactor === 0.5);
    assert.equal(byId.get('t-inga-utsatta-omraden-2030')?.indicatorId, 'polisen.utsatta-omraden.stockholm');
  });

  it('has etappmål of all four forms, each with a baseline period', () => {
    const forms = new Set(fw.targets.map((t) => t.target.form));
    assert.deepEqual([...forms].sort(), ['direction', 'every_area', 'gap', 'level']);
    for (const t of fw.targets) assert.ok(Number.isInteger(t.baseline.period), t.id);
  });

  it('stores intervention amounts as whole kronor and the safety budget adds up to 48 mnkr of new proposals', () => {
    const proposals = fw.interventions.filter((i) => i.id.startsWith('i-001-') && i.status === 'proposed');
    const total = proposals.reduce(
      (s, i) => s + Object.values(i.amountsPerYear).reduce((a, k) => a + BigInt(k), 0n),
      0n,
    );
    // +4 +8 +5 +16 +7 +1 +5 +2 mnkr in 001
    assert.equal(total, 48_000_000n);
  });

  it('rejects a target without indicator and without needsIndicator', () => {
    const targets = structuredClone(raw.targets) as { needsIndicator: unknown; indicatorId: unknown }[];
    const first = targets[0];
    assert.ok(first);
    first.indicatorId = null;
    first.needsIndicator = null;
    assert.throws(
      () => parseFramework({ ...raw, targets }),
      /targets\.json: 0\.needsIndicator: a target has either an indicatorId or needsIndicator/,
    );
  });

  it('rejects an unknown goal area reference, naming the item', () => {
    const targets = structuredClone(raw.targets) as { goalAreaIds: string[] }[];
    const first = targets[0];
    assert.ok(first);
    first.goalAreaIds = ['no-such-area'];
    assert.throws(() => parseFramework({ ...raw, targets }), /unknown goal area "no-such-area"/);
  });

  it('rejects amounts that are not whole kronor', () => {
    const interventions = structuredClone(raw.interventions) as { amountsPerYear: Record<string, string> }[];
    const first = interventions[0];
    assert.ok(first);
    first.amountsPerYear = { '2021': '4.5' };
    assert.throws(() => parseFramework({ ...raw, interventions }), /interventions\.json: 0\.amountsPerYear\.2021/);
  });
});

describe('citations', () => {
  it('every item cites an existing source document', () => {
    const cites = allCitations(fw);
    assert.ok(cites.length > 100, `only ${cites.length} citations`);
    for (const { path, citation } of cites) {
      assert.ok(existsSync(join(seedsDir, citation.document)), `${path}: no document ${citation.document}`);
    }
  });

  it('every cited section and quote can be found in its document (OCR damage normalised)', () => {
    const docs = new Map<string, string>();
    const missing: string[] = [];
    for (const { path, citation } of allCitations(fw)) {
      let text = docs.get(citation.document);
      if (text === undefined) {
        text = seed(citation.document);
        docs.set(citation.document, text);
      }
      for (const phrase of [citation.section, citation.quote].filter((p): p is string => p !== undefined)) {
        const m = findInDocument(phrase, text);
        if (!m.found)
          missing.push(`${path}: "${phrase}" not in ${citation.document} (distance ${m.distance} > ${m.allowed})`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('the matcher tolerates the OCR damage but not invented text', () => {
    const remissvar = seed('003_bcd631ecaa6cfe08.txt');
    // the file has "Sékerstéll en val gestaltad och omhandertagen stadsmiljo"
    assert.ok(
      findInDocument('Säkerställ en väl gestaltad och omhändertagen stadsmiljö i hela staden', remissvar).found,
    );
    assert.ok(findInDocument('Öka deltagandet och stärk likvärdigheten i förskolan', remissvar).found);
    assert.equal(findInDocument('Inför medborgarlön i hela staden före år 2025', remissvar).found, false);
    assert.equal(normaliseForMatch('Öka  6ka &r'), normaliseForMatch('öka öka är'));
  });
});
