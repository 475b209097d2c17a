import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Polygon } from 'geojson';
import { ChoroplethMap, legendEntries, mapState, type MapDatum } from '../../../src/web/components/ChoroplethMap.tsx';
import { sortRows, tableCsvRows, DataTable, type Column } from '../../../src/web/components/DataTable.tsx';
import { fitPath } from '../../../src/web/components/geo.ts';
import { LocatorMap } from '../../../src/web/components/LocatorMap.tsx';
import { SourceNote, uniqueSources } from '../../../src/web/components/SourceNote.tsx';
import { Sparkline, sparklinePoints } from '../../../src/web/components/Sparkline.tsx';
import { formatSigned, formatValue } from '../../../src/web/components/format.ts';

function square(x: number, y: number, size: number, clockwise = false): Polygon {
  const ring = [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ];
  return { type: 'Polygon', coordinates: [clockwise ? [...ring].reverse() : ring] };
}

const areas: MapDatum[] = [
  { code: 'A', name: 'Rinkeby', value: 12.5, status: 'final', geometry: square(17.9, 59.38, 0.02) },
  { code: 'B', name: 'Östermalm', value: 3.25, status: 'final', geometry: square(18.08, 59.33, 0.02) },
  { code: 'C', name: 'Farsta', value: 7, status: 'final', geometry: square(18.09, 59.24, 0.02) },
  { code: 'D', name: 'Skärholmen', value: null, status: 'suppressed', geometry: square(17.9, 59.27, 0.02) },
  { code: 'E', name: 'Okänt', value: null, status: 'missing', geometry: square(18.0, 59.3, 0.02) },
];

describe('geo.fitPath', () => {
  it('fits geometries inside the box whatever the ring winding', () => {
    const ccw = fitPath([square(18, 59, 0.1)], 200, 100, 5);
    const cw = fitPath([square(18, 59, 0.1, true)], 200, 100, 5);
    const b1 = ccw.bounds(square(18, 59, 0.1));
    const b2 = cw.bounds(square(18, 59, 0.1, true));
    assert.deepEqual(b1, b2);
    assert.ok(b1[0][0] >= 0 && b1[1][0] <= 200 && b1[0][1] >= 0 && b1[1][1] <= 100);
    // Mercator at 59° stretches latitude: a 0.1° square is taller than wide.
    assert.ok(b1[1][1] - b1[0][1] > b1[1][0] - b1[0][0]);
    // Fills the limiting dimension (height) up to the padding.
    assert.ok(Math.abs(b1[1][1] - b1[0][1] - 90) < 1e-6);
    assert.match(ccw.path(square(18, 59, 0.1)), /^M[\d.]+,[\d.]+L/);
    assert.equal(ccw.path(null), '');
  });
});

describe('ChoroplethMap', () => {
  const html = renderToStaticMarkup(
    <ChoroplethMap data={areas} title="Andel arbetslösa" unit="%" lang="sv" classes={3} selected="A" />,
  );

  it('draws each area focusable with its name and value announced', () => {
    const paths = [...html.matchAll(/<path [^>]*data-code="([A-E])"[^>]*>/g)];
    assert.equal(paths.length, 5);
    for (const [tag] of paths) {
      assert.match(tag, /tabindex="0"/);
      assert.match(tag, /aria-label="[^"]+: [^"]+"/);
    }
    assert.match(html, /aria-label="Rinkeby: 12,5 %"/);
    assert.match(html, /aria-label="Östermalm: 3,3 %"/);
    assert.match(html, /aria-label="Skärholmen: Skyddad \(för få personer\)"/);
    assert.match(html, /aria-label="Okänt: Uppgift saknas"/);
  });

  it('uses patterns for missing and suppressed, colours for values', () => {
    const fill = (code: string) => new RegExp(`<path [^>]*fill="([^"]+)"[^>]*data-code="${code}"`).exec(html)?.[1];
    assert.match(fill('D')!, /^url\(#.*-supp\)$/);
    assert.match(fill('E')!, /^url\(#.*-miss\)$/);
    assert.match(fill('A')!, /^#[0-9a-f]{6}$/);
    assert.notEqual(fill('A'), fill('B'));
    assert.match(html, /<pattern id="[^"]*-miss"/);
    assert.match(html, /<pattern id="[^"]*-supp"/);
  });

  it('has a legend with the class method, class counts and missing/suppressed entries, and a table toggle', () => {
    assert.match(html, /Kvantiler/);
    assert.match(html, /data-kind="suppressed"/);
    assert.match(html, /data-kind="missing"/);
    assert.match(html, /Visa som tabell/);
    assert.match(html, /aria-pressed="true"[^>]*>Visa som karta/);
    assert.match(html, /CSV för Excel/);
  });

  it('legend entries count every valued area exactly once', () => {
    const e = legendEntries(areas, [3.25, 5, 9, 12.5], 'sv', 1);
    assert.deepEqual(
      e.map((x) => [x.kind, x.count]),
      [
        ['value', 1],
        ['value', 1],
        ['value', 1],
        ['suppressed', 1],
        ['missing', 1],
      ],
    );
    assert.equal(e[0]!.label, '3,3–5,0');
    assert.equal(e[1]!.label, '> 5,0–9,0');
  });

  it('mapState treats non-ok statuses as not drawable', () => {
    assert.equal(mapState({ value: 1, status: 'final' }), 'value');
    assert.equal(mapState({ value: 1, status: 'not_available' }), 'missing');
    assert.equal(mapState({ value: null, status: 'suppressed' }), 'suppressed');
  });
});

describe('DataTable and TableTwin helpers', () => {
  type R = { name: string; v: number | null };
  const cols: Column<R>[] = [
    { key: 'name', header: 'Område', value: (r) => r.name, rowHeader: true },
    { key: 'v', header: 'Värde', value: (r) => r.v, align: 'right' },
  ];
  const rows: R[] = [
    { name: 'Östermalm', v: 2 },
    { name: 'Farsta', v: null },
    { name: 'Älvsjö', v: 10 },
    { name: 'Bromma', v: 2 },
  ];

  it('sorts stably with empty values last in both directions, Swedish collation', () => {
    assert.deepEqual(
      sortRows(rows, cols, { key: 'v', dir: 'asc' }).map((r) => r.name),
      ['Östermalm', 'Bromma', 'Älvsjö', 'Farsta'],
    );
    assert.deepEqual(
      sortRows(rows, cols, { key: 'v', dir: 'desc' }).map((r) => r.name),
      ['Älvsjö', 'Östermalm', 'Bromma', 'Farsta'],
    );
    assert.deepEqual(
      sortRows(rows, cols, { key: 'name', dir: 'asc' }).map((r) => r.name),
      ['Bromma', 'Farsta', 'Älvsjö', 'Östermalm'],
    );
  });

  it('CSV rows are the header and the raw values in display order', () => {
    assert.deepEqual(tableCsvRows(cols, rows.slice(0, 2)), [
      ['Område', 'Värde'],
      ['Östermalm', 2],
      ['Farsta', null],
    ]);
  });

  it('renders a captioned table with row headers and sortable column buttons', () => {
    const html = renderToStaticMarkup(
      <DataTable caption="Test" columns={cols} rows={rows} rowKey={(r) => r.name} lang="sv" highlight="Farsta" />,
    );
    assert.match(html, /<caption>Test<\/caption>/);
    assert.match(html, /<th scope="row"[^>]*>Östermalm<\/th>/);
    assert.equal((html.match(/<th scope="col"/g) ?? []).length, 2);
    assert.match(html, /<tr data-key="Farsta" class="fp-highlight" aria-current="true">/);
  });
});

describe('small components', () => {
  it('Sparkline scales points into the box and announces the values', () => {
    const pts = sparklinePoints(
      [
        { period: '2020', value: 1 },
        { period: '2021', value: null },
        { period: '2022', value: 3 },
      ],
      100,
      20,
      0,
    );
    assert.deepEqual(pts, [
      [0, 20],
      [100, 0],
    ]);
    const html = renderToStaticMarkup(
      <Sparkline
        lang="sv"
        points={[
          { period: '2020', value: 1.25 },
          { period: '2023', value: 2 },
        ]}
      />,
    );
    assert.match(html, /aria-label="Trend 2020–2023: 1,3, 2,0"/);
  });

  it('SourceNote lists each source and period once', () => {
    assert.equal(
      uniqueSources([
        { source: 'SCB', period: '2022' },
        { source: 'SCB', period: '2022' },
        null,
        { source: 'SCB', period: '2023' },
      ]).length,
      2,
    );
    const html = renderToStaticMarkup(<SourceNote lang="en" sources={[{ source: 'SCB, Table X', period: '2022' }]} />);
    assert.match(html, /Source: <span>SCB, Table X \(period 2022\)<\/span>/);
  });

  it('LocatorMap labels the located area', () => {
    const html = renderToStaticMarkup(<LocatorMap lang="sv" context={areas} target={areas[0]!} />);
    assert.match(html, /aria-label="Läge i staden: Rinkeby"/);
    assert.match(html, /data-code="A"/);
  });

  it('formats values and signed differences the Swedish way', () => {
    assert.equal(formatValue(12.345, '%', 'sv'), '12,3 %');
    assert.equal(formatValue(1234567, 'personer', 'sv'), '1\u00a0234\u00a0567 personer');
    assert.equal(formatSigned(-1.04, 'sv'), '\u22121,0');
    assert.equal(formatSigned(0.01, 'en'), '±0.0');
    assert.equal(formatSigned(2, 'en', 0), '+2');
  });
});
