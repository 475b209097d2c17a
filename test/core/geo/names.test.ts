import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { displayName, nameKey, slug } from '../../../src/core/geo/names.ts';

describe('display names', () => {
  it('writes compound place names with only the first word capitalised', () => {
    assert.equal(displayName('HÄSSELBY GÅRD'), 'Hässelby gård');
    assert.equal(displayName('BROMMA KYRKA'), 'Bromma kyrka');
    assert.equal(displayName('ÖRBY SLOTT'), 'Örby slott');
    assert.equal(displayName('RINKEBY'), 'Rinkeby');
  });
  it('capitalises a name after a positional adjective, and hyphenated parts', () => {
    assert.equal(displayName('NORRA ÄNGBY'), 'Norra Ängby');
    assert.equal(displayName('STORA ESSINGEN'), 'Stora Essingen');
    assert.equal(displayName('SÖDRA HAMMARBYHAMNEN'), 'Södra Hammarbyhamnen');
    assert.equal(displayName('GAMLA ENSKEDE'), 'Gamla Enskede');
    assert.equal(displayName('RINKEBY-KISTA'), 'Rinkeby-Kista');
  });
  it('uses the exceptions list and keeps names already written by people', () => {
    assert.equal(displayName('GAMLA STAN'), 'Gamla stan');
    assert.equal(displayName('ULVSUNDA INDUSTRIOMR'), 'Ulvsunda industriområde');
    assert.equal(displayName('Enskede-Årsta-Vantör'), 'Enskede-Årsta-Vantör');
    assert.equal(displayName('  HÄSSELBY   STRAND '), 'Hässelby strand');
  });
  it('compares names ignoring case and spacing; slugs are ASCII', () => {
    assert.equal(nameKey('Hässelby Gård'), nameKey('HÄSSELBY GÅRD'));
    assert.equal(nameKey('Rinkeby - Kista'), 'rinkeby-kista');
    assert.equal(slug('Hässelby gård'), 'hasselby-gard');
    assert.equal(slug('Östra Skarpnäcks gård-Flaten-Skrubba'), 'ostra-skarpnacks-gard-flaten-skrubba');
  });
});
