import { type Kysely, type Migration, sql } from 'kysely';

/**
 * Data classification (Cloud v2 `/classification-levels`, `…/classification-level`): the site's levels,
 * a default level per space and a level per content (any type, by id). Levels are stored data, seeded
 * with the four Atlassian's data classification guide uses as its example (Public, Internal,
 * Confidential, Restricted); a site changes them in the table. A space's or content's level goes with it.
 */
export function classificationLevels(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('classification_levels')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('guideline', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('color', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('sort_order', 'integer', (c) => c.notNull())
        .execute();
      for (const level of seededLevels) {
        await sql`INSERT INTO classification_levels (id, name, description, guideline, color, status, sort_order)
          VALUES (${level.id}, ${level.name}, ${level.description}, ${level.guideline}, ${level.color},
            ${level.status}, ${level.order})`.execute(db);
      }

      await db.schema
        .createTable('space_classification_defaults')
        .addColumn('space_id', 'bigint', (c) => c.primaryKey().references('spaces.id').onDelete('cascade'))
        .addColumn('level_id', 'text', (c) => c.notNull().references('classification_levels.id'))
        .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('content_classification_levels')
        .addColumn('content_id', 'bigint', (c) => c.primaryKey().references('content.id').onDelete('cascade'))
        .addColumn('level_id', 'text', (c) => c.notNull().references('classification_levels.id'))
        .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}

const seededLevels = [
  {
    id: '8f3c2a41-0c5e-4d3b-9a6e-1b2c3d4e5f01',
    name: 'Public',
    description: 'Information that may be shared with anyone, inside or outside the organisation.',
    guideline: 'No restrictions on sharing.',
    color: 'GREEN',
    status: 'PUBLISHED',
    order: 1,
  },
  {
    id: '8f3c2a41-0c5e-4d3b-9a6e-1b2c3d4e5f02',
    name: 'Internal',
    description: 'Information for people in the organisation.',
    guideline: 'Do not share outside the organisation.',
    color: 'BLUE',
    status: 'PUBLISHED',
    order: 2,
  },
  {
    id: '8f3c2a41-0c5e-4d3b-9a6e-1b2c3d4e5f03',
    name: 'Confidential',
    description: 'Sensitive information for the people who need it.',
    guideline: 'Share only with those who need to know.',
    color: 'ORANGE',
    status: 'PUBLISHED',
    order: 3,
  },
  {
    id: '8f3c2a41-0c5e-4d3b-9a6e-1b2c3d4e5f04',
    name: 'Restricted',
    description: 'The most sensitive information, whose disclosure would cause serious harm.',
    guideline: 'Share only with named people; never copy outside the site.',
    color: 'RED',
    status: 'PUBLISHED',
    order: 4,
  },
];
