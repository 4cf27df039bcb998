import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { aPagesFixture, type PagesFixture, screenTitleOf } from './pages-fixture.ts';

type Json = unknown;

/** A browser link an API response hands out, with the `_links.base` a client joins it onto. */
interface HandedOutLink {
  kind: 'webui' | 'tinyui' | 'editui' | 'edit' | 'webuiLink';
  link: string;
  base: string;
  /** The title (or, for a space, the name) of the object the link belongs to. */
  title: string | undefined;
  from: string;
}

/** Every browser link in a response, at any depth; nested objects use the nearest `_links.base` above. */
function handedOutLinks(json: Json, from: string): HandedOutLink[] {
  const found: HandedOutLink[] = [];
  const walk = (node: Json, base: string | undefined) => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, base);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const object = node as Record<string, Json>;
    const links = (object._links ?? {}) as Record<string, Json>;
    const here = typeof links.base === 'string' ? links.base : base;
    const title = typeof object.title === 'string' ? object.title : (object.name as string | undefined);
    const add = (kind: HandedOutLink['kind'], link: Json) => {
      if (typeof link !== 'string') return;
      assert.ok(here, `${from}: ${kind} ${link} has no _links.base to join onto`);
      found.push({ kind, link, base: here, title, from });
    };
    for (const kind of ['webui', 'tinyui', 'editui', 'edit'] as const) add(kind, links[kind]);
    add('webuiLink', object.webuiLink);
    for (const [key, value] of Object.entries(object)) if (key !== '_links') walk(value, here);
  };
  walk(json, undefined);
  return found;
}

const isAttachmentsScreen = (link: string) => link.startsWith('/pages/viewpageattachments.action');

function linkWalk(contextPath: string) {
  describe(`every browser link the APIs hand out opens the right screen${contextPath && ` under ${contextPath}`}`, () => {
    let server: TestServer;
    let fixture: PagesFixture;
    before(async () => {
      server = await startTestServer(contextPath ? { TRIBUTARY_CONTEXT_PATH: contextPath } : {});
      fixture = await aPagesFixture(server);
    });
    after(() => server.dispose());

    const sources = () => {
      const { guideId, childId, blogId } = fixture;
      const expand = 'expand=space,ancestors,children.page,container';
      return [
        ...['/rest/api', '/wiki/rest/api'].flatMap((api) => [
          `${api}/content/${guideId}?${expand}`,
          `${api}/content/${childId}?${expand}`,
          `${api}/content/${blogId}?${expand}`,
          `${api}/content/${guideId}/child/attachment`,
          `${api}/space/DOCS`,
          `${api}/content?spaceKey=DOCS&type=blogpost`,
        ]),
        `/wiki/api/v2/pages/${guideId}`,
        `/wiki/api/v2/pages/${childId}`,
        `/wiki/api/v2/blogposts/${blogId}`,
        `/wiki/api/v2/pages?space-id=1`,
        `/wiki/api/v2/spaces?keys=DOCS`,
        `/wiki/api/v2/pages/${guideId}/attachments`,
        ...Object.entries(fixture.cloudItems).map(([collection, id]) => `/wiki/api/v2/${collection}/${id}`),
        `/wiki/api/v2/folders/${fixture.cloudItems.folders}/direct-children`,
      ];
    };

    /** A client joins the link onto `_links.base`; the test server is reached at its own address. */
    const pathOf = (found: HandedOutLink) => {
      assert.ok(found.base.startsWith(server.url), `${found.base} is under ${server.url}`);
      return found.base.slice(server.url.length) + found.link;
    };

    it('answers 200 with the titled screen for the admin, for every webui, tinyui and edit link', async () => {
      const links: HandedOutLink[] = [];
      for (const source of sources()) {
        const response = await server.request('GET', source);
        assert.equal(response.status, 200, `${source}: ${response.text}`);
        links.push(...handedOutLinks(response.body, source));
      }
      const kinds = new Set(links.map((found) => found.kind));
      for (const kind of ['webui', 'tinyui', 'editui', 'edit', 'webuiLink'])
        assert.ok(kinds.has(kind as never), kind);
      const titles = new Set(links.map((found) => found.title));
      for (const title of [
        'Documentation',
        'Field Guide',
        'Chapter One: A+B & C',
        'Launch news',
        'bird.png',
      ]) {
        assert.ok(titles.has(title), `a link to ${title}`);
      }
      for (const found of links) {
        const where = `${found.kind} ${found.link} from ${found.from}`;
        let path = pathOf(found);
        let response = await server.request('GET', path);
        if (found.kind === 'tinyui') {
          assert.equal(response.status, 302, where);
          const location = response.headers.get('location') ?? '';
          assert.ok(location.startsWith(`${contextPath}/`), `${where} → ${location}`);
          path = location.slice(contextPath.length);
          response = await server.request('GET', path);
        }
        if (isAttachmentsScreen(found.link)) {
          // The attachments screen of the attachment's page, with that file's preview open.
          assert.equal(response.status, 200, where);
          assert.match(screenTitleOf(response.text) ?? '', /^Attachments - /, where);
          assert.ok(found.title && response.text.includes(found.title), `${where} shows ${found.title}`);
          continue;
        }
        assert.equal(response.status, 200, `${where}: ${response.status}`);
        const expected =
          found.kind === 'edit' || found.kind === 'editui' ? `Edit ${found.title}` : found.title;
        assert.equal(screenTitleOf(response.text), expected, where);
      }
    });
  });
}

linkWalk('');
linkWalk('/confluence');
