/** Errors of the analysis calculations: bad input (validation_failed), naming the area and field where known. */
import { AppError } from '../errors.ts';

export class AnalysisError extends AppError {
  /** The area (unit id) the problem is in, when it is about one area. */
  readonly areaId: string | null;
  /** The field (column, indicator) the problem is in, when known. */
  readonly field: string | null;
  constructor(message: string, areaId: string | null = null, field: string | null = null) {
    super('validation_failed', message, [{ ...(field !== null ? { field } : {}), message }]);
    this.name = 'AnalysisError';
    this.areaId = areaId;
    this.field = field;
  }
}
