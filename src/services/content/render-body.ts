import type { ContentBody } from '../../domain/content.ts';
import { badRequest } from '../../domain/errors.ts';

/** The representations Confluence renders from storage, and `storage` itself. */
export const renderedRepresentations = [
  'storage',
  'view',
  'export_view',
  'styled_view',
  'editor',
  'anonymous_export_view',
] as const;
export type Representation = (typeof renderedRepresentations)[number] | 'atlas_doc_format';

export interface RenderContext {
  /** Context-relative base for servlet links, e.g. `/wiki` on Cloud paths. */
  context: string;
  /** The page whose attachments `<ri:attachment>` refers to. */
  contentId: number | null;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const attribute = (tag: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1];

/**
 * Storage format is XHTML with `ac:`/`ri:` elements. The view renders the common ones (code, images and
 * links to attachments and pages) and unwraps the rest, keeping their text; enough for clients that read
 * `body.view` to show or index content, not a full macro engine.
 */
function storageToView(storage: string, context: RenderContext): string {
  let html = storage.replace(
    /<ac:structured-macro\b[^>]*ac:name="code"[^>]*>[\s\S]*?<ac:plain-text-body><!\[CDATA\[([\s\S]*?)\]\]><\/ac:plain-text-body>[\s\S]*?<\/ac:structured-macro>/g,
    (_match, code: string) => `<pre class="code">${escapeHtml(code)}</pre>`,
  );
  html = html.replace(
    /<ac:image\b[^>]*>\s*(<ri:attachment\b[^>]*\/>)\s*<\/ac:image>/g,
    (_match, ref: string) => {
      const filename = attribute(ref, 'ri:filename') ?? '';
      const src = `${context.context}/download/attachments/${context.contentId ?? ''}/${encodeURIComponent(filename)}`;
      return `<img class="confluence-embedded-image" src="${escapeHtml(src)}" alt="${escapeHtml(filename)}" />`;
    },
  );
  html = html.replace(
    /<ac:link\b[^>]*>\s*(<ri:(?:page|attachment)\b[^>]*\/>)([\s\S]*?)<\/ac:link>/g,
    (_m, ref: string, inner: string) => {
      const title = attribute(ref, 'ri:content-title') ?? attribute(ref, 'ri:filename') ?? '';
      const text =
        inner
          .replace(/<[^>]+>/g, '')
          .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
          .trim() || title;
      return `<a href="#${escapeHtml(encodeURIComponent(title))}">${escapeHtml(text)}</a>`;
    },
  );
  html = html.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_match, text: string) => escapeHtml(text));
  return html.replace(/<\/?(?:ac|ri):[^>]*>/g, '');
}

/** Atlassian Document Format to view: the text of its nodes in paragraphs. */
function adfToView(adf: string): string {
  try {
    const paragraphs: string[] = [];
    const walk = (node: unknown, into: string[]): void => {
      if (!node || typeof node !== 'object') return;
      const record = node as { type?: string; text?: string; content?: unknown[] };
      if (typeof record.text === 'string') into.push(escapeHtml(record.text));
      if (record.type === 'paragraph' || record.type === 'heading') {
        const parts: string[] = [];
        for (const child of record.content ?? []) walk(child, parts);
        paragraphs.push(`<p>${parts.join('')}</p>`);
        return;
      }
      for (const child of record.content ?? []) walk(child, into);
    };
    walk(JSON.parse(adf), paragraphs);
    return paragraphs.join('');
  } catch {
    return `<p>${escapeHtml(adf)}</p>`;
  }
}

export function renderBody(body: ContentBody, to: string, context: RenderContext): ContentBody {
  if (to === body.representation) return body;
  if (to === 'storage' || to === 'editor') {
    // ADF has no exact storage form here: its text in paragraphs serves a reader that asks for storage.
    const value = body.representation === 'atlas_doc_format' ? adfToView(body.value) : body.value;
    return { representation: to, value };
  }
  if (!(renderedRepresentations as readonly string[]).includes(to)) {
    throw badRequest(`Unsupported representation: ${to}`);
  }
  const view =
    body.representation === 'atlas_doc_format' ? adfToView(body.value) : storageToView(body.value, context);
  if (to === 'styled_view') {
    return { representation: to, value: `<html><head><title></title></head><body>${view}</body></html>` };
  }
  return { representation: to, value: view };
}
