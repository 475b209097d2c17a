/** Interventions that name no responsible committee (drafts included), for the admins' to-do list. */
import type { Queryable } from '../database.ts';
import type { Rows } from '../rows.generated.ts';

type Intervention = Rows['intervention'];

export async function readInterventionsWithoutCommittee(db: Queryable): Promise<
  (Pick<Intervention, 'id' | 'name' | 'publication'> & {
    committeeText: string;
    citation: { document: string; section: string } | null;
  })[]
> {
  const rows = await db.query<{
    id: Intervention['id'];
    name: Intervention['name'];
    publication: Intervention['publication'];
    source_doc: Intervention['sourceDoc'];
    source_section: Intervention['sourceSection'];
  }>(
    `SELECT id, name, publication, source_doc, source_section FROM intervention
      WHERE committee_id IS NULL ORDER BY name, id`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    publication: r.publication,
    committeeText: '',
    citation: r.source_doc ? { document: r.source_doc, section: r.source_section ?? '' } : null,
  }));
}
