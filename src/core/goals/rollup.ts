// Statuses that add up: a commitment's status from the targets that follow it up (the method is in docs/goals.md).
// Pure: no I/O.
import { STATUS_ORDER, type Bilingual, type GoalStatus } from './status.ts';

export interface TargetStatusLike {
  id: string;
  title: Bilingual;
  status: GoalStatus;
}

export interface CommitmentStatus {
  status: GoalStatus;
  basis: 'targets' | 'manual' | 'none';
  reason: Bilingual;
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
    const n = assessed.length;
    const total = targets.length;
    return {
      status: worst.status,
      basis: 'targets',
      reason:
        n === 1
          ? {
              sv: `Följer målet ”${worst.title.sv}”${total > 1 ? ` (${total - 1} mål till saknar bedömning)` : ''}.`,
              en: `Follows the target “${worst.title.en}”${total > 1 ? ` (${total - 1} more targets are not assessed)` : ''}.`,
            }
          : {
              sv: `Sämsta status bland ${n} bedömda mål av ${total}: ”${worst.title.sv}”.`,
              en: `The weakest status among ${n} assessed targets of ${total}: “${worst.title.en}”.`,
            },
    };
  }
  if (manual) {
    return {
      status: manual.status,
      basis: 'manual',
      reason: {
        sv: `Manuell bedömning ${manual.setAt.slice(0, 10)} av ${manual.setBy}: ${manual.note}`,
        en: `Manual assessment on ${manual.setAt.slice(0, 10)} by ${manual.setBy}: ${manual.note}`,
      },
    };
  }
  return {
    status: 'not_measurable',
    basis: 'none',
    reason: targets.length
      ? {
          sv: `Inget av åtagandets ${targets.length} mål kan bedömas ännu, och ingen manuell bedömning finns.`,
          en: `None of the commitment's ${targets.length} targets can be assessed yet, and there is no manual assessment.`,
        }
      : {
          sv: 'Åtagandet har inget mätbart mål och ingen manuell bedömning ännu.',
          en: 'The commitment has no measurable target and no manual assessment yet.',
        },
  };
}
