import { type Kysely, type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import {
  type AuditChange,
  type AuditObject,
  type AuditRecord,
  type TimeUnit,
  timeUnits,
} from '../../../domain/audit.ts';
import type { AuditFilter, AuditRepository, NewAuditRecord } from '../../../ports/metadata-store.ts';
import { reusableInsert } from './reusable-query.ts';
import type { AuditRecordsTable, Tables } from './tables.ts';

const retentionRowId = 1;

function parseArray<T>(json: string): T[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? (value as T[]) : [];
}

const optionalNumber = (value: number | null) => (value === null ? null : Number(value));

function toAuditRecord(row: Selectable<AuditRecordsTable>): AuditRecord {
  const contentId = optionalNumber(row.content_id);
  return {
    id: Number(row.id),
    createdAtMs: Number(row.created_at_ms),
    author: {
      userId: optionalNumber(row.author_id),
      username: row.author_username,
      userKey: row.author_user_key,
      accountId: row.author_account_id,
      displayName: row.author_display_name,
    },
    remoteAddress: row.remote_address ?? '',
    category: row.category,
    summary: row.summary,
    description: row.description,
    sysAdmin: Number(row.sys_admin) === 1,
    object:
      row.object_type === null
        ? null
        : { type: row.object_type, name: row.object_name ?? row.object_id ?? '', id: row.object_id },
    space:
      row.space_key === null
        ? null
        : { id: optionalNumber(row.space_id), key: row.space_key, name: row.space_name ?? row.space_key },
    content:
      contentId === null
        ? null
        : { id: contentId, type: row.content_type ?? 'content', title: row.content_title ?? '' },
    changes: parseArray<AuditChange>(row.changed_values_json),
    associated: parseArray<AuditObject>(row.associated_objects_json),
  };
}

/** Everything `searchString` may match, lower-cased in JavaScript so that non-ASCII letters fold too. */
function searchTextOf(record: NewAuditRecord): string {
  const { author, object, space, content } = record;
  return [
    record.category,
    record.summary,
    record.description,
    record.remoteAddress,
    author.username,
    author.displayName,
    object?.type,
    object?.id,
    object?.name,
    space?.key,
    space?.name,
    content && String(content.id),
    content?.title,
    ...record.changes.flatMap((change) => [change.name, change.before, change.after]),
    ...record.associated.flatMap((item) => [item.type, item.name, item.id]),
  ]
    .filter((text): text is string => typeof text === 'string' && text !== '')
    .join('\n')
    .toLowerCase();
}

/** One record's row; the same columns in the same order every time (a reusable insert). */
function auditValues(record: NewAuditRecord) {
  return {
    created_at_ms: record.createdAtMs,
    author_id: record.author.userId,
    author_username: record.author.username,
    author_user_key: record.author.userKey,
    author_account_id: record.author.accountId,
    author_display_name: record.author.displayName,
    remote_address: record.remoteAddress,
    sys_admin: record.sysAdmin ? 1 : 0,
    category: record.category,
    summary: record.summary,
    description: record.description,
    object_type: record.object?.type ?? null,
    object_id: record.object?.id ?? null,
    object_name: record.object?.name ?? null,
    space_id: record.space?.id ?? null,
    space_key: record.space?.key ?? null,
    space_name: record.space?.name ?? null,
    content_id: record.content?.id ?? null,
    content_type: record.content?.type ?? null,
    content_title: record.content?.title ?? null,
    changed_values_json: JSON.stringify(record.changes),
    associated_objects_json: JSON.stringify(record.associated),
    details_json: JSON.stringify(record.details),
    search_text: searchTextOf(record),
  };
}

const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

function filtered<O>(
  query: SelectQueryBuilder<Tables, 'audit_records', O>,
  filter: AuditFilter,
): SelectQueryBuilder<Tables, 'audit_records', O> {
  let result = query;
  if (filter.fromMs !== undefined) result = result.where('created_at_ms', '>=', filter.fromMs);
  if (filter.toMs !== undefined) result = result.where('created_at_ms', '<=', filter.toMs);
  if (filter.searchText) {
    const pattern = `%${likeEscaped(filter.searchText.toLowerCase())}%`;
    result = result.where(sql<boolean>`search_text LIKE ${pattern} ESCAPE '\\'`);
  }
  return result;
}

const insertRecord = reusableInsert((db, values: ReturnType<typeof auditValues>) =>
  db.insertInto('audit_records').values(values).returningAll(),
);

export function sqlAuditRepository(db: Kysely<Tables>): AuditRepository {
  return {
    async insert(record) {
      const row = await insertRecord(db, auditValues(record));
      if (!row) throw new Error('the audit insert returned no row');
      return toAuditRecord(row);
    },

    async list(filter, window) {
      const [rows, total] = await Promise.all([
        filtered(db.selectFrom('audit_records').selectAll(), filter)
          .orderBy('created_at_ms', 'desc')
          .orderBy('id', 'desc')
          .limit(window.limit)
          .offset(window.start)
          .execute(),
        filtered(
          db.selectFrom('audit_records').select((eb) => eb.fn.countAll<number>().as('n')),
          filter,
        ).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toAuditRecord), total: Number(total.n) };
    },

    async listAfter(filter, after, limit) {
      let query = filtered(db.selectFrom('audit_records').selectAll(), filter);
      // A row-value comparison, unlike the same condition spelt with OR, bounds the index range from above,
      // so each batch costs the same however deep into the log it is.
      if (after) {
        query = query.where((eb) =>
          eb(eb.refTuple('created_at_ms', 'id'), '<', eb.tuple(after.createdAtMs, after.id)),
        );
      }
      const rows = await query.orderBy('created_at_ms', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toAuditRecord);
    },

    async removeOlderThan(beforeMs, limit) {
      const doomed = db
        .selectFrom('audit_records')
        .select('id')
        .where('created_at_ms', '<', beforeMs)
        .orderBy('created_at_ms')
        .limit(limit);
      const result = await db.deleteFrom('audit_records').where('id', 'in', doomed).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async retention() {
      const row = await db
        .selectFrom('audit_retention')
        .selectAll()
        .where('id', '=', retentionRowId)
        .executeTakeFirst();
      if (!row || !timeUnits.includes(row.units as TimeUnit)) return undefined;
      return { number: Number(row.number), units: row.units as TimeUnit };
    },

    async setRetention(period, updatedAtMs) {
      await db
        .insertInto('audit_retention')
        .values({
          id: retentionRowId,
          number: period.number,
          units: period.units,
          updated_at_ms: updatedAtMs,
        })
        .onConflict((oc) =>
          oc
            .column('id')
            .doUpdateSet({ number: period.number, units: period.units, updated_at_ms: updatedAtMs }),
        )
        .execute();
    },
  };
}
