import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { aPage, aSpace, aUser } from '../support/builders.ts';
import { assertRestError } from '../support/error-bodies.ts';
import { assertMatchesSpec } from '../support/spec-contract.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

type Json = Record<string, unknown>;
type SearchPage = Json & { results: Json[]; totalSize: number; size: number };

describe('CQL search for spaces and people', () => {
  let site: TestServer;
  const bob: [string, string] = ['bob', 'bob-pw'];
  const carol: [string, string] = ['carol', 'carol-pw'];

  before(async () => {
    site = await startTestServer();
    await aUser(site, 'bob');
    await aUser(site, 'carol');
    await aSpace(site, 'ENG', 'Engineering handbook');
    await aSpace(site, 'OPS', 'Operations');
    await aPage(site, 'ENG', 'Engineering onboarding');
    const hidden = await site.request('POST', '/rest/api/space/_private', {
      auth: carol,
      json: { key: 'CENG', name: "Carol's engineering notes" },
    });
    assert.equal(hidden.status, 200, hidden.text);
  });
  after(() => site.dispose());

  const search = async (
    path: string,
    cql: string,
    options: { auth?: [string, string]; extra?: string } = {},
  ) => {
    const query = `cql=${encodeURIComponent(cql)}${options.extra ?? ''}`;
    return site.request('GET', `${path}?${query}`, options.auth ? { auth: options.auth } : {});
  };
  const pageOf = async (
    path: string,
    cql: string,
    options: { auth?: [string, string]; extra?: string } = {},
  ) => {
    const response = await search(path, cql, options);
    assert.equal(response.status, 200, response.text);
    return response.body as SearchPage;
  };
  const titles = (page: SearchPage) =>
    page.results.map((result) => `${result.entityType}:${result.title}`).sort();

  it('finds spaces by name with type = space, as a Data Center MCP server asks', async () => {
    const response = await search('/rest/api/search', 'type=space AND title ~ "engineering"');
    assert.equal(response.status, 200, response.text);
    assertMatchesSpec('dc', 'GET', '/rest/api/search', 200, response.body);
    const page = response.body as SearchPage;
    assert.deepEqual(titles(page), ["space:Carol's engineering notes", 'space:Engineering handbook']);
    assert.equal(page.totalSize, 2);
    const handbook = page.results.find((result) => result.title === 'Engineering handbook') as Json;
    assert.equal((handbook.space as Json).key, 'ENG');
    assert.equal(handbook.url, '/display/ENG');
    assert.equal(typeof handbook.lastModified, 'string');
    assert.equal(typeof handbook.excerpt, 'string');

    const cloud = await search('/wiki/rest/api/search', 'type = space AND space.key = ENG');
    assertMatchesSpec('cloud-v1', 'GET', '/wiki/rest/api/search', 200, cloud.body);
    const [only] = (cloud.body as SearchPage).results;
    assert.equal(only?.entityType, 'space');
    assert.equal(only?.url, '/spaces/ENG');
  });

  it('never shows a space the caller cannot view', async () => {
    const asBob = await pageOf('/rest/api/search', 'type = space AND title ~ engineering', { auth: bob });
    assert.deepEqual(titles(asBob), ['space:Engineering handbook']);
    assert.equal(asBob.totalSize, 1);
    const asCarol = await pageOf('/rest/api/search', 'type = space AND title ~ engineering', { auth: carol });
    assert.equal(asCarol.totalSize, 2);
  });

  it('finds people with type IN (space, user), their names matched by title', async () => {
    const page = await pageOf('/rest/api/search', 'type IN (space, user) AND title ~ carol');
    assert.deepEqual(titles(page), ["space:Carol's engineering notes", 'user:carol Example']);
    const person = page.results.find((result) => result.entityType === 'user') as Json;
    assert.equal((person.user as Json).username, 'carol');
    assert.equal(person.url, '/display/~carol');
  });

  it('mixes content and spaces in one page order, paged consistently', async () => {
    const all = await pageOf('/rest/api/search', 'type IN (page, space) AND title ~ engineering');
    // Each space's home page is named after it.
    assert.deepEqual(titles(all), [
      "content:Carol's engineering notes Home",
      'content:Engineering handbook Home',
      'content:Engineering onboarding',
      "space:Carol's engineering notes",
      'space:Engineering handbook',
    ]);
    const walked: string[] = [];
    for (let start = 0; start < 5; start++) {
      const one = await pageOf('/rest/api/search', 'type IN (page, space) AND title ~ engineering', {
        extra: `&limit=1&start=${start}`,
      });
      assert.equal(one.totalSize, 5);
      walked.push(...titles(one));
    }
    assert.deepEqual(
      walked,
      all.results.map((result) => `${result.entityType}:${result.title}`),
    );
    const ordered = await pageOf(
      '/rest/api/search',
      'type IN (page, space) AND title ~ engineering ORDER BY title',
    );
    assert.deepEqual(
      ordered.results.map((result) => result.title),
      [
        "Carol's engineering notes",
        "Carol's engineering notes Home",
        'Engineering handbook',
        'Engineering handbook Home',
        'Engineering onboarding',
      ],
    );
  });

  it('keeps content searches to content', async () => {
    const plain = await pageOf('/rest/api/search', 'title ~ engineering');
    assert.deepEqual(titles(plain), [
      "content:Carol's engineering notes Home",
      'content:Engineering handbook Home',
      'content:Engineering onboarding',
    ]);
    const contentSearch = await search('/rest/api/content/search', 'type = space');
    assert.equal(contentSearch.status, 200, contentSearch.text);
    assert.deepEqual((contentSearch.body as SearchPage).results, []);
  });

  it('refuses a type it does not know', async () => {
    const response = await search('/rest/api/search', 'type = planet');
    assertRestError(response, 400, /Unknown content type "planet"/);
  });
});

describe('GET /wiki/rest/api/search/user', () => {
  let site: TestServer;
  let bobAccountId: string;

  before(async () => {
    site = await startTestServer();
    for (const name of ['bob', 'carol', 'dave']) await aUser(site, name);
    const bob = await site.request('GET', '/wiki/rest/api/user?username=bob');
    bobAccountId = String((bob.body as Json).accountId);
  });
  after(() => site.dispose());

  const searchUsers = (cql: string, extra = '', auth?: [string, string] | null) =>
    site.request('GET', `/wiki/rest/api/search/user?cql=${encodeURIComponent(cql)}${extra}`, {
      ...(auth !== undefined && { auth }),
    });
  const namesOf = (body: unknown) => (body as SearchPage).results.map((result) => result.title).sort();

  it('finds people by full name, in the SearchResult shape of the spec', async () => {
    const response = await searchUsers('user.fullname ~ "carol"');
    assert.equal(response.status, 200, response.text);
    assertMatchesSpec('cloud-v1', 'GET', '/wiki/rest/api/search/user', 200, response.body);
    const body = response.body as SearchPage;
    assert.deepEqual(namesOf(body), ['carol Example']);
    const carol = body.results[0] as Json;
    const accountId = (carol.user as Json).accountId;
    assert.equal(carol.entityType, 'user');
    assert.equal(typeof accountId, 'string');
    assert.equal(carol.url, `/people/${accountId}`);
  });

  it('finds people by user ~, user.accountid = and type = user, paging them', async () => {
    assert.deepEqual(namesOf((await searchUsers('user ~ dave')).body), ['dave Example']);
    assert.deepEqual(namesOf((await searchUsers(`user.accountid = "${bobAccountId}"`)).body), [
      'bob Example',
    ]);
    assert.deepEqual(namesOf((await searchUsers(`user = "${bobAccountId}"`)).body), ['bob Example']);
    const everyone = (await searchUsers('type = user')).body as SearchPage;
    assert.deepEqual(
      namesOf(everyone),
      ['Administrator', 'bob Example', 'carol Example', 'dave Example'].sort(),
    );
    const second = (await searchUsers('type = user', '&limit=2&start=2')).body as SearchPage;
    assert.equal(second.size, 2);
    assert.equal(second.totalSize, 4);
    const notBob = (await searchUsers(`type = user AND user.accountid != "${bobAccountId}"`)).body;
    assert.equal(namesOf(notBob).includes('bob Example'), false);
  });

  it('answers nobody to an anonymous caller', async () => {
    const response = await searchUsers('type = user', '', null);
    assert.equal(response.status, 401);
  });

  it('refuses fields other than the user ones, and an unknown permission filter', async () => {
    assertRestError(await searchUsers('space = ENG'), 400, /only the user fields/);
    assertRestError(
      await searchUsers('type = user', '&sitePermissionTypeFilter=robots'),
      400,
      /sitePermissionTypeFilter/,
    );
    assertRestError(await searchUsers(''), 400, /CQL query parameter is required/);
    const guests = await searchUsers('type = user', '&sitePermissionTypeFilter=externalCollaborator');
    assert.deepEqual((guests.body as SearchPage).results, []);
  });

  it('is refused on the site search, as Cloud does', async () => {
    const response = await site.request(
      'GET',
      `/wiki/rest/api/search?cql=${encodeURIComponent('user.fullname ~ bob')}`,
    );
    assertRestError(response, 400, /Unknown field "user.fullname"/);
  });
});

describe('an anonymous search, where anonymous access is on', () => {
  let site: TestServer;

  before(async () => {
    site = await startTestServer({ TRIBUTARY_ANONYMOUS_ACCESS: 'true' });
    await aUser(site, 'erin');
    await aSpace(site, 'OPEN', 'Open space');
  });
  after(() => site.dispose());

  it('finds no people, and no space anonymous users may not view', async () => {
    const cql = encodeURIComponent('type IN (space, user)');
    const anonymous = await site.request('GET', `/rest/api/search?cql=${cql}`, { auth: null });
    assert.equal(anonymous.status, 200, anonymous.text);
    assert.deepEqual((anonymous.body as SearchPage).results, []);
    const signedIn = await site.request('GET', `/rest/api/search?cql=${cql}`, { auth: ['erin', 'erin-pw'] });
    const kinds = (signedIn.body as SearchPage).results.map((result) => result.entityType);
    assert.ok(kinds.includes('user') && kinds.includes('space'), JSON.stringify(kinds));
  });
});
