import assert from 'node:assert/strict';
import type { TestServer } from './test-server.ts';

type Json = Record<string, unknown>;

/** Creates a global space over the API and returns its key. */
export async function aSpace(site: TestServer, key: string, name = `${key} space`): Promise<string> {
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
  site: TestServer,
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
