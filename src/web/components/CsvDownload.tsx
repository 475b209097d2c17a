/**
 * Downloads exactly the rows given (the table on screen, in its order) as CSV: one link for
 * Swedish Excel (semicolons, decimal commas, BOM) and one plain RFC 4180 file.
 */
import type { ReactNode } from 'react';
import { SWEDISH_EXCEL, toCsv, type CsvCell, type CsvOptions } from '../../core/csv.ts';
import type { Lang } from './format.ts';
import { strings } from './strings.ts';

export interface CsvDownloadProps {
  lang: Lang;
  filename: string;
  rows: readonly (readonly CsvCell[])[];
}

function safeName(name: string): string {
  return name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || 'data';
}

function download(filename: string, rows: readonly (readonly CsvCell[])[], options: CsvOptions): void {
  const blob = new Blob([toCsv(rows, options)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${safeName(filename)}.csv`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function CsvDownload({ lang, filename, rows }: CsvDownloadProps): ReactNode {
  const t = strings(lang);
  return (
    <span className="fp-csv">
      <span className="fp-csv-label">{t.downloadCsv}:</span>{' '}
      <button
        type="button"
        className="fp-link-button"
        data-csv="excel"
        onClick={() => download(filename, rows, SWEDISH_EXCEL)}
      >
        {t.downloadCsvExcel}
      </button>{' '}
      <button type="button" className="fp-link-button" data-csv="plain" onClick={() => download(filename, rows, {})}>
        {t.downloadCsvPlain}
      </button>
    </span>
  );
}
