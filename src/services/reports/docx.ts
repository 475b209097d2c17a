/**
 * A document as DOCX (the `docx` package): real headings (so Word's navigation pane and table of
 * contents work), a table of contents filled from the headings, tables with a repeated header row,
 * the language set on the default style, and each chart given as its table twin (the values), so a
 * committee secretary can edit everything in Word.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Block, Doc } from './document.ts';

const LANG = { sv: 'sv-SE', en: 'en-GB' } as const;

function cell(text: string, opts: { header?: boolean; num?: boolean } = {}): TableCell {
  return new TableCell({
    children: [
      new Paragraph({
        alignment: opts.num ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: opts.header ?? false })],
      }),
    ],
  });
}

function table(b: Extract<Block, { kind: 'table' }>): (Paragraph | Table)[] {
  const header = new TableRow({
    tableHeader: true,
    children: b.columns.map((c) => cell(c.label, { header: true, num: c.num ?? false })),
  });
  const rows = b.rows.map(
    (r) => new TableRow({ children: r.map((x, i) => cell(x, { num: b.columns[i]?.num ?? false, header: i === 0 })) }),
  );
  return [
    new Paragraph({ style: 'Caption', children: [new TextRun({ text: b.caption, bold: true })] }),
    new Table({ rows: [header, ...rows], width: { size: 100, type: WidthType.PERCENTAGE } }),
    new Paragraph({ children: [new TextRun({ text: b.note, size: 16, italics: true })] }),
  ];
}

function blocks(b: Block): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'p':
      return [new Paragraph({ text: b.text })];
    case 'h':
      return [new Paragraph({ text: b.text, heading: HeadingLevel.HEADING_2 })];
    case 'table':
      return table(b);
    case 'chart':
      // The chart's values follow as its table twin; here its title and source.
      return [
        new Paragraph({ children: [new TextRun({ text: b.title, bold: true })] }),
        new Paragraph({ children: [new TextRun({ text: b.note, size: 16, italics: true })] }),
      ];
  }
}

export async function renderDocx(doc: Doc, contentsLabel: string): Promise<Buffer> {
  const children: (Paragraph | Table | TableOfContents)[] = [
    new Paragraph({ text: doc.title, heading: HeadingLevel.TITLE }),
    new Paragraph({ text: doc.subtitle }),
    ...doc.meta.map(
      ([k, v]) => new Paragraph({ children: [new TextRun({ text: `${k}: `, bold: true }), new TextRun(v)] }),
    ),
    new Paragraph({ children: [new TextRun({ text: contentsLabel, bold: true, size: 28 })] }),
    new TableOfContents(contentsLabel, { hyperlink: true, headingStyleRange: '1-2' }),
  ];
  for (const s of doc.sections) {
    children.push(new Paragraph({ text: s.title, heading: HeadingLevel.HEADING_1 }));
    for (const b of s.blocks) children.push(...blocks(b));
  }
  const d = new Document({
    title: doc.title,
    description: doc.subtitle,
    creator: 'Färdplan',
    styles: { default: { document: { run: { language: { value: LANG[doc.lang] }, font: 'Arial' } } } },
    sections: [{ children }],
  });
  return Buffer.from(await Packer.toBuffer(d));
}
