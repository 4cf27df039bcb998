import type { Kysely, Selectable } from 'kysely';
import type { Template } from '../../../domain/template.ts';
import type { TemplatesRepository } from '../../../ports/content-extras-store.ts';
import type { Tables, TemplatesTable } from './tables.ts';

const toTemplate = (row: Selectable<TemplatesTable>): Template => ({
  id: Number(row.id),
  spaceId: row.space_id === null ? null : Number(row.space_id),
  name: row.name,
  description: row.description,
  templateType: 'page',
  body: { representation: row.body_representation, value: row.body_value },
  labels: JSON.parse(row.labels_json) as Template['labels'],
  creatorId: row.creator_id === null ? null : Number(row.creator_id),
  createdAtMs: Number(row.created_at_ms),
  updatedAtMs: Number(row.updated_at_ms),
});

export function sqlTemplatesRepository(db: Kysely<Tables>): TemplatesRepository {
  const findById = async (id: number) => {
    const row = await db.selectFrom('templates').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toTemplate(row);
  };
  return {
    findById,
    async insert(template) {
      const row = await db
        .insertInto('templates')
        .values({
          space_id: template.spaceId,
          name: template.name,
          description: template.description,
          template_type: template.templateType,
          body_representation: template.body.representation,
          body_value: template.body.value,
          labels_json: JSON.stringify(template.labels),
          creator_id: template.creatorId,
          created_at_ms: template.createdAtMs,
          updated_at_ms: template.updatedAtMs,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toTemplate(row);
    },
    async update(id, changes) {
      await db
        .updateTable('templates')
        .set({
          name: changes.name,
          description: changes.description,
          body_representation: changes.body.representation,
          body_value: changes.body.value,
          labels_json: JSON.stringify(changes.labels),
          updated_at_ms: changes.updatedAtMs,
        })
        .where('id', '=', id)
        .execute();
      return findById(id);
    },
    async remove(id) {
      await db.deleteFrom('templates').where('id', '=', id).execute();
    },
    async list(spaceId, window) {
      const query =
        spaceId === null
          ? db.selectFrom('templates').where('space_id', 'is', null)
          : db.selectFrom('templates').where('space_id', '=', spaceId);
      const [rows, count] = await Promise.all([
        query.selectAll().orderBy('name').orderBy('id').limit(window.limit).offset(window.start).execute(),
        query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toTemplate), total: Number(count.n) };
    },
  };
}
