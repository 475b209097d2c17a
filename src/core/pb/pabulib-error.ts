// The error of the pabulib `.pb` reader and writer (pabulib.ts, pabulib-write.ts).

export class PbFormatError extends Error {
  readonly line: number | null;
  readonly field: string | null;
  readonly detail: string;
  readonly file: string | null;
  constructor(detail: string, line: number | null = null, field: string | null = null, file: string | null = null) {
    const where = [file, line !== null ? `line ${line}` : null, field !== null ? `field "${field}"` : null]
      .filter((x): x is string => x !== null)
      .join(', ');
    super(where ? `${where}: ${detail}` : detail);
    this.name = 'PbFormatError';
    this.line = line;
    this.field = field;
    this.detail = detail;
    this.file = file;
  }

  /** The same error with the file name in front. */
  inFile(file: string): PbFormatError {
    return new PbFormatError(this.detail, this.line, this.field, file);
  }
}
