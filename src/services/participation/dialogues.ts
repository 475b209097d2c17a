/** Citizen dialogues: staff record them (district editors in their committee's areas); anyone reads the register. */
import type { Database, Queryable } from '../../db/database.ts';
import * as repo from '../../db/repositories/participation.ts';
import type { Dialogue, DialogueInput } from '../../core/contracts/participation.ts';
import { recordAudit } from '../audit.ts';
import { actingIn, type ActingUser } from '../acting.ts';
import { authorise, checkArea, checkGoalArea, splitArea, type Effects } from './common.ts';

export async function addDialogue(
  db: Database,
  input: DialogueInput,
  user: ActingUser | null,
  fx: Pick<Effects, 'now'>,
): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const acting = await actingIn(tx, user);
    const a = await checkArea(tx, input.area);
    // scoped by the committee's areas (a district's sub-areas, e.g. Rinkeby in Järva, included)
    authorise(acting, 'participation:manage', [a]);
    const row = {
      heldOn: input.heldOn,
      place: input.place,
      divisionId: a.divisionId,
      areaCode: a.code,
      goalAreaId: await checkGoalArea(tx, input.goalArea),
      topic: input.topic,
      participants: input.participants,
      summary: input.summary,
      fedInto: input.fedInto,
    };
    const id = await repo.insertDialogue(tx, row);
    await recordAudit(tx, {
      actor: acting.audit,
      at: fx.now(),
      action: 'create',
      entity: 'dialogue',
      entityId: id,
      before: null,
      after: row,
    });
    return { id };
  });
}

export async function listDialogues(db: Queryable, filter: { area?: string; goalArea?: string }): Promise<Dialogue[]> {
  const rows = await repo.listDialogues(db, {
    area: filter.area ? splitArea(filter.area) : null,
    goalAreaId: filter.goalArea ?? null,
  });
  return rows.map(({ divisionId, areaCode, ...d }) => ({ ...d, area: `${divisionId}:${areaCode}` }));
}
