import assert from 'node:assert/strict';
import { anUpload, aPage, aSpace } from '../support/builders.ts';
import type { TestServer } from '../support/test-server.ts';

/** A 1×1 PNG: small, and a real image a browser decodes (naturalWidth 1). */
export const onePixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

export interface PagesFixture {
  spaceKey: string;
  guideId: string;
  childId: string;
  blogId: string;
  attachmentId: string;
  hiddenId: string;
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
    { name: 'bird.png', content: onePixelPng, type: 'image/png' },
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
  return { spaceKey, guideId, childId: String(child.id), blogId: String(blog.id), attachmentId, hiddenId };
}

/** The text of a screen's `<title>`, without the site's name. */
export const screenTitleOf = (markup: string) =>
  /<title>([^<]*) - Tributary<\/title>/.exec(markup)?.[1]?.replace(/&amp;/g, '&').replace(/&#39;/g, "'");
