/**
 * A small source site for the backup, restore and migrate suites: a page tree with attachments of
 * awkward names, several versions with comments, labels and properties; and a way to read back what a
 * space holds, version by version, to compare two sites.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  addAttachmentComment,
  addLabels,
  type ConfluenceClient,
  listAttachmentComments,
  listLabels,
  listProperties,
  setProperty,
} from '../../src/client/index.ts';
import { aPage, aSpace } from '../support/builders.ts';
import type { TestServer } from '../support/test-server.ts';

export interface SourceTree {
  rootId: string;
  childId: string;
  grandchildId: string;
}

/** The files each attachment gets, version by version, and the comment of each version. */
export const history: ReadonlyArray<{
  page: keyof SourceTree;
  name: string;
  versions: Array<[string, string]>;
}> = [
  {
    page: 'rootId',
    name: 'report 2024.pdf',
    versions: [
      ['first draft of the report', 'draft'],
      ['final report, longer than the draft', 'final'],
      ['final report, longer than the draft', 'same bytes again'],
    ],
  },
  {
    page: 'rootId',
    name: 'naïve 100% «notes».txt',
    versions: [['unicode, spaces and a percent sign', 'notes']],
  },
  {
    page: 'childId',
    name: 'diagram %20.png',
    versions: [
      ['png?', 'v1'],
      ['png!', 'v2 of the diagram'],
    ],
  },
  { page: 'grandchildId', name: 'deep.txt', versions: [['deep down', '']] },
];

/** Creates the space, its three-level tree and every attachment version, label and property. */
export async function aSourceSpace(
  site: TestServer,
  client: ConfluenceClient,
  spaceKey: string,
  workDir: string,
): Promise<SourceTree> {
  await aSpace(site, spaceKey);
  const rootId = String((await aPage(site, spaceKey, 'Handbook', { body: '<p>root body</p>' })).id);
  const childId = String((await aPage(site, spaceKey, 'Chapter 1 – ünïcode', { parentId: rootId })).id);
  const grandchildId = String((await aPage(site, spaceKey, 'Section 1.1', { parentId: childId })).id);
  const tree: SourceTree = { rootId, childId, grandchildId };
  for (const [index, item] of history.entries()) {
    let id: string | undefined;
    for (const [version, [content, comment]] of item.versions.entries()) {
      const file = path.join(workDir, `source-${spaceKey}-${index}-${version}`);
      await writeFile(file, content);
      const uploaded = await client.upload({
        containerId: tree[item.page],
        filePath: file,
        sizeBytes: Buffer.byteLength(content),
        name: item.name,
        mediaType: item.name.endsWith('.png') ? 'image/png' : 'text/plain',
        comment,
        ...(id !== undefined && { newVersionOf: id }),
      });
      id = uploaded.id;
    }
    if (id === undefined) continue;
    await addLabels(client, id, [
      { prefix: 'global', name: `label-${index}` },
      { prefix: 'global', name: 'kept' },
    ]);
    await setProperty(client, id, { key: 'origin', value: { index, name: item.name } });
    for (const remark of [`<p>first remark on ${item.name}</p>`, '<p>second remark</p>']) {
      await addAttachmentComment(client, id, { bodyStorage: remark });
    }
  }
  return tree;
}

export interface AttachmentSnapshot {
  page: string;
  title: string;
  versions: Array<{ sha256: string; comment: string }>;
  labels: string[];
  properties: Record<string, unknown>;
  comments: string[];
}

/**
 * What a space holds, in a form two sites can be compared by: per attachment, the page's title (made
 * unique titles compared by their start), each version's SHA-256 and comment, labels and properties.
 */
export async function snapshotOf(client: ConfluenceClient, spaceKey: string): Promise<AttachmentSnapshot[]> {
  const snapshots: AttachmentSnapshot[] = [];
  const titles = new Map<string, string>();
  for await (const container of client.listContainers({ kind: 'space', spaceKey })) {
    titles.set(container.id, container.title);
  }
  for await (const attachment of client.listAttachments({ kind: 'space', spaceKey })) {
    const versions = (await client.listVersions(attachment)).sort((a, b) => a.number - b.number);
    const hashes = [];
    for (const version of versions) {
      hashes.push({
        sha256: await client.sha256Of(attachment, version.number),
        comment: version.message,
      });
    }
    const properties: Record<string, unknown> = {};
    for (const property of await listProperties(client, attachment.id))
      properties[property.key] = property.value;
    snapshots.push({
      page: titles.get(attachment.containerId) ?? '?',
      title: attachment.title,
      versions: hashes,
      labels: (await listLabels(client, attachment.id)).map((label) => label.name).sort(),
      properties,
      comments: (await listAttachmentComments(client, attachment.id)).map((comment) => comment.bodyStorage),
    });
  }
  return snapshots.sort((a, b) => a.title.localeCompare(b.title));
}
