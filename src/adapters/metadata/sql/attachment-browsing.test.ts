import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { type CompiledQuery, Kysely, SqliteDialect } from 'kysely';
import type { AttachmentBrowseFilter, AttachmentBrowseSort } from '../../../ports/content-store.ts';
import { sqlAttachmentBrowsing } from './attachment-browsing.ts';
import { migrateToLatest } from './sql-metadata-store.ts';
import type { Tables } from './tables.ts';

const sorts: AttachmentBrowseSort['by'][] = ['title', 'size', 'mediaType', 'modified', 'author'];
const filters: [string, Omit<AttachmentBrowseFilter, 'containerId'>][] = [
  ['no filter', {}],
  ['a name', { name: { text: 'report', match: 'contains' } }],
  ['a name prefix and an extension', { name: { text: 'rep', match: 'prefix' }, extension: 'pdf' }],
  ['a media type', { mediaType: 'application/pdf' }],
];

describe('attachment browsing (SQLite query plans)', () => {
  let dir: string;
  let database: Database.Database;
  let db: Kysely<Tables>;
  const seen: CompiledQuery[] = [];

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tributary-browse-'));
    database = new Database(path.join(dir, 'plans.db'));
    db = new Kysely<Tables>({
      dialect: new SqliteDialect({ database }),
      log: (event) => {
        if (event.level === 'query') seen.push(event.query);
      },
    });
    await migrateToLatest(db, 'sqlite');
  });
  after(async () => {
    await db.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  /** SQLite's plan for the last statement run. */
  const lastPlan = () => {
    const query = seen.at(-1);
    assert.ok(query);
    const rows = database.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.parameters) as {
      detail: string;
    }[];
    return rows.map((row) => row.detail).join('\n');
  };

  for (const by of sorts) {
    for (const [name, filter] of filters) {
      for (const backwards of [false, true]) {
        it(`reads by ${by} with ${name}${backwards ? ', backwards from a cursor' : ''} in index order, sorting nothing`, async () => {
          const browsing = sqlAttachmentBrowsing(db);
          const numeric = ['size', 'modified', 'author'].includes(by);
          await browsing.browseAttachments(
            { ...filter, containerId: 7 },
            {
              sort: { by, direction: backwards ? 'desc' : 'asc' },
              after: backwards ? { sortValue: numeric ? 5 : 'm', id: 9 } : undefined,
              limit: 100,
              backwards,
            },
          );
          const plan = lastPlan();
          assert.doesNotMatch(plan, /TEMP B-TREE/, plan);
          assert.match(plan, /SEARCH c USING (COVERING )?INDEX content_container/, plan);
          // From a cursor, the index seeks to it rather than reading every row before it (sorted by the
          // media type one filters on, the equality seeks instead).
          if (backwards && !(by === 'mediaType' && filter.mediaType))
            assert.match(plan, /SEARCH c .*[<>]\?\)/, plan);
        });
      }
    }
  }

  it('counts from an index of the page, not the whole table', async () => {
    await sqlAttachmentBrowsing(db).countAttachments({ containerId: 7 });
    assert.match(lastPlan(), /SEARCH c USING (COVERING )?INDEX content_container/);
  });
});
