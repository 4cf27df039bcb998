import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { assertRestError } from '../../../test/support/error-bodies.ts';
import { startTestServer, type TestServer } from '../../../test/support/test-server.ts';

/** Sends raw bytes and reads the whole answer, for requests no HTTP client would send. */
function rawExchange(site: TestServer, bytes: string): Promise<string> {
  const { hostname, port } = new URL(site.reachableUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

describe('requests the HTTP parser refuses (found by the fuzzing of issue 22)', () => {
  let site: TestServer;
  before(async () => {
    site = await startTestServer();
  });
  after(() => site.dispose());

  const hugeQuery = `cql=${'title%20~%20x%20OR%20'.repeat(1500)}title%20~%20x`;

  it('answers a URL past the header size limit with 431 in the v1 envelope', async () => {
    const response = await site.request('GET', `/rest/api/search?${hugeQuery}`);
    assertRestError(response, 431, /larger than the server accepts/);
  });

  it('answers the same on a v2 path with 431 in the v2 envelope', async () => {
    const response = await site.request('GET', `/wiki/api/v2/pages?${hugeQuery}`);
    assert.equal(response.status, 431);
    const body = response.body as { errors: { status: number; detail: string }[] };
    assert.equal(body.errors[0]?.status, 431);
    assert.match(body.errors[0]?.detail ?? '', /larger than the server accepts/);
  });

  it('answers bytes that are not HTTP with a 400 in the v1 envelope', async () => {
    const answer = await rawExchange(
      site,
      'GET /rest/api/space HTTP/1.1\r\nHost: x\r\nBroken header\r\n\r\n',
    );
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    assert.match(head, /^HTTP\/1\.1 400 /);
    assert.match(head, /content-type: application\/json;charset=UTF-8/i);
    assertRestError(
      {
        status: 400,
        headers: new Headers({ 'content-type': 'application/json' }),
        text: body,
        body: JSON.parse(body),
      },
      400,
    );
  });
});
