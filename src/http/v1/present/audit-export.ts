import { PassThrough, pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { ZipFile } from 'yazl';
import { type AuditRecord, auditNoun } from '../../../domain/audit.ts';
import type { Surface } from '../../common/surface.ts';
import { associatedObjectsOf } from './audit-record.ts';

export const auditExportName = 'audit-records';

const columns = [
  'Date',
  'Author',
  'Author id',
  'Remote address',
  'Category',
  'Summary',
  'Description',
  'Object type',
  'Object',
  'Space',
  'Content id',
  'Changed values',
  'Associated objects',
  'System administrator',
];

/** One CSV row per record; a Data Center author is known by username, a Cloud one by accountId. */
function rowOf(record: AuditRecord, surface: Surface): string[] {
  const { author, object } = record;
  return [
    new Date(record.createdAtMs).toISOString(),
    author.displayName,
    (surface.cloud ? author.accountId : author.username) ?? '',
    record.remoteAddress,
    record.category,
    record.summary,
    record.description,
    object ? auditNoun(object.type) : '',
    object?.name ?? '',
    record.space?.key ?? '',
    record.content ? String(record.content.id) : '',
    record.changes.map((change) => `${change.name}: ${change.before} → ${change.after}`).join('\n'),
    associatedObjectsOf(record)
      .map((item) => `${auditNoun(item.type)}: ${item.name}`)
      .join('\n'),
    String(record.sysAdmin),
  ];
}

/** The records as CSV with a header row, produced as the records are read. */
export function auditCsv(records: AsyncIterable<AuditRecord>, surface: Surface): Readable {
  async function* rows() {
    for await (const record of records) yield rowOf(record, surface);
  }
  const csv = stringify({ header: true, columns });
  // A failed read destroys the CSV stream, which cuts the response off rather than leaving it hanging.
  pipeline(Readable.from(rows()), csv, () => {});
  return csv;
}

/** The same CSV, as the one file of a zip archive. */
export function auditZip(records: AsyncIterable<AuditRecord>, surface: Surface): Readable {
  const zip = new ZipFile();
  const output = new PassThrough();
  zip.on('error', (error: Error) => output.destroy(error));
  zip.addReadStream(auditCsv(records, surface), `${auditExportName}.csv`);
  zip.end();
  pipeline(zip.outputStream, output, () => {});
  return output;
}
