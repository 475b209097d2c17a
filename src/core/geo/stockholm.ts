/**
 * The Stockholm reference geography: division ids, area codes and the documented hand resolutions
 * of RegSO names to stadsdelar. Pure data and functions.
 */
import type { Division } from '../types.ts';
import type { NameResolution } from './crosswalk.ts';
import { slug } from './names.ts';

export const KOMMUN_CODE = '0180';
export const KOMMUN_NAME = 'Stockholm';

/** Division ids (stable; used in the API and by other modules). */
export const DIVISIONS = {
  kommun: 'kommun',
  sdo2023: 'stadsdelsomrade-2023',
  sdo2020: 'stadsdelsomrade-2020',
  stadsdel: 'stadsdel',
  regso: 'regso',
  deso: 'deso',
  uso2023: 'polisen-uso-2023',
  uso2025: 'polisen-uso-2025',
} as const;
export type DivisionId = (typeof DIVISIONS)[keyof typeof DIVISIONS];

/** The statistical hierarchy, finest first: counts are aggregated along it. */
export const STATISTICAL_CHAIN = [DIVISIONS.deso, DIVISIONS.regso, DIVISIONS.stadsdel] as const;

export const DIVISION_DEFS: readonly Division[] = [
  {
    id: DIVISIONS.kommun,
    nameSv: 'Stockholms stad',
    nameEn: 'City of Stockholm',
    level: 0,
    validFrom: null,
    validTo: null,
    sourceId: 'scb',
    sort: 0,
  },
  {
    id: DIVISIONS.sdo2023,
    nameSv: 'Stadsdelsområden (11, från 2023-07-01)',
    nameEn: 'District areas (11, from 2023-07-01)',
    level: 1,
    validFrom: '2023-07-01',
    validTo: null,
    sourceId: 'stockholm-stad',
    sort: 1,
  },
  {
    id: DIVISIONS.sdo2020,
    nameSv: 'Stadsdelsområden (13, 2020-07-01–2023-06-30)',
    nameEn: 'District areas (13, 2020-07-01 to 2023-06-30)',
    level: 1,
    validFrom: '2020-07-01',
    validTo: '2023-06-30',
    sourceId: 'stockholm-stad',
    sort: 2,
  },
  {
    id: DIVISIONS.stadsdel,
    nameSv: 'Stadsdelar',
    nameEn: 'Districts (stadsdelar)',
    level: 2,
    validFrom: null,
    validTo: null,
    sourceId: 'stockholm-stad',
    sort: 3,
  },
  {
    id: DIVISIONS.regso,
    nameSv: 'RegSO (regionala statistikområden)',
    nameEn: 'RegSO (regional statistical areas)',
    level: 3,
    validFrom: '2018-01-01',
    validTo: null,
    sourceId: 'scb',
    sort: 4,
  },
  {
    id: DIVISIONS.deso,
    nameSv: 'DeSO 2018 (demografiska statistikområden)',
    nameEn: 'DeSO 2018 (demographic statistical areas)',
    level: 4,
    validFrom: '2018-01-01',
    validTo: null,
    sourceId: 'scb',
    sort: 5,
  },
  {
    id: DIVISIONS.uso2023,
    nameSv: 'Polisens utsatta områden 2023',
    nameEn: "The Police's vulnerable areas 2023",
    level: 9,
    validFrom: '2023-01-01',
    validTo: null,
    sourceId: 'polisen',
    sort: 6,
  },
  {
    id: DIVISIONS.uso2025,
    nameSv: 'Polisens utsatta områden 2025 (utan gränser)',
    nameEn: "The Police's vulnerable areas 2025 (no boundaries)",
    level: 9,
    validFrom: '2025-01-01',
    validTo: null,
    sourceId: 'polisen',
    sort: 7,
  },
];

/** SCB's key names RegSO without codes; ours are derived from the name: `0180R-rinkeby`. */
export const regsoCode = (kommun: string, name: string): string => `${kommun}R-${slug(name)}`;
/** `0180S-hasselby-gard` */
export const stadsdelCode = (name: string): string => `${KOMMUN_CODE}S-${slug(name)}`;
/** `0180D-jarva` (the same code in both divisions where the name is the same). */
export const sdoCode = (name: string): string => `${KOMMUN_CODE}D-${slug(name)}`;
/** `0180P-rinkeby-tensta` (the Police's areas; `NAMN` slugged). */
export const usoCode = (name: string): string => `${KOMMUN_CODE}P-${slug(name)}`;

/**
 * RegSO names that are not stadsdel names, resolved by hand (target names as in the stadsdel layer).
 * Composite RegSO (several stadsdelar) go whole to the stadsdel with most of the housing; the others
 * it covers get no figures of their own. Inner-city RegSO carry parish names (Katarina, Matteus …);
 * each lies within one stadsdel; the split of Johannes and Adolf Fredrik between Norrmalm and
 * Vasastaden follows Region Stockholm's stadsdelsnämnd parts (`Jakob-Klara-Adolf Fredrik-Södra Johannes`
 * lies in Norrmalm).
 */
export const REGSO_STADSDEL_RESOLUTIONS: readonly NameResolution[] = [
  // Composite names
  {
    from: 'Hjorthagen-Värtahamnen',
    to: 'HJORTHAGEN',
    confidence: 0.95,
    note: 'composite; Värtahamnen lies in Hjorthagen',
  },
  {
    from: 'Nockebyhov-Olovslund',
    to: 'NOCKEBYHOV',
    confidence: 0.7,
    note: 'composite; covers Nockebyhov and Olovslund, all counted in Nockebyhov',
  },
  {
    from: 'Reimersholme-Långholmen',
    to: 'REIMERSHOLME',
    confidence: 0.8,
    note: 'composite; covers Reimersholme and Långholmen, all counted in Reimersholme',
  },
  {
    from: 'Riksby-Åkeshov',
    to: 'RIKSBY',
    confidence: 0.7,
    note: 'composite; covers Riksby and Åkeshov, all counted in Riksby',
  },
  {
    from: 'Solhem-Lunda',
    to: 'SOLHEM',
    confidence: 0.8,
    note: 'composite; covers Solhem and Lunda (mostly industry), all counted in Solhem',
  },
  { from: 'Norra Skarpnäcks Gård', to: 'SKARPNÄCKS GÅRD', confidence: 0.9, note: 'part of Skarpnäcks gård' },
  {
    from: 'Sydvästra Skarpnäcks gård-Orhem',
    to: 'SKARPNÄCKS GÅRD',
    confidence: 0.8,
    note: 'composite; covers part of Skarpnäcks gård and Orhem, all counted in Skarpnäcks gård',
  },
  {
    from: 'Östra Skarpnäcks gård-Flaten-Skrubba',
    to: 'SKARPNÄCKS GÅRD',
    confidence: 0.8,
    note: 'composite; covers part of Skarpnäcks gård, Flaten and Skrubba, all counted in Skarpnäcks gård',
  },
  { from: 'Östra Farsta Strand', to: 'FARSTA STRAND', confidence: 0.9, note: 'part of Farsta strand' },
  {
    from: 'Västra Farsta Strand-Farstanäset',
    to: 'FARSTA STRAND',
    confidence: 0.8,
    note: 'composite; covers part of Farsta strand and Farstanäset, all counted in Farsta strand',
  },
  {
    from: 'Ulvsunda Industriområde',
    to: 'ULVSUNDA INDUSTRIOMR',
    confidence: 1,
    note: 'the stadsdel layer abbreviates the name',
  },
  // Parish-based inner-city names
  {
    from: 'Storkyrkan',
    to: 'GAMLA STAN',
    confidence: 0.85,
    note: 'Storkyrkoförsamlingen; Gamla stan with Riddarholmen (and Skeppsholmen), counted in Gamla stan',
  },
  { from: 'Klara-Jacob', to: 'NORRMALM', confidence: 0.9, note: 'Klara and Jakob parishes, in Norrmalm' },
  { from: 'Södra Adolf Fredrik', to: 'NORRMALM', confidence: 0.8, note: 'southern Adolf Fredrik parish, in Norrmalm' },
  { from: 'Södra Johannes', to: 'NORRMALM', confidence: 0.8, note: 'southern Johannes parish, in Norrmalm' },
  {
    from: 'Norra Adolf Fredrik',
    to: 'VASASTADEN',
    confidence: 0.75,
    note: 'northern Adolf Fredrik parish, in Vasastaden',
  },
  { from: 'Norra Johannes', to: 'VASASTADEN', confidence: 0.75, note: 'northern Johannes parish, in Vasastaden' },
  { from: 'Gustav Vasa', to: 'VASASTADEN', confidence: 0.9, note: 'Gustav Vasa parish, in Vasastaden' },
  { from: 'Västra Matteus', to: 'VASASTADEN', confidence: 0.9, note: 'Matteus parish, in Vasastaden' },
  { from: 'Östra Matteus', to: 'VASASTADEN', confidence: 0.9, note: 'Matteus parish, in Vasastaden' },
  { from: 'Engelbrekts kyrka', to: 'ÖSTERMALM', confidence: 0.85, note: 'Engelbrekt parish, in Östermalm' },
  { from: 'Hedvig Eleonora', to: 'ÖSTERMALM', confidence: 0.9, note: 'Hedvig Eleonora parish, in Östermalm' },
  { from: 'Oscars kyrka', to: 'ÖSTERMALM', confidence: 0.9, note: 'Oscar parish, in Östermalm' },
  { from: 'Gärdet', to: 'LADUGÅRDSGÄRDET', confidence: 0.95, note: 'Gärdet is the common name of Ladugårdsgärdet' },
  {
    from: 'Tekniska Högskolan',
    to: 'NORRA DJURGÅRDEN',
    confidence: 0.75,
    note: 'the KTH area north of Valhallavägen, in Norra Djurgården',
  },
  {
    from: 'Universitetet',
    to: 'NORRA DJURGÅRDEN',
    confidence: 0.9,
    note: 'Frescati and the university, in Norra Djurgården',
  },
  { from: 'Kungsholm', to: 'KUNGSHOLMEN', confidence: 0.9, note: 'Kungsholm parish, in Kungsholmen' },
  {
    from: 'Östra Sankt Göran',
    to: 'KUNGSHOLMEN',
    confidence: 0.85,
    note: 'eastern Sankt Göran parish, in Kungsholmen',
  },
  { from: 'Västra Katarina', to: 'SÖDERMALM', confidence: 0.9, note: 'Katarina parish, on Södermalm' },
  { from: 'Östra Katarina', to: 'SÖDERMALM', confidence: 0.9, note: 'Katarina parish, on Södermalm' },
  { from: 'Norra Sofia', to: 'SÖDERMALM', confidence: 0.9, note: 'Sofia parish, on Södermalm' },
  { from: 'Södra Sofia', to: 'SÖDERMALM', confidence: 0.9, note: 'Sofia parish, on Södermalm' },
  { from: 'Norra Högalid', to: 'SÖDERMALM', confidence: 0.9, note: 'Högalid parish, on Södermalm' },
  { from: 'Mellersta Högalid', to: 'SÖDERMALM', confidence: 0.9, note: 'Högalid parish, on Södermalm' },
  { from: 'Södra Högalid', to: 'SÖDERMALM', confidence: 0.9, note: 'Högalid parish, on Södermalm' },
  { from: 'Mariatorget', to: 'SÖDERMALM', confidence: 0.9, note: 'Maria Magdalena parish, on Södermalm' },
  { from: 'Södra Station', to: 'SÖDERMALM', confidence: 0.9, note: 'the Södra station area, on Södermalm' },
];
