import assert from 'node:assert/strict';
import { crc32, deflateSync } from 'node:zlib';
import { anUpload, aPage, aSpace } from '../support/builders.ts';
import type { TestServer } from '../support/test-server.ts';

/** A PNG of `width`×`height` pixels, a blue-to-green gradient: a real image a browser decodes. */
export function aPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'ascii'), data])));
    return Buffer.concat([length, Buffer.from(type, 'ascii'), data, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB, no interlace
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      rows.set(
        [30, 90 + Math.round((120 * x) / width), 200 - Math.round((100 * y) / height)],
        y * (width * 3 + 1) + 1 + x * 3,
      );
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export interface PagesFixture {
  spaceKey: string;
  guideId: string;
  childId: string;
  blogId: string;
  attachmentId: string;
  hiddenId: string;
  /** Cloud's other types, by their v2 collection: folders, whiteboards, databases, embeds, custom-content. */
  cloudItems: Record<string, string>;
}

/**
 * A space with a page (an image attachment shown in its body, a rare word to search for), a child page
 * with a title that needs encoding, a blog post, and a page only the admin may read.
 */
export async function aPagesFixture(server: TestServer, spaceKey = 'DOCS'): Promise<PagesFixture> {
  await aSpace(server, spaceKey, 'Documentation');
  const guide = await aPage(server, spaceKey, 'Field Guide', {
    body: '<p>Spotting the kingfisher by the river.</p><ac:image><ri:attachment ri:filename="bird.png" /></ac:image>',
  });
  const guideId = String(guide.id);
  const child = await aPage(server, spaceKey, 'Chapter One: A+B & C', { parentId: guideId });
  const blog = await aPage(server, spaceKey, 'Launch news', { type: 'blogpost' });
  const uploaded = await anUpload(server, guideId, [
    { name: 'bird.png', content: aPng(240, 120), type: 'image/png' },
  ]);
  assert.equal(uploaded.status, 200, uploaded.text);
  const attachmentId = String((uploaded.body as { results: { id: string }[] }).results[0]?.id);
  const hidden = await aPage(server, spaceKey, 'Admins only');
  const hiddenId = String(hidden.id);
  const restricted = await server.request(
    'PUT',
    `/rest/api/content/${hiddenId}/restriction/byOperation/read/user?username=admin`,
  );
  assert.equal(restricted.status, 200, restricted.text);
  const cloudItems = await cloudTypesIn(server, spaceKey);
  return {
    spaceKey,
    guideId,
    childId: String(child.id),
    blogId: String(blog.id),
    attachmentId,
    hiddenId,
    cloudItems,
  };
}

/** A folder holding a whiteboard, a database, a Smart Link and a custom content item, made over v2. */
async function cloudTypesIn(server: TestServer, spaceKey: string): Promise<Record<string, string>> {
  const spaceId = String(
    ((await server.request('GET', `/rest/api/space/${spaceKey}`)).body as { id: number }).id,
  );
  const create = async (collection: string, json: Record<string, unknown>) => {
    const response = await server.request('POST', `/wiki/api/v2/${collection}`, {
      json: { spaceId, ...json },
    });
    assert.ok([200, 201].includes(response.status), `${collection}: ${response.text}`);
    return String((response.body as { id: string }).id);
  };
  const folders = await create('folders', { title: 'Plans' });
  return {
    folders,
    whiteboards: await create('whiteboards', { title: 'Sketch', parentId: folders }),
    databases: await create('databases', { title: 'Inventory', parentId: folders }),
    embeds: await create('embeds', {
      title: 'Tracker',
      embedUrl: 'https://example.com/board/7',
      parentId: folders,
    }),
    'custom-content': await create('custom-content', {
      type: 'ac:com.example.app:note',
      title: 'A note',
      body: { representation: 'storage', value: '<p>Noted</p>' },
    }),
  };
}

/** The text of a screen's `<title>`, without the site's name. */
export const screenTitleOf = (markup: string) =>
  /<title>([^<]*) - Tributary<\/title>/.exec(markup)?.[1]?.replace(/&amp;/g, '&').replace(/&#39;/g, "'");
