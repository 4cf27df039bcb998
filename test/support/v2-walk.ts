import assert from 'node:assert/strict';
import { assertMatchesSpec } from './spec-contract.ts';
import type { TestServer } from './test-server.ts';

export interface V2List {
  results: Record<string, unknown>[];
  _links: { next?: string; base: string };
}

/**
 * Follows a v2 list's `_links.next` from `path` to the end: each page is valid against the spec, the `Link`
 * header carries the same next link and the base, and the last page has neither next link.
 */
export async function walkV2(site: TestServer, path: string, template: string): Promise<V2List[]> {
  const pages: V2List[] = [];
  let next: string | undefined = `/wiki/api/v2${path}`;
  while (next !== undefined) {
    assert.ok(pages.length < 50, 'too many pages');
    const response = await site.request('GET', next);
    assert.equal(response.status, 200, response.text);
    assertMatchesSpec('cloud-v2', 'GET', template, 200, response.body);
    const page = response.body as V2List;
    const link = response.headers.get('link') ?? '';
    assert.ok(link.includes(`<${site.url}/wiki>; rel="base"`), link);
    if (page._links.next) {
      assert.ok(link.includes(`<${page._links.next}>; rel="next"`), link);
      assert.match(page._links.next, /^\/wiki\/api\/v2\/.*[?&]cursor=[A-Za-z0-9_-]+/);
    } else {
      assert.doesNotMatch(link, /rel="next"/);
    }
    pages.push(page);
    next = page._links.next;
  }
  return pages;
}
