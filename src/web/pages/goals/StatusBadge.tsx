import type { ReactNode } from 'react';
import type { GoalStatus } from './model.ts';

/** A symbol per status, so the badge never relies on colour alone. */
const SYMBOL: Record<GoalStatus, string> = {
  met: '✓',
  on_track: '↗',
  at_risk: '!',
  off_track: '✕',
  not_measurable: '?',
};

export function StatusBadge({
  status,
  label,
  count,
}: {
  status: GoalStatus;
  label: string;
  count?: number;
}): ReactNode {
  return (
    <span className="goal-badge" data-status={status}>
      <span aria-hidden="true">{SYMBOL[status]}</span>
      {count !== undefined ? `${label}: ${count}` : label}
    </span>
  );
}
