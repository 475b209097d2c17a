// Reading a pabulib `.pb` text into records of fields and grouping them by section (pabulib.ts
// describes the format).

import { PbFormatError } from './pabulib-error.ts';

/** One record: the fields of one line (or of several, when a quoted field holds line breaks). */
export interface Rec {
  readonly line: number;
  readonly fields: string[];
}

/** Split the text into records of fields (CSV-like with ";" and double quotes). */
export function tokenize(text: string): Rec[] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: Rec[] = [];
  let line = 1;
  let recLine = 1;
  let fields: string[] = [];
  let field = '';
  let i = 0;
  const endRecord = () => {
    fields.push(field.trim());
    out.push({ line: recLine, fields });
    fields = [];
    field = '';
  };
  while (i < s.length) {
    const ch = s[i] as string;
    if (ch === '"' && field.trim() === '') {
      // quoted field
      const quoteLine = line;
      field = '';
      i++;
      for (;;) {
        if (i >= s.length) throw new PbFormatError('a quoted field is not closed (missing ")', quoteLine);
        const c = s[i] as string;
        if (c === '"') {
          if (s[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\r' || c === '\n') {
          if (c === '\r' && s[i + 1] === '\n') i++;
          line++;
          field += '\n';
          i++;
          continue;
        }
        field += c;
        i++;
      }
      continue;
    }
    if (ch === ';') {
      fields.push(field.trim());
      field = '';
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      endRecord();
      i++;
      line++;
      recLine = line;
      continue;
    }
    field += ch;
    i++;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return out.filter((r) => r.fields.some((f) => f !== ''));
}

export const SECTIONS = ['META', 'PROJECTS', 'VOTES'] as const;
export type Section = (typeof SECTIONS)[number];

/** The section a record introduces, or null when it is not a section line. */
export function sectionOf(r: Rec): Section | null {
  const first = (r.fields[0] ?? '').toUpperCase();
  if (!(SECTIONS as readonly string[]).includes(first)) return null;
  if (r.fields.slice(1).some((f) => f !== '')) return null;
  return first as Section;
}

/** The records of one section after the line with its name. */
export interface SectionBody {
  /** The line of the section's name. */
  readonly line: number;
  readonly recs: Rec[];
}

/** The records by section. Throws when a section appears twice, out of place or not at all, or text comes before META. */
export function groupSections(recs: readonly Rec[]): Readonly<Record<Section, SectionBody>> {
  const bodies = new Map<Section, SectionBody>();
  let current: SectionBody | null = null;
  let expect = 0;
  for (const r of recs) {
    const sec = sectionOf(r);
    if (sec) {
      const idx = SECTIONS.indexOf(sec);
      if (bodies.has(sec)) throw new PbFormatError(`section ${sec} appears twice`, r.line);
      if (idx !== expect) {
        throw new PbFormatError(`section ${sec} is out of place: expected ${SECTIONS[expect] ?? 'the end'}`, r.line);
      }
      expect++;
      current = { line: r.line, recs: [] };
      bodies.set(sec, current);
      continue;
    }
    if (!current)
      throw new PbFormatError('text before the META section (a .pb file starts with the line META)', r.line);
    current.recs.push(r);
  }
  for (const sec of SECTIONS) {
    if (!bodies.has(sec)) throw new PbFormatError(`the section ${sec} is missing`);
  }
  return {
    META: bodies.get('META') as SectionBody,
    PROJECTS: bodies.get('PROJECTS') as SectionBody,
    VOTES: bodies.get('VOTES') as SectionBody,
  };
}
