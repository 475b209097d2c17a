// Statuses that add up: a commitment's status from the targets that follow it up (the method is in docs/goals.md).
// Pure: no I/O.
import { STATUS_ORDER, type Bilingual, type GoalStatus } from './status.ts';
import { reason, type StatusReason } from './reasons.ts';

export interface TargetStatusLike {
  id: string;
  title: Bilingual;
  status: GoalStatus;
}

export interface CommitmentStatus {
  status: GoalStatus;
  basis: 'targets' | 'manual' | 'none';
  reason: StatusReason;
}

/**
 * A commitment's status:
 *  1. when at least one of its targets has a computed status (not "not assessed"), the worst of those
 *     statuses (a commitment is only as far along as its weakest target);
 *  2. otherwise a person's latest manual assessment, when there is one;
 *  3. otherwise not assessed, saying whether it has targets at all.
 */
export function commitmentStatus(
  targets: readonly TargetStatusLike[],
  manual: { status: GoalStatus; note: string; setBy: string; setAt: string } | null,
): CommitmentStatus {
  const assessed = targets.filter((t) => t.status !== 'not_measurable');
  if (assessed.length) {
    let worst = assessed[0] as TargetStatusLike;
    for (const t of assessed) if (STATUS_ORDER[t.status] > STATUS_ORDER[worst.status]) worst = t;
    return {
      status: worst.status,
      basis: 'targets',
      reason:
        assessed.length === 1
          ? reason(targets.length > 1 ? 'commitment_follows_others_unassessed' : 'commitment_follows', {
              target: worst.title,
              others: targets.length - 1,
            })
          : reason('commitment_worst', { target: worst.title, n: assessed.length, total: targets.length }),
    };
  }
  if (manual) {
    return {
      status: manual.status,
      basis: 'manual',
      reason: reason('commitment_manual', { date: manual.setAt.slice(0, 10), by: manual.setBy, note: manual.note }),
    };
  }
  return {
    status: 'not_measurable',
    basis: 'none',
    reason: targets.length
      ? reason('commitment_targets_unassessed', { total: targets.length })
      : reason('commitment_no_targets'),
  };
}
