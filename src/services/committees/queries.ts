/** Read models of the organisation: committees with their areas named, area groups, the to-do list. */
import type { Queryable } from '../../db/database.ts';
import { committeeUse, readAreaGroups, readCommitteeRows } from '../../db/repositories/committees.ts';
import { readAreaRefs } from '../../db/repositories/interventions.ts';
import { readInterventionsWithoutCommittee } from '../../db/repositories/committees-todo.ts';
import { AppError } from '../../core/errors.ts';
import { committeeActiveOn, type CommitteeKind } from '../../core/committees/schema.ts';
import type { AreaGroupList, Committee, CommitteeList, ResponsibilityTodo } from '../../core/contracts/committees.ts';
import { stockholmDay } from './day.ts';

async function areaNames(db: Queryable): Promise<Map<string, string>> {
  return new Map((await readAreaRefs(db)).map((a) => [a.code, a.name ?? a.code]));
}

export async function listCommittees(db: Queryable, now: Date): Promise<CommitteeList> {
  const rows = await readCommitteeRows(db);
  const names = await areaNames(db);
  const use = await committeeUse(db);
  const today = stockholmDay(now);
  const items: Committee[] = rows.map((c) => ({
    id: c.id,
    name: c.name,
    nameEn: c.nameEn,
    kind: c.kind as CommitteeKind,
    validFrom: c.validFrom,
    validTo: c.validTo,
    active: committeeActiveOn(c, today),
    aliases: c.aliases,
    note: c.note,
    areas: c.areas.map((a) => ({ ...a, name: names.get(`${a.division}:${a.code}`) ?? null })),
    editedInApp: c.editedAt !== null,
    users: use.get(c.id)?.users ?? 0,
    interventions: use.get(c.id)?.interventions ?? 0,
  }));
  return { source: rows.find((r) => r.source)?.source ?? '', items };
}

export async function getCommittee(db: Queryable, id: string, now: Date): Promise<Committee> {
  const hit = (await listCommittees(db, now)).items.find((c) => c.id === id);
  if (!hit) throw new AppError('not_found', `Committee ${id} was not found`);
  return hit;
}

export async function listAreaGroups(db: Queryable): Promise<AreaGroupList> {
  const names = await areaNames(db);
  return {
    items: (await readAreaGroups(db)).map((g) => ({
      id: g.id,
      name: g.name,
      nameEn: g.nameEn,
      aliases: g.aliases,
      note: g.note,
      members: g.members.map((m) => ({ ...m, name: names.get(`${m.division}:${m.code}`) ?? null })),
    })),
  };
}

/** Interventions (drafts included: the list is for admins) that name no known responsible committee. */
export async function responsibilityTodo(db: Queryable): Promise<ResponsibilityTodo> {
  return { items: await readInterventionsWithoutCommittee(db) };
}
