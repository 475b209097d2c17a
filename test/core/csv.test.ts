import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { csvField, objectsToCsv, SWEDISH_EXCEL, toCsv } from '../../src/core/csv.ts';

describe('toCsv (RFC 4180)', () => {
  it('ends every record with CRLF and joins with commas', () => {
    assert.equal(
      toCsv([
        ['a', 'b'],
        [1, 2.5],
      ]),
      'a,b\r\n1,2.5\r\n',
    );
  });

  it('quotes fields with delimiter, quotes, CR or LF and doubles inner quotes', () => {
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hej"'), '"say ""hej"""');
    assert.equal(csvField('line1\nline2'), '"line1\nline2"');
    assert.equal(csvField('x\r\ny'), '"x\r\ny"');
    assert.equal(csvField(' padded'), '" padded"');
    assert.equal(csvField('plain'), 'plain');
  });

  it('writes null and undefined as empty fields and pads short rows', () => {
    assert.equal(
      toCsv([
        ['a', 'b', 'c'],
        [null, undefined],
      ]),
      'a,b,c\r\n,,\r\n',
    );
  });

  it('keeps Swedish letters and writes a BOM only when asked', () => {
    const plain = toCsv([['Område'], ['Hässelby gård']]);
    assert.equal(plain.charCodeAt(0), 'O'.charCodeAt(0));
    const bom = toCsv([['Område'], ['Hässelby gård']], { bom: true });
    assert.equal(bom.charCodeAt(0), 0xfeff);
    assert.equal(bom.slice(1), plain);
  });

  it('Swedish Excel: semicolons, decimal commas, BOM; commas in text need no quotes', () => {
    const csv = toCsv(
      [
        ['Område', 'Andel (%)'],
        ['Rinkeby-Kista, stadsdelsområde', 12.75],
        ['Östermalm; inre', -3.5],
      ],
      SWEDISH_EXCEL,
    );
    assert.equal(csv, '\uFEFFOmråde;Andel (%)\r\nRinkeby-Kista, stadsdelsområde;12,75\r\n"Östermalm; inre";-3,5\r\n');
  });

  it('quotes decimal-comma numbers when the delimiter is a comma', () => {
    assert.equal(toCsv([[1.5, 2]], { decimal: ',' }), '"1,5",2\r\n');
  });

  it('neutralises formulas in text but never changes numbers', () => {
    assert.equal(csvField('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"');
    assert.equal(csvField('+46'), "'+46");
    assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvField('-cmd'), "'-cmd");
    assert.equal(csvField('-12.5'), '-12.5');
    assert.equal(csvField(-12.5), '-12.5');
    assert.equal(csvField('=1', { guardFormulas: false }), '=1');
  });

  it('writes bigint exactly and non-finite numbers as empty', () => {
    assert.equal(csvField(123456789012345678901234567890n), '123456789012345678901234567890');
    assert.equal(csvField(Number.NaN), '');
    assert.equal(csvField(-0), '0');
    assert.equal(csvField(true), 'true');
  });

  it('objectsToCsv maps columns in order', () => {
    const rows = [
      { code: '0180', name: 'Stockholm', v: 984748 },
      { code: '01', name: 'Rinkeby-Kista', v: null },
    ];
    const csv = objectsToCsv(rows, [
      { header: 'Kod', value: (r) => r.code },
      { header: 'Namn', value: (r) => r.name },
      { header: 'Värde', value: (r) => r.v },
    ]);
    assert.equal(csv, 'Kod,Namn,Värde\r\n0180,Stockholm,984748\r\n01,Rinkeby-Kista,\r\n');
  });

  it('round-trips through csv-parse', async () => {
    const { parse } = await import('csv-parse/sync');
    const rows = [
      ['a;b', 'c"d', 'e\r\nf', ' g ', 'Åsa'],
      ['1', '', 'x', 'y', 'z'],
    ];
    for (const opts of [{}, { delimiter: ';' as const, bom: true }]) {
      const csv = toCsv(rows, { ...opts, guardFormulas: false });
      const back = parse(csv, { delimiter: opts.delimiter ?? ',', bom: true, relax_column_count: false });
      assert.deepEqual(back, rows);
    }
  });
});
