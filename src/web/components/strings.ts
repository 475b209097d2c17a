/** Texts used by the shared components (Swedish first). Pages have their own i18n files. */
import type { Lang } from './format.ts';

const sv = {
  showTable: 'Visa som tabell',
  showChart: 'Visa som diagram',
  showMap: 'Visa som karta',
  downloadCsv: 'Ladda ner CSV',
  downloadCsvExcel: 'CSV för Excel (svensk)',
  downloadCsvPlain: 'CSV (RFC 4180)',
  source: 'Källa',
  sources: 'Källor',
  period: 'Period',
  missing: 'Uppgift saknas',
  suppressed: 'Skyddad (för få personer)',
  notAvailable: 'Kan inte beräknas på denna nivå',
  legend: 'Teckenförklaring',
  classMethod: {
    quantile: 'Kvantiler (lika många områden per klass)',
    jenks: 'Naturliga brytpunkter (Jenks)',
    equal: 'Lika breda intervall',
  },
  area: 'Område',
  value: 'Värde',
  city: 'Staden',
  cityValue: 'Stockholms stad',
  trend: 'Trend',
  sortBy: 'Sortera efter',
  mapOf: 'Karta över',
  locator: 'Läge i staden',
  noData: 'Inga värden att visa.',
  showAllRows: (n: string) => `Visa alla ${n} rader`,
  showFewerRows: (n: string) => `Visa de ${n} första raderna`,
  rowsShown: (shown: string, total: string, csv: boolean) =>
    `Visar ${shown} av ${total} rader. Sortera en kolumn för att se andra först${csv ? '; CSV-filen har alla rader' : ''}.`,
};

export type Strings = typeof sv;

const en: Strings = {
  showTable: 'Show as table',
  showChart: 'Show as chart',
  showMap: 'Show as map',
  downloadCsv: 'Download CSV',
  downloadCsvExcel: 'CSV for Excel (Swedish)',
  downloadCsvPlain: 'CSV (RFC 4180)',
  source: 'Source',
  sources: 'Sources',
  period: 'Period',
  missing: 'No data',
  suppressed: 'Suppressed (too few people)',
  notAvailable: 'Cannot be computed at this level',
  legend: 'Legend',
  classMethod: {
    quantile: 'Quantiles (equal number of areas per class)',
    jenks: 'Natural breaks (Jenks)',
    equal: 'Equal intervals',
  },
  area: 'Area',
  value: 'Value',
  city: 'City',
  cityValue: 'City of Stockholm',
  trend: 'Trend',
  sortBy: 'Sort by',
  mapOf: 'Map of',
  locator: 'Location in the city',
  noData: 'No values to show.',
  showAllRows: (n: string) => `Show all ${n} rows`,
  showFewerRows: (n: string) => `Show the first ${n} rows`,
  rowsShown: (shown: string, total: string, csv: boolean) =>
    `Showing ${shown} of ${total} rows. Sort a column to see others first${csv ? '; the CSV file has every row' : ''}.`,
};

export function strings(lang: Lang): Strings {
  return lang === 'en' ? en : sv;
}
