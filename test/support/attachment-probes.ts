import assert from 'node:assert/strict';
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

/** The audit summaries recorded about one object, oldest first (read from the running server's store). */
export async function auditSummariesOf(site: TestServer, objectId: string): Promise<string[]> {
  const { items } = await site.server.site.services.store.audit.list({}, { start: 0, limit: 10_000 });
  return items
    .filter((record) => record.object?.id === objectId)
    .sort((a, b) => a.id - b.id)
    .map((record) => record.summary);
}
