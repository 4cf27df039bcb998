import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import { anUpload, type UploadFile } from './builders.ts';
import type { TestServer } from './test-server.ts';

type Json = Record<string, unknown>;

/** Uploads one file to a page over DC (PUT versions an existing name) and returns the attachment. */
export async function anAttachment(
  site: TestServer,
  pageId: string,
  file: UploadFile,
  options: { comment?: string; method?: 'POST' | 'PUT' } = {},
): Promise<Json> {
  const response = await anUpload(site, pageId, [file], {
    method: options.method ?? 'POST',
    fields: options.comment === undefined ? [] : [['comment', options.comment]],
  });
  assert.equal(response.status, 200, response.text);
  const attachment = (response.body as { results: Json[] }).results[0];
  assert.ok(attachment);
  return attachment;
}

/** The content hash of the attachment's bytes (the download ETag), at `version` or the current one. */
export async function sha256Of(site: TestServer, attachmentId: string, version?: number): Promise<string> {
  const query = version === undefined ? '' : `?version=${version}`;
  const response = await site.request('GET', `/rest/api/content/${attachmentId}/download${query}`);
  assert.equal(response.status, 200, response.text);
  return (response.headers.get('etag') ?? '').replaceAll('"', '');
}

/** Every stored blob (a file under `<dataDir>/blobs`, or an object on S3), by hash. */
export function blobFilesOf(site: TestServer): Promise<string[]> {
  return site.blobStore.blobHashes();
}

/** Whether the blob of these bytes is stored. */
export async function blobFileExists(site: TestServer, sha256: string): Promise<boolean> {
  return (await site.blobStore.blobHashes()).includes(sha256);
}

/** The audit summaries recorded about one object, oldest first (read beside the running server). */
export function auditSummariesOf(site: TestServer, objectId: string): string[] {
  const db = new Database(path.join(site.dataDir, 'tributary.db'), { readonly: true });
  try {
    const rows = db
      .prepare('select summary from audit_records where object_id = ? order by id')
      .all(objectId) as { summary: string }[];
    return rows.map((row) => row.summary);
  } finally {
    db.close();
  }
}
