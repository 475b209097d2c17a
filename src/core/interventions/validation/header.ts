// The header row of an intervention import: known, unique and required columns.

import { IMPORT_COLUMNS, REQUIRED_COLUMNS, type ImportProblem } from './sheet.ts';

/**
 * The problems of the header row (repeated or unknown columns, then missing required ones) and the
 * 1-based position of each known column.
 */
export function checkHeader(header: readonly string[]): { problems: ImportProblem[]; colIndex: Map<string, number> } {
  const problems: ImportProblem[] = [];
  const colIndex = new Map<string, number>();
  const seen = new Set<string>();
  header.forEach((raw, i) => {
    const h = raw.trim().toLowerCase();
    if (h === '') return;
    if (seen.has(h)) {
      problems.push({
        row: 1,
        column: raw,
        columnIndex: i + 1,
        code: 'duplicate-column',
        message: `column "${raw}" appears more than once`,
      });
      return;
    }
    seen.add(h);
    if (!(IMPORT_COLUMNS as readonly string[]).includes(h)) {
      problems.push({
        row: 1,
        column: raw,
        columnIndex: i + 1,
        code: 'unknown-column',
        message: `unknown column "${raw}"; the columns are ${IMPORT_COLUMNS.join(', ')}`,
      });
      return;
    }
    colIndex.set(h, i + 1);
  });
  for (const c of REQUIRED_COLUMNS) {
    if (!colIndex.has(c)) {
      problems.push({
        row: 1,
        column: c,
        columnIndex: 0,
        code: 'missing-column',
        message: `required column "${c}" is missing`,
      });
    }
  }
  return { problems, colIndex };
}
