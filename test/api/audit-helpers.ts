import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import { adminPassword, basic, type TestServer } from '../support/test-server.ts';

/** An `AuditRecord` as the v1 surfaces render it. */
export interface WireAuditRecord {
  author: {
    type: string;
    displayName: string;
    username?: string | null;
    userKey?: string | null;
    accountId?: string | null;
  };
  remoteAddress: string;
  creationDate: number;
  summary: string;
  description: string;
  category: string;
  sysAdmin: boolean;
  affectedObject: { name: string; objectType: string };
  changedValues: { name: string; oldValue: string; newValue: string }[];
  associatedObjects: { name: string; objectType: string }[];
}

export interface WireAuditPage {
  results: WireAuditRecord[];
  start: number;
  limit: number;
  size: number;
  totalSize: number;
  _links: { self: string; next?: string; prev?: string };
}

/** `GET /rest/api/audit…` as the admin; fails the test unless it answers 200. */
export async function auditPage(site: TestServer, query = ''): Promise<WireAuditPage> {
  const response = await site.request('GET', `/rest/api/audit${query}`);
  assert.equal(response.status, 200, response.text);
  return response.body as WireAuditPage;
}

/** How many records the log holds now (within the default retention). */
export async function auditCount(site: TestServer): Promise<number> {
  return (await auditPage(site, '?limit=1')).totalSize;
}

/** The raw bytes of a response (`request` reads bodies as text, which would mangle a zip). */
export async function download(site: TestServer, path: string) {
  const response = await fetch(site.reachableUrl + path, {
    headers: { authorization: basic('admin', adminPassword) },
  });
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

/** RFC 4180: fields separated by commas, quoted when they hold a comma, quote or line break. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  assert.equal(quoted, false, 'the CSV ends inside a quoted field');
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/**
 * The files of a zip archive, read from its central directory (APPNOTE.TXT §4.3.12), as any unzip tool
 * does: stored or deflated entries, sizes from the directory since streamed entries leave them out of the
 * local headers.
 */
export function unzip(archive: Buffer): Map<string, Buffer> {
  const endOfDirectory = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(endOfDirectory >= 0, 'no end of central directory record');
  const entries = archive.readUInt16LE(endOfDirectory + 10);
  let offset = archive.readUInt32LE(endOfDirectory + 16);
  const files = new Map<string, Buffer>();
  for (let n = 0; n < entries; n += 1) {
    assert.equal(archive.readUInt32LE(offset), 0x02014b50, 'bad central directory entry');
    const method = archive.readUInt16LE(offset + 10);
    const compressedSize = archive.readUInt32LE(offset + 20);
    const size = archive.readUInt32LE(offset + 24);
    const nameLength = archive.readUInt16LE(offset + 28);
    const extraLength = archive.readUInt16LE(offset + 30);
    const commentLength = archive.readUInt16LE(offset + 32);
    const localHeader = archive.readUInt32LE(offset + 42);
    const name = archive.toString('utf8', offset + 46, offset + 46 + nameLength);
    assert.equal(archive.readUInt32LE(localHeader), 0x04034b50, 'bad local file header');
    const dataStart =
      localHeader + 30 + archive.readUInt16LE(localHeader + 26) + archive.readUInt16LE(localHeader + 28);
    const data = archive.subarray(dataStart, dataStart + compressedSize);
    assert.ok(method === 0 || method === 8, `unknown compression method ${method}`);
    const content = method === 8 ? inflateRawSync(data) : Buffer.from(data);
    assert.equal(content.length, size, `${name}: size differs from the directory's`);
    files.set(name, content);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}
