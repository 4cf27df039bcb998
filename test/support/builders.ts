import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { text } from 'node:stream/consumers';
import type { Content, Space } from '../../src/domain/content.ts';
import { type Principal, systemPrincipal } from '../../src/domain/principal.ts';
import type { UploadMode } from '../../src/services/attachments/commit-attachments.ts';
import { type UploadPart, uploadAttachments } from '../../src/services/attachments/upload-attachments.ts';
import { createContent } from '../../src/services/content/create-content.ts';
import type { ServiceDeps } from '../../src/services/deps.ts';
import { createSpace } from '../../src/services/spaces/create-space.ts';
import { createUser } from '../../src/services/users/create-user.ts';
import { principalOfUser } from '../../src/services/users/principal-of-user.ts';
import type { Requester, TestServer } from './test-server.ts';

type Json = Record<string, unknown>;

/** Creates a global space over the API and returns its key. */
export async function aSpace(site: Requester, key: string, name = `${key} space`): Promise<string> {
  const response = await site.request('POST', '/rest/api/space', { json: { key, name } });
  assert.equal(response.status, 200, response.text);
  return key;
}

export interface PageOptions {
  parentId?: string;
  body?: string;
  type?: 'page' | 'blogpost';
  auth?: [string, string];
}

/** Creates a page (or blog post) over v1 and returns its JSON. */
export async function aPage(
  site: Requester,
  spaceKey: string,
  title: string,
  options: PageOptions = {},
): Promise<Json> {
  const response = await site.request('POST', '/rest/api/content', {
    ...(options.auth && { auth: options.auth }),
    json: {
      type: options.type ?? 'page',
      title,
      space: { key: spaceKey },
      ...(options.parentId && { ancestors: [{ id: options.parentId }] }),
      body: { storage: { value: options.body ?? `<p>${title}</p>`, representation: 'storage' } },
    },
  });
  assert.equal(response.status, 200, response.text);
  return response.body as Json;
}

export interface UploadFile {
  name: string;
  content: string | Uint8Array;
  type?: string;
}

/** A multipart body as clients build it: `file` parts and text fields, in order. */
export function multipartForm(files: UploadFile[], fields: [string, string][] = []): FormData {
  const form = new FormData();
  for (const file of files) {
    const bytes = typeof file.content === 'string' ? new TextEncoder().encode(file.content) : file.content;
    form.append('file', new Blob([bytes], { type: file.type ?? 'application/octet-stream' }), file.name);
  }
  for (const [name, value] of fields) form.append(name, value);
  return form;
}

/**
 * A multipart body written byte for byte, for what FormData will not send: parts with no Content-Type,
 * text in other charsets. Each part is its header lines and its bytes.
 */
export function rawMultipart(parts: [headers: string, bytes: Buffer][]) {
  const boundary = 'raw-multipart-boundary';
  const body = Buffer.concat([
    ...parts.flatMap(([headers, bytes]) => [
      Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`),
      bytes,
      Buffer.from('\r\n'),
    ]),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  return { body, headers: { ...noCheck, 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const noCheck = { 'x-atlassian-token': 'no-check' };

/** Uploads files to a page over v1 (POST, or PUT to create-or-version) and returns the parsed response. */
export async function anUpload(
  site: Requester,
  pageId: string,
  files: UploadFile[],
  options: { fields?: [string, string][]; method?: 'POST' | 'PUT'; prefix?: string } = {},
) {
  return site.request(
    options.method ?? 'POST',
    `${options.prefix ?? '/rest/api'}/content/${pageId}/child/attachment`,
    {
      body: multipartForm(files, options.fields),
      headers: noCheck,
    },
  );
}

/** Creates `name` with password `<name>-pw` and email `<name>@example.com` through the admin API. */
export async function aUser(site: TestServer, name: string): Promise<void> {
  const created = await site.request('POST', '/rest/api/admin/user', {
    json: {
      userName: name,
      fullName: `${name} Example`,
      email: `${name}@example.com`,
      password: `${name}-pw`,
    },
  });
  assert.equal(created.status, 201, created.text);
}

// Builders for use-case tests, which call services directly (test/support/service-deps.ts).

/** Bytes as a request body streams them, chunk by chunk. */
export async function* streamOf(...chunks: (string | Uint8Array)[]): AsyncIterable<Uint8Array> {
  for (const chunk of chunks) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

/** The parts of a multipart upload as the HTTP edge hands them to services: `file` parts, then fields. */
export async function* uploadPartsOf(
  files: UploadFile[],
  fields: [string, string][] = [],
): AsyncIterable<UploadPart> {
  for (const file of files) {
    yield {
      kind: 'file',
      fieldName: 'file',
      filename: file.name,
      mediaType: file.type,
      bytes: streamOf(file.content),
    };
  }
  for (const [name, value] of fields) yield { kind: 'field', name, value };
}

/** A global space made by the system, and a page in it to hold attachments. */
export async function aSpaceWithPage(
  services: ServiceDeps,
  key: string,
): Promise<{ space: Space; page: Content }> {
  const space = await createSpace(services, systemPrincipal, { key, name: `${key} space`, private: false });
  const page = await createContent(services, systemPrincipal, {
    type: 'page',
    title: `${key} page`,
    spaceKey: key,
  });
  return { space, page };
}

/** Uploads files to the page as the system, as `POST` (create) or `PUT` (createOrVersion) would. */
export function anAttachmentUpload(
  services: ServiceDeps,
  page: Content,
  files: UploadFile[],
  mode: UploadMode = 'create',
): Promise<Content[]> {
  return uploadAttachments(services, systemPrincipal, page.id, uploadPartsOf(files), mode);
}

/** One attachment on the page, uploaded as the system. */
export async function anAttachmentOf(
  services: ServiceDeps,
  page: Content,
  file: UploadFile,
): Promise<Content> {
  const [attachment] = await anAttachmentUpload(services, page, [file]);
  assert.ok(attachment);
  return attachment;
}

/** The stored bytes of a version's file, as text. */
export async function storedTextOf(services: ServiceDeps, version: Content['version']): Promise<string> {
  assert.ok(version.file, `version ${version.number} has no file`);
  return text(await services.blobs.read(version.file.sha256));
}

/** A licensed user without a password (no hashing to wait for), as the policy sees them signed in. */
export async function aUserPrincipal(services: ServiceDeps, username: string): Promise<Principal> {
  const user = await createUser(services, systemPrincipal, { username, displayName: `${username} Example` });
  return principalOfUser(services, user);
}

/** How many bytes the blob store holds under these bytes' hash; undefined when it holds none. */
export function storedSizeOfBytes(
  services: ServiceDeps,
  bytes: string | Uint8Array,
): Promise<number | undefined> {
  return services.blobs.sizeOf(createHash('sha256').update(bytes).digest('hex'));
}

/** The titles of every attachment on the page, whatever its status. */
export async function attachmentTitlesOn(services: ServiceDeps, page: Content): Promise<string[]> {
  const attachments = await services.store.content.list(
    { containerId: page.id, types: ['attachment'] },
    { start: 0, limit: 100 },
  );
  return attachments.items.map((attachment) => attachment.title);
}
