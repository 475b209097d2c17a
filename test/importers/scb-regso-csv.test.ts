import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  parseDesoRegsoKey,
  parseRegsoCsv,
  readDesoRegsoKey,
  readRegsoCsv,
  regsoIndex,
} from '../../src/importers/scb-regso-csv.ts';
import { AppError } from '../../src/core/errors.ts';
import { dataDir, hasData } from '../helpers/paths.ts';

describe('DeSO → RegSO key reader', () => {
  it('reads the key with BOM, empty trailing columns and derives RegSO codes from names', () => {
    const key = parseDesoRegsoKey(
      '\uFEFFbro;Kommunnamn;DeSO;RegSO;;;;\r\n0180;Stockholm;0180C4050;Abrahamsberg;;;;\r\n0180;Stockholm;0180C6340;Hässelby Gård;;;;\r\n',
      'key.csv',
    );
    assert.deepEqual(
      key.rows.map((r) => [r.line, r.deso, r.regsoName, r.regsoCode]),
      [
        [2, '0180C4050', 'Abrahamsberg', '0180R-abrahamsberg'],
        [3, '0180C6340', 'Hässelby Gård', '0180R-hasselby-gard'],
      ],
    );
  });

  it('names the line and column of a bad DeSO code or a repeated DeSO', () => {
    assert.throws(
      () => parseDesoRegsoKey('k;n;DeSO;RegSO\n0180;Stockholm;0180X;Akalla\n', 'key.csv'),
      (e: unknown) => {
        assert.ok(e instanceof AppError);
        assert.match(e.message, /key\.csv, line 2, column DeSO: not a DeSO code: "0180X"/);
        return true;
      },
    );
    assert.throws(
      () => parseDesoRegsoKey('k;n;DeSO;RegSO\n0180;S;0180C1010;A\n0180;S;0180C1010;B\n', 'key.csv'),
      /line 3, column DeSO: DeSO 0180C1010 appears twice/,
    );
  });

  it('the real key: Stockholm has 544 DeSO in 127 RegSO', { skip: !hasData && 'no data directory' }, async () => {
    const key = await readDesoRegsoKey(join(dataDir, 'scb', 'keys', 'deso2018-regso.csv'));
    const sthlm = key.rows.filter((r) => r.kommunCode === '0180');
    assert.equal(sthlm.length, 544);
    assert.equal(regsoIndex(key, 'Stockholm').size, 127);
    assert.equal(new Set(sthlm.map((r) => r.regsoCode)).size, 127, 'derived codes are unique');
  });
});

describe('RegSO series CSV reader', () => {
  const codes = new Map([
    ['Rinkeby', '0180R-rinkeby'],
    ['Hässelby Gård', '0180R-hasselby-gard'],
  ]);
  const opts = { kommunName: 'Stockholm', regsoCodes: codes, title: 'Inkomst per RegSO', tableId: 'regso-income' };

  it('matches "Stockholm (Rinkeby)" to the RegSO code, trims labels, skips other municipalities; tolerates BOM and CR CR LF', () => {
    const text =
      '\uFEFF"region","inkomstkomponent","kön","Medelvärde för samtliga, tkr 2020","Medelvärde för samtliga, tkr 2021"\r\r\n' +
      '"Solna (Hagalund)","löneinkomst ","totalt",300.1,301.2\r\r\n' +
      '"Stockholm (Rinkeby)","löneinkomst ","totalt",200.5,..\r\r\n' +
      '"Stockholm (Hässelby Gård)","löneinkomst ","totalt",350,360.5\r\r\n';
    const s = parseRegsoCsv(text, 'income.csv', opts);
    assert.deepEqual(s.periods, ['2020', '2021']);
    assert.deepEqual(s.dimensions, ['inkomstkomponent', 'kön']);
    assert.equal(s.records.length, 4);
    assert.deepEqual(s.records[0], {
      tableId: 'regso-income',
      title: 'Inkomst per RegSO',
      content: 'Medelvärde för samtliga, tkr',
      breakdown: { inkomstkomponent: 'löneinkomst', kön: 'totalt' },
      period: '2020',
      regionCode: '0180R-rinkeby',
      regionName: 'Rinkeby',
      value: 200.5,
      status: 'ok',
      source: 'SCB, Inkomst per RegSO, 2020',
    });
    assert.deepEqual([s.records[1]!.value, s.records[1]!.status], [null, 'missing']);
  });

  it('lists regions not in the key, and names line and column of a bad number', () => {
    const s = parseRegsoCsv('"region","x","Antal 2020"\n"Stockholm (Atlantis)","a",1\n', 'a.csv', opts);
    assert.deepEqual(s.unknownRegions, [{ line: 2, region: 'Stockholm (Atlantis)' }]);
    assert.throws(
      () => parseRegsoCsv('"region","x","Antal 2020"\n"Stockholm (Rinkeby)","a",12x\n', 'a.csv', opts),
      /a\.csv, line 2, column Antal 2020: not a number or SCB marker: "12x"/,
    );
  });

  it(
    'the real series: every Stockholm region matches a RegSO of the key',
    { skip: !hasData && 'no data directory' },
    async () => {
      const key = await readDesoRegsoKey(join(dataDir, 'scb', 'keys', 'deso2018-regso.csv'));
      const regsoCodes = regsoIndex(key, 'Stockholm');
      for (const [file, perRegso] of [
        ['regso-born-region.csv', 2],
        ['regso-housing-tenure.csv', 4],
        ['regso-income.csv', 1],
      ] as const) {
        const s = await readRegsoCsv(join(dataDir, 'scb', 'regso-2020-2023', file), {
          kommunName: 'Stockholm',
          regsoCodes,
          title: file,
          tableId: file,
        });
        assert.deepEqual(s.unknownRegions, [], file);
        assert.deepEqual(s.periods, ['2020', '2021', '2022', '2023'], file);
        assert.equal(s.records.length, 127 * perRegso * 4, file);
        assert.equal(new Set(s.records.map((r) => r.regionCode)).size, 127, file);
      }
    },
  );
});
