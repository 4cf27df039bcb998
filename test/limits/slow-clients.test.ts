import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { blobFilesOf } from '../support/attachment-probes.ts';
import { anUpload, aPage, aSpace, noCheck } from '../support/builders.ts';
import { adminPassword, basic, startTestServer, type TestServer } from '../support/test-server.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A raw connection to the server, from `localAddress` when given; collects what comes back. */
function rawConnection(site: TestServer, localAddress?: string) {
  const url = new URL(site.reachableUrl);
  const socket = connect({
    host: url.hostname,
    port: Number(url.port),
    ...(localAddress && { localAddress }),
  });
  let received = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
  });
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, closed, received: () => received };
}

const connected = (socket: Socket) => new Promise((resolve) => socket.once('connect', resolve));

describe('slow and greedy clients, with tiny time-outs', () => {
  let site: TestServer;
  let pageId: string;

  before(async () => {
    site = await startTestServer({
      TRIBUTARY_HEADERS_TIMEOUT_SECONDS: '1',
      TRIBUTARY_BODY_TIMEOUT_SECONDS: '1',
      TRIBUTARY_MIN_UPLOAD_BYTES_PER_SECOND: '1024',
      TRIBUTARY_SOCKET_IDLE_TIMEOUT_SECONDS: '1',
    });
    await aSpace(site, 'SLOW');
    pageId = String((await aPage(site, 'SLOW', 'Slow clients')).id);
  });
  after(() => site.dispose());

  it('answers 408 to a client that sends its headers a byte at a time, and closes the connection', async () => {
    const slow = rawConnection(site);
    await connected(slow.socket);
    slow.socket.write('GET /status HTTP/1.1\r\nHost: x\r\n');
    const dripping = setInterval(() => slow.socket.write('X'), 100);
    await slow.closed;
    clearInterval(dripping);
    assert.match(slow.received().toString('latin1'), /^HTTP\/1\.1 408 /);
  });

  it('cuts an upload that stalls below the minimum rate, and keeps nothing of it', async () => {
    const url = new URL(`${site.reachableUrl}/rest/api/content/${pageId}/child/attachment`);
    const boundary = 'slow-boundary';
    const answered = await new Promise<string>((resolve) => {
      const request = httpRequest(url, {
        method: 'POST',
        headers: {
          ...noCheck,
          authorization: basic('admin', adminPassword),
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(1024 * 1024),
        },
      });
      request.on('response', (response) => resolve(`answered ${response.statusCode}`));
      request.on('error', () => resolve('cut'));
      request.on('close', () => resolve('cut'));
      request.write(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.bin"\r\n\r\n`,
      );
      request.write(Buffer.alloc(64 * 1024, 1));
      // Then a byte every tenth of a second: 10 bytes/s, below the 1 KiB/s asked for.
      const dripping = setInterval(() => request.write(Buffer.of(2)), 100);
      request.on('close', () => clearInterval(dripping));
    });
    assert.equal(answered, 'cut');
    for (let attempt = 0; attempt < 100 && (await site.blobStore.leftovers()).length > 0; attempt += 1) {
      await pause(20);
    }
    assert.deepEqual(await site.blobStore.leftovers(), []);
    const list = await site.request('GET', `/rest/api/content/${pageId}/child/attachment?filename=slow.bin`);
    assert.equal((list.body as { size: number }).size, 0);
    assert.deepEqual(await blobFilesOf(site), []);
  });

  it('accepts an upload that arrives steadily above the minimum rate, however long it takes', async () => {
    const url = new URL(`${site.reachableUrl}/rest/api/content/${pageId}/child/attachment`);
    const boundary = 'steady-boundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="steady.bin"\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const chunks = 12;
    const chunk = Buffer.alloc(16 * 1024, 3);
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(url, {
        method: 'POST',
        headers: {
          ...noCheck,
          authorization: basic('admin', adminPassword),
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(head.length + chunks * chunk.length + tail.length),
        },
      });
      request.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.write(head);
      // 64 KiB/s for three seconds: three body windows, each well above 1 KiB/s.
      let sent = 0;
      const sending = setInterval(() => {
        request.write(chunk);
        sent += 1;
        if (sent === chunks) {
          clearInterval(sending);
          request.end(tail);
        }
      }, 250);
    });
    assert.equal(status, 200);
  });

  it('closes a download that is never read, while answering others', async () => {
    const big = Buffer.alloc(16 * 1024 * 1024, 7);
    const uploaded = await anUpload(site, pageId, [{ name: 'big.bin', content: big }]);
    assert.equal(uploaded.status, 200);
    const [created] = (uploaded.body as { results: { _links: { download: string } }[] }).results;
    assert.ok(created);
    const download = created._links.download;
    const reader = rawConnection(site);
    await connected(reader.socket);
    reader.socket.write(
      `GET ${new URL(site.reachableUrl).pathname}${download} HTTP/1.1\r\nHost: x\r\nAuthorization: ${basic('admin', adminPassword)}\r\n\r\n`,
    );
    reader.socket.pause();
    // While the download sits unread, others are answered.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      assert.equal((await site.request('GET', '/rest/api/space/SLOW')).status, 200);
    }
    await pause(2500);
    reader.socket.resume();
    await reader.closed;
    assert.ok(reader.received().length < big.length, 'the server closed the connection before the end');
  });
});

describe('connections per client address', () => {
  let site: TestServer;

  before(async () => {
    site = await startTestServer({ TRIBUTARY_MAX_CONNECTIONS_PER_ADDRESS: '3' });
  });
  after(() => site.dispose());

  it('closes connections beyond the limit at once, while another address is served', async () => {
    const held = [rawConnection(site), rawConnection(site), rawConnection(site)];
    await Promise.all(held.map((connection) => connected(connection.socket)));
    await pause(100);
    const extra = rawConnection(site);
    extra.socket.write('GET /status HTTP/1.1\r\nHost: x\r\n\r\n');
    await extra.closed;
    assert.equal(extra.received().length, 0);

    const other = rawConnection(site, '127.0.0.2');
    other.socket.write('GET /status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await other.closed;
    assert.match(other.received().toString('latin1'), /^HTTP\/1\.1 200 /);

    // A connection that closes makes room for the next.
    held[0]?.socket.destroy();
    await held[0]?.closed;
    let answer = '';
    for (let attempt = 0; attempt < 50 && !answer.startsWith('HTTP/1.1 200'); attempt += 1) {
      await pause(20);
      const next = rawConnection(site);
      next.socket.write('GET /status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      await next.closed;
      answer = next.received().toString('latin1');
    }
    assert.match(answer, /^HTTP\/1\.1 200 /);
    for (const connection of held) connection.socket.destroy();
  });
});
