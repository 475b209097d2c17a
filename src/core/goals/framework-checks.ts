// Checks across the files of the goals framework (framework-schema.ts) that the per-file schemas
// cannot do, and the list of its citations. Pure.
import type { Citation, Framework } from './framework-schema.ts';

/** Every citation in the framework with the path of the item that carries it. */
export function allCitations(f: Framework): { path: string; citation: Citation }[] {
  const out: { path: string; citation: Citation }[] = [];
  out.push({ path: `vision ${f.vision.id}`, citation: f.vision.citation });
  for (const ga of f.goalAreas) {
    out.push({ path: `goal area ${ga.id}`, citation: ga.citation });
    for (const s of ga.strategies) out.push({ path: `strategy ${s.id}`, citation: s.citation });
  }
  out.push({ path: `reform programme ${f.reformProgramme.id}`, citation: f.reformProgramme.citation });
  for (const a of f.reformProgramme.areas) {
    out.push({ path: `reform area ${a.id}`, citation: a.citation });
    for (const c of a.commitments) out.push({ path: `commitment ${c.id}`, citation: c.citation });
  }
  for (const t of f.targets) out.push({ path: `target ${t.id}`, citation: t.citation });
  for (const i of f.interventions) out.push({ path: `intervention ${i.id}`, citation: i.citation });
  return out;
}

/**
 * Cross-reference checks the per-file schemas cannot do: unique ids, and every reference to a goal
 * area, strategy, commitment, indicator, target or parent target exists. Returns readable problems
 * (empty = fine).
 */
export function checkFrameworkReferences(f: Framework): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const register = (kind: string, itemId: string): void => {
    const prev = seen.get(itemId);
    if (prev) problems.push(`duplicate id "${itemId}" (${prev} and ${kind})`);
    else seen.set(itemId, kind);
  };
  register('vision', f.vision.id);
  const goalAreaIds = new Set<string>();
  const strategyIds = new Set<string>();
  for (const ga of f.goalAreas) {
    register('goal area', ga.id);
    goalAreaIds.add(ga.id);
    ga.strategies.forEach((s, i) => {
      register('strategy', s.id);
      strategyIds.add(s.id);
      if (s.number !== i + 1)
        problems.push(`strategy ${s.id}: number ${s.number} but it is number ${i + 1} in ${ga.id}`);
    });
  }
  register('reform programme', f.reformProgramme.id);
  const commitmentIds = new Set<string>();
  for (const a of f.reformProgramme.areas) {
    register('reform area', a.id);
    for (const c of a.commitments) {
      register('commitment', c.id);
      commitmentIds.add(c.id);
    }
  }
  const indicatorIds = new Set<string>();
  for (const ind of f.indicators) {
    register('indicator', ind.id);
    indicatorIds.add(ind.id);
  }
  const targetIds = new Set<string>();
  for (const t of f.targets) {
    register('target', t.id);
    targetIds.add(t.id);
  }
  for (const i of f.interventions) register('intervention', i.id);

  const need = (where: string, kind: string, ids: readonly string[], known: Set<string>): void => {
    for (const x of ids) if (!known.has(x)) problems.push(`${where}: unknown ${kind} "${x}"`);
  };
  for (const a of f.reformProgramme.areas) {
    need(`reform area ${a.id}`, 'goal area', a.linkedGoalAreas, goalAreaIds);
    for (const c of a.commitments) {
      need(`commitment ${c.id}`, 'goal area', c.linkedGoalAreas, goalAreaIds);
      need(`commitment ${c.id}`, 'strategy', c.linkedStrategies, strategyIds);
      need(`commitment ${c.id}`, 'target', c.targetIds, targetIds);
    }
  }
  for (const t of f.targets) {
    need(`target ${t.id}`, 'goal area', t.goalAreaIds, goalAreaIds);
    need(`target ${t.id}`, 'strategy', t.strategyIds, strategyIds);
    need(`target ${t.id}`, 'commitment', t.commitmentIds, commitmentIds);
    // an indicator outside indicators.json belongs to the statistics catalogue and is checked when loaded
    if (t.parentTargetId !== undefined) need(`target ${t.id}`, 'parent target', [t.parentTargetId], targetIds);
    if (t.parentTargetId === t.id) problems.push(`target ${t.id}: is its own parent`);
    // a relative target (targetFactor) takes its baseline from the data when the file gives none; until the data
    // has the baseline year its status says so (reason relative_baseline_missing)
  }
  problems.push(...oneSidedLinks(f));
  for (const i of f.interventions) {
    need(`intervention ${i.id}`, 'goal area', i.linkedGoalAreas, goalAreaIds);
    need(`intervention ${i.id}`, 'strategy', i.linkedStrategies, strategyIds);
    need(`intervention ${i.id}`, 'target', i.linkedTargets, targetIds);
  }
  return problems;
}

/** Links between targets and commitments that only one side names (each must list the other). */
export function oneSidedLinks(f: Pick<Framework, 'targets' | 'reformProgramme'>): string[] {
  const problems: string[] = [];
  const fromCommitments = new Set<string>();
  for (const a of f.reformProgramme.areas)
    for (const c of a.commitments) for (const t of c.targetIds) fromCommitments.add(`${c.id}|${t}`);
  const fromTargets = new Set<string>();
  for (const t of f.targets) for (const c of t.commitmentIds) fromTargets.add(`${c}|${t.id}`);
  for (const k of fromTargets) {
    const [c, t] = k.split('|');
    if (!fromCommitments.has(k))
      problems.push(`target ${t}: names commitment ${c}, which does not list it in targetIds`);
  }
  for (const k of fromCommitments) {
    const [c, t] = k.split('|');
    if (!fromTargets.has(k))
      problems.push(`commitment ${c}: lists target ${t}, which does not name it in commitmentIds`);
  }
  return problems;
}
