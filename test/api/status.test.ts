import assert from 'node:assert/strict';
import { rename } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { folderOnly } from '../support/test-blob-store.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

// What a load balancer probes: 200 and Confluence's own body while every part answers, 503 naming the part.
describe('GET /status as a readiness probe', () => {
  let site: TestServer;

  before(async () => {
    site = await startTestServer();
  });
  after(() => site.dispose());

  it('answers RUNNING, without credentials and never from a cache, while the database and blobs answer', async () => {
    const response = await site.request('GET', '/status', { auth: null });
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { state: 'RUNNING' });
    assert.equal(response.headers.get('x-tributary-version'), '1');
    assert.equal(response.headers.get('cache-control'), 'no-store');
  });

  it('answers 503 naming the blob store while its folder is gone', folderOnly, async () => {
    const blobs = path.join(site.dataDir, 'blobs');
    await rename(blobs, `${blobs}-away`);
    try {
      const response = await site.request('GET', '/status', { auth: null });
      assert.equal(response.status, 503);
      assert.deepEqual(response.body, { state: 'ERROR', failing: ['blobStore'] });
    } finally {
      await rename(`${blobs}-away`, blobs);
    }
    assert.equal((await site.request('GET', '/status', { auth: null })).status, 200);
  });

  it('answers 503 naming the database once it no longer answers', async () => {
    const { store } = site.server.site.services;
    const check = store.check;
    // Standing in for a database server that went away; SQLite in a file cannot.
    store.check = () => Promise.reject(new Error('connection refused'));
    try {
      const response = await site.request('GET', '/status', { auth: null });
      assert.equal(response.status, 503);
      assert.deepEqual(response.body, { state: 'ERROR', failing: ['database'] });
    } finally {
      store.check = check;
    }
  });
});
