/**
 * What an import would do to the stored values: each incoming value is added, changed (old → new),
 * unchanged, or deleted (the source withdrew it). Pure: the caller passes the stored values it found.
 */
import type { Observation, ObservationStatus } from '../types.ts';

/** An incoming value; `deleted` when the source says the value no longer exists. */
export interface IncomingObservation extends Observation {
  deleted?: boolean;
}

export type ChangeKind = 'added' | 'changed' | 'unchanged' | 'deleted';

export interface StoredValue {
  value: string | null;
  numerator: string | null;
  denominator: string | null;
  status: ObservationStatus;
  source: string;
  batchId: number | null;
}

export interface ObservationChange {
  kind: ChangeKind;
  next: IncomingObservation;
  /** The stored value before the import (changed, unchanged, deleted). */
  previous: StoredValue | null;
}

export interface DiffSummary {
  added: number;
  changed: number;
  unchanged: number;
  deleted: number;
}

export function observationKey(o: {
  indicatorId: string;
  divisionId: string;
  areaCode: string;
  period: string;
  breakdown: string;
}): string {
  return [o.indicatorId, o.divisionId, o.areaCode, o.period, o.breakdown].join('\u001f');
}

/** Canonical text of an exact decimal: `12.50` → `12.5`, `+3` → `3`, `-0` → `0`; null stays null. */
export function canonicalDecimal(s: string | null): string | null {
  if (s === null) return null;
  let t = s.trim().replace(/^\+/, '');
  if (t.includes('.')) t = t.replace(/0+$/, '').replace(/\.$/, '');
  const neg = t.startsWith('-');
  let digits = neg ? t.slice(1) : t;
  digits = digits.replace(/^0+(?=\d)/, '');
  if (/^0(\.0*)?$/.test(digits) || digits === '') return '0';
  return neg ? `-${digits}` : digits;
}

function sameValue(a: Observation, b: StoredValue): boolean {
  return (
    canonicalDecimal(a.value) === canonicalDecimal(b.value) &&
    canonicalDecimal(a.numerator) === canonicalDecimal(b.numerator) &&
    canonicalDecimal(a.denominator) === canonicalDecimal(b.denominator) &&
    a.status === b.status
  );
}

/** Classifies every incoming value against the stored ones (keyed by `observationKey`). */
export function diffObservations(
  incoming: readonly IncomingObservation[],
  stored: ReadonlyMap<string, StoredValue>,
): { changes: ObservationChange[]; summary: DiffSummary } {
  const summary: DiffSummary = { added: 0, changed: 0, unchanged: 0, deleted: 0 };
  const changes: ObservationChange[] = [];
  for (const next of incoming) {
    const previous = stored.get(observationKey(next)) ?? null;
    let kind: ChangeKind;
    if (next.deleted) {
      if (!previous) continue; // withdrawn and never stored: nothing to do
      kind = 'deleted';
    } else if (!previous) kind = 'added';
    else kind = sameValue(next, previous) ? 'unchanged' : 'changed';
    summary[kind]++;
    changes.push({ kind, next, previous });
  }
  return { changes, summary };
}

/** True when applying the changes would write anything. */
export function hasEffect(summary: DiffSummary): boolean {
  return summary.added + summary.changed + summary.deleted > 0;
}
