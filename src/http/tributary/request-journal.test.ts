import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { nextLinkOf, noteOnJournal, registerJournal } from './journal.ts';
import { type RecordedEntry, RequestJournal } from './request-journal.ts';

const anEntry = (path: string, codes: string[] = []): RecordedEntry => ({
  timeMs: 0,
  method: 'GET',
  path,
  status: 200,
  durationMs: 1,
  user: null,
  warnings: codes.map((code) => ({ code, message: code })),
});

describe('RequestJournal', () => {
  it('keeps only the last `capacity` requests, oldest first, and counts every one recorded', () => {
    const journal = new RequestJournal(3);
    for (const path of ['/a', '/b', '/c', '/d', '/e']) journal.record(anEntry(path, ['x']));
    assert.deepEqual(
      journal.entries().map((entry) => entry.path),
      ['/c', '/d', '/e'],
    );
    assert.deepEqual(journal.summary(), { requests: 5, kept: 3, warnings: { x: 5 } });
  });

  it('forgets the next page awaited by a request that leaves the ring, but still counts it unfollowed', () => {
    const journal = new RequestJournal(2);
    journal.record(anEntry('/list'), { key: 'k', link: '/list?start=1' });
    journal.record(anEntry('/b'));
    journal.record(anEntry('/c'));
    assert.equal(journal.awaitsPages, false);
    journal.pageAsked('k');
    assert.deepEqual(journal.summary().warnings, { next_link_not_followed: 1 });
  });
});

describe('noteOnJournal', () => {
  it('adds the note to the journal entry of the request being answered', async () => {
    const app = Fastify();
    app.decorateRequest('principal', null as never);
    app.decorateRequest('surface', null as never);
    app.addHook('onRequest', async (request) => {
      request.surface = { api: 'other', cloud: false, base: '', context: '' };
    });
    const journal = new RequestJournal();
    registerJournal(app, '', journal);
    app.get('/faulty', async (request, reply) => {
      noteOnJournal(request, { code: 'fault_injected', message: 'answered 503 as rule 1 says' });
      return reply.code(503).send({});
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      assert.equal((await fetch(`http://127.0.0.1:${port}/faulty`)).status, 503);
      assert.deepEqual(
        journal.entries().map((entry) => [entry.path, entry.status, entry.warnings]),
        [['/faulty', 503, [{ code: 'fault_injected', message: 'answered 503 as rule 1 says' }]]],
      );
    } finally {
      await app.close();
    }
  });

  it('does nothing where no journal is kept', async () => {
    const app = Fastify();
    let noted = 'not called';
    app.get('/plain', async (request) => {
      noteOnJournal(request, { code: 'fault_injected', message: 'nowhere to go' });
      noted = String(request.journalNotes);
      return {};
    });
    const answer = await app.inject({ method: 'GET', url: '/plain' });
    assert.equal(answer.statusCode, 200);
    assert.equal(noted, 'undefined');
  });
});

describe('nextLinkOf', () => {
  it('reads the envelope’s _links.next, not an item’s links', () => {
    const v1 = JSON.stringify({
      results: [{ id: '1', _links: { self: '/rest/api/space/A', next: '/item/next' } }],
      start: 0,
      _links: { base: 'http://h', next: '/rest/api/space?limit=1&start=1' },
    });
    assert.equal(nextLinkOf(v1), '/rest/api/space?limit=1&start=1');
    const v2 = JSON.stringify({
      results: [],
      _links: { next: '/wiki/api/v2/spaces?cursor=a"b\\c', base: 'x' },
    });
    assert.equal(nextLinkOf(v2), '/wiki/api/v2/spaces?cursor=a"b\\c');
  });

  it('finds none in a last page or in a body without links', () => {
    assert.equal(
      nextLinkOf(JSON.stringify({ results: [{ _links: { next: '/x' } }], _links: { base: 'h' } })),
      undefined,
    );
    assert.equal(nextLinkOf('{"next":"/x"}'), undefined);
    assert.equal(nextLinkOf('not json'), undefined);
  });
});
