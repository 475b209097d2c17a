/** A report or the city report out as HTML, PDF or DOCX: the same document model, three writers. */
import type { Queryable } from '../../db/database.ts';
import type { Actor } from '../../core/access.ts';
import type { ExportFormat } from '../../core/contracts/reports.ts';
import { cityDocument, reportDocument, type Doc } from './document.ts';
import { renderHtml } from './html.ts';
import { htmlToPdf } from './pdf.ts';
import { renderDocx } from './docx.ts';
import { WORDS, type DocLang } from './words.ts';
import { readReportModel } from './read.ts';
import { getCityReport } from './city.ts';

export interface ExportedFile {
  contentType: string;
  filename: string;
  body: Buffer;
}

const TYPES: Record<ExportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export async function renderDoc(doc: Doc, format: ExportFormat, name: string): Promise<ExportedFile> {
  const contents = WORDS[doc.lang].contents;
  const html = format === 'docx' ? '' : renderHtml(doc, contents);
  const body =
    format === 'html'
      ? Buffer.from(html, 'utf8')
      : format === 'pdf'
        ? await htmlToPdf(html)
        : await renderDocx(doc, contents);
  return { contentType: TYPES[format], filename: `${name}.${format}`, body };
}

export async function exportReport(
  db: Queryable,
  id: string,
  format: ExportFormat,
  opts: { lang?: DocLang; now: Date; viewer?: { actor: Actor | null; userId: number | null } },
): Promise<ExportedFile> {
  const r = await readReportModel(db, id, opts.viewer ?? { actor: null, userId: null });
  const doc = reportDocument(r, opts.lang ?? 'sv', opts.now.toISOString().slice(0, 10));
  return renderDoc(doc, format, `rapport-${r.id}`);
}

export async function exportCityReport(
  db: Queryable,
  periodId: string,
  format: ExportFormat,
  opts: { lang?: DocLang; now: Date },
): Promise<ExportedFile> {
  const c = await getCityReport(db, periodId, { actor: null, now: opts.now });
  return renderDoc(cityDocument(c, opts.lang ?? 'sv'), format, `stadens-rapport-${c.period.id}`);
}
