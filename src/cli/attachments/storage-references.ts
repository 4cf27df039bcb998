/**
 * The attachment references in a storage-format body: `<ri:attachment ri:filename="…">` in images, links
 * and macro parameters, qualified by a child `<ri:page>`, `<ri:blog-post>` or `<ri:content-entity>` when
 * the file is attached elsewhere (Confluence storage format). Storage format is XHTML with Confluence's
 * own namespaces and HTML entities that a strict XML parser refuses, so the elements are scanned here;
 * only the attributes of these few elements matter.
 */

export type ReferenceTarget =
  | { kind: 'self' }
  | { kind: 'content'; contentId: string }
  | { kind: 'page'; title: string; spaceKey: string | undefined }
  | { kind: 'blogpost'; title: string; spaceKey: string | undefined };

export interface AttachmentReference {
  filename: string;
  target: ReferenceTarget;
  /** Inside `<ac:image>`, `<ac:link>`, or elsewhere (a macro parameter, a bare reference). */
  usage: 'image' | 'link' | 'other';
}

const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** XML character references and the entities Confluence writes in attributes. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
    return named[entity.toLowerCase()] ?? whole;
  });
}

function attributesOf(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    attributes.set((match[1] ?? '').toLowerCase(), decodeEntities(match[2] ?? match[3] ?? ''));
  }
  return attributes;
}

function targetOf(inner: string): ReferenceTarget {
  const child = /<ri:(page|blog-post|content-entity)\b([^>]*?)\/?>/i.exec(inner);
  if (!child) return { kind: 'self' };
  const attributes = attributesOf(child[2] ?? '');
  const spaceKey = attributes.get('ri:space-key') || undefined;
  switch (child[1]?.toLowerCase()) {
    case 'content-entity':
      return { kind: 'content', contentId: attributes.get('ri:content-id') ?? '' };
    case 'blog-post':
      return { kind: 'blogpost', title: attributes.get('ri:content-title') ?? '', spaceKey };
    default:
      return { kind: 'page', title: attributes.get('ri:content-title') ?? '', spaceKey };
  }
}

/** Whether `index` lies inside an open element named `tag`, judged by the nearest opening and closing tags. */
// Confluence writes its element names in lower case, as matched here.
function inside(storage: string, index: number, tag: string): boolean {
  return storage.lastIndexOf(`<${tag}`, index) > storage.lastIndexOf(`</${tag}>`, index);
}

export function attachmentReferences(storage: string): AttachmentReference[] {
  const references: AttachmentReference[] = [];
  const element = /<ri:attachment\b([^>]*?)(\/?)>/gi;
  for (let match = element.exec(storage); match !== null; match = element.exec(storage)) {
    const filename = attributesOf(match[1] ?? '').get('ri:filename');
    let inner = '';
    if (match[2] !== '/') {
      const close = storage.indexOf('</ri:attachment>', element.lastIndex);
      inner = close === -1 ? '' : storage.slice(element.lastIndex, close);
    }
    if (filename === undefined || filename === '') continue;
    const usage = inside(storage, match.index, 'ac:image')
      ? 'image'
      : inside(storage, match.index, 'ac:link')
        ? 'link'
        : 'other';
    references.push({ filename, target: targetOf(inner), usage });
  }
  return references;
}
