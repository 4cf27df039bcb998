import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemPrincipal } from '../../src/domain/principal.ts';
import { treeLevelCap } from '../../src/http/web/page-tree.ts';
import { createContent } from '../../src/services/content/create-content.ts';
import { createSpace } from '../../src/services/spaces/create-space.ts';
import { aPage, aUser } from '../support/builders.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { formPost, signInByForm } from '../support/web-session.ts';
import { aPagesFixture, type PagesFixture, screenTitleOf } from './pages-fixture.ts';

const carol: [string, string] = ['carol', 'carol-pw'];

describe('spaces and pages in the web interface', () => {
  let server: TestServer;
  let fixture: PagesFixture;
  let blogDay: string;
  before(async () => {
    server = await startTestServer();
    await aUser(server, 'carol');
    fixture = await aPagesFixture(server);
    const blog = await server.request('GET', `/wiki/api/v2/blogposts/${fixture.blogId}`);
    blogDay = String((blog.body as { createdAt: string }).createdAt)
      .slice(0, 10)
      .replace(/-/g, '/');
  });
  after(() => server.dispose());

  const screen = async (path: string, auth?: [string, string]) => {
    const response = await server.request('GET', path, auth ? { auth } : {});
    return { status: response.status, title: screenTitleOf(response.text), text: response.text };
  };

  it('opens a space at /display/KEY, /spaces/KEY and /spaces/KEY/overview, with its tree and blog posts', async () => {
    for (const path of ['/display/DOCS', '/spaces/DOCS', '/spaces/DOCS/overview', '/wiki/spaces/DOCS']) {
      const { status, title, text } = await screen(path);
      assert.equal(status, 200, path);
      assert.equal(title, 'Documentation', path);
      assert.match(text, /aria-label="Page tree"/, path);
      assert.match(text, new RegExp(`pageId=${fixture.guideId}"[^>]*>Field Guide</a>`), path);
      assert.match(text, /Recent blog posts[\s\S]*Launch news/, path);
      assert.match(text, /pages\/createpage\.action\?spaceKey=DOCS">Create page</, path);
    }
    assert.equal((await screen('/display/NOPE')).status, 404);
  });

  it('opens a page at every link form the API hands out', async () => {
    const { guideId, childId, blogId } = fixture;
    const forms: [string, string][] = [
      [`/pages/viewpage.action?pageId=${guideId}`, 'Field Guide'],
      [`/wiki/pages/viewpage.action?pageId=${guideId}`, 'Field Guide'],
      [`/spaces/DOCS/pages/${guideId}`, 'Field Guide'],
      [`/wiki/spaces/DOCS/pages/${guideId}/Field+Guide`, 'Field Guide'],
      ['/display/DOCS/Field+Guide', 'Field Guide'],
      [
        `/display/DOCS/${encodeURIComponent('Chapter One: A+B & C').replace(/%20/g, '+')}`,
        'Chapter One: A+B & C',
      ],
      [`/pages/viewpage.action?spaceKey=DOCS&title=Field%20Guide`, 'Field Guide'],
      [`/wiki/spaces/DOCS/blog/${blogDay}/${blogId}/Launch+news`, 'Launch news'],
      [`/spaces/DOCS/blog/${blogDay}/${blogId}`, 'Launch news'],
      [`/display/DOCS/${blogDay}/Launch+news`, 'Launch news'],
      [`/pages/viewpage.action?pageId=${childId}`, 'Chapter One: A+B & C'],
    ];
    for (const [path, expected] of forms) {
      const { status, title } = await screen(path);
      assert.equal(status, 200, path);
      assert.equal(title, expected, path);
    }
  });

  it('answers a wrong id, a wrong space or type in the link, and a trashed page with the not-found page', async () => {
    const trashed = String((await aPage(server, 'DOCS', 'Old notes')).id);
    assert.equal((await server.request('DELETE', `/rest/api/content/${trashed}`)).status, 204);
    for (const path of [
      '/pages/viewpage.action?pageId=999999',
      '/pages/viewpage.action?pageId=abc',
      '/pages/viewpage.action',
      `/pages/viewpage.action?pageId=${trashed}`,
      `/spaces/OTHER/pages/${fixture.guideId}`,
      `/spaces/DOCS/pages/${fixture.blogId}`,
      `/spaces/DOCS/whiteboard/${fixture.guideId}`,
      `/spaces/DOCS/nonsense/${fixture.guideId}`,
      '/display/DOCS/No+Such+Page',
    ]) {
      const { status, title } = await screen(path);
      assert.equal(status, 404, path);
      assert.equal(title, 'Page not found', path);
    }
  });

  it('shows breadcrumbs, the author line, labels and a link to the attachments with their count', async () => {
    await server.request('POST', `/rest/api/content/${fixture.guideId}/label`, {
      json: [{ prefix: 'global', name: 'birds' }],
    });
    const { text } = await screen(`/pages/viewpage.action?pageId=${fixture.childId}`);
    assert.match(text, /<nav class="breadcrumbs"[\s\S]*Documentation[\s\S]*Field Guide[\s\S]*Chapter One/);
    assert.match(text, /Created by Administrator/);
    const guide = await screen(`/pages/viewpage.action?pageId=${fixture.guideId}`);
    assert.match(guide.text, /<li>birds<\/li>/);
    assert.match(
      guide.text,
      new RegExp(`viewpageattachments\\.action\\?pageId=${fixture.guideId}">Attachments \\(1\\)`),
    );
  });

  it('renders the body with its image attachment at a download link that works under the root and /wiki', async () => {
    for (const prefix of ['', '/wiki']) {
      const { text } = await screen(`${prefix}/pages/viewpage.action?pageId=${fixture.guideId}`);
      const src = /<img class="confluence-embedded-image" src="([^"]+)"/.exec(text)?.[1];
      assert.equal(src, `${prefix}/download/attachments/${fixture.guideId}/bird.png`);
      const image = await server.request('GET', src);
      assert.equal(image.status, 200, `${prefix}: ${image.text}`);
      assert.match(image.headers.get('content-type') ?? '', /^image\/png/);
    }
  });

  it('shows the comments, marking the one a comment link points to', async () => {
    const comment = await server.request('POST', '/rest/api/content', {
      json: {
        type: 'comment',
        container: { id: fixture.guideId, type: 'page' },
        body: { storage: { value: '<p>Seen one today</p>', representation: 'storage' } },
      },
    });
    assert.equal(comment.status, 200, comment.text);
    const commentId = String((comment.body as { id: string }).id);
    const webui = await server.request('GET', `/rest/api/content/${commentId}`);
    const link = String((webui.body as { _links: { webui: string } })._links.webui);
    const { status, text } = await screen(link.split('#')[0] ?? '');
    assert.equal(status, 200);
    assert.match(
      text,
      new RegExp(`id="comment-${commentId}" class="comment focused"[\\s\\S]*Seen one today`),
    );
  });

  it('hides a page its reader may not see: 404 for them, shown to the admin, and left out of their tree', async () => {
    const path = `/pages/viewpage.action?pageId=${fixture.hiddenId}`;
    assert.equal((await screen(path, carol)).status, 404);
    assert.equal((await screen(path)).title, 'Admins only');
    assert.equal((await screen(`/spaces/DOCS/pages/${fixture.hiddenId}/Admins+only`, carol)).status, 404);
    const space = await screen('/display/DOCS', carol);
    assert.equal(space.status, 200);
    assert.doesNotMatch(space.text, /Admins only/);
    assert.match((await screen('/display/DOCS')).text, /Admins only/);
  });

  it('lists at most a hundred items per level of the page tree, saying more are not listed', async () => {
    const { services } = server.server.site;
    await createSpace(services, systemPrincipal, { key: 'BIG', name: 'Big space', private: false });
    for (let index = 0; index < treeLevelCap + 5; index += 1) {
      await createContent(services, systemPrincipal, {
        type: 'page',
        spaceKey: 'BIG',
        title: `Page ${String(index).padStart(3, '0')}`,
      });
    }
    const { status, text } = await screen('/display/BIG');
    assert.equal(status, 200);
    const tree = text.slice(
      text.indexOf('aria-label="Page tree"'),
      text.indexOf('</nav>', text.indexOf('aria-label="Page tree"')),
    );
    assert.equal(tree.match(/viewpage\.action\?pageId=/g)?.length, treeLevelCap);
    assert.match(tree, /More pages not listed here/);
  });

  it('follows a tiny link to the page it stands for', async () => {
    const page = await server.request('GET', `/wiki/api/v2/pages/${fixture.childId}`);
    const tiny = String((page.body as { _links: { tinyui: string } })._links.tinyui);
    for (const prefix of ['', '/wiki']) {
      const response = await server.request('GET', `${prefix}${tiny}`);
      assert.equal(response.status, 302);
      assert.equal(
        response.headers.get('location'),
        `${prefix}/pages/viewpage.action?pageId=${fixture.childId}`,
      );
    }
    for (const code of ['AAAA', 'not!base64', 'AAAAAAAAAAAAAAAAAAAA']) {
      assert.equal((await screen(`/x/${code}`)).status, 404, code);
    }
  });
});

describe('editing pages in the web interface', () => {
  let server: TestServer;
  let fixture: PagesFixture;
  before(async () => {
    server = await startTestServer();
    await aUser(server, 'carol');
    fixture = await aPagesFixture(server);
  });
  after(() => server.dispose());

  it('saves an edit as version 2, and refuses a save made on a version that moved on', async () => {
    const session = await signInByForm(server);
    const form = await server.request('GET', `/pages/resumedraft.action?draftId=${fixture.childId}`, {
      auth: null,
      headers: { cookie: session.cookie },
    });
    assert.equal(form.status, 200);
    assert.match(form.text, /name="originalVersion" value="1"/);
    const save = (title: string) =>
      server.request(
        'POST',
        '/pages/doeditpage.action',
        formPost(session, {
          pageId: fixture.childId,
          originalVersion: '1',
          title,
          content: '<p>Rewritten</p>',
        }),
      );
    const saved = await save('Chapter One, revised');
    assert.equal(saved.status, 303, saved.text);
    assert.equal(saved.headers.get('location'), `/pages/viewpage.action?pageId=${fixture.childId}`);
    const page = await server.request(
      'GET',
      `/rest/api/content/${fixture.childId}?expand=version,body.storage`,
    );
    const json = page.body as {
      title: string;
      version: { number: number };
      body: { storage: { value: string } };
    };
    assert.equal(json.title, 'Chapter One, revised');
    assert.equal(json.version.number, 2);
    assert.equal(json.body.storage.value, '<p>Rewritten</p>');

    const stale = await save('Lost edit');
    assert.equal(stale.status, 409);
    assert.match(stale.text, /Someone else saved version 2 while you were editing/);
    assert.match(stale.text, /value="Lost edit"/, 'the typed text is kept');
  });

  it('lists the history and opens an old version by pageVersion, without an editor', async () => {
    const current = await server.request('GET', `/pages/viewpage.action?pageId=${fixture.childId}`);
    assert.match(current.text, /History \(2 versions\)/);
    assert.match(current.text, new RegExp(`pageId=${fixture.childId}&amp;pageVersion=1"[^>]*>Version 1</a>`));
    const old = await server.request('GET', `/pages/viewpage.action?pageId=${fixture.childId}&pageVersion=1`);
    assert.equal(old.status, 200);
    assert.equal(screenTitleOf(old.text), 'Chapter One: A+B & C');
    assert.match(old.text, /This is version 1, an old version/);
    assert.doesNotMatch(old.text, />Edit</);
    for (const version of ['3', 'x']) {
      const missing = await server.request(
        'GET',
        `/pages/viewpage.action?pageId=${fixture.childId}&pageVersion=${version}`,
      );
      assert.equal(missing.status, 404, version);
    }
  });

  it('creates a child page from the form', async () => {
    const session = await signInByForm(server);
    const form = await server.request(
      'GET',
      `/pages/createpage.action?spaceKey=DOCS&fromPageId=${fixture.guideId}`,
      {
        auth: null,
        headers: { cookie: session.cookie },
      },
    );
    assert.equal(form.status, 200);
    const created = await server.request(
      'POST',
      '/pages/docreatepage.action',
      formPost(session, {
        spaceKey: 'DOCS',
        fromPageId: fixture.guideId,
        title: 'Chapter Two',
        content: '<p>New</p>',
      }),
    );
    assert.equal(created.status, 303, created.text);
    const id = /pageId=(\d+)$/.exec(created.headers.get('location') ?? '')?.[1];
    const page = await server.request('GET', `/rest/api/content/${id}?expand=ancestors`);
    const ancestors = (page.body as { ancestors: { id: string }[] }).ancestors;
    assert.equal(ancestors.at(-1)?.id, fixture.guideId);
    const duplicate = await server.request(
      'POST',
      '/pages/docreatepage.action',
      formPost(session, { spaceKey: 'DOCS', title: 'Chapter Two', content: '' }),
    );
    assert.equal(duplicate.status, 400);
    assert.match(duplicate.text, /role="alert"/);
  });

  it("refuses the editor with the API's 403 to a reader who may not edit, and shows them no Edit button", async () => {
    const restricted = await server.request(
      'PUT',
      `/rest/api/content/${fixture.guideId}/restriction/byOperation/update/user?username=admin`,
    );
    assert.equal(restricted.status, 200, restricted.text);
    const session = await signInByForm(server, 'carol', 'carol-pw');
    const asCarol = { auth: null, headers: { cookie: session.cookie } };
    const form = await server.request('GET', `/pages/resumedraft.action?draftId=${fixture.guideId}`, asCarol);
    assert.equal(form.status, 403);
    assert.equal(screenTitleOf(form.text), 'Not permitted');
    const page = await server.request('GET', `/pages/viewpage.action?pageId=${fixture.guideId}`, asCarol);
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.text, />Edit</);
    const save = await server.request(
      'POST',
      '/pages/doeditpage.action',
      formPost(session, {
        pageId: fixture.guideId,
        originalVersion: '1',
        title: 'Carol was here',
        content: '',
      }),
    );
    assert.equal(save.status, 403);
  });

  it('gives the editor only to those who may see the page, as the API does', async () => {
    const session = await signInByForm(server, 'carol', 'carol-pw');
    const form = await server.request('GET', `/pages/editpage.action?pageId=${fixture.hiddenId}`, {
      auth: null,
      headers: { cookie: session.cookie },
    });
    assert.equal(form.status, 404);
    const save = await server.request(
      'POST',
      '/pages/doeditpage.action',
      formPost(session, { pageId: fixture.hiddenId, originalVersion: '1', title: 'Mine now', content: '' }),
    );
    assert.equal(save.status, 404);
    const page = await server.request('GET', `/rest/api/content/${fixture.hiddenId}`);
    assert.equal((page.body as { title: string }).title, 'Admins only');
  });
});

describe('searching in the web interface', () => {
  let server: TestServer;
  let fixture: PagesFixture;
  before(async () => {
    server = await startTestServer();
    await aUser(server, 'carol');
    fixture = await aPagesFixture(server);
  });
  after(() => server.dispose());

  const search = (query: string, auth?: [string, string]) =>
    server.request('GET', `/dosearchsite.action?${query}`, auth ? { auth } : {});

  it('finds a page by a word of its body, linked to its screen, with the word marked', async () => {
    const response = await search('queryString=kingfisher');
    assert.equal(response.status, 200);
    assert.match(
      response.text,
      new RegExp(`<a href="/pages/viewpage\\.action\\?pageId=${fixture.guideId}">Field Guide</a>`),
    );
    assert.match(response.text, /<mark>kingfisher<\/mark>/);
    assert.match(response.text, /Results 1–1 of 1/);
  });

  it('runs advanced CQL, and pages through results', async () => {
    const blog = await search(`cql=${encodeURIComponent('type = blogpost AND space = DOCS')}`);
    assert.equal(blog.status, 200);
    assert.match(blog.text, /Launch news/);
    assert.doesNotMatch(blog.text, /Field Guide<\/a>/);
    const firstPage = await search(`cql=${encodeURIComponent('space = DOCS order by title')}&start=0`);
    assert.match(firstPage.text, /Results 1–\d+ of \d+/);
    const second = await search(`cql=${encodeURIComponent('space = DOCS order by title')}&start=1`);
    assert.match(second.text, /Results 2–/);
    assert.match(second.text, /start=0">Previous/);
  });

  it('shows a query CQL refuses as a message with a 400, never a 500', async () => {
    for (const cql of ['type =', 'nosuchfield = 1', 'text ~ "unclosed']) {
      const response = await search(`cql=${encodeURIComponent(cql)}`);
      assert.equal(response.status, 400, cql);
      assert.match(response.text, /role="alert">That query cannot be run: /, cql);
    }
  });

  it('finds only what the searcher may see', async () => {
    const query = `cql=${encodeURIComponent('title = "Admins only"')}`;
    assert.match((await search(query)).text, /Results 1–1 of 1/, 'the admin finds it');
    assert.match((await search(query, carol)).text, /Nothing found/);
  });
});

describe('the pages screens for a visitor not signed in, with anonymous access on', () => {
  let server: TestServer;
  let fixture: PagesFixture;
  before(async () => {
    server = await startTestServer({ TRIBUTARY_ANONYMOUS_ACCESS: 'true' });
    fixture = await aPagesFixture(server);
  });
  after(() => server.dispose());

  it('answers every screen as the API would answer an anonymous caller, with a way to sign in', async () => {
    const apiSees = (await server.request('GET', `/rest/api/content/${fixture.guideId}`, { auth: null }))
      .status;
    const screens = [
      '/display/DOCS',
      `/pages/viewpage.action?pageId=${fixture.guideId}`,
      `/spaces/DOCS/pages/${fixture.guideId}/Field+Guide`,
      '/dosearchsite.action?queryString=kingfisher',
      `/pages/resumedraft.action?draftId=${fixture.guideId}`,
    ];
    for (const path of screens) {
      const response = await server.request('GET', path, { auth: null });
      const expected = path.includes('dosearchsite')
        ? 200
        : path.includes('resumedraft') && apiSees === 200
          ? 403
          : apiSees;
      assert.equal(response.status, expected, path);
      assert.match(response.text, /login\.action\?os_destination=/, path);
      assert.doesNotMatch(response.text, />(Create page|Edit)</, path);
    }
    const search = await server.request('GET', '/dosearchsite.action?queryString=kingfisher', { auth: null });
    assert.match(search.text, apiSees === 200 ? /Field Guide/ : /Nothing found/);
  });
});
