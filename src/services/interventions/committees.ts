/** The committees an intervention names, resolved against the organisation (unknown names are added). */
import type { Queryable } from '../../db/database.ts';
import { readCommitteeRows, writeCommittee } from '../../db/repositories/committees.ts';
import { matchCommittee, type CommitteeKind } from '../../core/committees/schema.ts';
import { slug } from '../../core/geo/names.ts';
import type { Intervention } from '../../core/interventions/types.ts';
import { stockholmDay } from '../committees/day.ts';

function guessKind(name: string): CommitteeKind {
  if (/kommunfullmäktige/i.test(name)) return 'kommunfullmaktige';
  if (/kommunstyrelse/i.test(name)) return 'kommunstyrelse';
  if (/stadsdelsnämnd/i.test(name)) return 'stadsdelsnamnd';
  if (/\bAB\b|bolag|styrelse/i.test(name)) return 'bolagsstyrelse';
  return 'facknamnd';
}

/**
 * Committee ids for the committee names of `list` (by id, name or alias; the one in force today
 * when several share a name). A name no committee has is added as a new committee (with no
 * areas) so that nothing typed in the register is lost; an empty name has no committee.
 */
export async function committeeIdsFor(
  tx: Queryable,
  list: readonly Intervention[],
  now: Date,
): Promise<Map<string, string>> {
  const known = await readCommitteeRows(tx);
  const day = stockholmDay(now);
  const out = new Map<string, string>();
  for (const name of new Set(list.map((i) => i.committee))) {
    if (name.trim() === '') continue;
    const hit = matchCommittee(known, name, day);
    if (hit) {
      out.set(name, hit.id);
      continue;
    }
    let id = slug(name) || 'namnd';
    while (known.some((c) => c.id === id)) id += '-2';
    const row = {
      id,
      name: name.trim(),
      nameEn: '',
      kind: guessKind(name),
      validFrom: null,
      validTo: null,
      aliases: [],
      note: '',
      source: '',
      areas: [],
    };
    await writeCommittee(tx, row, { sourceHash: null, editedAt: now });
    known.push({ ...row, sourceHash: null, editedAt: now.toISOString() });
    out.set(name, id);
  }
  return out;
}
