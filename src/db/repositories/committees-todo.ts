/** Interventions that name no responsible committee (drafts included), for the admins' to-do list. */
import type { Queryable } from '../database.ts';

export async function readInterventionsWithoutCommittee(db: Queryable): Promise<
  {
    id: string;
    name: string;
    publication: 'draft' | 'published';
    committeeText: string;
    citation: { document: string; section: string } | null;
  }[]
> {
  const rows = await db.query<{
    id: string;
    name: string;
    publication: 'draft' | 'published';
    source_doc: string | null;
    source_section: string | null;
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
